"""`communications` (case officers), `informationRequests`, `ngoInteractions`, `parliamentaryPresentations`
and `events`: every filter, every ordering both ways, pages, and both sides of every relation."""

from __future__ import annotations

import datetime as dt

from content import models as m
from schema.permissions import Role
from tests.factories import (
    at, create, gid, hrc_session, institution, listing, mechanism, pages, stamp,
)
from tests.schema.gqlrun import as_role, run

EDITOR = as_role(Role.EDITOR)
OFFICER = as_role(Role.CASE_OFFICER)
PRIVATE = m.WorkflowState.PRIVATE


def _labeller(items: dict[str, m.ContentItem], connection: str, viewer=None):
    by_title = {item.title: name for name, item in items.items()}

    async def labels(filter=None, order=None, who=None) -> list[str]:
        return [by_title[t] for t in await listing(connection, filter, order, viewer=who or viewer)]

    return labels


async def _check_orderings(labels, scope, cases) -> None:
    """Every (field, ascending, descending) case; all mismatches reported at once."""
    wrong = []
    for field, ascending, descending in cases:
        for direction, expected in (("ASC", ascending), ("DESC", descending)):
            got = await labels(scope, {"field": field, "direction": direction})
            if got != expected:
                wrong.append((field, direction, got, expected))
    assert not wrong, wrong


async def _stamp_all(items, modified: dict[str, dt.datetime]) -> None:
    for name, instant in modified.items():
        await stamp(items[name], modified=instant)


# --- communications (confidential: case officers) --------------------------------------------


async def _communications() -> dict[str, m.Communication]:
    cat, wgad, hrds = [await mechanism(k) for k in ("cat", "wg_arbitrary_detention", "sr_hrds")]
    CS = m.CommunicationStatus
    items = {
        "c1": await create(m.Communication, mechanism=cat, reference="CAT/2021/17",
                           title="بلاغ فردي بشأن ادعاءات التعرض لسوء المعاملة أثناء الاحتجاز",
                           received_date=dt.date(2021, 2, 3), replied_date=dt.date(2021, 5, 10),
                           allegation_category="سوء المعاملة", status=CS.REPLIED, created=at(2021, 2, 4)),
        "c2": await create(m.Communication, mechanism=wgad, reference="WGAD/MAR/2020/3",
                           title="نداء عاجل بشأن الاحتجاز التعسفي لصحفي", received_date=dt.date(2020, 11, 20),
                           allegation_category="الاحتجاز التعسفي", status=CS.UNDER_REVIEW, created=at(2020, 11, 21)),
        "c3": await create(m.Communication, mechanism=hrds, reference="AL MAR 4/2021",
                           title="رسالة ادعاء بشأن وضع مدافعة عن حقوق الإنسان", received_date=dt.date(2021, 6, 1),
                           allegation_category="المدافعون عن حقوق الإنسان", created=at(2021, 6, 2)),
        "c4": await create(m.Communication, mechanism=cat, reference="CAT/2019/2",
                           title="شكوى فردية حفظت بعد التسوية", status=CS.CLOSED,
                           workflow_state=m.WorkflowState.ARCHIVED, created=at(2019, 3, 1)),
    }
    await _stamp_all(items, {"c1": at(2022, 1, 1), "c2": at(2021, 1, 1), "c3": at(2021, 7, 1), "c4": at(2023, 1, 1)})
    return items


async def test_communication_filters(db):
    items = await _communications()
    labels = _labeller(items, "communications", OFFICER)
    assert await labels() == ["c3", "c1", "c2", "c4"]  # most recently received first, undated last
    assert await labels({"mechanismKey": "cat"}) == ["c1", "c4"]
    assert await labels({"mechanism": gid(await mechanism("wg_arbitrary_detention"))}) == ["c2"]
    assert await labels({"status": "REPLIED"}) == ["c1"]
    assert await labels({"status": "RECEIVED"}) == ["c3"]
    assert await labels({"received": {"start": "2021-01-01"}}) == ["c3", "c1"]
    assert await labels({"received": {"end": "2020-11-20"}}) == ["c2"]
    assert await labels({"received": {"start": "2021-02-03", "end": "2021-02-03"}}) == ["c1"]
    assert await labels({"allegationCategory": "الاحتجاز التعسفي"}) == ["c2"]
    assert await labels({"workflowState": "ARCHIVED"}) == ["c4"]
    assert await labels({"language": "AR", "status": "CLOSED"}) == ["c4"]
    assert await labels({"language": "EN"}) == []
    assert await labels({"modified": {"start": "2021-12-31", "end": "2022-01-01"}}) == ["c1"]
    assert await labels({"slug": items["c2"].slug}) == ["c2"]
    for role in (Role.ANONYMOUS, Role.EDITOR, Role.REVIEWER):
        assert await labels({"mechanismKey": "cat"}, who=as_role(role)) == []


