"""Files attached to content items: PDF, DOCX and plain text, stored by checksum, with their text.

:func:`attach_file` checks and reads a file, extracts its text (pypdf,
python-docx, UTF-8/UTF-16 text), writes it under
``MARSAD_HOME/attachments/ab/cd/<sha256>`` (content-addressed: the same bytes
are stored once, whatever they are called or attached to) and records an
:class:`~content.models.Attachment` row in a transaction that also queues the
item for reindexing (an outbox upsert of the item).

Nothing is half-stored: the text is extracted before anything is written; the
file is written to a temporary name and renamed into place; if the database
step fails, a file this call wrote is removed again.  Encrypted, empty,
corrupt and unsupported files raise :class:`AttachmentError` with a reason a
person can act on.

:func:`attachments_for` is what the GraphQL layer calls (one query for many
items); :func:`resolve_item` turns a GraphQL global ID or a bare UUID into
``(type name, uuid)``.
"""

from __future__ import annotations

import base64
import binascii
import hashlib
import io
import os
import tempfile
import uuid
import zipfile
from collections.abc import Iterable
from datetime import datetime
from pathlib import Path

from tortoise.transactions import in_transaction

from content.models import CONTENT_TYPES, Attachment, AuditEntry
from content.services.outbox import UPSERT, record_changes

__all__ = [
    "MAX_BYTES",
    "MEDIA_TYPES",
    "AttachmentError",
    "attach_file",
    "attachments_for",
    "extract_text",
    "resolve_item",
    "stored_path",
]

MAX_BYTES = 50 * 1024 * 1024
PDF = "application/pdf"
DOCX = "application/vnd.openxmlformats-officedocument.wordprocessingml.document"
TXT = "text/plain"
MEDIA_TYPES = {".pdf": PDF, ".docx": DOCX, ".txt": TXT, ".text": TXT, ".md": TXT}
_OLE_MAGIC = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"  # encrypted OOXML packages and legacy .doc files


class AttachmentError(Exception):
    """A file that cannot be attached: ``str(err)`` is ``"<name>: <reason>"``."""

    def __init__(self, name: str, reason: str) -> None:
        super().__init__(name, reason)
        self.name = name
        self.reason = reason

    def __str__(self) -> str:
        return f"{self.name}: {self.reason}"


# --------------------------------------------------------------------------
# Text extraction (no I/O)


def _media_type(data: bytes, name: str) -> str:
    ext = Path(name).suffix.lower()
    if ext in MEDIA_TYPES:
        return MEDIA_TYPES[ext]
    if ext:
        raise AttachmentError(name, f"unsupported file type {ext}: attach PDF, DOCX or TXT files")
    if data[:1024].lstrip().startswith(b"%PDF-"):
        return PDF
    if data.startswith((b"PK\x03\x04", _OLE_MAGIC)):
        return DOCX
    return TXT


def _pdf_text(data: bytes, name: str) -> str:
    from pypdf import PdfReader
    from pypdf.errors import DependencyError, FileNotDecryptedError, PyPdfError

    if b"%PDF-" not in data[:1024]:
        raise AttachmentError(name, "corrupt PDF: no %PDF header (not a PDF file)")
    try:
        reader = PdfReader(io.BytesIO(data), strict=False)
        if reader.is_encrypted:
            try:
                opened = reader.decrypt("")  # only an owner password: readable as it is
            except (DependencyError, NotImplementedError, PyPdfError):
                opened = 0
            if not opened:
                raise AttachmentError(
                    name, "encrypted PDF (password-protected): remove the password and attach it again"
                )
        pages = reader.pages
        count = len(pages)
    except AttachmentError:
        raise
    except FileNotDecryptedError:
        raise AttachmentError(name, "encrypted PDF (password-protected): remove the password and attach it again") from None
    except Exception as exc:  # pypdf raises many kinds on damaged files
        raise AttachmentError(name, f"corrupt PDF: {_reason(exc)}") from None
    if count == 0:
        raise AttachmentError(name, "corrupt PDF: no pages")
    texts = []
    for number in range(count):
        try:
            texts.append((pages[number].extract_text() or "").strip())
        except Exception as exc:
            raise AttachmentError(name, f"corrupt PDF: page {number + 1} cannot be read ({_reason(exc)})") from None
    return "\n\n".join(t for t in texts if t)


