"""Participant rights: export everything held about one participant, or erase them completely.

Plain functions (no Streamlit), shared by the admin page and `manage.py`. Both are audited; the
audit row names the participant code and row counts, never the personal data itself.

Erasure leaves no trace of the code. In the erasure's transaction, wherever the store still
writes the code (as a whole word, ignoring case) it is replaced by a stable token,
"erased participant #n" (n: the id of the erasure's own audit row, which records the token, not
the code): in every audit row's details (form saves, exports, earlier erasures...), in saved
views' names and queries, and in board snapshots' names. Free text people typed (feedback, session
titles, programmes, rating comments) is never changed by the program: `find_mentions` lists it for
an admin to edit before erasing. Afterwards the old pages are cleared: on SQLite the erasing
connection runs with `secure_delete` (deleted content overwritten with zeros), then the file is
vacuumed and the write-ahead log checkpointed and truncated; on PostgreSQL the touched tables are
vacuumed.
"""

import functools
import json
import logging
import re
from dataclasses import dataclass
from datetime import date, datetime
from urllib.parse import parse_qsl, quote_plus, urlencode

from sqlalchemy import delete, func, insert, or_, select, update
from sqlalchemy.exc import DBAPIError

from measures import started_early
from measures.kept_until_changed import forget_all
from models.audit import AUDIT, record
from models.clock import utcnow
from models.tables import (
    Attendance, BoardSnapshot, Evaluation, FeedbackItem, Framework, Participant, Principle, PrincipleRating, Programme,
    MonthFigure, ProgrammeSession, SavedView, Setting, Skill, SummaryMonthChange, YoungPeopleAttendance,
)
from models.version import bump_write_counter

log = logging.getLogger(__name__)

PARTICIPANTS = Participant.__table__
ATTENDANCE = Attendance.__table__
EVALUATIONS = Evaluation.__table__
RATINGS = PrincipleRating.__table__
SESSIONS = ProgrammeSession.__table__
PROGRAMMES = Programme.__table__
SKILLS = Skill.__table__
PRINCIPLES = Principle.__table__
FRAMEWORKS = Framework.__table__
FEEDBACK = FeedbackItem.__table__
VIEWS = SavedView.__table__
SNAPSHOTS = BoardSnapshot.__table__  # board_snapshots/saved.py's table, its names updated here
ERASED_ACTION = "participant erased"
TOKEN = "erased participant #{n}"

# Every row that refers to a participant: (table, the column holding the participant's id).
# Children first, so the participant row can go last.
REFERRING = ((ATTENDANCE, ATTENDANCE.c.participant_id), (EVALUATIONS, EVALUATIONS.c.participant_id),
             (RATINGS, RATINGS.c.rater_id))
# Every table an erasure writes to (the summary table through its triggers), for VACUUM.
TOUCHED = (PARTICIPANTS, ATTENDANCE, EVALUATIONS, RATINGS, YoungPeopleAttendance.__table__, AUDIT, VIEWS,
           SNAPSHOTS, Setting.__table__, MonthFigure.__table__, SummaryMonthChange.__table__)


class UnknownParticipant(LookupError):
    def __init__(self, code: str):
        super().__init__(f"No participant with code '{code}' in the store.")
        self.code = code


def _plain(value):
    if isinstance(value, (date, datetime)):
        return value.isoformat()
    return value


def _rows(conn, query) -> list[dict]:
    return [{key: _plain(value) for key, value in row.items()} for row in conn.execute(query).mappings()]


def _participant_id(conn, code: str) -> int:
    found = conn.execute(select(PARTICIPANTS.c.id).where(PARTICIPANTS.c.code == code)).scalar()
    if found is None:
        raise UnknownParticipant(code)
    return found


def row_counts(engine, code: str) -> dict[str, int]:
    """How many rows each table holds about the participant (raises UnknownParticipant)."""
    with engine.connect() as conn:
        return _counts(conn, _participant_id(conn, code))


def _counts(conn, person: int) -> dict[str, int]:
    counts = {table.name: conn.execute(select(func.count()).select_from(table).where(column == person)).scalar()
              for table, column in REFERRING}
    return {**counts, PARTICIPANTS.name: 1}


