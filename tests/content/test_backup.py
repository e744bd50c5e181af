"""Backup and restore: export, restore into a fresh database, export again: the same bytes."""

from __future__ import annotations

import uuid
from collections.abc import AsyncIterator
from contextlib import asynccontextmanager
from pathlib import Path

import asyncpg
import orjson
import pytest

from content import models as m
from content.attachments import attach_file
from content.backup import RestoreError, backup_models, export_jsonl, import_jsonl
from content.db import close_database, database, open_database
from content.generate import generate
from content.importers.panddh.store import import_sheets
from content.reference import load_reference_data
from content.samples.panddh import read_sample, sample_names
from tests.conftest import POSTGRES_URL, _with_database

INGEST = (m.ChangeRecord, m.SourceKey, m.Attachment)


@pytest.fixture
async def bdb(db):
    for model in INGEST:
        await model.all().delete()
    yield db
    for model in INGEST:
        await model.all().delete()


_TEMPLATE: dict[str, str] = {}  # a migrated PostgreSQL database that fresh ones are copied from


async def _admin(sql: str) -> None:
    connection = await asyncpg.connect(POSTGRES_URL)
    try:
        await connection.execute(sql)
    finally:
        await connection.close()


@pytest.fixture(scope="module", autouse=True)
def drop_template():
    yield
    if "postgres" in _TEMPLATE:
        import asyncio

        asyncio.run(_admin(f'DROP DATABASE IF EXISTS "{_TEMPLATE.pop("postgres")}" WITH (FORCE)'))


