"""`programMeasures` and `programMeasure(number:)`: every filter, every ordering both ways, pages;
ProgramMeasure.ministry/sections/items and Institution.programMeasures; AchievementItem mentions and
X.mentionedIn for every mentionable type."""

from __future__ import annotations

import datetime as dt

import pytest

from content import models as m
from schema.permissions import Role
from tests.factories import (
    at, create, gid, hrc_session, institution, listing, measure_with_items, mechanism, mention, pages, stamp,
)
from tests.schema.gqlrun import as_role, run

EDITOR = as_role(Role.EDITOR)
PRIVATE = m.WorkflowState.PRIVATE

TITLE_7 = "دعم التفاعل مع الآليات الأممية لحقوق الإنسان رقم 7"
TITLE_11 = "إعداد التقارير الوطنية وتقديمها أمام هيئات المعاهدات"
TITLE_15 = "تكوين الفاعلين في مجال حقوق الإنسان"
AXIS_1 = "المحور الأول : دعم الخيار الديموقراطي"
AXIS_2 = "المحور الثاني : تعزيز الحماية القانونية والمؤسساتية لحقوق الإنسان"
AXIS_3 = "المحور الثالث : النهوض بثقافة حقوق الإنسان 100%"


async def _measures() -> dict[str, m.ProgramMeasure]:
    made = {
        "m7": await measure_with_items(7, sections=1, items_per_section=1),
        "m11": await create(m.ProgramMeasure, number=11, title=TITLE_11, axis=AXIS_2,
                            ministry=await institution("didh"), status="في طور الإنجاز",
                            status_as_of=dt.date(2021, 6, 30)),
        "m15": await create(m.ProgramMeasure, number=15, title=TITLE_15, axis=AXIS_3),
        "m20": await create(m.ProgramMeasure, number=20, title="تدبير قيد الإعداد", axis=AXIS_3, workflow_state=PRIVATE),
    }
    for name, instant in (("m7", at(2022, 3, 1)), ("m11", at(2022, 1, 1)), ("m15", at(2022, 2, 1)),
                          ("m20", at(2022, 4, 1))):
        await stamp(made[name], modified=instant)
    return made


async def _numbers(filter=None, order=None, viewer=None) -> list[int]:
    return await listing("programMeasures", filter, order, field="number", viewer=viewer)


async def test_program_measure_filters(db):
    await _measures()
    assert await _numbers() == [7, 11, 15]
    assert await _numbers(viewer=EDITOR) == [7, 11, 15, 20]
    assert await _numbers({"number": 11}) == [11]
    assert await _numbers({"number": 20}) == []
    assert await _numbers({"number": 20}, viewer=EDITOR) == [20]
    assert await _numbers({"ministry": gid(await institution("ministry_hr_parliament"))}) == [7]
    assert await _numbers({"ministry": gid(await institution("didh"))}) == [11]
    assert await _numbers({"axisContains": "المحور الثاني"}) == [11]
    assert await _numbers({"axisContains": "حقوق الإنسان"}) == [11, 15]
    assert await _numbers({"axisContains": "الديموقراطي"}) == [7]
    assert await _numbers({"axisContains": "100%"}) == [15]
    assert await _numbers({"axisContains": "%"}) == [15]  # a literal percent sign, not a wildcard
    assert await _numbers({"axisContains": "_"}) == []
    assert await _numbers({"axisContains": ""}) == [7, 11, 15]  # empty: no filter
    assert await _numbers({"statusAsOf": {"start": "2021-05-01"}}) == [11]
    assert await _numbers({"statusAsOf": {"end": "2021-04-01"}}) == [7]
    assert await _numbers({"statusAsOf": {"start": "2021-04-01", "end": "2021-06-30"}}) == [7, 11]
    assert await _numbers({"workflowState": "PRIVATE"}, viewer=EDITOR) == [20]
    assert await _numbers({"workflowState": "PRIVATE"}) == []
    assert await _numbers({"language": "AR", "modified": {"start": "2022-02-01", "end": "2022-03-01"}}) == [7, 15]
    assert await _numbers({"language": "EN"}) == []
    assert await _numbers({"slug": TITLE_11[:50]}) == [11]


