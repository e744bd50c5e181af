"""The search backend interface and the pieces every backend shares.

A backend stores :class:`~search_index.documents.SearchDocument` values and
answers :class:`~search_index.query.ast.Query` trees.  Everything that must
behave the same whatever the engine lives here: the token stream a document
is indexed as (:func:`document_tokens`), highlighting (:func:`highlight`,
computed in Python from the stored title/text with the same analyser the
index used, so Arabic with diacritics and clitics highlights the original
characters), and the "did you mean" helpers.
"""

from __future__ import annotations

import html
import re
import unicodedata
from dataclasses import dataclass, field
from typing import Iterable, Protocol, Sequence, runtime_checkable

from search_index.documents import SearchDocument, SearchFilter, Visibility
from search_index.query import Query, QueryError, parse_query
from search_index.query import ast as qa

__all__ = [
    "SearchBackend",
    "SearchResult",
    "SearchHit",
    "FacetBucket",
    "FACET_FIELDS",
    "TITLE_BOOST",
    "TITLE_GAP",
    "document_tokens",
    "highlight",
    "highlight_document",
    "coerce_query",
    "edit_distance",
    "strip_marks",
    "SUGGEST_MAX_TOTAL",
]

#: Facets every backend computes (values are strings; years as "2020").
FACET_FIELDS = ("type", "mechanism", "year", "language")

#: A title word weighs this many body words.
TITLE_BOOST = 3.0
#: Positions skipped between the title and the body, so a phrase never
#: matches across them.
TITLE_GAP = 16

#: A suggestion is only looked for when a query finds at most this many hits.
SUGGEST_MAX_TOTAL = 2

MAX_FIRST = 200
MAX_OFFSET = 10_000


@dataclass(frozen=True, slots=True)
class FacetBucket:
    value: str
    count: int


@dataclass(slots=True)
class SearchHit:
    id: str
    type: str
    score: float
    highlights: list[str] = field(default_factory=list)


@dataclass(slots=True)
class SearchResult:
    total: int
    hits: list[SearchHit]
    facets: dict[str, list[FacetBucket]] = field(default_factory=dict)
    suggestion: str | None = None
    notices: tuple[str, ...] = ()

    @classmethod
    def empty(cls, facets: bool = True, notices: tuple[str, ...] = ()) -> "SearchResult":
        return cls(0, [], {f: [] for f in FACET_FIELDS} if facets else {}, None, notices)


@runtime_checkable
class SearchBackend(Protocol):
    """What the content layer and GraphQL use; implementations:
    :class:`~search_index.backends.whoosh_backend.WhooshBackend` and
    :class:`~search_index.backends.postgres_backend.PostgresBackend`."""

    async def setup(self) -> None:
        """Create the index / schema if missing (idempotent)."""

    async def index(self, docs: Sequence[SearchDocument]) -> None:
        """Insert or replace documents (by id)."""

    async def delete(self, ids: Sequence[str]) -> None:
        """Remove documents; unknown ids are ignored."""

    async def clear(self) -> None:
        """Remove every document."""

    async def search(
        self,
        query: Query | str,
        *,
        filter: SearchFilter | None = None,
        visibility: Visibility,
        first: int = 20,
        offset: int = 0,
        facets: bool = True,
    ) -> SearchResult:
        """Hits ``offset .. offset+first`` by relevance, the total, facet
        counts and (when few hits) a suggestion -- all restricted to what
        ``visibility`` and ``filter`` allow.  A ``str`` query is parsed with
        the backend's alias expander and may raise ``QueryError``."""

    async def suggest(self, text: str, *, visibility: Visibility) -> str | None:
        """A corrected query built from the visible vocabulary, or None."""

    async def count(self) -> int:
        """Number of indexed documents (all states)."""

    async def close(self) -> None:
        """Release files / connections."""


# --------------------------------------------------------------------------
# Query helpers
# --------------------------------------------------------------------------


def coerce_query(query: "Query | str | None", expander=None) -> Query:
    if isinstance(query, Query):
        return query
    if query is None:
        return Query("", None)
    if not isinstance(query, str):
        raise QueryError("The query must be text.", code="not_text")
    return parse_query(query, expander=expander)


