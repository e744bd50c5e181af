"""Data commands: import (sheets, dumps), export, attach, generate.

    marsad import panddh FILE... [--state published]   status sheets, one transaction each
    marsad import dump FILE.jsonl [--merge]             restore a backup (creates the schema)
    marsad export FILE.jsonl                            back the whole database up
    marsad attach ITEM-ID FILE                          attach a PDF, DOCX or TXT file to an item
    marsad generate --items N [--seed S]                a synthetic archive (benchmarks, demos)

The database and MARSAD_HOME come from the environment (hub.settings.Settings); messages are in the
command line's language (as hub.cli.LANGUAGE: MARSAD_LANGUAGE, LANG..., else English).
"""

from __future__ import annotations

import asyncio
import time
from collections.abc import Awaitable, Callable
from pathlib import Path
from typing import Annotated, TypeVar

import typer
from rich.console import Console
from rich.progress import BarColumn, MofNCompleteColumn, Progress, TextColumn, TimeElapsedColumn
from rich.table import Table

from content.i18n import (
    content_type_label,
    environment_language,
    format_number,
    messages,
    translate,
    translate_context,
    translate_plural,
)
from content.models import WorkflowState
from hub.settings import Settings

# As hub.cli.LANGUAGE (this module is imported by hub.cli, so it does not import it).
LANGUAGE = environment_language("en")


def t(message: str, **params: object) -> str:
    return translate(message, LANGUAGE, **params)


def _headings(context: str, headings: dict[str, str]) -> list[str]:
    """Column headings (messages.IMPORT_COLUMNS...) in the command line's language."""
    return [translate_context(context, heading, LANGUAGE) for heading in headings.values()]


console = Console()
import_app = typer.Typer(help=t(messages.CLI_IMPORT_HELP), no_args_is_help=True)
T = TypeVar("T")


def _run(work: Callable[[Settings], Awaitable[T]]) -> T:
    settings = Settings.from_env()
    settings.ensure_home()
    return asyncio.run(work(settings))


def _fail(message: str) -> typer.Exit:
    console.print(f"[red]{message}[/red]", soft_wrap=True, highlight=False)
    return typer.Exit(1)


def _progress() -> Progress:
    return Progress(
        TextColumn("{task.description}"), BarColumn(), MofNCompleteColumn(), TimeElapsedColumn(),
        console=console, transient=True,
    )


RECORD_TYPES = ("Document", "Event", "InformationRequest", "NgoInteraction", "ParliamentaryPresentation",
                "Session", "Institution")


def _changes(result, types: tuple[str, ...]) -> str:  # type: ignore[no-untyped-def]
    counts = [sum(getattr(result, verb).get(t, 0) for t in types) for verb in ("created", "updated", "deleted")]
    return "/".join(str(n) for n in counts) if any(counts) else "-"


# --------------------------------------------------------------------------
# marsad import panddh


@import_app.command("panddh", help=t(messages.CLI_IMPORT_PANDDH_HELP))
def import_panddh(
    files: Annotated[list[Path], typer.Argument(metavar="FILE...", help=t(messages.CLI_SHEETS_HELP),
                                                show_default=False)],
    state: Annotated[WorkflowState | None, typer.Option(help=t(messages.CLI_STATE_HELP))] = None,
    actor: Annotated[str, typer.Option(help=t(messages.CLI_ACTOR_HELP))] = "importer",
) -> None:
    from content.importers.panddh.store import import_sheets
    from content.models import Mechanism
    from content.reference import load_reference_data

    async def work(settings: Settings):  # type: ignore[no-untyped-def]
        from content.db import database

        async with database(settings.database_url):
            if not await Mechanism.exists():
                await load_reference_data()  # the alias index needs the mechanisms and institutions
            with _progress() as progress:
                task = progress.add_task(t(messages.CLI_IMPORTING_SHEETS), total=len(files))
                return await import_sheets(
                    files, state=state, actor=actor, on_result=lambda _: progress.advance(task)
                )

    batch = _run(work)
    table = Table(title=t(messages.CLI_PANDDH_IMPORT))
    for name, heading in zip(messages.IMPORT_COLUMNS, _headings("ImportColumn", messages.IMPORT_COLUMNS)):
        if name == "file":
            table.add_column(heading, overflow="fold")
        else:
            table.add_column(heading, justify="left" if name == "result" else "right")
    for r in batch.results:
        outcome = messages.IMPORT_RESULTS.get(r.status)
        table.add_row(
            Path(r.source).name, str(r.measure_number or "-"),
            translate_context("ImportResult", outcome, LANGUAGE) if outcome else r.status,
            _changes(r, ("AchievementItem",)), _changes(r, RECORD_TYPES), str(r.links),
        )
    console.print(table)
    s = batch.summary
    totals = Table(*_headings("RowsColumn", messages.ROWS_COLUMNS), title=t(messages.CLI_ROWS_WRITTEN))
    for kind in sorted(set(s["rows_created"]) | set(s["rows_updated"]) | set(s["rows_deleted"])):
        if kind == "reindexed":
            continue
        totals.add_row(kind, *(str(s[f"rows_{verb}"].get(kind, 0)) for verb in ("created", "updated", "deleted")))
    if totals.row_count:
        console.print(totals)
    s = batch.summary
    console.print(
        translate_plural(*messages.CLI_IMPORT_SUMMARY, s["files"], LANGUAGE, created=s["created"],
                         updated=s["updated"], unchanged=s["unchanged"], failed=s["failed"], links=s["links"]),
        highlight=False,
    )
    for failure in batch.failures:
        console.print(f"[red]{t(messages.CLI_FAILED)}[/red] {failure.error}", soft_wrap=True, highlight=False)
    if batch.failures:
        raise typer.Exit(1)


