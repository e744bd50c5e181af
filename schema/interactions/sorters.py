"""Orderings of the interaction connections (by date, title or modification)."""

from __future__ import annotations

from enum import Enum

import strawberry

from schema.core.enums import OrderDirection


@strawberry.enum
class DatedOrderField(Enum):
    DATE = "date"
    TITLE = "title"
    CREATED = "created"
    MODIFIED = "modified"


@strawberry.enum
class ReceivedOrderField(Enum):
    RECEIVED_DATE = "received_date"
    TITLE = "title"
    CREATED = "created"
    MODIFIED = "modified"


@strawberry.input
class DatedOrder:
    field: DatedOrderField = DatedOrderField.DATE
    direction: OrderDirection = OrderDirection.DESC


@strawberry.input
class ReceivedOrder:
    field: ReceivedOrderField = ReceivedOrderField.RECEIVED_DATE
    direction: OrderDirection = OrderDirection.DESC
