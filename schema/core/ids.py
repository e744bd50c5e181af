"""Relay global IDs ("Type:uuid", base64) and opaque cursors."""

from __future__ import annotations

import base64
import binascii
import uuid

from content.i18n import messages
from schema.errors import UserError


def to_global_id(type_name: str, item_id: uuid.UUID | str) -> str:
    return base64.urlsafe_b64encode(f"{type_name}:{item_id}".encode()).decode().rstrip("=")


def _b64decode(text: str) -> str:
    padded = text + "=" * (-len(text) % 4)
    return base64.urlsafe_b64decode(padded.encode("ascii")).decode("utf-8")


def from_global_id(global_id: str, expected_type: str | None = None) -> tuple[str, uuid.UUID]:
    """(type name, uuid) of a global ID; a clear error for anything malformed."""
    try:
        type_name, _, raw = _b64decode(global_id.strip()).partition(":")
        item_id = uuid.UUID(raw)
    except (ValueError, UnicodeError, binascii.Error):
        raise UserError(messages.INVALID_ID, "INVALID_ID", id=global_id[:80]) from None
    if expected_type is not None and type_name != expected_type:
        raise UserError(messages.INVALID_ID_WRONG_TYPE, "INVALID_ID", id=global_id[:80], type=type_name,
                        expected=expected_type)
    return type_name, item_id


MAX_CURSOR_OFFSET = 10_000_000  # far beyond any real page, well inside every database's integers


def offset_cursor(offset: int) -> str:
    return base64.urlsafe_b64encode(f"offset:{offset}".encode()).decode().rstrip("=")


def cursor_offset(cursor: str) -> int:
    try:
        kind, _, value = _b64decode(cursor.strip()).partition(":")
        offset = int(value)
    except (ValueError, UnicodeError, binascii.Error):
        offset, kind = -1, ""
    if kind != "offset" or not 0 <= offset <= MAX_CURSOR_OFFSET:
        raise UserError(messages.INVALID_CURSOR, "INVALID_CURSOR", cursor=cursor[:80])
    return offset