async def test_communication_ordering_and_pages(db):
    items = await _communications()
    labels = _labeller(items, "communications", OFFICER)
    await _check_orderings(labels, None, [
        ("RECEIVED_DATE", ["c2", "c1", "c3", "c4"], ["c3", "c1", "c2", "c4"]),
        ("TITLE", ["c1", "c3", "c4", "c2"], ["c2", "c4", "c3", "c1"]),  # ب ر ش ن
        ("CREATED", ["c4", "c2", "c1", "c3"], ["c3", "c1", "c2", "c4"]),
        ("MODIFIED", ["c2", "c3", "c1", "c4"], ["c4", "c1", "c3", "c2"]),
    ])
    titles = {name: item.title for name, item in items.items()}
    assert await pages("communications", None, None, size=3, viewer=OFFICER) == [
        [titles["c3"], titles["c1"], titles["c2"]], [titles["c4"]]
    ]


async def test_communication_mechanism_both_ways(db):
    items = await _communications()
    query = """query ($c: ID!) { node(id: $c) { ... on Communication { reference mechanism { key } } }
      mechanisms(filter: {key: "cat"}) { edges { node { communications { reference status receivedDate } } } } }"""
    data = await run(query, {"c": gid(items["c2"])}, viewer=OFFICER)
    assert data["node"] == {"reference": "WGAD/MAR/2020/3", "mechanism": {"key": "wg_arbitrary_detention"}}
    assert data["mechanisms"]["edges"][0]["node"]["communications"] == [
        {"reference": "CAT/2019/2", "status": "CLOSED", "receivedDate": None},
        {"reference": "CAT/2021/17", "status": "REPLIED", "receivedDate": "2021-02-03"},
    ]
    for role in (Role.ANONYMOUS, Role.EDITOR):
        hidden = await run(query, {"c": gid(items["c2"])}, viewer=as_role(role))
        assert hidden["node"] is None
        assert hidden["mechanisms"]["edges"][0]["node"]["communications"] == []
    secret_mechanism = await create(m.Mechanism, kind=m.MechanismKind.OTHER, title="آلية غير منشورة",
                                    workflow_state=PRIVATE)
    orphan = await create(m.Communication, mechanism=secret_mechanism, reference="X/1", title="بلاغ لآلية غير منشورة")
    # Case officers read unpublished records too: the private mechanism is there for them.
    assert (await run(query, {"c": gid(orphan)}, viewer=OFFICER))["node"]["mechanism"] == {"key": None}


# --- information requests --------------------------------------------------------------------

IR1 = "استبيان المقرر الخاص المعني بالحق في التعليم حول التعليم عن بعد خلال الجائحة"
IR2 = "دعوة لتقديم مساهمات بشأن حقوق الإنسان وتغير المناخ"
IR3 = "طلب معلومات من المفوضية السامية بشأن تنفيذ قرار مجلس حقوق الإنسان 43/1"
IR4 = "استبيان قيد الإعداد"


async def _information_requests() -> dict[str, m.InformationRequest]:
    K = m.InformationRequestKind
    items = {
        "i1": await create(m.InformationRequest, kind=K.QUESTIONNAIRE, title=IR1, received_date=dt.date(2020, 5, 4),
                           deadline=dt.date(2020, 6, 15), replied_date=dt.date(2020, 6, 10), created=at(2020, 5, 5)),
        "i2": await create(m.InformationRequest, kind=K.CALL_FOR_INPUT, title=IR2, received_date=dt.date(2021, 3, 1),
                           deadline=dt.date(2021, 4, 30), created=at(2021, 3, 2)),
        "i3": await create(m.InformationRequest, kind=K.REQUEST_FOR_INFORMATION, title=IR3, item_count=3,
                           received_date=dt.date(2020, 7, 1), deadline=dt.date(2020, 8, 15), created=at(2020, 7, 2)),
        "i4": await create(m.InformationRequest, kind=K.QUESTIONNAIRE, title=IR4, workflow_state=PRIVATE,
                           created=at(2021, 9, 1)),
    }
    for name, keys in [("i1", ["sr_education"]), ("i2", ["sr_environment", "ohchr"]),
                       ("i3", ["ohchr", "hrc"]), ("i4", ["sr_education"])]:
        for key in keys:
            await m.InformationRequestMechanism.create(information_request=items[name], mechanism=await mechanism(key))
    await _stamp_all(items, {"i1": at(2021, 1, 3), "i2": at(2021, 1, 1), "i3": at(2021, 1, 2), "i4": at(2021, 9, 1)})
    return items


