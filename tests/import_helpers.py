"""What the import tests share: the valid file set, running an import, checking a refusal."""

import shutil
from io import BytesIO
from pathlib import Path

import pytest
from openpyxl import Workbook
from sqlalchemy import select

from data.importing import ImportRejected, ImportReport, Problem, import_sources
from tests.store_helpers import row_counts

VALID = Path(__file__).parent / "fixtures" / "import" / "valid"


def write(folder: Path, name: str, content: str | bytes) -> Path:
    path = folder / name
    path.write_bytes(content.encode() if isinstance(content, str) else content)
    return path


def valid_copy(tmp_path: Path) -> Path:
    folder = tmp_path / "files"
    shutil.copytree(VALID, folder)
    return folder


def all_files(folder: Path) -> list[Path]:
    return sorted(folder.glob("*.csv"), reverse=True)  # not dependency order, on purpose


def run(engine, sources) -> ImportReport:
    """import_sources, with text contents encoded as UTF-8."""
    return import_sources(engine, [(name, content.encode() if isinstance(content, str) else content)
                                   for name, content in sources])


def rejected(engine, sources) -> list[Problem]:
    before = row_counts(engine)
    with pytest.raises(ImportRejected) as caught:
        run(engine, sources)
    assert row_counts(engine) == before
    return caught.value.problems


def places(problems: list[Problem]) -> set[tuple]:
    return {(p.file, p.row, p.column) for p in problems}


def only(engine, model, **where):
    with engine.connect() as conn:
        query = select(model)
        for column, value in where.items():
            query = query.where(getattr(model, column) == value)
        return conn.execute(query).one()


PROGRAMMES = "programme_code,name\nPR1,Podcast\n"
SESSIONS = "session_code,programme_code,date,activity_type\nS1,PR1,2024-02-01,workshop\n"


def workbook_bytes(sheets: dict[str, list[list]]) -> bytes:
    book = Workbook()
    book.remove(book.active)
    for title, rows in sheets.items():
        sheet = book.create_sheet(title)
        for row in rows:
            sheet.append(row)
    out = BytesIO()
    book.save(out)
    return out.getvalue()
