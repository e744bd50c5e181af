"""GraphQL types of the editing API: errors, revisions, workflow events, audit entries, payloads."""

from __future__ import annotations

import datetime as dt
from typing import Any, Optional

import strawberry
from strawberry.scalars import JSON

from schema.core.interfaces import Content


def graphql_field_name(column: str) -> str:
    """`mechanism_id` → `mechanism`, `start_date` → `startDate`: the names callers use."""
    name = column[:-3] if column.endswith("_id") else column
    head, *rest = name.split("_")
    return head + "".join(part.title() for part in rest)


@strawberry.type(description="A problem with a mutation's input, tied to a field where there is one.")
class FieldError:
    field: str | None
    message: str
    code: str


@strawberry.type(description="One stored change of an item.")
class Revision:
    version: int
    actor: str
    created: dt.datetime
    note: str

    @classmethod
    def is_type_of(cls, obj: Any, info: Any) -> bool:
        return type(obj).__name__ == "Revision"

    @strawberry.field(description="{field: [old, new]}, fields named as in the GraphQL inputs.")
    def changes(self) -> JSON:
        return {graphql_field_name(name): values for name, values in self.changes.items()}

    @strawberry.field(description="The fields this change touched (GraphQL names).")
    def fields(self) -> list[str]:
        return sorted(graphql_field_name(name) for name in self.changes)


@strawberry.type(description="One workflow transition of an item.")
class WorkflowEvent:
    action: str
    from_state: str
    to_state: str
    actor: str
    comment: str
    created: dt.datetime

    @classmethod
    def is_type_of(cls, obj: Any, info: Any) -> bool:
        return type(obj).__name__ == "WorkflowEvent"


@strawberry.type(description="One write, as the audit log records it.")
class AuditEntry:
    actor: str
    role: str
    action: str
    item_type: str
    created: dt.datetime
    detail: JSON

    @classmethod
    def is_type_of(cls, obj: Any, info: Any) -> bool:
        return type(obj).__name__ == "AuditEntry"

    @strawberry.field
    def item_id(self) -> str | None:
        return str(self.item_id) if self.item_id else None


@strawberry.type(description="A file attached to an item (PDF, DOCX, TXT), with its extracted text.")
class Attachment:
    name: str
    media_type: str
    size: int
    checksum: str = strawberry.field(description="SHA-256 of the file.")
    text: str = strawberry.field(description="The text extracted from the file (searchable).")
    created: dt.datetime

    @classmethod
    def is_type_of(cls, obj: Any, info: Any) -> bool:
        return type(obj).__name__ == "Attachment"


@strawberry.type(description="The result of a mutation that has no single item (delete, link).")
class MutationResult:
    ok: bool
    errors: list[FieldError]


def payload_type(type_name: str, node_type: Any) -> type:
    """`<Type>Payload { node: <Type>, errors: [FieldError!]! }`."""
    cls = type(f"{type_name}Payload", (), {
        "__annotations__": {"node": Optional[node_type], "errors": list[FieldError]},
        "__module__": __name__,
    })
    return strawberry.type(cls, description=f"The {type_name} after the mutation, or why not.")


@strawberry.type(description="The item after the mutation, or why not.")
class ContentPayload:
    node: Content | None
    errors: list[FieldError]
