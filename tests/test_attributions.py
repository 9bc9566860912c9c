"""Attributions on original example text: every kind, source type, resolution and hedge."""

from __future__ import annotations

import pytest

from accordingto.analyze import nlp
from accordingto.analyze.attributions import extract_attributions
from accordingto.model import Article, Attribution, Claim


def run(text: str, title: str | None = None) -> tuple[list[Attribution], list[Claim]]:
    article = Article(file="t.txt", uri="t.txt", text=text, title=title)
    atts, claims = extract_attributions(nlp.load()(text), article)
    for a in atts:
        for span in (a.sentence, a.content, a.cue, a.source_text, *a.hedges):
            assert span is None or span.check(text)
    for c in claims:
        assert c.span.check(text)
    return atts, claims


def one(atts: list[Attribution], fragment: str) -> Attribution:
    found = [a for a in atts if fragment in a.content.text]
    assert found, f"no attribution with {fragment!r} in {[a.content.text for a in atts]}"
    return found[0]


# ---- direct quotes -------------------------------------------------------------------------------


def test_speaker_after_curly_double_quote_with_relative_clause() -> None:
    text = (
        "The dam at Velmora held through the night.\n\n"
        "“The water rose faster than any model predicted,” said Ilse Marrow, who leads the flood office."
    )
    a = one(run(text)[0], "water rose")
    assert a.kind == "direct"
    assert a.content.text == "The water rose faster than any model predicted,"
    assert a.source == "Ilse Marrow" and a.source_type == "person"
    assert a.cue is not None and a.cue.text == "said"


def test_colon_introduced_single_quotes_and_multi_sentence() -> None:
    text = "Engineer Pavel Drost told reporters: ‘We opened the sluices at two. It was the only option left.’"
    a = one(run(text)[0], "sluices")
    assert a.kind == "direct"
    assert a.content.text == "We opened the sluices at two. It was the only option left."
    assert a.source == "Pavel Drost"


def test_straight_quotes_and_apostrophes() -> None:
    text = "Marrow's deputy, Tomas Hale, said: \"It's the river's worst week in a century.\""
    a = one(run(text)[0], "worst week")
    assert a.content.text == "It's the river's worst week in a century."
    assert a.source == "Tomas Hale"


def test_quote_continued_across_paragraphs() -> None:
    text = (
        "Ilse Marrow, the head of the flood office, told the Velmora Herald: “The first wall held. The second "
        "one did not.\n\n“By morning the lower town was under a metre of water.”\n\nRepairs begin on Monday."
    )
    a = one(run(text)[0], "first wall")
    assert a.kind == "direct"
    assert a.content.text.startswith("The first wall held.")
    assert a.content.text.endswith("under a metre of water.")
    assert "\n\n“By morning" in a.content.text
    assert a.recipient_or_medium and "Herald" in a.recipient_or_medium
    assert [v.lower() for v in a.via] == ["the velmora herald"]


def test_continuation_quote_without_speaker_inherits_source_and_relay() -> None:
    text = (
        "“We will rebuild every bridge,” Mayor Anja Korvel said, according to the council. "
        "“Nobody will be left behind.”"
    )
    atts = run(text)[0]
    first, second = one(atts, "rebuild"), one(atts, "left behind")
    assert first.source == second.source == "Anja Korvel"
    assert first.via == ["the council"]
    assert second.via == ["the council"] and second.cue is None and second.source_text is None


def test_question_polarity_from_a_quoted_question() -> None:
    text = "One resident asked: “Why did nobody warn us before the water came?”"
    a = one(run(text)[0], "nobody warn")
    assert a.polarity == "question" and a.source_type == "anonymous"


# ---- indirect, mixed, according to -----------------------------------------------------------------


def test_indirect_with_that_clause_and_polarities() -> None:
    text = (
        "The regional ministry warned that more rain would fall on Thursday. "
        "The operator denied that the gates had been left open. "
        "Residents accused the operator of ignoring the forecasts."
    )
    atts = run(text)[0]
    warn = one(atts, "more rain")
    assert warn.kind == "indirect" and warn.polarity == "warn"
    assert warn.content.text == "more rain would fall on Thursday"
    assert warn.source_type == "government"
    assert one(atts, "gates had been left open").polarity == "deny"
    accuse = one(atts, "ignoring the forecasts")
    assert accuse.polarity == "accuse" and accuse.source_type == "anonymous"


def test_inverted_reporting_clause_after_the_content() -> None:
    text = "The levee will be raised by two metres before winter, said Rolf Edberg, a hydrologist at the university."
    a = one(run(text)[0], "levee will be raised")
    assert a.kind == "indirect" and a.source == "Rolf Edberg"
    assert a.source_role and "hydrologist" in a.source_role


def test_mixed_quote_fragment_inside_indirect_speech() -> None:
    text = "Rolf Edberg said the old embankment was “a disaster waiting to happen” for years."
    a = one(run(text)[0], "embankment")
    assert a.kind == "mixed"


