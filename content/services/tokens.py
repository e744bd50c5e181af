"""API tokens: created once (shown once), stored as SHA-256, revoked by name."""

from __future__ import annotations

import datetime as dt
import hashlib
import secrets

from content.models.editing import ApiToken, AuditEntry

TOKEN_PREFIX = "msd_"


def _digest(token: str) -> str:
    return hashlib.sha256(token.encode("utf-8", "surrogatepass")).hexdigest()


MAX_NAME = 100  # ApiToken.name; it is also the actor name in revisions and the audit log


def _check_name(name: str) -> str:
    name = name.strip()
    if not name:
        raise ValueError("A token needs a name (who or what uses it).")
    if len(name) > MAX_NAME:
        raise ValueError(f"A token name has at most {MAX_NAME} characters.")
    if any(ord(c) < 32 or ord(c) == 127 or 0xD800 <= ord(c) <= 0xDFFF for c in name):
        raise ValueError("A token name must not contain control characters.")
    return name


async def create_token(name: str, role: str, actor: str = "cli") -> tuple[str, ApiToken]:
    name = _check_name(name)
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
