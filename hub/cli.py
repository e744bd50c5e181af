"""The `marsad` command line."""

from __future__ import annotations

import asyncio
from typing import Annotated

import typer
from rich.console import Console

from content.i18n import content_type_label, environment_language, format_number, messages, translate
from hub.settings import Settings

# The command line speaks the language of its environment (MARSAD_LANGUAGE, LANG...), English by default.
LANGUAGE = environment_language("en")


def t(message: str, **params: object) -> str:
    return translate(message, LANGUAGE, **params)


app = typer.Typer(help=t(messages.CLI_HELP), no_args_is_help=True, add_completion=False)
console = Console()


async def _init(settings: Settings) -> dict[str, dict[str, int]]:
    from content.db import database
    from content.reference.loader import load_reference_data

    settings.ensure_home()
    async with database(settings.database_url):
        summary = await load_reference_data()
    return {"created": summary.created, "updated": summary.updated}


@app.command(help=t(messages.CLI_INIT_HELP))
def init() -> None:
    settings = Settings.from_env()
    result = asyncio.run(_init(settings))
    console.print(t(messages.CLI_DATABASE_READY, url=settings.database_url))
    for verb, message in (("created", messages.CLI_REFERENCE_CREATED), ("updated", messages.CLI_REFERENCE_UPDATED)):
        counts = result[verb]
        summary = ", ".join(
            t(messages.CLI_COUNT_OF_KIND, kind=content_type_label(kind, LANGUAGE), count=format_number(n, LANGUAGE))
            for kind, n in sorted(counts.items())
        ) or t(messages.CLI_NOTHING)
        console.print(t(message, summary=summary))


@app.command(help=t(messages.CLI_SERVE_HELP))
def serve(
    host: Annotated[str | None, typer.Option(help=t(messages.CLI_HOST_HELP))] = None,
    port: Annotated[int | None, typer.Option(help=t(messages.CLI_PORT_HELP))] = None,
    workers: Annotated[int, typer.Option(help=t(messages.CLI_WORKERS_HELP))] = 1,
) -> None:
    import uvicorn

    settings = Settings.from_env()
    console.print(t(messages.CLI_SERVING, url=f"http://{host or settings.host}:{port or settings.port}/graphql"))
    uvicorn.run(
        "hub.asgi:app", host=host or settings.host, port=port or settings.port,
        workers=workers, log_level="info", proxy_headers=False,
    )


async def _load_demo(settings: Settings) -> list[str]:
    from content.db import database
    from hub.demo import SHARED_SHEETS, load_demo_sheets

    async with database(settings.database_url):
        return await load_demo_sheets(SHARED_SHEETS, LANGUAGE)


@app.command(help=t(messages.CLI_DEMO_HELP))
def demo(
    host: Annotated[str | None, typer.Option(help=t(messages.CLI_HOST_HELP))] = None,
    port: Annotated[int | None, typer.Option(help=t(messages.CLI_PORT_HELP))] = None,
    no_serve: Annotated[bool, typer.Option("--no-serve", help=t(messages.CLI_NO_SERVE_HELP))] = False,
) -> None:
    init()
    for line in asyncio.run(_load_demo(Settings.from_env())):
        console.print(line)
    if not no_serve:
        serve(host=host, port=port)


@app.command("schema", help=t(messages.CLI_SCHEMA_HELP))
def print_schema() -> None:
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

