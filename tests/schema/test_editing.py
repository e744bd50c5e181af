"""The editing API through GraphQL: workflow, revisions and revert, optimistic versions, translations,
links, soft deletes, the audit log, and bad input (clear errors, nothing written)."""

from __future__ import annotations

import asyncio
import datetime as dt
import uuid
from typing import Any

import pytest

from content import models as m
from content.models.editing import AuditEntry, Revision, Tombstone, WorkflowEvent
from schema.core.ids import from_global_id, to_global_id
from schema.permissions import Role, Viewer
from tests.factories import gid, institution, mechanism, theme
from tests.schema.gqlrun import as_role, run, run_raw

EDITOR, REVIEWER, ADMIN = as_role(Role.EDITOR), as_role(Role.REVIEWER), as_role(Role.ADMIN)
PARTNER, OFFICER = as_role(Role.PARTNER), as_role(Role.CASE_OFFICER)
ANONYMOUS = Viewer()

CAT_REPORT = "التقرير الوطني الخامس حول إعمال اتفاقية مناهضة التعذيب وغيره من ضروب المعاملة القاسية"
CAT_REPORT_FR = "Cinquième rapport périodique sur la mise en œuvre de la Convention contre la torture"
CAT_REPORT_EN = "Fifth periodic report on the implementation of the Convention against Torture"
SUMMARY = "يعرض التقرير التدابير التشريعية والمؤسساتية المتخذة منذ تقديم التقرير الرابع"
SUMMARY_2 = "تحيين: أضيفت المعطيات المتعلقة بالآلية الوطنية للوقاية من التعذيب"
COMMENT = "جاهز للمراجعة بعد إدماج ملاحظات القطاعات الحكومية"
RECOMMENDATION = "مواصلة الجهود الرامية إلى ضمان استقلالية الآلية الوطنية للوقاية من التعذيب"

ERRORS = "errors { field message code }"
DOCUMENT_FIELDS = "id version title summary workflowState kind symbol effective expires language"


@pytest.fixture
async def clean(db):
    """Also clear the editing tables (the shared `db` fixture keeps them)."""
    for model in (Revision, WorkflowEvent, Tombstone, AuditEntry):
        await model.all().delete()
    yield db
    for model in (Revision, WorkflowEvent, Tombstone, AuditEntry):
        await model.all().delete()


# --- helpers -------------------------------------------------------------------------------------

async def create(type_name: str, input: dict[str, Any], viewer: Viewer = EDITOR, fields: str = "id version") -> dict:
    data = await run(f"""mutation ($input: Create{type_name}Input!) {{ create{type_name}(input: $input) {{
        node {{ {fields} }} {ERRORS} }} }}""", {"input": input}, viewer=viewer)
    return data[f"create{type_name}"]


async def update(type_name: str, global_id: str, version: int, input: dict[str, Any], viewer: Viewer = EDITOR,
                 fields: str = "id version") -> dict:
    data = await run(f"""mutation ($id: ID!, $version: Int!, $input: Update{type_name}Input!) {{
        update{type_name}(id: $id, version: $version, input: $input) {{ node {{ {fields} }} {ERRORS} }} }}""",
                     {"id": global_id, "version": version, "input": input}, viewer=viewer)
    return data[f"update{type_name}"]


async def transition(global_id: str, action: str, viewer: Viewer, comment: str | None = None) -> dict:
    data = await run(f"""mutation ($id: ID!, $action: WorkflowAction!, $comment: String) {{
        transition(id: $id, action: $action, comment: $comment) {{
          node {{ id version workflowState availableTransitions }} {ERRORS} }} }}""",
                     {"id": global_id, "action": action, "comment": comment}, viewer=viewer)
    return data["transition"]


async def revert(global_id: str, revision: int, viewer: Viewer = EDITOR) -> dict:
    data = await run(f"""mutation ($id: ID!, $revision: Int!) {{ revert(id: $id, revision: $revision) {{
        node {{ id version ... on Document {{ title summary kind symbol }} }} {ERRORS} }} }}""",
                     {"id": global_id, "revision": revision}, viewer=viewer)
    return data["revert"]


async def link(source: str, relation: str, target: str, viewer: Viewer = EDITOR, *, linked: bool = True,
               sentence: str | None = None) -> dict:
    if linked:
        data = await run(f"""mutation ($id: ID!, $relation: String!, $target: ID!, $sentence: String) {{
            link(id: $id, relation: $relation, target: $target, sentence: $sentence) {{ ok {ERRORS} }} }}""",
                         {"id": source, "relation": relation, "target": target, "sentence": sentence}, viewer=viewer)
        return data["link"]
    data = await run(f"""mutation ($id: ID!, $relation: String!, $target: ID!) {{
        unlink(id: $id, relation: $relation, target: $target) {{ ok {ERRORS} }} }}""",
                     {"id": source, "relation": relation, "target": target}, viewer=viewer)
    return data["unlink"]


async def node(global_id: str, fields: str, viewer: Viewer = EDITOR) -> dict | None:
    return (await run(f"query ($id: ID!) {{ node(id: $id) {{ {fields} }} }}", {"id": global_id},
                      viewer=viewer))["node"]


async def draft_document(title: str = CAT_REPORT, viewer: Viewer = EDITOR, **extra: Any) -> dict:
    result = await create("Document", {"title": title, "kind": "NATIONAL_REPORT", **extra}, viewer,
                          fields=DOCUMENT_FIELDS)
    assert result["errors"] == [], result
    return result["node"]


WRITE_TABLES = [m.Document, m.Session, m.Recommendation, m.Communication, m.ProgramMeasure, m.AchievementItem,
                m.Mechanism, m.Event, m.RecommendationTheme, m.Mention, Revision, WorkflowEvent, Tombstone,
                AuditEntry, m.OutboxEntry]


async def counts() -> dict[str, int]:
    return {model.__name__: await model.all().count() for model in WRITE_TABLES}


async def stored(global_id_or_item: Any, model: type = m.Document) -> Any:
    if isinstance(global_id_or_item, str):
        from schema.core.ids import from_global_id
        return await model.get(id=from_global_id(global_id_or_item)[1])
    return await model.get(id=global_id_or_item.id)