async def test_information_request_filters(db):
    items = await _information_requests()
    labels = _labeller(items, "informationRequests")
    assert await labels({"kind": "QUESTIONNAIRE"}) == ["i1"]
    assert await labels({"kind": "QUESTIONNAIRE"}, who=EDITOR) == ["i1", "i4"]  # undated last
    assert await labels({"kind": "CALL_FOR_INPUT"}) == ["i2"]
    assert await labels({"mechanismKey": "ohchr"}) == ["i2", "i3"]
    assert await labels({"mechanism": gid(await mechanism("sr_education"))}) == ["i1"]
    assert await labels({"mechanism": gid(await mechanism("hrc")), "kind": "REQUEST_FOR_INFORMATION"}) == ["i3"]
    assert await labels({"mechanismKey": "cat"}) == []
    assert await labels({"received": {"start": "2020-06-01", "end": "2020-12-31"}}) == ["i3"]
    assert await labels({"deadline": {"end": "2020-06-15"}}) == ["i1"]
    assert await labels({"deadline": {"start": "2020-08-15"}}) == ["i2", "i3"]
    assert await labels({"workflowState": "PRIVATE"}, who=EDITOR) == ["i4"]
    assert await labels({"workflowState": "PRIVATE"}) == []
    assert await labels({"language": "AR", "modified": {"start": "2021-01-02", "end": "2021-01-03"}}) == ["i3", "i1"]
    assert await labels({"slug": items["i3"].slug}) == ["i3"]


async def test_information_request_ordering_and_pages(db):
    items = await _information_requests()
    labels = _labeller(items, "informationRequests")
    await _check_orderings(labels, None, [
        ("RECEIVED_DATE", ["i1", "i3", "i2"], ["i2", "i3", "i1"]),
        ("TITLE", ["i1", "i2", "i3"], ["i3", "i2", "i1"]),  # ا د ط
        ("CREATED", ["i1", "i3", "i2"], ["i2", "i3", "i1"]),
        ("MODIFIED", ["i2", "i3", "i1"], ["i1", "i3", "i2"]),
    ])
    assert await pages("informationRequests", None, None, size=2) == [[IR2, IR3], [IR1]]
    assert await pages("informationRequests", None, None, size=2, viewer=EDITOR) == [[IR2, IR3], [IR1, IR4]]


async def test_information_request_mechanisms_both_ways(db):
    items = await _information_requests()
    data = await run("""query ($i: ID!) { node(id: $i) { ... on InformationRequest { topic itemCount kind
        receivedDate deadline repliedDate mechanisms { key } } }
      mechanisms(filter: {key: "ohchr"}) { edges { node { informationRequests { topic } } } } }""",
        {"i": gid(items["i3"])})
    assert data["node"] == {"topic": IR3, "itemCount": 3, "kind": "REQUEST_FOR_INFORMATION",
                            "receivedDate": "2020-07-01", "deadline": "2020-08-15", "repliedDate": None,
                            "mechanisms": [{"key": "ohchr"}, {"key": "hrc"}]}
    assert data["mechanisms"]["edges"][0]["node"]["informationRequests"] == [{"topic": IR2}, {"topic": IR3}]
    hidden_mechanism = await create(m.Mechanism, kind=m.MechanismKind.OTHER, title="مقرر خاص لم يعلن بعد",
                                    workflow_state=m.WorkflowState.PENDING)
    await m.InformationRequestMechanism.create(information_request=items["i1"], mechanism=hidden_mechanism)
    query = """query ($i: ID!, $m: ID!) { i: node(id: $i) { ... on InformationRequest { mechanisms { title } } }
      m: node(id: $m) { ... on Mechanism { informationRequests { topic } } } }"""
    variables = {"i": gid(items["i1"]), "m": gid(await mechanism("sr_education"))}
    anonymous = await run(query, variables)
    assert anonymous["i"]["mechanisms"] == [{"title": "المقرر الخاص المعني بالحق في التعليم"}]
    assert anonymous["m"]["informationRequests"] == [{"topic": IR1}]
    editor = await run(query, variables, viewer=EDITOR)
    assert editor["i"]["mechanisms"] == [{"title": "المقرر الخاص المعني بالحق في التعليم"},
                                         {"title": "مقرر خاص لم يعلن بعد"}]
    assert editor["m"]["informationRequests"] == [{"topic": IR1}, {"topic": IR4}]


# --- NGO interactions ------------------------------------------------------------------------

N1 = "تقرير منظمة العفو الدولية حول أوضاع حقوق الإنسان في المغرب 2020/2021"
N2 = "ادعاءات بشأن مراقبة صحفيين ببرمجيات تجسس"
N3 = "تقرير هيومن رايتس ووتش العالمي 2021: المغرب"
N4 = "طلب معلومات حول وضعية مدافع عن حقوق الإنسان"
REPLY = "رد المندوبية الوزارية المكلفة بحقوق الإنسان على تقرير منظمة العفو الدولية"