def test_according_to_with_outlet_relay() -> None:
    text = (
        "According to Nadia Fenwick, a spokeswoman for the insurers, claims have passed 4,000, "
        "the Velmora Herald reports."
    )
    atts = run(text)[0]
    assert len(atts) == 1
    a = atts[0]
    assert a.kind == "according_to" and a.source == "Nadia Fenwick"
    assert a.content.text == "claims have passed 4,000"
    assert [v.lower() for v in a.via] == ["the velmora herald"]


def test_document_and_government_metonym_sources() -> None:
    text = (
        "The spillway was never tested, according to an internal inspection report. "
        "Brussels has denied any responsibility for the delay."
    )
    atts = run(text)[0]
    doc = one(atts, "spillway")
    assert doc.kind == "according_to" and doc.source_type == "document"
    gov = one(atts, "responsibility")
    assert gov.source_type == "government" and gov.polarity == "deny"


def test_told_an_outlet_puts_it_in_via_but_a_directive_does_not() -> None:
    text = (
        "A senior engineer told the Evening Courier that the pumps had failed twice. "
        "The governor told the army to stand by."
    )
    atts = run(text)[0]
    a = one(atts, "pumps had failed")
    assert a.source_type == "anonymous" and a.via == ["the Evening Courier"]
    b = one(atts, "stand by")
    assert b.via == [] and b.recipient_or_medium == "the army"


# ---- source resolution ---------------------------------------------------------------------------


def test_pronoun_resolves_to_last_speaker_not_last_person() -> None:
    text = (
        "Rolf Edberg, a hydrologist, said the river had peaked.\n\n"
        "Edberg criticised the mayor, Anja Korvel, for the delay.\n\n"
        "He added: “The next flood will be worse unless the levee is raised.”"
    )
    a = one(run(text)[0], "next flood")
    assert a.source == "Rolf Edberg"
    assert a.source_text is not None and a.source_text.text == "He"


def test_description_resolves_to_earlier_anonymous_source() -> None:
    text = (
        "A retired army engineer, who asked not to be named, said the gates were opened too late.\n\n"
        "The engineer added that the sirens had not worked."
    )
    atts = run(text)[0]
    first, second = one(atts, "gates were opened"), one(atts, "sirens")
    assert first.source_type == second.source_type == "anonymous"
    assert second.source == first.source


def test_another_said_continues_the_anonymous_series_and_its_outlet() -> None:
    text = (
        "One farmer told the Evening Courier: ‘We lost the whole harvest in a night.’\n\n"
        "Another said: ‘The compensation will not cover the seed for next year.’"
    )
    atts = run(text)[0]
    second = one(atts, "compensation")
    assert second.source_type == "anonymous"
    assert second.via == ["the Evening Courier"]


def test_role_from_title_before_the_name() -> None:
    text = "Council spokesman Jonas Pirn said the schools would reopen on Monday."
    a = one(run(text)[0], "schools would reopen")
    assert a.source == "Jonas Pirn" and a.source_role == "Council spokesman"


# ---- hedges and claims -----------------------------------------------------------------------------


def test_hedges_attach_to_the_attribution_they_weaken() -> None:
    text = (
        "Rolf Edberg claimed the river may rise again. "
        "According to the insurers, an estimated 900 homes were flooded."
    )
    atts = run(text)[0]
    assert sorted(h.text for h in one(atts, "river may rise").hedges) == ["claimed", "may"]
    assert [h.text for h in one(atts, "900 homes").hedges] == ["an estimated"]


def test_unattributed_hedged_sentences_and_headline_scare_quotes() -> None:
    text = (
        "Velmora ‘Abandoned’ As Flood Waters Rise\n\n"
        "The mayor is said to have left the town on Friday. "
        "The pumps were probably switched off. The bridge reopened at noon."
    )
    _, claims = run(text, title="Velmora ‘Abandoned’ As Flood Waters Rise")
    hedged = [c.span.text for c in claims if c.certainty == "hedged"]
    assert "Velmora ‘Abandoned’ As Flood Waters Rise" in hedged
    assert "The mayor is said to have left the town on Friday." in hedged
    assert "The pumps were probably switched off." in hedged
    assert "The bridge reopened at noon." not in hedged


def test_claims_index_their_attributions_and_denials() -> None:
    text = "The operator denied that the gates had been left open."
    atts, claims = run(text)
    attributed = [c for c in claims if c.attribution is not None]
    assert len(attributed) == len(atts) == 1
    assert attributed[0].certainty == "denied"