@pytest.mark.parametrize(("field", "ascending", "descending"), [
    ("NUMBER", [7, 11, 15], [15, 11, 7]),
    ("TITLE", [11, 15, 7], [7, 15, 11]),  # إ ت د
    ("STATUS_AS_OF", [7, 11, 15], [11, 7, 15]),  # no date: last either way
    ("MODIFIED", [11, 15, 7], [7, 15, 11]),
])
async def test_program_measure_ordering(db, field, ascending, descending):
    await _measures()
    assert await _numbers(None, {"field": field, "direction": "ASC"}) == ascending
    assert await _numbers(None, {"field": field, "direction": "DESC"}) == descending


async def test_program_measure_pages(db):
    await _measures()
    assert await pages("programMeasures", None, None, size=2, field="number") == [[7, 11], [15]]
    assert await pages("programMeasures", None, {"field": "NUMBER", "direction": "DESC"}, size=2, field="number",
                       viewer=EDITOR) == [[20, 15], [11, 7]]


async def test_program_measure_by_number(db):
    await _measures()
    query = """query ($n: Int!) { programMeasure(number: $n) { number name axis status statusAsOf
        descriptionItems objectives ministry { key } } }"""
    assert (await run(query, {"n": 7}))["programMeasure"] == {
        "number": 7, "name": TITLE_7, "axis": AXIS_1, "status": "إجراء ذو طبيعة مستمرة", "statusAsOf": "2021-04-01",
        "descriptionItems": ["التفاعل مع هيئات المعاهدات"], "objectives": ["الوفاء بالالتزامات الدولية"],
        "ministry": {"key": "ministry_hr_parliament"},
    }
    assert (await run(query, {"n": 15}))["programMeasure"]["ministry"] is None
    assert (await run(query, {"n": 20}))["programMeasure"] is None
    assert (await run(query, {"n": 20}, viewer=EDITOR))["programMeasure"]["name"] == "تدبير قيد الإعداد"
    assert (await run(query, {"n": 999}))["programMeasure"] is None


# --- ProgramMeasure.ministry/sections/items, Institution.programMeasures ---------------------


async def test_measure_ministry_sections_and_items_both_ways(db):
    await measure_with_items(3)
    await measure_with_items(9, state=PRIVATE)
    await create(m.ProgramMeasure, number=5, title="تدبير وزارة أخرى", ministry=await institution("didh"))
    data = await run("""{ programMeasure(number: 3) { ministry { key programMeasures { number } }
        sections { number title position items { position title section { number } measure { number } } }
        items { position kind title section { title } } }
      institutions(filter: {key: "ministry_hr_parliament"}) { edges { node { programMeasures { number name } } } } }""")
    measure = data["programMeasure"]
    assert measure["ministry"] == {"key": "ministry_hr_parliament", "programMeasures": [{"number": 3}]}
    assert measure["sections"] == [
        {"number": 1, "title": "القسم 1", "position": 1, "items": [
            {"position": 1, "title": "إنجاز 1", "section": {"number": 1}, "measure": {"number": 3}},
            {"position": 2, "title": "إنجاز 2", "section": {"number": 1}, "measure": {"number": 3}}]},
        {"number": 2, "title": "القسم 2", "position": 2, "items": [
            {"position": 3, "title": "إنجاز 3", "section": {"number": 2}, "measure": {"number": 3}},
            {"position": 4, "title": "إنجاز 4", "section": {"number": 2}, "measure": {"number": 3}}]},
    ]
    assert measure["items"] == [
        {"position": p, "kind": "BULLET", "title": f"إنجاز {p}", "section": {"title": f"القسم {(p + 1) // 2}"}}
        for p in (1, 2, 3, 4)
    ]
    # The private measure 9 shares the ministry: hidden from anonymous callers.
    assert data["institutions"]["edges"][0]["node"]["programMeasures"] == [
        {"number": 3, "name": "دعم التفاعل مع الآليات الأممية لحقوق الإنسان رقم 3"}
    ]
    editor = await run("""{ institutions(filter: {key: "ministry_hr_parliament"}) {
        edges { node { programMeasures { number } } } } }""", viewer=EDITOR)
    assert editor["institutions"]["edges"][0]["node"]["programMeasures"] == [{"number": 3}, {"number": 9}]