async def _ngo_interactions() -> dict[str, m.NgoInteraction]:
    K = m.NgoInteractionKind
    amnesty, hrw, fld = [await institution(k) for k in ("amnesty", "hrw", "front_line_defenders")]
    reply = await create(m.Document, kind=m.DocumentKind.NGO_REPORT_REPLY, title=REPLY)
    items = {
        "n1": await create(m.NgoInteraction, organisation=amnesty, kind=K.REPORT, title=N1,
                           received_date=dt.date(2021, 4, 7), response_document=reply, created=at(2021, 4, 8)),
        "n2": await create(m.NgoInteraction, organisation=amnesty, kind=K.ALLEGATION, title=N2,
                           received_date=dt.date(2021, 7, 18), created=at(2021, 7, 19)),
        "n3": await create(m.NgoInteraction, organisation=hrw, kind=K.REPORT, title=N3,
                           received_date=dt.date(2021, 1, 13), response_document=reply, created=at(2021, 1, 14)),
        "n4": await create(m.NgoInteraction, organisation=fld, kind=K.INFORMATION_REQUEST, title=N4,
                           created=at(2020, 12, 1)),
    }
    await _stamp_all(items, {"n1": at(2021, 5, 1), "n2": at(2021, 8, 1), "n3": at(2021, 9, 1), "n4": at(2021, 2, 1)})
    return items


async def test_ngo_interaction_filters(db):
    items = await _ngo_interactions()
    await create(m.NgoInteraction, organisation=await institution("amnesty"), kind=m.NgoInteractionKind.REPORT,
                 title="مسودة رد على منظمة العفو الدولية", workflow_state=PRIVATE)
    labels = _labeller(items, "ngoInteractions")
    assert await labels() == ["n2", "n1", "n3", "n4"]
    assert await labels({"kind": "REPORT"}) == ["n1", "n3"]
    assert await labels({"kind": "ALLEGATION"}) == ["n2"]
    assert await labels({"kind": "INFORMATION_REQUEST"}) == ["n4"]
    assert await labels({"organisationKey": "amnesty"}) == ["n2", "n1"]
    assert await labels({"organisation": gid(await institution("hrw"))}) == ["n3"]
    assert await labels({"organisationKey": "amnesty", "kind": "REPORT"}) == ["n1"]
    assert await labels({"received": {"start": "2021-04-07", "end": "2021-07-17"}}) == ["n1"]
    assert await labels({"received": {"end": "2021-04-06"}}) == ["n3"]
    assert await listing("ngoInteractions", {"workflowState": "PRIVATE"}, viewer=EDITOR) == [
        "مسودة رد على منظمة العفو الدولية"
    ]
    assert await labels({"workflowState": "PRIVATE"}) == []
    assert await labels({"modified": {"start": "2021-08-01"}}) == ["n2", "n3"]
    assert await labels({"language": "FR"}) == []
    assert await labels({"slug": items["n4"].slug}) == ["n4"]


async def test_ngo_interaction_ordering_and_pages(db):
    items = await _ngo_interactions()
    labels = _labeller(items, "ngoInteractions")
    await _check_orderings(labels, None, [
        ("RECEIVED_DATE", ["n3", "n1", "n2", "n4"], ["n2", "n1", "n3", "n4"]),
        ("TITLE", ["n2", "n1", "n3", "n4"], ["n4", "n3", "n1", "n2"]),
        ("CREATED", ["n4", "n3", "n1", "n2"], ["n2", "n1", "n3", "n4"]),
        ("MODIFIED", ["n4", "n1", "n2", "n3"], ["n3", "n2", "n1", "n4"]),
    ])
    assert await pages("ngoInteractions", None, {"field": "TITLE", "direction": "ASC"}, size=3) == [[N2, N1, N3], [N4]]


async def test_ngo_interaction_organisation_and_response_document_both_ways(db):
    items = await _ngo_interactions()
    data = await run("""query ($n: ID!) {
      node(id: $n) { ... on NgoInteraction { kind receivedDate organisation { key title } responseDocument { title kind } } }
      institutions(filter: {key: "amnesty"}) { edges { node { ngoInteractions { title kind } } } }
      documents(filter: {kind: NGO_REPORT_REPLY}) { edges { node { ngoInteractions { title organisation { key } } } } } }""",
        {"n": gid(items["n1"])})
    assert data["node"] == {"kind": "REPORT", "receivedDate": "2021-04-07",
                            "organisation": {"key": "amnesty", "title": "منظمة العفو الدولية"},
                            "responseDocument": {"title": REPLY, "kind": "NGO_REPORT_REPLY"}}
    assert data["institutions"]["edges"][0]["node"]["ngoInteractions"] == [
        {"title": N1, "kind": "REPORT"}, {"title": N2, "kind": "ALLEGATION"}
    ]
    assert data["documents"]["edges"][0]["node"]["ngoInteractions"] == [
        {"title": N3, "organisation": {"key": "hrw"}}, {"title": N1, "organisation": {"key": "amnesty"}}
    ]
    none = await run("query ($n: ID!) { node(id: $n) { ... on NgoInteraction { responseDocument { title } } } }",
                     {"n": gid(items["n2"])})
    assert none["node"] == {"responseDocument": None}


