"""Mutations: create/update/delete for every content type, link/unlink, transition, revert.

Each mutation checks its permission (schema.permissions) before touching anything; problems come
back in the payload's `errors`, never as server errors, in the request's language (Accept-Language;
English without one). A forbidden change and an unknown item get the same answer, so the API never
reveals what exists.
"""

from __future__ import annotations

from enum import Enum
from typing import Any, Callable

import strawberry
from strawberry.types import Info

from content.i18n import messages
from content.models import CONTENT_TYPES, ContentItem
from content.services import editing
from content.services.editing import Term
from content.services.links import set_link
from schema.core.ids import from_global_id
from schema.editing.inputs import INPUTS
from schema.editing.types import ContentPayload, FieldError, MutationResult, payload_type
from schema.editing.validation import check_free_text, field_error, user_error_text, values_from_input
from schema.errors import UserError, context_language
from schema.permissions import (
    CONFIDENTIAL_TYPES,
    Role,
    Viewer,
    can_create,
    can_delete,
    can_set_confidential,
    can_transition,
    can_update,
)

MAX_COMMENT = 2000  # workflow comments (the revision note keeps the first 200 characters)


@strawberry.enum(description="Workflow transitions.")
class WorkflowAction(Enum):
    SUBMIT = "submit"
    PUBLISH = "publish"
    REJECT = "reject"
    RETRACT = "retract"
    ARCHIVE = "archive"


def _actor(viewer: Viewer) -> editing.Actor:
    return editing.Actor(name=viewer.name, role=viewer.role.value)


def _language(info: Info) -> str:
    return context_language(info.context)


def _denied(info: Info, msgid: str = messages.NOT_FOUND_OR_FORBIDDEN, **params: Any) -> list[FieldError]:
    """Unknown, hidden and forbidden look alike unless the caller can see the item anyway."""
    language = _language(info)
    if info.context.viewer.role == Role.ANONYMOUS:
        return [field_error(language, None, "UNAUTHENTICATED", messages.TOKEN_REQUIRED)]
    return [field_error(language, None, "FORBIDDEN", msgid, **params)]


def _not_permitted(info: Info, msgid: str, **params: Any) -> list[FieldError]:
    # Only for items the caller can see: saying "not allowed" reveals nothing they don't know.
    return _denied(info, msgid, **params)


async def _item(info: Info, global_id: str, type_name: str | None = None) -> tuple[ContentItem | None, list[FieldError]]:
    """The visible item a global ID names, or the error to return (same for unknown and hidden)."""
    try:
        found_type, item_id = from_global_id(global_id, type_name)
    except UserError as exc:
        return None, [FieldError(field="id", message=user_error_text(exc, _language(info)), code="INVALID_ID")]
    model = CONTENT_TYPES.get(found_type)
    item = await info.context.loaders.by_id(model).load(item_id) if model else None
    if item is None:
        return None, _denied(info)
    return item, []


def _check_confidential(info: Info, values: dict[str, Any], errors: list[FieldError]) -> None:
    if values.get("confidential") and not can_set_confidential(info.context.viewer):
        errors.append(field_error(_language(info), "confidential", "FORBIDDEN", messages.CONFIDENTIAL_NOT_ALLOWED))


def _edit_error(info: Info, exc: editing.EditError) -> list[FieldError]:
    return [FieldError(field=exc.field, message=exc.text(_language(info)), code=exc.code)]


def _create_resolver(type_name: str, payload: type) -> Callable[..., Any]:
    model, inputs = CONTENT_TYPES[type_name], INPUTS[type_name]

    async def resolver(info: Info, input: Any) -> Any:
        viewer = info.context.viewer
        if not can_create(viewer, type_name):
            return payload(node=None, errors=_denied(info, messages.NOT_ALLOWED_TO_CREATE,
                                                     type=Term.content_type(type_name)))
        values, errors = await values_from_input(info, input, inputs.fields, creating=True)
        if type_name not in CONFIDENTIAL_TYPES:  # those are confidential whatever is sent
            _check_confidential(info, values, errors)
        source = None
        if input.translation_of:
            # The group is joined (and the source's started) by editing.create, in its transaction:
            # a create that fails leaves the source as it was.
            source, source_errors = await _item(info, input.translation_of, type_name)
            errors += [FieldError(field="translationOf", message=e.message, code=e.code) for e in source_errors]
        if errors:
            return payload(node=None, errors=errors)
        try:
            result = await editing.create(model, values, _actor(viewer), translation_of=source)
        except editing.EditError as exc:
            return payload(node=None, errors=_edit_error(info, exc))
        return payload(node=result.item, errors=[])

    resolver.__annotations__ = {"info": Info, "input": inputs.create, "return": payload}
    return resolver


def _update_resolver(type_name: str, payload: type) -> Callable[..., Any]:
    model, inputs = CONTENT_TYPES[type_name], INPUTS[type_name]

    async def resolver(info: Info, id: strawberry.ID, version: int, input: Any) -> Any:
        viewer = info.context.viewer
        item, errors = await _item(info, id, type_name)
        if item is None:
            return payload(node=None, errors=errors)
        if not can_update(viewer, item):
            return payload(node=None, errors=_not_permitted(info, messages.NOT_ALLOWED_TO_CHANGE))
        values, errors = await values_from_input(info, input, inputs.fields, creating=False)
        _check_confidential(info, values, errors)
        if errors:
            return payload(node=None, errors=errors)
        try:
            result = await editing.update(model, item.id, version, values, _actor(viewer))
        except editing.EditError as exc:
            return payload(node=None, errors=_edit_error(info, exc))
        return payload(node=result.item, errors=[])

    resolver.__annotations__ = {"info": Info, "id": strawberry.ID, "version": int, "input": inputs.update,
                                "return": payload}
    return resolver


