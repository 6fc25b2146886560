"""The store: one SQLModel class per table. Codes are the natural keys of docs/import-contract.md;
integer ids join the tables. Every enumeration and range is also a CHECK constraint, so bad
values cannot reach the store whichever way they come in."""

from datetime import date, datetime
from typing import Optional

from sqlalchemy import BigInteger, CheckConstraint, Index, UniqueConstraint, text
from sqlmodel import Field, SQLModel

from models.vocab import (
    ACTIVITY_TYPES, AGE_BANDS, FEEDBACK_STATUSES, LED_BY, MODES, RATER_ROLES, ROLES, ROLES_IN_SESSION, STAGES,
    TIMEPOINTS, YES_NO_PREFER, sql_in,
)


def _enum(column: str, values, nullable: bool = False) -> CheckConstraint:
    test = f"{column} IN ({sql_in(values)})"
    if nullable:
        test = f"{column} IS NULL OR {test}"
    return CheckConstraint(test, name=f"ck_{column}_values")


def _score(column: str = "score") -> CheckConstraint:
    return CheckConstraint(f"{column} BETWEEN 1 AND 5", name=f"ck_{column}_1_5")


class CodedRow(SQLModel):
    """A row with its own integer id and a unique code, its natural key (the first two columns)."""
    id: Optional[int] = Field(default=None, primary_key=True)
    code: str = Field(unique=True, index=True)


class NamedRow(SQLModel):
    """A row with its own integer id and a unique name that people gave it (the first two columns)."""
    id: Optional[int] = Field(default=None, primary_key=True)
    name: str = Field(unique=True, index=True)


class Programme(CodedRow, table=True):
    __tablename__ = "programmes"
    __table_args__ = (
        CheckConstraint("end_date IS NULL OR start_date IS NULL OR end_date >= start_date",
                        name="ck_programme_dates"),
    )
    name: str
    description: Optional[str] = None
    start_date: Optional[date] = None
    end_date: Optional[date] = None


class Participant(CodedRow, table=True):
    __tablename__ = "participants"
    __table_args__ = (
        _enum("role", ROLES),
        _enum("age_band", AGE_BANDS, nullable=True),
        _enum("disability", YES_NO_PREFER, nullable=True),
        _enum("care_experienced", YES_NO_PREFER, nullable=True),
        # No index on role: nine in ten participants are young people, and with one SQLite
        # drove the measures from participants and read every attendance row (docs/decisions.md).
    )
    role: str
    joined_on: Optional[date] = None
    age_band: Optional[str] = None
    disability: Optional[str] = None
    care_experienced: Optional[str] = None
    consent_data_use: bool = True


class ProgrammeSession(CodedRow, table=True):
    """One meeting or activity of a programme (the contract's `sessions.csv`)."""
    __tablename__ = "sessions"
    __table_args__ = (
        _enum("activity_type", ACTIVITY_TYPES),
        _enum("stage", STAGES, nullable=True),
        _enum("mode", MODES),
        _enum("led_by", LED_BY),
        CheckConstraint("ladder_rung IS NULL OR ladder_rung BETWEEN 1 AND 7", name="ck_ladder_rung"),
        CheckConstraint("duration_hours > 0 AND duration_hours <= 24", name="ck_duration_hours"),
        Index("ix_sessions_date", "date"),
        Index("ix_sessions_programme_date", "programme_id", "date"),
        # The few sessions the data quality page lists as long (measures.data_quality.MAX_HOURS).
        Index("ix_sessions_over_12_hours", "duration_hours", sqlite_where=text("duration_hours > 12"),
              postgresql_where=text("duration_hours > 12")),
    )
    programme_id: int = Field(foreign_key="programmes.id")
    date: date
    title: Optional[str] = None
    activity_type: str
    stage: Optional[str] = None
    mode: str = "in_person"
    led_by: str = "organisation"
    ladder_rung: Optional[int] = Field(default=None, foreign_key="ladder_rungs.position")
    duration_hours: float = 2.0


