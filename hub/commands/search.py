"""Search commands: `marsad reindex`."""

from __future__ import annotations

import asyncio
import time

import typer
from rich.console import Console

from content.i18n import format_number, messages, translate, translate_plural
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
    from hub.cli import LANGUAGE

    @app.command(help=translate(messages.CLI_REINDEX_HELP, LANGUAGE))
    def reindex() -> None:
        settings = Settings.from_env()
        count, seconds = asyncio.run(_reindex(settings))
        rate = count / seconds if seconds else 0.0
        items = translate_plural(*messages.ITEMS, count, LANGUAGE, count=format_number(count, LANGUAGE))
        console.print(translate(messages.CLI_INDEXED, LANGUAGE, items=items, seconds=f"{seconds:.1f}",
                                rate=format_number(round(rate), LANGUAGE), backend=settings.search_backend))
