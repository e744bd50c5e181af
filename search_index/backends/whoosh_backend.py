"""The embedded search backend: a Whoosh index in a directory (``var/index``).

Schema
------
``id``            ID, stored, unique (upserts replace by id)
``type``          KEYWORD (lower-cased), stored
``mechanisms``    KEYWORD, commas, lower-cased, stored
``institutions``  KEYWORD, commas, lower-cased, stored
``year``          KEYWORD ("2020"; empty when unknown), stored
``language``      KEYWORD, stored
``workflow_state``KEYWORD, stored
``confidential``  KEYWORD ("1"/"0"), stored
``parent_id``     ID, stored
``title``/``text`` STORED (highlights are computed from them in Python)
``content``       the one analysed text field: title + body, frequencies only
                  (no positions); title words carry weight
                  :data:`~search_index.backends.base.TITLE_BOOST`
``pairs``         "shingles": every two consecutive kept words of title and
                  body, with the number of positions between them; this is
                  how phrases are matched (see below)

Both text fields are analysed by :class:`DocumentAnalyzer` /
:class:`PairAnalyzer`, thin picklable wrappers around
:mod:`search_index.analysis`; the indexed value is
``"<language>\\x1e<title>\\x1e<text>"`` so the analysis runs in the writer's
worker processes (``procs``) and knows the document's language.

Query execution
---------------
A query is evaluated twice, differently:

1. *Which documents match* -- exactly, as sets of document numbers built
   from posting lists (cached per term and per searcher generation),
   intersected with the documents the :class:`Visibility` and the filters
   allow.  That gives the total and the facet counts (counted over the
   same set, from per-document facet columns), so hidden documents never
   count anywhere.
2. *Ranking* -- a Whoosh matcher over the union of the query's positive
   text terms (BM25F), walked with block-quality skipping for the top
   ``offset + first`` and keeping only documents of set 1.

Phrases: two words are one ``pairs`` term (exact, including the distance
when stop words were dropped in between).  Longer phrases first match the
documents that contain each consecutive pair; when at most
``PHRASE_VERIFY_MAX`` documents do, each is checked word by word against its
stored text, so the answer is exact.  Above that (a phrase of very common
words) "a b" and "b c" in different places also match; the PostgreSQL
backend is always exact.

The searcher is cached and reopened only when the index generation changed
(another process or our own write); all caches hang off the searcher.
Blocking work runs in a worker thread (``asyncio.to_thread``).
"""

from __future__ import annotations

import asyncio
import heapq
import logging
import os
import shutil
import threading
from collections import Counter, OrderedDict
from pathlib import Path
from typing import Iterable, Sequence

from whoosh import fields, index as windex, scoring, writing
from whoosh import query as wq
from whoosh.analysis import Analyzer, Token
from whoosh.codec.whoosh3 import LENGTHS_COLUMN, W3LeafMatcher, _lenfield
from whoosh.util.numeric import byte_to_length

from search_index.backends.base import (
    FACET_FIELDS,
    SUGGEST_MAX_TOTAL,
    TITLE_BOOST,
    FacetBucket,
    SearchHit,
    SearchResult,
    check_paging,
    coerce_query,
    document_tokens,
    edit_distance,
    highlight_document,
    max_distance_for,
    plain_query_words,
    replace_words,
    surface_form,
)
from search_index.documents import SearchDocument, SearchFilter, Visibility
from search_index.query import Query, parse_query
from search_index.query import ast as qa

__all__ = ["WhooshBackend", "DocumentAnalyzer", "PairAnalyzer", "make_schema"]

log = logging.getLogger(__name__)

SEP = "\x1e"
PAIR_SEP = "\x1f"
#: Pairs are indexed for words at most this many positions apart (so up to
#: MAX_PAIR_GAP - 1 stop words may sit between them).
MAX_PAIR_GAP = 4
#: Batches at least this large are written by several processes.
BULK_THRESHOLD = 5000
#: Prefixes expanding to more terms than this are refused.
MAX_PREFIX_TERMS = 2000

# ---------------------------------------------------------------------------
# Analyzers (picklable: they are stored in the index schema)
# ---------------------------------------------------------------------------

_last_value: list = [None, None]


def encode_value(title: str, text: str, language: str | None) -> str:
    return f"{language or ''}{SEP}{title or ''}{SEP}{text or ''}"


def _analysed(value: str):
    """Analyse an encoded document value once (both fields use it)."""
    if _last_value[0] == value:
        return _last_value[1]
    if SEP in value:
        language, title, text = value.split(SEP, 2)
    else:
        language, title, text = "", "", value
    result = document_tokens(title, text, language or None)
    _last_value[0] = value
    _last_value[1] = result
    return result