def export_participant(engine, code: str, actor: str | None = None) -> dict:
    """Everything held about participant `code`, as JSON-ready dicts keyed by table."""
    with engine.begin() as conn:
        person = _participant_id(conn, code)
        participant = _rows(conn, select(*[c for c in PARTICIPANTS.c if c.name != "id"])
                            .where(PARTICIPANTS.c.id == person))[0]
        attendance = _rows(conn, select(
            SESSIONS.c.code.label("session"), PROGRAMMES.c.code.label("programme"), SESSIONS.c.date,
            ATTENDANCE.c.attended, ATTENDANCE.c.role_in_session, ATTENDANCE.c.paid_gbp, ATTENDANCE.c.expenses_gbp)
            .join(SESSIONS, SESSIONS.c.id == ATTENDANCE.c.session_id)
            .join(PROGRAMMES, PROGRAMMES.c.id == SESSIONS.c.programme_id)
            .where(ATTENDANCE.c.participant_id == person).order_by(SESSIONS.c.date, SESSIONS.c.code))
        evaluations = _rows(conn, select(
            PROGRAMMES.c.code.label("programme"), EVALUATIONS.c.timepoint, EVALUATIONS.c.completed_on,
            SKILLS.c.code.label("skill"), EVALUATIONS.c.score)
            .join(PROGRAMMES, PROGRAMMES.c.id == EVALUATIONS.c.programme_id)
            .join(SKILLS, SKILLS.c.id == EVALUATIONS.c.skill_id)
            .where(EVALUATIONS.c.participant_id == person)
            .order_by(EVALUATIONS.c.completed_on, SKILLS.c.code, EVALUATIONS.c.timepoint))
        ratings = _rows(conn, select(
            RATINGS.c.rating_code, SESSIONS.c.code.label("session"), FRAMEWORKS.c.code.label("framework"),
            PRINCIPLES.c.code.label("principle"), RATINGS.c.rater_role, RATINGS.c.score, RATINGS.c.rated_on,
            RATINGS.c.comment)
            .join(SESSIONS, SESSIONS.c.id == RATINGS.c.session_id)
            .join(PRINCIPLES, PRINCIPLES.c.id == RATINGS.c.principle_id)
            .join(FRAMEWORKS, FRAMEWORKS.c.id == PRINCIPLES.c.framework_id)
            .where(RATINGS.c.rater_id == person).order_by(RATINGS.c.rated_on, RATINGS.c.id))
        export = {"participant": participant, "attendance": attendance, "evaluations": evaluations,
                  "principle_ratings": ratings}
        record(conn, actor, "participant exported", code=code,
               counts={key: len(value) for key, value in export.items() if key != "participant"})
    return export


def erase_participant(engine, code: str, actor: str | None = None) -> "Erasure":
    """Delete participant `code` and every row that refers to them, and put the stable token
    "erased participant #n" where the code is still written (see the module's docstring), all in
    one transaction; then clear the old pages (see `_clear_old_pages`).

    Bumps the data version so cached figures are recomputed. Free text that names the
    participant is not changed: `find_mentions` lists it, for an admin to edit first.
    """
    with engine.connect() as conn:
        secure_before = _secure_delete_on(conn)
        try:
            with conn.begin():
                person = _participant_id(conn, code)
                deleted = {table.name: conn.execute(delete(table).where(column == person)).rowcount
                           for table, column in REFERRING}
                deleted[PARTICIPANTS.name] = conn.execute(
                    delete(PARTICIPANTS).where(PARTICIPANTS.c.id == person)).rowcount
                # Figures kept by month may have counted them: all go (the next views work them out).
                conn.execute(delete(MonthFigure.__table__))
                bump_write_counter(conn)
                # The erasure's own audit row first, for its id: the token's number.
                entry = conn.execute(insert(AUDIT).values(
                    at=utcnow(), actor=actor or "(anonymous)", action=ERASED_ACTION)).inserted_primary_key[0]
                token = TOKEN.format(n=entry)
                rewritten = _replace_mentions(conn, code, token, leave=entry)
                conn.execute(update(AUDIT).where(AUDIT.c.id == entry).values(detail=_audit_text(
                    {"code": token, "counts": deleted, "rewritten": rewritten})))
        finally:
            _secure_delete_back(conn, secure_before)
        forget_all()  # and those kept in memory (measures/kept_until_changed.py), now it is committed
        started_early.forget_all()
        cleared = _clear_old_pages(conn, TOUCHED)
    return Erasure(deleted, token, rewritten, cleared)


@dataclass(frozen=True)
class Erasure:
    """What an erasure did: rows deleted per table, the token now standing for the code, rows
    rewritten per table, and whether the old pages were cleared (None when that failed; see
    `_clear_old_pages`)."""

    deleted: dict[str, int]
    token: str
    rewritten: dict[str, int]
    cleared: str | None

    @property
    def rows_deleted(self) -> int:
        return sum(self.deleted.values())


def mentions_of(code: str) -> re.Pattern:
    """The code as a whole word, ignoring case (as data/forms/feedback.py's `named_participants`:
    "yp-7 came" names YP-7, "YP-70" does not)."""
    return re.compile(rf"(?<!\w){re.escape(code)}(?!\w)", re.IGNORECASE)


