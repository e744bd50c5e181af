"""`marsad token create|list|revoke`."""

from __future__ import annotations

import asyncio
from typing import Annotated

import typer
from rich.console import Console
from rich.markup import escape
from rich.table import Table

from hub.settings import Settings
from schema.permissions import Role

console = Console()
token_app = typer.Typer(help="API tokens (sent as `Authorization: Bearer <token>`).", no_args_is_help=True)


async def _in_database(work):  # type: ignore[no-untyped-def]
    from content.db import database

    settings = Settings.from_env()
    settings.ensure_home()
    async with database(settings.database_url):
        return await work()


@token_app.command("create")
def create(
    role: Annotated[Role, typer.Option(help="anonymous, partner, editor, reviewer, case_officer or admin.")],
    name: Annotated[str, typer.Option(help="A unique name (who or what uses the token).")],
) -> None:
    """Create a token; it is printed once, alone on the last line."""
    from content.services.tokens import create_token

    try:
        token, _ = asyncio.run(_in_database(lambda: create_token(name, role.value)))
    except ValueError as exc:
        console.print(f"[red]{escape(str(exc))}[/red]")
        raise typer.Exit(1) from None
    # Names are the caller's text: never rich markup (a "[/]" in one made this line fail, after the
    # token was stored and before it was shown).
    console.print(f"Token {escape(repr(name.strip()))} ({role.value}) created. It is shown only now; keep it safe:")
    typer.echo(token)


@token_app.command("list")
def list_() -> None:
    """List tokens (never their values)."""
    from content.services.tokens import list_tokens

    rows = asyncio.run(_in_database(list_tokens))
    table = Table("name", "role", "prefix", "created", "last used", "revoked")
    for row in rows:
        table.add_row(escape(row.name), row.role, row.prefix + "…", f"{row.created:%Y-%m-%d %H:%M}",
                      f"{row.last_used:%Y-%m-%d %H:%M}" if row.last_used else "-",
                      f"{row.revoked:%Y-%m-%d %H:%M}" if row.revoked else "-")
    console.print(table)


@token_app.command("revoke")
def revoke(name: Annotated[str, typer.Argument(help="The token's name.")]) -> None:
    """Revoke a token: requests with it get 401 from now on."""
    from content.services.tokens import revoke_token

    if not asyncio.run(_in_database(lambda: revoke_token(name))):
        console.print(f"[red]No live token named {escape(repr(name))}.[/red]")
        raise typer.Exit(1)
    console.print(f"Token {escape(repr(name))} revoked.")


def register(app: typer.Typer) -> None:
    app.add_typer(token_app, name="token")