#: Phrases of three words or more are checked word by word when at most this many documents are
#: candidates (each costs a re-analysis of the stored text); above it they stay pair-approximate.
PHRASE_VERIFY_MAX = 1_000


def pair_term(a: str, gap: int, b: str) -> str:
    if gap == 1:
        return f"{a}{PAIR_SEP}{b}"
    return f"{a}{PAIR_SEP}{gap}{PAIR_SEP}{b}"


def _pairs(toks):
    for i in range(len(toks) - 1):
        (a, pa), (b, pb) = toks[i], toks[i + 1]
        gap = pb - pa
        if 1 <= gap <= MAX_PAIR_GAP:
            yield pair_term(a, gap, b), pa


class _TokenStreamAnalyzer(Analyzer):
    def __eq__(self, other):
        return type(self) is type(other)

    def __hash__(self):
        return hash(type(self).__name__)

    def _stream(self, value):  # pragma: no cover - abstract
        raise NotImplementedError

    def __call__(self, value, positions=False, chars=False, keeporiginal=False,
                 removestops=True, start_pos=0, start_char=0, tokenize=True,
                 mode="", **kwargs):
        t = Token(positions, chars, removestops=removestops, mode=mode, **kwargs)
        for text, pos, boost in self._stream(value):
            t.text = text
            t.boost = boost
            t.stopped = False
            if positions:
                t.pos = start_pos + pos
            if chars:
                t.startchar = t.endchar = 0
            yield t


class DocumentAnalyzer(_TokenStreamAnalyzer):
    """Title and body terms of an encoded document value."""

    def _stream(self, value):
        title, body = _analysed(value)
        for term, pos in title:
            yield term, pos, TITLE_BOOST
        for term, pos in body:
            yield term, pos, 1.0


class PairAnalyzer(_TokenStreamAnalyzer):
    """Consecutive-word pairs (see :func:`pair_term`)."""

    def _stream(self, value):
        title, body = _analysed(value)
        for term, pos in _pairs(title):
            yield term, pos, TITLE_BOOST
        for term, pos in _pairs(body):
            yield term, pos, 1.0


def make_schema() -> fields.Schema:
    kw = dict(stored=True, commas=True, lowercase=True, scorable=False)
    return fields.Schema(
        id=fields.ID(stored=True, unique=True),
        type=fields.KEYWORD(**kw),
        mechanisms=fields.KEYWORD(**kw),
        institutions=fields.KEYWORD(**kw),
        year=fields.KEYWORD(**kw),
        language=fields.KEYWORD(**kw),
        workflow_state=fields.KEYWORD(**kw),
        confidential=fields.KEYWORD(**kw),
        parent_id=fields.ID(stored=True),
        title=fields.STORED(),
        text=fields.STORED(),
        content=fields.TEXT(analyzer=DocumentAnalyzer(), phrase=False),
        pairs=fields.TEXT(analyzer=PairAnalyzer(), phrase=False),
    )


def _clean_kw(value: str) -> str:
    return str(value).replace(",", " ").strip()


def _doc_fields(doc: SearchDocument) -> dict:
    return dict(
        id=doc.id,
        type=_clean_kw(doc.type),
        mechanisms=",".join(_clean_kw(m) for m in doc.mechanisms or () if _clean_kw(m)),
        institutions=",".join(_clean_kw(m) for m in doc.institutions or () if _clean_kw(m)),
        year="" if doc.year is None else str(int(doc.year)),
        language=_clean_kw(doc.language or ""),
        workflow_state=_clean_kw(doc.workflow_state),
        confidential="1" if doc.confidential else "0",
        parent_id=doc.parent_id or "",
        title=doc.title or "",
        text=doc.text or "",
        content=encode_value(doc.title, doc.text, doc.language),
        pairs=encode_value(doc.title, doc.text, doc.language),
    )


# ---------------------------------------------------------------------------
# Fast posting access
# ---------------------------------------------------------------------------


def _leaf_ids(m) -> list[int]:
    """All ids of a fresh posting matcher, block by block."""
    if type(m) is W3LeafMatcher:
        out: list[int] = []
        while m.is_active():
            if m._ids is None:
                m._read_ids()
            out.extend(m._ids[m._i:] if m._i else m._ids)
            m._next_block()
        return out
    return list(m.all_ids())


