"""Check examples/gold.json against the corpus it annotates.

Every verbatim field must occur in its source: a .txt file as written; an .html page or a WARC
HTML response after dropping <script>/<style> and tags and unescaping entities; a JSONL row as
its title, a blank line and its text. Boilerplate entries must be whole trimmed lines of that
source, attributions must follow document order, and enumerated fields must use the schema's
values (../shared/gold/README.md); hedged claims, quantities and events are checked for
document order too.

The link gold (link_gold.json, format in bench/score_link.py) is checked too: every file it names
is an input, every input belongs to exactly one story, citation evidence occurs in its file, cluster
members belong to the cluster's story, and a mutation's `before`/`after` occur in its `from`/`to`
file. Prints every problem and exits 1 if there is any.

Usage: python examples/check_gold.py [GOLD.json [LINK_GOLD.json]]
"""

from __future__ import annotations

import html
import json
import re
import sys
from pathlib import Path

from warcio.archiveiterator import ArchiveIterator

HERE = Path(__file__).parent
CORPUS = HERE / "corpus"

KINDS = {"direct", "indirect", "mixed", "according_to"}
SOURCE_TYPES = {"person", "organisation", "government", "media_outlet", "anonymous", "document"}
POLARITIES = {"assert", "deny", "accuse", "warn", "question"}
ARTICLE_KEYS = {
    "outlet", "outlet_evidence", "title", "published", "published_estimate", "boilerplate",
    "attributions", "unattributed_hedged_claims", "quantities", "events", "entities",
}
ATTRIBUTION_KEYS = {
    "sentence", "content", "kind", "cue", "source_text", "source", "source_type", "source_role",
    "recipient_or_medium", "via", "hedges", "polarity",
}
EVENT_KEYS = {"type", "trigger", "sentence", "agent", "patient", "place", "time", "attributed_to"}
QUANTITY_KEYS = {"sentence", "text", "value", "unit_or_object", "approximate"}
CITATION_KINDS = {"outlet", "person", "organisation", "document"}
MUTATION_TYPES = {
    "figure_changed", "approximator_changed", "hedge_dropped", "attribution_changed", "attribution_dropped",
    "quote_changed", "embellishment",
}
ISO_DATE = re.compile(r"\d{4}-\d{2}-\d{2}")
HIDDEN = re.compile(r"<(script|style)\b.*?</\1\s*>|<!--.*?-->", re.S | re.I)
TAG = re.compile(r"<[^>]+>")


def html_text(markup: str) -> str:
    """What a reader sees: tags dropped, entities unescaped, one line per source line."""
    return html.unescape(TAG.sub("", HIDDEN.sub("", markup)))


def warc_pages(path: Path) -> list[str]:
    pages = []
    with path.open("rb") as fh:  # ArchiveIterator inflates gzip members itself
        for rec in ArchiveIterator(fh):
            ctype = rec.http_headers.get_header("Content-Type", "") if rec.http_headers else ""
            if rec.rec_type == "response" and "html" in ctype:
                pages.append(html_text(rec.content_stream().read().decode("utf-8")))
    return pages


def sources() -> dict[str, str]:
    """Gold key -> the text its verbatim fields are taken from."""
    out: dict[str, str] = {}
    for path in sorted(CORPUS.iterdir()):
        if path.suffix == ".txt":
            out[path.name] = path.read_text(encoding="utf-8")
        elif path.suffix == ".html":
            out[path.name] = html_text(path.read_text(encoding="utf-8"))
        elif path.name.endswith((".warc", ".warc.gz")):
            for n, page in enumerate(warc_pages(path), 1):
                out[f"{path.name}#{n}"] = page
        elif path.suffix == ".jsonl":
            for n, line in enumerate(path.read_text(encoding="utf-8").splitlines(), 1):
                row = json.loads(line)
                out[f"{path.name}#{n}"] = f"{row.get('title') or ''}\n\n{row['text']}"
    return out


