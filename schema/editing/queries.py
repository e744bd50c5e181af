"""Root field `auditLog` (admins only)."""

from __future__ import annotations

import strawberry
from strawberry.types import Info

from content.models.editing import AuditEntry as AuditEntryModel
from schema.core.pagination import Connection, paginate
from schema.editing.types import AuditEntry
from content.i18n import messages
from schema.errors import UserError
from schema.permissions import can_read_audit_log


@strawberry.type
class EditingQueries:
    @strawberry.field(description="Every write, newest first (admins only).")
    async def audit_log(
        self, info: Info, first: int | None = None, after: str | None = None,
        actor: str | None = None, item_type: str | None = None,
    ) -> Connection[AuditEntry]:
        if not can_read_audit_log(info.context.viewer):
            raise UserError(messages.FORBIDDEN, "FORBIDDEN")
        queryset = AuditEntryModel.all()
        if actor:
            queryset = queryset.filter(actor=actor)
        if item_type:
            queryset = queryset.filter(item_type=item_type)
        return await paginate(queryset.order_by("-id"), first=first, after=after)
