"""Orderings of the `documents` and `recommendations` connections."""

from __future__ import annotations

from enum import Enum

import strawberry

from schema.core.enums import OrderDirection


@strawberry.enum
class DocumentOrderField(Enum):
    TITLE = "title"
    DUE_DATE = "due_date"
    SUBMITTED_DATE = "submitted_date"
    CREATED = "created"
    MODIFIED = "modified"


@strawberry.input
class DocumentOrder:
    field: DocumentOrderField = DocumentOrderField.MODIFIED
    direction: OrderDirection = OrderDirection.DESC


@strawberry.enum
class RecommendationOrderField(Enum):
    TITLE = "title"
    PARAGRAPH = "paragraph"
    RECOMMENDING_STATE = "recommending_state"
    CREATED = "created"
    MODIFIED = "modified"


@strawberry.input
class RecommendationOrder:
    field: RecommendationOrderField = RecommendationOrderField.CREATED
    direction: OrderDirection = OrderDirection.ASC