async def test_hidden_ministry_and_items_of_a_measure(db):
    hidden_ministry = await create(m.Institution, kind=m.InstitutionKind.MINISTRY, title="وزارة لم تنشر بطاقتها",
                                   workflow_state=PRIVATE)
    measure = await create(m.ProgramMeasure, number=30, title="تدبير منشور", ministry=hidden_ministry)
    section = await m.MeasureSection.create(measure=measure, position=1, number=1, title="الإنجازات")
    for position, state in ((1, m.WorkflowState.PUBLISHED), (2, m.WorkflowState.PENDING)):
        await create(m.AchievementItem, measure=measure, section=section, position=position,
                     title=f"إنجاز {position}", workflow_state=state)
    query = "{ programMeasure(number: 30) { ministry { title } items { position } sections { items { position } } } }"
    assert (await run(query))["programMeasure"] == {
        "ministry": None, "items": [{"position": 1}], "sections": [{"items": [{"position": 1}]}],
    }
    assert (await run(query, viewer=EDITOR))["programMeasure"] == {
        "ministry": {"title": "وزارة لم تنشر بطاقتها"},
        "items": [{"position": 1}, {"position": 2}], "sections": [{"items": [{"position": 1}, {"position": 2}]}],
    }
    hidden = await run("query ($i: ID!) { node(id: $i) { ... on Institution { programMeasures { number } } } }",
                       {"i": gid(hidden_ministry)})
    assert hidden["node"] is None


# --- mentions: AchievementItem → targets, and X.mentionedIn ---------------------------------

ITEM = """query ($i: ID!) { node(id: $i) { ... on AchievementItem {
  mechanisms { key } sessions { number } institutions { key } documents { title } events { title }
  informationRequests { topic } ngoInteractions { title } parliamentaryPresentations { subject }
  mentions { targetType sentence alias node { __typename ... on Content { title } } } } } }"""

SENTENCE = ("تقديم التقرير الوطني الخامس حول إعمال اتفاقية مناهضة التعذيب خلال الدورة السادسة والأربعين "
            "لمجلس حقوق الإنسان، وتنظيم فعالية موازية بشراكة مع مبادرة اتفاقية مناهضة التعذيب")


async def _mentioning_item():
    """An item that mentions one record of every mentionable type (and a hidden document)."""
    cat, hrc46, didh = await mechanism("cat"), await hrc_session(46), await institution("didh")
    targets = {
        "mechanism": cat, "session": hrc46, "institution": didh,
        "document": await create(m.Document, kind=m.DocumentKind.NATIONAL_REPORT, mechanism=cat,
                                 title="التقرير الوطني الخامس حول إعمال اتفاقية مناهضة التعذيب"),
        "hidden_document": await create(m.Document, kind=m.DocumentKind.OTHER, title="مذكرة داخلية غير منشورة",
                                        workflow_state=PRIVATE),
        "recommendation": await create(m.Recommendation, mechanism=await mechanism("upr"),
                                       title="مواصلة التعاون مع آليات الأمم المتحدة", recommending_state="تونس"),
        "event": await create(m.Event, kind=m.EventKind.SIDE_EVENT, session=hrc46,
                              title="فعالية موازية حول مبادرة اتفاقية مناهضة التعذيب"),
        "request": await create(m.InformationRequest, title="استبيان حول الآليات الوطنية للوقاية من التعذيب"),
        "ngo": await create(m.NgoInteraction, organisation=await institution("amnesty"),
                            kind=m.NgoInteractionKind.REPORT, title="تقرير منظمة العفو الدولية السنوي"),
        "presentation": await create(m.ParliamentaryPresentation, chamber=await institution("house_of_representatives"),
                                     committee=await institution("hor_justice_committee"), date=dt.date(2020, 7, 15),
                                     title="عرض أمام لجنة العدل والتشريع وحقوق الإنسان بمجلس النواب"),
    }
    measure = await create(m.ProgramMeasure, number=40, title="تتبع تنفيذ التوصيات", axis=AXIS_2)
    section = await m.MeasureSection.create(measure=measure, position=1, number=1, title="الإنجازات")
    item = await create(m.AchievementItem, measure=measure, section=section, position=1, title="إنجاز مركب",
                        body=SENTENCE, kind=m.AchievementItemKind.PARAGRAPH)
    for target in targets.values():
        await mention(item, target, sentence=SENTENCE, alias=target.title[:40])
    return item, targets


