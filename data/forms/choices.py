"""What the forms offer to pick from, read from the store (small lists, newest first where
that helps), and the codes they suggest."""

from datetime import date

import pandas as pd
from sqlalchemy import func, select, true
from sqlalchemy.engine import Engine

from models.tables import FeedbackItem, Participant, Programme, ProgrammeSession
from models.vocab import YOUNG_PERSON

PROGRAMMES = Programme.__table__
PARTICIPANTS = Participant.__table__
SESSIONS = ProgrammeSession.__table__
FEEDBACK = FeedbackItem.__table__
RECENT_SESSIONS = 300


def _frame(engine: Engine, query, columns: list[str]) -> pd.DataFrame:
    """Values as stored (object columns: an empty value stays None, never NaN)."""
    with engine.connect() as conn:
        # Plain tuples: pandas probes SQLAlchemy rows as mappings first (slow for 50,000 rows).
        return pd.DataFrame([tuple(row) for row in conn.execute(query)], columns=columns, dtype=object)


def programmes(engine: Engine) -> pd.DataFrame:
    """code, name: every programme, by name."""
    return _frame(engine, select(PROGRAMMES.c.code, PROGRAMMES.c.name).order_by(PROGRAMMES.c.name,
                                                                               PROGRAMMES.c.code),
                  ["code", "name"])


YOUNG, OTHERS = "young", "others"  # which participants a picker offers (None: everyone)


def _side(side: str | None):
    young = PARTICIPANTS.c.role == YOUNG_PERSON
    return {YOUNG: young, OTHERS: ~young, None: true()}[side]


def participant_count(engine: Engine, side: str | None = None) -> int:
    """How many participants a picker of `side` (YOUNG, OTHERS or None) could offer."""
    with engine.connect() as conn:
        return conn.execute(select(func.count()).select_from(PARTICIPANTS).where(_side(side))).scalar_one()


def participants_containing(engine: Engine, typed: str, side: str | None, limit: int) -> dict[str, str]:
    """code -> role of the first `limit` participants of `side` whose code contains `typed`
    (ignoring case; "" for any), young people first (as a register lists them), then by code in
    the same order on every database (Python's, not the database's collation). Found in the
    store, so a form never reads every participant (docs/decisions.md, 25)."""
    query = select(PARTICIPANTS.c.code, PARTICIPANTS.c.role).where(_side(side))
    if typed and not typed.isascii():
        # SQLite's lower() folds ASCII letters only: such a search is made in Python (rare).
        with engine.connect() as conn:
            rows = [tuple(row) for row in conn.execute(query) if typed.casefold() in row[0].casefold()]
    else:
        if typed:
            query = query.where(func.lower(PARTICIPANTS.c.code).contains(typed.lower(), autoescape=True))
        query = query.order_by(PARTICIPANTS.c.role != YOUNG_PERSON, PARTICIPANTS.c.code).limit(limit)
        with engine.connect() as conn:
            rows = [tuple(row) for row in conn.execute(query)]
    rows.sort(key=lambda row: (row[1] != YOUNG_PERSON, row[0]))
    return dict(rows[:limit])


def roles_of(engine: Engine, codes: tuple[str, ...]) -> dict[str, str]:
    """code -> role of those of `codes` the store holds."""
    if not codes:
        return {}
    with engine.connect() as conn:
        return dict(conn.execute(select(PARTICIPANTS.c.code, PARTICIPANTS.c.role)
                                 .where(PARTICIPANTS.c.code.in_(codes))).all())


def every_participant_code(engine: Engine) -> list[str]:
    """Every participant code, young people first, then by code: for the check that a text names
    none of them (data.forms.feedback_words.codes_named), made only when there is text to check."""
    with engine.connect() as conn:
        rows = [tuple(row) for row in conn.execute(select(PARTICIPANTS.c.code, PARTICIPANTS.c.role))]
    rows.sort(key=lambda row: (row[1] != YOUNG_PERSON, row[0]))
    return [code for code, _role in rows]


def sessions(engine: Engine, limit: int = RECENT_SESSIONS) -> pd.DataFrame:
    """code, date, programme (its name), title: the latest sessions first."""
    q = (select(SESSIONS.c.code, SESSIONS.c.date, PROGRAMMES.c.name, SESSIONS.c.title)
         .join(PROGRAMMES, PROGRAMMES.c.id == SESSIONS.c.programme_id)
         .order_by(SESSIONS.c.date.desc(), SESSIONS.c.code).limit(limit))
    return _frame(engine, q, ["code", "date", "programme", "title"])


def feedback_items(engine: Engine) -> pd.DataFrame:
    """code, raised_on, you_said, status: every "you said, we did" item, newest first."""
    q = (select(FEEDBACK.c.code, FEEDBACK.c.raised_on, FEEDBACK.c.you_said, FEEDBACK.c.status)
         .order_by(FEEDBACK.c.raised_on.desc(), FEEDBACK.c.code))
    return _frame(engine, q, ["code", "raised_on", "you_said", "status"])


def first_free(base: str, taken) -> str:
    """`base`, or `base-2`, `base-3`... whichever is not in `taken`."""
    taken = set(taken)
    if base not in taken:
        return base
    n = 2
    while f"{base}-{n}" in taken:
        n += 1
    return f"{base}-{n}"


def suggested_session_code(engine: Engine, programme_code: str, day: date) -> str:
    """The programme's code and the date, e.g. KIS-2026-11-20 (KIS-2026-11-20-2 for a second one)."""
    base = f"{programme_code}-{day.isoformat()}"
    q = select(SESSIONS.c.code).where(SESSIONS.c.code.like(f"{_escaped(base)}%", escape="\\"))
    with engine.connect() as conn:
        return first_free(base, conn.execute(q).scalars())


def suggested_feedback_code(engine: Engine, day: date) -> str:
    """FB- and the date it was raised, e.g. FB-2026-11-20 (then FB-2026-11-20-2)."""
    base = f"FB-{day.isoformat()}"
    q = select(FEEDBACK.c.code).where(FEEDBACK.c.code.like(f"{_escaped(base)}%", escape="\\"))
    with engine.connect() as conn:
        return first_free(base, conn.execute(q).scalars())


def _escaped(text: str) -> str:
    return text.replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_")
