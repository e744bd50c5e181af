"""The unit's exchanges: communications, questionnaires, NGOs, parliament, events."""

from __future__ import annotations

from tortoise import fields
from tortoise.models import Model

from content.models.base import ContentItem
from content.models.enums import (
    CommunicationStatus,
    EventKind,
    InformationRequestKind,
    NgoInteractionKind,
)


class Communication(ContentItem):
    """An individual complaint or special-procedures communication: always confidential."""

    mechanism = fields.ForeignKeyField(
        "content.Mechanism", related_name="communications", on_delete=fields.CASCADE
    )
    reference = fields.CharField(max_length=100, db_index=True)
    received_date = fields.DateField(null=True, db_index=True)
    replied_date = fields.DateField(null=True)
    allegation_category = fields.CharField(max_length=200, default="")
    status = fields.CharEnumField(
        CommunicationStatus, max_length=16, default=CommunicationStatus.RECEIVED, db_index=True
    )

    class Meta:
        table = "communication"


class InformationRequest(ContentItem):
    """A questionnaire or call for input (`item_count` when one record stands for several)."""

    kind = fields.CharEnumField(
        InformationRequestKind, max_length=32, default=InformationRequestKind.QUESTIONNAIRE
    )
    item_count = fields.IntField(default=1)
    received_date = fields.DateField(null=True, db_index=True)
    deadline = fields.DateField(null=True)
    replied_date = fields.DateField(null=True)

    class Meta:
        table = "information_request"


class InformationRequestMechanism(Model):
    id = fields.IntField(primary_key=True)
    information_request = fields.ForeignKeyField(
        "content.InformationRequest", related_name="mechanism_links", on_delete=fields.CASCADE
    )
    mechanism = fields.ForeignKeyField(
        "content.Mechanism", related_name="information_request_links", on_delete=fields.CASCADE
    )

    class Meta:
        table = "information_request_mechanism"
        unique_together = (("information_request", "mechanism"),)


class NgoInteraction(ContentItem):
    organisation = fields.ForeignKeyField(
        "content.Institution", related_name="ngo_interactions", on_delete=fields.CASCADE
    )
    kind = fields.CharEnumField(NgoInteractionKind, max_length=32, db_index=True)
    received_date = fields.DateField(null=True, db_index=True)
    response_document = fields.ForeignKeyField(
        "content.Document", related_name="ngo_interactions", null=True, on_delete=fields.SET_NULL
    )

    class Meta:
        table = "ngo_interaction"


class ParliamentaryPresentation(ContentItem):
    chamber = fields.ForeignKeyField(
        "content.Institution", related_name="presentations_in_chamber", on_delete=fields.CASCADE
    )
    committee = fields.ForeignKeyField(
        "content.Institution",
        related_name="presentations_in_committee",
        null=True,
        on_delete=fields.SET_NULL,
    )
    date = fields.DateField(null=True, db_index=True)
    presenter_role = fields.CharField(max_length=300, default="")

    class Meta:
        table = "parliamentary_presentation"


class Event(ContentItem):
    kind = fields.CharEnumField(EventKind, max_length=16, default=EventKind.OTHER, db_index=True)
    date = fields.DateField(null=True, db_index=True)
    mechanism = fields.ForeignKeyField(
        "content.Mechanism", related_name="events", null=True, on_delete=fields.SET_NULL
    )
    session = fields.ForeignKeyField(
        "content.Session", related_name="events", null=True, on_delete=fields.SET_NULL
    )

    class Meta:
        table = "event"


class EventPartner(Model):
    id = fields.IntField(primary_key=True)
    event = fields.ForeignKeyField(
        "content.Event", related_name="partner_links", on_delete=fields.CASCADE
    )
    institution = fields.ForeignKeyField(
        "content.Institution", related_name="event_links", on_delete=fields.CASCADE
    )

    class Meta:
        table = "event_partner"
        unique_together = (("event", "institution"),)
