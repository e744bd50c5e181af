"""The Node and Content interfaces; their fields read the ORM instance directly (sync, cheap)."""

from __future__ import annotations

import datetime as dt
from typing import Annotated, Any, ClassVar

import strawberry
from strawberry.types import Info

from schema.core.enums import Language, WorkflowState
from schema.core.ids import to_global_id
from schema.core.labels import label_field

RevisionRef = Annotated["Revision", strawberry.lazy("schema.editing.types")]
WorkflowEventRef = Annotated["WorkflowEvent", strawberry.lazy("schema.editing.types")]
AttachmentRef = Annotated["Attachment", strawberry.lazy("schema.editing.types")]


class ModelBacked:
    """Resolve a GraphQL object type from the Tortoise model instance it is given."""

    __model__: ClassVar[type]

    @classmethod
    def is_type_of(cls, obj: Any, info: Info) -> bool:
        return type(obj) is cls.__model__


@strawberry.interface(description="An object with a global ID (Relay).")
class Node:
    @strawberry.field(description="The global ID: pass it to `node(id:)`.")
    def id(self) -> strawberry.ID:
        return strawberry.ID(to_global_id(type(self).__name__, self.id))


@strawberry.interface(description="Fields every content item has.")
class Content(Node):
    slug: str
    language: Language
    summary: str
    body: str
    workflow_state: WorkflowState
    confidential: bool
    created: dt.datetime
    modified: dt.datetime
    created_by: str
    modified_by: str
    version: int
    effective: dt.datetime | None
    expires: dt.datetime | None

    workflow_state_label = label_field("workflow_state")
    language_label = label_field("language")

    @strawberry.field(description="The item's stable UUID.")
    def uuid(self) -> strawberry.ID:
        return strawberry.ID(str(self.id))

    @strawberry.field(description="The title, in `language` where the item has one in it.")
    def title(self, language: Language | None = None) -> str:
        return self.title_in(language.value if language is not None else None)

    @strawberry.field(description="The item's plain text (title, summary, body and parts).")
    def text(self) -> str:
        return self.plain_text()

    @strawberry.field(description="Stored changes, oldest first (empty for public roles).")
    async def history(self, info: Info) -> list[RevisionRef]:
        from schema.editing.dataloaders import revisions
        from schema.permissions import can_read_history

        if not can_read_history(info.context.viewer):
            return []
        return await revisions(info.context.loaders, type(self).__name__).load(self.id)

    @strawberry.field(description="Workflow transitions taken, oldest first (empty for public roles).")
    async def workflow_history(self, info: Info) -> list[WorkflowEventRef]:
        from schema.editing.dataloaders import workflow_events
        from schema.permissions import can_read_history

        if not can_read_history(info.context.viewer):
            return []
        return await workflow_events(info.context.loaders, type(self).__name__).load(self.id)

    @strawberry.field(description="The item in the other languages of its translation group.")
    async def translations(self, info: Info) -> list[Content]:
        return await _translations(self, info)

    @strawberry.field(description="This item in `language`: itself or a translation (null if none).")
    async def translation(self, info: Info, language: Language) -> Content | None:
        if self.language.value == language.value:
            return self
        for item in await _translations(self, info):
            if item.language.value == language.value:
                return item
        return None

    @strawberry.field(description="Files attached to the item, with their extracted text.")
    async def attachments(self, info: Info) -> list[AttachmentRef]:
        from schema.editing.dataloaders import attachments

        return await attachments(info.context.loaders, type(self).__name__).load(self.id)

    @strawberry.field(description="Workflow actions you may take on the item in its current state.")
    def available_transitions(self, info: Info) -> list[str]:
        from content.services.workflow import available
        from schema.permissions import can_transition

        viewer = info.context.viewer
        return [action for action in available(self.workflow_state) if can_transition(viewer, self, action)]


async def _translations(item: Any, info: Info) -> list[Any]:
    from schema.editing.dataloaders import translations

    if item.translation_group is None:
        return []
    group = await translations(info.context.loaders, type(item).__name__).load(item.translation_group)
    return [other for other in group if other.id != item.id]
