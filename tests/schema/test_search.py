"""GraphQL `search` end to end: content written through the services, indexed from the outbox.

SQLite runs pair with the Whoosh backend, PostgreSQL runs with the PostgreSQL backend.
"""

from __future__ import annotations

import datetime as dt
from types import SimpleNamespace

import pytest

from content import models as m
from content.services.items import delete_item, save_item
from schema.context import Context
from schema.permissions import ANONYMOUS, Role
from schema.schema import schema
from search_index.backends import make_backend
from search_index.indexing import alias_expander, drain_outbox, rebuild
from tests.factories import create, mechanism
from tests.schema.gqlrun import as_role

SEARCH = """query ($q: String!, $first: Int, $after: String, $filter: SearchFilter) {
  search(query: $q, first: $first, after: $after, filter: $filter) {
    totalCount suggestion notices
    facets { field buckets { value label count } }
    pageInfo { hasNextPage endCursor }
    edges { cursor score highlights node { __typename id title ... on Content { text } } } } }"""


# The reference data (mechanisms, themes) also speaks of torture: look at what the tests create.
OURS = {"types": ["Document", "Communication", "Event"]}
DOCS = {"types": ["Document"]}


@pytest.fixture
async def search(db, database_url, tmp_path):
    if db == "postgres":
        dsn = database_url.replace("postgres://", "postgresql://", 1)
        backend = make_backend("postgres", postgres_dsn=dsn)
    else:
        backend = make_backend("whoosh", index_dir=tmp_path / "index")
    await backend.setup()
    await rebuild(backend)
    services = SimpleNamespace(search=backend, expander=await alias_expander())

    async def run(q: str, viewer=ANONYMOUS, **variables):
        await drain_outbox(backend)
        result = await schema.execute(SEARCH, {"q": q, **variables},
                                      context_value=Context(viewer=viewer, services=services))
        return result

    run.backend = backend
    yield run
    await backend.clear()
    await backend.close()


async def _ok(run, q, viewer=ANONYMOUS, **variables):
    result = await run(q, viewer, **variables)
    assert not result.errors, [e.message for e in result.errors]
    return result.data["search"]


async def _archive():
    cat = await mechanism("cat")
    await create(m.Document, kind=m.DocumentKind.NATIONAL_REPORT, mechanism=cat, cycle=5,
                 title="التقرير الوطني الخامس حول إعمال اتفاقية مناهضة التعذيب",
                 body="قدّمت المملكة تقريرها إلى لجنة مناهضة التعذيب بعد مشاورات واسعة.",
                 submitted_date=dt.date(2021, 3, 1))
    await create(m.Document, kind=m.DocumentKind.NATIONAL_REPORT, title="مسودة تقرير عن التعذيب لم تنشر بعد",
                 body="نص داخلي حول التعذيب", workflow_state=m.WorkflowState.PRIVATE)
    await create(m.Communication, mechanism=cat, reference="CAT/2021/3",
                 title="بلاغ فردي حول ادعاءات التعذيب", body="ادعاءات تعذيب في مركز احتجاز")
    await create(m.Event, kind=m.EventKind.SIDE_EVENT, date=dt.date(2021, 2, 25),
                 title="نشاط مواز حول الاتفاقيات الدولية لحقوق الإنسان",
                 body="تفعيل الاتفاقية: مؤسسات الدولة والممارسات الفضلى")


async def test_anonymous_never_sees_unpublished_or_confidential(search):
    await _archive()
    public = await _ok(search, "التعذيب", filter=OURS)
    assert public["totalCount"] == 1
    assert [e["node"]["__typename"] for e in public["edges"]] == ["Document"]
    for facet in public["facets"]:
        assert sum(b["count"] for b in facet["buckets"]) == 1, facet
    editor = await _ok(search, "التعذيب", as_role(Role.EDITOR), filter=OURS)
    assert editor["totalCount"] == 2
    officer = await _ok(search, "التعذيب", as_role(Role.CASE_OFFICER), filter=OURS)
    assert officer["totalCount"] == 3
    assert {e["node"]["__typename"] for e in officer["edges"]} == {"Document", "Communication"}


async def test_plural_query_finds_singular_and_highlights_the_original(search):
    await _archive()
    found = await _ok(search, "الاتفاقيات")
    titles = [e["node"]["title"] for e in found["edges"]]
    assert "نشاط مواز حول الاتفاقيات الدولية لحقوق الإنسان" in titles
    assert "التقرير الوطني الخامس حول إعمال اتفاقية مناهضة التعذيب" in titles
    highlights = " ".join(h for e in found["edges"] for h in e["highlights"])
    assert "<mark>الاتفاقية</mark>" in highlights and "<mark>اتفاقية</mark>" in highlights


@pytest.mark.parametrize("name", ["CAT", "Committee against Torture", "Comité contre la torture",
                                  "لجنة مناهضة التعذيب"])
