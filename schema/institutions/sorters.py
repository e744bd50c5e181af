"""Orderings of the `institutions` and `themes` connections."""

from __future__ import annotations

from enum import Enum

import strawberry

from schema.core.enums import OrderDirection


@strawberry.enum
class InstitutionOrderField(Enum):
    TITLE = "title"
    KIND = "kind"
    CREATED = "created"
    MODIFIED = "modified"


@strawberry.input
class InstitutionOrder:
    field: InstitutionOrderField = InstitutionOrderField.TITLE
    direction: OrderDirection = OrderDirection.ASC


@strawberry.enum
class ThemeOrderField(Enum):
    TITLE = "title"
    KEY = "key"
    MODIFIED = "modified"


@strawberry.input
class ThemeOrder:
    field: ThemeOrderField = ThemeOrderField.TITLE
    direction: OrderDirection = OrderDirection.ASC
