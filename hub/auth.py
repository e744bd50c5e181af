"""Who is calling: `Authorization: Bearer <token>` names an API token and so a role."""

from __future__ import annotations

import datetime as dt

from starlette.requests import Request

from content.services.tokens import verify_token
from schema.permissions import ANONYMOUS, Role, Viewer


class AuthenticationFailed(Exception):
    """A credential was sent and is not valid: answered with 401, never silently anonymous."""

    def __init__(self, message: str) -> None:
        super().__init__(message)
        self.message = message


async def viewer_for(request: Request) -> Viewer:
    header = request.headers.get("authorization")
    if not header:
        return ANONYMOUS
    scheme, _, credential = header.partition(" ")
    credential = credential.strip()
    if scheme.lower() != "bearer" or not credential:
        raise AuthenticationFailed("Use the header `Authorization: Bearer <token>`.")
    token = await verify_token(credential)
    if token is None:
        raise AuthenticationFailed("Unknown or revoked API token.")
    try:
        role = Role(token.role)
    except ValueError:
        raise AuthenticationFailed("This API token has an unknown role.") from None
    now = dt.datetime.now(dt.timezone.utc)
    if token.last_used is None or (now - token.last_used).total_seconds() > 60:
        token.last_used = now  # at most once a minute: not a write per request
        await token.save(update_fields=["last_used"])
    return Viewer(role=role, name=token.name)
