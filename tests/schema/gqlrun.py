"""Run GraphQL documents against the schema, as a given viewer."""

from __future__ import annotations

from typing import Any


from schema.context import Context
from schema.permissions import ANONYMOUS, Role, Viewer
from schema.schema import schema


class GraphQLFailed(AssertionError):
    pass


async def run(query: str, variables: dict[str, Any] | None = None, *, viewer: Viewer = ANONYMOUS) -> Any:
    """Execute and return `data`, raising with the errors if there were any."""
    result = await schema.execute(query, variable_values=variables, context_value=Context(viewer=viewer))
    if result.errors:
        raise GraphQLFailed([e.message for e in result.errors])
    return result.data


async def run_raw(query: str, variables: dict[str, Any] | None = None, *, viewer: Viewer = ANONYMOUS):
    return await schema.execute(query, variable_values=variables, context_value=Context(viewer=viewer))


def as_role(role: Role) -> Viewer:
    return Viewer(role=role, name=f"test-{role.value}")
