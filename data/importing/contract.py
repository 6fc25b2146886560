"""The import contract (docs/import-contract.md) as data: files, columns, natural keys.

Each column has a parser (data.importing.values) for non-empty cells and a default used when
the cell is empty. Files are listed in dependency order: a file only refers to files above it."""

from collections.abc import Callable
from dataclasses import dataclass

from data.importing import values as v
from models.vocab import (
    ACTIVITY_TYPES, AGE_BANDS, FEEDBACK_STATUSES, LED_BY, MODES, RATER_ROLES, ROLES, ROLES_IN_SESSION, STAGES,
    TIMEPOINTS, YES_NO_PREFER,
)


@dataclass(frozen=True)
class Column:
    name: str
    required: bool = False
    parse: Callable[[str], object] = v.text
    default: object = None


@dataclass(frozen=True)
class FileSpec:
    name: str
    columns: tuple[Column, ...]
    key: tuple[str, ...]  # natural key, as contract column names

    @property
    def required(self) -> tuple[str, ...]:
        return tuple(c.name for c in self.columns if c.required)


def _req(name: str, parse: Callable[[str], object] = v.text) -> Column:
    return Column(name, True, parse)


FILES: dict[str, FileSpec] = {spec.name: spec for spec in (
    FileSpec("programmes", (
        _req("programme_code"), _req("name"), Column("description"),
        Column("start_date", parse=v.iso_date), Column("end_date", parse=v.iso_date),
    ), key=("programme_code",)),
    FileSpec("participants", (
        _req("participant_code"), _req("role", v.enum(ROLES)),
        Column("joined_on", parse=v.iso_date), Column("age_band", parse=v.enum(AGE_BANDS)),
        Column("disability", parse=v.enum(YES_NO_PREFER)),
        Column("care_experienced", parse=v.enum(YES_NO_PREFER)),
        Column("consent_data_use", parse=v.yes_no, default=True),
    ), key=("participant_code",)),
    FileSpec("sessions", (
        _req("session_code"), _req("programme_code"), _req("date", v.iso_date), Column("title"),
        _req("activity_type", v.enum(ACTIVITY_TYPES)), Column("stage", parse=v.enum(STAGES)),
        Column("mode", parse=v.enum(MODES), default="in_person"),
        Column("led_by", parse=v.enum(LED_BY), default="organisation"),
        Column("ladder_rung", parse=v.ladder_rung),
        Column("duration_hours", parse=v.hours, default=2.0),
    ), key=("session_code",)),
    FileSpec("attendance", (
        _req("session_code"), _req("participant_code"), _req("attended", v.yes_no),
        Column("role_in_session", parse=v.enum(ROLES_IN_SESSION), default="participant"),
        Column("paid_gbp", parse=v.money), Column("expenses_gbp", parse=v.money),
    ), key=("session_code", "participant_code")),
    FileSpec("evaluations", (
        _req("participant_code"), _req("programme_code"), _req("timepoint", v.enum(TIMEPOINTS)),
        _req("completed_on", v.iso_date), _req("skill"), _req("score", v.score),
    ), key=("participant_code", "programme_code", "timepoint", "completed_on", "skill")),
    FileSpec("principle_ratings", (
        _req("session_code"), _req("framework"), _req("principle"),
        _req("rater_role", v.enum(RATER_ROLES)), Column("rater_code"), _req("score", v.score),
        Column("rated_on", parse=v.iso_date), Column("comment"), Column("rating_code"),
    ), key=("rating_code",)),
    FileSpec("feedback", (
        _req("item_code"), Column("programme_code"), _req("raised_on", v.iso_date),
        _req("you_said"), _req("status", v.enum(FEEDBACK_STATUSES)), Column("we_did"),
        Column("responded_on", parse=v.iso_date),
    ), key=("item_code",)),
)}

ORDER: tuple[str, ...] = tuple(FILES)
EXPECTED_NAMES = ", ".join(ORDER)