def error(result: dict) -> tuple[str | None, str, str]:
    assert len(result["errors"]) == 1, result["errors"]
    e = result["errors"][0]
    return e["field"], e["code"], e["message"]


# --- workflow --------------------------------------------------------------------------------------

WORKFLOW_HISTORY = "workflowHistory { action fromState toState actor comment }"


async def test_workflow_from_draft_to_archive(clean):
    doc = await draft_document()
    assert doc["workflowState"] == "PRIVATE" and doc["version"] == 1
    assert await node(doc["id"], "id", ANONYMOUS) is None

    submitted = await transition(doc["id"], "SUBMIT", EDITOR, COMMENT)
    assert submitted["errors"] == []
    assert submitted["node"]["workflowState"] == "PENDING"
    # What the caller may do next: nothing for the editor who submitted; a reviewer decides.
    assert submitted["node"]["availableTransitions"] == []
    assert (await node(doc["id"], "... on Content { availableTransitions }", REVIEWER)) == {
        "availableTransitions": ["publish", "reject", "retract"]}
    assert submitted["node"]["version"] == 2

    # The editor who submitted may not publish; a reviewer may.
    assert error(await transition(doc["id"], "PUBLISH", EDITOR)) == (
        None, "FORBIDDEN", "You are not allowed to publish this item.")
    published = await transition(doc["id"], "PUBLISH", REVIEWER, "تمت المصادقة")
    assert published["errors"] == [] and published["node"]["workflowState"] == "PUBLISHED"
    assert published["node"]["availableTransitions"] == ["retract", "archive"]
    assert (await node(doc["id"], "... on Document { title }", ANONYMOUS)) == {"title": CAT_REPORT}

    archived = await transition(doc["id"], "ARCHIVE", REVIEWER)
    assert archived["node"]["workflowState"] == "ARCHIVED"
    assert archived["node"]["availableTransitions"] == []
    assert await node(doc["id"], "id", ANONYMOUS) is None
    assert await node(doc["id"], "id", PARTNER) is None

    history = await node(doc["id"], f"... on Content {{ version {WORKFLOW_HISTORY} }}")
    assert history == {"version": 4, "workflowHistory": [
        {"action": "submit", "fromState": "private", "toState": "pending", "actor": "test-editor",
         "comment": COMMENT},
        {"action": "publish", "fromState": "pending", "toState": "published", "actor": "test-reviewer",
         "comment": "تمت المصادقة"},
        {"action": "archive", "fromState": "published", "toState": "archived", "actor": "test-reviewer",
         "comment": ""},
    ]}
    # Public roles see no history, even of what they can read.
    assert await node(doc["id"], f"... on Content {{ {WORKFLOW_HISTORY} history {{ version }} }}", ADMIN)
    for viewer in (ANONYMOUS, PARTNER):
        other = await draft_document("تقرير منشور للاختبار")
        await transition(other["id"], "PUBLISH", REVIEWER)
        assert await node(other["id"], f"... on Content {{ {WORKFLOW_HISTORY} history {{ version }} }}",
                          viewer) == {"workflowHistory": [], "history": []}


async def test_reject_and_retract_return_items_to_private(clean):
    doc = await draft_document()
    await transition(doc["id"], "SUBMIT", EDITOR)
    rejected = await transition(doc["id"], "REJECT", REVIEWER, "المرجو استكمال المعطيات الإحصائية")
    assert rejected["node"]["workflowState"] == "PRIVATE"
    # Back in private, the editor may change it again and resubmit.
    assert (await update("Document", doc["id"], 3, {"summary": SUMMARY}))["errors"] == []
    await transition(doc["id"], "SUBMIT", EDITOR)
    await transition(doc["id"], "PUBLISH", REVIEWER)
    retracted = await transition(doc["id"], "RETRACT", ADMIN, "سحب مؤقت")
    assert retracted["node"]["workflowState"] == "PRIVATE"
    events = await node(doc["id"], f"... on Content {{ {WORKFLOW_HISTORY} }}")
    assert [(e["action"], e["actor"], e["comment"]) for e in events["workflowHistory"]] == [
        ("submit", "test-editor", ""),
        ("reject", "test-reviewer", "المرجو استكمال المعطيات الإحصائية"),
        ("submit", "test-editor", ""),
        ("publish", "test-reviewer", ""),
        ("retract", "test-admin", "سحب مؤقت"),
    ]


@pytest.mark.parametrize("state, action, message", [
    ("private", "REJECT", "Cannot reject an item that is private."),
    ("private", "RETRACT", "Cannot retract an item that is private."),
    ("private", "ARCHIVE", "Cannot archive an item that is private."),
    ("pending", "SUBMIT", "Cannot submit an item that is pending."),
    ("pending", "ARCHIVE", "Cannot archive an item that is pending."),
    ("published", "SUBMIT", "Cannot submit an item that is published."),
    ("published", "PUBLISH", "Cannot publish an item that is published."),
    ("published", "REJECT", "Cannot reject an item that is published."),
    ("archived", "PUBLISH", "Cannot publish an item that is archived."),
    ("archived", "RETRACT", "Cannot retract an item that is archived."),
    ("archived", "ARCHIVE", "Cannot archive an item that is archived."),
])
async def test_invalid_transitions_are_refused_and_write_nothing(clean, state, action, message):
    doc = await draft_document()
    await m.Document.filter(id=(await stored(doc["id"])).id).update(workflow_state=state)
    before = await counts()
    result = await transition(doc["id"], action, ADMIN, "لا ينبغي تسجيل هذا")
    assert result["node"] is None
    assert error(result) == ("action", "INVALID_TRANSITION", message)
    assert await counts() == before
    row = await stored(doc["id"])
    assert (row.workflow_state.value, row.version) == (state, 1)