# ---- robustness --------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    "text",
    [
        "He said: “this quote never closes",
        "“”",
        "” stray closer and ‘ stray opener. She said “one ‘two “three” four’ five” loudly.",
        "'''\"\"\"“““”””",
        "",
        "\n\n\n",
        "“Unclosed at the end of a paragraph, and long enough to be speech\n\nNext paragraph.",
    ],
)
def test_never_raises_on_odd_quote_marks(text: str) -> None:
    atts, claims = run(text)
    assert isinstance(atts, list) and isinstance(claims, list)


def test_nested_quotes_keep_the_outer_quote_as_content() -> None:
    text = "The engineer said: “The sign read ‘no entry’ but the gate was open.”"
    a = one(run(text)[0], "sign read")
    assert a.content.text == "The sign read ‘no entry’ but the gate was open."


@pytest.mark.slow
def test_ten_thousand_sentences_in_bounded_time() -> None:
    import time

    para = (
        "“The water is still rising,” said Ilse Marrow. The council warned that roads would close. "
        "Pumps were reportedly failing. According to the insurers, claims have doubled. "
        "A farmer told the Evening Courier: ‘We lost everything.’\n\n"
    )
    text = para * 2000  # 10,000 sentences
    start = time.perf_counter()
    atts, _ = run(text)
    assert time.perf_counter() - start < 240
    assert len(atts) >= 8000


def test_quoted_as_saying_names_the_speaker_and_the_relay() -> None:
    text = "The Velmora Herald quoted Ilse Marrow as saying that the pumps had been switched off."
    a = one(run(text)[0], "pumps had been switched off")
    assert a.source == "Ilse Marrow" and a.via == ["The Velmora Herald"]


def test_parenthetical_cue_and_spokesperson_for_a_body() -> None:
    text = (
        "The toll could reach forty, the union warns, as rescuers search the lower town.\n\n"
        "A spokesman for the Interior Ministry said the inquiry would report in March."
    )
    atts = run(text)[0]
    warn = one(atts, "toll could reach forty")
    assert warn.polarity == "warn" and warn.source == "union"
    gov = one(atts, "inquiry would report")
    assert gov.source_type == "government" and gov.source == "Interior Ministry"


def test_evidential_passive_over_an_inner_report_keeps_the_holder() -> None:
    text = "Local farmers are said to believe that the dam was opened to save the city."
    a = one(run(text)[0], "dam was opened")
    assert a.source_type == "anonymous" and a.source_text is not None and "farmers" in a.source_text.text
    assert [h.text for h in a.hedges] == ["are said to"]


def test_he_does_not_pick_a_plural_speaker() -> None:
    text = (
        "Officials say the bridge will reopen in May.\n\n"
        "Jonas Pirn, the harbour master, was at the scene. “The current is still too strong,” he said."
    )
    a = one(run(text)[0], "current is still too strong")
    assert a.source == "Jonas Pirn"


def test_random_mixtures_of_words_and_marks_never_raise() -> None:
    from hypothesis import HealthCheck, given, settings
    from hypothesis import strategies as st

    pieces = st.sampled_from(
        ["said", "he", "She", "told", "the Herald", "according to", "X", "that", "reportedly", ",", ".", ":",
         "“", "”", "‘", "’", "\"", "'", "\n\n", "is said to", "denied", "Mayor Anja Korvel", "it's", "may"]
    )

    @settings(max_examples=40, deadline=None, suppress_health_check=[HealthCheck.too_slow])
    @given(st.lists(pieces, max_size=40))
    def check(words: list[str]) -> None:
        run(" ".join(words))

    check()


def test_as_reported_by_an_outlet_and_councils_as_government() -> None:
    text = (
        "The ferry ran a million over budget, as reported by the Velmora Herald.\n\n"
        "The city council said it had set aside money for emergency housing."
    )
    atts = run(text)[0]
    a = one(atts, "ferry ran")
    assert a.kind == "according_to" and a.source_type == "media_outlet"
    assert one(atts, "emergency housing").source_type == "government"


def test_negated_reporting_verb_is_not_a_statement() -> None:
    atts = run("The ministry would not say whether anyone was under suspicion.")[0]
    assert atts == []


def test_split_quote_around_one_frame_and_an_untagged_name() -> None:
    text = "Ilse Marrow runs the flood office. “We tried,” she said, “but the water came too fast.”"
    atts = run(text)[0]
    assert [a.content.text for a in atts] == ["We tried,", "but the water came too fast."]
    assert {a.source for a in atts} == {"Ilse Marrow"}


def test_newsroom_verbs_make_outlets_and_relative_clause_reports() -> None:
    text = (
        "The shipyard has hired a law firm to review the contract, The Harbour Ledger has learned.\n\n"
        "Diplomats have asked the ministry for an explanation, the Gazette understands.\n\n"
        "Norvik Shipping, which the Harbour Ledger said received 4.2 million pounds, declined to comment."
    )
    atts = run(text)[0]
    learned = one(atts, "hired a law firm")
    assert learned.source_type == "media_outlet"
    tail = one(atts, "asked the ministry")
    assert tail.source_type == "media_outlet" and tail.cue is not None and tail.cue.text == "understands"
    relayed = one(atts, "received 4.2 million")
    assert relayed.cue is not None and relayed.cue.text == "said" and relayed.source_type == "media_outlet"


