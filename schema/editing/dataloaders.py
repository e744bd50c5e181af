"""Loaders for an item's revisions, workflow events and translations (batched per request)."""

from __future__ import annotations

import uuid
from collections import defaultdict
from typing import Any

from strawberry.dataloader import DataLoader

from content.models import CONTENT_TYPES
from content.models.editing import Revision, WorkflowEvent
from schema.core.dataloaders import Loaders
from schema.permissions import visible_rows_q


def _by_item(loaders: Loaders, model: type, type_name: str) -> DataLoader[uuid.UUID, list[Any]]:
    async def load(keys: list[uuid.UUID]) -> list[list[Any]]:
        rows = await model.filter(item_type=type_name, item_id__in=keys).order_by("id")
        grouped: dict[uuid.UUID, list[Any]] = defaultdict(list)
        for row in rows:
            grouped[row.item_id].append(row)
        return [grouped.get(k, []) for k in keys]

    return loaders._get((model.__name__, type_name), load)


def revisions(loaders: Loaders, type_name: str) -> DataLoader[uuid.UUID, list[Revision]]:
    return _by_item(loaders, Revision, type_name)


def workflow_events(loaders: Loaders, type_name: str) -> DataLoader[uuid.UUID, list[WorkflowEvent]]:
    return _by_item(loaders, WorkflowEvent, type_name)


def translations(loaders: Loaders, type_name: str) -> DataLoader[uuid.UUID, list[Any]]:
    """Visible items of the same type in the same translation group (keyed by group)."""
    model = CONTENT_TYPES[type_name]

    async def load(groups: list[uuid.UUID]) -> list[list[Any]]:
        rows = await model.filter(visible_rows_q(loaders.viewer, model), translation_group__in=groups).order_by(
            "language")
        grouped: dict[uuid.UUID, list[Any]] = defaultdict(list)
        for row in rows:
            grouped[row.translation_group].append(row)
        return [grouped.get(g, []) for g in groups]

    return loaders._get(("translations", type_name), load)


def attachments(loaders: Loaders, type_name: str) -> DataLoader[uuid.UUID, list[Any]]:
    from content.models import Attachment

    return _by_item(loaders, Attachment, type_name)
