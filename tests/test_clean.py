"""clean on plain-text scrapes: body versus boilerplate, headline, outlet, date.

The articles below are written for these tests (fictional events) and carry furniture of
other sites than the seed articles: other agencies, promo wordings, bylines, datelines.
"""

from __future__ import annotations

from hypothesis import given, settings
from hypothesis import strategies as st

from accordingto.clean import clean
from accordingto.model import RawDocument


def run(text: str, **hints: str):
    return clean(RawDocument(file="t.txt", uri="t.txt", content=text, format="text", hints=hints))


def paragraphs(article) -> list[str]:
    return article.text.split("\n\n")


TABLOID = """\
Allow notifications to get the latest breaking news straight to your device

We use cookies to give you the best experience. By continuing to browse you agree to our cookie policy.
Accept all cookies

Seaside town plunged into darkness for third night as engineers hunt fault
By Harriet Ellison | March 3, 2024

Residents of Marrowby were left without power for a third night running on Saturday after a fault at the town's only substation defeated repair crews.

The outage hit about 4,000 homes, the network operator said.

Engineers at the substation on Sunday morning.
Tom Reddaway/PA Wire

A shopkeeper on the high street said: "We have thrown away hundreds of pounds of frozen food."

Council Leaders Demand Answers Over Grid Failures

The operator said it expected to restore supply by Monday evening and apologised for the disruption.

Sign up to our daily newsletter for the stories that matter, delivered to your inbox.

Related:
• Storm Warnings Issued For Northern Coast
• Why your energy bill could rise in April
• Fishermen count cost of winter storms

Tags: Energy, Weather, Marrowby
"""


def test_tabloid_split_title_and_byline_date():
    a = run(TABLOID)
    assert a.title == "Seaside town plunged into darkness for third night as engineers hunt fault"
    assert paragraphs(a) == [
        "Seaside town plunged into darkness for third night as engineers hunt fault",
        "Residents of Marrowby were left without power for a third night running on Saturday after a fault at the town's only substation defeated repair crews.",
        "The outage hit about 4,000 homes, the network operator said.",
        'A shopkeeper on the high street said: "We have thrown away hundreds of pounds of frozen food."',
        "The operator said it expected to restore supply by Monday evening and apologised for the disruption.",
    ]
    assert a.boilerplate == [
        "Allow notifications to get the latest breaking news straight to your device",
        "We use cookies to give you the best experience. By continuing to browse you agree to our cookie policy.",
        "Accept all cookies",
        "By Harriet Ellison | March 3, 2024",
        "Engineers at the substation on Sunday morning.",
        "Tom Reddaway/PA Wire",
        "Council Leaders Demand Answers Over Grid Failures",
        "Sign up to our daily newsletter for the stories that matter, delivered to your inbox.",
        "Related:",
        "• Storm Warnings Issued For Northern Coast",
        "• Why your energy bill could rise in April",
        "• Fishermen count cost of winter storms",
        "Tags: Energy, Weather, Marrowby",
    ]
    assert a.published is not None and a.published.value == "2024-03-03"
    assert a.published.evidence == "By Harriet Ellison | March 3, 2024"
    assert a.published_estimate is not None and a.published_estimate.earliest == "2024-03-03"
    assert a.outlet is None  # nothing in the text names the publisher


WIRE = """\
Central bank holds rates as inflation cools faster than expected

LONDON (Reuters) - The Bank of Albion kept interest rates unchanged on Thursday but signalled that cuts could come this summer, after inflation fell for a fourth month in a row.

"We are not there yet, but we are getting closer," Governor Maria Okafor told reporters.

Markets had priced in a small chance of a cut.

Reporting by Daniel Price; Editing by Susan Lowe
"""


def test_wire_dateline_names_the_agency():
    a = run(WIRE)
    assert a.title == "Central bank holds rates as inflation cools faster than expected"
    assert a.boilerplate == ["Reporting by Daniel Price; Editing by Susan Lowe"]
    assert a.outlet is not None and a.outlet.value == "Reuters"
    assert a.outlet.evidence == "LONDON (Reuters) -"
    assert a.republished_from is None
    # The dateline stays in the body: it is part of the first paragraph's line.
    assert paragraphs(a)[1].startswith("LONDON (Reuters) - The Bank of Albion")