async def test_effective_and_expiry_dates_hide_items_from_public_roles(clean):
    now = dt.datetime.now(dt.timezone.utc).replace(microsecond=0)
    day = dt.timedelta(days=1)
    windows = {
        "future": (now + day, None),
        "expired": (None, now - day),
        "open": (now - day, now + day),
        "unbounded": (None, None),
    }
    ids = {}
    for name, (effective, expires) in windows.items():
        doc = await draft_document(f"تقرير {name}", effective=effective and effective.isoformat(),
                                   expires=expires and expires.isoformat())
        assert (await transition(doc["id"], "PUBLISH", REVIEWER))["errors"] == []
        ids[name] = doc["id"]
    query = "query ($ids: [ID!]!) { nodes(ids: $ids) { id } documents { totalCount } }"
    for viewer, visible in [(ANONYMOUS, {"open", "unbounded"}), (PARTNER, {"open", "unbounded"}),
                            (EDITOR, set(windows)), (REVIEWER, set(windows))]:
        data = await run(query, {"ids": list(ids.values())}, viewer=viewer)
        assert {name for name, found in zip(ids, data["nodes"]) if found} == visible
        assert data["documents"]["totalCount"] == len(visible)
    # Moving the window makes the item appear.
    future = await stored(ids["future"])
    assert (await update("Document", ids["future"], future.version, {"effective": (now - day).isoformat()},
                         REVIEWER))["errors"] == []
    assert await node(ids["future"], "id", ANONYMOUS) == {"id": ids["future"]}


# --- revisions -----------------------------------------------------------------------------------

HISTORY = "history { version actor note fields changes created }"


async def test_every_change_is_a_revision_and_revert_restores_it(clean):
    cat = gid(await mechanism("cat"))
    doc = await draft_document(symbol="CAT/C/MAR/5", mechanism=cat)
    first = await update("Document", doc["id"], 1, {"title": CAT_REPORT + " (مراجع)", "summary": SUMMARY,
                                                    "kind": "FOLLOW_UP_REPORT"})
    assert first["errors"] == [] and first["node"]["version"] == 2
    second = await update("Document", doc["id"], 2, {"summary": SUMMARY_2, "symbol": None}, REVIEWER)
    assert second["node"]["version"] == 3

    history = (await node(doc["id"], f"... on Content {{ {HISTORY} }}"))["history"]
    assert [(h["version"], h["actor"], h["note"]) for h in history] == [
        (1, "test-editor", ""), (2, "test-editor", ""), (3, "test-reviewer", "")]
    assert history[0]["changes"]["title"] == [None, CAT_REPORT]
    assert history[0]["changes"]["symbol"] == [None, "CAT/C/MAR/5"]
    assert history[1]["fields"] == ["kind", "summary", "title"]
    assert history[1]["changes"] == {
        "title": [CAT_REPORT, CAT_REPORT + " (مراجع)"],
        "summary": ["", SUMMARY],
        "kind": ["national_report", "follow_up_report"],
    }
    assert history[2]["changes"] == {"summary": [SUMMARY, SUMMARY_2], "symbol": ["CAT/C/MAR/5", None]}
    stamps = [dt.datetime.fromisoformat(h["created"]) for h in history]
    assert stamps == sorted(stamps) and stamps[-1] <= dt.datetime.now(dt.timezone.utc)

    # Back to the document as created: every field, and a new revision saying so.
    reverted = await revert(doc["id"], 1)
    assert reverted["errors"] == []
    assert reverted["node"] == {"id": doc["id"], "version": 4, "title": CAT_REPORT, "summary": "",
                                "kind": "NATIONAL_REPORT", "symbol": "CAT/C/MAR/5"}
    last = (await node(doc["id"], f"... on Content {{ {HISTORY} }}"))["history"][-1]
    assert (last["version"], last["actor"], last["note"]) == (4, "test-editor", "revert to 1")
    assert last["changes"] == {
        "title": [CAT_REPORT + " (مراجع)", CAT_REPORT],
        "summary": [SUMMARY_2, ""],
        "kind": ["follow_up_report", "national_report"],
        "symbol": [None, "CAT/C/MAR/5"],
    }
    row = await stored(doc["id"])
    assert (row.title, row.summary, row.kind, row.symbol, row.mechanism_id) == (
        CAT_REPORT, "", m.DocumentKind.NATIONAL_REPORT, "CAT/C/MAR/5", (await mechanism("cat")).id)
    # And forward again, to revision 3.
    assert (await revert(doc["id"], 3))["node"]["summary"] == SUMMARY_2


async def test_revert_restores_dates_and_references(clean):
    cat, ccpr = await mechanism("cat"), await mechanism("ccpr")
    created = await create("Session", {"title": "الدورة الثانية والسبعون للجنة مناهضة التعذيب",
                                       "mechanism": gid(cat), "number": 72, "startDate": "2021-11-08",
                                       "endDate": "2021-12-03", "venue": "جنيف"})
    assert created["errors"] == []
    session_id = created["node"]["id"]
    changed = await update("Session", session_id, 1, {"mechanism": gid(ccpr), "startDate": "2022-03-01",
                                                     "endDate": "2022-03-25", "venue": "نيويورك"})
    assert changed["errors"] == []
    assert (await revert(session_id, 1))["errors"] == []
    row = await stored(session_id, m.Session)
    assert (row.mechanism_id, row.start_date, row.end_date, row.venue) == (
        cat.id, dt.date(2021, 11, 8), dt.date(2021, 12, 3), "جنيف")


async def test_revert_to_an_unknown_revision(clean):
    doc = await draft_document()
    before = await counts()
    result = await revert(doc["id"], 7)
    assert error(result) == ("revision", "NOT_FOUND", "This item has no revision 7.")
    assert await counts() == before


# --- concurrency ---------------------------------------------------------------------------------

async def test_a_stale_version_is_a_conflict_and_overwrites_nothing(clean):
    doc = await draft_document()
    assert (await update("Document", doc["id"], 1, {"summary": SUMMARY}, REVIEWER))["errors"] == []
    before = await counts()
    stale = await update("Document", doc["id"], 1, {"summary": SUMMARY_2, "title": "عنوان آخر"})
    assert stale["node"] is None
    field, code, message = error(stale)
    assert (field, code) == ("version", "CONFLICT")
    assert "version 2" in message and "reload" in message
    assert await counts() == before
    row = await stored(doc["id"])
    assert (row.summary, row.title, row.version) == (SUMMARY, CAT_REPORT, 2)
    # A version from the future is no better.
    assert error(await update("Document", doc["id"], 5, {"summary": SUMMARY_2}))[1] == "CONFLICT"