def test_a_reading_attributed_to_its_agent() -> None:
    text = "A statement by the mayor that the town has no need for new dams was taken by engineers to mean that he has run out of money."
    atts = run(text)[0]
    assert one(atts, "no need for new dams").source == "mayor"
    reading = one(atts, "run out of money")
    assert reading.source == "engineers" and reading.cue is not None and reading.cue.text == "was taken by"


def test_an_outlet_closing_report_becomes_the_relay_of_the_statement_inside() -> None:
    text = "The minister said in a video on Tuesday that the count was flawed, the Velmora Herald reported."
    atts = run(text)[0]
    assert len(atts) == 1
    assert atts[0].source == "minister" and atts[0].via == ["the Velmora Herald"]


# ---- polarity read from what is said ---------------------------------------------------------------


def test_accusation_shown_only_in_the_content() -> None:
    text = (
        "The tenants' leader, Ruta Galvin, said the landlord had covered up the mould reports for a year.\n\n"
        "“The board should have closed the block in spring,” said Oren Vasquez, a resident.\n\n"
        "A caretaker said the lift had been repaired twice in March."
    )
    atts = run(text)[0]
    assert one(atts, "covered up").polarity == "accuse"
    assert one(atts, "should have closed").polarity == "accuse"
    assert one(atts, "repaired twice").polarity == "assert"


def test_supposed_or_self_confessed_misconduct_is_not_an_accusation() -> None:
    text = (
        "“If the inspectors’ notes were ignored, the council has a bigger problem,” said auditor Lene Sorvik.\n\n"
        "The surveyor said the tower lies on an old river bed."
    )
    atts = run(text)[0]
    assert one(atts, "inspectors").polarity == "assert"
    assert one(atts, "river bed").polarity == "assert"


def test_warning_from_a_condition_or_a_threat_in_the_content() -> None:
    text = (
        "Dock workers' spokesman Idris Banner said more stoppages would follow unless the port paid the back wages.\n\n"
        "“We will punish whoever sabotaged the pumps,” the rebel commander said.\n\n"
        "The harbour master said the ferry would sail at noon."
    )
    atts = run(text)[0]
    assert one(atts, "more stoppages").polarity == "warn"
    assert one(atts, "We will punish").polarity == "warn"
    assert one(atts, "ferry would sail").polarity == "assert"


def test_denial_from_a_flat_negation_in_the_content() -> None:
    text = (
        "“There is no shortage of insulin in the region,” the health board said.\n\n"
        "The clinic said it had “no record” of the complaint.\n\n"
        "“We have never seen queues like these,” a pharmacist told reporters.\n\n"
        "The board said it did not comment on individual cases."
    )
    atts = run(text)[0]
    assert one(atts, "no shortage").polarity == "deny"
    assert one(atts, "no record").polarity == "deny"
    assert one(atts, "never seen queues").polarity == "assert"
    assert one(atts, "individual cases").polarity == "assert"


def test_a_reporting_verb_hanging_off_an_accusation_inherits_it() -> None:
    text = "Parents accused the school of negligence, saying the fire doors had been chained for weeks."
    assert one(run(text)[0], "fire doors").polarity == "accuse"


def test_question_polarity_from_a_question_mark_in_a_multi_sentence_quote() -> None:
    text = "“Who signed the order? Nobody will tell us,” said Mirela Tosk, whose shop burned."
    assert one(run(text)[0], "Who signed").polarity == "question"


def test_negated_misconduct_and_a_second_clause_are_denials() -> None:
    text = (
        "A ministry source insisted: “Nobody is hiding the ballots. The count goes on.”\n\n"
        "The contractor told reporters that the firm had billed the agreed rate and that he had never met the inspector."
    )
    atts = run(text)[0]
    assert one(atts, "Nobody is hiding").polarity == "deny"
    assert one(atts, "never met").polarity == "deny"


def test_an_embedded_question_is_not_a_denial() -> None:
    text = "“The issue is not who paid, but why it was not reported,” said the auditor, Vera Lindqvist."
    assert one(run(text)[0], "who paid").polarity == "assert"


def test_asking_a_wh_question_and_fearing_are_question_and_warning() -> None:
    text = (
        "Parents ask why the school bus was cancelled without notice.\n\n"
        "Doctors fear the outbreak will spread to the northern valleys."
    )
    atts = run(text)[0]
    assert one(atts, "bus was cancelled").polarity == "question"
    assert one(atts, "outbreak will spread").polarity == "warn"


# ---- source types ----------------------------------------------------------------------------------


