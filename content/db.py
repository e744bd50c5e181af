"""Database configuration and set-up: Tortoise config, migrations, connection lifecycle."""

from __future__ import annotations

import asyncio
import fcntl
from contextlib import asynccontextmanager
from pathlib import Path
from typing import Any, AsyncIterator

from tortoise import Tortoise
from tortoise.backends.base.executor import EXECUTOR_CACHE
from tortoise.migrations.api import migrate

APP_LABEL = "content"


def tortoise_config(database_url: str) -> dict[str, Any]:
    """The Tortoise configuration for one database URL (sqlite:// or postgresql://)."""
    return {
        "connections": {"default": database_url},
        "apps": {
            APP_LABEL: {
                "models": ["content.models"],
                "migrations": "content.migrations",
                "default_connection": "default",
            }
        },
        "use_tz": True,
        "timezone": "UTC",
    }


async def migrate_database(database_url: str) -> None:
    """Apply every committed migration (idempotent), then leave Tortoise initialised.

    Several processes may start at once (hub workers, containers): one migrates while the others
    wait for it, then find nothing left to do.
    """
    async with _migration_lock(database_url):
        await migrate(config=tortoise_config(database_url))


MIGRATION_LOCK_KEY = 0x6D61727361640002  # "marsad" + 2


@asynccontextmanager
async def _migration_lock(database_url: str) -> AsyncIterator[None]:
    scheme, _, rest = database_url.partition("://")
    if scheme in ("postgres", "postgresql", "asyncpg"):
        import asyncpg

        connection = await asyncpg.connect(f"postgresql://{rest}")
        try:
            await connection.execute("SELECT pg_advisory_lock($1)", MIGRATION_LOCK_KEY)
            yield
        finally:
            await connection.close()  # ends the session, and with it the lock
        return
    path = rest.split("?", 1)[0]
    if scheme != "sqlite" or path in ("", ":memory:"):
        yield
        return
    lock_path = Path(path).with_name(Path(path).name + ".migrate-lock")
    lock_path.parent.mkdir(parents=True, exist_ok=True)
    with open(lock_path, "a+") as handle:
        await asyncio.to_thread(fcntl.flock, handle.fileno(), fcntl.LOCK_EX)
        try:
            yield
        finally:
            fcntl.flock(handle.fileno(), fcntl.LOCK_UN)


async def open_database(database_url: str, *, global_fallback: bool = True) -> None:
    """Initialise Tortoise for the process.

    The global fallback lets request tasks see the connections a lifespan task opened.
    """
    await Tortoise.init(
        config=tortoise_config(database_url), _enable_global_fallback=global_fallback
    )


async def close_database() -> None:
    await Tortoise.close_connections()
    # Forget the models' bindings and Tortoise's prepared INSERTs (cached by connection name, not
    # by dialect), so a later open of another database in this process starts clean.
    await Tortoise._reset_apps()
    EXECUTOR_CACHE.clear()


@asynccontextmanager
async def database(database_url: str, *, migrate_first: bool = True) -> AsyncIterator[None]:
    """Open (and by default migrate) the database for the duration of a block."""
    if migrate_first:
        await migrate_database(database_url)
    await open_database(database_url)
    try:
        yield
    finally:
        await close_database()