async def test_two_editors_saving_the_same_version(clean):
    doc = await draft_document()
    first = await update("Document", doc["id"], 1, {"summary": SUMMARY})
    second = await update("Document", doc["id"], 1, {"summary": SUMMARY_2}, REVIEWER)
    assert first["errors"] == [] and error(second)[1] == "CONFLICT"
    assert (await stored(doc["id"])).summary == SUMMARY
    # At the same time: exactly one wins, and what is stored is the winner's.
    results = await asyncio.gather(update("Document", doc["id"], 2, {"summary": SUMMARY_2}),
                                   update("Document", doc["id"], 2, {"summary": COMMENT}, REVIEWER))
    winners = [r for r in results if not r["errors"]]
    assert len(winners) == 1 and [error(r)[1] for r in results if r["errors"]] == ["CONFLICT"]
    row = await stored(doc["id"])
    assert row.version == 3 and row.summary == (SUMMARY_2 if results[0] is winners[0] else COMMENT)
    assert await Revision.filter(item_id=row.id).count() == 3


# --- translations --------------------------------------------------------------------------------

TRANSLATIONS = "... on Document { language title translations { language title } fr: translation(language: FR) { title } ar: translation(language: AR) { title } en: translation(language: EN) { title } }"


async def test_translations_form_one_group(clean):
    ar = await draft_document(CAT_REPORT)
    fr = await draft_document(CAT_REPORT_FR, language="FR", translationOf=ar["id"])
    en = await draft_document(CAT_REPORT_EN, language="EN", translationOf=fr["id"])  # of a translation
    rows = [await stored(x["id"]) for x in (ar, fr, en)]
    assert len({row.translation_group for row in rows}) == 1 and rows[0].translation_group is not None

    assert await node(ar["id"], TRANSLATIONS) == {
        "language": "AR", "title": CAT_REPORT,
        "translations": [{"language": "EN", "title": CAT_REPORT_EN}, {"language": "FR", "title": CAT_REPORT_FR}],
        "fr": {"title": CAT_REPORT_FR}, "ar": {"title": CAT_REPORT}, "en": {"title": CAT_REPORT_EN},
    }
    assert (await node(en["id"], TRANSLATIONS))["translations"] == [
        {"language": "AR", "title": CAT_REPORT}, {"language": "FR", "title": CAT_REPORT_FR}]

    # Public roles see only the published translations.
    await transition(ar["id"], "PUBLISH", REVIEWER)
    await transition(fr["id"], "PUBLISH", REVIEWER)
    public = await node(ar["id"], TRANSLATIONS, ANONYMOUS)
    assert public["translations"] == [{"language": "FR", "title": CAT_REPORT_FR}]
    assert public["en"] is None and public["fr"] == {"title": CAT_REPORT_FR}


async def test_translation_errors(clean):
    ar = await draft_document(CAT_REPORT)
    cat = gid(await mechanism("cat"))
    before = await counts()
    # Of another type, unknown, malformed, or a language the group has already.
    wrong_type = await create("Document", {"title": CAT_REPORT_FR, "kind": "NATIONAL_REPORT", "language": "FR",
                                           "translationOf": cat})
    assert error(wrong_type)[:2] == ("translationOf", "INVALID_ID")
    unknown = await create("Document", {"title": CAT_REPORT_FR, "kind": "NATIONAL_REPORT", "language": "FR",
                                        "translationOf": to_global_id("Document", uuid.uuid4())})
    assert error(unknown)[:2] == ("translationOf", "FORBIDDEN")
    same_language = await create("Document", {"title": "نسخة ثانية", "kind": "NATIONAL_REPORT",
                                              "translationOf": ar["id"]})
    assert error(same_language)[:2] == ("language", "DUPLICATE_TRANSLATION")
    # A bad translation leaves the original untouched (no group started).
    bad = await create("Document", {"title": "   ", "kind": "NATIONAL_REPORT", "language": "FR",
                                    "translationOf": ar["id"]})
    assert error(bad)[:2] == ("title", "REQUIRED")
    assert await counts() == before
    assert (await stored(ar["id"])).translation_group is None


# --- links ---------------------------------------------------------------------------------------

async def test_link_and_unlink_every_relation(clean):
    cat, hrc = await mechanism("cat"), await mechanism("hrc")
    torture, justice = await theme("torture_prevention"), await theme("justice_fair_trial")
    ministry, amnesty = await institution("ministry_hr_parliament"), await institution("amnesty")
    rec = (await create("Recommendation", {"title": RECOMMENDATION, "mechanism": gid(cat)}))["node"]["id"]
    request = (await create("InformationRequest", {"title": "استبيان المقرر الخاص المعني بالتعذيب"}))["node"]["id"]
    event = (await create("Event", {"title": "لقاء جانبي حول الوقاية من التعذيب"}))["node"]["id"]
    measure = (await create("ProgramMeasure", {"title": "تعزيز التفاعل مع الآليات الأممية", "number": 501}))["node"]
    section = await m.MeasureSection.create(measure_id=(await stored(measure["id"], m.ProgramMeasure)).id,
                                            position=1, number=1, title="القسم الأول")
    item = (await create("AchievementItem", {"title": "إنجاز", "section": str(section.id),
                                             "measure": measure["id"], "position": 1}))["node"]["id"]
    links = [
        (rec, "themes", gid(torture)), (rec, "themes", gid(justice)),
        (rec, "responsibleInstitutions", gid(ministry)),
        (request, "mechanisms", gid(cat)), (request, "mechanisms", gid(hrc)),
        (event, "partners", gid(amnesty)),
        (item, "mentions", gid(cat)), (item, "mentions", gid(ministry)),
    ]
    for source, relation, target in links:
        assert await link(source, relation, target, sentence="ورد ذكرها في التقرير") == {"ok": True, "errors": []}
    assert (await link(rec, "themes", gid(torture)))["ok"] is True  # twice: still one link
    query = """query ($rec: ID!, $request: ID!, $event: ID!, $item: ID!) {
      rec: node(id: $rec) { ... on Recommendation { themes { title } responsibleInstitutions { title } } }
      request: node(id: $request) { ... on InformationRequest { mechanisms { acronym } } }
      event: node(id: $event) { ... on Event { partners { title } } }
      item: node(id: $item) { ... on AchievementItem { mechanisms { acronym } institutions { title }
                                                        mentions { sentence } } } }"""
    variables = {"rec": rec, "request": request, "event": event, "item": item}
    data = await run(query, variables, viewer=EDITOR)
    assert data["rec"] == {"themes": [{"title": torture.title}, {"title": justice.title}],
                           "responsibleInstitutions": [{"title": ministry.title}]}
    assert sorted(x["acronym"] for x in data["request"]["mechanisms"]) == ["CAT", "HRC"]
    assert data["event"] == {"partners": [{"title": amnesty.title}]}
    assert data["item"]["mechanisms"] == [{"acronym": "CAT"}] and data["item"]["institutions"] == [
        {"title": ministry.title}]
    assert [x["sentence"] for x in data["item"]["mentions"]] == ["ورد ذكرها في التقرير"] * 2
    assert await m.RecommendationTheme.filter().count() == 2

    for source, relation, target in links:
        assert await link(source, relation, target, linked=False) == {"ok": True, "errors": []}
    data = await run(query, variables, viewer=EDITOR)
    assert data == {"rec": {"themes": [], "responsibleInstitutions": []}, "request": {"mechanisms": []},
                    "event": {"partners": []},
                    "item": {"mechanisms": [], "institutions": [], "mentions": []}}
    actions = await AuditEntry.filter(action__in=["link", "unlink"]).order_by("id").values_list("action", "detail")
    assert [a for a, _ in actions] == ["link"] * 8 + ["unlink"] * 8
    assert actions[0][1] == {"relation": "themes", "target": f"Theme:{torture.id}"}


