"""The SQL queries of a nested page must not grow with the page size (data loaders batch them)."""

from __future__ import annotations

from tests.querycount import count_queries
from tests.factories import measure_with_items
from tests.schema.gqlrun import run

NESTED = """
query ($first: Int!) {
  programMeasures(first: $first) {
    totalCount
    edges { node {
      number title ministry { title kind }
      sections { number title items {
        text mechanisms { acronym sessions { number } } sessions { number mechanism { acronym } } institutions { title }
      } }
    } }
  }
  mechanisms(first: $first) { edges { node { acronym children { acronym } mentionedIn { title } sessions { number } } } }
}
"""


async def test_query_count_does_not_grow_with_page_size(db):
    for number in range(1, 56):
        await measure_with_items(number)
    with count_queries() as small:
        data5 = await run(NESTED, {"first": 5})
    with count_queries() as large:
        data50 = await run(NESTED, {"first": 50})
    assert len(data5["programMeasures"]["edges"]) == 5
    assert len(data50["programMeasures"]["edges"]) == 50
    first = data50["programMeasures"]["edges"][0]["node"]
    assert first["sections"][0]["items"][0]["sessions"] == [{"number": 46, "mechanism": {"acronym": "HRC"}}]
    assert {x["acronym"] for x in first["sections"][0]["items"][0]["mechanisms"]} == {"CAT", "HRC"}
    assert small.count == large.count, (small.statements, large.statements)
    # One query per relation and level, not per row: a small, fixed number.
    assert large.count <= 20