def _delete_resolver(type_name: str) -> Callable[..., Any]:
    model = CONTENT_TYPES[type_name]

    async def resolver(info: Info, id: strawberry.ID) -> MutationResult:
        viewer = info.context.viewer
        item, errors = await _item(info, id, type_name)
        if item is None:
            return MutationResult(ok=False, errors=errors)
        if not can_delete(viewer, item):
            return MutationResult(ok=False, errors=_not_permitted(info, messages.NOT_ALLOWED_TO_DELETE))
        try:
            await editing.delete(model, item.id, _actor(viewer))
        except editing.EditError as exc:
            return MutationResult(ok=False, errors=_edit_error(info, exc))
        return MutationResult(ok=True, errors=[])

    resolver.__annotations__ = {"info": Info, "id": strawberry.ID, "return": MutationResult}
    return resolver


async def _transition(info: Info, id: strawberry.ID, action: WorkflowAction, comment: str | None = None) -> ContentPayload:
    viewer = info.context.viewer
    item, errors = await _item(info, id)
    if item is None:
        return ContentPayload(node=None, errors=errors)
    if not can_transition(viewer, item, action.value):
        return ContentPayload(node=None, errors=_not_permitted(info, messages.NOT_ALLOWED_TO_TRANSITION,
                                                               action=Term.action(action.value)))
    if comment and (errors := check_free_text("comment", comment, MAX_COMMENT, language=_language(info))):
        return ContentPayload(node=None, errors=errors)
    try:
        result = await editing.transition(type(item), item.id, action.value, _actor(viewer), comment or "")
    except editing.EditError as exc:
        return ContentPayload(node=None, errors=_edit_error(info, exc))
    return ContentPayload(node=result.item, errors=[])


async def _revert(info: Info, id: strawberry.ID, revision: int) -> ContentPayload:
    viewer = info.context.viewer
    item, errors = await _item(info, id)
    if item is None:
        return ContentPayload(node=None, errors=errors)
    if not can_update(viewer, item):
        return ContentPayload(node=None, errors=_not_permitted(info, messages.NOT_ALLOWED_TO_CHANGE))
    stored = await editing.stored_revision(type(item), item.id, revision)
    if stored is not None and bool(stored.snapshot.get("confidential")) != item.confidential:
        # Reverting across a change of confidentiality is setting it: the same rule applies.
        errors = []
        _check_confidential(info, {"confidential": True}, errors)
        if errors:
            return ContentPayload(node=None, errors=errors)
    try:
        result = await editing.revert(type(item), item.id, revision, _actor(viewer))
    except editing.EditError as exc:
        return ContentPayload(node=None, errors=_edit_error(info, exc))
    return ContentPayload(node=result.item, errors=[])


async def _set_link(info: Info, id: strawberry.ID, relation: str, target: strawberry.ID, linked: bool,
                    sentence: str = "") -> MutationResult:
    viewer = info.context.viewer
    item, errors = await _item(info, id)
    if item is None:
        return MutationResult(ok=False, errors=errors)
    if not can_update(viewer, item):
        return MutationResult(ok=False, errors=_not_permitted(info, messages.NOT_ALLOWED_TO_CHANGE))
    other, errors = await _item(info, target)
    if other is None:
        return MutationResult(ok=False, errors=[FieldError(field="target", message=e.message, code=e.code)
                                                for e in errors])
    if sentence and (errors := check_free_text("sentence", sentence, language=_language(info))):
        return MutationResult(ok=False, errors=errors)
    try:
        await set_link(item, relation, other, _actor(viewer), linked=linked, sentence=sentence)
    except editing.EditError as exc:
        return MutationResult(ok=False, errors=_edit_error(info, exc))
    return MutationResult(ok=True, errors=[])


async def _link(info: Info, id: strawberry.ID, relation: str, target: strawberry.ID,
                sentence: str | None = None) -> MutationResult:
    return await _set_link(info, id, relation, target, True, sentence or "")


async def _unlink(info: Info, id: strawberry.ID, relation: str, target: strawberry.ID) -> MutationResult:
    return await _set_link(info, id, relation, target, False)


def build_mutation_type(graphql_types: dict[str, Any]) -> type:
    """The Mutation root type: `create<T>`, `update<T>`, `delete<T>` for every type, and the rest."""
    namespace: dict[str, Any] = {}
    for type_name in CONTENT_TYPES:
        payload = payload_type(type_name, graphql_types[type_name])
        namespace[f"create_{_snake(type_name)}"] = strawberry.mutation(
            resolver=_create_resolver(type_name, payload), name=f"create{type_name}",
            description=f"Create a {type_name} (private until published).")
        namespace[f"update_{_snake(type_name)}"] = strawberry.mutation(
            resolver=_update_resolver(type_name, payload), name=f"update{type_name}",
            description=f"Update a {type_name}; `version` is the one you edited (stale: a CONFLICT error).")
        namespace[f"delete_{_snake(type_name)}"] = strawberry.mutation(
            resolver=_delete_resolver(type_name), name=f"delete{type_name}",
            description=f"Delete a {type_name}, leaving a tombstone.")
    namespace["transition"] = strawberry.mutation(resolver=_transition, description="Take a workflow transition.")
    namespace["revert"] = strawberry.mutation(resolver=_revert, description="Restore an earlier revision.")
    namespace["link"] = strawberry.mutation(resolver=_link, description="Link two items (a many-to-many relation).")
    namespace["unlink"] = strawberry.mutation(resolver=_unlink, description="Remove a link.")
    return strawberry.type(type("Mutation", (), {"__module__": __name__, **namespace}))


def _snake(name: str) -> str:
    return "".join(f"_{c.lower()}" if c.isupper() else c for c in name).lstrip("_")