async def test_achievement_item_mentions_every_type(db):
    item, targets = await _mentioning_item()
    data = (await run(ITEM, {"i": gid(item)}))["node"]
    assert data["mechanisms"] == [{"key": "cat"}]
    assert data["sessions"] == [{"number": 46}]
    assert data["institutions"] == [{"key": "didh"}]
    assert data["documents"] == [{"title": "التقرير الوطني الخامس حول إعمال اتفاقية مناهضة التعذيب"}]
    assert data["events"] == [{"title": "فعالية موازية حول مبادرة اتفاقية مناهضة التعذيب"}]
    assert data["informationRequests"] == [{"topic": "استبيان حول الآليات الوطنية للوقاية من التعذيب"}]
    assert data["ngoInteractions"] == [{"title": "تقرير منظمة العفو الدولية السنوي"}]
    assert data["parliamentaryPresentations"] == [{"subject": "عرض أمام لجنة العدل والتشريع وحقوق الإنسان بمجلس النواب"}]
    # The mention of the private document is left out: it would tell that such a document exists.
    assert [x["targetType"] for x in data["mentions"]] == [
        "Mechanism", "Session", "Institution", "Document", "Recommendation", "Event",
        "InformationRequest", "NgoInteraction", "ParliamentaryPresentation",
    ]
    assert {x["sentence"] for x in data["mentions"]} == {SENTENCE}
    assert data["mentions"][0]["alias"] == "لجنة مناهضة التعذيب"
    nodes = [x["node"] for x in data["mentions"]]
    assert nodes[3] == {"__typename": "Document", "title": "التقرير الوطني الخامس حول إعمال اتفاقية مناهضة التعذيب"}
    assert None not in nodes
    assert nodes[4] == {"__typename": "Recommendation", "title": "مواصلة التعاون مع آليات الأمم المتحدة"}
    editor = (await run(ITEM, {"i": gid(item)}, viewer=EDITOR))["node"]
    assert [d["title"] for d in editor["documents"]] == [
        "التقرير الوطني الخامس حول إعمال اتفاقية مناهضة التعذيب", "مذكرة داخلية غير منشورة"
    ]
    assert editor["mentions"][4]["node"] == {"__typename": "Document", "title": "مذكرة داخلية غير منشورة"}


MENTIONED_IN = """query ($id: ID!) { node(id: $id) {
  ... on Mechanism { mentionedIn { title measure { number } } }
  ... on Session { mentionedIn { title measure { number } } }
  ... on Institution { mentionedIn { title measure { number } } }
  ... on Document { mentionedIn { title measure { number } } }
  ... on Recommendation { mentionedIn { title measure { number } } }
  ... on Event { mentionedIn { title measure { number } } }
  ... on InformationRequest { mentionedIn { title measure { number } } }
  ... on NgoInteraction { mentionedIn { title measure { number } } }
  ... on ParliamentaryPresentation { mentionedIn { title measure { number } } } } }"""


async def test_every_mentionable_type_lists_the_items_mentioning_it(db):
    item, targets = await _mentioning_item()
    hidden_item = await create(m.AchievementItem, measure_id=item.measure_id, section_id=item.section_id, position=2,
                               title="إنجاز غير منشور", workflow_state=PRIVATE)
    for target in targets.values():
        await mention(hidden_item, target)
    expected = [{"title": "إنجاز مركب", "measure": {"number": 40}}]
    wrong = {}
    for name, target in targets.items():
        anonymous = (await run(MENTIONED_IN, {"id": gid(target)}))["node"]
        editor = (await run(MENTIONED_IN, {"id": gid(target)}, viewer=EDITOR))["node"]
        if name == "hidden_document":
            if anonymous is not None or editor["mentionedIn"] != expected + [
                {"title": "إنجاز غير منشور", "measure": {"number": 40}}
            ]:
                wrong[name] = (anonymous, editor)
            continue
        if anonymous != {"mentionedIn": expected}:
            wrong[name] = anonymous
        if [x["title"] for x in editor["mentionedIn"]] != ["إنجاز مركب", "إنجاز غير منشور"]:
            wrong[f"{name} (editor)"] = editor
    assert not wrong, wrong