# --------------------------------------------------------------------------
# marsad import dump / marsad export


@import_app.command("dump", help=t(messages.CLI_IMPORT_DUMP_HELP))
def import_dump(
    file: Annotated[Path, typer.Argument(help=t(messages.CLI_DUMP_FILE_HELP), show_default=False)],
    merge: Annotated[bool, typer.Option("--merge", help=t(messages.CLI_MERGE_HELP))] = False,
) -> None:
    from content.backup import RestoreError, import_jsonl

    async def work(settings: Settings):  # type: ignore[no-untyped-def]
        with _progress() as progress:
            task = progress.add_task(t(messages.CLI_RESTORING), total=None)
            return await import_jsonl(
                file, merge, database_url=settings.database_url,
                progress=lambda table, rows: progress.update(
                    task, advance=rows, description=t(messages.CLI_RESTORING_TABLE, table=table)),
            )

    try:
        result = _run(work)
    except RestoreError as exc:
        raise _fail(str(exc)) from None
    table = Table(*_headings("RestoreColumn", messages.RESTORE_COLUMNS),
                  title=t(messages.CLI_RESTORED_TITLE, file=file.name))
    for name in sorted(set(result.inserted) | set(result.skipped)):
        table.add_row(name, str(result.inserted.get(name, 0)), str(result.skipped.get(name, 0)))
    console.print(table)
    rate = result.items / result.seconds if result.seconds else 0
    console.print(t(messages.CLI_RESTORED, rows=result.rows, items=result.items, seconds=f"{result.seconds:.1f}",
                    rate=format_number(round(rate), LANGUAGE)), highlight=False)


def export(
    file: Annotated[Path, typer.Argument(help=t(messages.CLI_EXPORT_FILE_HELP), show_default=False)],
) -> None:
    from content.backup import export_jsonl

    async def work(settings: Settings):  # type: ignore[no-untyped-def]
        from content.db import database

        async with database(settings.database_url):
            started = time.perf_counter()
            counts = await export_jsonl(file)
            return counts, time.perf_counter() - started

    counts, seconds = _run(work)
    total = sum(counts.values())
    console.print(t(messages.CLI_EXPORTED, file=file, rows=total, tables=sum(1 for n in counts.values() if n),
                    seconds=f"{seconds:.1f}"), highlight=False)


# --------------------------------------------------------------------------
# marsad attach


def attach(
    item: Annotated[str, typer.Argument(metavar="ITEM-ID", help=t(messages.CLI_ITEM_ID_HELP), show_default=False)],
    file: Annotated[Path, typer.Argument(help=t(messages.CLI_ATTACH_FILE_HELP), show_default=False)],
    actor: Annotated[str, typer.Option(help=t(messages.CLI_ATTACH_ACTOR_HELP))] = "cli",
) -> None:
    from content.attachments import AttachmentError, attach_file, resolve_item

    async def work(settings: Settings):  # type: ignore[no-untyped-def]
        from content.db import database

        async with database(settings.database_url):
            item_type, item_id = await resolve_item(item)
            row = await attach_file(item_type, item_id, file, actor=actor, root=settings.attachments_dir)
            return item_type, row

    try:
        item_type, row = _run(work)
    except (LookupError, AttachmentError) as exc:
        raise _fail(str(exc)) from None
    # English names the type as the API does (AchievementItem); other languages give its label.
    type_name = item_type if LANGUAGE == "en" else content_type_label(item_type, LANGUAGE)
    console.print(
        t(messages.CLI_ATTACHED, name=row.name, type=type_name, id=row.item_id, media_type=row.media_type,
          size=row.size, checksum=row.checksum, characters=len(row.text)), soft_wrap=True, highlight=False,
    )
    if not row.text:
        console.print(f"[yellow]{t(messages.CLI_NO_TEXT)}[/yellow]")


# --------------------------------------------------------------------------
# marsad generate


def generate(
    items: Annotated[int, typer.Option(help=t(messages.CLI_ITEMS_HELP), min=1)] = 1000,
    seed: Annotated[int, typer.Option(help=t(messages.CLI_SEED_HELP))] = 2021,
) -> None:
    from content.generate import generate as make

    async def work(settings: Settings):  # type: ignore[no-untyped-def]
        from content.db import database

        async with database(settings.database_url):
            with _progress() as progress:
                task = progress.add_task(t(messages.CLI_GENERATING), total=items)
                started = time.perf_counter()
                result = await make(items, seed=seed, progress=lambda n: progress.update(task, completed=n))
                return result, time.perf_counter() - started

    result, seconds = _run(work)
    table = Table(*_headings("GenerateColumn", messages.GENERATE_COLUMNS),
                  title=t(messages.CLI_GENERATED_TITLE, seed=seed))
    for name, n in sorted(result.counts.items()):
        table.add_row(name, str(n))
    console.print(table)
    console.print(t(messages.CLI_GENERATED, items=result.items, rows=sum(result.rows.values()),
                    seconds=f"{seconds:.1f}", rate=format_number(round(result.items / seconds), LANGUAGE)),
                  highlight=False)


def register(app: typer.Typer) -> None:
    """Add the data commands to the `marsad` CLI."""
    app.add_typer(import_app, name="import")
    app.command("export", help=t(messages.CLI_EXPORT_HELP))(export)
    app.command("attach", help=t(messages.CLI_ATTACH_HELP))(attach)
    app.command("generate", help=t(messages.CLI_GENERATE_HELP))(generate)


