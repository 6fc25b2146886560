"""Writing many attendance records at once, with the young people's attendance summary kept right.

The summary (models.tables.YoungPeopleAttendance) is kept by triggers (migration 0006) whoever
writes. Row by row, though, the insert trigger tripled the time of a large import, so the importer
pauses it inside its own transaction and adds the summary rows of everything it added in one
statement. Other connections never see the pause: it is a settings row that is gone again before
the transaction commits.
"""

from contextlib import contextmanager

from sqlalchemy import delete, func, insert, select
from sqlalchemy.engine import Connection

from models.tables import Attendance, Participant, ProgrammeSession, Setting, YoungPeopleAttendance
from models.vocab import YOUNG_PERSON

PAUSED = "young_people_attendance_paused"  # the key the triggers look for (migration 0006)
A, S, P = Attendance.__table__, ProgrammeSession.__table__, Participant.__table__
Y = YoungPeopleAttendance.__table__
SETTINGS = Setting.__table__


def summary_rows(where):
    """The summary's rows for the attendance records `where` picks (young people's only)."""
    sources = {**{c.name: c for c in S.columns}, **{c.name: c for c in P.columns}, **{c.name: c for c in A.columns}}
    return (select(*(sources[c.name] for c in Y.columns))
            .select_from(A.join(S, S.c.id == A.c.session_id).join(P, P.c.id == A.c.participant_id))
            .where(P.c.role == YOUNG_PERSON, where))


@contextmanager
def attendance_added_in_bulk(conn: Connection):
    """Inside the caller's transaction: attendance records added in the block get their summary
    rows in one statement at its end (records changed or removed are still handled by triggers)."""
    before = conn.execute(select(func.coalesce(func.max(A.c.id), 0))).scalar_one()
    conn.execute(insert(SETTINGS).values(key=PAUSED, value="true"))
    yield
    conn.execute(delete(SETTINGS).where(SETTINGS.c.key == PAUSED))
    # Holding the write lock, every record above `before` was added by this transaction. The
    # importer adds them session by session, so they reach the summary in runs of its own order;
    # sorting them all first cost more than it saved (docs/decisions.md).
    conn.execute(insert(Y).from_select([c.name for c in Y.columns], summary_rows(A.c.id > before)))