async def test_mentions_from_the_measure_factory(db):
    await measure_with_items(12, sections=1, items_per_section=2)
    data = await run("""{ programMeasure(number: 12) { items { position mechanisms { key } sessions { number }
        institutions { key } mentions { targetType alias } } }
      mechanisms(filter: {key: "cat"}) { edges { node { mentionedIn { position } } } } }""")
    for item in data["programMeasure"]["items"]:
        assert item["mechanisms"] == [{"key": "cat"}, {"key": "hrc"}]
        assert item["sessions"] == [{"number": 46}]
        assert item["institutions"] == [{"key": "ministry_hr_parliament"}]
        assert [x["targetType"] for x in item["mentions"]] == ["Mechanism", "Mechanism", "Session", "Institution"]
    assert data["mechanisms"]["edges"][0]["node"]["mentionedIn"] == [{"position": 1}, {"position": 2}]


async def test_items_of_an_unpublished_measure_are_not_listed_in_mentioned_in(db):
    measure = await create(m.ProgramMeasure, number=50, title="تدبير سحب من النشر", workflow_state=PRIVATE)
    section = await m.MeasureSection.create(measure=measure, position=1, number=1, title="الإنجازات")
    item = await create(m.AchievementItem, measure=measure, section=section, position=1, title="إنجاز منشور")
    await mention(item, await mechanism("spt"))
    data = await run(MENTIONED_IN, {"id": gid(await mechanism("spt"))})
    assert data["node"]["mentionedIn"] == []


async def test_hidden_targets_are_left_out_of_every_mention_list(db):
    hidden = {"workflow_state": m.WorkflowState.PENDING}
    cat = await mechanism("cat")
    targets = [
        await create(m.Mechanism, kind=m.MechanismKind.OTHER, title="آلية قيد الإحداث", **hidden),
        await create(m.Session, mechanism=cat, number=90, title="الدورة التسعون (مسودة)", **hidden),
        await create(m.Institution, kind=m.InstitutionKind.OTHER, title="هيئة سرية", confidential=True),
        await create(m.Event, kind=m.EventKind.MEETING, title="اجتماع مغلق", **hidden),
        await create(m.InformationRequest, title="استبيان لم ينشر", **hidden),
        await create(m.NgoInteraction, organisation=await institution("hrw"), kind=m.NgoInteractionKind.ALLEGATION,
                     title="ادعاء قيد الدراسة", **hidden),
        await create(m.ParliamentaryPresentation, chamber=await institution("house_of_councillors"),
                     title="عرض لم ينشر", **hidden),
    ]
    measure = await create(m.ProgramMeasure, number=41, title="تدبير للاختبار", axis=AXIS_2)
    section = await m.MeasureSection.create(measure=measure, position=1, number=1, title="الإنجازات")
    item = await create(m.AchievementItem, measure=measure, section=section, position=1, title="إنجاز", body=SENTENCE)
    for target in targets:
        await mention(item, target)
    lists = ("mechanisms", "sessions", "institutions", "documents", "events", "informationRequests",
             "ngoInteractions", "parliamentaryPresentations")
    anonymous = (await run(ITEM, {"i": gid(item)}))["node"]
    assert {name: anonymous[name] for name in lists} == {name: [] for name in lists}
    assert anonymous["mentions"] == []  # not even the types and aliases of what is hidden
    editor = (await run(ITEM, {"i": gid(item)}, viewer=EDITOR))["node"]
    assert [len(editor[name]) for name in lists] == [1, 1, 0, 0, 1, 1, 1, 1]  # the institution is confidential
    assert [x["targetType"] for x in editor["mentions"]] == [
        "Mechanism", "Session", "Event", "InformationRequest", "NgoInteraction", "ParliamentaryPresentation"]
