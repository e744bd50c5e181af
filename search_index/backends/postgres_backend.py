"""PostgreSQL search backend (``MARSAD_SEARCH_BACKEND=postgres``).

Everything lives in the database, so any number of processes can share the
index; nothing kept in memory matters for correctness.

Schema (created by :meth:`PostgresBackend.setup`, idempotent)::

    search_document(
        id text PRIMARY KEY, type text, title text, text text, language text,
        year int, mechanisms text[], institutions text[], workflow_state text,
        confidential bool, parent_id text, tsv tsvector, indexed_at timestamptz)
    GIN (tsv); btree (workflow_state, confidential), (lower(type)), (year),
    (language), (parent_id); GIN (mechanisms), (institutions)
    search_term(term text PRIMARY KEY)   -- vocabulary for "did you mean";
        GiST trigram index when pg_trgm can be enabled

The ``tsv`` column is *not* produced by a PostgreSQL text-search
configuration: it is a ``tsvector`` literal built in Python from the same
analysis the Whoosh backend uses (:func:`~search_index.backends.base.
document_tokens`): ``'term':1A,7A 'other':3`` -- title positions carry weight
A, body positions none (D), positions count stop words, the body starts
``TITLE_GAP`` positions after the title.  Queries are hand-built
``tsquery`` strings: quoted terms, ``<->``/``<N>`` for phrases (``N`` when
stop words were dropped in between), ``:*`` for prefixes, ``& | !``.
Ranking is ``ts_rank_cd``; highlights are computed in Python from the
stored title/text; totals and facets are counted with the same WHERE clause
(visibility, filters and query), so hidden rows never count.

Limits inherited from ``tsvector``: positions above 16,383 are clamped
(phrases deep inside very long texts may not match) and at most 256
positions are kept per term.
"""

from __future__ import annotations

import asyncio
import logging
from collections import defaultdict
from typing import Sequence

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
from search_index.query import Query, QueryError, parse_query
from search_index.query import ast as qa

__all__ = ["PostgresBackend", "tsvector_literal", "tsquery_text", "quote_lexeme"]

log = logging.getLogger(__name__)

MAX_POSITION = 16383
MAX_POSITIONS_PER_TERM = 256
#: tsvector lexemes must be shorter than 2 KiB; longer "words" are not indexed.
MAX_LEXEME_BYTES = 1000
#: ts_rank_cd weights {D, C, B, A}: a title word weighs TITLE_BOOST body words.
RANK_WEIGHTS = "{0.1, 0.1, 0.1, %s}" % round(0.1 * TITLE_BOOST, 4)
RANK_NORMALIZATION = 1  # divide by 1 + log(document length)

SCHEMA_SQL = [
    """
    CREATE TABLE IF NOT EXISTS search_document (
        id text PRIMARY KEY,
        type text NOT NULL,
        title text NOT NULL DEFAULT '',
        text text NOT NULL DEFAULT '',
        language text NOT NULL DEFAULT '',
        year integer,
        mechanisms text[] NOT NULL DEFAULT '{}',
        institutions text[] NOT NULL DEFAULT '{}',
        workflow_state text NOT NULL,
        confidential boolean NOT NULL DEFAULT false,
        parent_id text,
        tsv tsvector NOT NULL,
        indexed_at timestamptz NOT NULL DEFAULT now()
    )
    """,
    "CREATE INDEX IF NOT EXISTS search_document_tsv_idx ON search_document USING gin (tsv)",
    "CREATE INDEX IF NOT EXISTS search_document_state_idx ON search_document (workflow_state, confidential)",
    "CREATE INDEX IF NOT EXISTS search_document_type_idx ON search_document (lower(type))",
    "CREATE INDEX IF NOT EXISTS search_document_year_idx ON search_document (year)",
    "CREATE INDEX IF NOT EXISTS search_document_language_idx ON search_document (language)",
    "CREATE INDEX IF NOT EXISTS search_document_parent_idx ON search_document (parent_id)",
    "CREATE INDEX IF NOT EXISTS search_document_mechanisms_idx ON search_document USING gin (mechanisms)",
    "CREATE INDEX IF NOT EXISTS search_document_institutions_idx ON search_document USING gin (institutions)",
    "CREATE TABLE IF NOT EXISTS search_term (term text PRIMARY KEY)",
]

