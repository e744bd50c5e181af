"""The reverse side of mentions: every mentionable type lists the achievement items naming it."""

from __future__ import annotations

import uuid
from collections import defaultdict
from typing import Any

import strawberry
from strawberry.dataloader import DataLoader
from strawberry.types import Info

from content import models as m
from schema.core.dataloaders import Loaders
from schema.core.refs import AchievementItemRef


def mentioned_in_loader(loaders: Loaders, target_type: str) -> DataLoader[uuid.UUID, list[Any]]:
    async def load(keys: list[uuid.UUID]) -> list[list[Any]]:
        rows = (
            await m.Mention.filter(target_type=target_type, target_id__in=keys)
            .order_by("id")
            .values("target_id", "item_id")
        )
        items = await loaders.by_id(m.AchievementItem).load_many(list({r["item_id"] for r in rows}))
        visible = {item.id: item for item in items if item is not None}
        grouped: dict[uuid.UUID, list[Any]] = defaultdict(list)
        for row in rows:
            if row["item_id"] in visible:
                grouped[row["target_id"]].append(visible[row["item_id"]])
        return [grouped.get(k, []) for k in keys]

    return loaders._get(("mentioned_in", target_type), load)


def mentions_by_item_loader(loaders: Loaders) -> DataLoader[uuid.UUID, list[m.Mention]]:
    async def load(keys: list[uuid.UUID]) -> list[list[m.Mention]]:
        rows = await m.Mention.filter(item_id__in=keys).order_by("id")
        grouped: dict[uuid.UUID, list[m.Mention]] = defaultdict(list)
        for row in rows:
            grouped[row.item_id].append(row)
        return [grouped.get(k, []) for k in keys]

    return loaders._get("mentions_by_item", load)


@strawberry.type
class Mentionable:
    """Mixin: `mentionedIn` for types that achievement items can mention."""

    @strawberry.field(description="Achievement items that mention this record.")
    async def mentioned_in(self, info: Info) -> list[AchievementItemRef]:
        return await mentioned_in_loader(info.context.loaders, type(self).__name__).load(self.id)