MAGAZINE = """\
EXCLUSIVE
Hospital waiting lists fall for the first time in two years, figures show

Ministers hail 'turning point' but doctors warn winter will test the recovery

Waiting lists for planned hospital treatment fell by 40,000 in January, the first drop since early 2022, according to official figures published on Thursday.

Nurses at a ward in Bristol. (Image: Getty Images)

Video Player is loading.
Play Video

What the figures show

  - The number of patients waiting more than a year fell to 210,000.
  - Ambulance response times improved in every region.

The health secretary said the figures were "a turning point", but the Royal College of Physicians said staff shortages remained severe.

MORE: Junior doctors announce new strike dates

Share this article

Subscribe now for unlimited access to our award-winning journalism.

This article originally appeared on The Conversation.

Leave a Reply
"""


def test_magazine_furniture_and_syndication_marker():
    a = run(MAGAZINE)
    assert a.title == "Hospital waiting lists fall for the first time in two years, figures show"
    body = paragraphs(a)
    assert body[0] == a.title
    assert "Ministers hail 'turning point' but doctors warn winter will test the recovery" in body
    assert "What the figures show" in body  # a section heading is body
    assert "- The number of patients waiting more than a year fell to 210,000." in body
    assert a.boilerplate == [
        "EXCLUSIVE",
        "Nurses at a ward in Bristol. (Image: Getty Images)",
        "Video Player is loading.",
        "Play Video",
        "MORE: Junior doctors announce new strike dates",
        "Share this article",
        "Subscribe now for unlimited access to our award-winning journalism.",
        "This article originally appeared on The Conversation.",
        "Leave a Reply",
    ]
    # An explicit re-publication marker names the original even when the host is unknown.
    assert a.republished_from is not None and a.republished_from.value == "The Conversation"
    assert a.republished_from.evidence == "This article originally appeared on The Conversation."


AGGREGATOR = """\
Mayor quits after row over city budget

Published: 14 February 2023, 09:12 GMT
Updated: 15 February 2023

The mayor of Eastholm resigned on Tuesday after councillors rejected his budget for a second time.

He said in a statement that he had "lost the confidence of the chamber".

Image: Eastholm Council

Please enter your comment!
Please enter your name here
You have entered an incorrect email address!

More stories

Local Bakery Wins National Award
The family-run bakery beat 300 entries to take the top prize...
Road closures planned for marathon weekend
Runners will pass through the old town twice...

Source: Associated Press
"""


def test_aggregator_related_box_comment_form_and_source_line():
    a = run(AGGREGATOR)
    assert paragraphs(a) == [
        "Mayor quits after row over city budget",
        "The mayor of Eastholm resigned on Tuesday after councillors rejected his budget for a second time.",
        'He said in a statement that he had "lost the confidence of the chamber".',
    ]
    assert "Source: Associated Press" in a.boilerplate
    assert "Road closures planned for marathon weekend" in a.boilerplate
    assert "Runners will pass through the old town twice..." in a.boilerplate
    assert a.published is not None and a.published.value == "2023-02-14"
    # "Source: <news agency>" marks a copy of that agency's story.
    assert a.republished_from is not None and a.republished_from.value == "Associated Press"
    assert a.outlet is None


def test_read_more_at_names_outlet_through_alias_table():
    text = "Rail strike called off at last minute\n\nUnions called off Monday's strike.\n\nRead more at the Times of London.\n"
    a = run(text)
    assert a.outlet is not None and a.outlet.value == "The Times"
    assert a.outlet.evidence == "Read more at the Times of London."
    assert a.boilerplate == ["Read more at the Times of London."]


