"""The GraphQL endpoint: strawberry's ASGI view with our context, orjson and error handling."""

from __future__ import annotations

from typing import Any

import orjson
from starlette.requests import Request
from starlette.responses import Response
from strawberry.asgi import GraphQL

from hub.auth import viewer_for
from schema.context import Context


class MarsadGraphQL(GraphQL):
    """One request, one Context (and so one set of data loaders)."""

    def __init__(self, schema: Any, services: Any, **kwargs: Any) -> None:
        super().__init__(schema, graphql_ide="graphiql", allow_queries_via_get=True, **kwargs)
        self.services = services

    async def get_context(self, request: Request, response: Response) -> Context:  # type: ignore[override]
        viewer = await viewer_for(request)
        return Context(viewer=viewer, request=request, response=response, services=self.services)

    def encode_json(self, data: object) -> bytes:
        # UTF-8 output: json.dumps would escape every Arabic letter (2.5x the bytes).
        return orjson.dumps(data)
