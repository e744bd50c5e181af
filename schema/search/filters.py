"""The `SearchFilter` input and its translation for the search backend."""

from __future__ import annotations

import strawberry

from content.models import CONTENT_TYPES
from schema.core.enums import Language
from content.i18n import messages
from schema.errors import UserError
from search_index.documents import SearchFilter as BackendFilter


@strawberry.input(description="Narrow a search; values in one list are alternatives.")
class SearchFilter:
    types: list[str] | None = strawberry.field(default=None, description="GraphQL type names, e.g. Document.")
    mechanisms: list[str] | None = strawberry.field(default=None, description="Mechanism keys, e.g. cat.")
    institutions: list[str] | None = None
    years: list[int] | None = None
    languages: list[Language] | None = None
    year_from: int | None = None
    year_to: int | None = None

    def to_backend(self) -> BackendFilter:
        for name in ("types", "mechanisms", "institutions"):
            for value in getattr(self, name) or ():
                if "\x00" in value or any("\ud800" <= ch <= "\udfff" for ch in value):
                    raise UserError(messages.UNUSABLE_TEXT, "BAD_USER_INPUT", field=name)
        unknown = sorted(set(self.types or ()) - set(CONTENT_TYPES))
        if unknown:
            raise UserError(messages.SEARCH_UNKNOWN_TYPE, "INVALID_FILTER", type=unknown[0],
                            types=", ".join(sorted(CONTENT_TYPES)))
        return BackendFilter(
            types=self.types or None,
            mechanisms=[k.lower() for k in self.mechanisms] if self.mechanisms else None,
            institutions=self.institutions or None,
            years=self.years or None,
            languages=[lang.value for lang in self.languages] if self.languages else None,
            year_from=self.year_from,
            year_to=self.year_to,
        )