@asynccontextmanager
async def fresh_database(kind: str, tmp_path: Path, session_url: str) -> AsyncIterator[str]:
    """A new, empty database of the same kind; the session's database is closed meanwhile."""
    name = f"marsad_restore_{uuid.uuid4().hex[:10]}"
    await close_database()
    try:
        if kind == "postgres":
            if "postgres" not in _TEMPLATE:  # migrating PostgreSQL takes seconds: once per module
                template = f"marsad_template_{uuid.uuid4().hex[:10]}"
                await _admin(f'CREATE DATABASE "{template}"')
                _TEMPLATE["postgres"] = template
                async with database(_with_database(POSTGRES_URL, template)):
                    pass
            await _admin(f'CREATE DATABASE "{name}" TEMPLATE "{_TEMPLATE["postgres"]}"')
            url = _with_database(POSTGRES_URL, name)
        else:
            url = f"sqlite://{tmp_path / (name + '.sqlite3')}"
        yield url
    finally:
        await close_database()
        await open_database(session_url)
        if kind == "postgres":
            await _admin(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')


async def some_of_everything(tmp_path: Path) -> None:
    paths = []
    for name in sample_names():
        path = tmp_path / name
        path.write_text(read_sample(name), encoding="utf-8")
        paths.append(path)
    batch = await import_sheets(paths)
    assert batch.summary["failed"] == 0
    item = await m.AchievementItem.filter(measure__number=7).order_by("position").first()
    await attach_file("AchievementItem", item.id, data="مذكرة تركيبية حول التوصيات ذات الصلة بالتشريع".encode(),
                      name="مذكرة.txt", root=tmp_path / "attachments")
    await generate(300, seed=11)


async def test_round_trip_is_byte_identical(bdb, database_url, tmp_path):
    await some_of_everything(tmp_path)
    first = tmp_path / "first.jsonl"
    counts = await export_jsonl(first)
    assert counts["mention"] > 0 and counts["change_record"] == 3 and counts["attachment"] == 1
    lines = first.read_bytes().splitlines()
    header, footer = orjson.loads(lines[0]), orjson.loads(lines[-1])
    assert header == {"format": "marsad-jsonl", "tables": [t._meta.db_table for t in backup_models()], "version": 1}
    assert footer == {"counts": counts, "end": "marsad-jsonl"}
    assert len(lines) == 2 + sum(counts.values())
    assert "search_outbox" not in header["tables"]
    text = first.read_text(encoding="utf-8")
    assert "مذكرة تركيبية حول التوصيات" in text and "\\u06" not in text  # UTF-8, not escapes
    # rows in table order, then by primary key; keys sorted
    rows = [orjson.loads(line) for line in lines[1:-1]]
    order = {t: i for i, t in enumerate(header["tables"])}
    assert [order[r["table"]] for r in rows] == sorted(order[r["table"]] for r in rows)
    mention = next(r["row"] for r in rows if r["table"] == "mention")
    assert list(mention) == sorted(mention) and mention["sentence"] and mention["alias"]
    content_rows = sum(n for t, n in counts.items() if t in {mm._meta.db_table for mm in m.CONTENT_TYPES.values()})

    kind = "postgres" if database_url.startswith("postgres") else "sqlite"
    second = tmp_path / "second.jsonl"
    async with fresh_database(kind, tmp_path, database_url) as fresh:
        result = await import_jsonl(first, database_url=fresh)  # creates the schema itself
        assert result.inserted == {t: n for t, n in counts.items() if n}
        assert result.items == content_rows
        async with database(fresh):
            await export_jsonl(second)
            # every restored content item is queued for indexing
            assert await m.OutboxEntry.all().count() == content_rows
            # serial keys continue after the restored ones
            await m.Mention.create(item=await m.AchievementItem.first(), target_type="Mechanism",
                                   target_id=(await m.Mechanism.get(key="cat")).id, sentence="س", alias="ص")
        assert second.read_bytes() == first.read_bytes()

        # a database that holds content is refused, and left as it was
        with pytest.raises(RestoreError, match=r"already holds \d+ rows .*restore into an empty database, or merge"):
            await import_jsonl(first, database_url=fresh)
        # merging the same dump again adds nothing
        again = await import_jsonl(first, merge=True, database_url=fresh)
        assert again.rows == 0 and again.items == 0 and sum(again.skipped.values()) == sum(counts.values())


async def test_merge_maps_reference_data_by_key(bdb, database_url, tmp_path):
    sheet = tmp_path / "measure-11.txt"
    sheet.write_text(read_sample("measure-11-treaty-reporting.txt"), encoding="utf-8")
    await import_sheets([sheet])
    dump = tmp_path / "dump.jsonl"
    await export_jsonl(dump)
    source_cat = (await m.Mechanism.get(key="cat")).id

    kind = "postgres" if database_url.startswith("postgres") else "sqlite"
    async with fresh_database(kind, tmp_path, database_url) as fresh:
        async with database(fresh):
            await load_reference_data()  # the same keys under other ids
            local_crc = (await m.Mechanism.get(key="crc")).id
            assert (await m.Mechanism.get(key="cat")).id != source_cat
            await m.OutboxEntry.all().delete()
            result = await import_jsonl(dump, merge=True)
            assert result.inserted.get("mechanism", 0) == 0 and result.skipped["mechanism"] == 67
            assert await m.Mechanism.all().count() == 67
            report = await m.Document.get(kind=m.DocumentKind.NATIONAL_REPORT, cycle=4)
            assert report.mechanism_id == local_crc  # remapped onto the local CRC
            item = await m.AchievementItem.get(measure__number=11, position=1)
            mention = await m.Mention.get(item=item, target_type="Mechanism")
            assert mention.target_id == local_crc
            assert mention.sentence == "تقديم التقرير الدوري الرابع حول إعمال اتفاقية حقوق الطفل في مارس ٢٠١٩"
            assert await m.OutboxEntry.all().count() == result.items > 0
            # the CRC's session 82 was not in the reference data: inserted, under the local CRC
            session = await m.Session.get(number=82)
            assert session.mechanism_id == local_crc


async def test_bad_dumps_restore_nothing(bdb, database_url, tmp_path):
    await some_of_everything(tmp_path)
    good = tmp_path / "good.jsonl"
    await export_jsonl(good)
    lines = good.read_bytes().splitlines(keepends=True)
    truncated = tmp_path / "truncated.jsonl"
    truncated.write_bytes(b"".join(lines[:-5]))
    garbled = tmp_path / "garbled.jsonl"
    garbled.write_bytes(b"".join(lines[:3]) + b'{"table": "mechanism", "row": \n' + b"".join(lines[3:]))
    unknown = tmp_path / "unknown.jsonl"
    unknown.write_bytes(lines[0] + b'{"row": {"id": 1}, "table": "nothing"}\n')
    other = tmp_path / "other.jsonl"
    other.write_text('{"hello": "world"}\n', encoding="utf-8")

    kind = "postgres" if database_url.startswith("postgres") else "sqlite"
    async with fresh_database(kind, tmp_path, database_url) as fresh:
        for path, message in [
            (truncated, r"truncated dump \(no end line\): nothing restored"),
            (garbled, r"garbled.jsonl:4: not JSON"),
            (unknown, r"unknown.jsonl:2: unknown table 'nothing'"),
            (other, r"other.jsonl:1: not a Marsad dump"),
            (tmp_path / "absent.jsonl", "no such file"),
        ]:
            with pytest.raises(RestoreError, match=message):
                await import_jsonl(path, database_url=fresh)
        async with database(fresh):
            for model in backup_models():
                assert await model.all().count() == 0, model
            assert await m.OutboxEntry.all().count() == 0
