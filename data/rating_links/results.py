"""The room's view of a session's ratings: how many answered through its links, and, once at
least k young people have, each principle's young people's mean beside the staff mean."""

from dataclasses import dataclass

import pandas as pd
from sqlalchemy import case, func, select
from sqlalchemy.engine import Engine

from data.rating_links.links import LINKS, PN, RESPONSES, S
from measures.rounding import half_up
from models.tables import PrincipleRating
from models.vocab import YOUNG_PERSON

R = PrincipleRating.__table__


@dataclass(frozen=True)
class SessionResults:
    answers: int                 # responses through the session's links (one per device)
    needed: int                  # more answers before means are shown (0: shown)
    means: pd.DataFrame          # principle, young_people, staff (1 decimal), empty while `needed`


def session_results(engine: Engine, session_code: str, k: int) -> SessionResults:
    answered = (select(func.count()).select_from(RESPONSES).join(LINKS, LINKS.c.id == RESPONSES.c.link_id)
                .join(S, S.c.id == LINKS.c.session_id).where(S.c.code == session_code))
    young = case((R.c.rater_role == YOUNG_PERSON, R.c.score))
    staff = case((R.c.rater_role != YOUNG_PERSON, R.c.score))
    means = (select(PN.c.name, func.avg(young), func.avg(staff), PN.c.position)
             .join(R, R.c.principle_id == PN.c.id).join(S, S.c.id == R.c.session_id)
             .where(S.c.code == session_code).group_by(PN.c.id, PN.c.name, PN.c.position)
             .order_by(PN.c.position, PN.c.name))
    with engine.connect() as conn:
        answers = conn.execute(answered).scalar() or 0
        rows = conn.execute(means).all() if answers >= k else []
    frame = pd.DataFrame([(name, _one_place(y), _one_place(s)) for name, y, s, _ in rows],
                         columns=["principle", "young_people", "staff"])
    return SessionResults(answers, max(0, k - answers), frame)


def _one_place(value) -> float | None:
    return None if value is None else float(half_up(float(value), 1))
