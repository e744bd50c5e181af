"""Who is calling: the viewer a request acts as."""

from __future__ import annotations

from starlette.requests import Request

from schema.permissions import ANONYMOUS, Viewer


async def viewer_for(request: Request) -> Viewer:
    """Anonymous until API tokens exist; a Bearer header is refused rather than ignored."""
    return ANONYMOUS
