"""Search backends: the embedded Whoosh index (default) and PostgreSQL.

>>> backend = make_backend("whoosh", index_dir=Path("var/index"))
>>> backend = make_backend("postgres", postgres_dsn="postgresql://…")

``kind`` usually comes from ``MARSAD_SEARCH_BACKEND`` (``whoosh`` or
``postgres``).  Both implement :class:`SearchBackend`.
"""

from __future__ import annotations

from pathlib import Path

from search_index.backends.base import (
    FACET_FIELDS,
    FacetBucket,
    SearchBackend,
    SearchHit,
    SearchResult,
)

__all__ = [
    "make_backend",
    "SearchBackend",
    "SearchResult",
    "SearchHit",
    "FacetBucket",
    "FACET_FIELDS",
    "BACKEND_KINDS",
]

BACKEND_KINDS = ("whoosh", "postgres")


def make_backend(
    kind: str,
    *,
    index_dir: Path | None = None,
    postgres_dsn: str | None = None,
    expander=None,
) -> SearchBackend:
    """Build a backend (call ``await backend.setup()`` before first use; the
    Whoosh backend also opens itself lazily)."""
    kind = (kind or "whoosh").strip().lower()
    if kind == "whoosh":
        from search_index.backends.whoosh_backend import WhooshBackend

        return WhooshBackend(Path(index_dir) if index_dir is not None else Path("var/index"),
                             expander=expander)
    if kind in ("postgres", "postgresql", "pg"):
        if not postgres_dsn:
            raise ValueError("the postgres search backend needs postgres_dsn")
        from search_index.backends.postgres_backend import PostgresBackend

        return PostgresBackend(postgres_dsn, expander=expander)
    raise ValueError(f"unknown search backend {kind!r}: use one of {', '.join(BACKEND_KINDS)}")