async def test_hidden_targets_of_ngo_interaction_relations(db):
    amnesty = await institution("amnesty")
    draft_reply = await create(m.Document, kind=m.DocumentKind.NGO_REPORT_REPLY, title="مسودة الرد",
                               workflow_state=PRIVATE)
    hidden_ngo = await create(m.Institution, kind=m.InstitutionKind.NGO, title="جمعية لم تنشر بطاقتها",
                              workflow_state=m.WorkflowState.PENDING)
    visible = await create(m.NgoInteraction, organisation=hidden_ngo, kind=m.NgoInteractionKind.REPORT,
                           title="تقرير جمعية محلية", response_document=draft_reply)
    await create(m.NgoInteraction, organisation=amnesty, kind=m.NgoInteractionKind.REPORT,
                 title="تقرير لم ينشر بعد", response_document=draft_reply, workflow_state=PRIVATE)
    query = """query ($n: ID!, $a: ID!, $d: ID!) {
      n: node(id: $n) { ... on NgoInteraction { organisation { title } responseDocument { title } } }
      a: node(id: $a) { ... on Institution { ngoInteractions { title } } }
      d: node(id: $d) { ... on Document { ngoInteractions { title } } } }"""
    variables = {"n": gid(visible), "a": gid(amnesty), "d": gid(draft_reply)}
    anonymous = await run(query, variables)
    assert anonymous == {"n": {"organisation": None, "responseDocument": None}, "a": {"ngoInteractions": []},
                         "d": None}
    editor = await run(query, variables, viewer=EDITOR)
    assert editor["n"] == {"organisation": {"title": "جمعية لم تنشر بطاقتها"}, "responseDocument": {"title": "مسودة الرد"}}
    assert editor["a"]["ngoInteractions"] == [{"title": "تقرير لم ينشر بعد"}]
    assert editor["d"]["ngoInteractions"] == [{"title": "تقرير جمعية محلية"}, {"title": "تقرير لم ينشر بعد"}]
    # A published reply lists only the published interactions it answers.
    public_reply = await create(m.Document, kind=m.DocumentKind.NGO_REPORT_REPLY, title="رد منشور")
    for state, title in ((m.WorkflowState.PUBLISHED, "تقرير منشور"), (PRIVATE, "تقرير خاص")):
        await create(m.NgoInteraction, organisation=amnesty, kind=m.NgoInteractionKind.REPORT, title=title,
                     response_document=public_reply, workflow_state=state)
    reply = await run("query ($d: ID!) { node(id: $d) { ... on Document { ngoInteractions { title } } } }",
                      {"d": gid(public_reply)})
    assert reply["node"]["ngoInteractions"] == [{"title": "تقرير منشور"}]


# --- parliamentary presentations -------------------------------------------------------------

P1 = "تقديم حصيلة التفاعل مع آليات الأمم المتحدة لحقوق الإنسان أمام لجنة العدل والتشريع وحقوق الإنسان بمجلس النواب"
P2 = "عرض حول خطة العمل الوطنية في مجال الديمقراطية وحقوق الإنسان أمام لجنة العدل والتشريع وحقوق الإنسان بمجلس المستشارين"
P3 = "جواب على سؤال شفوي حول تفاعل المملكة مع الاستعراض الدوري الشامل"
P4 = "ورقة تقديمية حول التقرير الوطني"
MINISTER = "وزير الدولة المكلف بحقوق الإنسان والعلاقات مع البرلمان"


async def _presentations() -> dict[str, m.ParliamentaryPresentation]:
    hor, hoc = await institution("house_of_representatives"), await institution("house_of_councillors")
    hor_committee, hoc_committee = await institution("hor_justice_committee"), await institution("hoc_justice_committee")
    items = {
        "p1": await create(m.ParliamentaryPresentation, chamber=hor, committee=hor_committee, title=P1,
                           date=dt.date(2020, 7, 15), presenter_role=MINISTER, created=at(2020, 7, 16)),
        "p2": await create(m.ParliamentaryPresentation, chamber=hoc, committee=hoc_committee, title=P2,
                           date=dt.date(2021, 1, 26), presenter_role=MINISTER, created=at(2021, 1, 27)),
        "p3": await create(m.ParliamentaryPresentation, chamber=hor, title=P3, date=dt.date(2021, 6, 8),
                           created=at(2021, 6, 9)),
        "p4": await create(m.ParliamentaryPresentation, chamber=hor, title=P4, created=at(2019, 1, 1)),
    }
    await _stamp_all(items, {"p1": at(2022, 1, 4), "p2": at(2022, 1, 3), "p3": at(2022, 1, 2), "p4": at(2022, 1, 1)})
    return items


