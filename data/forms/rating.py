"""Rate a session against a framework's principles, as a young person or as staff
(principle_ratings.csv of the data contract): one row per principle scored."""

import secrets
from dataclasses import dataclass
from datetime import date

from sqlalchemy import select

from data.forms.saving import FormProblem, Rows, save
from data.forms.words import RATER_ROLES, plural
from data.frameworks.editor import offered_principles
from models.tables import Participant
from models.vocab import YOUNG_PERSON

PARTICIPANTS = Participant.__table__
NO_SCORES = "give at least one principle a score from 1 to 5"


@dataclass
class RatingEntry:
    session_code: str
    framework: str
    rater_role: str
    scores: dict[str, int | None]  # principle code -> score; None: not rated this time
    rater_code: str | None = None  # empty: anonymous
    rated_on: date | None = None  # empty: the session's date


def save_ratings(engine, actor: str | None, entry: RatingEntry) -> str:
    """Add one person's ratings of one session. Principles must be offered (not retired).

    Each rating gets a new rating code, so that two people giving the same scores are two
    ratings (without codes, identical rows would count as the same rating already stored)."""
    scored = {principle: score for principle, score in entry.scores.items() if score is not None}
    names = dict(offered_principles(engine, entry.framework).itertuples(index=False))
    rater = (entry.rater_code or "").strip() or None
    batch = secrets.token_hex(3)
    rows = [{"rating_code": f"{entry.session_code}-{batch}-{i}", "session_code": entry.session_code,
             "framework": entry.framework, "principle": principle, "rater_role": entry.rater_role,
             "rater_code": rater, "score": score, "rated_on": entry.rated_on}
            for i, (principle, score) in enumerate(scored.items(), start=1)
            if principle in names]  # the others are refused by `checks`
    part = Rows("principle_ratings", rows, row_names=[names[row["principle"]] for row in rows],
                per_row=frozenset(("principle", "score")))

    def checks(conn) -> list[FormProblem]:
        if not scored:
            return [FormProblem("Scores", NO_SCORES)]
        problems = [FormProblem("Principle", f"'{p}' is not a principle the forms offer for this framework "
                                             "(unknown or retired)") for p in scored if p not in names]
        if rater:
            problems.extend(_rater_problems(conn, rater, entry.rater_role))
        return problems

    save(engine, actor, "principle ratings", [part], checks, codes=[entry.session_code, *([rater] if rater else [])],
         framework=entry.framework, rater_role=entry.rater_role)
    who = RATER_ROLES.get(entry.rater_role, entry.rater_role).lower()
    who += f" ({rater})" if rater else " (anonymous)"
    return f"Saved {plural(len(rows), 'rating')} of session {entry.session_code} from {who}."


def _rater_problems(conn, rater: str, rater_role: str) -> list[FormProblem]:
    role = conn.execute(select(PARTICIPANTS.c.role).where(PARTICIPANTS.c.code == rater)).scalar()
    if role is None:
        return []  # the importer reports the unknown code
    if (role == YOUNG_PERSON) != (rater_role == YOUNG_PERSON):
        said = "a young person" if role == YOUNG_PERSON else "not a young person"
        return [FormProblem("Their participant code",
                            f"{rater} is {said}: pick the right 'Who is rating', or leave the code empty")]
    return []