class Attendance(SQLModel, table=True):
    __tablename__ = "attendance"
    __table_args__ = (
        UniqueConstraint("session_id", "participant_id", name="uq_attendance_session_participant"),
        _enum("role_in_session", ROLES_IN_SESSION),
        CheckConstraint("paid_gbp IS NULL OR paid_gbp >= 0", name="ck_paid_gbp"),
        CheckConstraint("expenses_gbp IS NULL OR expenses_gbp >= 0", name="ck_expenses_gbp"),
        Index("ix_attendance_participant", "participant_id"),
        # The few payments the data quality page lists as odd (measures.data_quality.MAX_PAID_GBP).
        Index("ix_attendance_paid_over_200", "paid_gbp", sqlite_where=text("paid_gbp > 200"),
              postgresql_where=text("paid_gbp > 200")),
    )
    id: Optional[int] = Field(default=None, primary_key=True)
    session_id: int = Field(foreign_key="sessions.id", ondelete="CASCADE")
    participant_id: int = Field(foreign_key="participants.id", ondelete="CASCADE")
    attended: bool
    role_in_session: str = "participant"
    paid_gbp: Optional[float] = None
    expenses_gbp: Optional[float] = None


class Skill(CodedRow, table=True):
    __tablename__ = "skills"
    name: str
    builtin: bool = False
    # Retired skills are no longer offered on forms; evaluations already given keep counting.
    retired: bool = False


class Evaluation(SQLModel, table=True):
    """One self-rating of one skill at one timepoint (the contract's `evaluations.csv`)."""
    __tablename__ = "evaluations"
    __table_args__ = (
        UniqueConstraint("participant_id", "programme_id", "timepoint", "completed_on", "skill_id",
                         name="uq_evaluation_key"),
        _enum("timepoint", TIMEPOINTS),
        _score(),
        Index("ix_evaluations_pairing", "skill_id", "timepoint", "completed_on"),
        # Covering indexes for the skills pairing (measures/skills.py, migration 0007).
        Index("ix_evaluations_by_date", "timepoint", "completed_on", "participant_id", "skill_id", "programme_id",
              "score"),
        Index("ix_evaluations_by_key", "participant_id", "skill_id", "programme_id", "timepoint", "completed_on",
              "score"),
    )
    id: Optional[int] = Field(default=None, primary_key=True)
    participant_id: int = Field(foreign_key="participants.id", ondelete="CASCADE")
    programme_id: int = Field(foreign_key="programmes.id")
    timepoint: str
    completed_on: date
    skill_id: int = Field(foreign_key="skills.id")
    score: int


class Framework(CodedRow, table=True):
    __tablename__ = "frameworks"
    name: str
    description: Optional[str] = None
    builtin: bool = False


class Principle(SQLModel, table=True):
    __tablename__ = "principles"
    __table_args__ = (UniqueConstraint("framework_id", "code", name="uq_principle_code"),)
    id: Optional[int] = Field(default=None, primary_key=True)
    framework_id: int = Field(foreign_key="frameworks.id")
    code: str
    name: str
    position: int = 0
    # Retired principles are no longer offered on forms; ratings already given keep counting.
    retired: bool = False


class LadderRung(SQLModel, table=True):
    __tablename__ = "ladder_rungs"
    __table_args__ = (
        CheckConstraint("position BETWEEN 1 AND 7", name="ck_rung_position"),
        _enum("rung_group", ("doing_to", "doing_for", "doing_with")),
    )
    position: int = Field(primary_key=True)
    code: str = Field(unique=True)
    name: str
    rung_group: str


