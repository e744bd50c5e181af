"""The Node and Content interfaces; their fields read the ORM instance directly (sync, cheap)."""

from __future__ import annotations

import datetime as dt
from typing import Any, ClassVar

import strawberry
from strawberry.types import Info

from schema.core.enums import Language, WorkflowState
from schema.core.ids import to_global_id


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

    @strawberry.field(description="The item's stable UUID.")
    def uuid(self) -> strawberry.ID:
        return strawberry.ID(str(self.id))

    @strawberry.field(description="The title, in `language` where the item has one in it.")
    def title(self, language: Language | None = None) -> str:
        return self.title_in(language.value if language is not None else None)

    @strawberry.field(description="The item's plain text (title, summary, body and parts).")
    def text(self) -> str:
        return self.plain_text()
