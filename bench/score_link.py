"""Score the link stage's JSONL export against link gold.

Usage: python bench/score_link.py GOLD.json EXPORT_DIR [--json]

EXPORT_DIR is what `accordingto export --format jsonl --out EXPORT_DIR` wrote (stories.jsonl,
citations.jsonl, claim_clusters.jsonl). GOLD.json (e.g. examples/link_gold.json) is:

    {
      "stories": [
        {"id": "fire",                                  # any label
         "members": ["a.txt", "b.html", ...],           # every file about this happening
         "first_reported": {"file": "a.txt", "date": "2026-03-09"},
         "origin": "Meridian Press Agency"}             # who broke it; a string or a list of
      ],                                                #   acceptable names
      "citations": [                                    # every citation the gold's files make
        {"file": "b.txt", "cites": "The Harbour Times", "kind": "outlet",
         "evidence": "the Harbour Times reports"}       # cites: a string or a list of aliases
      ],
      "citation_kinds": ["outlet"],                     # optional: kinds the gold is complete for
                                                        #   (default: the kinds it lists)
      "claim_clusters": [
        {"id": "toll", "story": "fire",
         "members": ["a.txt", "b.txt", "c.txt"],        # files carrying the claim
         "independent_origins": 1,                      # optional
         "mutations": [
           {"type": "figure_changed", "from": "a.txt", "to": "c.txt",
            "before": "at least 12", "after": "15"}]}   # before/after optional (verbatim)
      ]
    }

Mutation types: figure_changed, approximator_changed, hedge_dropped, attribution_changed,
attribution_dropped, quote_changed, embellishment.

Figures (files not named by the gold are ignored everywhere):
- story purity: each predicted story counts its largest share of one gold story;
  completeness: each gold story counts its largest share in one predicted story (a file
  missing from the export is a story of its own).
- first reported / origin accuracy: per gold story, on the predicted story holding most of it.
- citation precision / recall on (file, cited name), names compared without case, a leading
  "the" or punctuation; precision counts only predicted citations of the gold's kinds, from
  files the gold lists citations for or that are gold story members.
- mutation recall: a gold mutation is found when some predicted cluster has a mutation of the
  same type into the same file (and, when the gold gives `after`, whose new version contains it).
- cluster recall: per gold cluster, the share of its files found in the one predicted cluster
  holding most of them (among equals, the one with fewest other gold files); cluster precision:
  the share of that predicted cluster's files (among the gold's files) that carry the gold
  claim; independent-origin accuracy on the clusters that give it.
"""

from __future__ import annotations

import argparse
import json
import re
import sys
import unicodedata
from collections import Counter
from pathlib import Path
from typing import Any


def key(name: str | None) -> str:
    k = unicodedata.normalize("NFKC", name or "").casefold().replace("’", "'")
    k = re.sub(r"^the\s+", "", k.strip())
    k = re.sub(r"'s\b", "", k)
    return " ".join(re.findall(r"[^\W_]+", k))


def names(value: str | list[str] | None) -> set[str]:
    values = value if isinstance(value, list) else [value]
    return {key(v) for v in values if v}


def read_jsonl(path: Path) -> list[dict[str, Any]]:
    if not path.is_file():
        return []
    return [json.loads(line) for line in path.read_text(encoding="utf-8").splitlines() if line.strip()]


def ratio(a: float, b: float) -> float:
    return a / b if b else 0.0


def _fit(cluster: dict[str, Any], members: set[str], files: set[str]) -> tuple[int, int]:
    """How well a predicted cluster stands for a gold one: most of its files, then (among
    clusters holding as many) fewest other gold files, so a tie does not fall to export order."""
    found = {m["file"] for m in cluster["members"]} & files
    return len(found & members), -len(found - members)


