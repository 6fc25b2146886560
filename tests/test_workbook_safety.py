"""Workbooks that would be unsafe to open are refused with a problem, and nothing changes:
zip bombs (too large unpacked, or unpacking far beyond their packed size) and XML entities."""

import zipfile
from io import BytesIO

import pytest
from openpyxl import Workbook

from data.importing import ImportRejected, import_sources, reading, workbook_safety
from tests.store_helpers import row_counts

MB = 1024 * 1024


def workbook() -> bytes:
    book = Workbook()
    sheet = book.active
    sheet.title = "programmes"
    sheet.append(["programme_code", "name"])
    sheet.append(["PR1", "Podcast"])
    out = BytesIO()
    book.save(out)
    return out.getvalue()


def rewritten(content: bytes, replace: dict[str, bytes] | None = None, add: dict[str, int] | None = None) -> bytes:
    """The workbook with some members' contents replaced, and extra members of `add[name]` zero bytes."""
    source = zipfile.ZipFile(BytesIO(content))
    out = BytesIO()
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED, compresslevel=9) as target:
        for member in source.infolist():
            target.writestr(member.filename, (replace or {}).get(member.filename, source.read(member)))
        for name, size in (add or {}).items():
            with target.open(name, "w", force_zip64=True) as part:
                for _ in range(size // MB):
                    part.write(bytes(MB))
    return out.getvalue()


def refused(engine, content: bytes) -> list[str]:
    before = row_counts(engine)
    with pytest.raises(ImportRejected) as caught:
        import_sources(engine, [("records.xlsx", content)])
    assert row_counts(engine) == before
    return [str(p) for p in caught.value.problems]


def test_a_safe_workbook_still_imports(engine):
    report = import_sources(engine, [("records.xlsx", workbook())])
    assert report.files["programmes"].added == 1


def test_a_member_unpacking_far_beyond_its_size_is_refused(engine):
    content = rewritten(workbook(), add={"xl/media/padding.bin": 3 * MB})  # 3 MB of zeros packs to ~3 KB
    assert len(content) < 100_000
    assert refused(engine, content) == ["records.xlsx: the workbook unpacks to 3 MB: too large to read safely"]


def test_a_workbook_unpacking_to_over_200_mb_is_refused(engine, monkeypatch):
    monkeypatch.setattr(workbook_safety, "MAX_RATIO", 10**9)  # the total alone must refuse it
    content = rewritten(workbook(), add={"xl/media/padding.bin": 201 * MB})
    assert len(content) < 1 * MB
    assert refused(engine, content) == ["records.xlsx: the workbook unpacks to 201 MB: too large to read safely"]


def with_entity(content: bytes) -> bytes:
    """The workbook with a DOCTYPE declaring an external entity in its sheet, and the entity used in cell A2."""
    sheet = zipfile.ZipFile(BytesIO(content)).read("xl/worksheets/sheet1.xml").decode()
    prolog = sheet[:sheet.index("?>") + 2] if sheet.startswith("<?xml") else ""
    body = sheet[len(prolog):]
    assert "<t>PR1</t>" in body
    body = body.replace("<t>PR1</t>", "<t>&xxe;</t>")
    doctype = '<!DOCTYPE worksheet [<!ENTITY xxe SYSTEM "file:///etc/hostname">]>'
    return rewritten(content, replace={"xl/worksheets/sheet1.xml": (prolog + doctype + body).encode()})


def test_a_sheet_declaring_an_external_entity_is_refused(engine):
    assert refused(engine, with_entity(workbook())) == [
        "records.xlsx: the workbook part xl/worksheets/sheet1.xml declares XML entities (a DOCTYPE), which are "
        "not allowed: save the workbook again from Excel"]


def test_the_xml_parser_refuses_entities_even_without_the_check(engine, monkeypatch):
    # defusedxml (requirements.txt) is the second guard: openpyxl parses every part with it.
    from defusedxml import EntitiesForbidden
    from openpyxl import load_workbook

    with pytest.raises(ValueError) as caught:
        load_workbook(BytesIO(with_entity(workbook())), read_only=True, data_only=True)
    assert isinstance(caught.value.__cause__, EntitiesForbidden)
    monkeypatch.setattr(reading, "workbook_problems", lambda label, content: [])
    assert refused(engine, with_entity(workbook())) == [
        "records.xlsx: the file cannot be read as an .xlsx workbook (ValueError)"]