async def test_names_of_cat_in_three_languages_find_the_arabic_report(search, name):
    await _archive()
    found = await _ok(search, name, filter={"types": ["Document"]})
    assert [e["node"]["title"] for e in found["edges"]] == ["التقرير الوطني الخامس حول إعمال اتفاقية مناهضة التعذيب"]


async def test_highlights_are_escaped(search):
    await create(m.Document, kind=m.DocumentKind.STATEMENT, title="كلمة <script>alert(1)</script> & حقوق الإنسان")
    found = await _ok(search, "كلمة")
    joined = " ".join(found["edges"][0]["highlights"])
    assert "<script>" not in joined and "&lt;script&gt;" in joined and "&amp;" in joined
    assert joined.replace("<mark>", "").replace("</mark>", "").count("<") == 0


async def test_index_follows_updates_and_deletions(search):
    doc = await create(m.Document, kind=m.DocumentKind.STATEMENT, title="بيان حول حرية التعبير")
    assert (await _ok(search, "التعبير", filter=DOCS))["totalCount"] == 1
    doc.title = "بيان حول الحق في التجمع السلمي"
    await save_item(doc)
    assert (await _ok(search, "التعبير", filter=DOCS))["totalCount"] == 0
    assert (await _ok(search, "التجمع", filter=DOCS))["totalCount"] == 1
    await delete_item(doc)
    assert (await _ok(search, "التجمع", filter=DOCS))["totalCount"] == 0


async def test_rebuilt_index_answers_the_same(search, db, tmp_path):
    await _archive()
    queries = ["التعذيب", "الاتفاقيات", "CAT", "\"حقوق الإنسان\"", "مواز OR تقرير"]
    async def answers() -> list:
        # Hits and their order; scores may move in the last digits (an incrementally written index
        # still counts deleted documents in its statistics until segments merge).
        return [[e["node"]["id"] for e in (await _ok(search, q))["edges"]] for q in queries]

    before = await answers()
    await rebuild(search.backend)
    after = await answers()
    assert before == after and any(before)


async def test_pagination_and_suggestion(search):
    for n in range(1, 8):
        await create(m.Document, kind=m.DocumentKind.STATEMENT, title=f"بيان رقم {n} حول التعذيب")
    page1 = await _ok(search, "التعذيب", first=5, filter={"types": ["Document"]})
    assert page1["totalCount"] == 7 and len(page1["edges"]) == 5 and page1["pageInfo"]["hasNextPage"]
    page2 = await _ok(search, "التعذيب", first=5, after=page1["pageInfo"]["endCursor"],
                      filter={"types": ["Document"]})
    assert len(page2["edges"]) == 2 and not page2["pageInfo"]["hasNextPage"]
    ids = {e["node"]["id"] for e in page1["edges"] + page2["edges"]}
    assert len(ids) == 7
    misspelt = await _ok(search, "التعديب")
    assert misspelt["totalCount"] == 0 and misspelt["suggestion"] == "التعذيب"


@pytest.mark.parametrize("q", ["", "   ", "في من على", "\"حقوق الإنسان", "(التعذيب", "\u202eالتعذيب\u202c",
                               "التعذيب\x00\x07", "ال" * 5000])
async def test_bad_queries_answer_clearly(search, q):
    await _archive()
    result = await search(q)
    if result.errors:
        assert result.errors[0].extensions["code"] == "INVALID_QUERY"
        assert result.errors[0].message and "Traceback" not in result.errors[0].message
    else:
        assert result.data["search"]["totalCount"] >= 0


async def test_bad_filters_and_sizes(search):
    unknown = await search("التعذيب", filter={"types": ["Nothing"]})
    assert unknown.errors[0].extensions["code"] == "INVALID_FILTER"
    assert "Unknown type 'Nothing'" in unknown.errors[0].message
    too_big = await search("التعذيب", first=500)
    assert too_big.errors[0].extensions["code"] == "PAGE_TOO_LARGE"
    too_long = await search("ا" * 10_001)
    assert too_long.errors[0].extensions["code"] == "INVALID_QUERY"


async def test_passages_follow_their_measure_out_of_sight(search):
    from content.services.editing import Actor, transition
    from tests.factories import measure_with_items

    measure = await measure_with_items(31, sections=1, items_per_section=1)
    found = await _ok(search, "الخامس", filter={"types": ["AchievementItem"]})
    assert found["totalCount"] == 1
    await transition(m.ProgramMeasure, measure.id, "retract", Actor("reviewer", "reviewer"))
    hidden = await _ok(search, "الخامس", filter={"types": ["AchievementItem"]})
    assert hidden["totalCount"] == 0 and hidden["facets"][0]["buckets"] == []
    editor = await _ok(search, "الخامس", as_role(Role.EDITOR), filter={"types": ["AchievementItem"]})
    assert editor["totalCount"] == 1