TRGM_SQL = [
    "CREATE EXTENSION IF NOT EXISTS pg_trgm",
    "CREATE INDEX IF NOT EXISTS search_term_trgm_idx ON search_term USING gist (term gist_trgm_ops)",
]


# ---------------------------------------------------------------------------
# tsvector / tsquery text
# ---------------------------------------------------------------------------


def quote_lexeme(term: str) -> str:
    """A lexeme as a quoted tsvector/tsquery token: ``'it''s'``, ``'a\\\\b'``."""
    return "'" + term.replace("\\", "\\\\").replace("'", "''") + "'"


def tsvector_literal(title_tokens, body_tokens) -> tuple[str, list[str]]:
    """The ``tsvector`` text for a document and its distinct terms."""
    positions: dict[str, list[str]] = defaultdict(list)
    order: list[str] = []
    for toks, label in ((title_tokens, "A"), (body_tokens, "")):
        for term, pos in toks:
            if not term or len(term.encode("utf-8")) > MAX_LEXEME_BYTES:
                continue
            plist = positions.get(term)
            if plist is None:
                plist = positions[term] = []
                order.append(term)
            if len(plist) < MAX_POSITIONS_PER_TERM:
                plist.append(f"{min(pos + 1, MAX_POSITION)}{label}")
    parts = [quote_lexeme(t) + ":" + ",".join(positions[t]) for t in order]
    return " ".join(parts), order


def _alts(terms, suffix: str = "") -> str:
    items = [quote_lexeme(t) + suffix for t in terms]
    return items[0] if len(items) == 1 else "(" + " | ".join(items) + ")"


def tsquery_text(node) -> str:
    """A ``tsquery`` string for a tree of text nodes (Term, Phrase, Prefix,
    And, Or, Not)."""
    if isinstance(node, qa.Term):
        return _alts(node.terms)
    if isinstance(node, qa.Prefix):
        return _alts(node.prefixes, ":*")
    if isinstance(node, qa.Phrase):
        out = [_alts(node.slots[0])]
        for i, gap in enumerate(node.gaps()):
            op = "<->" if gap == 1 else f"<{gap}>"
            out.append(op)
            out.append(_alts(node.slots[i + 1]))
        return "(" + " ".join(out) + ")"
    if isinstance(node, qa.And):
        return "(" + " & ".join(tsquery_text(c) for c in node.children) + ")"
    if isinstance(node, qa.Or):
        return "(" + " | ".join(tsquery_text(c) for c in node.children) + ")"
    if isinstance(node, qa.Not):
        return "!" + tsquery_text(node.child)
    raise TypeError(node)


def _is_text(node) -> bool:
    if isinstance(node, (qa.Term, qa.Phrase, qa.Prefix)):
        return True
    if isinstance(node, qa.Not):
        return _is_text(node.child)
    if isinstance(node, (qa.And, qa.Or)):
        return all(_is_text(c) for c in node.children)
    return False


