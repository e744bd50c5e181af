"""Attachments: PDF, DOCX and TXT files stored by checksum, with their text, or a clear refusal."""

from __future__ import annotations

import hashlib
import io
import uuid
from pathlib import Path

import docx
import pytest
from pypdf import PdfReader, PdfWriter
from pypdf.generic import ArrayObject, DecodedStreamObject, DictionaryObject, NameObject, NumberObject, TextStringObject

from content import models as m
from content.attachments import AttachmentError, attach_file, attachments_for, resolve_item, stored_path
from schema.core.ids import to_global_id
from tests.factories import create

REPORT = "التقرير الوطني الخامس حول إعمال اتفاقية مناهضة التعذيب"
SYMBOL = "CAT/C/MAR/5"


def arabic_pdf(lines: list[str]) -> bytes:
    """A one-page PDF whose text layer is `lines` (a Type0 font with a ToUnicode map).

    Arabic runs are written in visual order, as PDF producers lay them out,
    so that the extracted text reads in logical order.
    """
    writer = PdfWriter()
    page = writer.add_blank_page(width=595, height=842)
    chars = sorted({c for line in lines for c in line})
    code = {c: i + 1 for i, c in enumerate(chars)}
    cmap = ["/CIDInit /ProcSet findresource begin", "12 dict begin", "begincmap",
            "/CMapName /Marsad-UCS def", "/CMapType 2 def", "1 begincodespacerange", "<0000> <FFFF>",
            "endcodespacerange", f"{len(chars)} beginbfchar",
            *(f"<{code[c]:04X}> <{ord(c):04X}>" for c in chars),
            "endbfchar", "endcmap", "CMapName currentdict /CMap defineresource pop", "end", "end"]
    to_unicode = DecodedStreamObject()
    to_unicode.set_data("\n".join(cmap).encode())
    name = NameObject
    cid_font = DictionaryObject({
        name("/Type"): name("/Font"), name("/Subtype"): name("/CIDFontType2"),
        name("/BaseFont"): name("/ArialUnicodeMS"), name("/DW"): NumberObject(500),
        name("/CIDSystemInfo"): DictionaryObject({
            name("/Registry"): TextStringObject("Adobe"), name("/Ordering"): TextStringObject("Identity"),
            name("/Supplement"): NumberObject(0)}),
    })
    font = DictionaryObject({
        name("/Type"): name("/Font"), name("/Subtype"): name("/Type0"),
        name("/BaseFont"): name("/ArialUnicodeMS"), name("/Encoding"): name("/Identity-H"),
        name("/DescendantFonts"): ArrayObject([writer._add_object(cid_font)]),
        name("/ToUnicode"): writer._add_object(to_unicode),
    })
    page[name("/Resources")] = DictionaryObject(
        {name("/Font"): DictionaryObject({name("/F1"): writer._add_object(font)})})
    ops = ["BT", "/F1 14 Tf", "16 TL", "72 760 Td"]
    for line in lines:
        visual = line[::-1] if any("\u0600" <= c <= "\u06ff" for c in line) else line
        ops.append("<" + "".join(f"{code[c]:04X}" for c in visual) + "> Tj T*")
    ops.append("ET")
    content = DecodedStreamObject()
    content.set_data("\n".join(ops).encode())
    page[name("/Contents")] = writer._add_object(content)
    out = io.BytesIO()
    writer.write(out)
    return out.getvalue()


def encrypted(pdf: bytes) -> bytes:
    writer = PdfWriter(clone_from=PdfReader(io.BytesIO(pdf)))
    writer.encrypt("سر-2021", algorithm="RC4-128")
    out = io.BytesIO()
    writer.write(out)
    return out.getvalue()


def word_file() -> bytes:
    document = docx.Document()
    document.add_heading("ردود المملكة المغربية على قائمة المسائل", level=1)
    document.add_paragraph("إعداد الردود على قائمة الأسئلة الواردة من اللجنة المعنية بالقضاء على التمييز ضد المرأة.")
    table = document.add_table(rows=2, cols=2)
    table.cell(0, 0).text, table.cell(0, 1).text = "الآلية", "الرمز"
    table.cell(1, 0).text, table.cell(1, 1).text = "سيداو", "CEDAW/C/MAR/QPR/7"
    out = io.BytesIO()
    document.save(out)
    return out.getvalue()


@pytest.fixture
async def adb(db):
    await m.Attachment.all().delete()
    yield db
    await m.Attachment.all().delete()


@pytest.fixture
async def report():
    return await create(m.Document, title=REPORT, kind=m.DocumentKind.NATIONAL_REPORT, symbol=SYMBOL)


def files_under(root: Path) -> list[Path]:
    return sorted(p for p in root.rglob("*") if p.is_file()) if root.exists() else []