def _docx_text(data: bytes, name: str) -> str:
    import docx
    from docx.table import Table

    if data.startswith(_OLE_MAGIC):
        raise AttachmentError(
            name, "encrypted (password-protected) or legacy Word file: save it as an unprotected .docx"
        )
    if not data.startswith(b"PK\x03\x04"):
        raise AttachmentError(name, "corrupt DOCX: not a ZIP package")
    try:
        document = docx.Document(io.BytesIO(data))
        parts: list[str] = []
        for block in document.iter_inner_content():
            if isinstance(block, Table):
                for row in block.rows:
                    cells = [c.text.strip() for c in row.cells]
                    line = " | ".join(c for c in cells if c)
                    if line:
                        parts.append(line)
            elif block.text.strip():
                parts.append(block.text.strip())
    except zipfile.BadZipFile as exc:
        raise AttachmentError(name, f"corrupt DOCX: {_reason(exc)}") from None
    except Exception as exc:  # missing parts, broken XML, not a Word package
        raise AttachmentError(name, f"corrupt DOCX: {_reason(exc)}") from None
    return "\n".join(parts)


def _plain_text(data: bytes, name: str) -> str:
    if data.startswith((b"\xff\xfe", b"\xfe\xff")):
        try:
            text = data.decode("utf-16")
        except UnicodeDecodeError as exc:
            raise AttachmentError(name, f"not valid UTF-16 text ({exc.reason})") from None
    else:
        nul = data.find(b"\x00")
        if nul != -1:
            raise AttachmentError(name, f"binary file, not text (NUL byte at offset {nul})")
        try:
            text = data.decode("utf-8-sig")
        except UnicodeDecodeError as exc:
            raise AttachmentError(
                name, f"not UTF-8 text: invalid byte 0x{data[exc.start]:02x} at offset {exc.start}"
            ) from None
    return text.replace("\r\n", "\n").replace("\r", "\n").strip()


def _reason(exc: BaseException) -> str:
    text = str(exc).strip() or type(exc).__name__
    return text if len(text) <= 200 else text[:200] + "…"


def extract_text(data: bytes, name: str) -> tuple[str, str]:
    """(media type, text) of a file's bytes; raises :class:`AttachmentError`."""
    if not data:
        raise AttachmentError(name, "empty file (0 bytes)")
    if len(data) > MAX_BYTES:
        raise AttachmentError(name, f"file too large ({len(data)} bytes, at most {MAX_BYTES})")
    media_type = _media_type(data, name)
    if media_type == PDF:
        text = _pdf_text(data, name)
    elif media_type == DOCX:
        text = _docx_text(data, name)
    else:
        text = _plain_text(data, name)
        if not text:
            raise AttachmentError(name, "empty file (only whitespace)")
    return media_type, text


# --------------------------------------------------------------------------
# Storage and rows


def stored_path(root: Path, checksum: str) -> Path:
    """Where the bytes with this sha256 live under the attachments directory."""
    return root / checksum[:2] / checksum[2:4] / checksum


def _write(path: Path, data: bytes) -> bool:
    """Write ``data`` to ``path`` atomically; False if the file was already there."""
    if path.is_file() and path.stat().st_size == len(data):
        return False
    path.parent.mkdir(parents=True, exist_ok=True)
    fd, tmp = tempfile.mkstemp(dir=path.parent, prefix=".incoming-")
    try:
        with os.fdopen(fd, "wb") as out:
            out.write(data)
            out.flush()
            os.fsync(out.fileno())
        os.replace(tmp, path)
    except BaseException:
        Path(tmp).unlink(missing_ok=True)
        raise
    return True


