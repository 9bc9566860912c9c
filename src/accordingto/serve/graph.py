"""The provenance graph of a story: who cited whom, laid out in layers by chain depth.

Nodes are the story's articles plus the outside sources they cite (an outlet or person that is
not itself an article of the story). An edge runs from the citing article to what it cites,
with the evidence span that shows it. Origins are articles that cite no one; an article that
cites is an echo, and its depth is one more than the deepest thing it cites. The same graph
feeds the inline SVG of the story view and the GraphML / PROV exports.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any


@dataclass(slots=True)
class Node:
    key: str
    label: str
    article_id: str | None  # None: an outside source, not an article of the story
    outlet: str | None = None
    date: str | None = None
    title: str | None = None
    depth: int = 0
    role: str = "origin"  # origin | echo | external


@dataclass(slots=True)
class Edge:
    source: str  # citing node key
    target: str  # cited node key
    kind: str | None
    evidence: str | None
    evidence_start: int | None = None


@dataclass(slots=True)
class Graph:
    nodes: dict[str, Node] = field(default_factory=dict)
    edges: list[Edge] = field(default_factory=list)

    def layers(self) -> list[list[Node]]:
        """Nodes by depth; origins by date, every further layer ordered by the mean row of what
        its nodes cite (the barycentre heuristic, which keeps edges from crossing much)."""
        deepest = max((n.depth for n in self.nodes.values()), default=-1)
        out: list[list[Node]] = [[] for _ in range(deepest + 1)]
        for n in self.nodes.values():
            out[n.depth].append(n)
        cites: dict[str, list[str]] = {}
        for e in self.edges:
            cites.setdefault(e.source, []).append(e.target)
        row: dict[str, int] = {}
        for layer in out:
            def key(n: Node) -> tuple[float, str, str]:
                placed = [row[t] for t in cites.get(n.key, []) if t in row]
                return (sum(placed) / len(placed) if placed else 0.0, n.date or "9999", n.label)

            layer.sort(key=key)
            row.update((n.key, i) for i, n in enumerate(layer))
        return out


def _norm(name: str | None) -> str:
    words = (name or "").casefold().split()
    return " ".join(words[1:] if words[:1] == ["the"] and len(words) > 1 else words)


def build(articles: list[dict[str, Any]], citations: list[dict[str, Any]]) -> Graph:
    """The graph of a story from its member articles (rows with id, outlet, date, title,
    republished_from) and the citations those articles make."""
    g = Graph()
    for a in articles:
        g.nodes[a["id"]] = Node(a["id"], a.get("outlet") or a.get("file") or a["id"], a["id"],
                                a.get("outlet"), a.get("date"), a.get("title"))
    by_outlet: dict[str, list[dict[str, Any]]] = {}
    for a in sorted(articles, key=lambda a: a.get("date") or "9999"):
        if a.get("outlet"):
            by_outlet.setdefault(_norm(a["outlet"]), []).append(a)

    def target(cites: str, citing: dict[str, Any]) -> str:
        if cites in g.nodes:
            return cites
        same = by_outlet.get(_norm(cites), [])
        earlier = [a for a in same if a["id"] != citing["id"] and (a.get("date") or "") <= (citing.get("date") or "9999")]
        if earlier or same:
            return (earlier or same)[0]["id"]
        key = "source:" + _norm(cites)
        g.nodes.setdefault(key, Node(key, cites, None, role="external"))
        return key

    index = {a["id"]: a for a in articles}
    seen: set[tuple[str, str]] = set()
    pending = [(c["article_id"], c.get("cites"), c.get("kind"), c.get("evidence"), c.get("evidence_start"))
               for c in citations]
    pending += [(a["id"], a.get("republished_from"), "republished", None, None) for a in articles]
    for article_id, cites, kind, evidence, start in pending:
        if not cites or article_id not in index:
            continue
        to = target(str(cites), index[article_id])
        if to == article_id or (article_id, to) in seen:
            continue
        seen.add((article_id, to))
        g.edges.append(Edge(article_id, to, kind, evidence, start))
    _depths(g)
    return g


def _depths(g: Graph) -> None:
    out: dict[str, list[str]] = {}
    for e in g.edges:
        out.setdefault(e.source, []).append(e.target)
    memo: dict[str, int] = {}

    def depth(key: str, path: frozenset[str]) -> int:
        if key in memo:
            return memo[key]
        targets = [t for t in out.get(key, []) if t not in path]  # a citation cycle stops here
        d = 1 + max((depth(t, path | {key}) for t in targets), default=-1)
        memo[key] = d
        return d

    for key, node in g.nodes.items():
        node.depth = depth(key, frozenset())
        if node.article_id is not None:
            node.role = "echo" if out.get(key) else "origin"