def test_date_header_glued_to_headline():
    a = run(
        " date 2023-11-05 Ferry operator cancels winter crossings\nSource:  Harbour Board\n\nThe operator cited fuel costs.\n"
    )
    assert a.title == "Ferry operator cancels winter crossings"
    assert paragraphs(a)[0] == "Ferry operator cancels winter crossings"
    assert a.published is not None and (a.published.value, a.published.evidence) == (
        "2023-11-05",
        "date 2023-11-05",
    )
    assert a.boilerplate == ["Source:  Harbour Board"]  # inner double space kept verbatim
    assert a.republished_from is None  # a board is a citation, not an outlet


def test_inner_whitespace_kept_and_paragraphs_single_blank_line():
    a = run("A headline that is long enough\n\n\n\n  First  line  with  doubles.  \nSecond line.\n")
    assert a.text == "A headline that is long enough\n\nFirst  line  with  doubles.\n\nSecond line."


def test_record_hints_weighed_with_text():
    text = "Ministers agree new fishing quotas\n\nQuotas for cod will fall by a tenth.\n\nRead more at The Daily Beast.\n"
    a = clean(
        RawDocument(
            file="feed.jsonl#1",
            uri="https://news.yahoo.com/fishing-quotas-1234.html",
            content=text,
            format="record",
            hints={
                "url": "https://news.yahoo.com/fishing-quotas-1234.html",
                "published": "2024-01-09T08:00:00Z",
            },
        )
    )
    # The host serving the copy is the outlet; the text's "Read more at X" names the original.
    assert a.outlet is not None and (a.outlet.value, a.outlet.origin) == ("Yahoo News", "url")
    assert a.republished_from is not None and a.republished_from.value == "The Daily Beast"
    assert a.published is not None and (a.published.value, a.published.origin) == ("2024-01-09", "record")


def test_record_title_hint_becomes_first_paragraph():
    doc = RawDocument(
        file="f#2",
        uri="f#2",
        content="The council approved the plan on Monday.\n\nWork starts in May.",
        format="record",
        hints={"title": "Council approves harbour plan", "outlet": "the Guardian"},
    )
    a = clean(doc)
    assert a.title == "Council approves harbour plan"
    assert paragraphs(a) == [
        "Council approves harbour plan",
        "The council approved the plan on Monday.",
        "Work starts in May.",
    ]
    assert a.outlet is not None and (a.outlet.value, a.outlet.origin) == ("The Guardian", "record")


def test_warc_date_is_a_fallback_only():
    doc = RawDocument(
        file="c#1",
        uri="c#1",
        content="Headline here today\n\nBody text.",
        format="text",
        hints={"warc_date": "2025-06-01T10:00:00Z"},
    )
    a = clean(doc)
    assert a.published is not None and (a.published.value, a.published.origin) == ("2025-06-01", "warc")
    assert a.published_estimate is None  # a capture date only bounds publication from above


def test_garbage_never_raises():
    for content in ["", "\n\n\n", "\x00\x01\x02", "<<<>>>", "a" * 100_000, "•\n•\n•", "©", "Source:"]:
        a = run(content)
        assert isinstance(a.text, str)
    assert run("").text == ""


# Body sentences that share words with furniture: none may be removed.
LOOKALIKES = [
    "Share prices fell sharply on Monday.",
    "Thousands of volunteers were asked to sign up.",
    "Read on to find out why.",
    "First published in 1851, the newspaper was sold last year.",
    "Supplied by the ministry, the figures show a fall.",
    "Scammers send messages that land in your inbox.",
    "(c) the defendant failed to appear.",
    "Fans never miss a game at the stadium.",
    "Photos of the scene were shared widely on social media.",
    "Getty Images said it would appeal the ruling.",
    "Reuters reported the figures on Tuesday.",
    "The company said it would join.",
    "Subscribers to the service rose by 5%, the company said.",
    "Related charges were dropped in May.",
    "Latest figures show unemployment rose.",
    "Source material was destroyed, the court heard.",
    "Share this with your neighbours, the fire chief urged residents.",
    "Copyright lawyers say the case could take years.",
    "Watch out for fake websites, police warned.",
    "By the end of the day, 40 people had been rescued.",
    "Topics discussed included trade and security.",
    "Read more about the scheme on the council website.",
]


