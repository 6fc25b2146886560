"""Record a session with its register (sessions.csv and attendance.csv of the data contract)."""

from dataclasses import dataclass
from datetime import date

from sqlalchemy import select

from data.forms.saving import FormProblem, FormRejected, Rows, save
from data.forms.words import plural
from models.tables import Attendance, Participant, ProgrammeSession

SESSIONS, ATTENDANCE, PEOPLE = ProgrammeSession.__table__, Attendance.__table__, Participant.__table__
EMPTY_REGISTER = ("nobody is on the register: pick the people who were expected, or untick "
                  "'Take the register now' to record the session alone")
PER_LINE = frozenset(("participant_code", "attended", "role_in_session", "paid_gbp", "expenses_gbp"))


@dataclass
class SessionDetails:
    code: str
    programme_code: str
    date: date
    activity_type: str
    duration_hours: float = 2.0
    mode: str = "in_person"
    led_by: str = "organisation"
    stage: str | None = None
    ladder_rung: int | None = None
    title: str | None = None


@dataclass
class RegisterLine:
    participant_code: str
    attended: bool
    role_in_session: str = "participant"
    paid_gbp: float | None = None
    expenses_gbp: float | None = None


def _register_rows(session_code: str, register: list[RegisterLine]) -> Rows:
    lines = [{"session_code": session_code, "participant_code": line.participant_code, "attended": line.attended,
              "role_in_session": line.role_in_session, "paid_gbp": line.paid_gbp, "expenses_gbp": line.expenses_gbp}
             for line in register]
    return Rows("attendance", lines, row_names=[line.participant_code for line in register], per_row=PER_LINE)


def save_session(engine, actor: str | None, session: SessionDetails,
                 register: list[RegisterLine] | None) -> str:
    """Add a new session and, unless `register` is None, its register. Returns what was saved;
    raises FormRejected (nothing saved) on any problem, including a session code already used."""
    code = (session.code or "").strip()
    row = {"session_code": code, "programme_code": session.programme_code, "date": session.date,
           "title": (session.title or "").strip() or None, "activity_type": session.activity_type,
           "stage": session.stage, "mode": session.mode, "led_by": session.led_by,
           "ladder_rung": session.ladder_rung, "duration_hours": session.duration_hours}
    parts = [Rows("sessions", [row])]
    if register:
        parts.append(_register_rows(code, register))

    def checks(conn) -> list[FormProblem]:
        problems = []
        if register is not None and not register:
            problems.append(FormProblem("Register", EMPTY_REGISTER))
        if code:
            used_on = conn.execute(select(SESSIONS.c.date).where(SESSIONS.c.code == code)).scalar()
            if used_on is not None:
                problems.append(FormProblem("Session code", f"'{code}' is already the code of the session on "
                                                            f"{used_on.isoformat()}: choose another code"))
        return problems

    came = sum(1 for line in register or () if line.attended)
    save(engine, actor, "session", parts, checks, codes=[code], register=len(register or ()), came=came)
    if register is None:
        return f"Saved session {code} (no register yet)."
    return f"Saved session {code} with {plural(len(register), 'person', 'people')} on the register ({came} came)."


def save_register(engine, actor: str | None, session_code: str, register: list[RegisterLine]) -> str:
    """Take (or correct) the register of a session already recorded: lines for people already on
    it are updated in place, the others added. Nobody is taken off a register here."""
    problems = [] if session_code else [FormProblem("Session", "please pick the session")]
    if not register:
        problems.append(FormProblem("Register", "nobody is on the register: pick the people who were expected"))
    if problems:
        raise FormRejected(problems)
    came = sum(1 for line in register if line.attended)
    report = save(engine, actor, "register", [_register_rows(session_code, register)], codes=[session_code],
                  register=len(register), came=came)
    counts = report.files["attendance"]
    return (f"Saved the register of session {session_code}: {plural(len(register), 'person', 'people')}, "
            f"{came} came ({counts.added} added, {counts.updated} changed, {counts.unchanged} as before).")


def register_of(engine, session_code: str) -> list[RegisterLine]:
    """The register already saved for a session, by participant code."""
    q = (select(PEOPLE.c.code, ATTENDANCE.c.attended, ATTENDANCE.c.role_in_session, ATTENDANCE.c.paid_gbp,
                ATTENDANCE.c.expenses_gbp)
         .join(PEOPLE, PEOPLE.c.id == ATTENDANCE.c.participant_id)
         .join(SESSIONS, SESSIONS.c.id == ATTENDANCE.c.session_id)
         .where(SESSIONS.c.code == session_code).order_by(PEOPLE.c.code))
    with engine.connect() as conn:
        return [RegisterLine(*row) for row in conn.execute(q)]
