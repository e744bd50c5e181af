"""The analysed query tree shared by every search backend.

``parse_query`` turns the user's text into a :class:`Query` whose ``root`` is
a tree of these immutable nodes.  Text leaves already carry *analysed*
index terms (the output of :mod:`search_index.analysis`), so a backend only
has to translate the tree into its own query language:

* :class:`Term` -- one query word; ``terms`` are alternative analysed forms
  (e.g. the French and the English stem of a Latin word).  Any one matches.
* :class:`Phrase` -- consecutive words; ``slots[i]`` are the alternatives
  for the i-th word and ``positions[i]`` its position relative to the first
  word.  A gap larger than one means stop words were dropped in between, so
  the distance between the indexed terms must be exactly that gap (this is
  what the index sees, because documents drop the same stop words while
  keeping their positions).
* :class:`Prefix` -- ``prefix*``; ``prefixes`` are the analysed/normalised
  forms the indexed term must start with.
* :class:`And`, :class:`Or`, :class:`Not` -- boolean structure.
* :class:`Field` -- ``type:Document``, ``mechanism:cat``, ``lang:ar``,
  ``institution:...``; ``value`` is lower-cased, backends compare
  case-insensitively.
* :class:`YearRange` -- ``year:2020`` or ``year:2018..2020`` (inclusive).
* :class:`MatchAll` -- every document (used for queries that only exclude
  or only filter).
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Iterator, Union

__all__ = [
    "Node",
    "Term",
    "Phrase",
    "Prefix",
    "And",
    "Or",
    "Not",
    "Field",
    "YearRange",
    "MatchAll",
    "Query",
    "FIELD_NAMES",
]

#: Field filter names understood by every backend.
FIELD_NAMES = ("type", "mechanism", "language", "institution", "year")


@dataclass(frozen=True, slots=True)
class Term:
    raw: str
    terms: tuple[str, ...]


@dataclass(frozen=True, slots=True)
class Phrase:
    raw: str
    slots: tuple[tuple[str, ...], ...]
    positions: tuple[int, ...]

    def gaps(self) -> list[int]:
        """Distance from each word to the next one (len(slots) - 1 items)."""
        p = self.positions
        return [p[i + 1] - p[i] for i in range(len(p) - 1)]


@dataclass(frozen=True, slots=True)
class Prefix:
    raw: str
    prefixes: tuple[str, ...]


@dataclass(frozen=True, slots=True)
class And:
    children: tuple["Node", ...]


@dataclass(frozen=True, slots=True)
class Or:
    children: tuple["Node", ...]


@dataclass(frozen=True, slots=True)
class Not:
    child: "Node"


@dataclass(frozen=True, slots=True)
class Field:
    field: str
    value: str


@dataclass(frozen=True, slots=True)
class YearRange:
    start: int | None
    end: int | None


@dataclass(frozen=True, slots=True)
class MatchAll:
    pass


Node = Union[Term, Phrase, Prefix, And, Or, Not, Field, YearRange, MatchAll]

TEXT_NODES = (Term, Phrase, Prefix)


def walk_positive(node: "Node") -> Iterator["Node"]:
    """Yield the leaves that are not under a :class:`Not`."""
    if isinstance(node, (And, Or)):
        for child in node.children:
            yield from walk_positive(child)
    elif isinstance(node, Not):
        return
    else:
        yield node


def walk(node: "Node") -> Iterator["Node"]:
    yield node
    if isinstance(node, (And, Or)):
        for child in node.children:
            yield from walk(child)
    elif isinstance(node, Not):
        yield from walk(node.child)


def has_text(node: "Node | None") -> bool:
    """True when a positive text leaf (something to rank by) is present."""
    if node is None:
        return False
    return any(isinstance(n, TEXT_NODES) for n in walk_positive(node))


@dataclass(frozen=True)
class Query:
    """A parsed query.  ``root is None`` means "nothing to search for"
    (empty input, or only stop words): backends return an empty result."""

    text: str
    root: "Node | None"
    notices: tuple[str, ...] = field(default=())

    @property
    def is_empty(self) -> bool:
        return self.root is None

    @property
    def has_text(self) -> bool:
        return has_text(self.root)

    def positive_terms(self) -> frozenset[str]:
        """Analysed terms that make a document match (for highlighting)."""
        out: set[str] = set()
        if self.root is None:
            return frozenset()
        for leaf in walk_positive(self.root):
            if isinstance(leaf, Term):
                out.update(leaf.terms)
            elif isinstance(leaf, Phrase):
                for slot in leaf.slots:
                    out.update(slot)
        return frozenset(out)

    def positive_prefixes(self) -> tuple[str, ...]:
        if self.root is None:
            return ()
        out: list[str] = []
        for leaf in walk_positive(self.root):
            if isinstance(leaf, Prefix):
                out.extend(p for p in leaf.prefixes if p not in out)
        return tuple(out)

    def __str__(self) -> str:  # pragma: no cover - debugging aid
        return f"Query({self.text!r} -> {to_string(self.root)})"


def to_string(node: "Node | None") -> str:
    """A compact, deterministic rendering of the tree (tests, logging)."""
    if node is None:
        return "<empty>"
    if isinstance(node, Term):
        return node.terms[0] if len(node.terms) == 1 else "{" + "|".join(node.terms) + "}"
    if isinstance(node, Phrase):
        parts = []
        for i, slot in enumerate(node.slots):
            if i:
                gap = node.positions[i] - node.positions[i - 1]
                parts.append("" if gap == 1 else f"<{gap}>")
            parts.append(slot[0] if len(slot) == 1 else "{" + "|".join(slot) + "}")
        return '"' + " ".join(p for p in parts if p) + '"'
    if isinstance(node, Prefix):
        return "|".join(p + "*" for p in node.prefixes)
    if isinstance(node, And):
        return "(" + " AND ".join(to_string(c) for c in node.children) + ")"
    if isinstance(node, Or):
        return "(" + " OR ".join(to_string(c) for c in node.children) + ")"
    if isinstance(node, Not):
        return "NOT " + to_string(node.child)
    if isinstance(node, Field):
        return f"{node.field}:{node.value}"
    if isinstance(node, YearRange):
        return f"year:{node.start}..{node.end}"
    if isinstance(node, MatchAll):
        return "*"
    raise TypeError(node)  # pragma: no cover
