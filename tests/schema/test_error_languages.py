"""Errors in the caller's language: a mutation's FieldErrors and the GraphQL UserErrors follow the
request's Accept-Language (Arabic, French), and are English when the request sends none."""

from __future__ import annotations

from types import SimpleNamespace
from typing import Any

import pytest

from content.models.editing import AuditEntry, Revision, Tombstone, WorkflowEvent
from schema.context import Context
from schema.permissions import Role, Viewer
from schema.schema import schema
from tests.factories import connection_query, gid, mechanism
from tests.schema.gqlrun import as_role

EDITOR, ADMIN = as_role(Role.EDITOR), as_role(Role.ADMIN)
ERRORS = "errors { field message code }"
REPORT = "التقرير الوطني الخامس حول إعمال اتفاقية مناهضة التعذيب"
# Accept-Language as browsers send it; None: no header (scripts), hence English.
ARABIC, FRENCH, NONE, ENGLISH = "ar-MA,ar;q=0.9,fr;q=0.6", "fr-FR,fr;q=0.9,en;q=0.5", None, "en-GB"


@pytest.fixture
async def clean(db):
    """Also clear the editing tables (the shared `db` fixture keeps them)."""
    yield db
    for model in (Revision, WorkflowEvent, Tombstone, AuditEntry):
        await model.all().delete()


async def execute(query: str, variables: dict[str, Any] | None = None, *, accept_language: str | None,
                  viewer: Viewer = EDITOR) -> Any:
    headers = {} if accept_language is None else {"accept-language": accept_language}
    return await schema.execute(query, variable_values=variables,
                                context_value=Context(viewer=viewer, request=SimpleNamespace(headers=headers)))


async def create(type_name: str, input: dict[str, Any], accept_language: str | None,
                 viewer: Viewer = EDITOR) -> dict:
    result = await execute(f"""mutation ($input: Create{type_name}Input!) {{
        create{type_name}(input: $input) {{ node {{ id }} {ERRORS} }} }}""",
                           {"input": input}, accept_language=accept_language, viewer=viewer)
    assert not result.errors, result.errors
    return result.data[f"create{type_name}"]


async def transition(global_id: str, action: str, accept_language: str | None, viewer: Viewer = EDITOR) -> dict:
    result = await execute(f"""mutation ($id: ID!, $action: WorkflowAction!) {{
        transition(id: $id, action: $action) {{ node {{ id }} {ERRORS} }} }}""",
                           {"id": global_id, "action": action}, accept_language=accept_language, viewer=viewer)
    assert not result.errors, result.errors
    return result.data["transition"]


def only_error(payload: dict) -> tuple[str | None, str, str]:
    assert payload["node"] is None and len(payload["errors"]) == 1, payload
    error = payload["errors"][0]
    return error["field"], error["code"], error["message"]


# --- FieldErrors of mutations ----------------------------------------------------------------------

@pytest.mark.parametrize("accept_language, message", [
    (ARABIC, "تاريخ الانتهاء سابق لتاريخ البدء."),
    (FRENCH, "La date de fin est antérieure à la date de début."),
    (NONE, "The end date is before the start date."),
    (ENGLISH, "The end date is before the start date."),
], ids=["ar", "fr", "none", "en"])
async def test_an_edit_error_from_the_editing_service(clean, accept_language, message):
    session = {"title": "الدورة الثالثة والسبعون", "mechanism": gid(await mechanism("cat")), "number": 73,
               "startDate": "2022-04-19", "endDate": "2022-04-18"}
    assert only_error(await create("Session", session, accept_language)) == ("endDate", "INVALID_DATE", message)


@pytest.mark.parametrize("accept_language, message", [
    (ARABIC, "النص طويل جداً: الحد الأقصى لعدد الأحرف هو 1000."),
    (FRENCH, "Trop long : 1000 caractères au plus."),
    (NONE, "Too long: at most 1000 characters."),
], ids=["ar", "fr", "none"])
async def test_a_validation_error_of_the_input(clean, accept_language, message):
    document = {"title": "ت" * 1001, "kind": "NATIONAL_REPORT"}
    assert only_error(await create("Document", document, accept_language)) == ("title", "TOO_LONG", message)


