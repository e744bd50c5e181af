"""Filters of the interaction connections."""

from __future__ import annotations

import strawberry
from tortoise.expressions import Q

from schema.core.enums import CommunicationStatus, EventKind, InformationRequestKind, NgoInteractionKind
from schema.core.filters import ContentFilter, DateRange, date_range_q, id_of


def _mechanism_q(global_id: strawberry.ID | None, key: str | None, path: str = "mechanism") -> Q:
    q = Q()
    if global_id is not None:
        q &= Q(**{f"{path}_id": id_of(global_id, "Mechanism")})
    if key is not None:
        q &= Q(**{f"{path}__key": key})
    return q


@strawberry.input
class CommunicationFilter(ContentFilter):
    RELATED = {"mechanism": "mechanism", "mechanism_key": "mechanism"}
    mechanism: strawberry.ID | None = None
    mechanism_key: str | None = None
    status: CommunicationStatus | None = None
    received: DateRange | None = None
    allegation_category: str | None = None

    def extra_q(self) -> Q:
        q = _mechanism_q(self.mechanism, self.mechanism_key) & date_range_q("received_date", self.received)
        if self.status is not None:
            q &= Q(status=self.status.value)
        if self.allegation_category is not None:
            q &= Q(allegation_category=self.allegation_category)
        return q


@strawberry.input
class InformationRequestFilter(ContentFilter):
    RELATED = {"mechanism": "mechanism_links__mechanism", "mechanism_key": "mechanism_links__mechanism"}
    kind: InformationRequestKind | None = None
    mechanism: strawberry.ID | None = None
    mechanism_key: str | None = None
    received: DateRange | None = None
    deadline: DateRange | None = None

    def extra_q(self) -> Q:
        q = date_range_q("received_date", self.received) & date_range_q("deadline", self.deadline)
        q &= _mechanism_q(self.mechanism, self.mechanism_key, "mechanism_links__mechanism")
        if self.kind is not None:
            q &= Q(kind=self.kind.value)
        return q


@strawberry.input
class NgoInteractionFilter(ContentFilter):
    RELATED = {"organisation": "organisation", "organisation_key": "organisation"}
    kind: NgoInteractionKind | None = None
    organisation: strawberry.ID | None = None
    organisation_key: str | None = None
    received: DateRange | None = None

    def extra_q(self) -> Q:
        q = date_range_q("received_date", self.received)
        if self.kind is not None:
            q &= Q(kind=self.kind.value)
        if self.organisation is not None:
            q &= Q(organisation_id=id_of(self.organisation, "Institution"))
        if self.organisation_key is not None:
            q &= Q(organisation__key=self.organisation_key)
        return q


@strawberry.input
class ParliamentaryPresentationFilter(ContentFilter):
    RELATED = {"chamber": "chamber", "committee": "committee"}
    chamber: strawberry.ID | None = None
    committee: strawberry.ID | None = None
    dates: DateRange | None = None

    def extra_q(self) -> Q:
        q = date_range_q("date", self.dates)
        if self.chamber is not None:
            q &= Q(chamber_id=id_of(self.chamber, "Institution"))
        if self.committee is not None:
            q &= Q(committee_id=id_of(self.committee, "Institution"))
        return q


@strawberry.input
class EventFilter(ContentFilter):
    RELATED = {
        "mechanism": "mechanism",
        "mechanism_key": "mechanism",
        "session": "session",
        "partner": "partner_links__institution",
    }
    kind: EventKind | None = None
    mechanism: strawberry.ID | None = None
    mechanism_key: str | None = None
    session: strawberry.ID | None = None
    partner: strawberry.ID | None = None
    dates: DateRange | None = None

    def extra_q(self) -> Q:
        q = _mechanism_q(self.mechanism, self.mechanism_key) & date_range_q("date", self.dates)
        if self.kind is not None:
            q &= Q(kind=self.kind.value)
        if self.session is not None:
            q &= Q(session_id=id_of(self.session, "Session"))
        if self.partner is not None:
            q &= Q(partner_links__institution_id=id_of(self.partner, "Institution"))
        return q