async def test_link_errors(clean):
    cat = await mechanism("cat")
    rec = (await create("Recommendation", {"title": RECOMMENDATION, "mechanism": gid(cat)}))["node"]["id"]
    ministry = await institution("ministry_hr_parliament")
    before = await counts()
    assert error(await link(rec, "sponsors", gid(ministry))) == (
        "relation", "INVALID_RELATION",
        "Recommendation has no relation 'sponsors' (it has: themes, responsibleInstitutions).")
    assert error(await link(rec, "themes", gid(ministry))) == (
        "target", "INVALID_ID", "themes links to a Theme, not a Institution.")
    assert error(await link(rec, "themes", to_global_id("Theme", uuid.uuid4())))[:2] == ("target", "FORBIDDEN")
    assert error(await link(rec, "themes", "not-an-id"))[:2] == ("target", "INVALID_ID")
    assert error(await link(gid(cat), "themes", gid(ministry), REVIEWER)) == (
        "relation", "INVALID_RELATION", "Mechanism has no relation 'themes' (it has: none).")
    # Unlinking what is not linked changes nothing.
    assert (await link(rec, "themes", gid(await theme("health")), linked=False))["ok"] is True
    assert await counts() == before


# --- delete --------------------------------------------------------------------------------------

async def test_delete_leaves_a_tombstone_and_a_search_delete(clean):
    doc = await draft_document()
    await transition(doc["id"], "PUBLISH", REVIEWER)
    row = await stored(doc["id"])
    await m.OutboxEntry.all().delete()
    result = (await run(f"mutation ($id: ID!) {{ deleteDocument(id: $id) {{ ok {ERRORS} }} }}", {"id": doc["id"]},
                        viewer=REVIEWER))["deleteDocument"]
    assert result == {"ok": True, "errors": []}
    stone = await Tombstone.get(item_id=row.id)
    assert (stone.item_type, stone.title, stone.actor, stone.was_public) == (
        "Document", CAT_REPORT, "test-reviewer", True)
    assert not await m.Document.exists(id=row.id)
    assert await m.OutboxEntry.filter(item_id=row.id).values_list("item_type", "operation") == [
        ("Document", "delete")]
    for viewer in (ANONYMOUS, EDITOR, ADMIN):
        data = await run("query ($id: ID!) { node(id: $id) { id } documents { totalCount } }", {"id": doc["id"]},
                         viewer=viewer)
        assert data == {"node": None, "documents": {"totalCount": 0}}
    # Deleted is deleted: a second delete, an update or a transition get the unknown-item answer.
    again = (await run(f"mutation ($id: ID!) {{ deleteDocument(id: $id) {{ ok {ERRORS} }} }}", {"id": doc["id"]},
                       viewer=REVIEWER))["deleteDocument"]
    assert error(again) == (None, "FORBIDDEN", "No such item, or you are not allowed to change it.")
    assert error(await update("Document", doc["id"], 2, {"summary": SUMMARY}, REVIEWER))[1] == "FORBIDDEN"


async def _delete_mechanism(global_id: str) -> dict:
    return (await run(f"mutation ($id: ID!) {{ deleteMechanism(id: $id) {{ ok {ERRORS} }} }}", {"id": global_id},
                      viewer=REVIEWER))["deleteMechanism"]


async def test_deleting_an_item_others_depend_on_is_refused(clean):
    """A mechanism's sessions, recommendations and complaints would go with it, unrecorded."""
    created = await create("Mechanism", {"title": "المقرر الخاص المعني بالحق في الخصوصية",
                                         "kind": "SPECIAL_PROCEDURE"}, REVIEWER)
    mechanism_id = created["node"]["id"]
    complaint = await create("Communication", {"title": "بلاغ فردي", "mechanism": mechanism_id,
                                               "reference": "SR/PRIV/2024/1"}, OFFICER)
    session = await create("Session", {"title": "الدورة الأولى", "mechanism": mechanism_id, "number": 1}, REVIEWER)
    before = await counts()
    assert error(await _delete_mechanism(mechanism_id)) == (
        None, "IN_USE", "Other items depend on this Mechanism (Session): delete them or link them elsewhere first.")
    assert await counts() == before
    assert (await run("mutation ($id: ID!) { deleteSession(id: $id) { ok } }", {"id": session["node"]["id"]},
                      viewer=REVIEWER))["deleteSession"]["ok"]
    # The reviewer may not know the complaint exists: it is not named.
    before = await counts()
    assert error(await _delete_mechanism(mechanism_id)) == (
        None, "IN_USE", "Other items depend on this Mechanism: delete them or link them elsewhere first.")
    assert await counts() == before
    assert (await run("mutation ($id: ID!) { deleteCommunication(id: $id) { ok } }",
                      {"id": complaint["node"]["id"]}, viewer=OFFICER))["deleteCommunication"]["ok"]
    # What only refers to it loses the reference, and is re-indexed.
    doc = await draft_document(mechanism=mechanism_id)
    await m.OutboxEntry.all().delete()
    assert await _delete_mechanism(mechanism_id) == {"ok": True, "errors": []}
    row = await stored(doc["id"])
    assert row.mechanism_id is None
    assert set(await m.OutboxEntry.all().values_list("item_type", "operation")) == {
        ("Mechanism", "delete"), ("Document", "upsert")}