async def test_parliamentary_presentation_filters(db):
    items = await _presentations()
    labels = _labeller(items, "parliamentaryPresentations")
    hor = gid(await institution("house_of_representatives"))
    assert await labels() == ["p3", "p2", "p1", "p4"]
    assert await labels({"chamber": hor}) == ["p3", "p1", "p4"]
    assert await labels({"chamber": gid(await institution("house_of_councillors"))}) == ["p2"]
    assert await labels({"committee": gid(await institution("hor_justice_committee"))}) == ["p1"]
    assert await labels({"committee": gid(await institution("hoc_justice_committee")), "chamber": hor}) == []
    assert await labels({"dates": {"start": "2020-07-15", "end": "2020-07-15"}}) == ["p1"]
    assert await labels({"dates": {"start": "2021-01-01"}}) == ["p3", "p2"]
    assert await labels({"dates": {"end": "2021-01-26"}}) == ["p2", "p1"]
    assert await labels({"modified": {"end": "2022-01-02"}}) == ["p3", "p4"]
    assert await labels({"language": "AR", "slug": items["p2"].slug}) == ["p2"]
    await create(m.ParliamentaryPresentation, chamber=await institution("house_of_representatives"),
                 title="عرض قيد الإعداد", workflow_state=PRIVATE)
    assert await listing("parliamentaryPresentations", {"workflowState": "PRIVATE"}, viewer=EDITOR) == [
        "عرض قيد الإعداد"
    ]
    assert await labels({"workflowState": "PRIVATE"}) == []


async def test_parliamentary_presentation_ordering_and_pages(db):
    items = await _presentations()
    labels = _labeller(items, "parliamentaryPresentations")
    await _check_orderings(labels, None, [
        ("DATE", ["p1", "p2", "p3", "p4"], ["p3", "p2", "p1", "p4"]),
        ("TITLE", ["p1", "p3", "p2", "p4"], ["p4", "p2", "p3", "p1"]),  # ت ج ع و
        ("CREATED", ["p4", "p1", "p2", "p3"], ["p3", "p2", "p1", "p4"]),
        ("MODIFIED", ["p4", "p3", "p2", "p1"], ["p1", "p2", "p3", "p4"]),
    ])
    assert await pages("parliamentaryPresentations", None, None, size=2) == [[P3, P2], [P1, P4]]


async def test_presentation_before_the_justice_committee_both_ways(db):
    items = await _presentations()
    data = await run("""query ($p: ID!) {
      node(id: $p) { ... on ParliamentaryPresentation { subject date presenterRole
        chamber { key title } committee { key title parent { key } } } }
      committee: institutions(filter: {key: "hor_justice_committee"}) {
        edges { node { parliamentaryPresentations { subject } } } }
      chamber: institutions(filter: {key: "house_of_representatives"}) {
        edges { node { parliamentaryPresentations { subject date } } } }
      councillors: institutions(filter: {key: "house_of_councillors"}) {
        edges { node { parliamentaryPresentations { subject } } } } }""", {"p": gid(items["p1"])})
    assert data["node"] == {
        "subject": P1, "date": "2020-07-15", "presenterRole": MINISTER,
        "chamber": {"key": "house_of_representatives", "title": "مجلس النواب"},
        "committee": {"key": "hor_justice_committee", "title": "لجنة العدل والتشريع وحقوق الإنسان",
                      "parent": {"key": "house_of_representatives"}},
    }
    assert data["committee"]["edges"][0]["node"]["parliamentaryPresentations"] == [{"subject": P1}]
    # Before the chamber: by date, undated last.
    assert data["chamber"]["edges"][0]["node"]["parliamentaryPresentations"] == [
        {"subject": P1, "date": "2020-07-15"}, {"subject": P3, "date": "2021-06-08"}, {"subject": P4, "date": None},
    ]
    assert data["councillors"]["edges"][0]["node"]["parliamentaryPresentations"] == [{"subject": P2}]
    plenary = await run("query ($p: ID!) { node(id: $p) { ... on ParliamentaryPresentation { committee { key } } } }",
                        {"p": gid(items["p3"])})
    assert plenary["node"] == {"committee": None}


async def test_hidden_targets_of_presentation_relations(db):
    hor = await institution("house_of_representatives")
    hidden_committee = await create(m.Institution, kind=m.InstitutionKind.PARLIAMENT_COMMITTEE, parent=hor,
                                    title="لجنة استطلاعية مؤقتة", workflow_state=PRIVATE)
    shown = await create(m.ParliamentaryPresentation, chamber=hor, committee=hidden_committee,
                         title="عرض أمام لجنة استطلاعية", date=dt.date(2021, 2, 1))
    await create(m.ParliamentaryPresentation, chamber=hor, committee=await institution("hor_justice_committee"),
                 title="عرض مغلق", date=dt.date(2021, 3, 1), confidential=True)
    query = """query ($p: ID!) { node(id: $p) { ... on ParliamentaryPresentation { committee { title } } }
      institutions(filter: {key: "hor_justice_committee"}) { edges { node { parliamentaryPresentations { subject } } } }
      chamber: institutions(filter: {key: "house_of_representatives"}) {
        edges { node { parliamentaryPresentations { subject } } } } }"""
    anonymous = await run(query, {"p": gid(shown)})
    assert anonymous["node"] == {"committee": None}
    assert anonymous["institutions"]["edges"][0]["node"]["parliamentaryPresentations"] == []
    assert anonymous["chamber"]["edges"][0]["node"]["parliamentaryPresentations"] == [
        {"subject": "عرض أمام لجنة استطلاعية"}
    ]
    editor = await run(query, {"p": gid(shown)}, viewer=EDITOR)
    assert editor["node"] == {"committee": {"title": "لجنة استطلاعية مؤقتة"}}
    assert editor["institutions"]["edges"][0]["node"]["parliamentaryPresentations"] == []
    officer = await run(query, {"p": gid(shown)}, viewer=OFFICER)
    assert officer["institutions"]["edges"][0]["node"]["parliamentaryPresentations"] == [{"subject": "عرض مغلق"}]
    hidden_chamber = await create(m.Institution, kind=m.InstitutionKind.PARLIAMENT_CHAMBER, title="غرفة تجريبية",
                                  workflow_state=m.WorkflowState.PENDING)
    before_it = await create(m.ParliamentaryPresentation, chamber=hidden_chamber, title="عرض أمام غرفة تجريبية")
    chamber = "query ($p: ID!) { node(id: $p) { ... on ParliamentaryPresentation { chamber { title } } } }"
    assert (await run(chamber, {"p": gid(before_it)}))["node"] == {"chamber": None}
    assert (await run(chamber, {"p": gid(before_it)}, viewer=EDITOR))["node"] == {"chamber": {"title": "غرفة تجريبية"}}


