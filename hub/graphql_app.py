"""The GraphQL endpoint: strawberry's ASGI view with our context, orjson and error handling."""

from __future__ import annotations

from typing import Any

import orjson
from cross_web import HTTPException
from starlette.requests import Request
from starlette.responses import Response
from starlette.types import Receive, Scope, Send
from strawberry.asgi import GraphQL

from hub.auth import AuthenticationFailed, viewer_for
from schema.context import Context


class MarsadGraphQL(GraphQL):
    """One request, one Context (and so one set of data loaders)."""

    def __init__(self, schema: Any, services: Any, **kwargs: Any) -> None:
        super().__init__(schema, graphql_ide="graphiql", allow_queries_via_get=True, **kwargs)
        self.services = services

    async def get_context(self, request: Request, response: Response) -> Context:  # type: ignore[override]
        viewer = getattr(request.state, "viewer", None) or await viewer_for(request)
        return Context(viewer=viewer, request=request, response=response, services=self.services)

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http":
            await super().__call__(scope, receive, send)
            return
        request = Request(scope=scope, receive=receive)
        try:
            if request.method == "POST" or "query" in request.query_params:
                request.state.viewer = await viewer_for(request)
            response = await self.run(request)
        except AuthenticationFailed as exc:
            response = error_response(exc.message, 401, "UNAUTHENTICATED")
            response.headers["WWW-Authenticate"] = 'Bearer realm="marsad", error="invalid_token"'
        except HTTPException as exc:
            # Malformed JSON, no query, wrong method...: a GraphQL-shaped error, not plain text.
            response = error_response(exc.reason, exc.status_code)
        await response(scope, receive, send)

    def encode_json(self, data: object) -> bytes:
        # UTF-8 output: json.dumps would escape every Arabic letter (2.5x the bytes).
        return orjson.dumps(data)

    def parse_json(self, data: str | bytes) -> Any:
        # orjson refuses what json.loads let through to a 500 or to the database: bytes that are
        # not UTF-8 (UnicodeDecodeError), nesting past 1,024 levels (RecursionError) and lone
        # surrogates ("\ud800", which no database can store), with a message saying why.
        try:
            return orjson.loads(data)
        except orjson.JSONDecodeError as exc:
            raise HTTPException(400, f"Unable to parse request body as JSON: {exc}.") from None

    async def parse_http_body(self, request: Any) -> Any:
        if request.method == "POST" and "application/json" in (request.content_type or ""):
            body = await request.get_body()
            head = body.lstrip()[:1]
            if isinstance(head, str):
                head = head.encode()
            if head == b"[":
                raise HTTPException(400, BATCHING_REFUSED)
            if head != b"{":
                self.parse_json(body)  # malformed JSON: say so
                raise HTTPException(400, NOT_AN_OBJECT)  # a string, number, null...: was a 500
        return await super().parse_http_body(request)


BATCHING_REFUSED = "Batched requests (a JSON list of operations) are not supported: send one operation per request."
NOT_AN_OBJECT = 'The request body must be a JSON object: {"query": "...", "variables": {...}}.'


def error_response(message: str, status_code: int, code: str = "BAD_REQUEST") -> Response:
    body = {"data": None, "errors": [{"message": message, "extensions": {"code": code}}]}
    return Response(orjson.dumps(body), status_code=status_code, media_type="application/json")
