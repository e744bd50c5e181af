"""Backend-independent documents, filters and visibility rules for search.

These are plain data classes: the content layer turns its ORM rows into
:class:`SearchDocument` values, the search backends index them, and the
GraphQL layer passes a :class:`SearchFilter` (what the user asked to narrow
to) and a :class:`Visibility` (what the caller is *allowed* to see) to
``SearchBackend.search``.  The backend applies both inside the query, so a
hidden document never shows up as a hit, in a total, in a facet count or as
the source of a "did you mean" suggestion.
"""

from __future__ import annotations

from dataclasses import dataclass, field

__all__ = [
    "SearchDocument",
    "SearchFilter",
    "Visibility",
    "WORKFLOW_STATES",
    "LANGUAGES",
]

WORKFLOW_STATES = frozenset({"private", "pending", "published", "archived"})
LANGUAGES = ("ar", "fr", "en")


@dataclass(slots=True)
class SearchDocument:
    """One searchable unit (a hit)."""

    id: str
    """Unique hit id, e.g. ``"ProgramMeasure:<uuid>"``."""
    type: str
    """GraphQL type name, e.g. ``"Mechanism"``, ``"AchievementItem"``."""
    title: str
    text: str
    language: str
    """``"ar"``, ``"fr"`` or ``"en"``."""
    year: int | None
    mechanisms: list[str]
    """Mechanism keys such as ``"cat"``, ``"hrc"``, ``"spt"``."""
    institutions: list[str]
    workflow_state: str
    """``"private"``, ``"pending"``, ``"published"`` or ``"archived"``."""
    confidential: bool
    parent_id: str | None = None


@dataclass
class SearchFilter:
    """What the user narrowed the search to (every set field must match).

    Within one list the values are alternatives (OR); the lists combine
    with AND.  ``None`` or an empty list means "no restriction".
    """

    types: list[str] | None = None
    mechanisms: list[str] | None = None
    institutions: list[str] | None = None
    years: list[int] | None = None
    languages: list[str] | None = None
    year_from: int | None = None
    year_to: int | None = None

    def is_empty(self) -> bool:
        return not (
            self.types
            or self.mechanisms
            or self.institutions
            or self.years
            or self.languages
            or self.year_from is not None
            or self.year_to is not None
        )

    def cache_key(self) -> tuple:
        def norm(values):
            return tuple(sorted({str(v) for v in values})) if values else None

        return (
            norm(self.types),
            norm(self.mechanisms),
            norm(self.institutions),
            norm(self.years),
            norm(self.languages),
            self.year_from,
            self.year_to,
        )


@dataclass(frozen=True)
class Visibility:
    """Which documents the caller may see.

    ``states=None`` means every workflow state; confidential documents are
    only visible with ``include_confidential=True``.
    """

    states: frozenset[str] | None = frozenset({"published"})
    include_confidential: bool = False

    @classmethod
    def public(cls) -> "Visibility":
        return cls(states=frozenset({"published"}), include_confidential=False)

    @classmethod
    def everything(cls) -> "Visibility":
        return cls(states=None, include_confidential=True)

    def allows(self, doc: SearchDocument) -> bool:
        if self.states is not None and doc.workflow_state not in self.states:
            return False
        if doc.confidential and not self.include_confidential:
            return False
        return True

    def cache_key(self) -> tuple:
        states = None if self.states is None else tuple(sorted(self.states))
        return (states, bool(self.include_confidential))