class _LRU(OrderedDict):
    """Least-recently-used cache bounded by the summed ``size`` of its values."""

    def __init__(self, capacity: int):
        super().__init__()
        self.capacity = capacity
        self.used = 0

    def get(self, key, default=None):
        item = super().get(key)
        if item is None:
            return default
        self.move_to_end(key)
        return item[0]

    def put(self, key, value, size: int = 1):
        old = super().get(key)
        if old is not None:
            self.used -= old[1]
        self[key] = (value, size)
        self.move_to_end(key)
        self.used += size
        while self.used > self.capacity and len(self) > 1:
            _, (_, dropped) = self.popitem(last=False)
            self.used -= dropped


class _SearcherState:
    """A searcher and everything cached for its generation of the index."""

    def __init__(self, searcher):
        self.searcher = searcher
        self.leaves = list(searcher.leaf_searchers())
        self.doc_count_all = searcher.doc_count_all()
        # bounded by the number of document numbers held (~40 bytes each)
        self.terms = _LRU(4_000_000)  # (field, term) -> frozenset of docnums
        self.masks = _LRU(1_000_000)  # (visibility, filter) -> frozenset | None
        self.results = _LRU(2_000_000)  # (query, visibility, filter) -> matched docnums
        self.columns: dict[str, list] = {}
        self.lengths: dict[tuple[int, str], bytes] = {}
        self._live: frozenset[int] | None = None
        self.lock = threading.Lock()

    # -- document sets ---------------------------------------------------

    def term_docs(self, field: str, term: str) -> frozenset[int]:
        key = (field, term)
        docs = self.terms.get(key)
        if docs is None:
            ids: list[int] = []
            for sub, offset in self.leaves:
                reader = sub.reader()
                try:
                    if (field, term) not in reader:
                        continue
                    m = reader.postings(field, term)
                except Exception:  # TermNotFound
                    continue
                local = _leaf_ids(m)
                ids.extend([d + offset for d in local] if offset else local)
            docs = frozenset(ids)
            self.terms.put(key, docs, len(docs) + 1)
        return docs

    def live_docs(self) -> frozenset[int]:
        if self._live is None:
            ids = []
            for sub, offset in self.leaves:
                reader = sub.reader()
                n = reader.doc_count_all()
                if reader.has_deletions():
                    ids.extend(offset + d for d in range(n) if not reader.is_deleted(d))
                else:
                    ids.extend(range(offset, offset + n))
            self._live = frozenset(ids)
        return self._live

    def field_values(self, field: str) -> list[str]:
        reader = self.searcher.reader()
        return [t.decode("utf-8") if isinstance(t, bytes) else t for t in reader.lexicon(field)]

    def expand_prefix(self, field: str, prefix: str) -> list[str]:
        reader = self.searcher.reader()
        out = []
        for t in reader.expand_prefix(field, prefix):
            out.append(t.decode("utf-8") if isinstance(t, bytes) else t)
            if len(out) > MAX_PREFIX_TERMS:
                break
        return out

    def field_lengths(self, leaf_index: int, field: str) -> bytes:
        """The encoded length byte of ``field`` for every document of a segment."""
        key = (leaf_index, field)
        data = self.lengths.get(key)
        if data is None:
            sub, _ = self.leaves[leaf_index]
            reader = sub.reader()
            n = reader.doc_count_all()
            data = b""
            try:
                col = reader._perdoc._cached_reader(_lenfield(field), LENGTHS_COLUMN)
                if col is not None:
                    data = bytes(col._dbfile.get(col._basepos, col._count))
            except Exception:  # pragma: no cover - other codec: slow path
                from whoosh.util.numeric import length_to_byte

                data = bytes(length_to_byte(reader.doc_field_length(d, field)) for d in range(n))
            if len(data) < n:
                data += bytes(n - len(data))
            self.lengths[key] = data
        return data

    # -- facet columns ---------------------------------------------------

    def column(self, field: str) -> list:
        """docnum -> value (a tuple of values for multi-valued fields)."""
        col = self.columns.get(field)
        if col is None:
            n = self.doc_count_all
            multi = field == "mechanisms"
            col = [() for _ in range(n)] if multi else [None] * n
            stored_field = field
            # the index is lower-cased: map back to the stored spelling
            # through one stored document per value
            for value in self.field_values(stored_field):
                docs = self.term_docs(stored_field, value)
                if not docs:
                    continue
                display = self._display_value(stored_field, value, next(iter(docs)))
                for d in docs:
                    if multi:
                        col[d] = col[d] + (display,)
                    else:
                        col[d] = display
            self.columns[field] = col
        return col

    def _display_value(self, field: str, value: str, docnum: int) -> str:
        stored = self.searcher.stored_fields(docnum).get(field) or ""
        for part in str(stored).split(","):
            if part.strip().lower() == value:
                return part.strip()
        return value


