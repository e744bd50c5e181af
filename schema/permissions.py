"""Who may see and do what: the one place permission rules live.

Every read path (connections, `node`, nested relations through the data loaders, search hits,
counts and facets) asks `visible_q` / `can_view` / `search_visibility` here.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from enum import Enum

from tortoise.expressions import Q

from content.models import AchievementItem, ContentItem, WorkflowState
from search_index.documents import Visibility


class Role(str, Enum):
    ANONYMOUS = "anonymous"
    PARTNER = "partner"
    EDITOR = "editor"
    REVIEWER = "reviewer"
    CASE_OFFICER = "case_officer"
    ADMIN = "admin"


# Roles that read only what is published (and within its effective window).
PUBLIC_ROLES = frozenset({Role.ANONYMOUS, Role.PARTNER})
# Roles that may read confidential records (individual complaints).
CONFIDENTIAL_ROLES = frozenset({Role.CASE_OFFICER, Role.ADMIN})


@dataclass(frozen=True, slots=True)
class Viewer:
    role: Role = Role.ANONYMOUS
    name: str = "anonymous"

    @property
    def sees_only_published(self) -> bool:
        return self.role in PUBLIC_ROLES

    @property
    def sees_confidential(self) -> bool:
        return self.role in CONFIDENTIAL_ROLES


ANONYMOUS = Viewer()


def _now() -> dt.datetime:
    return dt.datetime.now(dt.timezone.utc)


def visible_q(viewer: Viewer, prefix: str = "") -> Q:
    """The row filter for content items `viewer` may read (`prefix` for a related model)."""
    conditions: dict[str, object] = {}
    if not viewer.sees_confidential:
        conditions[f"{prefix}confidential"] = False
    q = Q(**conditions) if conditions else Q()
    if viewer.sees_only_published:
        now = _now()
        q &= Q(**{f"{prefix}workflow_state": WorkflowState.PUBLISHED})
        q &= Q(**{f"{prefix}effective__isnull": True}) | Q(**{f"{prefix}effective__lte": now})
        q &= Q(**{f"{prefix}expires__isnull": True}) | Q(**{f"{prefix}expires__gt": now})
    return q


def visible_rows_q(viewer: Viewer, model: type) -> Q:
    """`visible_q` for rows of `model`; an achievement item is visible only with its measure."""
    q = visible_q(viewer)
    if model is AchievementItem:
        q &= visible_q(viewer, "measure__")
    return q


def can_view(viewer: Viewer, item: ContentItem) -> bool:
    """The same rule as `visible_q`, for one loaded item."""
    if item.confidential and not viewer.sees_confidential:
        return False
    if viewer.sees_only_published:
        now = _now()
        if item.workflow_state != WorkflowState.PUBLISHED:
            return False
        if item.effective is not None and item.effective > now:
            return False
        if item.expires is not None and item.expires <= now:
            return False
    return True


# --- writes -------------------------------------------------------------------------------------
# Who may change what. Confidential communications belong to case officers; everything else to
# editors (drafts), reviewers (anything, and publication) and admins.
WRITER_ROLES = frozenset({Role.EDITOR, Role.REVIEWER, Role.ADMIN})
CASE_ROLES = frozenset({Role.CASE_OFFICER, Role.ADMIN})
REVIEW_ROLES = frozenset({Role.REVIEWER, Role.ADMIN})
CONFIDENTIAL_TYPES = frozenset({"Communication"})
DRAFT_STATES = frozenset({WorkflowState.PRIVATE, WorkflowState.PENDING})


def can_create(viewer: Viewer, type_name: str) -> bool:
    return viewer.role in (CASE_ROLES if type_name in CONFIDENTIAL_TYPES else WRITER_ROLES)


def can_set_confidential(viewer: Viewer) -> bool:
    """Marking an item confidential hides it from editors and reviewers: only those who would still
    see it may do so (otherwise an editor could lock an item away from everyone but admins)."""
    return viewer.role in CASE_ROLES


def can_update(viewer: Viewer, item: ContentItem) -> bool:
    """Editors change drafts; reviewers and admins change anything they can see."""
    if not can_view(viewer, item):
        return False
    if type(item).__name__ in CONFIDENTIAL_TYPES:
        return viewer.role in CASE_ROLES
    if viewer.role in REVIEW_ROLES:
        return True
    return viewer.role == Role.EDITOR and item.workflow_state in DRAFT_STATES


def can_delete(viewer: Viewer, item: ContentItem) -> bool:
    if not can_view(viewer, item):
        return False
    if type(item).__name__ in CONFIDENTIAL_TYPES:
        return viewer.role in CASE_ROLES
    if viewer.role in REVIEW_ROLES:
        return True
    return viewer.role == Role.EDITOR and item.workflow_state == WorkflowState.PRIVATE


# Who may take each workflow transition (the state machine itself is content.services.workflow).
TRANSITION_ROLES: dict[str, frozenset[Role]] = {
    "submit": WRITER_ROLES,
    "publish": REVIEW_ROLES,
    "reject": REVIEW_ROLES,
    "retract": REVIEW_ROLES,
    "archive": REVIEW_ROLES,
}


def can_transition(viewer: Viewer, item: ContentItem, action: str) -> bool:
    if not can_view(viewer, item):
        return False
    if type(item).__name__ in CONFIDENTIAL_TYPES:
        return viewer.role in CASE_ROLES
    return viewer.role in TRANSITION_ROLES.get(action, frozenset())


def can_read_history(viewer: Viewer) -> bool:
    """Revisions hold old (maybe unpublished) values: not for public roles."""
    return not viewer.sees_only_published


def can_read_audit_log(viewer: Viewer) -> bool:
    return viewer.role == Role.ADMIN


def search_visibility(viewer: Viewer) -> Visibility:
    """What the search backend must restrict hits, totals and facets to."""
    states = frozenset({WorkflowState.PUBLISHED.value}) if viewer.sees_only_published else None
    return Visibility(states=states, include_confidential=viewer.sees_confidential)
