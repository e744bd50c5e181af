"""Searching the published sample sheet (../shared/samples) end to end through GraphQL."""

from __future__ import annotations

import pytest

from content.importers.panddh.store import import_sheet
from hub.demo import SHARED_SHEETS
from tests.schema.test_search import _ok, search  # noqa: F401 - the fixture

SAMPLE = SHARED_SHEETS / "measure-04.txt"
ITEMS = {"types": ["AchievementItem"]}

pytestmark = pytest.mark.skipif(
    not SAMPLE.is_file(), reason=f"published sample sheet not found at {SAMPLE} (only on project machines and CI)"
)


@pytest.fixture
async def sheet(search):  # noqa: F811 - pytest fixture chaining
    await import_sheet(SAMPLE)
    return search


def _texts(found) -> list[str]:
    return [e["node"]["text"] for e in found["edges"]]


async def test_the_four_names_of_cat_find_the_same_passages(sheet):
    results = []
    for name in ("CAT", "Committee against Torture", "Comité contre la torture", "لجنة مناهضة التعذيب"):
        found = await _ok(sheet, name, filter=ITEMS, first=50)
        results.append(sorted(_texts(found)))
    assert results[0] == results[1] == results[2] == results[3]
    texts = " ".join(results[0])
    assert "التقرير الوطني الخامس حول إعمال اتفاقية مناهضة التعذيب" in texts
    assert "تفعيل اتفاقية مناهضة التعذيب" in texts


async def test_morphological_variants_find_the_passages(sheet):
    plural = await _ok(sheet, "الاتفاقيات", filter=ITEMS, first=50)
    texts = " ".join(_texts(plural))
    assert "الاتفاقيات الدولية لحقوق الإنسان" in texts
    assert "اتفاقية حماية جميع الأشخاص من الاختفاء القسري" in texts
    dual = await _ok(sheet, "الدورة 45", filter=ITEMS)
    assert any("الدورتين 44 و45" in t for t in _texts(dual))


async def test_each_item_is_its_own_hit_with_highlights_and_facets(sheet):
    found = await _ok(sheet, "منظمة العفو الدولية", filter=ITEMS)
    texts = _texts(found)
    assert found["totalCount"] == 2
    assert any(t.startswith("متابعة التقارير السنوية والادعاءات") for t in texts)
    assert any("15 يوليوز 2020" in t for t in texts)
    marked = " ".join(h for e in found["edges"] for h in e["highlights"])
    assert "<mark>العفو</mark>" in marked
    facets = {f["field"]: {b["value"]: b["count"] for b in f["buckets"]} for f in found["facets"]}
    assert facets["type"] == {"AchievementItem": 2}
    assert facets["language"] == {"ar": 2}
    # The year of a passage is the date it gives (15 July 2020), else its sheet's status date (April 2021).
    assert facets["year"] == {"2020": 1, "2021": 1}


async def test_session_passages_carry_the_council(sheet):
    found = await _ok(sheet, "\"الدورة 46\"", filter=ITEMS)
    assert found["totalCount"] == 2
    facets = {f["field"]: {b["value"]: b["count"] for b in f["buckets"]} for f in found["facets"]}
    assert facets["mechanism"]["hrc"] == 2
    labelled = {b["value"]: b["label"] for f in found["facets"] if f["field"] == "mechanism" for b in f["buckets"]}
    assert labelled["hrc"] == "HRC"
