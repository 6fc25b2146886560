"""Rating windows: staff open one for a session (a link valid for some hours, closable early),
a young person's phone finds it from the token in the link.

Every opening and closing is audited. The token itself is returned once, to be shown as a link
and a QR code, and never stored (tokens.py)."""

from dataclasses import dataclass
from datetime import date, datetime, timedelta

import pandas as pd
from sqlalchemy import case, func, insert, select, update
from sqlalchemy.engine import Engine

from data.demo.organisation import DEMO_SETTING
from data.rating_links.tokens import device_hash, new_token, same_token, token_hash
from models.audit import record
from models.clock import utcnow
from models.settings import get_setting
from models.tables import (
    Attendance, Framework, Participant, Principle, PrincipleRating, Programme, ProgrammeSession, RatingLink,
    RatingResponse,
)
from models.vocab import YOUNG_PERSON

LINKS, RESPONSES = RatingLink.__table__, RatingResponse.__table__
S, PR, FW, PN = ProgrammeSession.__table__, Programme.__table__, Framework.__table__, Principle.__table__
A, P, R = Attendance.__table__, Participant.__table__, PrincipleRating.__table__
DEFAULT_HOURS = 48
MAX_HOURS = 24 * 14
DEFAULT_CAP = 60   # responses per link when the session has no register


class LinkProblem(ValueError):
    """A link that cannot be opened or closed; the message says why in plain words."""


@dataclass(frozen=True)
class OpenedLink:
    token: str            # shown once, in the link and the QR code; the store keeps its hash
    link_id: int
    session_code: str
    framework: str
    expires_at: datetime
    max_responses: int


@dataclass(frozen=True)
class FoundLink:
    """What the rating page may show of an open link: the session, never anything else."""
    link_id: int
    session_code: str
    session_title: str
    session_date: date
    programme_code: str
    programme_name: str
    framework: str
    principles: tuple[tuple[str, str], ...]   # (code, name), in the framework's order
    max_responses: int


def open_link(engine: Engine, session_code: str, actor: str, hours: float = DEFAULT_HOURS,
              framework: str | None = None, now: datetime | None = None) -> OpenedLink:
    """Open a rating window for the session `session_code`. Raises LinkProblem."""
    now = now or utcnow()
    if not 0 < hours <= MAX_HOURS:
        raise LinkProblem(f"A rating link is open for between 1 minute and {MAX_HOURS // 24} days; "
                          f"{hours} hours is outside that.")
    if get_setting(engine, DEMO_SETTING) is True:
        raise LinkProblem("The made-up demo organisation is loaded: rating links are for real sessions. "
                          "Bring in your own data first.")
    with engine.begin() as conn:
        session_id = conn.execute(select(S.c.id).where(S.c.code == session_code)).scalar()
        if session_id is None:
            raise LinkProblem(f"There is no session with the code '{session_code}'.")
        framework = framework or most_used_framework(conn)
        framework_id = conn.execute(select(FW.c.id).where(FW.c.code == framework)).scalar()
        if framework_id is None:
            raise LinkProblem(f"There is no framework with the code '{framework}'.")
        offered = conn.execute(select(func.count()).select_from(PN).where(
            PN.c.framework_id == framework_id, PN.c.retired.is_(False))).scalar()
        if not offered:
            raise LinkProblem(f"The framework '{framework}' has no principles to rate.")
        cap = response_cap(conn, session_id)
        token = new_token()
        expires = now + timedelta(hours=hours)
        link_id = conn.execute(insert(LINKS).values(
            token_hash=token_hash(token), session_id=session_id, framework_id=framework_id, opened_at=now,
            opened_by=actor, expires_at=expires, max_responses=cap)).inserted_primary_key[0]
        record(conn, actor, "rating link opened", session=session_code, framework=framework, link=link_id,
               expires_at=expires.isoformat(timespec="minutes"), max_responses=cap)
    return OpenedLink(token, link_id, session_code, framework, expires, cap)


def close_link(engine: Engine, link_id: int, actor: str, now: datetime | None = None) -> bool:
    """Close a link early; False when it was already closed or has expired."""
    now = now or utcnow()
    with engine.begin() as conn:
        closed = conn.execute(update(LINKS).where(
            LINKS.c.id == link_id, LINKS.c.closed_at.is_(None), LINKS.c.expires_at > now)
            .values(closed_at=now, closed_by=actor)).rowcount > 0
        if closed:
            record(conn, actor, "rating link closed", link=link_id)
    return closed


