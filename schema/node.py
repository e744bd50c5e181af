"""Root fields `node(id:)` and `nodes(ids:)` (Relay)."""

from __future__ import annotations

import asyncio

import strawberry
from strawberry.types import Info

from content.models import CONTENT_TYPES
from schema.core.ids import from_global_id
from schema.core.interfaces import Node
from content.i18n import messages
from schema.errors import UserError

MAX_NODES = 100


async def _load(info: Info, global_id: str) -> object | None:
    type_name, item_id = from_global_id(global_id)
    model = CONTENT_TYPES.get(type_name)
    if model is None:
        raise UserError(messages.INVALID_ID_UNKNOWN_TYPE, "INVALID_ID", id=global_id[:80], type=type_name[:40])
    # Missing and invisible look the same: null, so the API never reveals what exists.
    return await info.context.loaders.by_id(model).load(item_id)


@strawberry.type
class NodeQueries:
    @strawberry.field(description="Any item by its global ID; null if it does not exist or you may not see it.")
    async def node(self, info: Info, id: strawberry.ID) -> Node | None:
        return await _load(info, id)

    @strawberry.field(description="Several items by global ID, in the same order (null where unknown).")
    async def nodes(self, info: Info, ids: list[strawberry.ID]) -> list[Node | None]:
        if len(ids) > MAX_NODES:
            raise UserError(messages.TOO_MANY_IDS, "PAGE_TOO_LARGE", max=MAX_NODES)
        # Gathered, so the data loaders batch them: one query per type, not one per ID.
        return list(await asyncio.gather(*(_load(info, i) for i in ids)))
