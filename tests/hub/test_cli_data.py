"""`marsad import panddh|dump`, `export`, `attach` and `generate`, run as a user would (CliRunner)."""

from __future__ import annotations

import asyncio
import copy
import io
from collections import Counter
from pathlib import Path

import docx
import orjson
import pytest
from pypdf import PdfReader, PdfWriter
from tortoise import Tortoise
from tortoise.connection import connections
from typer.testing import CliRunner, Result

from content.db import close_database, tortoise_config
from content.samples.panddh import read_sample
from hub.cli import app
from schema.core.ids import to_global_id

CONTENT_TABLES = {
    "mechanism", "session", "document", "recommendation", "institution", "communication", "information_request",
    "ngo_interaction", "parliamentary_presentation", "event", "program_measure", "achievement_item", "theme",
}


@pytest.fixture
async def marsad(tmp_path):
    """Run `marsad ARGS...` with MARSAD_HOME=tmp_path/home, in a worker thread with its own event loop.

    The CLI opens and closes databases for the whole process (Tortoise is global): the
    test session's database, if open, is closed meanwhile and reopened afterwards.
    """
    saved = copy.deepcopy(connections.db_config) if Tortoise._inited else None
    if saved is not None:
        await close_database()
    runner = CliRunner()

    async def run(*args: str, home: str = "home") -> Result:
        env = {"MARSAD_HOME": str(tmp_path / home), "MARSAD_DATABASE_URL": None, "COLUMNS": "200"}
        return await asyncio.to_thread(runner.invoke, app, [str(a) for a in args], env=env)

    yield run
    if saved is not None:
        config = tortoise_config("sqlite://:memory:")
        config["connections"] = saved
        await Tortoise.init(config=config, _enable_global_fallback=True)


def rows_of(dump: Path) -> list[dict]:
    lines = dump.read_bytes().splitlines()
    return [orjson.loads(line) for line in lines[1:-1]]


def sheets(tmp_path: Path) -> list[Path]:
    out = []
    for name in ("measure-07-upr-follow-up.txt", "measure-11-treaty-reporting.txt"):
        path = tmp_path / name
        path.write_text(read_sample(name), encoding="utf-8")
        out.append(path)
    return out


async def test_import_sheets(marsad, tmp_path):
    good = sheets(tmp_path)
    bad = tmp_path / "بطاقة-معطوبة.txt"
    bad.write_text("الإنجازات\n- تنظيم ندوة وطنية\nرقم الإجراء\nسبعة\n", encoding="utf-8")

    result = await marsad("import", "panddh", *good, bad, "--state", "private")
    assert result.exit_code == 1, result.output
    out = result.output
    assert "measure-07-upr-follow-up.txt" in out and "measure-11-treaty-reporting.txt" in out
    assert "3 files: 2 created, 0 updated, 0 unchanged, 1 failed; 33 links made" in out
    assert f"FAILED {bad}:4: measure number is not numeric: 'سبعة'" in out
    assert "AchievementItem" in out and "Mention" in out  # the rows-written table

    again = await marsad("import", "panddh", *good, "--state", "private")
    assert again.exit_code == 0, again.output
    assert "2 files: 0 created, 0 updated, 2 unchanged, 0 failed; 0 links made" in again.output

    dump = tmp_path / "dump.jsonl"
    assert (await marsad("export", dump)).exit_code == 0
    rows = rows_of(dump)
    measures = {r["row"]["number"]: r["row"] for r in rows if r["table"] == "program_measure"}
    assert set(measures) == {7, 11}
    assert measures[7]["workflow_state"] == "private"
    assert measures[7]["sub_measure_name"] == "إعداد التقرير الوطني المرحلي ومواكبة الجولة الرابعة"
    assert Counter(r["table"] for r in rows)["change_record"] == 2

    bogus = await marsad("import", "panddh", good[0], "--state", "draft")
    assert bogus.exit_code == 2 and "draft" in bogus.output


async def test_attach(marsad, tmp_path):
    await marsad("import", "panddh", *sheets(tmp_path))
    dump = tmp_path / "dump.jsonl"
    await marsad("export", dump)
    item = next(r["row"] for r in rows_of(dump) if r["table"] == "achievement_item")

    document = docx.Document()
    document.add_paragraph("مذكرة تركيبية لفائدة الفرق البرلمانية حول التوصيات ذات الصلة بالتشريع")
    word = tmp_path / "مذكرة.docx"
    document.save(word)
    result = await marsad("attach", to_global_id("AchievementItem", item["id"]), word)
    assert result.exit_code == 0, result.output
    assert f"Attached مذكرة.docx to AchievementItem {item['id']}" in result.output
    assert "wordprocessingml" in result.output and "69 characters of text" in result.output
    stored = [p for p in (tmp_path / "home" / "attachments").rglob("*") if p.is_file()]
    assert len(stored) == 1 and stored[0].read_bytes() == word.read_bytes()

    writer = PdfWriter()
    writer.add_blank_page(width=200, height=200)
    writer.encrypt("كلمة-السر", algorithm="RC4-128")
    buffer = io.BytesIO()
    writer.write(buffer)
    locked = tmp_path / "locked.pdf"
    locked.write_bytes(buffer.getvalue())
    assert PdfReader(io.BytesIO(buffer.getvalue())).is_encrypted
    refused = await marsad("attach", item["id"], locked)
    assert refused.exit_code == 1
    assert "locked.pdf: encrypted PDF (password-protected)" in refused.output

    unknown = await marsad("attach", "00000000-0000-4000-8000-000000000000", word)
    assert unknown.exit_code == 1 and "no content item has the ID" in unknown.output
    await marsad("export", dump)
    assert [r["row"]["name"] for r in rows_of(dump) if r["table"] == "attachment"] == ["مذكرة.docx"]


async def test_dump_round_trip_and_generate(marsad, tmp_path):
    generated = await marsad("generate", "--items", "250", "--seed", "5")
    assert generated.exit_code == 0, generated.output
    assert "250 content items" in generated.output and "Recommendation" in generated.output
    first, second = tmp_path / "first.jsonl", tmp_path / "second.jsonl"
    assert (await marsad("export", first)).exit_code == 0
    rows = rows_of(first)
    content = Counter(r["table"] for r in rows if r["table"] in CONTENT_TABLES)
    assert sum(content.values()) == 250 + 67 + 15 + 40 + 4  # with the reference data

    restored = await marsad("import", "dump", first, home="other")
    assert restored.exit_code == 0, restored.output
    assert f"{len(rows)} rows, {sum(content.values())} content items" in restored.output
    assert (await marsad("export", second, home="other")).exit_code == 0
    assert second.read_bytes() == first.read_bytes()

    refused = await marsad("import", "dump", first, home="other")
    assert refused.exit_code == 1 and "already holds" in refused.output and "--merge" in refused.output
    merged = await marsad("import", "dump", first, "--merge", home="other")
    assert merged.exit_code == 0 and "0 rows, 0 content items" in merged.output
    truncated = tmp_path / "truncated.jsonl"
    truncated.write_bytes(b"".join(first.read_bytes().splitlines(keepends=True)[:-1]))
    broken = await marsad("import", "dump", truncated, home="third")
    assert broken.exit_code == 1 and "truncated dump" in broken.output