def _like_any(column, needles, pattern: str = "%{}%") -> object:
    """A cheap test in SQL before the whole-word test in Python: `column` holds any of `needles`
    (or, with pattern "{}%", starts with one), ignoring case (SQL's lower() may fold ASCII only: the
    needle as given is tried too)."""
    def like(value, needle: str):
        needle = needle.replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_")
        return value.like(pattern.format(needle), escape="\\")
    return or_(*(test for n in dict.fromkeys(needles)
                 for test in (like(column, n), like(func.lower(column), n.lower()))))


def _audit_text(detail: dict) -> str:
    return json.dumps(detail, default=str, sort_keys=True)  # as models/audit.py's `record` writes it


def _replaced(value, replace):
    """`value` (JSON-ready) with `replace` applied to its keys and strings at any depth."""
    if isinstance(value, str):
        return replace(value)
    if isinstance(value, dict):
        return {_replaced(key, replace): _replaced(item, replace) for key, item in value.items()}
    if isinstance(value, list):
        return [_replaced(item, replace) for item in value]
    return value


def _replace_mentions(conn, code: str, token: str, leave: int) -> dict[str, int]:
    """Put `token` for `code` in audit rows' details (all but row `leave`), saved views' names and
    queries, and board snapshots' names. The rows changed, per table."""
    pattern = mentions_of(code)
    replace = functools.partial(pattern.sub, lambda _found: token)
    rewritten = {AUDIT.name: 0, VIEWS.name: 0, SNAPSHOTS.name: 0}
    in_json = json.dumps(code)[1:-1]  # as the code is written inside JSON text (e.g. escaped quotes)
    for row in conn.execute(select(AUDIT.c.id, AUDIT.c.detail)
                            .where(AUDIT.c.id != leave, _like_any(AUDIT.c.detail, (code, in_json)))).all():
        try:
            text = _audit_text(_replaced(json.loads(row.detail), replace))
        except ValueError:  # not JSON (written by another tool): the text as it stands
            text = replace(row.detail)
        if text != row.detail:
            conn.execute(update(AUDIT).where(AUDIT.c.id == row.id).values(detail=text))
            rewritten[AUDIT.name] += 1
    for row in conn.execute(select(VIEWS.c.id, VIEWS.c.name, VIEWS.c.query).where(
            _like_any(VIEWS.c.name, (code,)) | _like_any(VIEWS.c.query, (code, quote_plus(code))))).all():
        name, query = replace(row.name), _replaced_query(row.query, replace)
        if (name, query) != (row.name, row.query):
            if name != row.name:
                name = _free_name(conn, VIEWS, name, row.id)
            conn.execute(update(VIEWS).where(VIEWS.c.id == row.id).values(name=name, query=query))
            rewritten[VIEWS.name] += 1
    for row in conn.execute(select(SNAPSHOTS.c.id, SNAPSHOTS.c.name)
                            .where(_like_any(SNAPSHOTS.c.name, (code,)))).all():
        name = replace(row.name)
        if name != row.name:
            conn.execute(update(SNAPSHOTS).where(SNAPSHOTS.c.id == row.id)
                         .values(name=_free_name(conn, SNAPSHOTS, name, row.id)))
            rewritten[SNAPSHOTS.name] += 1
    return rewritten


def _replaced_query(query: str, replace) -> str:
    """A saved view's query string with its keys and values replaced (decoded first, so a code
    written with %-escapes is found too); as it was when nothing changed."""
    try:
        pairs = parse_qsl(query, keep_blank_values=True, strict_parsing=True) if query else []
    except ValueError:
        return replace(query)
    changed = [(replace(key), replace(value)) for key, value in pairs]
    return query if changed == pairs else urlencode(changed)


def _free_name(conn, table, name: str, me: int) -> str:
    """`name`, or `name (2)`, `name (3)`... when another row of `table` has it (names are unique,
    saved views' whatever their case)."""
    candidate, n = name, 1
    while conn.execute(select(table.c.id).where(func.lower(table.c.name) == candidate.lower(),
                                                table.c.id != me)).first() is not None:
        n += 1
        candidate = f"{name} ({n})"
    return candidate


def _secure_delete_on(conn) -> int | None:
    """On SQLite, overwrite deleted content with zeros on this connection (its setting before, to
    put back); nothing elsewhere."""
    if conn.dialect.name != "sqlite":
        return None
    before = conn.exec_driver_sql("PRAGMA secure_delete").scalar()
    conn.exec_driver_sql("PRAGMA secure_delete=ON")
    conn.commit()  # no transaction was open: a pragma does not begin one; this ends SQLAlchemy's
    return before


def _secure_delete_back(conn, before: int | None) -> None:
    if before is not None:
        conn.rollback()  # whatever is left open by a failure
        conn.exec_driver_sql(f"PRAGMA secure_delete={int(before)}")
        conn.commit()