class PrincipleRating(SQLModel, table=True):
    __tablename__ = "principle_ratings"
    __table_args__ = (
        _enum("rater_role", RATER_ROLES),
        _score(),
        Index("ix_ratings_principle_date", "principle_id", "rated_on"),
        # A period's ratings as one range, for every principle at once (migration 0012).
        Index("ix_ratings_date", "rated_on"),
        Index("ix_ratings_session", "session_id"),
        Index("ix_ratings_rater", "rater_id"),
        # The ratings with a comment, searched for a participant's code (data/participant_rights.py).
        Index("ix_ratings_commented", "id", sqlite_where=text("comment IS NOT NULL"),
              postgresql_where=text("comment IS NOT NULL")),
    )
    id: Optional[int] = Field(default=None, primary_key=True)
    rating_code: Optional[str] = Field(default=None, unique=True)
    session_id: int = Field(foreign_key="sessions.id", ondelete="CASCADE")
    principle_id: int = Field(foreign_key="principles.id")
    rater_role: str
    rater_id: Optional[int] = Field(default=None, foreign_key="participants.id", ondelete="CASCADE")
    score: int
    rated_on: date
    comment: Optional[str] = None


class FeedbackItem(CodedRow, table=True):
    """A "you said, we did" item."""
    __tablename__ = "feedback_items"
    __table_args__ = (
        _enum("status", FEEDBACK_STATUSES),
        CheckConstraint("responded_on IS NULL OR responded_on >= raised_on", name="ck_responded_after"),
        Index("ix_feedback_raised", "raised_on"),
    )
    programme_id: Optional[int] = Field(default=None, foreign_key="programmes.id")
    raised_on: date
    you_said: str
    status: str
    we_did: Optional[str] = None
    responded_on: Optional[date] = None
    # Whether young people and trustees see the item on "You said, we did": its free text could name
    # a young person, so an item without a response waits for a member of staff to approve it.
    shown_to_all: bool = False


class Setting(SQLModel, table=True):
    """Organisation settings as JSON text, e.g. key 'suppression_k' -> '5'."""
    __tablename__ = "settings"
    key: str = Field(primary_key=True)
    value: str


class User(SQLModel, table=True):
    __tablename__ = "users"
    __table_args__ = (_enum("role", ("admin", "staff", "trustee", "young_person")),)
    id: Optional[int] = Field(default=None, primary_key=True)
    username: str = Field(unique=True, index=True)
    display_name: str
    role: str
    password_hash: str
    active: bool = True
    is_demo: bool = False
    created_at: datetime
    # Sign-in cookies issued at or before this moment are no longer accepted (sign-out,
    # password change, deactivation).
    sessions_revoked_at: Optional[datetime] = None
    # Raised by one at every sign-out, password reset, role change and deactivation: a signed-in
    # session keeps the version it signed in with, and ends once the account's has moved on.
    session_version: int = 0
    # Easy read on the pages young people see (auth/preferences.py); None: the role's default.
    easy_read: Optional[bool] = None


class LoginAttempt(SQLModel, table=True):
    """Every sign-in attempt, kept so lockout survives a restart."""
    __tablename__ = "login_attempts"
    __table_args__ = (Index("ix_login_attempts_user_time", "username", "at"),)
    id: Optional[int] = Field(default=None, primary_key=True)
    username: str
    at: datetime
    succeeded: bool


class AuditEntry(SQLModel, table=True):
    __tablename__ = "audit_log"
    id: Optional[int] = Field(default=None, primary_key=True)
    at: datetime = Field(index=True)
    actor: str
    action: str
    detail: Optional[str] = None


class BoardSnapshot(NamedRow, table=True):
    """Figures frozen for a board meeting: `content` is JSON (after suppression) and never
    changes once written; `data_version` says which state of the store it was taken from."""
    __tablename__ = "board_snapshots"
    period_from: date
    period_to: date
    meeting_date: date
    created_at: datetime
    created_by: str
    data_version: str
    suppression_k: int
    content: str


class SavedView(NamedRow, table=True):
    """A named explorer view for a staff forum's agenda: the page's URL query string."""
    __tablename__ = "saved_views"
    query: str
    created_at: datetime
    created_by: str


Day = date  # a field named "date" cannot also be annotated "date" when it has a default


def postgresql_only(index: Index) -> Index:
    """An index PostgreSQL alone is given: its migration creates it there only, and the check of
    the models against the migrations leaves it out elsewhere (tests/test_migrations.py)."""
    index.info["postgresql_only"] = True
    return index.ddl_if(dialect="postgresql")


