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


def mentioned_targets_loader(loaders: Loaders) -> DataLoader[tuple[uuid.UUID, str], list[Any]]:
    """Visible records of one type an item mentions, keyed (item id, type name): one batch for both
    the mentions and the targets, so the field can hand graphql-core the loader's future."""

    async def load(keys: list[tuple[uuid.UUID, str]]) -> list[list[Any]]:
        by_item = await mentions_by_item_loader(loaders).load_many(list({item for item, _ in keys}))
        wanted: dict[str, set[uuid.UUID]] = defaultdict(set)
        item_mentions: dict[uuid.UUID, list[Any]] = {}
        for group in by_item:
            for mention in group:
                item_mentions.setdefault(mention.item_id, []).append(mention)
                wanted[mention.target_type].add(mention.target_id)
        found: dict[tuple[str, uuid.UUID], Any] = {}
        for type_name, ids in wanted.items():
            model = m.CONTENT_TYPES.get(type_name)
            if model is None:
                continue
            for row in await loaders.by_id(model).load_many(list(ids)):
                if row is not None:
                    found[(type_name, row.id)] = row
        return [
            [found[(t, x.target_id)] for x in item_mentions.get(item, [])
             if x.target_type == t and (t, x.target_id) in found]
            for item, t in keys
        ]

    return loaders._get("mentioned_targets", load)


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
    def mentioned_in(self, info: Info) -> list[AchievementItemRef]:
        return mentioned_in_loader(info.context.loaders, type(self).__name__).load(self.id)
