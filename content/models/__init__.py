"""The content model (Tortoise ORM). Every content type derives from ContentItem."""

from content.models.base import ContentItem
from content.models.documents import (
    Document,
    FollowUpAction,
    Recommendation,
    RecommendationInstitution,
    RecommendationTheme,
)
from content.models.editing import ApiToken, AuditEntry, Revision, Tombstone, WorkflowEvent
from content.models.enums import *  # noqa: F403 - the enums are part of the model's API
from content.models.ingest import Attachment, ChangeRecord, SourceKey
from content.models.institutions import Institution, Theme
from content.models.interactions import (
    Communication,
    Event,
    EventPartner,
    InformationRequest,
    InformationRequestMechanism,
    NgoInteraction,
    ParliamentaryPresentation,
)
from content.models.measures import AchievementItem, MeasureSection, Mention, ProgramMeasure
from content.models.mechanisms import Mechanism, Session
from content.models.outbox import OutboxEntry

# The content types, by GraphQL type name: global IDs, mentions and the outbox refer to them so.
CONTENT_TYPES: dict[str, type[ContentItem]] = {
    model.__name__: model
    for model in (
        Mechanism,
        Session,
        Document,
        Recommendation,
        Institution,
        Communication,
        InformationRequest,
        NgoInteraction,
        ParliamentaryPresentation,
        Event,
        ProgramMeasure,
        AchievementItem,
        Theme,
    )
}

__all__ = [
    "ApiToken",
    "AuditEntry",
    "Revision",
    "Tombstone",
    "WorkflowEvent",
    "CONTENT_TYPES",
    "AchievementItem",
    "Attachment",
    "ChangeRecord",
    "Communication",
    "ContentItem",
    "Document",
    "Event",
    "EventPartner",
    "FollowUpAction",
    "InformationRequest",
    "InformationRequestMechanism",
    "Institution",
    "MeasureSection",
    "Mechanism",
    "Mention",
    "NgoInteraction",
    "OutboxEntry",
    "ParliamentaryPresentation",
    "ProgramMeasure",
    "Recommendation",
    "RecommendationInstitution",
    "RecommendationTheme",
    "Session",
    "SourceKey",
    "Theme",
]