# ---------------------------------------------------------------------------
# The backend
# ---------------------------------------------------------------------------


class WhooshBackend:
    kind = "whoosh"

    def __init__(
        self,
        index_dir: os.PathLike | str,
        *,
        expander=None,
        procs: int | None = None,
        limitmb: int = 1024,
        lock_timeout: float = 60.0,
        ranking: str = "blocks",
    ) -> None:
        self.index_dir = Path(index_dir)
        self.expander = expander
        self.procs = procs if procs is not None else (os.cpu_count() or 1)
        self.limitmb = limitmb
        self.lock_timeout = lock_timeout
        self._ix = None
        self._state: _SearcherState | None = None
        self._open_lock = threading.Lock()
        self._search_lock = threading.Lock()
        self._write_lock = threading.Lock()
        self.weighting = scoring.BM25F()
        if ranking not in ("blocks", "matcher"):
            raise ValueError("ranking must be 'blocks' or 'matcher'")
        #: "blocks": block-at-a-time BM25F over the posting blocks with
        #: block-max skipping (default); "matcher": Whoosh's own matcher tree
        #: with block-quality skipping (slower on frequent words).
        self.ranking = ranking

    # -- opening -----------------------------------------------------------

    def _index(self):
        if self._ix is None:
            with self._open_lock:
                if self._ix is None:
                    self.index_dir.mkdir(parents=True, exist_ok=True)
                    if windex.exists_in(str(self.index_dir)):
                        self._ix = windex.open_dir(str(self.index_dir))
                    else:
                        self._ix = windex.create_in(str(self.index_dir), make_schema())
        return self._ix

    def _current(self) -> _SearcherState:
        """The cached searcher state, reopened if the index changed."""
        ix = self._index()
        state = self._state
        if state is not None and state.searcher.up_to_date():
            return state
        with self._open_lock:
            state = self._state
            if state is not None and state.searcher.up_to_date():
                return state
            # A fresh searcher, not ``refresh()``: refresh reuses the readers
            # of unchanged segment ids and would miss new deletions in them.
            searcher = ix.searcher(weighting=self.weighting)
            if state is not None:
                state.searcher.close()
            self._state = _SearcherState(searcher)
            return self._state

    async def setup(self) -> None:
        await asyncio.to_thread(self._index)

    async def close(self) -> None:
        def _close():
            with self._open_lock:
                if self._state is not None:
                    self._state.searcher.close()
                    self._state = None
                self._ix = None

        await asyncio.to_thread(_close)

    # -- writing -----------------------------------------------------------

    def _writer(self, bulk: bool):
        ix = self._index()
        if bulk and self.procs > 1:
            return ix.writer(procs=self.procs, multisegment=True, limitmb=self.limitmb, batchsize=500,
                             timeout=self.lock_timeout, delay=0.05)
        return ix.writer(limitmb=self.limitmb, timeout=self.lock_timeout, delay=0.05)

    def _index_sync(self, docs: Sequence[SearchDocument]) -> None:
        if not docs:
            return
        # last one wins within a batch
        unique = list({d.id: d for d in docs}.values())
        with self._write_lock:
            ix = self._index()
            empty = ix.doc_count_all() == 0
            writer = self._writer(bulk=len(unique) >= BULK_THRESHOLD)
            try:
                for doc in unique:
                    values = _doc_fields(doc)
                    if empty:
                        writer.add_document(**values)
                    else:
                        writer.update_document(**values)
                writer.commit()
            except BaseException:
                writer.cancel()
                raise

    async def index(self, docs: Sequence[SearchDocument]) -> None:
        await asyncio.to_thread(self._index_sync, list(docs))

    def _delete_sync(self, ids: Sequence[str]) -> None:
        if not ids:
            return
        with self._write_lock:
            writer = self._writer(bulk=False)
            try:
                for doc_id in ids:
                    writer.delete_by_term("id", doc_id)
                writer.commit()
            except BaseException:
                writer.cancel()
                raise

    async def delete(self, ids: Sequence[str]) -> None:
        await asyncio.to_thread(self._delete_sync, list(ids))

    def _clear_sync(self) -> None:
        with self._write_lock:
            writer = self._writer(bulk=False)
            writer.commit(mergetype=writing.CLEAR)

    async def clear(self) -> None:
        await asyncio.to_thread(self._clear_sync)

    def _optimize_sync(self) -> None:
        with self._write_lock:
            self._index().optimize()

    async def optimize(self) -> None:
        """Merge all segments into one (maintenance; never done on commit)."""
        await asyncio.to_thread(self._optimize_sync)

    def drop_caches(self) -> None:
        """Forget every cached posting set, mask and result (benchmarks: cold runs)."""
        with self._search_lock:
            if self._state is not None:
                self._state = _SearcherState(self._state.searcher)

    async def count(self) -> int:
        def run():
            with self._search_lock:
                return self._current().searcher.doc_count()

        return await asyncio.to_thread(run)

    # -- document sets ---------------------------------------------------

    def _docs(self, st: _SearcherState, node) -> frozenset[int] | set[int]:
        if isinstance(node, qa.Term):
            sets = [st.term_docs("content", t) for t in node.terms]
            return sets[0] if len(sets) == 1 else set().union(*sets)
        if isinstance(node, qa.Phrase):
            return self._phrase_docs(st, node)
        if isinstance(node, qa.Prefix):
            out: set[int] = set()
            for p in node.prefixes:
                for term in self._prefix_terms(st, p):
                    out |= st.term_docs("content", term)
            return out
        if isinstance(node, qa.Field):
            return st.term_docs(_FIELD_MAP[node.field], node.value)
        if isinstance(node, qa.YearRange):
            out = set()
            for y in self._years(st, node.start, node.end):
                out |= st.term_docs("year", y)
            return out
        if isinstance(node, qa.MatchAll):
            return st.live_docs()
        if isinstance(node, qa.Or):
            out = set()
            for child in node.children:
                out |= self._docs(st, child)
            return out
        if isinstance(node, qa.And):
            pos = [c for c in node.children if not isinstance(c, qa.Not)]
            neg = [c.child for c in node.children if isinstance(c, qa.Not)]
            sets = sorted((self._docs(st, c) for c in pos), key=len)
            if not sets:
                return set()
            out = set(sets[0])
            for s in sets[1:]:
                if not out:
                    break
                out &= s
            for c in neg:
                if not out:
                    break
                out -= self._docs(st, c)
            return out
        if isinstance(node, qa.Not):  # only reachable for unsimplified trees
            return st.live_docs() - self._docs(st, node.child)
        raise TypeError(node)

    def _phrase_pairs(self, node: qa.Phrase) -> list[list[str]]:
        """For each consecutive pair of the phrase, the alternative pair terms."""
        out = []
        for i, gap in enumerate(node.gaps()):
            if gap > MAX_PAIR_GAP:
                out.append([])  # cannot be matched exactly: fall back to AND
                continue
            out.append([pair_term(a, gap, b) for a in node.slots[i] for b in node.slots[i + 1]])
        return out

    def _phrase_docs(self, st: _SearcherState, node: qa.Phrase):
        result = None
        for i, alts in enumerate(self._phrase_pairs(node)):
            if alts:
                s: set[int] | frozenset[int] = set().union(*(st.term_docs("pairs", t) for t in alts))
            else:
                a = set().union(*(st.term_docs("content", t) for t in node.slots[i]))
                b = set().union(*(st.term_docs("content", t) for t in node.slots[i + 1]))
                s = a & b
            result = set(s) if result is None else (result & s)
            if not result:
                break
        if result and len(node.slots) > 2 and len(result) <= PHRASE_VERIFY_MAX:
            # Overlapping pairs over-match longer phrases ("a b" here, "b c" there): check the
            # candidates' own token positions when there are few enough to read.
            result = {doc for doc in result if self._phrase_in_doc(st, doc, node)}
        return result or set()

    @staticmethod
    def _phrase_in_doc(st: _SearcherState, docnum: int, node: qa.Phrase) -> bool:
        stored = st.searcher.stored_fields(docnum)
        title, body = document_tokens(stored.get("title", ""), stored.get("text", ""), stored.get("language"))
        at: dict[int, str] = dict((pos, term) for term, pos in (*title, *body))
        base_offset = node.positions[0]
        first = set(node.slots[0])
        for pos, term in at.items():
            if term not in first:
                continue
            start = pos - base_offset
            if all(at.get(start + p) in slot for p, slot in zip(node.positions[1:], node.slots[1:])):
                return True
        return False

    def _prefix_terms(self, st: _SearcherState, prefix: str) -> list[str]:
        terms = st.expand_prefix("content", prefix)
        if len(terms) > MAX_PREFIX_TERMS:
            from search_index.query import QueryError

            raise QueryError(
                f"“{prefix}*” matches too many words; type a few more letters.",
                code="prefix_too_broad",
            )
        return terms

    def _years(self, st: _SearcherState, start, end) -> list[str]:
        out = []
        for value in st.field_values("year"):
            try:
                y = int(value)
            except ValueError:
                continue
            if (start is None or y >= start) and (end is None or y <= end):
                out.append(value)
        return out

    def _allowed(self, st: _SearcherState, visibility: Visibility, flt: SearchFilter | None):
        """The documents the caller may see and asked for (None = all live)."""
        key = (visibility.cache_key(), flt.cache_key() if flt else None)
        hit = st.masks.get(key, False)
        if hit is not False:
            return hit
        allowed: set[int] | frozenset[int] | None = None

        def restrict(docs):
            nonlocal allowed
            allowed = set(docs) if allowed is None else (allowed & docs)

        if visibility.states is not None:
            states = {s.lower() for s in visibility.states}
            restrict(set().union(*(st.term_docs("workflow_state", s) for s in states)) if states else set())
        if not visibility.include_confidential:
            conf = st.term_docs("confidential", "1")
            if conf:
                if allowed is None:
                    allowed = set(st.live_docs()) - conf
                else:
                    allowed -= conf
        if flt is not None and not flt.is_empty():
            for field, values in (
                ("type", flt.types),
                ("mechanisms", flt.mechanisms),
                ("institutions", flt.institutions),
                ("language", flt.languages),
            ):
                if values:
                    restrict(set().union(*(st.term_docs(field, str(v).lower()) for v in values)))
            if flt.years or flt.year_from is not None or flt.year_to is not None:
                years = set()
                for y in self._years(st, flt.year_from, flt.year_to):
                    if not flt.years or int(y) in {int(v) for v in flt.years}:
                        years |= st.term_docs("year", y)
                restrict(years)
        result = None if allowed is None else frozenset(allowed)
        st.masks.put(key, result, 1 + (len(result) if result is not None else 0))
        return result

    # -- ranking -----------------------------------------------------------

    def _scoring_query(self, node) -> wq.Query | None:
        leaves = []
        for leaf in qa.walk_positive(node):
            if isinstance(leaf, qa.Term):
                leaves.extend(wq.Term("content", t) for t in leaf.terms)
            elif isinstance(leaf, qa.Phrase):
                for alts in self._phrase_pairs(leaf):
                    leaves.extend(wq.Term("pairs", t) for t in alts)
            elif isinstance(leaf, qa.Prefix):
                for p in leaf.prefixes:
                    leaves.append(wq.Prefix("content", p))
        if not leaves:
            return None
        return leaves[0] if len(leaves) == 1 else wq.Or(leaves)

    def _scoring_leaves(self, st: _SearcherState, node) -> list[tuple[str, str]]:
        """(field, term) of every positive text term of the query."""
        out: dict[tuple[str, str], None] = {}
        for leaf in qa.walk_positive(node):
            if isinstance(leaf, qa.Term):
                for t in leaf.terms:
                    out[("content", t)] = None
            elif isinstance(leaf, qa.Phrase):
                for i, alts in enumerate(self._phrase_pairs(leaf)):
                    if alts:
                        for t in alts:
                            out[("pairs", t)] = None
                    else:
                        for t in leaf.slots[i] + leaf.slots[i + 1]:
                            out[("content", t)] = None
            elif isinstance(leaf, qa.Prefix):
                for p in leaf.prefixes:
                    for t in self._prefix_terms(st, p):
                        out[("content", t)] = None
        return list(out)

    def _top_blocks(self, st: _SearcherState, leaves, matched, k: int):
        """Top ``k`` (score, docnum) of ``matched`` by BM25F, best first.

        Reads each term's posting blocks directly and scores a whole block
        at a time (the length normalisation comes from a 256-entry table,
        lengths being stored as one byte).  With a single term, blocks whose
        maximum possible score (Whoosh's per-block max weight and min
        length) cannot enter the current top ``k`` are skipped without
        being decoded.  Scores equal Whoosh's BM25F.
        """
        if k <= 0 or not leaves:
            return []
        searcher = st.searcher
        K1, B = self.weighting.K1, self.weighting.B
        single = len(leaves) == 1
        heap: list[tuple[float, int]] = []
        acc: dict[int, float] = {}
        for field, term in leaves:
            idf = searcher.idf(field, term)
            avgfl = searcher.avg_field_length(field) or 1.0
            norm = [K1 * ((1 - B) + B * byte_to_length(lb) / avgfl) for lb in range(256)]
            c = idf * (K1 + 1)
            for li, (sub, offset) in enumerate(st.leaves):
                reader = sub.reader()
                if (field, term) not in reader:
                    continue
                m = reader.postings(field, term)
                while hasattr(m, "child") and type(m) is not W3LeafMatcher:
                    m = m.child  # deletions wrapper: deleted docs are not in `matched`
                if type(m) is not W3LeafMatcher:  # pragma: no cover - other codec
                    m = reader.postings(field, term)
                    while m.is_active():
                        g = m.id() + offset
                        if g in matched:
                            acc[g] = acc.get(g, 0.0) + c * m.weight() / (
                                m.weight() + K1 * ((1 - B) + B * reader.doc_field_length(m.id(), field) / avgfl))
                        m.next()
                    single = False
                    continue
                lens = st.field_lengths(li, field)
                while m.is_active():
                    if single and len(heap) == k:
                        mw = m.block_max_weight()
                        bound = c * mw / (mw + K1 * ((1 - B) + B * m.block_min_length() / avgfl))
                        if bound < heap[0][0]:
                            m._next_block()
                            continue
                    if m._ids is None:
                        m._read_ids()
                    if m._weights is None:
                        m._read_weights()
                    ids, ws = m._ids, m._weights
                    if single:
                        thr = heap[0][0] / c if len(heap) == k else -1.0
                        for d, w in zip(ids, ws):
                            sc = w / (w + norm[lens[d]])
                            if sc >= thr:
                                g = d + offset
                                if g in matched:
                                    item = (sc * c, -g)
                                    if len(heap) < k:
                                        heapq.heappush(heap, item)
                                        if len(heap) == k:
                                            thr = heap[0][0] / c
                                    elif item > heap[0]:
                                        heapq.heapreplace(heap, item)
                                        thr = heap[0][0] / c
                    else:
                        get = acc.get
                        for d, w in zip(ids, ws):
                            g = d + offset
                            if g in matched:
                                acc[g] = get(g, 0.0) + c * w / (w + norm[lens[d]])
                    m._next_block()
        if not single:
            heap = heapq.nlargest(k, ((sc, -g) for g, sc in acc.items()))
        heap.sort(reverse=True)
        return [(sc, -g) for sc, g in heap]

    def _top(self, st: _SearcherState, scoring_q, matched, k: int):
        """Top ``k`` (score, docnum) of ``matched`` by BM25F, best first."""
        heap: list[tuple[float, int]] = []
        if k <= 0:
            return []
        searcher = st.searcher
        context = searcher.context(weighting=self.weighting)
        for sub, offset in st.leaves:
            m = scoring_q.matcher(sub, context)
            usequality = m.supports_block_quality()
            checkquality = True
            replace_counter = 0
            while m.is_active():
                if replace_counter == 0:
                    m = m.replace(heap[0][0] if len(heap) == k else 0)
                    if not m.is_active():
                        break
                    usequality = m.supports_block_quality()
                    replace_counter = 16
                replace_counter -= 1
                if usequality and checkquality and len(heap) == k:
                    m.skip_to_quality(heap[0][0])
                    if not m.is_active():
                        break
                docnum = m.id() + offset
                if docnum in matched:
                    score = m.score()
                    item = (score, -docnum)
                    if len(heap) < k:
                        heapq.heappush(heap, item)
                    elif item > heap[0]:
                        heapq.heapreplace(heap, item)
                checkquality = m.next()
        heap.sort(reverse=True)
        return [(s, -d) for s, d in heap]

    # -- search ------------------------------------------------------------

    def _matched(self, st: _SearcherState, query: Query, visibility, flt):
        key = (qa.to_string(query.root), visibility.cache_key(), flt.cache_key() if flt else None)
        hit = st.results.get(key)
        if hit is not None:
            return hit
        docs = self._docs(st, query.root)
        allowed = self._allowed(st, visibility, flt)
        if allowed is None:
            matched = docs & st.live_docs() if isinstance(docs, (set, frozenset)) else set(docs)
        else:
            matched = docs & allowed if len(docs) <= len(allowed) else allowed & docs
        matched = frozenset(matched)
        st.results.put(key, matched, len(matched) + 1)
        return matched

    def _facets(self, st: _SearcherState, matched) -> dict[str, list[FacetBucket]]:
        out: dict[str, list[FacetBucket]] = {}
        for facet in FACET_FIELDS:
            field = _FIELD_MAP[facet]
            col = st.column(field)
            if field == "mechanisms":
                counter: Counter = Counter()
                for d in matched:
                    counter.update(col[d])
            else:
                counter = Counter(map(col.__getitem__, matched))
                counter.pop(None, None)
                counter.pop("", None)
            buckets = sorted(counter.items(), key=lambda kv: (-kv[1], kv[0]))
            out[facet] = [FacetBucket(str(v), c) for v, c in buckets]
        return out

    def _search_sync(self, query: Query, flt, visibility, first, offset, facets) -> SearchResult:
        with self._search_lock:
            st = self._current()
            if query.root is None:
                return SearchResult.empty(facets, query.notices)
            matched = self._matched(st, query, visibility, flt)
            total = len(matched)
            k = offset + first
            top: list[tuple[float, int]] = []
            if total and k:
                if self.ranking == "blocks":
                    top = self._top_blocks(st, self._scoring_leaves(st, query.root), matched, k)
                else:
                    scoring_q = self._scoring_query(query.root)
                    if scoring_q is not None:
                        top = self._top(st, scoring_q, matched, k)
                if len(top) < min(k, total):
                    # documents matched without a text term (filters): after
                    # the scored ones, in index order
                    seen = {d for _, d in top}
                    for d in sorted(matched):
                        if d not in seen:
                            top.append((0.0, d))
                            if len(top) >= k:
                                break
            hits = []
            for score, docnum in top[offset:k]:
                stored = st.searcher.stored_fields(docnum)
                hits.append(
                    SearchHit(
                        id=stored["id"],
                        type=stored.get("type", ""),
                        score=float(score),
                        highlights=highlight_document(
                            stored.get("title", ""), stored.get("text", ""), stored.get("language"), query
                        ),
                    )
                )
            facet_counts = self._facets(st, matched) if facets else {}
            suggestion = None
            if total <= SUGGEST_MAX_TOTAL:
                suggestion = self._suggest_locked(st, query, visibility, total)
            return SearchResult(total, hits, facet_counts, suggestion, query.notices)

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
        q = coerce_query(query, self.expander)
        first, offset = check_paging(first, offset)
        return await asyncio.to_thread(self._search_sync, q, filter, visibility, first, offset, facets)

    # -- suggestions -------------------------------------------------------

    def _visible_count(self, st, docs, allowed) -> int:
        if allowed is None:
            return len(docs & st.live_docs())
        return len(docs & allowed) if len(docs) < len(allowed) else len(allowed & docs)

    def _suggest_locked(self, st: _SearcherState, query: Query, visibility: Visibility, total: int):
        words = plain_query_words(query)
        if not words:
            return None
        allowed = self._allowed(st, visibility, None)
        replacements: dict[str, str] = {}
        for word in words:
            docs = set().union(*(st.term_docs("content", t) for t in word.terms))
            if self._visible_count(st, docs, allowed) > SUGGEST_MAX_TOTAL:
                continue
            best = None  # (distance, -count, term)
            for term in word.terms:
                maxdist = max_distance_for(term)
                if not maxdist:
                    continue
                candidates = set()
                for sub, _ in st.leaves:
                    try:
                        candidates.update(sub.reader().terms_within("content", term, maxdist))
                    except Exception:  # pragma: no cover - codec without automata
                        continue
                candidates.discard(term)
                for cand in candidates:
                    count = self._visible_count(st, st.term_docs("content", cand), allowed)
                    if count == 0:
                        continue
                    dist = edit_distance(cand, term, maxdist)
                    key = (dist, -count, cand)
                    if best is None or key < best:
                        best = key
            if best is None:
                continue
            cand = best[2]
            docs = st.term_docs("content", cand)
            visible = sorted(docs if allowed is None else (docs & allowed))[:8]
            texts = []
            for d in visible:
                stored = st.searcher.stored_fields(d)
                lang = stored.get("language")
                texts.append((stored.get("title", ""), lang))
                texts.append((stored.get("text", ""), lang))
            form = surface_form(cand, texts, word.raw)
            if form:
                replacements[word.raw] = form
        if not replacements:
            return None
        suggestion = replace_words(query.text, replacements)
        if suggestion == query.text:
            return None
        try:
            corrected = parse_query(suggestion, expander=self.expander)
        except Exception:
            return None
        if corrected.root is None:
            return None
        if len(self._matched(st, corrected, visibility, None)) <= total:
            return None
        return suggestion

    async def suggest(self, text: str, *, visibility: Visibility = Visibility()) -> str | None:
        def run():
            q = coerce_query(text, self.expander)
            with self._search_lock:
                st = self._current()
                if q.root is None:
                    return None
                total = len(self._matched(st, q, visibility, None))
                return self._suggest_locked(st, q, visibility, total)

        return await asyncio.to_thread(run)

    # -- maintenance -------------------------------------------------------

    async def destroy(self) -> None:
        """Close and delete the index directory (for rebuilds)."""
        await self.close()
        await asyncio.to_thread(shutil.rmtree, self.index_dir, True)


_FIELD_MAP = {
    "type": "type",
    "mechanism": "mechanisms",
    "institution": "institutions",
    "language": "language",
    "year": "year",
}
