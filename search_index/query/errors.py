"""The one exception type the query layer raises."""

from __future__ import annotations

__all__ = ["QueryError"]


class QueryError(ValueError):
    """A query that cannot be searched.

    ``message`` is a short, human-readable sentence suitable for showing to
    the person who typed the query (the GraphQL layer returns it as-is).
    """

    def __init__(self, message: str, *, code: str = "invalid_query") -> None:
        super().__init__(message)
        self.message = message
        self.code = code

    def __str__(self) -> str:
        return self.message