class _Sql:
    """Accumulates a WHERE clause and its parameters."""

    def __init__(self) -> None:
        self.params: list = []

    def param(self, value) -> str:
        self.params.append(value)
        return f"${len(self.params)}"

    def tsq(self, node) -> str:
        return f"tsv @@ {self.param(tsquery_text(node))}::tsquery"

    def node(self, node) -> str:
        if _is_text(node):
            return self.tsq(node)
        if isinstance(node, qa.And):
            text = [c for c in node.children if _is_text(c)]
            other = [c for c in node.children if not _is_text(c)]
            parts = []
            positive_text = [c for c in text if not isinstance(c, qa.Not)]
            if positive_text:
                parts.append(self.tsq(qa.And(tuple(text)) if len(text) > 1 else text[0]))
            else:
                other = text + other
            parts.extend(self.node(c) for c in other)
            return "(" + " AND ".join(parts) + ")"
        if isinstance(node, qa.Or):
            return "(" + " OR ".join(self.node(c) for c in node.children) + ")"
        if isinstance(node, qa.Not):
            return f"NOT {self.node(node.child)}"
        if isinstance(node, qa.MatchAll):
            return "TRUE"
        if isinstance(node, qa.Field):
            if node.field == "type":
                return f"lower(type) = {self.param(node.value.lower())}"
            if node.field == "language":
                return f"language = {self.param(node.value.lower())}"
            if node.field == "mechanism":
                return f"mechanisms @> ARRAY[{self.param(node.value.lower())}::text]"
            if node.field == "institution":
                return f"institutions @> ARRAY[{self.param(node.value.lower())}::text]"
            raise TypeError(node.field)
        if isinstance(node, qa.YearRange):
            parts = []
            if node.start is not None:
                parts.append(f"year >= {self.param(node.start)}")
            if node.end is not None:
                parts.append(f"year <= {self.param(node.end)}")
            return "(" + " AND ".join(parts or ["year IS NOT NULL"]) + ")"
        raise TypeError(node)

    def visibility(self, vis: Visibility) -> list[str]:
        out = []
        if vis.states is not None:
            out.append(f"workflow_state = ANY({self.param(sorted(vis.states))}::text[])")
        if not vis.include_confidential:
            out.append("NOT confidential")
        return out

    def filter(self, flt: SearchFilter | None) -> list[str]:
        if flt is None or flt.is_empty():
            return []
        out = []
        if flt.types:
            out.append(f"lower(type) = ANY({self.param([str(t).lower() for t in flt.types])}::text[])")
        if flt.mechanisms:
            out.append(f"mechanisms && {self.param([str(m).lower() for m in flt.mechanisms])}::text[]")
        if flt.institutions:
            out.append(f"institutions && {self.param([str(m).lower() for m in flt.institutions])}::text[]")
        if flt.languages:
            out.append(f"language = ANY({self.param([str(m).lower() for m in flt.languages])}::text[])")
        if flt.years:
            out.append(f"year = ANY({self.param([int(y) for y in flt.years])}::int[])")
        if flt.year_from is not None:
            out.append(f"year >= {self.param(int(flt.year_from))}")
        if flt.year_to is not None:
            out.append(f"year <= {self.param(int(flt.year_to))}")
        return out


def _rank_tsquery(root) -> str | None:
    """The tsquery used for ranking: the query itself when it is pure text,
    else the OR of its positive text leaves."""
    if _is_text(root):
        return tsquery_text(root)
    leaves = [leaf for leaf in qa.walk_positive(root) if isinstance(leaf, (qa.Term, qa.Phrase, qa.Prefix))]
    if not leaves:
        return None
    return " | ".join(tsquery_text(leaf) for leaf in leaves)


# ---------------------------------------------------------------------------
# The backend
# ---------------------------------------------------------------------------


def _doc_row(doc: SearchDocument):
    title_toks, body_toks = document_tokens(doc.title, doc.text, doc.language)
    literal, terms = tsvector_literal(title_toks, body_toks)
    row = (
        doc.id,
        doc.type,
        (doc.title or "").replace("\x00", ""),
        (doc.text or "").replace("\x00", ""),
        (doc.language or "").lower(),
        None if doc.year is None else int(doc.year),
        sorted({str(m).lower() for m in doc.mechanisms or ()}),
        sorted({str(m).lower() for m in doc.institutions or ()}),
        doc.workflow_state,
        bool(doc.confidential),
        doc.parent_id,
        literal,
    )
    return row, terms