def test_a_long_title_before_a_name_is_a_person() -> None:
    text = "Deputy Harbour Master Ilona Petrak said the channel would reopen on Friday."
    a = one(run(text)[0], "channel would reopen")
    assert a.source == "Ilona Petrak" and a.source_type == "person"


def test_prosecutors_and_a_chamber_of_commerce_are_typed_as_bodies() -> None:
    text = (
        "Prosecutors said they had frozen the accounts of three shipping firms.\n\n"
        "A spokeswoman for the regional prosecutor said the inquiry would take months.\n\n"
        "The Lindau Chamber of Commerce said exports had fallen for a third month."
    )
    atts = run(text)[0]
    assert one(atts, "frozen the accounts").source_type == "government"
    assert one(atts, "inquiry would take").source_type == "government"
    assert one(atts, "exports had fallen").source_type == "organisation"


def test_a_tally_is_a_document_source() -> None:
    text = "The mayor won 54 per cent of the vote, according to a tally published by the election board."
    assert one(run(text)[0], "54 per cent").source_type == "document"


# ---- false positives -------------------------------------------------------------------------------


def test_nobody_is_not_a_source() -> None:
    text = "‘Nobody disputes that the bridge needed repairs,’ the engineer Jonas Pell told the Courier."
    atts = run(text)[0]
    assert [a.source for a in atts] == ["Jonas Pell"]


def test_an_order_received_in_the_passive_is_not_a_statement() -> None:
    text = (
        "The clerk told the tribunal that she had flagged the invoices in May and had been told to say nothing.\n\n"
        "The fund was praised by the regulator for its “clear reporting”."
    )
    atts = run(text)[0]
    assert [a.content.text for a in atts if "say nothing" in a.content.text and a.content.text.startswith("to")] == []
    assert one(atts, "flagged the invoices").source_type == "anonymous"
    assert one(atts, "clear reporting").source == "regulator"


def test_a_frame_in_mid_sentence_reports_what_follows_it() -> None:
    text = "In every district, the inspectors found, the newest school was the most crowded."
    a = one(run(text)[0], "newest school")
    assert a.content.text == "the newest school was the most crowded"
    assert a.source == "inspectors"


def test_an_as_reported_aside_around_a_statement_is_its_relay() -> None:
    text = "The audit, as first reported by the Harbour Times on Friday, warned that the dredging contract was overpriced."
    atts = run(text)[0]
    assert len(atts) == 1
    assert atts[0].source_type == "document" and [v.removeprefix("the ") for v in atts[0].via] == ["Harbour Times"]


def test_objects_that_are_addressees_or_appointments_are_not_contents() -> None:
    text = (
        "The inspector warned the harbour office in June.\n\n"
        "The chairwoman called an extra board meeting for Monday morning.\n\n"
        "If the audit confirms the shortfall, the director will resign.\n\n"
        "The coastguard warned residents to stay away from the cliffs."
    )
    atts = run(text)[0]
    assert [a.content.text for a in atts] == ["to stay away from the cliffs"]


def test_he_or_she_prefers_a_person_made_subject_after_the_last_speaker() -> None:
    text = (
        "The harbour master, Tove Lindgren, said the quay would reopen on Monday.\n\n"
        "Union leader Sami Okafor visited the site on Friday. He said: “Nobody has asked the crews.”"
    )
    atts = run(text)[0]
    assert one(atts, "Nobody has asked").source == "Sami Okafor"
    assert one(atts, "quay would reopen").source == "Tove Lindgren"


def test_a_spokesperson_speaks_for_the_person_named_or_meant() -> None:
    text = (
        "Finance Minister Edda Holm left the chamber early. Her spokeswoman said she had “full confidence” in the board.\n\n"
        "A spokesman for Holm said she would testify next week."
    )
    atts = run(text)[0]
    for fragment in ("full confidence", "testify next week"):
        a = one(atts, fragment)
        assert a.source == "Edda Holm" and a.source_type == "person"


def test_newsrooms_named_by_a_common_noun_or_as_authors_are_outlets() -> None:
    text = (
        "The story was first carried by the Valley Courier. The newspaper revealed that inspectors had flagged cracks.\n\n"
        "The contract was signed in haste, according to an investigation by the Valley Courier.\n\n"
        "Regional media reported that the bridge had been closed twice."
    )
    atts = run(text)[0]
    assert one(atts, "closed twice").source_type == "media_outlet"
    cracks = one(atts, "flagged cracks")
    assert cracks.source_type == "media_outlet" and cracks.source == "Valley Courier"
    haste = one(atts, "signed in haste")
    assert haste.source_type == "media_outlet" and haste.source == "Valley Courier"


