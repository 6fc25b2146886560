"""One device's answers through a rating link, saved the way every form saves (the importer's
rules, all or nothing, audited without the comment's text).

A device is known by a random cookie; its first send makes a response (with a code its rating
codes start with), a later send replaces that response's ratings and comment. New responses
are capped per link and rate-limited per client address; a replacement is neither."""

import secrets
from dataclasses import dataclass, field
from datetime import datetime, timedelta

from sqlalchemy import delete, func, insert, select, update
from sqlalchemy.engine import Engine

from data.forms.saving import FormProblem, FormRejected, Rows, save
from data.rating_links.links import RESPONSES, FoundLink, find_link
from data.rating_links.tokens import client_hash, device_hash
from models.clock import utcnow
from models.tables import FeedbackItem, PrincipleRating
from models.version import bump_write_counter
from models.vocab import YOUNG_PERSON

R, FEEDBACK = PrincipleRating.__table__, FeedbackItem.__table__
ACTOR = "rating link"
RATE_WINDOW = timedelta(minutes=10)
RATE_LIMIT = 120          # new responses from one address in RATE_WINDOW (a whole room may share one)
MAX_COMMENT = 1000
CLOSED = "This link is not open any more. Ask the person running the session for a new one."
FULL = "This session has all the answers it can take. Thank you for trying!"
TOO_MANY = "Lots of answers came from here just now. Please try again in a few minutes."
NO_SCORES = "Pick an answer for at least one question."
UNKNOWN_CODE = "We could not find that code. Check it, or leave it empty."


@dataclass
class Answers:
    scores: dict[str, int | None]            # principle code -> 1..5, None: skipped
    own_code: str | None = None              # the young person's own code: optional, never required
    comment: str | None = None               # "anything you want us to change?"
    problems: list[str] = field(default_factory=list)


class NotSaved(ValueError):
    """The answers were not saved; the message is for the young person, in plain words."""


def send(engine: Engine, token: str, device: str, address: str | None, answers: Answers,
         now: datetime | None = None) -> bool:
    """Save one device's answers. True when they replaced the device's earlier ones.
    Raises NotSaved (nothing written)."""
    now = now or utcnow()
    link = find_link(engine, token, now, device=device, even_if_full=True)
    if link is None:
        raise NotSaved(CLOSED)
    scored = {code: score for code, score in answers.scores.items() if score is not None}
    if not scored:
        raise NotSaved(NO_SCORES)
    mine = device_hash(link.link_id, device)
    with engine.connect() as conn:
        earlier = conn.execute(select(RESPONSES.c.id, RESPONSES.c.response_code).where(
            RESPONSES.c.link_id == link.link_id, RESPONSES.c.device_hash == mine)).first()
    response_code = earlier.response_code if earlier else f"RL{link.link_id}-{secrets.token_hex(4)}"
    batch = secrets.token_hex(3)
    own_code = (answers.own_code or "").strip() or None
    comment = " ".join((answers.comment or "").split())[:MAX_COMMENT] or None
    parts = [_ratings(link, scored, response_code, batch, own_code)]
    if comment:
        parts.append(_comment(link, response_code, comment))
    client = client_hash(address)

    def checks(conn) -> list[FormProblem]:
        if earlier:
            return []
        answered = conn.execute(select(func.count()).select_from(RESPONSES)
                                .where(RESPONSES.c.link_id == link.link_id)).scalar()
        if answered >= link.max_responses:
            return [FormProblem("", FULL)]
        recent = conn.execute(select(func.count()).select_from(RESPONSES).where(
            RESPONSES.c.client_hash == client, RESPONSES.c.first_sent_at > now - RATE_WINDOW)).scalar()
        return [FormProblem("", TOO_MANY)] if recent >= RATE_LIMIT else []

    def replace_and_remember(conn) -> None:
        removed = conn.execute(delete(R).where(R.c.rating_code.like(f"{response_code}-%"),
                                               R.c.rating_code.notlike(f"{response_code}-{batch}-%"))).rowcount
        if not comment:  # a comment taken back, while staff have not yet picked it up
            removed += conn.execute(delete(FEEDBACK).where(FEEDBACK.c.code == _comment_code(response_code),
                                                           FEEDBACK.c.status == "raised")).rowcount
        if removed:
            bump_write_counter(conn)
        if earlier:
            conn.execute(update(RESPONSES).where(RESPONSES.c.id == earlier.id).values(sent_at=now))
        else:
            conn.execute(insert(RESPONSES).values(link_id=link.link_id, device_hash=mine, response_code=response_code,
                                                  client_hash=client, first_sent_at=now, sent_at=now))

    try:
        save(engine, ACTOR, "session rating (link)", parts, checks, then=replace_and_remember,
             codes=[link.session_code, *([own_code] if own_code else [])], link=link.link_id,
             replaced=bool(earlier), comment_given=bool(comment))
    except FormRejected as rejected:
        raise NotSaved(_in_plain_words(rejected.problems)) from rejected
    return bool(earlier)


def _ratings(link: FoundLink, scored: dict, response_code: str, batch: str, own_code: str | None) -> Rows:
    names = dict(link.principles)
    rows = [{"rating_code": f"{response_code}-{batch}-{i}", "session_code": link.session_code,
             "framework": link.framework, "principle": principle, "rater_role": YOUNG_PERSON,
             "rater_code": own_code, "score": score, "rated_on": link.session_date}
            for i, (principle, score) in enumerate(scored.items(), start=1)]
    return Rows("principle_ratings", rows, row_names=[names.get(r["principle"], r["principle"]) for r in rows],
                per_row=frozenset(("principle", "score")))


def _comment_code(response_code: str) -> str:
    return f"YS-{response_code}"


def _comment(link: FoundLink, response_code: str, comment: str) -> Rows:
    """A "you said" item, raised: not shown to trustees or young people until staff say so."""
    return Rows("feedback", [{"item_code": _comment_code(response_code), "programme_code": link.programme_code,
                              "raised_on": link.session_date, "you_said": comment, "status": "raised"}])


def _in_plain_words(problems: list[FormProblem]) -> str:
    said = [p.message for p in problems if p.message in (FULL, TOO_MANY)]
    if said:
        return said[0]
    if any(p.field.startswith("Their participant code") for p in problems):
        return UNKNOWN_CODE
    return "Something in the answers could not be saved: " + "; ".join(str(p) for p in problems)