class PostgresBackend:
    kind = "postgres"

    def __init__(self, dsn: str, *, expander=None, min_size: int = 1, max_size: int = 4,
                 pool=None) -> None:
        self.dsn = dsn
        self.expander = expander
        self._pool = pool
        self._own_pool = pool is None
        self._min_size = min_size
        self._max_size = max_size
        self._setup_done = False
        self._setup_lock: asyncio.Lock | None = None
        self.has_trgm = False

    async def _get_pool(self):
        if self._pool is None:
            import asyncpg

            self._pool = await asyncpg.create_pool(
                self.dsn, min_size=self._min_size, max_size=self._max_size
            )
        return self._pool

    async def setup(self) -> None:
        if self._setup_lock is None:
            self._setup_lock = asyncio.Lock()
        async with self._setup_lock:
            if self._setup_done:
                return
            pool = await self._get_pool()
            async with pool.acquire() as con:
                # one process at a time creates the schema
                async with con.transaction():
                    await con.execute("SELECT pg_advisory_xact_lock(724205001)")
                    for sql in SCHEMA_SQL:
                        await con.execute(sql)
                try:
                    async with con.transaction():
                        await con.execute("SELECT pg_advisory_xact_lock(724205001)")
                        for sql in TRGM_SQL:
                            await con.execute(sql)
                    self.has_trgm = True
                except Exception as exc:  # no pg_trgm, or no right to create it
                    log.info("pg_trgm not available (%s): suggestions use edit distance in Python", exc)
                    self.has_trgm = False
            self._setup_done = True

    async def _ready(self):
        if not self._setup_done:
            await self.setup()
        return self._pool

    async def close(self) -> None:
        if self._pool is not None and self._own_pool:
            await self._pool.close()
        self._pool = None
        self._setup_done = False

    # -- writing -----------------------------------------------------------

    async def index(self, docs: Sequence[SearchDocument]) -> None:
        docs = list({d.id: d for d in docs}.values())
        if not docs:
            return
        pool = await self._ready()
        rows, vocab = [], set()
        for doc in docs:
            row, terms = _doc_row(doc)
            rows.append(row)
            vocab.update(terms)
        async with pool.acquire() as con:
            async with con.transaction():
                await con.executemany(
                    """
                    INSERT INTO search_document (id, type, title, text, language, year, mechanisms,
                        institutions, workflow_state, confidential, parent_id, tsv, indexed_at)
                    VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12::tsvector, now())
                    ON CONFLICT (id) DO UPDATE SET type = EXCLUDED.type, title = EXCLUDED.title,
                        text = EXCLUDED.text, language = EXCLUDED.language, year = EXCLUDED.year,
                        mechanisms = EXCLUDED.mechanisms, institutions = EXCLUDED.institutions,
                        workflow_state = EXCLUDED.workflow_state,
                        confidential = EXCLUDED.confidential, parent_id = EXCLUDED.parent_id,
                        tsv = EXCLUDED.tsv, indexed_at = now()
                    """,
                    rows,
                )
                if vocab:
                    await con.execute(
                        "INSERT INTO search_term (term) SELECT unnest($1::text[]) ORDER BY 1 "
                        "ON CONFLICT DO NOTHING",
                        sorted(vocab),
                    )

    async def delete(self, ids: Sequence[str]) -> None:
        ids = list(ids)
        if not ids:
            return
        pool = await self._ready()
        async with pool.acquire() as con:
            await con.execute("DELETE FROM search_document WHERE id = ANY($1::text[])", ids)

    async def clear(self) -> None:
        pool = await self._ready()
        async with pool.acquire() as con:
            await con.execute("TRUNCATE search_document, search_term")

    async def count(self) -> int:
        pool = await self._ready()
        async with pool.acquire() as con:
            return await con.fetchval("SELECT count(*) FROM search_document")

    # -- searching ---------------------------------------------------------

    def _where(self, root, flt, vis) -> tuple[str, list]:
        sql = _Sql()
        parts = [sql.node(root)] + sql.filter(flt) + sql.visibility(vis)
        return " AND ".join(parts), sql.params

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
        if q.root is None:
            return SearchResult.empty(facets, q.notices)
        pool = await self._ready()
        where, params = self._where(q.root, filter, visibility)
        rank_q = _rank_tsquery(q.root)

        async def hits_query():
            if first == 0:
                return []
            p = list(params)
            if rank_q is not None:
                p.append(rank_q)
                score = (f"ts_rank_cd('{RANK_WEIGHTS}'::float4[], tsv, ${len(p)}::tsquery, "
                         f"{RANK_NORMALIZATION})")
            else:
                score = "0::float4"
            p += [first, offset]
            sql = (
                f"SELECT d.id, d.type, d.title, d.text, d.language, r.score FROM ("
                f" SELECT id, {score} AS score FROM search_document WHERE {where}"
                f" ORDER BY score DESC, id LIMIT ${len(p) - 1} OFFSET ${len(p)}) r"
                f" JOIN search_document d USING (id) ORDER BY r.score DESC, r.id"
            )
            async with pool.acquire() as con:
                return await con.fetch(sql, *p)

        async def counts_query():
            async with pool.acquire() as con:
                if not facets:
                    return await con.fetchval(f"SELECT count(*) FROM search_document WHERE {where}", *params), {}
                sql = f"""
                    WITH m AS MATERIALIZED (
                        SELECT type, year, language, mechanisms FROM search_document WHERE {where})
                    SELECT 'total' AS facet, NULL AS value, count(*) AS n FROM m
                    UNION ALL SELECT 'type', type, count(*) FROM m GROUP BY type
                    UNION ALL SELECT 'year', year::text, count(*) FROM m WHERE year IS NOT NULL GROUP BY year
                    UNION ALL SELECT 'language', language, count(*) FROM m
                        WHERE language <> '' GROUP BY language
                    UNION ALL SELECT 'mechanism', mech, count(*) FROM m, unnest(m.mechanisms) AS mech
                        GROUP BY mech
                """
                rows = await con.fetch(sql, *params)
                total = 0
                buckets: dict[str, list[tuple[str, int]]] = {f: [] for f in FACET_FIELDS}
                for r in rows:
                    if r["facet"] == "total":
                        total = r["n"]
                    else:
                        buckets[r["facet"]].append((r["value"], r["n"]))
                out = {
                    f: [FacetBucket(str(v), int(n)) for v, n in sorted(b, key=lambda x: (-x[1], str(x[0])))]
                    for f, b in buckets.items()
                }
                return total, out

        rows, (total, facet_counts) = await asyncio.gather(hits_query(), counts_query())
        hits = [
            SearchHit(
                id=r["id"],
                type=r["type"],
                score=float(r["score"]),
                highlights=highlight_document(r["title"], r["text"], r["language"], q),
            )
            for r in rows
        ]
        suggestion = None
        if total <= SUGGEST_MAX_TOTAL:
            suggestion = await self._suggest(q, visibility, total)
        return SearchResult(int(total), hits, facet_counts, suggestion, q.notices)

    # -- suggestions -------------------------------------------------------

    async def _visible_count(self, con, node, vis: Visibility, limit: int | None = None) -> int:
        sql = _Sql()
        where = " AND ".join([sql.node(node)] + sql.visibility(vis))
        if limit is None:
            return await con.fetchval(f"SELECT count(*) FROM search_document WHERE {where}", *sql.params)
        return await con.fetchval(
            f"SELECT count(*) FROM (SELECT 1 FROM search_document WHERE {where} LIMIT {int(limit)}) s",
            *sql.params,
        )

    async def _candidates(self, con, term: str, maxdist: int) -> list[str]:
        if self.has_trgm:
            rows = await con.fetch(
                "SELECT term FROM search_term ORDER BY term <-> $1 LIMIT 40", term
            )
        else:
            rows = await con.fetch(
                "SELECT term FROM search_term WHERE length(term) BETWEEN $1 AND $2",
                len(term) - maxdist,
                len(term) + maxdist,
            )
        return [r["term"] for r in rows if r["term"] != term]

    async def _suggest(self, q: Query, vis: Visibility, total: int) -> str | None:
        words = plain_query_words(q)
        if not words:
            return None
        pool = await self._ready()
        replacements: dict[str, str] = {}
        async with pool.acquire() as con:
            for word in words:
                if await self._visible_count(con, word, vis, SUGGEST_MAX_TOTAL + 1) > SUGGEST_MAX_TOTAL:
                    continue
                best = None
                for term in word.terms:
                    maxdist = max_distance_for(term)
                    if not maxdist:
                        continue
                    for cand in await self._candidates(con, term, maxdist):
                        dist = edit_distance(cand, term, maxdist)
                        if dist > maxdist:
                            continue
                        count = await self._visible_count(con, qa.Term(cand, (cand,)), vis)
                        if not count:
                            continue
                        key = (dist, -count, cand)
                        if best is None or key < best:
                            best = key
                if best is None:
                    continue
                cand = best[2]
                sql = _Sql()
                where = " AND ".join([sql.node(qa.Term(cand, (cand,)))] + sql.visibility(vis))
                rows = await con.fetch(
                    f"SELECT title, text, language FROM search_document WHERE {where} ORDER BY id LIMIT 8",
                    *sql.params,
                )
                texts = []
                for r in rows:
                    texts.append((r["title"], r["language"]))
                    texts.append((r["text"], r["language"]))
                form = surface_form(cand, texts, word.raw)
                if form:
                    replacements[word.raw] = form
            if not replacements:
                return None
            suggestion = replace_words(q.text, replacements)
            if suggestion == q.text:
                return None
            try:
                corrected = parse_query(suggestion, expander=self.expander)
            except QueryError:
                return None
            if corrected.root is None:
                return None
            if await self._visible_count(con, corrected.root, vis) <= total:
                return None
            return suggestion

    async def suggest(self, text: str, *, visibility: Visibility = Visibility()) -> str | None:
        q = coerce_query(text, self.expander)
        if q.root is None:
            return None
        pool = await self._ready()
        async with pool.acquire() as con:
            total = await self._visible_count(con, q.root, visibility)
        return await self._suggest(q, visibility, total)