async def test_pdf_docx_and_txt(adb, report, tmp_path):
    root = tmp_path / "attachments"
    source = tmp_path / "تقرير.pdf"
    pdf = arabic_pdf([REPORT, SYMBOL])
    source.write_bytes(pdf)
    await m.OutboxEntry.all().delete()

    row = await attach_file("Document", report.id, source, actor="tests", root=root)
    assert (row.item_type, row.item_id, row.name, row.media_type, row.size) == (
        "Document", report.id, "تقرير.pdf", "application/pdf", len(pdf),
    )
    assert row.checksum == hashlib.sha256(pdf).hexdigest()
    assert row.text == f"{REPORT}\n{SYMBOL}"
    assert row.created_by == "tests"
    assert stored_path(root, row.checksum).read_bytes() == pdf
    assert files_under(root) == [root / row.checksum[:2] / row.checksum[2:4] / row.checksum]
    # the item is queued for reindexing
    assert [(e.item_type, e.item_id, e.operation) for e in await m.OutboxEntry.all()] == [
        ("Document", report.id, "upsert")
    ]

    word = await attach_file("Document", str(report.id), data=word_file(), name="ردود.docx", root=root)
    assert word.media_type == "application/vnd.openxmlformats-officedocument.wordprocessingml.document"
    assert word.text == (
        "ردود المملكة المغربية على قائمة المسائل\n"
        "إعداد الردود على قائمة الأسئلة الواردة من اللجنة المعنية بالقضاء على التمييز ضد المرأة.\n"
        "الآلية | الرمز\nسيداو | CEDAW/C/MAR/QPR/7"
    )
    note = "ملاحظات حول تتبع التوصيات\r\nالدورة 46 لمجلس حقوق الإنسان\r\n"
    text = await attach_file("Document", report.id, data=note.encode("utf-16"), name="note.txt", root=root)
    assert (text.media_type, text.text) == ("text/plain", "ملاحظات حول تتبع التوصيات\nالدورة 46 لمجلس حقوق الإنسان")

    # the same bytes again: the same row, nothing written; elsewhere: stored once
    assert (await attach_file("Document", report.id, source, root=root)).id == row.id
    other = await create(m.Event, title="ندوة دولية حول حقوق الإنسان والتحدي الرقمي")
    copy = await attach_file("Event", other.id, data=pdf, name="نسخة.pdf", root=root)
    assert copy.checksum == row.checksum and len(files_under(root)) == 3

    found = await attachments_for("Document", [report.id, other.id])
    assert [a.name for a in found[report.id]] == ["note.txt", "تقرير.pdf", "ردود.docx"]
    assert found[other.id] == []
    assert [a.id for a in (await attachments_for("Event", [other.id]))[other.id]] == [copy.id]
    assert await attachments_for("Event", []) == {}


@pytest.mark.parametrize(
    ("name", "data", "reason"),
    [
        ("empty.pdf", b"", "empty file (0 bytes)"),
        ("blank.txt", " \n\t\n".encode(), "empty file (only whitespace)"),
        ("locked.pdf", encrypted(arabic_pdf([REPORT])),
         "encrypted PDF (password-protected): remove the password and attach it again"),
        ("broken.pdf", b"%PDF-1.7\n1 0 obj << /Type /Catalog >>\n%%EOF", "corrupt PDF: "),
        ("cut.pdf", arabic_pdf([REPORT])[:300], "corrupt PDF: "),
        ("fake.pdf", "تقرير".encode(), "corrupt PDF: no %PDF header (not a PDF file)"),
        ("broken.docx", b"PK\x03\x04" + b"\x00" * 40, "corrupt DOCX: "),
        ("locked.docx", b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + b"\x00" * 504,
         "encrypted (password-protected) or legacy Word file: save it as an unprotected .docx"),
        ("latin1.txt", "rapport présenté".encode("latin-1"), "not UTF-8 text: invalid byte 0xe9 at offset 10"),
        ("image.txt", b"\x89PNG\r\n\x1a\n\x00\x00", "binary file, not text (NUL byte at offset 8)"),
        ("slides.pptx", b"PK\x03\x04", "unsupported file type .pptx: attach PDF, DOCX or TXT files"),
    ],
)
async def test_refused_files_store_nothing(adb, report, tmp_path, name, data, reason):
    root = tmp_path / "attachments"
    await m.OutboxEntry.all().delete()
    with pytest.raises(AttachmentError) as info:
        await attach_file("Document", report.id, data=data, name=name, root=root)
    assert info.value.name == name and info.value.reason.startswith(reason)
    assert str(info.value).startswith(f"{name}: {reason}")
    assert files_under(root) == []
    assert await m.Attachment.all().count() == 0
    assert await m.OutboxEntry.all().count() == 0


async def test_unknown_items_and_database_failure(adb, report, tmp_path, monkeypatch):
    root = tmp_path / "attachments"
    data = "نص".encode()
    with pytest.raises(AttachmentError, match="there is no Document with ID"):
        await attach_file("Document", uuid.uuid4(), data=data, name="a.txt", root=root)
    with pytest.raises(AttachmentError, match="unknown content type 'Nothing'"):
        await attach_file("Nothing", report.id, data=data, name="a.txt", root=root)
    with pytest.raises(AttachmentError, match="cannot read the file"):
        await attach_file("Document", report.id, tmp_path / "absent.txt", root=root)

    # the row cannot be written: the file written for it is removed again
    async def fail(*args, **kwargs):
        raise RuntimeError("database went away")

    monkeypatch.setattr("content.attachments.record_changes", fail)
    with pytest.raises(RuntimeError, match="database went away"):
        await attach_file("Document", report.id, data=data, name="a.txt", root=root)
    assert files_under(root) == [] and await m.Attachment.all().count() == 0


async def test_resolve_item(adb, report):
    assert await resolve_item(to_global_id("Document", report.id)) == ("Document", report.id)
    assert await resolve_item(f" {report.id} ") == ("Document", report.id)
    cat = await m.Mechanism.get(key="cat")
    assert await resolve_item(str(cat.id)) == ("Mechanism", cat.id)
    for ref, message in [
        (str(uuid.uuid4()), "no content item has the ID"),
        ("not-an-id", "neither a UUID nor a Marsad global ID"),
        (to_global_id("Document", uuid.uuid4()), "there is no Document with ID"),
        (to_global_id("Nothing", report.id), "which is not a content type"),
    ]:
        with pytest.raises(LookupError, match=message):
            await resolve_item(ref)