class YoungPeopleAttendance(SQLModel, table=True):
    """A summary table kept by triggers (migration 0006): young people's attendance records with
    their session's and their own attributes copied in, in date order, so the engagement
    measures read one range of one table instead of joining three (docs/decisions.md). Column names are
    those of the tables they come from. Never written by the application itself."""
    __tablename__ = "young_people_attendance"
    __table_args__ = (
        Index("ix_young_people_attendance_session", "session_id"),
        Index("ix_young_people_attendance_participant", "participant_id"),
        # Each young person's attended sessions in a period, read from the index alone
        # (measures/depth.py), on PostgreSQL; SQLite reads its own key range faster.
        postgresql_only(Index("ix_young_people_attended", "date", "participant_id",
                              postgresql_where=text("attended IS TRUE"))),
        {"sqlite_with_rowid": False},
    )
    date: Day = Field(primary_key=True)
    session_id: int = Field(primary_key=True, foreign_key="sessions.id", ondelete="CASCADE")
    participant_id: int = Field(primary_key=True, foreign_key="participants.id", ondelete="CASCADE")
    attended: bool
    paid_gbp: Optional[float] = None
    expenses_gbp: Optional[float] = None
    # Migration 0012: "who gets to lead" reads it here rather than joining back to attendance.
    role_in_session: str = Field(default="participant", sa_column_kwargs={"server_default": "participant"})
    programme_id: int
    activity_type: str
    mode: str
    stage: Optional[str] = None
    led_by: str
    ladder_rung: Optional[int] = None
    duration_hours: float
    age_band: Optional[str] = None
    disability: Optional[str] = None
    care_experienced: Optional[str] = None
    # Migration 0013: the date of the same young person's record just before this one (records in
    # date and session order), of any record and of an attended one, in any mode and in this
    # row's mode; NULL when there is none. A period's first record of each young person is the one
    # whose previous date falls before the period, so counts of different young people are plain
    # counts of rows (docs/decisions.md, "The previous record's date").
    previous_on: Optional[Day] = None
    previous_attended_on: Optional[Day] = None
    previous_in_mode_on: Optional[Day] = None
    previous_attended_in_mode_on: Optional[Day] = None
    # Migration 0016: the same young person's latest attended record before this one in the same
    # programme, in a lead or co-facilitator role, and at a "doing with" session.
    previous_attended_in_programme_on: Optional[Day] = None
    previous_led_on: Optional[Day] = None
    previous_doing_with_on: Optional[Day] = None


class SkillPair(SQLModel, table=True):
    """Kept by triggers on `evaluations` (migration 0014), never written by the application: one row
    per post rating whose key (young person, skill, programme) has a pre on or before it, with the
    key's earliest pre and its next post. A period's pairs are then one range of post dates: the
    rows whose next post falls after the period (docs/decisions.md, "Skill pairs kept by
    triggers"). Every participant's ratings; the measures pick young people's."""
    __tablename__ = "skill_pairs"
    __table_args__ = (Index("ix_skill_pairs_key", "participant_id", "skill_id", "programme_id"),
                      {"sqlite_with_rowid": False})
    post_on: Day = Field(primary_key=True)
    participant_id: int = Field(primary_key=True)
    skill_id: int = Field(primary_key=True)
    programme_id: int = Field(primary_key=True)
    post: int
    pre_on: Day  # the key's earliest pre
    pre: int
    next_post_on: Optional[Day] = None  # the key's next post after this one


class SkillFirstPre(SQLModel, table=True):
    """Kept with `SkillPair`: one row per key that has a pre, on its earliest pre's date, with the
    key's earliest post (NULL: none), so the ratings still waiting for a post are one range too."""
    __tablename__ = "skill_first_pres"
    __table_args__ = (Index("ix_skill_first_pres_key", "participant_id", "skill_id", "programme_id"),
                      # The keys with no post at all, by young person (measures/data_quality.py).
                      Index("ix_skill_first_pres_no_post", "participant_id", sqlite_where=text("first_post_on IS NULL"),
                            postgresql_where=text("first_post_on IS NULL")),
                      {"sqlite_with_rowid": False})
    pre_on: Day = Field(primary_key=True)
    participant_id: int = Field(primary_key=True)
    skill_id: int = Field(primary_key=True)
    programme_id: int = Field(primary_key=True)
    first_post_on: Optional[Day] = None


