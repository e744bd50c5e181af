"""Errors shown to callers as they are (everything else is masked)."""

from __future__ import annotations

from graphql import GraphQLError


class UserError(GraphQLError):
    """A caller's mistake, explained: bad ID, bad cursor, page too large, bad filter."""

    def __init__(self, message: str, code: str = "BAD_USER_INPUT") -> None:
        super().__init__(message, extensions={"code": code})


def should_mask(error: GraphQLError) -> bool:
    """Mask unexpected exceptions; keep our own and graphql-core's (validation) messages."""
    original = error.original_error
    return original is not None and not isinstance(original, GraphQLError)
