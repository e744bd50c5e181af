"""`mechanisms` and `sessions`: every filter, every ordering both ways, pages, and both sides of
Mechanism.parent/children and Session.mechanism/Mechanism.sessions."""

from __future__ import annotations

import datetime as dt

import pytest

from content import models as m
from schema.permissions import Role
from tests.factories import at, create, gid, hrc_session, listing, mechanism, pages, stamp
from tests.schema.gqlrun import as_role, run, run_raw

EDITOR = as_role(Role.EDITOR)
TREATY_BODIES = {"cerd", "cescr", "ccpr", "cedaw", "cat", "crc", "cmw", "crpd", "ced"}


async def _test_family() -> dict[str, m.Mechanism]:
    """A parent mechanism with three published children (distinct titles, acronyms, kinds, dates)."""
    parent = await create(m.Mechanism, kind=m.MechanismKind.OTHER, title="آلية اختبار جامعة",
                          name_ar="آلية اختبار جامعة", name_en="Umbrella test mechanism")
    first = await create(m.Mechanism, kind=m.MechanismKind.TREATY_BODY, title="جهاز المعاهدة التجريبي",
                         acronym="TB", parent=parent, created=at(2020, 1, 1))
    second = await create(m.Mechanism, kind=m.MechanismKind.SPECIAL_PROCEDURE, title="بعثة المقرر التجريبية",
                          acronym="TA", parent=parent, created=at(2020, 1, 2))
    third = await create(m.Mechanism, kind=m.MechanismKind.OTHER, title="دائرة الحوار التجريبية",
                         acronym=None, parent=parent, created=at(2020, 1, 3))
    await stamp(first, modified=at(2021, 3, 1))
    await stamp(second, modified=at(2021, 1, 1))
    await stamp(third, modified=at(2021, 2, 1))
    return {"parent": parent, "first": first, "second": second, "third": third}


# --- mechanisms: filters ---------------------------------------------------------------------


async def test_mechanism_filters_by_kind_key_acronym_slug_and_parent(db):
    family = await _test_family()
    treaty = await listing("mechanisms", {"kind": "TREATY_BODY"}, field="key")
    assert set(treaty) == TREATY_BODIES | {"treaty_bodies", "spt", None}  # None: the test treaty body
    assert len(treaty) == 12
    assert await listing("mechanisms", {"kind": "UPR"}, field="key") == ["upr"]
    assert await listing("mechanisms", {"key": "cat"}, field="key") == ["cat"]
    assert await listing("mechanisms", {"key": "CAT"}, field="key") == []  # keys are exact
    assert await listing("mechanisms", {"acronym": "cat"}, field="key") == ["cat"]  # acronyms are not
    assert await listing("mechanisms", {"acronym": "C_T"}, field="key") == []  # and no wildcards
    assert await listing("mechanisms", {"slug": "treaty-bodies"}, field="key") == ["treaty_bodies"]
    parent = gid(await mechanism("treaty_bodies"))
    assert set(await listing("mechanisms", {"parent": parent}, field="key")) == TREATY_BODIES
    assert await listing("mechanisms", {"parent": gid(await mechanism("cat"))}, field="key") == ["spt"]
    assert await listing("mechanisms", {"parent": gid(family["parent"]), "kind": "SPECIAL_PROCEDURE"}) == [
        "بعثة المقرر التجريبية"
    ]
    # Filters combine with AND.
    assert await listing("mechanisms", {"key": "cat", "kind": "UPR"}) == []


async def test_mechanism_filters_by_language_workflow_state_and_modified(db):
    family = await _test_family()
    await create(m.Mechanism, kind=m.MechanismKind.OTHER, title="Mécanisme de test", language=m.Language.FR,
                 parent=family["parent"])
    await create(m.Mechanism, kind=m.MechanismKind.OTHER, title="آلية قيد الإعداد",
                 parent=family["parent"], workflow_state=m.WorkflowState.PRIVATE)
    assert await listing("mechanisms", {"language": "FR"}) == ["Mécanisme de test"]
    assert await listing("mechanisms", {"workflowState": "PRIVATE"}, viewer=EDITOR) == ["آلية قيد الإعداد"]
    assert await listing("mechanisms", {"workflowState": "PRIVATE"}) == []  # anonymous: published only
    assert await listing("mechanisms", {"parent": gid(family["parent"]), "workflowState": "PUBLISHED"},
                         {"field": "CREATED"}, viewer=EDITOR) == [
        "جهاز المعاهدة التجريبي", "بعثة المقرر التجريبية", "دائرة الحوار التجريبية", "Mécanisme de test",
    ]
    assert await listing("mechanisms", {"modified": {"start": "2021-01-15", "end": "2021-02-15"}}) == [
        "دائرة الحوار التجريبية"
    ]
    # Both ends are inclusive, whole days.
    assert await listing("mechanisms", {"modified": {"start": "2021-01-01", "end": "2021-03-01"}},
                         {"field": "MODIFIED"}) == [
        "بعثة المقرر التجريبية", "دائرة الحوار التجريبية", "جهاز المعاهدة التجريبي",
    ]
    assert await listing("mechanisms", {"modified": {"end": "2020-12-31"}}) == []


