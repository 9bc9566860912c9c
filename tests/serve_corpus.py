"""A small hand-made store for the serve tests: three articles of one invented story (a crack in
a dam), their analyses, and link rows (story, citations, claim clusters) written directly so the
views can be tested whatever the link stage's heuristics decide. One article is hostile: its
text carries <script> and onerror= markup that must render inert.
"""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

from accordingto.model import Analysis, Article, Attribution, Claim, Entity, Evidence, Span
from accordingto.store import open_store

HERALD = (
    "Engineers find crack in Lake Varna dam\n\n"
    "Engineers found a 40-metre crack in the Lake Varna dam on Friday, the regional water authority said.\n\n"
    "“The structure is safe for now, but we are lowering the reservoir,” said Ilse Marrow, the authority's "
    "chief engineer."
)
COURANT = (
    "Dam crack: residents told to stay calm\n\n"
    "A crack of about 50 metres has opened in the Lake Varna dam, the Varna Herald reports.\n\n"
    "Ilse Marrow said the structure was probably safe for now. The water authority denied that "
    "villages below the dam would be evacuated."
)
HOSTILE = (
    "Dam could fail within days, insiders claim\n\n"
    "The Lake Varna dam could fail within days, according to one insider at the authority. "
    "<script>alert('owned')</script> <img src=x onerror=\"alert(2)\"> "
    "Ilse Marrow rejected the claim as “pure fantasy”."
)


def sp(text: str, needle: str, nth: int = 0) -> Span:
    start = -1
    for _ in range(nth + 1):
        start = text.index(needle, start + 1)
    return Span.of(text, start, start + len(needle))


def sentence_of(text: str, needle: str) -> Span:
    """The paragraph-or-sentence around `needle` (up to the next full stop)."""
    at = text.index(needle)
    start = max(text.rfind("\n", 0, at) + 1, text.rfind(". ", 0, at) + 2 if text.rfind(". ", 0, at) >= 0 else 0)
    end = text.find(".", at + len(needle) - 1)
    end = len(text) if end < 0 else end + 1
    if text[end:end + 1] == "”":
        end += 1
    return Span.of(text, start, end)


def attribution(text: str, content: str, source: str | None, source_text: str | None, cue: str | None,
                kind: str = "indirect", polarity: str = "assert", hedges: tuple[str, ...] = (),
                source_type: str = "person", via: tuple[str, ...] = ()) -> Attribution:
    sentence = sentence_of(text, content)
    return Attribution(
        sentence=sentence,
        content=sp(text, content),
        kind=kind,  # type: ignore[arg-type]
        cue=sp(text, cue) if cue else None,
        source_text=sp(text, source_text) if source_text else None,
        source=source,
        source_type=source_type,  # type: ignore[arg-type]
        hedges=[Span.of(text, i, i + len(h)) for h in hedges if (i := text.index(h, sentence.start)) >= 0],
        polarity=polarity,  # type: ignore[arg-type]
        via=list(via),
    )


def analyses() -> list[Analysis]:
    herald = Analysis(
        article=Article(
            file="herald_dam.txt", uri="/corpus/herald_dam.txt", text=HERALD, title=HERALD.split("\n", 1)[0],
            outlet=Evidence("Varna Herald", "© Varna Herald"), published=Evidence("2026-05-02", "2 May 2026"),
            boilerplate=["Share this story", "<b>Subscribe</b> for more"],
        ),
        attributions=[
            attribution(HERALD, "Engineers found a 40-metre crack in the Lake Varna dam on Friday",
                        "regional water authority", "the regional water authority", "said",
                        source_type="government"),
            attribution(HERALD, "The structure is safe for now, but we are lowering the reservoir,",
                        "Ilse Marrow", "Ilse Marrow", "said", kind="direct"),
        ],
        entities=[
            Entity("Ilse Marrow", "PERSON", [sp(HERALD, "Ilse Marrow")]),
            Entity("Lake Varna", "LOC", [sp(HERALD, "Lake Varna"), sp(HERALD, "Lake Varna", 1)]),
        ],
    )
    courant = Analysis(
        article=Article(
            file="courant_dam.txt", uri="/corpus/courant_dam.txt", text=COURANT, title=COURANT.split("\n", 1)[0],
            outlet=Evidence("Daily Courant", "Daily Courant"), published=Evidence("2026-05-03", "3 May 2026"),
        ),
        attributions=[
            attribution(COURANT, "A crack of about 50 metres has opened in the Lake Varna dam", None, None,
                        "reports", kind="according_to", source_type="media_outlet", via=("Varna Herald",)),
            attribution(COURANT, "the structure was probably safe for now", "Ilse Marrow", "Ilse Marrow", "said",
                        hedges=("probably",)),
            attribution(COURANT, "villages below the dam would be evacuated", "water authority",
                        "The water authority", "denied", polarity="deny", source_type="government"),
        ],
        entities=[
            Entity("Ilse Marrow", "PERSON", [sp(COURANT, "Ilse Marrow")]),
            Entity("Lake Varna", "LOC", [sp(COURANT, "Lake Varna")]),
        ],
    )
    hostile = Analysis(
        article=Article(
            file="nightwire_dam.txt", uri="/corpus/nightwire_dam.txt", text=HOSTILE,
            title=HOSTILE.split("\n", 1)[0], outlet=Evidence("Night Wire", None),
            published=Evidence("2026-05-04", None), boilerplate=["<img src=y onerror=alert(3)>"],
        ),
        attributions=[
            attribution(HOSTILE, "The Lake Varna dam could fail within days", "insider", "one insider at the authority",
                        "according to", kind="according_to", source_type="anonymous", hedges=("could",)),
        ],
        claims=[Claim(span=sp(HOSTILE, "pure fantasy"), certainty="denied")],
        entities=[
            Entity("Ilse Marrow", "PERSON", [sp(HOSTILE, "Ilse Marrow")]),
            Entity("Lake Varna", "LOC", [sp(HOSTILE, "Lake Varna")]),
        ],
    )
    return [herald, courant, hostile]