def check_paging(first: int, offset: int) -> tuple[int, int]:
    try:
        first = int(first)
        offset = int(offset)
    except (TypeError, ValueError):
        raise QueryError("first and offset must be numbers.", code="bad_paging") from None
    if first < 0 or offset < 0:
        raise QueryError("first and offset cannot be negative.", code="bad_paging")
    if first > MAX_FIRST:
        raise QueryError(f"At most {MAX_FIRST} hits can be asked for at once.", code="bad_paging")
    if offset > MAX_OFFSET:
        raise QueryError(f"Results beyond the first {MAX_OFFSET:,} cannot be paged to.", code="bad_paging")
    return first, offset


# --------------------------------------------------------------------------
# Index-side token stream
# --------------------------------------------------------------------------


def _analysis():
    from search_index import analysis

    return analysis


def document_tokens(title: str, text: str, language: str | None):
    """The analysed stream a document is indexed as.

    Returns ``(title_tokens, body_tokens)``, lists of ``(term, position)``.
    Body positions start :data:`TITLE_GAP` after the last title position so
    phrases never straddle the two.  Positions count stop words (they are
    removed but keep their place), exactly like query phrases.
    """
    analysis = _analysis()
    lang = language or None
    title_toks = [(t.term, t.position) for t in analysis.tokens(title or "", lang)]
    base = (title_toks[-1][1] + 1 + TITLE_GAP) if title_toks else 0
    body_toks = [(t.term, t.position + base) for t in analysis.tokens(text or "", lang)]
    return title_toks, body_toks


# --------------------------------------------------------------------------
# Highlighting
# --------------------------------------------------------------------------

_MARK_OPEN = "<mark>"
_MARK_CLOSE = "</mark>"
_ELLIPSIS = "…"


def _matches(term: str, terms: frozenset[str], prefixes: tuple[str, ...]) -> bool:
    if term in terms:
        return True
    for p in prefixes:
        if term.startswith(p):
            return True
    return False


def _marked_spans(text: str, language, terms, prefixes) -> list[tuple[int, int]]:
    if not text or (not terms and not prefixes):
        return []
    spans = []
    for tok in _analysis().tokens(text, language or None):
        if _matches(tok.term, terms, prefixes):
            if spans and tok.start < spans[-1][1]:
                continue  # overlapping token (should not happen)
            spans.append((tok.start, tok.end))
    return spans


def _render(text: str, start: int, end: int, spans: list[tuple[int, int]]) -> str:
    out = []
    pos = start
    for s, e in spans:
        if e <= start or s >= end:
            continue
        s, e = max(s, start), min(e, end)
        out.append(html.escape(text[pos:s]))
        out.append(_MARK_OPEN + html.escape(text[s:e]) + _MARK_CLOSE)
        pos = e
    out.append(html.escape(text[pos:end]))
    return "".join(out)


def _word_boundary_left(text: str, i: int) -> int:
    if i <= 0:
        return 0
    j = text.rfind(" ", 0, i)
    return 0 if j < 0 or i - j > 20 else j + 1


def _word_boundary_right(text: str, i: int) -> int:
    if i >= len(text):
        return len(text)
    j = text.find(" ", i)
    return len(text) if j < 0 or j - i > 20 else j


def highlight(
    text: str,
    language: str | None,
    terms: frozenset[str],
    prefixes: tuple[str, ...] = (),
    *,
    max_fragments: int = 3,
    fragment_chars: int = 180,
    whole: bool = False,
    spans: list[tuple[int, int]] | None = None,
) -> list[str]:
    """HTML fragments of ``text`` with ``<mark>`` around every word whose
    analysed term is in ``terms`` (or starts with one of ``prefixes``).

    Everything else is HTML-escaped.  ``whole=True`` renders the whole text
    as one fragment (titles).  Returns ``[]`` when nothing matched.
    """
    text = text or ""
    if spans is None:
        spans = _marked_spans(text, language, terms, prefixes)
    if not spans:
        return []
    if whole or len(text) <= fragment_chars:
        return [_render(text, 0, len(text), spans)]
    # windows around clusters of marks
    windows: list[tuple[int, int, int]] = []  # start, end, number of marks
    i = 0
    context = fragment_chars // 3
    while i < len(spans):
        s0 = spans[i][0]
        start = max(0, s0 - context)
        limit = start + fragment_chars
        j = i
        while j + 1 < len(spans) and spans[j + 1][1] <= limit:
            j += 1
        end = max(spans[j][1], min(len(text), limit))
        windows.append((start, end, j - i + 1))
        i = j + 1
    best = sorted(windows, key=lambda w: (-w[2], w[0]))[:max_fragments]
    best.sort()
    out = []
    for start, end, _ in best:
        s = _word_boundary_left(text, start)
        e = _word_boundary_right(text, end)
        frag = _render(text, s, e, spans).strip()
        if s > 0:
            frag = _ELLIPSIS + frag
        if e < len(text):
            frag = frag + _ELLIPSIS
        out.append(frag)
    return out