async def attach_file(
    item_type: str,
    item_id: uuid.UUID | str,
    path: str | os.PathLike[str] | None = None,
    *,
    data: bytes | None = None,
    name: str | None = None,
    actor: str = "system",
    root: str | os.PathLike[str],
) -> Attachment:
    """Attach a file (``path``, or ``data`` with a ``name``) to a content item, storing it under
    ``root`` (the hub passes ``$MARSAD_HOME/attachments``).

    The same bytes attached again to the same item return the existing row
    and write nothing.  Raises :class:`AttachmentError`.
    """
    if path is None and data is None:
        raise TypeError("attach_file needs a path or data")
    name = name or (Path(path).name if path is not None else "attachment")
    model = CONTENT_TYPES.get(item_type)
    if model is None:
        raise AttachmentError(name, f"unknown content type {item_type!r}")
    try:
        item_id = uuid.UUID(str(item_id))
    except ValueError:
        raise AttachmentError(name, f"not a content item ID: {item_id!r}") from None
    if not await model.filter(id=item_id).exists():
        raise AttachmentError(name, f"there is no {item_type} with ID {item_id}")
    if data is None:
        assert path is not None
        try:
            size = os.stat(path).st_size
            if size > MAX_BYTES:
                raise AttachmentError(name, f"file too large ({size} bytes, at most {MAX_BYTES})")
            data = Path(path).read_bytes()
        except OSError as exc:
            raise AttachmentError(name, f"cannot read the file: {exc.strerror or exc}") from None

    media_type, text = extract_text(data, name)
    checksum = hashlib.sha256(data).hexdigest()
    existing = await Attachment.get_or_none(item_type=item_type, item_id=item_id, checksum=checksum)
    if existing is not None:
        return existing

    target = stored_path(Path(root), checksum)
    try:
        wrote = _write(target, data)
    except OSError as exc:
        raise AttachmentError(name, f"cannot store the file under {root}: {exc.strerror or exc}") from None
    try:
        async with in_transaction() as connection:
            if not await model.filter(id=item_id).using_db(connection).exists():
                raise AttachmentError(name, f"there is no {item_type} with ID {item_id}")
            row = Attachment(
                item_type=item_type, item_id=item_id, name=name[:500], media_type=media_type,
                size=len(data), checksum=checksum, text=text,
                created=datetime.now().astimezone(), created_by=actor,
            )
            await row.save(using_db=connection)
            await record_changes([(item_type, item_id, UPSERT)], using_db=connection)
            await AuditEntry.create(actor=actor, role="", action="attach", item_type=item_type, item_id=item_id,
                                    detail={"name": row.name, "checksum": checksum, "size": row.size},
                                    using_db=connection)
    except BaseException:
        if wrote and not await Attachment.filter(checksum=checksum).exists():
            target.unlink(missing_ok=True)
        raise
    return row


async def attachments_for(
    item_type: str, item_ids: Iterable[uuid.UUID | str]
) -> dict[uuid.UUID, list[Attachment]]:
    """The attachments of many items of one type, in one query: {item id: [rows by name]}."""
    ids = [uuid.UUID(str(i)) for i in item_ids]
    out: dict[uuid.UUID, list[Attachment]] = {i: [] for i in ids}
    if ids:
        rows = await Attachment.filter(item_type=item_type, item_id__in=ids).order_by("name", "created", "id")
        for row in rows:
            out[row.item_id].append(row)
    return out


async def resolve_item(ref: str) -> tuple[str, uuid.UUID]:
    """(type name, id) of an existing item named by a GraphQL global ID or a UUID.

    Raises :class:`LookupError` with a message for the person who typed it.
    """
    ref = ref.strip()
    try:
        item_id = uuid.UUID(ref)
    except ValueError:
        item_id = None
    if item_id is not None:
        for type_name, model in CONTENT_TYPES.items():
            if await model.filter(id=item_id).exists():
                return type_name, item_id
        raise LookupError(f"no content item has the ID {ref}")
    try:
        decoded = base64.urlsafe_b64decode(ref + "=" * (-len(ref) % 4)).decode("utf-8")
        type_name, _, raw = decoded.partition(":")
        item_id = uuid.UUID(raw)
    except (ValueError, UnicodeError, binascii.Error):
        raise LookupError(f"{ref!r} is neither a UUID nor a Marsad global ID") from None
    model = CONTENT_TYPES.get(type_name)
    if model is None:
        raise LookupError(f"{ref!r} names a {type_name!r}, which is not a content type")
    if not await model.filter(id=item_id).exists():
        raise LookupError(f"there is no {type_name} with ID {item_id}")
    return type_name, item_id