def check_article(key: str, gold: dict, text: str) -> list[str]:
    errors: list[str] = []
    lines = {line.strip() for line in text.splitlines()}

    def verbatim(where: str, value: object, within: str | None = None) -> None:
        if value is None:
            return
        if not isinstance(value, str) or not value:
            errors.append(f"{where}: not a non-empty string: {value!r}")
        elif value not in (within if within is not None else text):
            scope = "its sentence" if within is not None else "the text"
            errors.append(f"{where}: not verbatim in {scope}: {value[:80]!r}")

    if missing := ARTICLE_KEYS - gold.keys():
        errors.append(f"missing fields {sorted(missing)}")
    for field in ("outlet_evidence", "republished_evidence", "title"):
        verbatim(field, gold.get(field))
    est = gold.get("published_estimate") or {}
    if not {"earliest", "latest", "reasoning"} <= est.keys() or est["earliest"] > est["latest"]:
        errors.append("published_estimate needs earliest <= latest and reasoning")
    if gold.get("published") and not est.get("earliest", "") <= gold["published"] <= est.get("latest", ""):
        errors.append("published date lies outside published_estimate")

    last = -1
    for i, line in enumerate(gold.get("boilerplate", [])):
        if line not in lines:
            errors.append(f"boilerplate[{i}]: not a whole line: {line[:80]!r}")
            continue
        pos = text.find(line, last + 1)
        if pos < 0:
            errors.append(f"boilerplate[{i}]: out of document order or repeated too often: {line[:60]!r}")
        else:
            last = pos

    last = -1
    for i, a in enumerate(gold.get("attributions", [])):
        where = f"attributions[{i}]"
        if missing := ATTRIBUTION_KEYS - a.keys():
            errors.append(f"{where}: missing {sorted(missing)}")
            continue
        verbatim(f"{where}.sentence", a["sentence"])
        sentence = a["sentence"] if a["sentence"] in text else ""
        for field in ("content", "cue", "source_text"):
            verbatim(f"{where}.{field}", a[field], sentence)
        for h in a["hedges"]:
            verbatim(f"{where}.hedges", h, sentence)
        if a["kind"] not in KINDS or a["source_type"] not in SOURCE_TYPES or a["polarity"] not in POLARITIES:
            errors.append(f"{where}: bad kind/source_type/polarity")
        if not isinstance(a["via"], list):
            errors.append(f"{where}: via must be a list")
        pos = text.find(sentence)
        if sentence and pos < last:
            errors.append(f"{where}: out of document order")
        last = max(last, pos)

    def in_order(field: str, sentences: list[str]) -> None:
        positions = [text.find(s) for s in sentences if s in text]
        if positions != sorted(positions):
            errors.append(f"{field}: not in document order")

    for i, claim in enumerate(gold.get("unattributed_hedged_claims", [])):
        verbatim(f"unattributed_hedged_claims[{i}]", claim)
    in_order("unattributed_hedged_claims", gold.get("unattributed_hedged_claims", []))
    in_order("quantities", [q.get("sentence", "") for q in gold.get("quantities", [])])
    in_order("events", [e.get("sentence", "") for e in gold.get("events", [])])
    for i, q in enumerate(gold.get("quantities", [])):
        if missing := QUANTITY_KEYS - q.keys():
            errors.append(f"quantities[{i}]: missing {sorted(missing)}")
            continue
        verbatim(f"quantities[{i}].sentence", q["sentence"])
        verbatim(f"quantities[{i}].text", q["text"], q["sentence"] if q["sentence"] in text else "")
        if not isinstance(q["value"], int | float) or not isinstance(q["approximate"], bool):
            errors.append(f"quantities[{i}]: value must be a number and approximate a bool")
    for i, e in enumerate(gold.get("events", [])):
        if missing := EVENT_KEYS - e.keys():
            errors.append(f"events[{i}]: missing {sorted(missing)}")
            continue
        verbatim(f"events[{i}].sentence", e["sentence"])
        sentence = e["sentence"] if e["sentence"] in text else ""
        verbatim(f"events[{i}].trigger", e["trigger"], sentence)
        verbatim(f"events[{i}].time", e["time"], sentence)
    for i, ent in enumerate(gold.get("entities", [])):
        if not ent.get("canonical") or not ent.get("type") or not ent.get("mentions"):
            errors.append(f"entities[{i}]: needs canonical, type and mentions")
        for m in ent.get("mentions", []):
            verbatim(f"entities[{i}] {ent.get('canonical')}", m)
    return errors


