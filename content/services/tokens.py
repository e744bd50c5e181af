"""API tokens: created once (shown once), stored as SHA-256, revoked by name."""

from __future__ import annotations

import datetime as dt
import hashlib
import secrets

from content.models.editing import ApiToken, AuditEntry

TOKEN_PREFIX = "msd_"


def _digest(token: str) -> str:
    return hashlib.sha256(token.encode("utf-8", "surrogatepass")).hexdigest()


async def create_token(name: str, role: str, actor: str = "cli") -> tuple[str, ApiToken]:
    if await ApiToken.exists(name=name):
        raise ValueError(f"A token named {name!r} exists already.")
    token = TOKEN_PREFIX + secrets.token_urlsafe(32)
    row = await ApiToken.create(name=name, role=role, prefix=token[:12], token_hash=_digest(token))
    await AuditEntry.create(actor=actor, role="admin", action="token_create", detail={"name": name, "role": role})
    return token, row


async def verify_token(token: str) -> ApiToken | None:
    """The live token row for `token`, or None when unknown or revoked."""
    row = await ApiToken.get_or_none(token_hash=_digest(token))
    if row is None or row.revoked is not None:
        return None
    return row


async def list_tokens() -> list[ApiToken]:
    return await ApiToken.all().order_by("created", "id")


async def revoke_token(name: str, actor: str = "cli") -> bool:
    row = await ApiToken.get_or_none(name=name)
    if row is None or row.revoked is not None:
        return False
    row.revoked = dt.datetime.now(dt.timezone.utc)
    await row.save(update_fields=["revoked"])
    await AuditEntry.create(actor=actor, role="admin", action="token_revoke", detail={"name": name})
    return True
