"""Opening the configured search backend (Whoosh under MARSAD_HOME, or PostgreSQL)."""

from __future__ import annotations

from hub.settings import Settings
from search_index.backends import SearchBackend, make_backend
from search_index.leader import FileLeadership, Leadership, PostgresLeadership


def _asyncpg_dsn(url: str) -> str:
    # Tortoise accepts postgres:// and asyncpg://; asyncpg wants postgresql://.
    for scheme in ("asyncpg://", "postgres://"):
        if url.startswith(scheme):
            return "postgresql://" + url[len(scheme):]
    return url


async def open_search(settings: Settings) -> SearchBackend:
    if settings.search_backend == "postgres":
        if not settings.search_url:
            raise RuntimeError(
                "MARSAD_SEARCH_BACKEND=postgres needs a PostgreSQL MARSAD_DATABASE_URL or MARSAD_SEARCH_URL"
            )
        backend = make_backend("postgres", postgres_dsn=_asyncpg_dsn(settings.search_url))
    else:
        backend = make_backend("whoosh", index_dir=settings.index_dir)
    await backend.setup()
    return backend


def indexer_leadership(settings: Settings) -> Leadership:
    """How hub processes agree on the one that applies the outbox to the index."""
    if settings.search_backend == "postgres" and settings.search_url:
        return PostgresLeadership(_asyncpg_dsn(settings.search_url))
    return FileLeadership(settings.index_dir / ".indexer.lock")
