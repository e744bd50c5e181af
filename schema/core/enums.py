"""GraphQL enums: the content model's enums, exposed by member name (e.g. TREATY_BODY)."""

from __future__ import annotations

from enum import Enum

import strawberry

from content import models as m

Language = strawberry.enum(m.Language)
WorkflowState = strawberry.enum(m.WorkflowState)
MechanismKind = strawberry.enum(m.MechanismKind)
InstitutionKind = strawberry.enum(m.InstitutionKind)
DocumentKind = strawberry.enum(m.DocumentKind)
DocumentStatus = strawberry.enum(m.DocumentStatus)
RecommendationPosition = strawberry.enum(m.RecommendationPosition)
ImplementationStatus = strawberry.enum(m.ImplementationStatus)
CommunicationStatus = strawberry.enum(m.CommunicationStatus)
InformationRequestKind = strawberry.enum(m.InformationRequestKind)
NgoInteractionKind = strawberry.enum(m.NgoInteractionKind)
EventKind = strawberry.enum(m.EventKind)
AchievementItemKind = strawberry.enum(m.AchievementItemKind)


@strawberry.enum
class OrderDirection(Enum):
    ASC = "asc"
    DESC = "desc"