def test_a_duty_said_done_in_full_is_a_denial() -> None:
    text = (
        "The operator said it had complied at all times with the safety code.\n\n"
        "Her lawyer said she had acted on every warning she received.\n\n"
        "The airline said it was cooperating fully with investigators.\n\n"
        "The club said it had followed a new training plan."
    )
    atts = run(text)[0]
    assert one(atts, "complied at all times").polarity == "deny"
    assert one(atts, "every warning").polarity == "deny"
    assert one(atts, "cooperating fully").polarity == "assert"
    assert one(atts, "new training plan").polarity == "assert"


def test_a_closing_outlet_frame_parsed_onto_the_inner_clause_is_still_a_relay() -> None:
    text = "The shipyard, which built both ferries, said its own audit would be published in May, the Valley Courier reported on Friday."
    atts = run(text)[0]
    assert len(atts) == 1
    a = atts[0]
    assert a.content.text == "its own audit would be published in May"
    assert a.cue is not None and a.cue.text == "said"
    assert [v.removeprefix("the ") for v in a.via] == ["Valley Courier"]


def test_an_according_to_aside_closing_a_report_is_its_relay() -> None:
    text = (
        "The port director, Hanne Voss, told the council on Monday that the cranes had been idle for a month, "
        "according to minutes published by the council."
    )
    atts = run(text)[0]
    assert len(atts) == 1
    a = atts[0]
    assert a.source == "Hanne Voss" and a.content.text == "the cranes had been idle for a month"
    assert a.via and "minutes" in a.via[0]


def test_a_question_put_and_a_victory_claimed_are_not_reports() -> None:
    text = (
        "The mayor, Ines Carvalho, spoke at the count. Asked whether she would seek a recount, she replied: “No. The numbers are clear.”\n\n"
        "Carvalho claimed victory at a rally on Monday. “The city has chosen,” she told supporters."
    )
    atts = run(text)[0]
    assert [a.cue.text for a in atts if a.cue is not None] == ["replied", "told"]
    assert one(atts, "The city has chosen").source == "Ines Carvalho"


def test_a_document_first_published_by_an_outlet_reached_us_through_it() -> None:
    text = (
        "The audit, first published by the Valley Courier last week, said the council had overpaid for the tram.\n\n"
        "According to minutes seen by the Valley Courier, the board met twice."
    )
    atts = run(text)[0]
    assert [v.removeprefix("the ") for v in one(atts, "overpaid for the tram").via] == ["Valley Courier"]
    assert one(atts, "board met twice").via == []


def test_an_estimate_is_hedged_by_its_cue() -> None:
    text = "The port authority estimated that the closure had cost shippers 2 million euros a day."
    a = one(run(text)[0], "closure had cost")
    assert [h.text for h in a.hedges] == ["estimated"]


def test_a_failure_pinned_on_people_is_an_accusation() -> None:
    text = (
        "The analyst told reporters: “The generals have failed by not giving the president a real picture.”\n\n"
        "The engineer said the pumps failed to start."
    )
    atts = run(text)[0]
    assert one(atts, "generals have failed").polarity == "accuse"
    assert one(atts, "pumps failed").polarity == "assert"


def test_a_gerund_after_deny_or_admit_is_the_content() -> None:
    text = "The treasurer denied moving the funds. Her deputy admitted signing the transfer."
    atts = run(text)[0]
    moved = one(atts, "moving the funds")
    assert moved.polarity == "deny" and moved.content.text == "moving the funds"
    assert one(atts, "signing the transfer").cue.text == "admitted"


def test_denied_that_and_accused_are_two_acts_of_one_speaker() -> None:
    text = "The mayor, Ines Carvalho, denied that the tender had been rigged and accused the auditors of leaking drafts."
    atts = run(text)[0]
    denial = one(atts, "tender had been rigged")
    assert denial.polarity == "deny" and denial.content.text == "the tender had been rigged"
    accusation = one(atts, "leaking drafts")
    assert accusation.polarity == "accuse" and accusation.source == "Ines Carvalho"


def test_a_court_order_is_an_act_not_a_report() -> None:
    text = (
        "A court in Sarvik ordered the bus driver to be held in custody for 14 days. "
        "His lawyer, Ines Molnar, said he would appeal."
    )
    atts = run(text)[0]
    assert [a.source for a in atts] == ["Ines Molnar"]


@pytest.mark.parametrize(
    ("text", "source"),
    [
        ("The depot failed two inspections, according to documents seen by the Valley Courier.", "documents"),
        ("The memo, dated 3 May and addressed to the deputy minister, warned that the price was too high.", "memo"),
        ("A report on the bridge collapse found that two bolts had sheared.", "report on the bridge collapse"),
        ("A tally sheet obtained by reporters shows the governor losing by 9,000 votes.", "tally sheet"),
    ],
)
def test_a_document_is_named_without_who_saw_it_or_when(text: str, source: str) -> None:
    atts = run(text)[0]
    assert [(a.source, a.source_type) for a in atts] == [(source, "document")]


