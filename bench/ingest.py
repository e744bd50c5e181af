#!/usr/bin/env python
"""Ingestion benchmark: status-sheet import (sheets/s) and dump restore (items/s).

    python bench/ingest.py                       # the reference run: 100,000 items, SQLite
    python bench/ingest.py --items 10000         # quick
    python bench/ingest.py --postgres postgresql://postgres@127.0.0.1:5432/test

Sheets: the project's example sheets and, when present, the published sample
(../shared/samples/panddh/measure-04.txt) are imported ROUNDS times each under
new measure numbers (so every import creates a measure; documents and events
they share are found again through their natural keys), one transaction per
file as `marsad import panddh` does; then the same files again, which must
change nothing.  Rates include reading, parsing, entity linking, extraction
and the writes (each content row with its outbox entry).

Dump: ``content.generate`` adds ITEMS content items to a database, it is
exported (content.backup.export_jsonl), restored into a fresh database
(import_jsonl with the database URL: migrations, one transaction, outbox rows
for every item) and exported again; the two files must be byte-identical.

Targets: >= 50 sheets/s, >= 2,000 items/s at 100,000 items.  PostgreSQL runs
when --postgres or MARSAD_TEST_POSTGRES_URL is given, in throwaway databases.
"""

from __future__ import annotations

import argparse
import asyncio
import os
import re
import sys
import tempfile
import time
import uuid
from dataclasses import dataclass
from pathlib import Path
from urllib.parse import urlsplit, urlunsplit

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from content.backup import export_jsonl, import_jsonl  # noqa: E402
from content.db import database  # noqa: E402
from content.generate import generate  # noqa: E402
from content.importers.panddh.store import import_sheets  # noqa: E402
from content.reference import load_reference_data  # noqa: E402
from content.samples.panddh import read_sample, sample_names  # noqa: E402

ROOT = Path(__file__).resolve().parent.parent
PUBLISHED = ROOT.parent / "shared" / "samples" / "panddh" / "measure-04.txt"
NUMBER_RE = re.compile(r"^(\s*رقم الإجراء\s*(?:[:：]\s*)?\n?)\s*[0-9٠-٩]+", re.MULTILINE)


@dataclass
class Row:
    database: str
    what: str
    count: int
    unit: str
    seconds: float
    target: float | None = None
    note: str = ""

    @property
    def rate(self) -> float:
        return self.count / self.seconds if self.seconds else float("inf")

    @property
    def ok(self) -> str:
        if self.target is None:
            return ""
        return "yes" if self.rate >= self.target else "NO"


def renumber(text: str, number: int) -> str:
    out, n = NUMBER_RE.subn(lambda m: f"{m.group(1)}{number}", text, count=1)
    if n != 1:
        raise ValueError("no measure number found")
    return out


def sheet_texts() -> list[tuple[str, str]]:
    texts = [(name, read_sample(name)) for name in sample_names()]
    if PUBLISHED.is_file():
        texts.append((PUBLISHED.name, PUBLISHED.read_text(encoding="utf-8")))
    return texts


class Databases:
    """Throwaway databases: SQLite files in a temporary folder, or PostgreSQL databases."""

    def __init__(self, kind: str, folder: Path, admin_url: str | None) -> None:
        self.kind, self.folder, self.admin_url = kind, folder, admin_url
        self.made: list[str] = []

    async def new(self) -> str:
        name = f"marsad_bench_{uuid.uuid4().hex[:10]}"
        if self.kind == "sqlite":
            return f"sqlite://{self.folder / (name + '.sqlite3')}"
        import asyncpg

        assert self.admin_url
        connection = await asyncpg.connect(self.admin_url)
        await connection.execute(f'CREATE DATABASE "{name}"')
        await connection.close()
        self.made.append(name)
        return urlunsplit(urlsplit(self.admin_url)._replace(path=f"/{name}"))

    async def drop(self) -> None:
        if self.kind != "postgres":
            return
        import asyncpg

        connection = await asyncpg.connect(self.admin_url)
        for name in self.made:
            await connection.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')
        await connection.close()