# --- events ----------------------------------------------------------------------------------

E1 = "فعالية موازية حول دور الآليات الوطنية للتنفيذ والإبلاغ والتتبع"
E2 = "فعالية جانبية حول مبادرة اتفاقية مناهضة التعذيب"
E3 = "ندوة وطنية حول الوقاية من التعذيب"
E4 = "اجتماع تنسيقي مع منظمة العالم الإسلامي للتربية والعلوم والثقافة"
E5 = "فعالية قيد التحضير"


async def _events() -> dict[str, m.Event]:
    K = m.EventKind
    hrc, cat = await mechanism("hrc"), await mechanism("cat")
    hrc46 = await hrc_session(46)
    items = {
        "e1": await create(m.Event, kind=K.SIDE_EVENT, title=E1, mechanism=hrc, session=hrc46,
                           date=dt.date(2021, 3, 4), created=at(2021, 2, 1)),
        "e2": await create(m.Event, kind=K.SIDE_EVENT, title=E2, mechanism=hrc, session=hrc46,
                           date=dt.date(2021, 3, 10), created=at(2021, 2, 15)),
        "e3": await create(m.Event, kind=K.SEMINAR, title=E3, mechanism=cat, date=dt.date(2020, 12, 10),
                           created=at(2020, 11, 1)),
        "e4": await create(m.Event, kind=K.MEETING, title=E4, created=at(2021, 5, 1)),
        "e5": await create(m.Event, kind=K.SIDE_EVENT, title=E5, mechanism=hrc, session=hrc46,
                           workflow_state=PRIVATE, created=at(2021, 2, 20)),
    }
    for name, keys in [("e1", ["geneva_academy", "cti"]), ("e2", ["cti"]), ("e3", ["cndh"]), ("e4", ["icesco"]),
                       ("e5", ["cti"])]:
        for key in keys:
            await m.EventPartner.create(event=items[name], institution=await institution(key))
    await _stamp_all(items, {"e1": at(2021, 6, 2), "e2": at(2021, 6, 4), "e3": at(2021, 6, 3), "e4": at(2021, 6, 1),
                             "e5": at(2021, 6, 5)})
    return items


async def test_event_filters(db):
    items = await _events()
    labels = _labeller(items, "events")
    assert await labels() == ["e2", "e1", "e3", "e4"]
    assert await labels({"kind": "SIDE_EVENT"}) == ["e2", "e1"]
    assert await labels({"kind": "SIDE_EVENT"}, who=EDITOR) == ["e2", "e1", "e5"]
    assert await labels({"kind": "SEMINAR"}) == ["e3"]
    assert await labels({"kind": "MEETING"}) == ["e4"]
    assert await labels({"mechanismKey": "hrc"}) == ["e2", "e1"]
    assert await labels({"mechanism": gid(await mechanism("cat"))}) == ["e3"]
    assert await labels({"session": gid(await hrc_session(46))}) == ["e2", "e1"]
    assert await labels({"session": gid(await hrc_session(45))}) == []
    assert await labels({"partner": gid(await institution("cti"))}) == ["e2", "e1"]
    assert await labels({"partner": gid(await institution("cndh"))}) == ["e3"]
    assert await labels({"partner": gid(await institution("cti")), "dates": {"end": "2021-03-05"}}) == ["e1"]
    assert await labels({"dates": {"start": "2021-03-05"}}) == ["e2"]
    assert await labels({"dates": {"end": "2021-03-04"}}) == ["e1", "e3"]
    assert await labels({"workflowState": "PRIVATE"}, who=EDITOR) == ["e5"]
    assert await labels({"workflowState": "PRIVATE"}) == []
    assert await labels({"modified": {"start": "2021-06-03", "end": "2021-06-04"}}) == ["e2", "e3"]
    assert await labels({"language": "AR", "slug": items["e4"].slug}) == ["e4"]


