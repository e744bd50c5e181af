"""The `marsad` command line."""

from __future__ import annotations

import asyncio
from typing import Annotated

import typer
from rich.console import Console

from hub.settings import Settings

app = typer.Typer(help="Marsad: the human-rights knowledge hub.", no_args_is_help=True, add_completion=False)
console = Console()


async def _init(settings: Settings) -> dict[str, dict[str, int]]:
    from content.db import database
    from content.reference.loader import load_reference_data

    settings.ensure_home()
    async with database(settings.database_url):
        summary = await load_reference_data()
    return {"created": summary.created, "updated": summary.updated}


@app.command()
def init() -> None:
    """Create or migrate the database and load the reference data (safe to run again)."""
    settings = Settings.from_env()
    result = asyncio.run(_init(settings))
    console.print(f"Database ready: {settings.database_url}")
    for verb, counts in result.items():
        line = ", ".join(f"{n} {kind}" for kind, n in sorted(counts.items())) or "nothing"
        console.print(f"Reference data {verb}: {line}")


@app.command()
def serve(
    host: Annotated[str | None, typer.Option(help="Interface to listen on.")] = None,
    port: Annotated[int | None, typer.Option(help="Port to listen on.")] = None,
    workers: Annotated[int, typer.Option(help="Worker processes.")] = 1,
) -> None:
    """Serve the hub (GraphQL and GraphiQL at /graphql)."""
    import uvicorn

    settings = Settings.from_env()
    console.print(f"Marsad on http://{host or settings.host}:{port or settings.port}/graphql")
    uvicorn.run(
        "hub.asgi:app", host=host or settings.host, port=port or settings.port,
        workers=workers, log_level="info", proxy_headers=False,
    )


async def _load_demo(settings: Settings) -> list[str]:
    from content.db import database
    from hub.demo import load_demo_sheets

    async with database(settings.database_url):
        return await load_demo_sheets()


@app.command()
def demo(
    host: Annotated[str | None, typer.Option(help="Interface to listen on.")] = None,
    port: Annotated[int | None, typer.Option(help="Port to listen on.")] = None,
    no_serve: Annotated[bool, typer.Option("--no-serve", help="Load the data and stop.")] = False,
) -> None:
    """Initialise, load the example sheets (and ../shared/samples when present), and serve."""
    init()
    for line in asyncio.run(_load_demo(Settings.from_env())):
        console.print(f"Sheet {line}")
    if not no_serve:
        serve(host=host, port=port)


@app.command("schema")
def print_schema() -> None:
    """Print the GraphQL schema (SDL)."""
    from schema.schema import schema as graphql_schema

    typer.echo(graphql_schema.as_str())


from hub.commands import data as _data_commands  # noqa: E402 - registered after the core commands
from hub.commands import search as _search_commands  # noqa: E402
from hub.commands import tokens as _token_commands  # noqa: E402

_data_commands.register(app)
_search_commands.register(app)
_token_commands.register(app)


def main() -> None:  # pragma: no cover - console script entry
    app()


if __name__ == "__main__":  # pragma: no cover
    app()