def find_link(engine: Engine, token: str, now: datetime | None = None, device: str | None = None,
              even_if_full: bool = False) -> FoundLink | None:
    """The open link this token belongs to, or None for an unknown, expired, closed or full one
    (one answer for all four: the page says the same thing, so a token reveals nothing). A link
    is not full for a `device` that has answered already: its next send replaces its answers
    (`even_if_full`: found however many answered, for the send that then says it is full)."""
    now = now or utcnow()
    q = (select(LINKS.c.id, LINKS.c.token_hash, LINKS.c.expires_at, LINKS.c.closed_at, LINKS.c.max_responses,
                LINKS.c.framework_id, S.c.code, S.c.title, S.c.date, PR.c.code.label("programme_code"),
                PR.c.name.label("programme_name"), FW.c.code.label("framework"))
         .join(S, S.c.id == LINKS.c.session_id).join(PR, PR.c.id == S.c.programme_id)
         .join(FW, FW.c.id == LINKS.c.framework_id)
         .where(LINKS.c.token_hash == token_hash(token)))
    with engine.connect() as conn:
        row = conn.execute(q).first()
        matches = same_token(token, row.token_hash if row else None)
        if not matches or row.closed_at is not None or row.expires_at <= now:
            return None
        answered = conn.execute(select(func.count()).select_from(RESPONSES)
                                .where(RESPONSES.c.link_id == row.id)).scalar()
        if device is not None and conn.execute(select(RESPONSES.c.id).where(
                RESPONSES.c.link_id == row.id, RESPONSES.c.device_hash == device_hash(row.id, device))).first():
            answered = 0
        principles = conn.execute(select(PN.c.code, PN.c.name).where(
            PN.c.framework_id == row.framework_id, PN.c.retired.is_(False))
            .order_by(PN.c.position, PN.c.code)).all()
    if answered >= row.max_responses and not even_if_full:
        return None
    return FoundLink(row.id, row.code, row.title or row.code, row.date, row.programme_code, row.programme_name,
                     row.framework, tuple((p.code, p.name) for p in principles), row.max_responses)


def most_used_framework(conn) -> str:
    """The framework with the most principle ratings; with none yet, the first built-in."""
    used = (select(FW.c.code).join(PN, PN.c.framework_id == FW.c.id).join(R, R.c.principle_id == PN.c.id)
            .group_by(FW.c.code).order_by(func.count().desc(), FW.c.code).limit(1))
    code = conn.execute(used).scalar()
    return code or conn.execute(select(FW.c.code).order_by(FW.c.builtin.desc(), FW.c.id).limit(1)).scalar()


def response_cap(conn, session_id: int) -> int:
    """Twice the young people expected (on the session's register), or DEFAULT_CAP without one."""
    expected = conn.execute(select(func.count()).select_from(A).join(P, P.c.id == A.c.participant_id)
                            .where(A.c.session_id == session_id, P.c.role == YOUNG_PERSON)).scalar()
    return 2 * expected if expected else DEFAULT_CAP


def links_for_session(engine: Engine, session_code: str, now: datetime | None = None) -> pd.DataFrame:
    """The session's links, newest first: id, opened_at, opened_by, expires_at, closed_at,
    responses, is_open."""
    now = now or utcnow()
    answered = (select(RESPONSES.c.link_id, func.count().label("responses")).group_by(RESPONSES.c.link_id)
                .subquery())
    q = (select(LINKS.c.id, LINKS.c.opened_at, LINKS.c.opened_by, LINKS.c.expires_at, LINKS.c.closed_at,
                func.coalesce(answered.c.responses, 0).label("responses"), LINKS.c.max_responses,
                FW.c.name.label("framework"))
         .join(S, S.c.id == LINKS.c.session_id).join(FW, FW.c.id == LINKS.c.framework_id)
         .outerjoin(answered, answered.c.link_id == LINKS.c.id)
         .where(S.c.code == session_code).order_by(LINKS.c.opened_at.desc(), LINKS.c.id.desc()))
    with engine.connect() as conn:
        frame = pd.DataFrame(conn.execute(q).all(), columns=["id", "opened_at", "opened_by", "expires_at",
                                                            "closed_at", "responses", "max_responses",
                                                            "framework"])
    frame["is_open"] = frame["closed_at"].isna() & (frame["expires_at"] > now)
    return frame


def sessions_with_links(engine: Engine, now: datetime | None = None) -> pd.DataFrame:
    """Sessions that have had a rating link, most recently opened first: code, title, date, open."""
    now = now or utcnow()
    is_open = func.max(case((LINKS.c.closed_at.is_(None) & (LINKS.c.expires_at > now), 1), else_=0))
    q = (select(S.c.code, S.c.title, S.c.date, is_open.label("open"))
         .join(LINKS, LINKS.c.session_id == S.c.id).group_by(S.c.id, S.c.code, S.c.title, S.c.date)
         .order_by(func.max(LINKS.c.opened_at).desc()))
    with engine.connect() as conn:
        frame = pd.DataFrame(conn.execute(q).all(), columns=["code", "title", "date", "open"])
    frame["open"] = frame["open"].astype(bool)
    return frame