async def test_event_ordering_and_pages(db):
    items = await _events()
    labels = _labeller(items, "events")
    await _check_orderings(labels, None, [
        ("DATE", ["e3", "e1", "e2", "e4"], ["e2", "e1", "e3", "e4"]),
        ("TITLE", ["e4", "e2", "e1", "e3"], ["e3", "e1", "e2", "e4"]),
        ("CREATED", ["e3", "e1", "e2", "e4"], ["e4", "e2", "e1", "e3"]),
        ("MODIFIED", ["e4", "e1", "e3", "e2"], ["e2", "e3", "e1", "e4"]),
    ])
    assert await pages("events", None, None, size=3) == [[E2, E1, E3], [E4]]
    assert await pages("events", {"session": gid(await hrc_session(46))}, None, size=1, viewer=EDITOR) == [
        [E2], [E1], [E5]
    ]


async def test_side_events_at_hrc46_both_ways(db):
    items = await _events()
    data = await run("""query ($e: ID!, $s: ID!) {
      e: node(id: $e) { ... on Event { kind date mechanism { key } session { number } partners { key } } }
      s: node(id: $s) { ... on Session { events { title } } }
      mechanisms(filter: {key: "hrc"}) { edges { node { events { title } } } }
      institutions(filter: {key: "cti"}) { edges { node { events { title partners { key } } } } } }""",
        {"e": gid(items["e1"]), "s": gid(await hrc_session(46))})
    assert data["e"] == {"kind": "SIDE_EVENT", "date": "2021-03-04", "mechanism": {"key": "hrc"},
                         "session": {"number": 46}, "partners": [{"key": "geneva_academy"}, {"key": "cti"}]}
    assert data["s"]["events"] == [{"title": E1}, {"title": E2}]
    assert data["mechanisms"]["edges"][0]["node"]["events"] == [{"title": E1}, {"title": E2}]
    assert data["institutions"]["edges"][0]["node"]["events"] == [
        {"title": E1, "partners": [{"key": "geneva_academy"}, {"key": "cti"}]},
        {"title": E2, "partners": [{"key": "cti"}]},
    ]
    meeting = await run("query ($e: ID!) { node(id: $e) { ... on Event { mechanism { key } session { number } } } }",
                        {"e": gid(items["e4"])})
    assert meeting["node"] == {"mechanism": None, "session": None}


async def test_hidden_targets_of_event_relations(db):
    items = await _events()
    secret_partner = await create(m.Institution, kind=m.InstitutionKind.OTHER, title="شريك سري", confidential=True)
    await m.EventPartner.create(event=items["e1"], institution=secret_partner)
    hidden_session = await create(m.Session, mechanism=await mechanism("hrc"), number=47,
                                  title="الدورة السابعة والأربعون", workflow_state=PRIVATE)
    hidden_mechanism = await create(m.Mechanism, kind=m.MechanismKind.OTHER, title="منتدى غير منشور",
                                    workflow_state=PRIVATE)
    shown = await create(m.Event, kind=m.EventKind.MEETING, title="لقاء منشور", mechanism=hidden_mechanism,
                         session=hidden_session)
    query = """query ($e: ID!, $shown: ID!) {
      e: node(id: $e) { ... on Event { partners { title } } }
      shown: node(id: $shown) { ... on Event { mechanism { title } session { number } } }
      sessions(filter: {mechanismKey: "hrc", number: 46}) { edges { node { events { title } } } }
      mechanisms(filter: {key: "hrc"}) { edges { node { events { title } } } }
      institutions(filter: {key: "cti"}) { edges { node { events { title } } } } }"""
    variables = {"e": gid(items["e1"]), "shown": gid(shown)}
    anonymous = await run(query, variables)
    assert anonymous["e"]["partners"] == [{"title": "أكاديمية جنيف للقانون الدولي الإنساني وحقوق الإنسان"},
                                          {"title": "مبادرة اتفاقية مناهضة التعذيب"}]
    assert anonymous["shown"] == {"mechanism": None, "session": None}
    assert anonymous["sessions"]["edges"][0]["node"]["events"] == [{"title": E1}, {"title": E2}]
    assert anonymous["mechanisms"]["edges"][0]["node"]["events"] == [{"title": E1}, {"title": E2}]
    assert anonymous["institutions"]["edges"][0]["node"]["events"] == [{"title": E1}, {"title": E2}]
    editor = await run(query, variables, viewer=EDITOR)
    assert editor["shown"] == {"mechanism": {"title": "منتدى غير منشور"}, "session": {"number": 47}}
    assert editor["sessions"]["edges"][0]["node"]["events"] == [{"title": E1}, {"title": E2}, {"title": E5}]
    assert editor["institutions"]["edges"][0]["node"]["events"] == [{"title": E1}, {"title": E2}, {"title": E5}]
    assert len(editor["e"]["partners"]) == 2
    officer = await run(query, variables, viewer=OFFICER)
    assert officer["e"]["partners"][-1] == {"title": "شريك سري"}
