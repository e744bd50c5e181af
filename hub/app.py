"""The Starlette application: lifespan (database, search), routes, middleware."""

from __future__ import annotations

import asyncio
import contextlib
import gc
import logging
from collections.abc import AsyncIterator
from dataclasses import dataclass, field
from typing import Any

from starlette.applications import Starlette
from starlette.middleware import Middleware
from starlette.requests import Request
from starlette.responses import JSONResponse, PlainTextResponse, RedirectResponse
from starlette.routing import Route
from tortoise import Tortoise

from content.db import close_database, migrate_database, open_database
from hub.graphql_app import MarsadGraphQL
from hub.limits import BodySizeLimit
from hub.search_service import indexer_leadership, open_search
from hub.settings import Settings
from schema.schema import schema
from search_index.backends import SearchBackend
from search_index.indexing import alias_expander, reference_stamp, run_indexer
from search_index.query.aliases import AliasExpander


log = logging.getLogger("marsad.hub")


@dataclass
class Services:
    """What request handlers need beyond the database, set up by the lifespan."""

    settings: Settings
    search: SearchBackend | None = None
    expander: AliasExpander | None = None
    extra: dict[str, Any] = field(default_factory=dict)


async def healthz(request: Request) -> JSONResponse:
    try:
        await Tortoise.get_connection("default").execute_query("SELECT 1")
    except Exception:  # any failure means "not healthy", and says no more to the caller
        return JSONResponse({"status": "unavailable", "database": "unreachable"}, status_code=503)
    return JSONResponse({"status": "ok", "database": "reachable"})


async def index(request: Request) -> RedirectResponse:
    return RedirectResponse("/graphql")


async def not_found(request: Request, exc: Exception) -> PlainTextResponse:
    return PlainTextResponse("Not found. The API is at /graphql.", status_code=404)


async def server_error(request: Request, exc: Exception) -> JSONResponse:
    # Never a stack trace to a caller.
    return JSONResponse({"errors": [{"message": "Internal server error."}]}, status_code=500)


async def _keep_aliases_fresh(services: Services, interval: float = 5.0) -> None:
    """Rebuild the query alias expander when mechanisms or institutions change (any process)."""
    stamp = await reference_stamp()
    while True:
        await asyncio.sleep(interval)
        try:
            current = await reference_stamp()
            if current != stamp:
                services.expander, stamp = await alias_expander(), current
        except Exception:  # a transient database error: try again at the next tick
            log.exception("could not refresh the search aliases")


def create_app(settings: Settings | None = None) -> Starlette:
    settings = settings or Settings.from_env()
    services = Services(settings=settings)

    @contextlib.asynccontextmanager
    async def lifespan(app: Starlette) -> AsyncIterator[None]:
        settings.ensure_home()
        await migrate_database(settings.database_url)
        await open_database(settings.database_url)
        services.search = await open_search(settings)
        services.expander = await alias_expander()
        indexer = asyncio.create_task(
            run_indexer(services.search, indexer_leadership(settings)), name="marsad-indexer"
        )
        aliases = asyncio.create_task(_keep_aliases_fresh(services), name="marsad-aliases")
        gc.collect()
        gc.freeze()  # start-up objects are long-lived: keep them out of every GC pass
        try:
            yield
        finally:
            for task in (indexer, aliases):
                task.cancel()
                with contextlib.suppress(asyncio.CancelledError):
                    await task
            await services.search.close()
            await close_database()

    graphql = MarsadGraphQL(schema, services)
    app = Starlette(
        routes=[
            Route("/", index),
            Route("/healthz", healthz),
            Route("/graphql", graphql),
        ],
        lifespan=lifespan,
        exception_handlers={404: not_found, 500: server_error},
        middleware=[Middleware(BodySizeLimit, max_bytes=settings.max_body_bytes)],
    )
    app.state.services = services
    return app
