"""Entities: surface forms joined into canonical entities, types fixed by table and context."""

from __future__ import annotations

import pytest

from accordingto.analyze import entities as entities_module
from accordingto.analyze import nlp as _nlp
from accordingto.analyze import tables
from accordingto.analyze.entities import extract_entities


@pytest.fixture(scope="module")
def nlp():
    return _nlp.load()


def entities(nlp, text: str) -> dict[str, tuple[str, set[str]]]:
    found = extract_entities(nlp(text), [])
    assert all(m.check(text) for e in found for m in e.mentions)
    return {e.canonical: (e.type, {m.text for m in e.mentions}) for e in found}


def test_a_surname_joins_the_full_name(nlp):
    got = entities(nlp, "Maria Kovalenko, a lawyer for the family, filed the appeal. Kovalenko said the court ignored the evidence.")
    assert got["Maria Kovalenko"] == ("PERSON", {"Maria Kovalenko", "Kovalenko"})
    assert "Kovalenko" not in got


def test_title_and_possessor_forms_join_a_known_leader(nlp):
    got = entities(nlp, "Russia's President Vladimir Putin met generals on Friday. Putin later flew to Minsk.")
    assert got["Vladimir Putin"] == ("PERSON", {"Vladimir Putin", "Putin"})
    assert got["Russia"][0] == "GPE" and got["Minsk"][0] == "GPE"


def test_a_parenthesised_acronym_joins_its_long_form(nlp):
    got = entities(nlp, "The Federal Security Service (FSB) detained a scientist. The FSB said he had passed secrets.")
    assert got["FSB"] == ("ORG", {"Federal Security Service", "FSB"})
    text = "The National Anti-Corruption Bureau (NACB) opened a case against the mayor. The NACB declined to comment."
    got = entities(nlp, text)
    [(canonical, (label, forms))] = [(k, v) for k, v in got.items() if "NACB" in v[1]]
    assert forms == {"National Anti-Corruption Bureau", "NACB"} and label == "ORG"


def test_a_city_mis_tagged_as_a_person_is_typed_a_place(nlp):
    text = "Residents of Zavrolsk fled as Zavrolsk was shelled, and shelling continued in Zavrolsk overnight."
    assert {e.label_ for e in nlp(text).ents if e.text == "Zavrolsk"} == {"PERSON"}  # the tagger's mistake
    assert entities(nlp, text)["Zavrolsk"][0] == "GPE"


def test_a_capital_is_a_place_whatever_the_tagger_says(nlp):
    text = "Kyiv was rocked by explosions, and drones circled over Kyiv."
    assert {e.label_ for e in nlp(text).ents if e.text == "Kyiv"} == {"PERSON"}  # the tagger's mistake
    assert entities(nlp, text)["Kyiv"][0] == "GPE"


def test_an_organisation_tagged_as_a_product_is_typed_an_organisation(nlp):
    text = "The investigative outlet Veritaso reported the arrests. Veritaso said eleven officers were held."
    assert "PRODUCT" in {e.label_ for e in nlp(text).ents if e.text == "Veritaso"}  # the tagger's mistake
    assert entities(nlp, text)["Veritaso"][0] == "ORG"


def test_nationality_and_institution_name_that_countrys_institution(nlp):
    got = entities(nlp, "Ukrainian troops retook the village after Russian forces withdrew. The Ukrainian government welcomed it.")
    assert got["Ukrainian armed forces"] == ("ORG", {"Ukrainian troops"})
    assert got["Russian armed forces"] == ("ORG", {"Russian forces"})
    assert got["Ukrainian government"][0] == "ORG"
    assert "Russian" not in got and "Ukrainian" not in got  # an adjective is not an entity


def test_people_of_a_nation_are_an_entity_only_as_a_noun(nlp):
    got = entities(nlp, "Many Russians oppose the war, Russian pollsters say.")
    assert got["Russians"][0] == "NORP"
    assert len([k for k in got if k.startswith("Russian")]) == 1


def test_an_acronym_keeps_its_capitals(nlp):
    got = entities(nlp, "Who ordered the strike? The WHO said hospitals were hit.")
    assert got["World Health Organization"] == ("ORG", {"WHO"})


def test_definite_descriptions_of_institutions_are_organisations(nlp):
    text = ("The regional health authority said the water was safe. Military prosecutors opened a case, "
            "and the military prosecutor later charged two officers.")
    got = entities(nlp, text)
    assert got["regional health authority"] == ("ORG", {"regional health authority"})
    assert got["military prosecutors"] == ("ORG", {"Military prosecutors", "military prosecutor"})


def test_a_bare_institution_joins_the_one_it_abbreviates(nlp):
    got = entities(nlp, "Russian police detained two men. Later the police released them.")
    assert got["Russian police"] == ("ORG", {"Russian police", "police"})
    assert "police" not in got


def test_headline_capitals_do_not_make_names(nlp):
    got = entities(nlp, "Minister Orders Sweeping Review Of Border Posts\n\nThe minister ordered a review.")
    assert got == {}


def test_a_users_alias_file_extends_the_table(nlp, tmp_path, monkeypatch):
    extra = tmp_path / "aliases.tsv"
    extra.write_text("Zorvan Vell\tPERSON\tThe Chancellor of Ostmark\n", encoding="utf-8")
    monkeypatch.setenv("ACCORDINGTO_ALIASES", str(extra))
    tables.reload()
    entities_module._alias_index.cache_clear()
    try:
        got = entities(nlp, "The Chancellor of Ostmark resigned on Monday.")
        assert got["Zorvan Vell"] == ("PERSON", {"Chancellor of Ostmark"})
    finally:
        monkeypatch.delenv("ACCORDINGTO_ALIASES")
        tables.reload()
        entities_module._alias_index.cache_clear()


def test_the_bundled_tables_are_broad():
    assert len(tables.countries()) >= 100
    assert len({k.canonical for k in tables.aliases().values()}) >= 300
    assert len(tables.reference_events()) >= 60