def test_body_lookalikes_stay_body():
    a = run("A harmless headline for the lookalike test\n\n" + "\n\n".join(LOOKALIKES))
    assert a.boilerplate == []
    assert paragraphs(a)[1:] == LOOKALIKES


CREDITS = [
    "AFP via Getty Images",
    "(AP Photo/Evan Vucci)",
    "Photograph: Mark Tanner/Alamy",
    "Picture: SWNS",
    "Credit: Shutterstock",
    "Image source, Getty Images",
    "EPA-EFE/OLIVIER HOSLET",
    "Anadolu Agency via Getty Images",
]


def test_credit_variants_and_their_captions():
    blocks = []
    for n, credit in enumerate(CREDITS):
        blocks.append(f"The reservoir had been dry for a month before the rain, officials said on day {n}.")
        blocks.append(f"Volunteers fill sandbags near the river bank\n{credit}")
    a = run("Floods return to the valley after a dry spring\n\n" + "\n\n".join(blocks))
    assert a.boilerplate == [
        line for c in CREDITS for line in ("Volunteers fill sandbags near the river bank", c)
    ]
    assert len(paragraphs(a)) == 1 + len(CREDITS)


PROMOS = [
    "Want the best of our journalism? Sign up for our free daily briefing.",
    "Get our breaking news alerts delivered straight to your inbox.",
    "Already a subscriber? Log in",
    "Support our journalism. Become a member today for just £1.",
    "Download our free app for the latest news on the go.",
    "Follow us on Facebook and Instagram",
    "ADVERTISEMENT",
    "Story continues below advertisement",
    "5 min read",
    "This is a modal window.",
    "Your browser does not support the video tag.",
    "Comments (12)",
    "Reporting by Ana Lopes; Editing by Kim Barr",
    "Filed under: Transport, Rail, Strikes",
]


def test_promo_widget_and_trailer_variants():
    body = ["The rail strike will go ahead on Friday, the union said.", "Talks broke down late on Wednesday."]
    lines = [body[0], *PROMOS[:7], body[1], *PROMOS[7:]]
    a = run("Rail strike to go ahead after talks collapse\n\n" + "\n\n".join(lines))
    assert paragraphs(a)[1:] == body
    assert a.boilerplate == PROMOS


def test_reuters_style_copy_on_a_known_host_is_republished():
    text = "Grain exports rise\n\nKYIV, Ukraine (AP) — Grain exports rose in May, officials said.\n"
    a = clean(RawDocument(file="r", uri="https://www.msn.com/en-gb/news/1", content=text, format="text"))
    assert a.outlet is not None and a.outlet.value == "MSN"
    assert a.republished_from is not None
    assert (a.republished_from.value, a.republished_from.evidence) == (
        "Associated Press",
        "KYIV, Ukraine (AP) —",
    )


def test_guardian_style_date_lines():
    text = (
        "Heatwave warning issued for the south\n\n"
        "Last modified on Tue 5 Mar 2024 12.00 GMT\n\n"
        "First published on Mon 4 Mar 2024 18.00 GMT\n\n"
        "Forecasters issued an amber warning on Monday.\n"
    )
    a = run(text)
    assert a.published is not None and a.published.value == "2024-03-04"
    assert a.published.evidence == "First published on Mon 4 Mar 2024 18.00 GMT"
    assert paragraphs(a) == [
        "Heatwave warning issued for the south",
        "Forecasters issued an amber warning on Monday.",
    ]


LINE = st.text(alphabet=st.sampled_from(list("abc XYZ.:|•-©()'’\"0123456789\u00a0")), max_size=40)