async def test_deleting_a_mentioned_item_removes_the_mentions(clean):
    ngo = (await create("Institution", {"title": "الجمعية المغربية لحقوق الإنسان", "kind": "NGO"},
                        REVIEWER))["node"]["id"]
    measure = (await create("ProgramMeasure", {"title": "تدبير", "number": 505}))["node"]["id"]
    section = await m.MeasureSection.create(measure_id=(await stored(measure, m.ProgramMeasure)).id,
                                            position=1, number=1, title="القسم الأول")
    item = (await create("AchievementItem", {"title": "لقاء تشاوري مع جمعيات المجتمع المدني",
                                             "section": str(section.id), "measure": measure,
                                             "position": 1}))["node"]["id"]
    assert (await link(item, "mentions", ngo, sentence="لقاء تشاوري"))["ok"]
    assert (await link(item, "mentions", gid(await mechanism("cat"))))["ok"]
    await m.OutboxEntry.all().delete()
    assert (await run("mutation ($id: ID!) { deleteInstitution(id: $id) { ok } }", {"id": ngo},
                      viewer=REVIEWER))["deleteInstitution"]["ok"]
    row = await stored(item, m.AchievementItem)
    assert await m.Mention.filter(item_id=row.id).values_list("target_type", flat=True) == ["Mechanism"]
    assert set(await m.OutboxEntry.all().values_list("item_type", "item_id", "operation")) == {
        ("Institution", (await Tombstone.get(item_type="Institution")).item_id, "delete"),
        ("AchievementItem", row.id, "upsert")}
    assert (await node(item, "... on AchievementItem { mentions { targetType } }"))["mentions"] == [
        {"targetType": "Mechanism"}]


# --- audit log -----------------------------------------------------------------------------------

AUDIT = "{ auditLog(first: 50) { totalCount edges { node { actor role action itemType itemId detail } } } }"


async def test_every_write_is_in_the_audit_log_for_admins_only(clean):
    doc = await draft_document()
    row = await stored(doc["id"])
    await update("Document", doc["id"], 1, {"summary": SUMMARY})
    await transition(doc["id"], "SUBMIT", EDITOR, COMMENT)
    await transition(doc["id"], "PUBLISH", REVIEWER)
    await revert(doc["id"], 1, REVIEWER)
    await link(gid(await mechanism("cat")), "themes", gid(await theme("health")))  # refused: not a write
    await run("mutation ($id: ID!) { deleteDocument(id: $id) { ok } }", {"id": doc["id"]}, viewer=ADMIN)

    data = await run(AUDIT, viewer=ADMIN)
    entries = [e["node"] for e in data["auditLog"]["edges"]]
    assert data["auditLog"]["totalCount"] == len(entries) == 6
    assert [(e["action"], e["actor"], e["role"]) for e in reversed(entries)] == [
        ("create", "test-editor", "editor"),
        ("update", "test-editor", "editor"),
        ("submit", "test-editor", "editor"),
        ("publish", "test-reviewer", "reviewer"),
        ("revert", "test-reviewer", "reviewer"),
        ("delete", "test-admin", "admin"),
    ]
    assert {(e["itemType"], e["itemId"]) for e in entries} == {("Document", str(row.id))}
    assert entries[-2]["detail"] == {"fields": ["summary"], "note": ""}
    assert entries[0]["detail"] == {"title": CAT_REPORT}
    filtered = await run('{ auditLog(actor: "test-reviewer") { totalCount } }', viewer=ADMIN)
    assert filtered["auditLog"]["totalCount"] == 2

    for viewer in (ANONYMOUS, PARTNER, EDITOR, REVIEWER, OFFICER):
        result = await run_raw(AUDIT, viewer=viewer)
        assert result.data is None
        assert [e.extensions["code"] for e in result.errors] == ["FORBIDDEN"]
        assert result.errors[0].message  # its wording is the messages catalog's


# --- bad input -----------------------------------------------------------------------------------

async def _refused(type_name: str, input: dict[str, Any], viewer: Viewer = EDITOR) -> tuple[str | None, str, str]:
    before = await counts()
    result = await create(type_name, input, viewer)
    assert result["node"] is None, result
    assert await counts() == before
    return error(result)


async def test_invalid_dates(clean):
    cat = gid(await mechanism("cat"))
    session = {"title": "الدورة الثالثة والسبعون", "mechanism": cat, "number": 73}
    assert await _refused("Session", session | {"startDate": "2022-04-19", "endDate": "2022-04-18"}) == (
        "endDate", "INVALID_DATE", "The end date is before the start date.")
    assert await _refused("Document", {"title": CAT_REPORT, "kind": "NATIONAL_REPORT",
                                       "effective": "2024-05-01T00:00:00+00:00",
                                       "expires": "2024-04-01T00:00:00+00:00"}) == (
        "expires", "INVALID_DATE", "The expiry date is not after the effective date.")
    # On update too: one end of the range changed against the stored other end.
    created = await create("Session", session | {"startDate": "2022-04-19", "endDate": "2022-05-13"})
    before = await counts()
    result = await update("Session", created["node"]["id"], 1, {"startDate": "2022-06-01"})
    assert error(result)[:2] == ("endDate", "INVALID_DATE")
    assert await counts() == before
    row = await stored(created["node"]["id"], m.Session)
    assert (row.start_date, row.version) == (dt.date(2022, 4, 19), 1)
    # A same-day session is fine.
    ok = await update("Session", created["node"]["id"], 1, {"startDate": "2022-05-13"})
    assert ok["errors"] == []