@pytest.mark.parametrize("accept_language, message", [
    (ARABIC, "يوجد عنصر آخر من نوع «آلية» يحمل القيمة نفسها في key."),
    (FRENCH, "Un autre élément de type « Mécanisme » a déjà la même valeur pour key."),
    (NONE, "Another Mechanism has this key already."),
], ids=["ar", "fr", "none"])
async def test_content_types_are_named_by_their_label_outside_english(clean, accept_language, message):
    mechanism_input = {"title": "لجنة", "kind": "TREATY_BODY", "key": "cat"}
    assert only_error(await create("Mechanism", mechanism_input, accept_language)) == (
        "key", "DUPLICATE", message)


@pytest.mark.parametrize("accept_language, refused, forbidden", [
    (ARABIC, "لا يمكن تنفيذ عملية «الإرجاع للمراجعة» على عنصر حالته «خاص».",
     "ليست لديك صلاحية تنفيذ عملية «النشر» على هذا العنصر."),
    (FRENCH, "Impossible d'effectuer le renvoi pour révision d'un élément dont l'état est « Privé ».",
     "Vous n'êtes pas autorisé à effectuer la publication de cet élément."),
    (NONE, "Cannot reject an item that is private.", "You are not allowed to publish this item."),
], ids=["ar", "fr", "none"])
async def test_workflow_errors_name_the_action_and_the_state(clean, accept_language, refused, forbidden):
    created = await create("Document", {"title": REPORT, "kind": "NATIONAL_REPORT"}, None)
    assert created["errors"] == []
    document = created["node"]["id"]
    assert only_error(await transition(document, "REJECT", accept_language, ADMIN)) == (
        "action", "INVALID_TRANSITION", refused)
    assert only_error(await transition(document, "PUBLISH", accept_language, EDITOR)) == (
        None, "FORBIDDEN", forbidden)


@pytest.mark.parametrize("accept_language, unauthenticated, invalid_id", [
    (ARABIC, "المصادقة مطلوبة: أرسل رمز API.", "المعرّف 'nope' غير صالح: ليس معرّفاً شاملاً من معرّفات مرصد."),
    (FRENCH, "Authentification requise : envoyez un jeton d'API.",
     "Identifiant 'nope' non valide : ce n'est pas un identifiant global Marsad."),
    (NONE, "Authentication required: send an API token.", "Invalid ID 'nope': not a Marsad global ID."),
], ids=["ar", "fr", "none"])
async def test_who_may_not_edit_and_ids_that_name_nothing(db, accept_language, unauthenticated, invalid_id):
    anonymous = await create("Document", {"title": REPORT, "kind": "NATIONAL_REPORT"}, accept_language, Viewer())
    assert only_error(anonymous) == (None, "UNAUTHENTICATED", unauthenticated)
    result = await execute("""mutation { deleteDocument(id: "nope") { ok errors { field message code } } }""",
                           accept_language=accept_language)
    assert not result.errors
    assert result.data["deleteDocument"] == {"ok": False, "errors": [
        {"field": "id", "message": invalid_id, "code": "INVALID_ID"}]}


# --- GraphQL errors (UserError) ------------------------------------------------------------------

@pytest.mark.parametrize("accept_language, message", [
    (ARABIC, "يتضمن `symbol` حرفاً لا يمكن أن يتضمنه نص (U+0000 أو وحدة ترميز بديلة منفردة)."),
    (FRENCH, "`symbol` contient un caractère qu'un texte ne peut pas contenir (U+0000 ou un substitut isolé)."),
    (NONE, "`symbol` contains a character text cannot hold (U+0000 or a lone surrogate)."),
], ids=["ar", "fr", "none"])
async def test_a_user_error(db, accept_language, message):
    result = await execute(connection_query("documents"), {"filter": {"symbol": "CAT/C/MAR/\x00"}, "first": 5},
                           accept_language=accept_language)
    assert result.data is None
    assert [e.message for e in result.errors] == [message]
    assert result.errors[0].extensions == {"code": "BAD_USER_INPUT"}