async def test_mechanism_filter_with_malformed_or_wrong_type_parent(db):
    result = await run_raw("{ mechanisms(filter: {parent: \"nonsense\"}) { totalCount } }")
    assert result.errors[0].extensions["code"] == "INVALID_ID"
    wrong = gid(await hrc_session(46))
    result = await run_raw("query ($p: ID) { mechanisms(filter: {parent: $p}) { totalCount } }", {"p": wrong})
    assert "names a Session, not a Mechanism" in result.errors[0].message


# --- mechanisms: ordering and pages ----------------------------------------------------------


@pytest.mark.parametrize(("field", "ascending", "descending"), [
    ("TITLE", ["second", "first", "third"], ["third", "first", "second"]),
    ("KIND", ["third", "second", "first"], ["first", "second", "third"]),  # other < special_procedure < treaty_body
    ("CREATED", ["first", "second", "third"], ["third", "second", "first"]),
    ("MODIFIED", ["second", "third", "first"], ["first", "third", "second"]),
    # A mechanism without an acronym comes last either way.
    ("ACRONYM", ["second", "first", "third"], ["first", "second", "third"]),
])
async def test_mechanism_ordering(db, field, ascending, descending):
    family = await _test_family()
    title = {name: item.title for name, item in family.items()}
    scope = {"parent": gid(family["parent"])}
    assert await listing("mechanisms", scope, {"field": field, "direction": "ASC"}) == [title[n] for n in ascending]
    assert await listing("mechanisms", scope, {"field": field, "direction": "DESC"}) == [
        title[n] for n in descending
    ]


async def test_mechanism_default_order_is_title_ascending(db):
    family = await _test_family()
    assert await listing("mechanisms", {"parent": gid(family["parent"])}) == [
        "بعثة المقرر التجريبية", "جهاز المعاهدة التجريبي", "دائرة الحوار التجريبية",
    ]


async def test_mechanism_pages(db):
    everything = await listing("mechanisms", {"kind": "SPECIAL_PROCEDURE"}, {"field": "TITLE"}, field="key")
    walked = await pages("mechanisms", {"kind": "SPECIAL_PROCEDURE"}, {"field": "TITLE"}, size=7, field="key")
    assert len(everything) > 40
    assert [len(p) for p in walked[:-1]] == [7] * (len(walked) - 1) and 0 < len(walked[-1]) <= 7
    assert [key for page in walked for key in page] == everything


async def test_an_empty_first_page_still_says_whether_items_follow(db):
    query = """query ($f: MechanismFilter) { mechanisms(first: 0, filter: $f) {
        totalCount pageInfo { hasNextPage hasPreviousPage startCursor endCursor } edges { cursor } } }"""
    data = (await run(query, {"f": {"key": "cat"}}))["mechanisms"]
    assert data == {"totalCount": 1, "edges": [], "pageInfo": {
        "hasNextPage": True, "hasPreviousPage": False, "startCursor": None, "endCursor": None}}
    none = (await run(query, {"f": {"key": "no-such-key"}}))["mechanisms"]
    assert none["totalCount"] == 0 and none["pageInfo"]["hasNextPage"] is False


# --- Mechanism.parent / Mechanism.children ---------------------------------------------------

FAMILY = """query ($id: ID!) { node(id: $id) { ... on Mechanism {
  key title parent { key title } children { key title(language: EN) } } } }"""


async def test_mechanism_parent_and_children(db):
    cat = (await run(FAMILY, {"id": gid(await mechanism("cat"))}))["node"]
    assert cat["parent"] == {"key": "treaty_bodies", "title": "هيئات معاهدات حقوق الإنسان"}
    assert cat["children"] == [{
        "key": "spt",
        "title": "Subcommittee on Prevention of Torture and Other Cruel, Inhuman or Degrading Treatment or Punishment",
    }]
    spt = (await run(FAMILY, {"id": gid(await mechanism("spt"))}))["node"]
    assert spt["parent"]["key"] == "cat" and spt["children"] == []
    hrc = (await run(FAMILY, {"id": gid(await mechanism("hrc"))}))["node"]
    assert hrc["parent"] is None
    assert {child["key"] for child in hrc["children"]} == {"upr", "special_procedures"}
    bodies = (await run(FAMILY, {"id": gid(await mechanism("treaty_bodies"))}))["node"]
    assert {child["key"] for child in bodies["children"]} == TREATY_BODIES


