"""The strawberry schema: every domain's root fields, merged, with the protective extensions."""

from __future__ import annotations

from typing import Any

import strawberry
from graphql import GraphQLError
from strawberry.extensions import (
    AddValidationRules,
    MaskErrors,
    MaxAliasesLimiter,
    MaxTokensLimiter,
    ParserCache,
    QueryDepthLimiter,
    ValidationCache,
)
from strawberry.tools import merge_types

from schema.documents.queries import DocumentQueries
from schema.errors import TranslateErrors, should_mask
from schema.institutions.queries import InstitutionQueries
from schema.interactions.queries import InteractionQueries
from schema.measures.queries import MeasureQueries
from schema.mechanisms.queries import MechanismQueries
from schema.mechanisms.types import Mechanism, Session
from schema.documents.types import Document, Recommendation
from schema.institutions.types import Institution, Theme
from schema.interactions.types import (
    Communication,
    Event,
    InformationRequest,
    NgoInteraction,
    ParliamentaryPresentation,
)
from schema.measures.types import AchievementItem, ProgramMeasure
from schema.node import NodeQueries
from schema.search.queries import SearchQueries
from schema.editing.mutations import build_mutation_type
from schema.editing.queries import EditingQueries
from schema.core.labels import LabelQueries

MAX_DEPTH = 12
MAX_ALIASES = 15
MAX_TOKENS = 2000

Query = merge_types(
    "Query",
    (
        NodeQueries,
        MechanismQueries,
        DocumentQueries,
        InstitutionQueries,
        InteractionQueries,
        MeasureQueries,
        SearchQueries,
        EditingQueries,
        LabelQueries,
    ),
)

# Types reachable only through interfaces (node, search hits) must be listed.
CONTENT_GRAPHQL_TYPES = [
    Mechanism, Session, Document, Recommendation, Institution, Theme, Communication,
    InformationRequest, NgoInteraction, ParliamentaryPresentation, Event, ProgramMeasure, AchievementItem,
]


class MarsadSchema(strawberry.Schema):
    def process_errors(self, errors: list[GraphQLError], execution_context: Any = None) -> None:
        # Callers' mistakes (validation, bad IDs) are answered, not logged as server errors.
        unexpected = [error for error in errors if should_mask(error)]
        if unexpected:
            super().process_errors(unexpected, execution_context)


Mutation = build_mutation_type({t.__name__: t for t in CONTENT_GRAPHQL_TYPES})


# The limit rules are built once: new rule classes per request would defeat the validation cache
# (it keys on the rules), so each request gets a fresh extension around the same classes.
_LIMIT_RULES = [
    *QueryDepthLimiter(max_depth=MAX_DEPTH).validation_rules,
    *MaxAliasesLimiter(max_alias_count=MAX_ALIASES).validation_rules,
]


def build_schema() -> strawberry.Schema:
    return MarsadSchema(
        query=Query,
        mutation=Mutation,
        types=CONTENT_GRAPHQL_TYPES,
        extensions=[
            lambda: AddValidationRules(_LIMIT_RULES),
            lambda: MaxTokensLimiter(max_token_count=MAX_TOKENS),
            ParserCache,
            ValidationCache,
            lambda: MaskErrors(should_mask_error=should_mask),
            TranslateErrors,
        ],
    )


schema = build_schema()
