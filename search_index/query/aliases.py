"""Alias expansion: every way of naming an entity finds the same passages.

An :class:`AliasExpander` is built from ``(key, [alias, alias, …])`` pairs,
e.g. ``("cat", ["CAT", "Committee against Torture",
"Comité contre la torture", "لجنة مناهضة التعذيب"])``.  Each alias is run
through the same analysis as queries, and :meth:`AliasExpander.expand`
replaces any run of consecutive query words (inside an AND) or a whole
quoted phrase whose analysed terms equal an alias's analysed terms by an OR
over *all* that entity's aliases, each as a phrase.  Matching is on analysed
terms, so case, diacritics, hamza/ta-marbuta spelling, clitics and the
French/English inflection of the query do not matter.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Iterable, Sequence

from search_index.query import ast
from search_index.query.analysed import analyse_text

__all__ = ["AliasExpander", "Alias"]


@dataclass(frozen=True)
class Alias:
    key: str
    text: str
    slots: tuple[tuple[str, ...], ...]
    node: "ast.Node"


class AliasExpander:
    def __init__(self, entries: Iterable[tuple[str, Sequence[str]]]) -> None:
        self._by_key: dict[str, list[Alias]] = {}
        self._by_first: dict[str, list[Alias]] = {}
        for key, aliases in entries:
            for text in aliases:
                slots = analyse_text(text)
                if not slots:
                    continue
                alts = tuple(a for _, a in slots)
                if len(slots) == 1:
                    node = ast.Term(text, alts[0])
                else:
                    base = slots[0][0]
                    node = ast.Phrase(text, alts, tuple(p - base for p, _ in slots))
                alias = Alias(key, text, alts, node)
                bucket = self._by_key.setdefault(key, [])
                if any(ast.to_string(a.node) == ast.to_string(node) for a in bucket):
                    continue
                bucket.append(alias)
                for term in alts[0]:
                    self._by_first.setdefault(term, []).append(alias)
        for lst in self._by_first.values():
            lst.sort(key=lambda a: -len(a.slots))

    @property
    def keys(self) -> list[str]:
        return list(self._by_key)

    def aliases(self, key: str) -> list[str]:
        return [a.text for a in self._by_key.get(key, [])]

    def entity_node(self, key: str) -> "ast.Node":
        nodes = tuple(a.node for a in self._by_key[key])
        return nodes[0] if len(nodes) == 1 else ast.Or(nodes)

    # -- matching ---------------------------------------------------------

    def _match_at(self, slots: Sequence[tuple[str, ...]], i: int) -> Alias | None:
        candidates: list[Alias] = []
        for term in slots[i]:
            candidates.extend(self._by_first.get(term, ()))
        best: Alias | None = None
        for alias in candidates:
            n = len(alias.slots)
            if i + n > len(slots) or (best is not None and n <= len(best.slots)):
                continue
            if all(set(alias.slots[k]) & set(slots[i + k]) for k in range(n)):
                best = alias
        return best

    def match_phrase(self, node: "ast.Term | ast.Phrase") -> str | None:
        """The entity key if the whole word/phrase is one of its aliases."""
        slots = node.slots if isinstance(node, ast.Phrase) else (node.terms,)
        alias = self._match_at(slots, 0)
        if alias is not None and len(alias.slots) == len(slots):
            return alias.key
        return None

    def expand(self, node: "ast.Node") -> "ast.Node":
        if isinstance(node, (ast.Term, ast.Phrase)):
            key = self.match_phrase(node)
            return self.entity_node(key) if key is not None else node
        if isinstance(node, ast.Not):
            return ast.Not(self.expand(node.child))
        if isinstance(node, ast.Or):
            return ast.Or(tuple(self.expand(c) for c in node.children))
        if isinstance(node, ast.And):
            return self._expand_and(node)
        return node

    def _expand_and(self, node: "ast.And") -> "ast.Node":
        out: list[ast.Node] = []
        children = list(node.children)
        i = 0
        while i < len(children):
            child = children[i]
            if not isinstance(child, ast.Term):
                out.append(self.expand(child))
                i += 1
                continue
            # a run of consecutive plain words
            j = i
            while j < len(children) and isinstance(children[j], ast.Term):
                j += 1
            run = children[i:j]
            slots = [t.terms for t in run]
            k = 0
            while k < len(run):
                alias = self._match_at(slots, k)
                if alias is None:
                    out.append(run[k])
                    k += 1
                else:
                    out.append(self.entity_node(alias.key))
                    k += len(alias.slots)
            i = j
        if len(out) == 1:
            return out[0]
        return ast.And(tuple(out))
