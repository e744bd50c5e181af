"""`marsad token create|list|revoke`, in the command line's language (hub.cli.LANGUAGE: MARSAD_LANGUAGE,
LANG..., else English)."""

from __future__ import annotations

import asyncio
from typing import Annotated

import typer
from rich.console import Console
from rich.markup import escape
from rich.table import Table

from content.i18n import environment_language, messages, translate, translate_context
from hub.settings import Settings
from schema.permissions import Role

# As hub.cli.LANGUAGE (this module is imported by hub.cli, so it does not import it).
LANGUAGE = environment_language("en")


def t(message: str, **params: object) -> str:
    return translate(message, LANGUAGE, **params)


console = Console()
token_app = typer.Typer(help=t(messages.CLI_TOKEN_HELP), no_args_is_help=True)


async def _in_database(work):  # type: ignore[no-untyped-def]
    from content.db import database

    settings = Settings.from_env()
    settings.ensure_home()
    async with database(settings.database_url):
        return await work()


@token_app.command("create", help=t(messages.CLI_TOKEN_CREATE_HELP))
def create(
    role: Annotated[Role, typer.Option(help=t(messages.CLI_TOKEN_ROLE_HELP))],
    name: Annotated[str, typer.Option(help=t(messages.CLI_TOKEN_NAME_HELP))],
) -> None:
    from content.services.tokens import create_token

    try:
        token, _ = asyncio.run(_in_database(lambda: create_token(name, role.value)))
    except ValueError as exc:
        console.print(f"[red]{escape(str(exc))}[/red]")
        raise typer.Exit(1) from None
    # Names are the caller's text: never rich markup (a "[/]" in one made this line fail, after the
    # token was stored and before it was shown).
    console.print(t(messages.CLI_TOKEN_CREATED, name=escape(repr(name.strip())), role=role.value))
    typer.echo(token)


@token_app.command("list", help=t(messages.CLI_TOKEN_LIST_HELP))
def list_() -> None:
    from content.services.tokens import list_tokens

    rows = asyncio.run(_in_database(list_tokens))
    table = Table(*(translate_context("TokenColumn", heading, LANGUAGE) for heading in messages.TOKEN_COLUMNS.values()))
    for row in rows:
        table.add_row(escape(row.name), row.role, row.prefix + "…", f"{row.created:%Y-%m-%d %H:%M}",
                      f"{row.last_used:%Y-%m-%d %H:%M}" if row.last_used else "-",
                      f"{row.revoked:%Y-%m-%d %H:%M}" if row.revoked else "-")
    console.print(table)


@token_app.command("revoke", help=t(messages.CLI_TOKEN_REVOKE_HELP))
def revoke(name: Annotated[str, typer.Argument(help=t(messages.CLI_TOKEN_NAME_ARGUMENT_HELP))]) -> None:
    from content.services.tokens import revoke_token

    if not asyncio.run(_in_database(lambda: revoke_token(name))):
        console.print(f"[red]{t(messages.CLI_TOKEN_NOT_LIVE, name=escape(repr(name)))}[/red]")
        raise typer.Exit(1)
    console.print(t(messages.CLI_TOKEN_REVOKED, name=escape(repr(name))))


def register(app: typer.Typer) -> None:
    app.add_typer(token_app, name="token")