def highlight_document(
    title: str,
    text: str,
    language: str | None,
    query: Query,
    *,
    max_fragments: int = 3,
    fragment_chars: int = 180,
) -> list[str]:
    """Highlights for one hit: the title when it matched, then up to
    ``max_fragments`` body fragments.  With no match at all (a filter-only
    query) the beginning of the body, escaped, so there is always a snippet.
    """
    terms = query.positive_terms()
    prefixes = query.positive_prefixes()
    out = highlight(title, language, terms, prefixes, whole=True)
    out += highlight(
        text, language, terms, prefixes, max_fragments=max_fragments, fragment_chars=fragment_chars
    )
    if not out:
        body = text or title or ""
        if body:
            e = _word_boundary_right(body, fragment_chars) if len(body) > fragment_chars else len(body)
            frag = html.escape(body[:e]).strip()
            out = [frag + (_ELLIPSIS if e < len(body) else "")]
    return out


# --------------------------------------------------------------------------
# Suggestions
# --------------------------------------------------------------------------

_MARKS = re.compile("[\u0610-\u061a\u064b-\u065f\u0670\u06d6-\u06ed\u0640]")


def strip_marks(word: str) -> str:
    """Remove Arabic diacritics and tatweel (for showing a suggestion)."""
    return _MARKS.sub("", unicodedata.normalize("NFC", word))


def edit_distance(a: str, b: str, limit: int = 3) -> int:
    """Damerau-Levenshtein (optimal string alignment) distance, capped at
    ``limit + 1``."""
    if a == b:
        return 0
    la, lb = len(a), len(b)
    if abs(la - lb) > limit:
        return limit + 1
    prev2 = None
    prev = list(range(lb + 1))
    for i in range(1, la + 1):
        cur = [i] + [0] * lb
        row_min = cur[0]
        ca = a[i - 1]
        for j in range(1, lb + 1):
            cb = b[j - 1]
            cost = 0 if ca == cb else 1
            v = min(prev[j] + 1, cur[j - 1] + 1, prev[j - 1] + cost)
            if prev2 is not None and i > 1 and j > 1 and ca == b[j - 2] and a[i - 2] == cb:
                v = min(v, prev2[j - 2] + 1)
            cur[j] = v
            if v < row_min:
                row_min = v
        if row_min > limit:
            return limit + 1
        prev2, prev = prev, cur
    return min(prev[lb], limit + 1)


def max_distance_for(term: str) -> int:
    """How many edits a correction may make, by the length of the term."""
    n = len(term)
    if n <= 3:
        return 0
    if n <= 5:
        return 1
    return 2


def plain_query_words(query: Query) -> list[qa.Term]:
    """The positive single-word leaves (what a suggestion may correct)."""
    if query.root is None:
        return []
    return [leaf for leaf in qa.walk_positive(query.root) if isinstance(leaf, qa.Term)]


def surface_form(
    term: str, candidates: Iterable[tuple[str, str | None]], typed: str
) -> str | None:
    """Pick how to spell ``term`` in a suggestion.

    ``candidates`` are ``(text, language)`` pairs of visible documents that
    contain ``term``; the word of those texts whose analysed form is
    ``term`` and which is closest to what the user ``typed`` wins (so the
    user's clitics are kept when the corpus has them).
    """
    analysis = _analysis()
    typed_plain = strip_marks(analysis.normalize(typed)) if typed else ""
    best: tuple[int, int, str] | None = None
    seen: dict[str, int] = {}
    for text, language in candidates:
        for tok in analysis.tokens(text or "", language or None):
            if tok.term != term:
                continue
            word = strip_marks(text[tok.start : tok.end])
            seen[word] = seen.get(word, 0) + 1
    for word, freq in seen.items():
        dist = edit_distance(strip_marks(analysis.normalize(word)), typed_plain, limit=10)
        key = (dist, -freq, word)
        if best is None or key < best:
            best = key
    return best[2] if best else None


def replace_words(text: str, replacements: dict[str, str]) -> str:
    """Rewrite the user's query text, replacing whole words."""
    out = text
    for old, new in replacements.items():
        out = re.sub(r"(?<![\w])" + re.escape(old) + r"(?![\w])", new, out)
    return out
