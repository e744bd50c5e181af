"""Per-request data loaders: one batched query per relation and level, whatever the page size.

Row visibility is enforced here (saleor's rule): a loader never returns an item its viewer may
not see, so no nested field can leak one.

Relation fields are plain `def`s that return the loader's future (`loader.load(key)`), not
coroutines: graphql-core awaits the future with the batch, and each field saves a coroutine and a
task (bench/graphql_overhead.py measures the page).
"""

from __future__ import annotations

import uuid
from collections import defaultdict
from collections.abc import Callable, Hashable, Sequence
from typing import Any

from strawberry.dataloader import DataLoader
from tortoise.models import Model

from content.models import ContentItem
from schema.core.filters import ordered
from schema.permissions import Viewer, visible_rows_q


def _visible(model: type[Model], viewer: Viewer):
    queryset = model.all()
    if issubclass(model, ContentItem):
        queryset = queryset.filter(visible_rows_q(viewer, model))
    return queryset


class Loaders:
    """The loaders of one request, created on first use and cached by a key."""

    def __init__(self, viewer: Viewer) -> None:
        self.viewer = viewer
        self._loaders: dict[Hashable, DataLoader] = {}

    def _get(self, key: Hashable, load_fn: Callable[[list[Any]], Any]) -> DataLoader:
        loader = self._loaders.get(key)
        if loader is None:
            loader = self._loaders[key] = DataLoader(load_fn=load_fn)
        return loader

    def by_id(self, model: type[Model]) -> DataLoader[uuid.UUID, Any]:
        """Items by primary key (None where missing or invisible)."""

        async def load(ids: list[uuid.UUID]) -> list[Any]:
            rows = await _visible(model, self.viewer).filter(id__in=ids)
            found = {row.id: row for row in rows}
            return [found.get(i) for i in ids]

        return self._get(("by_id", model), load)

    def children(
        self, model: type[Model], fk: str, order_by: Sequence[str] | None = None, **filters: Any
    ) -> DataLoader[uuid.UUID, list[Any]]:
        """Rows of `model` whose `fk` (e.g. "mechanism_id") is the key, as lists.

        Ordered by `order_by` (missing values last), then by primary key; content items default
        to the order they were created in (a UUID alone would give a random-looking order).
        """
        if order_by is None:
            order_by = ("created",) if issubclass(model, ContentItem) else ()
        order_by = (*order_by, "id") if "id" not in order_by else tuple(order_by)

        async def load(keys: list[uuid.UUID]) -> list[list[Any]]:
            queryset = _visible(model, self.viewer).filter(**{f"{fk}__in": keys}, **filters)
            rows = await ordered(queryset, model, list(order_by))
            grouped: dict[Any, list[Any]] = defaultdict(list)
            for row in rows:
                grouped[getattr(row, fk)].append(row)
            return [grouped.get(k, []) for k in keys]

        return self._get(("children", model, fk, tuple(order_by), tuple(sorted(filters.items()))), load)

    def linked(
        self, link: type[Model], from_fk: str, to_fk: str, target: type[Model]
    ) -> DataLoader[uuid.UUID, list[Any]]:
        """Targets reached through a link table (many-to-many), visible ones only."""

        async def load(keys: list[uuid.UUID]) -> list[list[Any]]:
            links = await link.filter(**{f"{from_fk}__in": keys}).order_by("id").values(from_fk, to_fk)
            target_ids = list({row[to_fk] for row in links})
            targets = await self.by_id(target).load_many(target_ids)
            by_id = {t.id: t for t in targets if t is not None}
            grouped: dict[Any, list[Any]] = defaultdict(list)
            for row in links:
                if row[to_fk] in by_id:
                    grouped[row[from_fk]].append(by_id[row[to_fk]])
            return [grouped.get(k, []) for k in keys]

        return self._get(("linked", link, from_fk, to_fk, target), load)