def check_link(link: dict, texts: dict[str, str]) -> list[str]:
    """Problems in the link gold: unknown files, uncovered inputs, evidence not in its file."""
    errors: list[str] = []

    def occurs(where: str, needle: object, key: str) -> None:
        if key not in texts:
            errors.append(f"{where}: no such input {key!r}")
        elif needle is not None and (not isinstance(needle, str) or needle not in texts[key]):
            errors.append(f"{where}: not verbatim in {key}: {str(needle)[:80]!r}")

    story_of: dict[str, str] = {}
    for s in link.get("stories", []):
        where = f"story {s.get('id')}"
        for f in s.get("members", []):
            occurs(where, None, f)
            if f in story_of:
                errors.append(f"{where}: {f} is also in story {story_of[f]}")
            story_of[f] = s.get("id", "")
        first = s.get("first_reported") or {}
        if first.get("file") not in s.get("members", []):
            errors.append(f"{where}: first_reported file is not a member")
        if first.get("date") is not None and not ISO_DATE.fullmatch(first["date"]):
            errors.append(f"{where}: first_reported date is not YYYY-MM-DD")
    errors += [f"{key}: in no story" for key in texts if key not in story_of]
    for i, c in enumerate(link.get("citations", []) + link.get("medium_citations", [])):
        where = f"citation {i} ({c.get('file')} -> {c.get('cites')})"
        if c.get("kind") not in CITATION_KINDS or not c.get("cites"):
            errors.append(f"{where}: needs cites and a kind in {sorted(CITATION_KINDS)}")
        occurs(where, c.get("evidence"), c.get("file", ""))
    for cl in link.get("claim_clusters", []):
        where = f"cluster {cl.get('id')}"
        members = cl.get("members", [])
        for f in members:
            occurs(where, None, f)
            if cl.get("story") and story_of.get(f) != cl["story"]:
                errors.append(f"{where}: {f} is not in story {cl['story']}")
        for m in cl.get("mutations", []):
            mwhere = f"{where} {m.get('type')} -> {m.get('to')}"
            if m.get("type") not in MUTATION_TYPES:
                errors.append(f"{mwhere}: unknown mutation type")
            for side, text in (("from", "before"), ("to", "after")):
                if m.get(side) is None:
                    continue
                if m[side] not in members:
                    errors.append(f"{mwhere}: {side} file is not a member")
                occurs(mwhere, m.get(text), m[side])
    return errors


def main() -> int:
    gold_path = Path(sys.argv[1]) if len(sys.argv) > 1 else HERE / "gold.json"
    link_path = Path(sys.argv[2]) if len(sys.argv) > 2 else HERE / "link_gold.json"
    gold = json.loads(gold_path.read_text(encoding="utf-8"))
    texts = sources()
    problems = [f"{key}: no gold entry" for key in texts if key not in gold]
    for key, article in gold.items():
        if key not in texts:
            problems.append(f"{key}: no such input in {CORPUS}")
            continue
        problems += [f"{key}: {err}" for err in check_article(key, article, texts[key])]
    if link_path.is_file():
        problems += [f"link gold: {err}" for err in check_link(json.loads(link_path.read_text(encoding="utf-8")), texts)]
    for p in problems:
        print(p)
    counts = {f: sum(len(a.get(f, [])) for a in gold.values()) for f in ("attributions", "quantities", "events", "entities")}
    print(f"{len(gold)} articles, " + ", ".join(f"{n} {f}" for f, n in counts.items()) + f", {len(problems)} problems")
    return 1 if problems else 0


if __name__ == "__main__":
    sys.exit(main())
