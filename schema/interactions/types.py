"""GraphQL types of the unit's exchanges: communications, questionnaires, NGOs, parliament, events."""

from __future__ import annotations

import datetime as dt

import strawberry
from strawberry.types import Info

from content import models as m
from schema.core.enums import CommunicationStatus, EventKind, InformationRequestKind, NgoInteractionKind
from schema.core.interfaces import Content, ModelBacked
from schema.core.mentions import Mentionable
from schema.core.refs import DocumentRef, InstitutionRef, MechanismRef, SessionRef
from schema.core.labels import label_field


def _by_id(info: Info, model: type, item_id: object) -> object | None:
    # The loader's future itself (no coroutine): graphql-core awaits it with the batch.
    return None if item_id is None else info.context.loaders.by_id(model).load(item_id)


@strawberry.type(description="An individual complaint or communication: confidential, case officers only.")
class Communication(ModelBacked, Content):
    __model__ = m.Communication
    reference: str
    received_date: dt.date | None
    replied_date: dt.date | None
    allegation_category: str
    status: CommunicationStatus
    status_label = label_field("status")

    @strawberry.field
    def mechanism(self, info: Info) -> MechanismRef | None:
        return _by_id(info, m.Mechanism, self.mechanism_id)


@strawberry.type(description="A questionnaire, call for input or request for information.")
class InformationRequest(ModelBacked, Mentionable, Content):
    __model__ = m.InformationRequest
    kind: InformationRequestKind
    item_count: int = strawberry.field(description="How many requests this record stands for.")
    received_date: dt.date | None
    deadline: dt.date | None
    replied_date: dt.date | None
    kind_label = label_field("kind")

    @strawberry.field(description="The topic (the title).")
    def topic(self) -> str:
        return self.title

    @strawberry.field
    def mechanisms(self, info: Info) -> list[MechanismRef]:
        loader = info.context.loaders.linked(
            m.InformationRequestMechanism, "information_request_id", "mechanism_id", m.Mechanism
        )
        return loader.load(self.id)


@strawberry.type(description="A report, allegation or request from an NGO, and the reply to it.")
class NgoInteraction(ModelBacked, Mentionable, Content):
    __model__ = m.NgoInteraction
    kind: NgoInteractionKind
    received_date: dt.date | None
    kind_label = label_field("kind")

    @strawberry.field
    def organisation(self, info: Info) -> InstitutionRef | None:
        return _by_id(info, m.Institution, self.organisation_id)

    @strawberry.field
    def response_document(self, info: Info) -> DocumentRef | None:
        return _by_id(info, m.Document, self.response_document_id)


@strawberry.type(description="A presentation of the unit's work before parliament.")
class ParliamentaryPresentation(ModelBacked, Mentionable, Content):
    __model__ = m.ParliamentaryPresentation
    date: dt.date | None
    presenter_role: str

    @strawberry.field(description="The subject (the title).")
    def subject(self) -> str:
        return self.title

    @strawberry.field
    def chamber(self, info: Info) -> InstitutionRef | None:
        return _by_id(info, m.Institution, self.chamber_id)

    @strawberry.field
    def committee(self, info: Info) -> InstitutionRef | None:
        return _by_id(info, m.Institution, self.committee_id)


@strawberry.type(description="A side event, seminar or meeting.")
class Event(ModelBacked, Mentionable, Content):
    __model__ = m.Event
    kind: EventKind
    date: dt.date | None
    kind_label = label_field("kind")

    @strawberry.field
    def mechanism(self, info: Info) -> MechanismRef | None:
        return _by_id(info, m.Mechanism, self.mechanism_id)

    @strawberry.field
    def session(self, info: Info) -> SessionRef | None:
        return _by_id(info, m.Session, self.session_id)

    @strawberry.field
    def partners(self, info: Info) -> list[InstitutionRef]:
        loader = info.context.loaders.linked(m.EventPartner, "event_id", "institution_id", m.Institution)
        return loader.load(self.id)