def _clear_old_pages(conn, tables) -> str | None:
    """After the erasure's transaction, so that no old copy of what it deleted or rewrote stays in
    the store's files. What was done, or None when it could not be (the erasure itself stands: it
    is committed; the log says why).

    SQLite: VACUUM (the file rebuilt from its live rows: also gone are leftovers of edits made
    before the erasure without `secure_delete`, e.g. the admin's edit of a feedback text that named
    the participant, which SQLite builds with secure_delete off by default leave in free space),
    then checkpoint the write-ahead log and truncate it, so no page from before stays in the -wal
    file. PostgreSQL: VACUUM the tables touched, outside any transaction (an autocommit
    connection)."""
    try:
        if conn.dialect.name == "sqlite":
            conn.exec_driver_sql("VACUUM")  # no transaction is open: pysqlite begins none for it
            busy, _, _ = conn.exec_driver_sql("PRAGMA wal_checkpoint(TRUNCATE)").one()
            conn.commit()
            if busy:
                log.warning("After an erasure the write-ahead log could not be checkpointed: another "
                            "connection was reading. Its old pages go at the next checkpoint.")
                return None
            return "store vacuumed, write-ahead log checkpointed and truncated"
        if conn.dialect.name == "postgresql":
            with conn.engine.connect().execution_options(isolation_level="AUTOCOMMIT") as vacuuming:
                for table in tables:
                    vacuuming.exec_driver_sql(f'VACUUM "{table.name}"')
            return "tables vacuumed: " + ", ".join(table.name for table in tables)
    except DBAPIError as problem:
        conn.rollback()
        log.warning("After an erasure the old pages could not be cleared: %s", problem)
        return None
    return "nothing to clear on " + conn.dialect.name


@dataclass(frozen=True)
class Mention:
    """Free text that names a participant: where (e.g. "You said, we did item F1"), which field,
    and the text."""

    where: str
    field: str
    text: str


def find_mentions(engine, code: str) -> list[Mention]:
    """Free text that names `code` as a whole word, ignoring case: feedback items (what was said,
    what was done), session titles, programmes' names and descriptions, and principle rating
    comments (but those of ratings the participant gave, erased with them). Not changed by the
    erasure: an admin edits it first."""
    pattern = mentions_of(code)
    found = []
    with engine.connect() as conn:
        person = conn.execute(select(PARTICIPANTS.c.id).where(PARTICIPANTS.c.code == code)).scalar()
        for place in _free_text():
            for row in conn.execute(place.query.where(
                    or_(*(_like_any(column, (code,)) for column, _ in place.columns)))).all():
                if place.table is RATINGS and person is not None and row.rater_id == person:
                    continue
                for column, field in place.columns:
                    text = getattr(row, column.name)
                    if text and pattern.search(text):
                        found.append(Mention(place.what.format(**row._mapping), field, text))
    return found


@dataclass(frozen=True)
class _Place:
    what: str
    table: object
    query: object
    columns: tuple


def _free_text() -> list[_Place]:
    feedback, programme = FEEDBACK, PROGRAMMES
    return [
        _Place("You said, we did item {code}", feedback, select(feedback.c.code, feedback.c.you_said,
                                                                 feedback.c.we_did).order_by(feedback.c.code),
               ((feedback.c.you_said, "You said"), (feedback.c.we_did, "We did"))),
        _Place("Session {code}", SESSIONS, select(SESSIONS.c.code, SESSIONS.c.title).order_by(SESSIONS.c.code),
               ((SESSIONS.c.title, "Title"),)),
        _Place("Programme {code}", programme, select(programme.c.code, programme.c.name, programme.c.description)
               .order_by(programme.c.code), ((programme.c.name, "Name"), (programme.c.description, "Description"))),
        _Place("Principle rating {id} (session {session})", RATINGS,
               select(RATINGS.c.id, RATINGS.c.rater_id, RATINGS.c.comment, SESSIONS.c.code.label("session"))
               # Only those with a comment: read from their partial index (ix_ratings_commented).
               .join(SESSIONS, SESSIONS.c.id == RATINGS.c.session_id).where(RATINGS.c.comment.is_not(None))
               .order_by(RATINGS.c.id),
               ((RATINGS.c.comment, "Comment"),)),
    ]


def codes_starting_with(engine, start: str, limit: int) -> list[str]:
    """The first `limit` participant codes, in order, that begin with `start`, ignoring case (every
    code's first `limit` when `start` is empty). Read in code order, so the store walks the codes'
    index and stops at `limit`: a page offers a few codes, never all of them."""
    query = select(PARTICIPANTS.c.code).order_by(PARTICIPANTS.c.code).limit(limit)
    if start:
        query = query.where(_like_any(PARTICIPANTS.c.code, (start,), pattern="{}%"))
    with engine.connect() as conn:
        return list(conn.execute(query).scalars())
