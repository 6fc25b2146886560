"""Checks on an .xlsx workbook's zip before openpyxl opens it: no zip bombs, no XML entity declarations.

zipfile never unpacks more than a member's declared size (it stops with an error instead), so the
declared sizes are what we check. Entity declarations live in a DOCTYPE, which XML only allows before
the root element: the start of each XML member is enough to find one. openpyxl also parses with
defusedxml (in requirements.txt), which refuses entities; this check gives the clearer message."""

import io
import zipfile

from data.importing.problems import Problem
from measures.formatting import count

MB = 1024 * 1024
MAX_TOTAL_BYTES = 200 * MB  # unpacked size of the whole workbook
MAX_RATIO = 100  # unpacked / packed size, checked for members over RATIO_FROM_BYTES
RATIO_FROM_BYTES = 1 * MB
MAX_MEMBERS = 10_000
PROLOG_BYTES = 4096  # how much of each XML member is searched for a DOCTYPE
XML_SUFFIXES = (".xml", ".rels", ".vml")


def workbook_problems(label: str, content: bytes) -> list[Problem]:
    """Problems that make `content` unsafe to hand to openpyxl; [] when it is safe (or not a zip at
    all: openpyxl then reports it as unreadable)."""
    try:
        book = zipfile.ZipFile(io.BytesIO(content))
    except (zipfile.BadZipFile, OSError, ValueError):
        return []
    with book:
        members = book.infolist()
        if len(members) > MAX_MEMBERS:
            return [Problem(label, None, None,
                            f"the workbook holds {count(len(members))} parts: too many to read safely")]
        total = sum(m.file_size for m in members)
        if total > MAX_TOTAL_BYTES or any(_bomb(m) for m in members):
            return [Problem(label, None, None,
                            f"the workbook unpacks to {count(total / MB)} MB: too large to read safely")]
        return [Problem(label, None, None, f"the workbook part {m.filename} declares XML entities "
                        "(a DOCTYPE), which are not allowed: save the workbook again from Excel")
                for m in members if m.filename.lower().endswith(XML_SUFFIXES) and _declares_entities(book, m)]


def _bomb(member: zipfile.ZipInfo) -> bool:
    return member.file_size > RATIO_FROM_BYTES and member.file_size > MAX_RATIO * max(member.compress_size, 1)


def _declares_entities(book: zipfile.ZipFile, member: zipfile.ZipInfo) -> bool:
    try:
        with book.open(member) as part:
            start = part.read(PROLOG_BYTES)
    except Exception:  # noqa: BLE001 - a damaged part: openpyxl reports the workbook as unreadable
        return False
    # UTF-16 parts (allowed by XML) are searched as such too.
    texts = [start] + [start.decode(codec, "ignore").encode() for codec in ("utf-16-le", "utf-16-be")]
    return any(b"<!DOCTYPE" in t.upper() or b"<!ENTITY" in t.upper() for t in texts)
