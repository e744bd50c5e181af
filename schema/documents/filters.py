"""Filters of the `documents` and `recommendations` connections."""

from __future__ import annotations

import strawberry
from tortoise.expressions import Q

from schema.core.enums import DocumentKind, DocumentStatus, ImplementationStatus, RecommendationPosition
from schema.core.filters import ContentFilter, DateRange, date_range_q, id_of


@strawberry.input
class DocumentFilter(ContentFilter):
    RELATED = {"mechanism": "mechanism", "mechanism_key": "mechanism", "session": "session"}
    kind: DocumentKind | None = None
    status: DocumentStatus | None = None
    mechanism: strawberry.ID | None = None
    mechanism_key: str | None = None
    session: strawberry.ID | None = None
    cycle: int | None = None
    symbol: str | None = None
    due: DateRange | None = None
    submitted: DateRange | None = None

    def extra_q(self) -> Q:
        q = date_range_q("due_date", self.due) & date_range_q("submitted_date", self.submitted)
        if self.kind is not None:
            q &= Q(kind=self.kind.value)
        if self.status is not None:
            q &= Q(status=self.status.value)
        if self.mechanism is not None:
            q &= Q(mechanism_id=id_of(self.mechanism, "Mechanism"))
        if self.mechanism_key is not None:
            q &= Q(mechanism__key=self.mechanism_key)
        if self.session is not None:
            q &= Q(session_id=id_of(self.session, "Session"))
        if self.cycle is not None:
            q &= Q(cycle=self.cycle)
        if self.symbol is not None:
            q &= Q(symbol=self.symbol)
        return q


@strawberry.input
class RecommendationFilter(ContentFilter):
    RELATED = {
        "mechanism": "mechanism",
        "mechanism_key": "mechanism",
        "session": "session",
        "theme": "theme_links__theme",
        "theme_key": "theme_links__theme",
        "institution": "institution_links__institution",
    }
    mechanism: strawberry.ID | None = None
    mechanism_key: str | None = None
    session: strawberry.ID | None = None
    theme: strawberry.ID | None = None
    theme_key: str | None = None
    institution: strawberry.ID | None = None
    position: RecommendationPosition | None = None
    implementation_status: ImplementationStatus | None = None
    recommending_state: str | None = None

    def extra_q(self) -> Q:
        q = Q()
        if self.mechanism is not None:
            q &= Q(mechanism_id=id_of(self.mechanism, "Mechanism"))
        if self.mechanism_key is not None:
            q &= Q(mechanism__key=self.mechanism_key)
        if self.session is not None:
            q &= Q(session_id=id_of(self.session, "Session"))
        if self.theme is not None:
            q &= Q(theme_links__theme_id=id_of(self.theme, "Theme"))
        if self.theme_key is not None:
            q &= Q(theme_links__theme__key=self.theme_key)
        if self.institution is not None:
            q &= Q(institution_links__institution_id=id_of(self.institution, "Institution"))
        if self.position is not None:
            q &= Q(position=self.position.value)
        if self.implementation_status is not None:
            q &= Q(implementation_status=self.implementation_status.value)
        if self.recommending_state is not None:
            q &= Q(recommending_state__iexact=self.recommending_state)
        return q
