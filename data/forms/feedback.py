"""Add a "you said, we did" item, or update one: its status, what was done, when young people
were told (feedback.csv of the data contract; an update is the item's row sent again, changed)."""

from dataclasses import dataclass
from datetime import date

from sqlalchemy import select

from data.forms.saving import FormProblem, FormRejected, Rows, exists, save
from data.forms.words import FEEDBACK_STATUSES
from models.tables import FeedbackItem, Programme

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

    save(engine, actor, "you said, we did: add", [Rows("feedback", [row])], checks, codes=[code])
    return f"Added item {code} ({_status(item.status)})."


def stored_item(engine, code: str) -> FeedbackEntry | None:
    q = (select(FEEDBACK.c.code, FEEDBACK.c.raised_on, FEEDBACK.c.you_said, FEEDBACK.c.status,
                PROGRAMMES.c.code, FEEDBACK.c.we_did, FEEDBACK.c.responded_on)
         .select_from(FEEDBACK.outerjoin(PROGRAMMES, PROGRAMMES.c.id == FEEDBACK.c.programme_id))
         .where(FEEDBACK.c.code == code))
    with engine.connect() as conn:
        found = conn.execute(q).first()
    return FeedbackEntry(*found) if found else None


def update_feedback(engine, actor: str | None, code: str, status: str, we_did: str | None,
                    responded_on: date | None) -> str:
    """Change an item's status, what was done and when it was told back, in place."""
    item = stored_item(engine, code)
    if item is None:
        raise FormRejected([FormProblem("Item", f"there is no item '{code}' (was it just erased?)")])
    changed = FeedbackEntry(item.code, item.raised_on, item.you_said, status, item.programme_code, we_did,
                            responded_on)
    report = save(engine, actor, "you said, we did: update", [Rows("feedback", [_row(changed)])], codes=[code])
    if not report.files["feedback"].updated:
        return f"Nothing to change: item {code} already says that."
    told = f", told back on {responded_on.isoformat()}" if responded_on else ", not yet told back"
    return f"Updated item {code}: {_status(status)}{told}."


def _status(status: str) -> str:
    return FEEDBACK_STATUSES.get(status, status).split(" (")[0].lower()
