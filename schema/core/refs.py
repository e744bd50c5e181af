"""Lazy references to every domain's GraphQL types, so domains can point at each other."""

from __future__ import annotations

from typing import Annotated

import strawberry

MechanismRef = Annotated["Mechanism", strawberry.lazy("schema.mechanisms.types")]
SessionRef = Annotated["Session", strawberry.lazy("schema.mechanisms.types")]
DocumentRef = Annotated["Document", strawberry.lazy("schema.documents.types")]
RecommendationRef = Annotated["Recommendation", strawberry.lazy("schema.documents.types")]
InstitutionRef = Annotated["Institution", strawberry.lazy("schema.institutions.types")]
ThemeRef = Annotated["Theme", strawberry.lazy("schema.institutions.types")]
CommunicationRef = Annotated["Communication", strawberry.lazy("schema.interactions.types")]
InformationRequestRef = Annotated["InformationRequest", strawberry.lazy("schema.interactions.types")]
NgoInteractionRef = Annotated["NgoInteraction", strawberry.lazy("schema.interactions.types")]
ParliamentaryPresentationRef = Annotated[
    "ParliamentaryPresentation", strawberry.lazy("schema.interactions.types")
]
EventRef = Annotated["Event", strawberry.lazy("schema.interactions.types")]
ProgramMeasureRef = Annotated["ProgramMeasure", strawberry.lazy("schema.measures.types")]
AchievementItemRef = Annotated["AchievementItem", strawberry.lazy("schema.measures.types")]