def score(gold: dict[str, Any], export: Path) -> dict[str, float]:
    stories = read_jsonl(export / "stories.jsonl")
    citations = read_jsonl(export / "citations.jsonl")
    clusters = read_jsonl(export / "claim_clusters.jsonl")
    gold_stories = gold.get("stories", [])
    files = {f for s in gold_stories for f in s["members"]}
    gold_of = {f: s["id"] for s in gold_stories for f in s["members"]}
    predicted = [[f for f in s["members"] if f in files] for s in stories]
    predicted = [p for p in predicted if p]
    seen = {f for p in predicted for f in p}
    predicted += [[f] for f in sorted(files - seen)]
    n = len(files)
    purity = ratio(sum(max(Counter(gold_of[f] for f in p).values()) for p in predicted), n)
    completeness = ratio(
        sum(max(len(set(s["members"]) & set(p)) for p in predicted) for s in gold_stories), n
    )
    first_ok = origin_ok = 0
    for s in gold_stories:
        best = max(stories, key=lambda p: len(set(p["members"]) & set(s["members"])), default=None)
        if best is None:
            continue
        if (best.get("first_reported") or {}).get("file") == (s.get("first_reported") or {}).get("file"):
            first_ok += 1
        if s.get("origin") and key(best.get("origin")) in names(s["origin"]):
            origin_ok += 1
    with_origin = sum(1 for s in gold_stories if s.get("origin"))

    gold_cites = gold.get("citations", [])
    kinds = set(gold.get("citation_kinds") or {c.get("kind", "outlet") for c in gold_cites})
    cite_files = {c["file"] for c in gold_cites} | files
    truth = [(c["file"], names(c["cites"])) for c in gold_cites]
    pred = {(c["file"], key(c["cites"])) for c in citations if c["file"] in cite_files and c.get("kind") in kinds}
    hit_gold = sum(1 for f, ns in truth if any((f, k) in pred for k in ns))
    hit_pred = sum(1 for f, k in pred if any(f == gf and k in ns for gf, ns in truth))

    found = total = 0
    for gc in gold.get("claim_clusters", []):
        for m in gc.get("mutations", []):
            total += 1
            after = (m.get("after") or "").casefold()
            if any(
                pm["type"] == m["type"] and pm["to"]["file"] == m["to"]
                and (not after or after in ((pm["to"].get("text") or "") + " " + pm["to"]["sentence"]).casefold())
                for pc in clusters for pm in pc.get("mutations", [])
            ):
                found += 1
    cluster_recall, cluster_precision, origins_ok, origins_n = [], [], 0, 0
    for gc in gold.get("claim_clusters", []):
        members = set(gc["members"])
        best = max(clusters, key=lambda c: _fit(c, members, files), default=None)
        found_files = {m["file"] for m in best["members"]} & files if best else set()
        share = len(found_files & members)
        cluster_recall.append(ratio(share, len(members)))
        cluster_precision.append(ratio(share, len(found_files)))
        if "independent_origins" in gc and best is not None:
            origins_n += 1
            origins_ok += int(best["independent_origins"] == gc["independent_origins"])
    return {
        "story_purity": round(purity, 3),
        "story_completeness": round(completeness, 3),
        "first_reported_accuracy": round(ratio(first_ok, len(gold_stories)), 3),
        "origin_accuracy": round(ratio(origin_ok, with_origin), 3),
        "citation_precision": round(ratio(hit_pred, len(pred)), 3),
        "citation_recall": round(ratio(hit_gold, len(truth)), 3),
        "mutation_recall": round(ratio(found, total), 3),
        "cluster_recall": round(ratio(sum(cluster_recall), len(cluster_recall)), 3),
        "cluster_precision": round(ratio(sum(cluster_precision), len(cluster_precision)), 3),
        "independent_origins_accuracy": round(ratio(origins_ok, origins_n), 3),
        "gold_stories": len(gold_stories),
        "gold_citations": len(truth),
        "gold_mutations": total,
    }


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("gold", type=Path)
    parser.add_argument("export", type=Path)
    parser.add_argument("--json", action="store_true")
    args = parser.parse_args(argv)
    result = score(json.loads(args.gold.read_text(encoding="utf-8")), args.export)
    if args.json:
        print(json.dumps(result, indent=2))
    else:
        for k, v in result.items():
            print(f"{k:>30}  {v}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