async def bench_sheets(dbs: Databases, folder: Path, rounds: int) -> list[Row]:
    texts = sheet_texts()
    files: list[Path] = []
    number = 1000
    for r in range(rounds):
        for name, text in texts:
            number += 1
            path = folder / f"round{r:03d}-{number}-{name}"
            path.write_text(renumber(text, number), encoding="utf-8")
            files.append(path)
    url = await dbs.new()
    rows = []
    async with database(url):
        await load_reference_data()
        started = time.perf_counter()
        first = await import_sheets(files)
        cold = time.perf_counter() - started
        assert first.summary["created"] == len(files), first.summary
        started = time.perf_counter()
        again = await import_sheets(files)
        warm = time.perf_counter() - started
        assert again.summary["unchanged"] == len(files), again.summary
    label = f"{len(texts)} sheets x {rounds}"
    rows.append(Row(dbs.kind, f"sheet import, new measures ({label})", len(files), "sheets", cold, 50,
                    f"{first.summary['links']:,} links"))
    rows.append(Row(dbs.kind, "sheet re-import, unchanged", len(files), "sheets", warm, 50, "no writes"))
    return rows


async def bench_dump(dbs: Databases, folder: Path, items: int) -> list[Row]:
    source = await dbs.new()
    first, second = folder / f"{dbs.kind}-first.jsonl", folder / f"{dbs.kind}-second.jsonl"
    async with database(source):
        await load_reference_data()
        started = time.perf_counter()
        made = await generate(items)
        gen = time.perf_counter() - started
        started = time.perf_counter()
        counts = await export_jsonl(first)
        exported = time.perf_counter() - started
    target = await dbs.new()
    result = await import_jsonl(first, database_url=target)
    async with database(target):
        await export_jsonl(second)
    identical = first.read_bytes() == second.read_bytes()
    size = first.stat().st_size / 1e6
    rows_total = sum(counts.values())
    return [
        Row(dbs.kind, "generate (bulk insert + outbox)", made.items, "items", gen),
        Row(dbs.kind, f"export_jsonl ({size:,.0f} MB)", rows_total, "rows", exported),
        Row(dbs.kind, f"import_jsonl into a fresh DB ({result.rows:,} rows)", result.items, "items",
            result.seconds, 2000, "re-export byte-identical" if identical else "RE-EXPORT DIFFERS"),
    ]


def table(rows: list[Row]) -> str:
    header = ["db", "what", "count", "seconds", "rate", "target", "ok", "note"]
    body = [
        [r.database, r.what, f"{r.count:,} {r.unit}", f"{r.seconds:.2f}", f"{r.rate:,.0f} {r.unit}/s",
         f">= {r.target:,.0f}" if r.target else "", r.ok, r.note]
        for r in rows
    ]
    widths = [max(len(str(x)) for x in col) for col in zip(header, *body)]
    line = lambda cells: "| " + " | ".join(str(c).ljust(w) for c, w in zip(cells, widths)) + " |"  # noqa: E731
    return "\n".join([line(header), "|" + "|".join("-" * (w + 2) for w in widths) + "|", *map(line, body)])


async def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--items", type=int, default=100_000, help="content items for the dump benchmark")
    ap.add_argument("--rounds", type=int, default=25, help="times each sheet is imported under a new number")
    ap.add_argument("--postgres", default=os.environ.get("MARSAD_TEST_POSTGRES_URL"),
                    help="PostgreSQL server URL (throwaway databases are made there)")
    ap.add_argument("--only", choices=["sheets", "dump"], help="run one half")
    args = ap.parse_args()

    kinds = ["sqlite"] + (["postgres"] if args.postgres else [])
    rows: list[Row] = []
    print(f"sheets: {', '.join(n for n, _ in sheet_texts())}"
          + ("" if PUBLISHED.is_file() else f" (the published sample is not at {PUBLISHED})"), flush=True)
    with tempfile.TemporaryDirectory(prefix="marsad-bench-") as tmp:
        folder = Path(tmp)
        for kind in kinds:
            dbs = Databases(kind, folder, args.postgres)
            try:
                if args.only in (None, "sheets"):
                    rows += await bench_sheets(dbs, folder, args.rounds)
                    print(table(rows[-2:]), flush=True)
                if args.only in (None, "dump"):
                    rows += await bench_dump(dbs, folder, args.items)
                    print(table(rows[-3:]), flush=True)
            finally:
                await dbs.drop()
    print()
    print(table(rows))


if __name__ == "__main__":
    asyncio.run(main())
