"""Relay pagination: first/after, last/before, totalCount, limits, bad cursors."""

from __future__ import annotations

from schema.core.ids import offset_cursor
from tests.schema.gqlrun import run, run_raw

PAGE = """query ($first: Int, $after: String, $last: Int, $before: String) {
  mechanisms(first: $first, after: $after, last: $last, before: $before, orderBy: {field: ACRONYM}) {
    totalCount pageInfo { hasNextPage hasPreviousPage startCursor endCursor }
    edges { cursor node { key } } } }"""


async def _all_keys() -> list[str]:
    keys: list[str] = []
    after = None
    while True:
        data = (await run(PAGE, {"first": 25, "after": after}))["mechanisms"]
        keys += [e["node"]["key"] for e in data["edges"]]
        if not data["pageInfo"]["hasNextPage"]:
            return keys
        after = data["pageInfo"]["endCursor"]


async def test_forward_pages_cover_everything_once(db):
    keys = await _all_keys()
    total = (await run(PAGE, {"first": 1}))["mechanisms"]["totalCount"]
    assert len(keys) == total == len(set(keys)) >= 60


async def test_backward_pages(db):
    keys = await _all_keys()
    last = (await run(PAGE, {"last": 5}))["mechanisms"]
    assert [e["node"]["key"] for e in last["edges"]] == keys[-5:]
    assert last["pageInfo"]["hasPreviousPage"] is True and last["pageInfo"]["hasNextPage"] is False
    before = (await run(PAGE, {"last": 3, "before": last["pageInfo"]["startCursor"]}))["mechanisms"]
    assert [e["node"]["key"] for e in before["edges"]] == keys[-8:-5]
    assert before["pageInfo"]["hasNextPage"] is True


async def test_after_the_end_is_empty(db):
    data = (await run(PAGE, {"first": 5, "after": offset_cursor(10_000)}))["mechanisms"]
    assert data["edges"] == [] and data["pageInfo"]["hasNextPage"] is False


async def test_page_size_limit_and_bad_cursors(db):
    too_big = await run_raw(PAGE, {"first": 101})
    assert too_big.errors[0].extensions["code"] == "PAGE_TOO_LARGE"
    assert "at most 100" in too_big.errors[0].message
    for cursor in ("garbage", "b2Zmc2V0Oi0x", "🙂"):
        bad = await run_raw(PAGE, {"first": 5, "after": cursor})
        assert bad.errors[0].extensions["code"] == "INVALID_CURSOR"
    both = await run_raw(PAGE, {"first": 5, "last": 5})
    assert "not both" in both.errors[0].message
    negative = await run_raw(PAGE, {"first": -1})
    assert "must not be negative" in negative.errors[0].message