class SummaryMonthChange(SQLModel, table=True):
    """Kept by triggers on `young_people_attendance` (migration 0015), never written by the
    application: per month, a number that goes up whenever a summary row of that month is added,
    changed or removed. A figure worked out for a month stays right while its number is the same
    (`MonthFigure`; docs/decisions.md, "Figures kept by month")."""
    __tablename__ = "summary_month_changes"
    month: Day = Field(primary_key=True)  # the month's first day
    changes: int


class RowCount(SQLModel, table=True):
    """Kept by triggers on PostgreSQL only (migration 0017), never written by the application:
    how many rows of a large table hold each value of one of its keys (`counted`: "table.column");
    every session and participant has its attendance row, 0 while on no register. A large table's
    total (`counted`: "table", migration 0020) is the sum of a row per writing transaction. Empty
    on SQLite, which counts as fast itself (models/row_counts.py, docs/decisions.md 27 and 29)."""
    __tablename__ = "row_counts"
    __table_args__ = (Index("ix_row_counts_none", "counted", "key", sqlite_where=text("n = 0"),
                            postgresql_where=text("n = 0")),)
    counted: str = Field(primary_key=True)
    key: int = Field(primary_key=True)
    n: int = Field(sa_type=BigInteger)


class TableChange(SQLModel, table=True):
    """Kept by triggers on PostgreSQL only (migration 0018), never written by the application:
    per table the measures read and transaction writing to it, how many of its statements did
    (models/table_changes.py, docs/decisions.md 28). Empty on SQLite."""
    __tablename__ = "table_changes"
    name: str = Field(primary_key=True)
    txid: int = Field(primary_key=True, sa_type=BigInteger)
    changes: int = Field(sa_type=BigInteger)


class MonthFigure(SQLModel, table=True):
    """A cache, not a record: the rows of one figure's query (`figure`: a hash of its SQL and
    parameters) over one month's summary rows, as JSON, with the month's number of changes when
    they were read. Never copied; pruned when old (measures/kept_by_month.py)."""
    __tablename__ = "month_figures"
    figure: str = Field(primary_key=True)
    month: Day = Field(primary_key=True)
    changes: int
    computed_on: Day
    payload: str


class RatingLink(SQLModel, table=True):
    """A window in which young people rate one session from a link or QR code, without an
    account (docs/decisions.md). Only the token's SHA-256 is kept: the store never holds the
    link itself, so a copy of the store cannot be used to send ratings."""
    __tablename__ = "rating_links"
    id: Optional[int] = Field(default=None, primary_key=True)
    token_hash: str = Field(unique=True, index=True)
    session_id: int = Field(foreign_key="sessions.id", ondelete="CASCADE")
    framework_id: int = Field(foreign_key="frameworks.id")
    opened_at: datetime
    opened_by: str
    expires_at: datetime
    closed_at: Optional[datetime] = None
    closed_by: Optional[str] = None
    max_responses: int


class RatingResponse(SQLModel, table=True):
    """One device's answers through a rating link. A second send from the same device replaces
    its ratings (their rating codes start with `response_code`); `client_hash` (a hash of the
    client's address) rate-limits new responses from one address."""
    __tablename__ = "rating_responses"
    __table_args__ = (
        UniqueConstraint("link_id", "device_hash", name="uq_rating_response_device"),
        Index("ix_rating_responses_client", "client_hash", "first_sent_at"),
    )
    id: Optional[int] = Field(default=None, primary_key=True)
    link_id: int = Field(foreign_key="rating_links.id", ondelete="CASCADE")
    device_hash: str
    response_code: str = Field(unique=True)
    client_hash: str
    first_sent_at: datetime
    sent_at: datetime