async def test_mechanism_children_are_ordered_by_title(db):
    family = await _test_family()
    data = (await run(FAMILY, {"id": gid(family["parent"])}))["node"]
    assert [c["title"] for c in data["children"]] == [
        "بعثة المقرر التجريبية", "جهاز المعاهدة التجريبي", "دائرة الحوار التجريبية",
    ]
    assert (await run(FAMILY, {"id": gid(family["third"])}))["node"]["parent"]["title"] == "آلية اختبار جامعة"


async def test_unpublished_parent_and_children_are_hidden_from_anonymous(db):
    hidden_parent = await create(m.Mechanism, kind=m.MechanismKind.OTHER, title="آلية غير منشورة",
                                 workflow_state=m.WorkflowState.PENDING)
    child = await create(m.Mechanism, kind=m.MechanismKind.OTHER, title="آلية فرعية منشورة", parent=hidden_parent)
    await create(m.Mechanism, kind=m.MechanismKind.OTHER, title="آلية فرعية مسودة",
                 parent=await mechanism("cat"), workflow_state=m.WorkflowState.PRIVATE)
    assert (await run(FAMILY, {"id": gid(child)}))["node"]["parent"] is None
    assert (await run(FAMILY, {"id": gid(child)}, viewer=EDITOR))["node"]["parent"]["title"] == "آلية غير منشورة"
    cat = gid(await mechanism("cat"))
    assert [c["key"] for c in (await run(FAMILY, {"id": cat}))["node"]["children"]] == ["spt"]
    assert [c["key"] for c in (await run(FAMILY, {"id": cat}, viewer=EDITOR))["node"]["children"]] == [None, "spt"]


# --- sessions: filters, ordering, pages ------------------------------------------------------


async def _cat_sessions() -> list[m.Session]:
    cat = await mechanism("cat")
    made = []
    for number, start, title, modified in [
        (70, dt.date(2021, 4, 19), "الدورة السبعون للجنة مناهضة التعذيب", at(2021, 5, 3)),
        (71, dt.date(2021, 7, 12), "الدورة الحادية والسبعون للجنة مناهضة التعذيب", at(2021, 5, 1)),
        (72, None, "الدورة الثانية والسبعون للجنة مناهضة التعذيب", at(2021, 5, 2)),
    ]:
        made.append(await stamp(await create(m.Session, mechanism=cat, number=number, start_date=start, title=title),
                                modified=modified))
    return made


async def test_session_filters(db):
    await _cat_sessions()
    hrc = await mechanism("hrc")
    assert await listing("sessions", {"mechanism": gid(hrc)}, {"field": "NUMBER"}, field="number") == [
        43, 44, 45, 46
    ]
    assert await listing("sessions", {"mechanismKey": "cat"}, {"field": "NUMBER"}, field="number") == [70, 71, 72]
    assert await listing("sessions", {"mechanismKey": "cat", "number": 71}) == [
        "الدورة الحادية والسبعون للجنة مناهضة التعذيب"
    ]
    assert await listing("sessions", {"number": 46}) == ["الدورة السادسة والأربعون لمجلس حقوق الإنسان"]
    # Sessions starting in the range (inclusive): the 44th started 2020-06-30, the 45th 2020-09-14.
    assert await listing("sessions", {"dates": {"start": "2020-06-30", "end": "2020-09-14"}}, field="number") == [
        44, 45
    ]
    assert await listing("sessions", {"dates": {"start": "2021-04-19"}}, field="number") == [70, 71]
    assert await listing("sessions", {"dates": {"end": "2020-02-24"}}, field="number") == [43]
    assert await listing("sessions", {"slug": "hrc-45"}, field="number") == [45]
    assert await listing("sessions", {"modified": {"start": "2021-05-02", "end": "2021-05-03"}},
                         {"field": "NUMBER"}, field="number") == [70, 72]
    assert await listing("sessions", {"language": "FR"}) == []


async def test_session_workflow_state_filter(db):
    cat = await mechanism("cat")
    await create(m.Session, mechanism=cat, number=73, title="الدورة الثالثة والسبعون (مسودة)",
                 workflow_state=m.WorkflowState.PRIVATE)
    assert await listing("sessions", {"workflowState": "PRIVATE"}, viewer=EDITOR, field="number") == [73]
    assert await listing("sessions", {"workflowState": "PRIVATE"}, field="number") == []
    assert await listing("sessions", {"mechanismKey": "cat"}, field="number") == []


