"""What the store already holds, loaded once per import: code -> id maps (one query per table)."""

from dataclasses import dataclass
from datetime import date

from sqlalchemy import select
from sqlalchemy.engine import Connection

from data.importing.values import as_word
from models.tables import Framework, Participant, Principle, Programme, ProgrammeSession, Skill


@dataclass
class StoreIndex:
    programmes: dict[str, int]
    participants: dict[str, int]
    sessions: dict[str, int]
    session_dates: dict[str, date]
    skills: dict[str, int]  # code as a word (values.as_word) -> id
    skill_codes: list[str]
    frameworks: dict[str, tuple[int, str]]  # code as a word (values.as_word) -> (id, code)
    principles: dict[int, dict[str, int]]  # framework id -> {code as a word (values.as_word): id}
    principle_codes: dict[int, list[str]]

    def ids(self, table: str) -> dict[str, int]:
        """The code -> id map of a coded table ("programmes", "participants", "sessions")."""
        return getattr(self, table)


def load_index(conn: Connection) -> StoreIndex:
    sessions: dict[str, int] = {}
    session_dates: dict[str, date] = {}
    for code, id_, day in conn.execute(select(ProgrammeSession.code, ProgrammeSession.id,
                                              ProgrammeSession.date)):
        sessions[code] = id_
        session_dates[code] = day
    skill_rows = conn.execute(select(Skill.code, Skill.id).order_by(Skill.id)).all()
    principles: dict[int, dict[str, int]] = {}
    principle_codes: dict[int, list[str]] = {}
    for framework_id, code, id_ in conn.execute(
            select(Principle.framework_id, Principle.code, Principle.id)
            .order_by(Principle.framework_id, Principle.position, Principle.id)):
        principles.setdefault(framework_id, {})[as_word(code)] = id_
        principle_codes.setdefault(framework_id, []).append(code)
    return StoreIndex(
        programmes=dict(conn.execute(select(Programme.code, Programme.id)).all()),
        participants=dict(conn.execute(select(Participant.code, Participant.id)).all()),
        sessions=sessions,
        session_dates=session_dates,
        skills={as_word(code): id_ for code, id_ in skill_rows},
        skill_codes=[code for code, _ in skill_rows],
        frameworks={as_word(code): (id_, code) for code, id_ in
                    conn.execute(select(Framework.code, Framework.id).order_by(Framework.id))},
        principles=principles,
        principle_codes=principle_codes,
    )
