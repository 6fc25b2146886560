"""Add a participant (participants.csv of the data contract), known by a pseudonymous code only."""

import re
from dataclasses import dataclass
from datetime import date

from sqlalchemy import func, select

from data.forms.saving import FormProblem, Rows, exists, save
from data.forms.words import ROLES
from models.tables import Participant

PARTICIPANTS = Participant.__table__
NOT_A_NAME = ("a code has no spaces and holds at least one digit (e.g. YP-042), so that a name is never "
              "used by mistake")
_CODE = re.compile(r"\S*\d\S*")


@dataclass
class NewParticipant:
    code: str
    role: str
    joined_on: date | None = None
    age_band: str | None = None
    disability: str | None = None
    care_experienced: str | None = None
    consent_data_use: bool = True


def save_participant(engine, actor: str | None, person: NewParticipant) -> str:
    """Add a participant whose code is new. Returns what was saved; raises FormRejected."""
    code = (person.code or "").strip()
    row = {"participant_code": code, "role": person.role, "joined_on": person.joined_on,
           "age_band": person.age_band, "disability": person.disability,
           "care_experienced": person.care_experienced, "consent_data_use": person.consent_data_use}

    def checks(conn) -> list[FormProblem]:
        if not code:
            return []  # the importer says it is required
        if not _CODE.fullmatch(code):
            return [FormProblem("Participant code", NOT_A_NAME)]
        if exists(conn, PARTICIPANTS.c.code, code):
            return [FormProblem("Participant code", f"'{code}' is already a participant's code: choose another")]
        alike = conn.execute(select(PARTICIPANTS.c.code).where(func.lower(PARTICIPANTS.c.code) == code.lower())
                             .limit(1)).scalar()
        if alike is not None:  # codes are case-sensitive: Y1 and y1 would be two people
            return [FormProblem("Participant code", f"'{code}' differs from the existing code '{alike}' only in "
                                                    "capitals: use another code, or the existing one")]
        return []

    save(engine, actor, "participant", [Rows("participants", [row])], checks, codes=[code])
    return f"Added participant {code} ({ROLES.get(person.role, person.role).lower()})."
