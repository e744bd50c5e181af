"""The publication workflow (Plone-style): states, transitions, and what each transition does."""

from __future__ import annotations

from dataclasses import dataclass

from content.models import WorkflowState

PRIVATE, PENDING, PUBLISHED, ARCHIVED = (
    WorkflowState.PRIVATE, WorkflowState.PENDING, WorkflowState.PUBLISHED, WorkflowState.ARCHIVED,
)


@dataclass(frozen=True, slots=True)
class Transition:
    action: str
    sources: frozenset[WorkflowState]
    target: WorkflowState


TRANSITIONS: dict[str, Transition] = {
    t.action: t
    for t in (
        Transition("submit", frozenset({PRIVATE}), PENDING),
        Transition("publish", frozenset({PRIVATE, PENDING}), PUBLISHED),
        Transition("reject", frozenset({PENDING}), PRIVATE),
        Transition("retract", frozenset({PUBLISHED, PENDING}), PRIVATE),
        Transition("archive", frozenset({PUBLISHED}), ARCHIVED),
    )
}


def available(state: WorkflowState) -> list[str]:
    """The actions possible from `state` (whoever may do them)."""
    return [t.action for t in TRANSITIONS.values() if state in t.sources]
