"""Orderings of the `mechanisms` and `sessions` connections."""

from __future__ import annotations

from enum import Enum

import strawberry

from schema.core.enums import OrderDirection


@strawberry.enum
class MechanismOrderField(Enum):
    TITLE = "title"
    ACRONYM = "acronym"
    KIND = "kind"
    CREATED = "created"
    MODIFIED = "modified"


@strawberry.input
class MechanismOrder:
    field: MechanismOrderField = MechanismOrderField.TITLE
    direction: OrderDirection = OrderDirection.ASC


@strawberry.enum
class SessionOrderField(Enum):
    NUMBER = "number"
    START_DATE = "start_date"
    TITLE = "title"
    MODIFIED = "modified"


@strawberry.input
class SessionOrder:
    field: SessionOrderField = SessionOrderField.START_DATE
    direction: OrderDirection = OrderDirection.ASC