async def test_embargo_ends_and_the_item_appears(search):
    import asyncio

    from search_index.indexing import reindex_window_changes

    started = dt.datetime.now(dt.timezone.utc)
    await create(m.Document, kind=m.DocumentKind.STATEMENT, title="بيان حول الاختفاء القسري",
                 effective=started + dt.timedelta(seconds=1))
    assert (await _ok(search, "الاختفاء", filter=DOCS))["totalCount"] == 0
    assert (await _ok(search, "الاختفاء", as_role(Role.EDITOR), filter=DOCS))["totalCount"] == 1
    await asyncio.sleep(1.2)
    assert await reindex_window_changes(started, dt.datetime.now(dt.timezone.utc)) == 1
    assert (await _ok(search, "الاختفاء", filter=DOCS))["totalCount"] == 1


async def test_attachment_text_is_searchable_and_shown(search, tmp_path):
    from content.attachments import attach_file
    from schema.core.ids import to_global_id
    from tests.schema.gqlrun import run

    doc = await create(m.Document, kind=m.DocumentKind.NGO_REPORT_REPLY, title="رد على تقرير منظمة غير حكومية")
    note = "ملاحظات السلطات بشأن ادعاءات الاكتظاظ في المؤسسات السجنية".encode()
    await attach_file("Document", doc.id, data=note, name="ملاحظات.txt", actor="tests", root=tmp_path)
    found = await _ok(search, "الاكتظاظ", filter=DOCS)
    assert [e["node"]["title"] for e in found["edges"]] == ["رد على تقرير منظمة غير حكومية"]
    data = await run("query ($id: ID!) { node(id: $id) { ... on Content { attachments { name mediaType size "
                     "checksum text } } } }", {"id": to_global_id("Document", doc.id)})
    [attachment] = data["node"]["attachments"]
    assert attachment["name"] == "ملاحظات.txt" and attachment["mediaType"] == "text/plain"
    assert attachment["size"] == len(note) and len(attachment["checksum"]) == 64
    assert "الاكتظاظ" in attachment["text"]


async def test_hidden_mechanisms_stay_out_of_facets_filters_and_query_terms(search):
    secret = await create(m.Mechanism, key="secretmech", acronym="SECRETACR", kind=m.MechanismKind.OTHER,
                          title="آلية قيد الإحداث", workflow_state=m.WorkflowState.PRIVATE)
    await create(m.Document, kind=m.DocumentKind.STATEMENT, mechanism=secret, title="بيان حول التعاون التقني")
    found = await _ok(search, "التعاون", filter=DOCS)
    assert found["totalCount"] == 1
    mechanism_facet = next(f for f in found["facets"] if f["field"] == "mechanism")
    assert "secretmech" not in {b["value"] for b in mechanism_facet["buckets"]}
    assert (await _ok(search, "التعاون", filter={**DOCS, "mechanisms": ["secretmech"]}))["totalCount"] == 0
    assert (await _ok(search, "التعاون mechanism:secretmech", filter=DOCS))["totalCount"] == 0
    # an editor sees the draft mechanism, and so its bucket and filter
    editor = await _ok(search, "التعاون", as_role(Role.EDITOR), filter={**DOCS, "mechanisms": ["secretmech"]})
    assert editor["totalCount"] == 1
    buckets = next(f for f in editor["facets"] if f["field"] == "mechanism")["buckets"]
    assert {"value": "secretmech", "label": "SECRETACR", "count": 1} in buckets


async def test_nul_in_a_search_filter_is_a_clear_error(search):
    result = await search("التعذيب", filter={"mechanisms": ["cat\x00"]})
    assert result.errors[0].extensions["code"] == "BAD_USER_INPUT"


async def test_a_measure_facets_follow_its_passages_mentions(search):
    from content.services.links import set_link
    from content.services.editing import Actor
    from tests.factories import measure_with_items

    measure = await measure_with_items(32, sections=1, items_per_section=1, mention_keys=("cat",))
    item = await m.AchievementItem.get(measure=measure)
    query = {"types": ["ProgramMeasure"], "mechanisms": ["cedaw"]}
    assert (await _ok(search, "رقم", filter=query))["totalCount"] == 0
    await set_link(item, "mentions", await mechanism("cedaw"), Actor("editor", "editor"), linked=True)
    assert (await _ok(search, "رقم", filter=query))["totalCount"] == 1


async def test_renaming_a_mechanism_key_follows_into_search(search):
    from content.services.editing import Actor, update

    mech = await create(m.Mechanism, key="wg_test", kind=m.MechanismKind.SPECIAL_PROCEDURE, title="فريق عامل تجريبي")
    await create(m.Document, kind=m.DocumentKind.STATEMENT, mechanism=mech, title="بيان الفريق العامل حول الاحتجاز")
    assert (await _ok(search, "الاحتجاز", filter={**DOCS, "mechanisms": ["wg_test"]}))["totalCount"] == 1
    await update(m.Mechanism, mech.id, mech.version, {"key": "wg_renamed"}, Actor("reviewer", "reviewer"))
    assert (await _ok(search, "الاحتجاز", filter={**DOCS, "mechanisms": ["wg_renamed"]}))["totalCount"] == 1
    assert (await _ok(search, "الاحتجاز", filter={**DOCS, "mechanisms": ["wg_test"]}))["totalCount"] == 0