async def test_over_long_and_missing_text(clean):
    base = {"kind": "NATIONAL_REPORT"}
    assert await _refused("Document", base | {"title": "ت" * 1001}) == (
        "title", "TOO_LONG", "Too long: at most 1000 characters.")
    assert (await create("Document", base | {"title": "ت" * 1000}))["errors"] == []
    assert await _refused("Document", base | {"title": " \n "}) == ("title", "REQUIRED", "This field is required.")
    assert (await _refused("Document", base | {"title": CAT_REPORT, "symbol": "س" * 101}))[:2] == (
        "symbol", "TOO_LONG")
    doc = await draft_document()
    result = await update("Document", doc["id"], 1, {"title": None})
    assert error(result) == ("title", "REQUIRED", "This field is required.")


@pytest.mark.parametrize("title, field, message", [
    ("\u202eالتقرير الوطني", "title", "Bidirectional control characters are not allowed in titles."),
    ("التقرير\u200f الوطني", "title", "Bidirectional control characters are not allowed in titles."),
    ("التقرير \u2067الوطني\u2069", "title", "Bidirectional control characters are not allowed in titles."),
    ("التقرير \ud800 الوطني", "title", "Text contains invalid characters (lone surrogates)."),
    ("التقرير\x00الوطني", "title", "Text contains control characters."),
    ("التقرير\x1bالوطني", "title", "Text contains control characters."),
])
async def test_unsafe_characters_in_titles(clean, title, field, message):
    assert await _refused("Document", {"title": title, "kind": "NATIONAL_REPORT"}) == (field, "INVALID_TEXT",
                                                                                       message)


async def test_unsafe_characters_elsewhere(clean):
    base = {"title": CAT_REPORT, "kind": "NATIONAL_REPORT"}
    assert (await _refused("Document", base | {"body": "نص\x07"}))[:2] == ("body", "INVALID_TEXT")
    assert (await _refused("Document", base | {"summary": "نص \udfff"}))[:2] == ("summary", "INVALID_TEXT")
    # Bidi marks are legitimate in running text; tabs and new lines too.
    ok = await create("Document", base | {"body": "الفقرة الأولى\u200f\n\tالفقرة الثانية"}, fields="id body")
    assert ok["errors"] == [] and ok["node"]["body"] == "الفقرة الأولى\u200f\n\tالفقرة الثانية"


async def test_unknown_enum_value_is_a_graphql_validation_error(clean):
    before = await counts()
    result = await run_raw("""mutation ($input: CreateDocumentInput!) { createDocument(input: $input) {
        node { id } } }""", {"input": {"title": CAT_REPORT, "kind": "WHITE_PAPER"}}, viewer=EDITOR)
    assert result.data is None
    assert "WHITE_PAPER" in result.errors[0].message and "DocumentKind" in result.errors[0].message
    inline = await run_raw('mutation { createDocument(input: {title: "x", kind: WHITE_PAPER}) { node { id } } }',
                           viewer=EDITOR)
    assert inline.data is None and "WHITE_PAPER" in inline.errors[0].message
    assert await counts() == before


async def test_bad_relation_ids(clean):
    cat, ministry = await mechanism("cat"), await institution("ministry_hr_parliament")
    session = {"title": "الدورة الرابعة والسبعون", "number": 74}
    assert await _refused("Session", session | {"mechanism": gid(ministry)}) == (
        "mechanism", "INVALID_ID", f"Invalid ID {gid(ministry)!r}: it names a Institution, not a Mechanism.")
    assert await _refused("Session", session | {"mechanism": to_global_id("Mechanism", uuid.uuid4())}) == (
        "mechanism", "NOT_FOUND", "No Mechanism with this ID.")
    assert (await _refused("Session", session | {"mechanism": "نص"}))[:2] == ("mechanism", "INVALID_ID")
    measure = (await create("ProgramMeasure", {"title": "تدبير", "number": 502}))["node"]["id"]
    item = {"title": "إنجاز", "measure": measure, "position": 1}
    assert (await _refused("AchievementItem", item | {"section": "not-a-uuid"}))[:2] == ("section", "INVALID_ID")
    assert (await _refused("AchievementItem", item | {"section": str(uuid.uuid4())}))[:2] == (
        "section", "NOT_FOUND")
    assert (await _refused("AchievementItem", item | {"section": gid(cat)}))[:2] == ("section", "INVALID_ID")
    # A hidden target is as unknown as a missing one.
    complaint = await create("Communication", {"title": "بلاغ", "mechanism": gid(cat), "reference": "CAT/1"}, OFFICER)
    assert complaint["errors"] == []
    doc = await draft_document()
    result = await update("Document", doc["id"], 1, {"mechanism": complaint["node"]["id"]})
    assert error(result)[:2] == ("mechanism", "INVALID_ID")


async def test_duplicates_of_unique_fields(clean):
    cat = gid(await mechanism("cat"))
    session = {"title": "الدورة الخامسة والسبعون", "mechanism": cat, "number": 75}
    assert (await create("Session", session))["errors"] == []
    assert await _refused("Session", session) == (
        "number", "DUPLICATE", "Another Session has this mechanism and number already.")
    assert (await create("ProgramMeasure", {"title": "تدبير", "number": 503}))["errors"] == []
    assert await _refused("ProgramMeasure", {"title": "تدبير آخر", "number": 503}) == (
        "number", "DUPLICATE", "Another ProgramMeasure has this number already.")
    assert await _refused("Mechanism", {"title": "لجنة", "kind": "TREATY_BODY", "key": "cat"}) == (
        "key", "DUPLICATE", "Another Mechanism has this key already.")
    # On update too; and an item keeps its own number.
    other = (await create("Session", session | {"number": 76}))["node"]["id"]
    before = await counts()
    assert error(await update("Session", other, 1, {"number": 75}))[:2] == ("number", "DUPLICATE")
    assert await counts() == before
    assert (await update("Session", other, 1, {"number": 76, "venue": "جنيف"}))["errors"] == []


