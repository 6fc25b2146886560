"""Every value an import accepts in an enumerated column: the built-in vocabulary of the contract
(models/vocab.py) and the store's own codes (skills, frameworks and their principles, ladder rungs).

Listed for people filling in spreadsheets (the example workbook's "Allowed values" sheet)."""

from dataclasses import dataclass

from sqlalchemy import select
from sqlalchemy.engine import Engine

from data.importing.contract import FILES
from data.importing.values import NO, YES
from models.tables import Framework, LadderRung, Principle, Skill
from models.vocab import (
    ACTIVITY_TYPES, AGE_BANDS, FEEDBACK_STATUSES, LADDER_GROUPS, LED_BY, MODES, RATER_ROLES, ROLES, ROLES_IN_SESSION,
    STAGES, TIMEPOINTS, YES_NO_PREFER,
)

DATE_FORMAT = "YYYY-MM-DD"
DATE_RULE = (f"Dates are written {DATE_FORMAT}, for example 2024-01-31 (Excel date cells are fine too).")
YES_NO_RULE = ("yes / no columns also accept " + ", ".join(sorted(YES - {"yes"})) + " for yes and "
               + ", ".join(sorted(NO - {"no"})) + " for no. Capital letters do not matter.")
SCORES = (1, 2, 3, 4, 5)


@dataclass(frozen=True)
class Allowed:
    """One allowed value of one column."""

    file: str
    column: str
    value: str | int
    meaning: str = ""


def allowed_values(engine: Engine) -> list[Allowed]:
    """The allowed values, grouped by file and column in contract order."""
    store = _store_codes(engine)
    fixed = {
        ("participants", "role"): ROLES,
        ("participants", "age_band"): AGE_BANDS,
        ("participants", "disability"): YES_NO_PREFER,
        ("participants", "care_experienced"): YES_NO_PREFER,
        ("participants", "consent_data_use"): ("yes", "no"),
        ("sessions", "activity_type"): ACTIVITY_TYPES,
        ("sessions", "stage"): STAGES,
        ("sessions", "mode"): MODES,
        ("sessions", "led_by"): LED_BY,
        ("attendance", "attended"): ("yes", "no"),
        ("attendance", "role_in_session"): ROLES_IN_SESSION,
        ("evaluations", "timepoint"): TIMEPOINTS,
        ("evaluations", "score"): SCORES,
        ("principle_ratings", "rater_role"): RATER_ROLES,
        ("principle_ratings", "score"): SCORES,
        ("feedback", "status"): FEEDBACK_STATUSES,
    }
    rows: list[Allowed] = []
    for name, spec in FILES.items():
        for column in spec.columns:
            key = (name, column.name)
            if key in store:
                rows.extend(store[key])
            elif key in fixed:
                rows.extend(Allowed(name, column.name, value, _meaning(value, column.default))
                            for value in fixed[key])
    return rows


def _meaning(value, default) -> str:
    if value == default or (default is True and value == "yes"):
        return "the default when the cell is empty"
    return ""


def _store_codes(engine: Engine) -> dict[tuple[str, str], list[Allowed]]:
    with engine.connect() as conn:
        skills = conn.execute(select(Skill.code, Skill.name, Skill.retired).order_by(Skill.id)).all()
        frameworks = conn.execute(select(Framework.id, Framework.code, Framework.name).order_by(Framework.id)).all()
        principles = conn.execute(select(Principle.framework_id, Principle.code, Principle.name, Principle.retired)
                                  .order_by(Principle.framework_id, Principle.position, Principle.id)).all()
        rungs = conn.execute(select(LadderRung.position, LadderRung.code, LadderRung.name, LadderRung.rung_group)
                             .order_by(LadderRung.position)).all()
    framework_codes = {id_: code for id_, code, _name in frameworks}
    return {
        ("sessions", "ladder_rung"): [
            Allowed("sessions", "ladder_rung", code,
                    f"{position}: {name} ({LADDER_GROUPS.get(group, group)}); the number {position} also works")
            for position, code, name, group in rungs],
        ("evaluations", "skill"): [
            Allowed("evaluations", "skill", code, _retired(name, retired)) for code, name, retired in skills],
        ("principle_ratings", "framework"): [
            Allowed("principle_ratings", "framework", code, name) for _id, code, name in frameworks],
        ("principle_ratings", "principle"): [
            Allowed("principle_ratings", "principle", code,
                    _retired(f"{name} (a principle of {framework_codes.get(framework_id, '?')})", retired))
            for framework_id, code, name, retired in principles],
    }


def _retired(name: str, retired: bool) -> str:
    return f"{name} (retired: no longer on the forms, still accepted)" if retired else name