def side(a: Analysis, needle: str, text: str | None = None) -> dict[str, Any]:
    s = sentence_of(a.article.text, needle)
    out: dict[str, Any] = {"file": a.article.file, "outlet": a.article.outlet.value if a.article.outlet else None,
                           "date": a.article.published.value if a.article.published else None,
                           "sentence": s.text, "span": [s.start, s.end]}
    if text is not None:
        out["text"] = text
    return out


def build_store(path: Path) -> dict[str, str]:
    """Write the corpus and its link rows to a new store at `path`; return names → ids."""
    herald, courant, hostile = analyses()
    ids = {"herald": herald.article.id, "courant": courant.article.id, "hostile": hostile.article.id}
    with open_store(path) as store:
        store.write([herald, courant, hostile])
        con = store.con
        cite = sp(COURANT, "the Varna Herald reports")
        con.execute("INSERT INTO citations VALUES (?, 0, 'Varna Herald', 'outlet', 'reports', NULL, ?, ?, ?)",
                    [ids["courant"], cite.text, cite.start, cite.end])
        con.execute(
            "INSERT INTO stories VALUES ('story-dam', ?, ?, DATE '2026-05-02', [], 'Varna Herald', ?, ?, "
            "DATE '2026-05-02', DATE '2026-05-04')",
            [herald.article.title, ids["herald"], "herald_dam.txt: first reported",
             [ids["herald"], ids["courant"], ids["hostile"]]],
        )
        crack_h = sentence_of(HERALD, "Engineers found")
        crack_c = sentence_of(COURANT, "A crack of about")
        fail = sentence_of(HOSTILE, "The Lake Varna dam could fail")
        deny = sentence_of(HOSTILE, "Ilse Marrow rejected")
        origins = [{"origin": "regional water authority", "kind": "organisation",
                    "first_seen": {"file": "herald_dam.txt", "date": "2026-05-02"},
                    "files": ["herald_dam.txt", "courant_dam.txt"]}]
        mutations = [{"type": "figure_changed", "from": side(herald, "Engineers found", "40-metre"),
                      "to": side(courant, "A crack of about", "about 50 metres")}]
        contradictions = [{"type": "denial", "assertion": side(hostile, "The Lake Varna dam could fail"),
                           "denial": side(hostile, "Ilse Marrow rejected")}]
        con.execute(
            "INSERT INTO claim_clusters VALUES ('claim-crack', 'story-dam', ?, ?, 1, 1, 0, ?, '[]', ?)",
            [crack_h.text, json.dumps(origins), json.dumps(mutations),
             json.dumps({"file": "herald_dam.txt", "date": "2026-05-02"})],
        )
        con.execute(
            "INSERT INTO claim_clusters VALUES ('claim-fail', 'story-dam', ?, ?, 1, 0, 1, '[]', ?, ?)",
            [fail.text, json.dumps([{"origin": "insider", "kind": "anonymous",
                                     "first_seen": {"file": "nightwire_dam.txt", "date": "2026-05-04"},
                                     "files": ["nightwire_dam.txt"]}]),
             json.dumps(contradictions), json.dumps({"file": "nightwire_dam.txt", "date": "2026-05-04"})],
        )
        chain_h = [{"name": "regional water authority", "role": "origin", "kind": "organisation"},
                   {"name": "Varna Herald", "role": "outlet", "kind": "outlet"}]
        chain_c = [{"name": "Varna Herald", "role": "origin", "kind": "outlet"},
                   {"name": "Daily Courant", "role": "outlet", "kind": "outlet"}]
        for aid, s, cid, chain in (
            (ids["herald"], crack_h, "claim-crack", chain_h),
            (ids["courant"], crack_c, "claim-crack", chain_c),
            (ids["hostile"], fail, "claim-fail", [{"name": "insider", "role": "origin", "kind": "anonymous"}]),
            (ids["hostile"], deny, "claim-fail", [{"name": "Ilse Marrow", "role": "origin", "kind": "person"}]),
        ):
            con.execute("INSERT INTO cluster_members VALUES (?, ?, ?, 'story-dam', ?, ?, ?, 1.0, ?)",
                        [aid, s.start, cid, s.start, s.end, s.text, json.dumps(chain)])
    return ids