async def test_unsafe_comments_and_sentences(clean):
    """Free text outside the inputs is checked too (PostgreSQL cannot even store a NUL)."""
    doc = await draft_document()
    before = await counts()
    for comment, code in [("تعليق\x00", "INVALID_TEXT"), ("تعليق \ud83d", "INVALID_TEXT"), ("ت" * 2001, "TOO_LONG")]:
        result = await transition(doc["id"], "SUBMIT", EDITOR, comment)
        assert error(result)[:2] == ("comment", code)
    assert await counts() == before
    assert (await stored(doc["id"])).workflow_state == m.WorkflowState.PRIVATE
    # Bidi marks and new lines are fine in a comment.
    ok = await transition(doc["id"], "SUBMIT", EDITOR, "ملاحظة:\n\u200fالفقرة 3")
    assert ok["errors"] == []
    assert (await node(doc["id"], "... on Content { workflowHistory { comment } }"))["workflowHistory"] == [
        {"comment": "ملاحظة:\n\u200fالفقرة 3"}]

    measure = (await create("ProgramMeasure", {"title": "تدبير", "number": 504}))["node"]["id"]
    section = await m.MeasureSection.create(measure_id=(await stored(measure, m.ProgramMeasure)).id,
                                            position=1, number=1, title="القسم الأول")
    item = (await create("AchievementItem", {"title": "إنجاز", "section": str(section.id), "measure": measure,
                                             "position": 1}))["node"]["id"]
    before = await counts()
    result = await link(item, "mentions", gid(await mechanism("cat")), sentence="جملة\x00")
    assert result["ok"] is False and error(result)[:2] == ("sentence", "INVALID_TEXT")
    assert await counts() == before


async def test_revert_to_a_reference_deleted_since(clean):
    created = await create("Mechanism", {"title": "فريق العمل المعني بالاحتجاز التعسفي", "kind": "SPECIAL_PROCEDURE"},
                           REVIEWER)
    doc = await draft_document(mechanism=created["node"]["id"])
    assert (await update("Document", doc["id"], 1, {"mechanism": None}))["errors"] == []
    assert (await run("mutation ($id: ID!) { deleteMechanism(id: $id) { ok } }", {"id": created["node"]["id"]},
                      viewer=REVIEWER))["deleteMechanism"]["ok"]
    before = await counts()
    assert error(await revert(doc["id"], 1)) == (
        "mechanism", "NOT_FOUND", "Revision 1 refers to a Mechanism that no longer exists: set mechanism to another "
        "one first.")
    assert await counts() == before


async def test_only_case_officers_and_admins_mark_items_confidential(clean):
    """A confidential item is hidden from editors and reviewers: they may not hide one from themselves."""
    before = await counts()
    for viewer in (EDITOR, REVIEWER):
        result = await create("Document", {"title": CAT_REPORT, "kind": "NATIONAL_REPORT", "confidential": True},
                              viewer)
        assert error(result) == ("confidential", "FORBIDDEN",
                                 "Only case officers and administrators may mark an item confidential.")
    assert await counts() == before
    doc = await draft_document(confidential=False)
    assert error(await update("Document", doc["id"], 1, {"confidential": True}, REVIEWER))[:2] == (
        "confidential", "FORBIDDEN")
    assert (await stored(doc["id"])).confidential is False
    hidden = await create("Document", {"title": "مذكرة داخلية", "kind": "OTHER", "confidential": True}, ADMIN)
    assert hidden["errors"] == []
    assert await node(hidden["node"]["id"], "id", REVIEWER) is None
    assert await node(hidden["node"]["id"], "id", OFFICER) == {"id": hidden["node"]["id"]}


@pytest.fixture
async def search_run(clean, database_url, tmp_path):
    """`search` as a viewer, with the outbox drained first (Whoosh on SQLite, PostgreSQL on PostgreSQL)."""
    from types import SimpleNamespace

    from schema.context import Context
    from schema.schema import schema
    from search_index.backends import make_backend
    from search_index.indexing import alias_expander, drain_outbox, rebuild

    if clean == "postgres":
        backend = make_backend("postgres", postgres_dsn=database_url.replace("postgres://", "postgresql://", 1))
    else:
        backend = make_backend("whoosh", index_dir=tmp_path / "index")
    await backend.setup()
    await rebuild(backend)
    services = SimpleNamespace(search=backend, expander=await alias_expander())

    async def search(q: str, viewer: Viewer = ANONYMOUS) -> dict:
        await drain_outbox(backend)
        result = await schema.execute(
            """query ($q: String!) { search(query: $q, filter: {types: ["Document"]}) {
                 totalCount edges { highlights node { id } } } }""",
            {"q": q}, context_value=Context(viewer=viewer, services=services))
        assert not result.errors, result.errors
        return result.data["search"]

    yield search
    await backend.clear()
    await backend.close()


async def test_deleted_items_leave_search(search_run):
    doc = await draft_document()
    await transition(doc["id"], "PUBLISH", REVIEWER)
    assert (await search_run("مناهضة التعذيب"))["totalCount"] == 1
    await run("mutation ($id: ID!) { deleteDocument(id: $id) { ok } }", {"id": doc["id"]}, viewer=REVIEWER)
    assert await search_run("مناهضة التعذيب") == {"totalCount": 0, "edges": []}
    assert (await search_run("مناهضة التعذيب", ADMIN))["totalCount"] == 0


async def test_search_hides_published_items_outside_their_window(search_run):
    future = (dt.datetime.now(dt.timezone.utc) + dt.timedelta(days=30)).isoformat()
    doc = await draft_document("تقرير تحت الحظر حول الاختفاء القسري", effective=future)
    await transition(doc["id"], "PUBLISH", REVIEWER)
    assert (await search_run("الاختفاء القسري", EDITOR))["totalCount"] == 1
    assert await search_run("الاختفاء القسري") == {"totalCount": 0, "edges": []}


async def test_revert_cannot_make_an_item_confidential_without_the_role(clean):
    from content.services.editing import Actor, update

    doc = await draft_document("بيان حول زيارة المقرر الخاص")
    item = await m.Document.get(id=from_global_id(doc["id"])[1])
    admin = Actor("admin", "admin")
    await update(m.Document, item.id, 1, {"confidential": True}, admin)
    await update(m.Document, item.id, 2, {"confidential": False}, admin)
    result = await run(REVERT_CONFIDENTIAL, {"id": doc["id"], "revision": 2}, viewer=EDITOR)
    assert result["revert"]["node"] is None
    assert result["revert"]["errors"][0]["code"] == "FORBIDDEN"
    assert (await m.Document.get(id=item.id)).confidential is False


REVERT_CONFIDENTIAL = """mutation ($id: ID!, $revision: Int!) {
  revert(id: $id, revision: $revision) { node { id } errors { field code message } } }"""