@pytest.mark.parametrize(("field", "ascending", "descending"), [
    ("NUMBER", [70, 71, 72], [72, 71, 70]),
    ("START_DATE", [70, 71, 72], [71, 70, 72]),  # no start date: last either way
    # "الثانية" < "الحادية" < "السبعون" in code-point order (ث < ح < س).
    ("TITLE", [72, 71, 70], [70, 71, 72]),
    ("MODIFIED", [71, 72, 70], [70, 72, 71]),
])
async def test_session_ordering(db, field, ascending, descending):
    await _cat_sessions()
    scope = {"mechanismKey": "cat"}
    assert await listing("sessions", scope, {"field": field, "direction": "ASC"}, field="number") == ascending
    assert await listing("sessions", scope, {"field": field, "direction": "DESC"}, field="number") == descending


async def test_session_default_order_is_start_date_ascending(db):
    assert await listing("sessions", {"mechanismKey": "hrc"}, field="number") == [43, 44, 45, 46]


async def test_session_pages(db):
    await _cat_sessions()
    order = {"field": "NUMBER", "direction": "DESC"}
    assert await pages("sessions", None, order, size=3, field="number") == [[72, 71, 70], [46, 45, 44], [43]]
    assert await pages("sessions", None, order, size=7, field="number") == [[72, 71, 70, 46, 45, 44, 43]]


# --- Session.mechanism / Mechanism.sessions --------------------------------------------------


async def test_session_mechanism_and_mechanism_sessions(db):
    await _cat_sessions()
    data = await run("""{ sessions(filter: {number: 45}) { edges { node { number startDate endDate venue
        mechanism { key acronym } } } }
      mechanisms(filter: {key: "hrc"}) { edges { node { sessions { number title } } } } }""")
    assert data["sessions"]["edges"] == [{"node": {
        "number": 45, "startDate": "2020-09-14", "endDate": "2020-10-07", "venue": "Geneva",
        "mechanism": {"key": "hrc", "acronym": "HRC"},
    }}]
    assert data["mechanisms"]["edges"][0]["node"]["sessions"] == [
        {"number": 43, "title": "الدورة الثالثة والأربعون لمجلس حقوق الإنسان"},
        {"number": 44, "title": "الدورة الرابعة والأربعون لمجلس حقوق الإنسان"},
        {"number": 45, "title": "الدورة الخامسة والأربعون لمجلس حقوق الإنسان"},
        {"number": 46, "title": "الدورة السادسة والأربعون لمجلس حقوق الإنسان"},
    ]
    cat = (await run("{ mechanisms(filter: {key: \"cat\"}) { edges { node { sessions { number } } } } }"))
    assert cat["mechanisms"]["edges"][0]["node"]["sessions"] == [{"number": 70}, {"number": 71}, {"number": 72}]


async def test_unpublished_sessions_and_mechanisms_are_hidden_from_anonymous(db):
    cat = await mechanism("cat")
    await create(m.Session, mechanism=cat, number=74, title="الدورة الرابعة والسبعون", start_date=dt.date(2022, 4, 1))
    await create(m.Session, mechanism=cat, number=75, title="الدورة الخامسة والسبعون (مسودة)",
                 workflow_state=m.WorkflowState.PENDING)
    hidden = await create(m.Mechanism, kind=m.MechanismKind.OTHER, title="آلية سرية",
                          confidential=True)
    orphan = await create(m.Session, mechanism=hidden, number=1, title="دورة آلية سرية")
    query = """query ($id: ID!) { mechanisms(filter: {key: "cat"}) { edges { node { sessions { number } } } }
      node(id: $id) { ... on Session { number mechanism { title } } } }"""
    anonymous = await run(query, {"id": gid(orphan)})
    assert anonymous["mechanisms"]["edges"][0]["node"]["sessions"] == [{"number": 74}]
    assert anonymous["node"] == {"number": 1, "mechanism": None}
    editor = await run(query, {"id": gid(orphan)}, viewer=EDITOR)
    assert editor["mechanisms"]["edges"][0]["node"]["sessions"] == [{"number": 74}, {"number": 75}]
    assert editor["node"]["mechanism"] is None  # confidential: case officers and admins only
    officer = await run(query, {"id": gid(orphan)}, viewer=as_role(Role.CASE_OFFICER))
    assert officer["node"]["mechanism"] == {"title": "آلية سرية"}
