"""Data commands: import (sheets, dumps), export, attach, generate.

    marsad import panddh FILE... [--state published]   status sheets, one transaction each
    marsad import dump FILE.jsonl [--merge]             restore a backup (creates the schema)
    marsad export FILE.jsonl                            back the whole database up
    marsad attach ITEM-ID FILE                          attach a PDF, DOCX or TXT file to an item
    marsad generate --items N [--seed S]                a synthetic archive (benchmarks, demos)

The database and MARSAD_HOME come from the environment (hub.settings.Settings).
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

from content.models import WorkflowState
from hub.settings import Settings

console = Console()
import_app = typer.Typer(help="Import status sheets or a backup dump.", no_args_is_help=True)
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


@import_app.command("panddh")
def import_panddh(
    files: Annotated[list[Path], typer.Argument(metavar="FILE...", help="Status sheets (UTF-8 text files).",
                                                show_default=False)],
    state: Annotated[WorkflowState, typer.Option(help="Workflow state of the imported measures and items.")]
    = WorkflowState.PUBLISHED,
    actor: Annotated[str, typer.Option(help="Recorded as the author of the changes.")] = "importer",
) -> None:
    """Import PANDDH status sheets: one measure per file, each file in its own transaction."""
    from content.importers.panddh.store import import_sheets
    from content.models import Mechanism
    from content.reference import load_reference_data

    async def work(settings: Settings):  # type: ignore[no-untyped-def]
        from content.db import database

        async with database(settings.database_url):
            if not await Mechanism.exists():
                await load_reference_data()  # the alias index needs the mechanisms and institutions
            with _progress() as progress:
                task = progress.add_task("Importing sheets", total=len(files))
                return await import_sheets(
                    files, state=state, actor=actor, on_result=lambda _: progress.advance(task)
                )

    batch = _run(work)
    table = Table(title="PANDDH import")
    table.add_column("file", overflow="fold")
    for name in ("measure", "result", "items +/~/-", "records +/~/-", "links"):
        table.add_column(name, justify="right" if name != "result" else "left")
    for r in batch.results:
        table.add_row(
            Path(r.source).name, str(r.measure_number or "-"), r.status,
            _changes(r, ("AchievementItem",)), _changes(r, RECORD_TYPES), str(r.links),
        )
    console.print(table)
    s = batch.summary
    totals = Table("rows", "created", "updated", "deleted", title="Rows written")
    for kind in sorted(set(s["rows_created"]) | set(s["rows_updated"]) | set(s["rows_deleted"])):
        if kind == "reindexed":
            continue
        totals.add_row(kind, *(str(s[f"rows_{verb}"].get(kind, 0)) for verb in ("created", "updated", "deleted")))
    if totals.row_count:
        console.print(totals)
    s = batch.summary
    console.print(
        f"{s['files']} files: {s['created']} created, {s['updated']} updated, {s['unchanged']} unchanged, "
        f"{s['failed']} failed; {s['links']} links made", highlight=False,
    )
    for failure in batch.failures:
        console.print(f"[red]FAILED[/red] {failure.error}", soft_wrap=True, highlight=False)
    if batch.failures:
        raise typer.Exit(1)


# --------------------------------------------------------------------------
# marsad import dump / marsad export


@import_app.command("dump")
def import_dump(
    file: Annotated[Path, typer.Argument(help="A .jsonl file written by `marsad export`.", show_default=False)],
    merge: Annotated[bool, typer.Option("--merge", help="Add to a database that already holds content.")] = False,
) -> None:
    """Restore a backup into an empty database (the schema is created if need be)."""
    from content.backup import RestoreError, import_jsonl

    async def work(settings: Settings):  # type: ignore[no-untyped-def]
        with _progress() as progress:
            task = progress.add_task("Restoring", total=None)
            return await import_jsonl(
                file, merge, database_url=settings.database_url,
                progress=lambda table, rows: progress.update(task, advance=rows, description=f"Restoring {table}"),
            )

    try:
        result = _run(work)
    except RestoreError as exc:
        raise _fail(str(exc)) from None
    table = Table("table", "restored", "skipped", title=f"Restored {file.name}")
    for name in sorted(set(result.inserted) | set(result.skipped)):
        table.add_row(name, str(result.inserted.get(name, 0)), str(result.skipped.get(name, 0)))
    console.print(table)
    rate = result.items / result.seconds if result.seconds else 0
    console.print(f"{result.rows} rows, {result.items} content items in {result.seconds:.1f} s "
                  f"({rate:,.0f} items/s); the items are queued for indexing", highlight=False)


def export(
    file: Annotated[Path, typer.Argument(help="Where to write the dump (.jsonl).", show_default=False)],
) -> None:
    """Back the whole database up as JSON Lines (deterministic: same data, same bytes)."""
    from content.backup import export_jsonl

    async def work(settings: Settings):  # type: ignore[no-untyped-def]
        from content.db import database

        async with database(settings.database_url):
            started = time.perf_counter()
            counts = await export_jsonl(file)
            return counts, time.perf_counter() - started

    counts, seconds = _run(work)
    total = sum(counts.values())
    console.print(f"Wrote {file}: {total} rows from {sum(1 for n in counts.values() if n)} tables "
                  f"in {seconds:.1f} s", highlight=False)


# --------------------------------------------------------------------------
# marsad attach


def attach(
    item: Annotated[str, typer.Argument(metavar="ITEM-ID", help="A GraphQL global ID or a UUID.", show_default=False)],
    file: Annotated[Path, typer.Argument(help="A PDF, DOCX or TXT file.", show_default=False)],
    actor: Annotated[str, typer.Option(help="Recorded as who attached the file.")] = "cli",
) -> None:
    """Attach a file to a content item: stored by checksum, its text extracted for search."""
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
    console.print(
        f"Attached {row.name} to {item_type} {row.item_id}: {row.media_type}, {row.size} bytes, "
        f"sha256 {row.checksum}, {len(row.text)} characters of text", soft_wrap=True, highlight=False,
    )
    if not row.text:
        console.print("[yellow]No text could be extracted (a scanned document?): it will not be found by "
                      "searching its words.[/yellow]")


# --------------------------------------------------------------------------
# marsad generate


def generate(
    items: Annotated[int, typer.Option(help="How many content items to add.", min=1)] = 1000,
    seed: Annotated[int, typer.Option(help="Random seed: the same seed gives the same archive.")] = 2021,
) -> None:
    """Add a synthetic archive (Arabic measures, items, recommendations, documents...) for benchmarks."""
    from content.generate import generate as make

    async def work(settings: Settings):  # type: ignore[no-untyped-def]
        from content.db import database

        async with database(settings.database_url):
            with _progress() as progress:
                task = progress.add_task("Generating", total=items)
                started = time.perf_counter()
                result = await make(items, seed=seed, progress=lambda n: progress.update(task, completed=n))
                return result, time.perf_counter() - started

    result, seconds = _run(work)
    table = Table("type", "items", title=f"Generated (seed {seed})")
    for name, n in sorted(result.counts.items()):
        table.add_row(name, str(n))
    console.print(table)
    console.print(f"{result.items} content items, {sum(result.rows.values())} rows in {seconds:.1f} s "
                  f"({result.items / seconds:,.0f} items/s)", highlight=False)


def register(app: typer.Typer) -> None:
    """Add the data commands to the `marsad` CLI."""
    app.add_typer(import_app, name="import")
    app.command("export")(export)
    app.command("attach")(attach)
    app.command("generate")(generate)


