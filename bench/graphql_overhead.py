"""GraphQL cost versus the same JSON built by hand, for a 50-item nested page.

    python bench/graphql_overhead.py [--measures 60] [--runs 200]

Both sides read the same rows from the same SQLite database in one process; the table shows
per-request latency (p50/p95), the ratio, SQL statements per request, and response bytes with
orjson (UTF-8) against json.dumps (which escapes every Arabic letter).
"""

from __future__ import annotations

import argparse
import asyncio
import json
import statistics
import sys
import tempfile
import time
from pathlib import Path

import orjson

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from content import models as m  # noqa: E402
from content.db import close_database, migrate_database, open_database  # noqa: E402
from content.reference import load_reference_data  # noqa: E402
from schema.context import Context  # noqa: E402
from schema.permissions import visible_q, ANONYMOUS  # noqa: E402
from schema.schema import schema  # noqa: E402
from tests.factories import measure_with_items  # noqa: E402
from tests.querycount import count_queries  # noqa: E402

QUERY = """{ programMeasures(first: 50) { edges { node { number title status ministry { title }
  sections { number title items { text mechanisms { acronym } sessions { number } } } } } } }"""


async def by_hand() -> dict:
    """The same page without GraphQL: batched queries, dicts, one pass."""
    measures = await m.ProgramMeasure.filter(visible_q(ANONYMOUS)).order_by("number", "id").limit(50)
    ids = [x.id for x in measures]
    ministries = {i.id: i for i in await m.Institution.filter(id__in={x.ministry_id for x in measures})}
    sections = await m.MeasureSection.filter(measure_id__in=ids).order_by("position")
    items = await m.AchievementItem.filter(visible_q(ANONYMOUS), section_id__in=[s.id for s in sections]).order_by("position")
    mentions = await m.Mention.filter(item_id__in=[i.id for i in items]).order_by("id")
    mechs = {x.id: x for x in await m.Mechanism.filter(id__in={x.target_id for x in mentions if x.target_type == "Mechanism"})}
    sess = {x.id: x for x in await m.Session.filter(id__in={x.target_id for x in mentions if x.target_type == "Session"})}
    by_item: dict = {}
    for x in mentions:
        by_item.setdefault(x.item_id, []).append(x)
    by_section: dict = {}
    for i in items:
        by_section.setdefault(i.section_id, []).append({
            "text": i.body,
            "mechanisms": [{"acronym": mechs[x.target_id].acronym} for x in by_item.get(i.id, []) if x.target_id in mechs],
            "sessions": [{"number": sess[x.target_id].number} for x in by_item.get(i.id, []) if x.target_id in sess],
        })
    by_measure: dict = {}
    for s in sections:
        by_measure.setdefault(s.measure_id, []).append({"number": s.number, "title": s.title, "items": by_section.get(s.id, [])})
    return {"data": {"programMeasures": {"edges": [{"node": {
        "number": x.number, "title": x.title, "status": x.status,
        "ministry": {"title": ministries[x.ministry_id].title} if x.ministry_id in ministries else None,
        "sections": by_measure.get(x.id, [])}} for x in measures]}}}


async def via_graphql() -> dict:
    result = await schema.execute(QUERY, context_value=Context())
    assert not result.errors, result.errors
    return {"data": result.data}


async def timed(fn, runs: int) -> tuple[list[float], dict, int]:
    await fn()  # warm caches (parser, validation, statements)
    with count_queries() as counter:
        body = await fn()
    samples = []
    for _ in range(runs):
        started = time.perf_counter()
        orjson.dumps(await fn())
        samples.append((time.perf_counter() - started) * 1000)
    return samples, body, counter.count


def pct(values: list[float], q: float) -> float:
    return statistics.quantiles(values, n=100)[int(q) - 1]


async def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--measures", type=int, default=60)
    parser.add_argument("--runs", type=int, default=200)
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as tmp:
        url = f"sqlite://{Path(tmp) / 'bench.sqlite3'}"
        await migrate_database(url)
        await open_database(url)
        await load_reference_data()
        for number in range(1, args.measures + 1):
            await measure_with_items(number, sections=3, items_per_section=3)
        rows = []
        for name, fn in (("plain JSON", by_hand), ("GraphQL", via_graphql)):
            samples, body, statements = await timed(fn, args.runs)
            rows.append((name, pct(samples, 50), pct(samples, 95), statements, len(orjson.dumps(body)),
                         len(json.dumps(body).encode())))
        await close_database()
    base = rows[0][1]
    print(f"50-item nested page, {args.runs} runs, SQLite, in process")
    print(f"{'':12} {'p50 ms':>8} {'p95 ms':>8} {'x p50':>6} {'SQL':>4} {'orjson B':>9} {'json B':>9}")
    for name, p50, p95, statements, ob, jb in rows:
        print(f"{name:12} {p50:8.2f} {p95:8.2f} {p50 / base:6.2f} {statements:4d} {ob:9d} {jb:9d}")


if __name__ == "__main__":
    asyncio.run(main())
