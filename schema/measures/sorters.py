"""Orderings of the `programMeasures` connection."""

from __future__ import annotations

from enum import Enum

import strawberry

from schema.core.enums import OrderDirection


@strawberry.enum
class ProgramMeasureOrderField(Enum):
    NUMBER = "number"
    TITLE = "title"
    STATUS_AS_OF = "status_as_of"
    MODIFIED = "modified"


@strawberry.input
class ProgramMeasureOrder:
    field: ProgramMeasureOrderField = ProgramMeasureOrderField.NUMBER
    direction: OrderDirection = OrderDirection.ASC