def test_a_directive_reports_its_whole_order() -> None:
    # The small model hangs "shut" on "told" and reads "to stay" as a purpose clause.
    text = (
        "The county health office told residents within three kilometres of the plant to stay "
        "indoors with their windows shut."
    )
    a = one(run(text)[0], "stay indoors")
    assert a.content.text.startswith("to stay indoors") and a.content.text.endswith("windows shut")


def test_a_report_still_to_be_made_is_not_one() -> None:
    text = (
        "Councillor Rosa Imre said she would ask the city auditor to examine the contract. "
        "The mayor will announce the results next week."
    )
    atts = run(text)[0]
    assert [(a.source, a.content.text) for a in atts] == [
        ("Rosa Imre", "she would ask the city auditor to examine the contract")
    ]


@pytest.mark.parametrize(
    "text",
    [
        "A court in Lindholm ordered the skipper to be held in custody for 20 days, rejecting a request for house arrest.",
        "The tribunal remanded the cashier for a month, denying him bail.",
        "The planning board rejected an appeal by the harbour residents.",
        "Vesna Toral declined the offer, and the port authority turned down a bid from Halden Freight.",
        "The harbourmaster denied the request for comment.",
    ],
)
def test_refusing_a_request_or_bail_is_an_act_not_a_report(text: str) -> None:
    assert run(text)[0] == []


def test_rejecting_what_was_said_is_still_a_denial() -> None:
    text = "The harbour board rejected the appeal's claim that the quay had been unsafe for years."
    atts = run(text)[0]
    denial = one(atts, "quay had been unsafe")
    assert denial.polarity == "deny" and denial.cue is not None and denial.cue.text == "rejected"


def test_questioning_a_person_described_by_a_participle_is_no_question_reported() -> None:
    text = (
        "The harbour police said that they had questioned Captain Ivo Marsh, the suspended pilot of the ferry, "
        "as a witness."
    )
    atts = run(text)[0]
    assert [a.cue.text for a in atts if a.cue is not None] == ["said"]


def test_those_said_to_have_been_promised_something_made_no_promise() -> None:
    text = "Two harbour pilots are believed to have been promised a pay rise in exchange for their silence."
    atts = run(text)[0]
    assert not any(a.source == "harbour pilots" or (a.cue is not None and a.cue.text == "promised") for a in atts)


def test_a_clause_asking_for_something_is_no_frame_around_what_precedes_it() -> None:
    text = (
        "The balance was paid from the city's reserve fund after the shipyard, Vossberg Werft, asked for "
        "more money to cover the rising price of steel and copper."
    )
    atts = run(text)[0]
    assert not any(a.content.text.startswith("The balance was paid") for a in atts)


def test_a_clause_closed_by_a_semicolon_is_not_what_the_next_cue_reports() -> None:
    text = "The port authority has not confirmed the figure; the union calls it “a guess”."
    atts = run(text)[0]
    assert not any(a.content.text.startswith("The port authority") for a in atts)


@pytest.mark.parametrize(
    ("text", "content", "polarity"),
    [
        ("The port authority has not confirmed the figure; the union calls it “unverified”.", "it “unverified”", "deny"),
        ("The ferry operator called the report a fabrication.", "the report a fabrication", "deny"),
        ("The dockers' union called the offer an insult.", "the offer an insult", "assert"),
    ],
)
def test_what_a_speaker_calls_something_is_reported(text: str, content: str, polarity: str) -> None:
    a = one(run(text)[0], content.split()[-1].strip("“”"))
    assert a.content.text == content and a.polarity == polarity


def test_the_day_of_an_announcement_is_not_what_was_announced() -> None:
    text = (
        "The Harbour Party announced the petition on Thursday in a post on its website, saying the board "
        "had lost the trust of the port."
    )
    a = one(run(text)[0], "petition")
    assert a.content.text == "the petition"


@pytest.mark.parametrize(
    ("text", "thing"),
    [
        ("The dockers' union said the fine showed that the operator had cut corners for years.", "fine"),
        ("The union said the figures proved the depot was unsafe.", "figures"),
        ("Councillor Ada Brink said the leaked invoice demonstrated that the contract was padded.", "invoice"),
    ],
)
def test_what_a_thing_shows_inside_another_speakers_report_is_that_speakers_argument(text: str, thing: str) -> None:
    atts = run(text)[0]
    assert len(atts) == 1 and thing in atts[0].content.text and atts[0].cue.text == "said"


def test_people_confirming_inside_another_report_still_report() -> None:
    atts = run("The mayor said the auditors had confirmed that the books were clean.")[0]
    assert any(a.source == "auditors" and a.content.text == "the books were clean" for a in atts)


def test_a_that_clause_hung_on_a_phrase_after_the_cue_is_still_the_report() -> None:
    text = "Korvel told the council before the vote that she had made errors of judgment."
    a = one(run(text)[0], "errors of judgment")
    assert a.content.text == "she had made errors of judgment" and a.cue.text == "told"


