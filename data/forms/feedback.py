"""Add a "you said, we did" item, or update one: its status, what was done, when young people
were told (feedback.csv of the data contract; an update is the item's row sent again, changed),
and whether young people and trustees see it.

The row goes through the importer as any form's does (its rules decide the flag of an item the form
says nothing about: shown when it has a response). The flag is not a column of the contract: when
the form says it (a member of staff ticking "Shown to young people and trustees" approves the item),
it is set in the same transaction, after the row is written, and audited with it."""

import re
from collections.abc import Iterable
from dataclasses import dataclass
from datetime import date

from sqlalchemy import select, update
from sqlalchemy.engine import Connection

from data.forms.saving import FormProblem, FormRejected, Rows, exists, save
from data.forms.words import FEEDBACK_STATUSES
from models.tables import FeedbackItem, Programme
from models.version import bump_write_counter

FEEDBACK, PROGRAMMES = FeedbackItem.__table__, Programme.__table__


@dataclass
class FeedbackEntry:
    code: str
    raised_on: date
    you_said: str
    status: str = "raised"
    programme_code: str | None = None
    we_did: str | None = None
    responded_on: date | None = None
    shown_to_all: bool | None = None  # None: as the importer's rules say (shown when it has a response)


def _row(item: FeedbackEntry) -> dict:
    return {"item_code": (item.code or "").strip(), "programme_code": item.programme_code or None,
            "raised_on": item.raised_on, "you_said": (item.you_said or "").strip(), "status": item.status,
            "we_did": (item.we_did or "").strip() or None, "responded_on": item.responded_on}


def add_feedback(engine, actor: str | None, item: FeedbackEntry) -> str:
    """Add an item whose code is new. Returns what was saved; raises FormRejected."""
    row = _row(item)
    code = row["item_code"]

    def checks(conn) -> list[FormProblem]:
        if code and exists(conn, FEEDBACK.c.code, code):
            return [FormProblem("Item code", f"'{code}' is already the code of another item: choose another")]
        return []

    _save_with_flag(engine, actor, "you said, we did: add", row, item.shown_to_all, checks)
    return f"Added item {code} ({_status(item.status)}){_shown_words(item.shown_to_all)}."


def stored_item(engine, code: str) -> FeedbackEntry | None:
    q = (select(FEEDBACK.c.code, FEEDBACK.c.raised_on, FEEDBACK.c.you_said, FEEDBACK.c.status,
                PROGRAMMES.c.code, FEEDBACK.c.we_did, FEEDBACK.c.responded_on, FEEDBACK.c.shown_to_all)
         .select_from(FEEDBACK.outerjoin(PROGRAMMES, PROGRAMMES.c.id == FEEDBACK.c.programme_id))
         .where(FEEDBACK.c.code == code))
    with engine.connect() as conn:
        found = conn.execute(q).first()
    if not found:
        return None
    *values, shown = found
    return FeedbackEntry(*values, shown_to_all=bool(shown))


def update_feedback(engine, actor: str | None, code: str, status: str, we_did: str | None,
                    responded_on: date | None, shown_to_all: bool | None = None) -> str:
    """Change an item's status, what was done and when it was told back, in place; and whether
    young people and trustees see it (None: as the importer's rules say)."""
    item = stored_item(engine, code)
    if item is None:
        raise FormRejected([FormProblem("Item", f"there is no item '{code}' (was it just erased?)")])
    changed = FeedbackEntry(item.code, item.raised_on, item.you_said, status, item.programme_code, we_did,
                            responded_on)
    row_changed, flag_changed = _save_with_flag(engine, actor, "you said, we did: update", _row(changed),
                                                shown_to_all)
    if not row_changed and not flag_changed:
        return f"Nothing to change: item {code} already says that."
    if not row_changed:
        return f"Updated item {code}: {'now' if shown_to_all else 'no longer'} shown to young people and trustees."
    told = f", told back on {responded_on.isoformat()}" if responded_on else ", not yet told back"
    shown = _shown_words(shown_to_all) if flag_changed else ""
    return f"Updated item {code}: {_status(status)}{told}{shown}."


def _save_with_flag(engine, actor: str | None, form: str, row: dict, shown_to_all: bool | None,
                    checks=None) -> tuple[bool, bool]:
    """Save `row` through the importer and then, when `shown_to_all` is given, set the item's flag,
    all in one transaction (nothing is saved when anything is refused). Whether the row changed,
    and whether the flag did."""
    code = row["item_code"]
    audit = {"codes": [code]} if shown_to_all is None else {"codes": [code], "shown_to_all": shown_to_all}
    flag_changed = False

    def set_flag(conn: Connection) -> None:
        nonlocal flag_changed
        if shown_to_all is None:
            return
        flag_changed = conn.execute(
            update(FEEDBACK).where(FEEDBACK.c.code == code, FEEDBACK.c.shown_to_all != shown_to_all)
            .values(shown_to_all=shown_to_all)).rowcount > 0
        if flag_changed:
            bump_write_counter(conn)  # an in-place change: caches must see it

    counts = save(engine, actor, form, [Rows("feedback", [row])], checks, then=set_flag, **audit).files["feedback"]
    return bool(counts.added or counts.updated), flag_changed


def _shown_words(shown_to_all: bool | None) -> str:
    if shown_to_all is None:
        return ""
    return ", shown to young people and trustees" if shown_to_all else ", not shown to young people and trustees yet"


def named_participants(text: str | None, codes: Iterable[str]) -> list[str]:
    """The participant codes (of `codes`, e.g. every code in the store) that `text` names as a
    whole word, ignoring case: "yp-7 came" names YP-7, "YP-70" does not. In the order of `codes`."""
    if not text:
        return []
    folded = text.casefold()
    found = []
    for code in codes:
        code = str(code)
        wanted = code.casefold()
        if wanted and wanted in folded \
                and re.search(rf"(?<!\w){re.escape(wanted)}(?!\w)", folded):  # the cheap test first
            found.append(code)
    return found


def _status(status: str) -> str:
    return FEEDBACK_STATUSES.get(status, status).split(" (")[0].lower()