@settings(max_examples=150, deadline=None)
@given(st.lists(LINE, max_size=25))
def test_every_line_is_body_or_boilerplate_verbatim(lines):
    content = "\n".join(lines)
    a = run(content)
    trimmed = [line.strip() for line in content.splitlines() if line.strip()]
    paras = a.text.split("\n\n") if a.text else []
    assert all(p in trimmed or p in content for p in paras)
    assert all(b in trimmed for b in a.boilerplate)
    # Nothing silently dropped: every line is kept once as body or boilerplate (a date
    # header glued to the headline only keeps the headline).
    assert len(paras) + len(a.boilerplate) == len(trimmed)


BROADSHEET = """\
Explained: why the harbour dredging row matters
This article is more than 2 years old

Dredging the harbour would cost 40 million euros, engineers estimate.

Photograph: Lena Marsh/Reuters

Sign up to Morning Brief, our free daily newsletter – every weekday at 7am
after newsletter promotion

The port authority says the channel must be deepened to keep large ships coming.

Opponents fear the work would destroy the oyster beds.

Explore more on these topics
Harbours
Shipping
Environment
Reuse this content
"""


def test_broadsheet_newsletter_break_and_topic_box():
    a = run(BROADSHEET)
    assert paragraphs(a) == [
        "Explained: why the harbour dredging row matters",
        "Dredging the harbour would cost 40 million euros, engineers estimate.",
        "The port authority says the channel must be deepened to keep large ships coming.",
        "Opponents fear the work would destroy the oyster beds.",
    ]
    assert a.boilerplate[0] == "This article is more than 2 years old"
    assert a.boilerplate[-5:] == [
        "Explore more on these topics",
        "Harbours",
        "Shipping",
        "Environment",
        "Reuse this content",
    ]


REDTOP = """\
Tycoon's yacht seized in dawn raid as police probe 'missing millions'

The superyacht was boarded by officers at 5am on Tuesday. (Image: GETTY)

Police said the vessel was worth at least 30 million pounds.

DON’T MISS
Billionaire’s secret island revealed in leaked papers [REVEAL]
Yacht crew ‘told to stay silent’ about guests [INSIGHT]

A spokesman for the owner said the seizure was "unlawful".

We pay for your stories! Do you have a story for our news team? Email us at tips@example.com
Get in touch with our news team by emailing us at news@example.com.
Follow our coverage across our social channels, on Facebook and Instagram.
Share your views in the comments below.
"""


def test_redtop_bracket_teasers_and_tip_lines():
    a = run(REDTOP)
    assert paragraphs(a)[1:] == [
        "Police said the vessel was worth at least 30 million pounds.",
        'A spokesman for the owner said the seizure was "unlawful".',
    ]
    assert a.boilerplate[:4] == [
        "The superyacht was boarded by officers at 5am on Tuesday. (Image: GETTY)",
        "DON’T MISS",
        "Billionaire’s secret island revealed in leaked papers [REVEAL]",
        "Yacht crew ‘told to stay silent’ about guests [INSIGHT]",
    ]
    assert len(a.boilerplate) == 8


WIRE_US = """\
Storm knocks out power to thousands across the plains

Kansas City, Missouri CNN — A line of severe storms knocked out power to more than 100,000 customers on Sunday.

Crews expect to restore most service by Tuesday.

___

Associated Press writer Dana Fox in Topeka contributed to this report.

Ad Feedback
"""


def test_unbracketed_network_dateline_and_wire_trailer():
    a = run(WIRE_US)
    assert a.outlet is not None and (a.outlet.value, a.outlet.evidence) == (
        "CNN",
        "Kansas City, Missouri CNN —",
    )
    assert a.boilerplate == [
        "___",
        "Associated Press writer Dana Fox in Topeka contributed to this report.",
        "Ad Feedback",
    ]


