"""Search commands: `marsad reindex`."""

from __future__ import annotations

import asyncio
import time

import typer
from rich.console import Console

from hub.settings import Settings

console = Console()


async def _reindex(settings: Settings) -> tuple[int, float]:
    from content.db import database
    from hub.search_service import open_search
    from search_index.indexing import rebuild

    settings.ensure_home()
    async with database(settings.database_url):
        backend = await open_search(settings)
        try:
            started = time.perf_counter()
            count = await rebuild(backend)
            return count, time.perf_counter() - started
        finally:
            await backend.close()


def register(app: typer.Typer) -> None:
    @app.command()
    def reindex() -> None:
        """Rebuild the search index from the database (the source of truth)."""
        settings = Settings.from_env()
        count, seconds = asyncio.run(_reindex(settings))
        rate = count / seconds if seconds else 0.0
        console.print(f"Indexed {count} items in {seconds:.1f} s ({rate:.0f} items/s) "
                      f"with the {settings.search_backend} backend.")