def test_a_call_for_someone_to_act_reports_who_is_to_act() -> None:
    a = one(run("Harbour residents have called for the mayor to resign before the summer.")[0], "resign")
    assert a.content.text == "for the mayor to resign before the summer" and a.cue.text == "called"


@pytest.mark.parametrize(
    ("text", "source"),
    [
        ("The new lock gate entered service on Monday, a year later than planned, city council papers show.",
         "city council papers"),
        ("Three more inspectors at the port are expected to be moved to other posts, Harbour Radio understands.",
         "Harbour Radio"),
    ],
)
def test_a_closing_frame_whose_subject_the_parser_compounded_onto_the_cue(text: str, source: str) -> None:
    # the small model reads "documents show" / "Radio understands" as compounds on the cue
    atts = run(text)[0]
    assert [a.source for a in atts] == [source]


def test_a_cue_the_tagger_made_a_noun_still_reports_its_clause() -> None:
    # the small model tags "point" as a noun here, with the subject and the clause hung on it
    a = one(run("His friends in the union point out that he has never been convicted.")[0], "convicted")
    assert a.cue.text == "point out" and a.source_text.text == "His friends in the union"


@pytest.mark.parametrize(
    ("text", "content"),
    [
        ("The last victim, a crane driver, was identified through DNA tests, the ministry said; his family asked for privacy.",
         "The last victim, a crane driver, was identified through DNA tests"),
        ("The ministry said the port was safe; its critics disagree.", "the port was safe"),
    ],
)
def test_a_semicolon_ends_what_was_said(text: str, content: str) -> None:
    atts = run(text)[0]
    assert [a.content.text for a in atts] == [content]


def test_a_speaker_set_off_inside_an_opening_phrase_is_still_the_subject() -> None:
    text = "In a letter to our reporters, Halden's chief executive, Ola Prys, wrote that the company had no knowledge of the link."
    a = one(run(text)[0], "no knowledge")
    assert a.source == "Ola Prys" and a.content.text == "the company had no knowledge of the link"


@pytest.mark.parametrize(
    "text",
    [
        "Wexley’s chief executive, Alistair Pryce, said the firm had no knowledge of the deal.",
        "In a letter to the Herald, Brannock’s chief executive, Alistair Pryce, wrote that the firm had no knowledge of the deal.",
    ],
)
def test_a_name_in_apposition_to_a_title_is_a_person_whatever_the_tagger_says(text: str) -> None:
    # the small model tags "Alistair Pryce" as an organisation here
    a = one(run(text)[0], "no knowledge")
    assert (a.source, a.source_type) == ("Alistair Pryce", "person")


@pytest.mark.parametrize(
    ("text", "content"),
    [
        ("The organisers put it at more than 9,000.", "it at more than 9,000"),
        ("Harbour police put the crowd at 4,000.", "the crowd at 4,000"),
        ("As the mayor put it, the port is the city's lungs.", "the port is the city's lungs"),
    ],
)
def test_putting_a_figure_on_something_is_an_estimate_reported(text: str, content: str) -> None:
    assert one(run(text)[0], content).content.text == content


@pytest.mark.parametrize("text", ["The council put pressure on the firm.", "They placed the flowers at the gate."])
def test_putting_or_placing_without_a_figure_reports_nothing(text: str) -> None:
    assert run(text)[0] == []


@pytest.mark.parametrize(
    ("text", "content"),
    [
        ("“This is not a typing mistake,” the letter’s authors, two engineers of the port authority’s safety office, wrote.",
         "This is not a typing mistake,"),
        ("“We left with whatever we could carry,” Mirela Tosk, a 71-year-old retired nurse from the old town, told Harbour Radio.",
         "We left with whatever we could carry,"),
    ],
)
def test_a_long_speaker_after_the_quote_still_frames_it(text: str, content: str) -> None:
    a = one(run(text)[0], content[:12])
    assert a.kind == "direct" and a.content.text == content


@pytest.mark.parametrize(
    "text",
    [
        "The harbour board denied reports that it had hidden the inspection results.",
        "The ferry operator rejected the claim that its crews were untrained.",
    ],
)
def test_a_claim_someone_denies_is_not_also_their_claim(text: str) -> None:
    atts = run(text)[0]
    assert [a.polarity for a in atts] == ["deny"]


def test_a_denied_claim_with_a_named_holder_stays_theirs() -> None:
    atts = run("The ferry operator rejected the union's claim that its crews were untrained.")[0]
    assert sorted((a.source, a.polarity) for a in atts) == [("ferry operator", "deny"), ("union", "assert")]


def test_inside_a_speakers_quote_they_is_never_the_speaker() -> None:
    text = "One fisherman told Harbour Radio: 'They think we are fools down here on the coast.'"
    atts = run(text)[0]
    assert [(a.source, a.kind) for a in atts] == [("fisherman", "direct")]