PROSE_SHAPES = """What We Know About the Dam Collapse
Officials say the death toll could rise as rescuers search flooded villages
The dam burst shortly after 2am on Tuesday, sending a wall of water through three villages downstream.
At least 14 people have died, the regional governor said.
“We will rebuild everything,” he told reporters.
“Everything.”
The demands of the villagers include:
- compensation for lost homes
- an independent inquiry
- new flood defences
Who is responsible?
The dam's operator, Hydro North, said it was cooperating with investigators.
Q: Was the dam inspected?
A: Yes, in 2021, according to the ministry.
1. The first wave hit at 2.15am.
2. A second surge followed an hour later.
Vladimir Putin
The Kremlin said the president had been briefed.
Rescue teams from Poland and Germany arrived on Wednesday.
UPDATE
The governor later raised the toll to 16.
Read the full statement below.
The statement said: "We share the grief of the families."
More than 2,000 people remain in temporary shelters.
Warnings Were Ignored For Years, Locals Say
Residents said they had complained about cracks in the dam since 2019.
Photos shared on social media showed water pouring over the top.
In pictures: the flooded villages
Sources: regional government, Hydro North
Editing by the night desk is ongoing, officials joked.
The next hearing is on March 3, 2025.
"""
# Lines of PROSE_SHAPES that are furniture by family: Title Case headline lines inside the
# body (embedded links), a gallery link, a "Sources:" metadata line.
PROSE_FURNITURE = [
    "What We Know About the Dam Collapse",
    "Warnings Were Ignored For Years, Locals Say",
    "In pictures: the flooded villages",
    "Sources: regional government, Hydro North",
]


def test_news_prose_shapes_stay_body():
    lines = [line for line in PROSE_SHAPES.splitlines() if line.strip()]
    a = run("Dam collapse kills at least 14 as floods sweep villages\n\n" + "\n\n".join(lines))
    assert a.boilerplate == PROSE_FURNITURE
    assert paragraphs(a)[1:] == [line for line in lines if line not in PROSE_FURNITURE]
    assert a.published is None  # a date in the body is not the publication date


def test_aggregator_names_itself_and_the_original():
    text = (
        "Ferry fares to rise by a fifth\n\n"
        "Share this story: Facebook | X | Email\n\n"
        "Fares on the island ferries will rise by 20 per cent in April, the operator said.\n\n"
        "Source: The Island Herald\n\n"
        "Read more at The Island Herald.\n\n"
        "More on QuickWire Digest\n\n"
        "quickwiredigest.example aggregates stories from around the web. Copyright remains with the original publishers.\n"
    )
    a = run(text)
    # The aggregator's notice names its domain, spelled out elsewhere on the page.
    assert a.outlet is not None and a.outlet.value == "QuickWire Digest"
    assert a.republished_from is not None and a.republished_from.value == "The Island Herald"
    assert a.republished_from.evidence == "Source: The Island Herald"
    assert paragraphs(a)[1:] == [
        "Fares on the island ferries will rise by 20 per cent in April, the operator said."
    ]


def test_site_named_by_its_own_promo_and_footer():
    promo = run(
        "Bridge closes for repairs\n\nThe bridge will close for a month, engineers at the Valley Echo learned.\n\n"
        "Never miss an Echo exclusive - turn on notifications\n"
    )
    assert promo.outlet is not None and promo.outlet.value == "Valley Echo"
    assert promo.outlet.evidence == "Never miss an Echo exclusive - turn on notifications"
    footer = run(
        "Bridge closes for repairs\n\nThe bridge will close.\n\nRiverside Gazette © 2025 · Terms · Privacy\n"
    )
    assert footer.outlet is not None and footer.outlet.value == "Riverside Gazette"
    assert footer.boilerplate == ["Riverside Gazette © 2025 · Terms · Privacy"]


def test_unnamed_trailing_furniture_after_the_last_paragraph():
    text = (
        "Lighthouse keeper retires after 40 years\n\n"
        "The last keeper of the Stormhead light retired on Friday after four decades on the rock.\n\n"
        "He said he would miss the sound of the sea more than anything else.\n\n"
        "Keeper's Log\n\nYes\nNo\nWas this helpful\n"
    )
    a = run(text)
    assert a.boilerplate == ["Keeper's Log", "Yes", "No", "Was this helpful"]
    assert paragraphs(a)[-1] == "He said he would miss the sound of the sea more than anything else."
