"""What the frameworks editor lists: every framework, principle and skill with how often it was
used (ratings, evaluations), retired ones included. No Streamlit here."""

import pandas as pd
from sqlalchemy import func, select
from sqlalchemy.engine import Engine

from models.tables import Evaluation, Framework, Principle, PrincipleRating, Skill
from models.vocab import FRAMEWORKS

FRAMEWORK = Framework.__table__
PRINCIPLE = Principle.__table__
SKILL = Skill.__table__
RATING = PrincipleRating.__table__
EVALUATION = Evaluation.__table__

# Built-in principles are written again at every start if missing, so they cannot be deleted.
BUILTIN_PRINCIPLES = frozenset((fw, code) for fw, _name, principles in FRAMEWORKS for code, _ in principles)


def _ratings_of(principle_id):
    """How many ratings a principle has: one range of ix_ratings_principle_date, read as the
    listing goes (counting after joining every rating took most of a second at scale XL)."""
    return select(func.count()).where(RATING.c.principle_id == principle_id).scalar_subquery()


def frameworks_listing(engine: Engine) -> pd.DataFrame:
    """Every framework: code, name, description, builtin, principles (how many), ratings."""
    of_framework = PRINCIPLE.c.framework_id == FRAMEWORK.c.id
    principles = select(func.count()).where(of_framework).scalar_subquery()
    ratings = (select(func.count()).select_from(RATING.join(PRINCIPLE, PRINCIPLE.c.id == RATING.c.principle_id))
               .where(of_framework).scalar_subquery())
    q = (select(FRAMEWORK.c.code, FRAMEWORK.c.name, FRAMEWORK.c.description, FRAMEWORK.c.builtin,
                principles.label("principles"), ratings.label("ratings"))
         .order_by(FRAMEWORK.c.builtin.desc(), FRAMEWORK.c.id))
    with engine.connect() as conn:
        return pd.DataFrame(conn.execute(q).all(),
                            columns=["code", "name", "description", "builtin", "principles", "ratings"])


def principles_listing(engine: Engine, framework_code: str) -> pd.DataFrame:
    """One framework's principles in order: position, code, name, retired, builtin, ratings."""
    q = (select(PRINCIPLE.c.position, PRINCIPLE.c.code, PRINCIPLE.c.name, PRINCIPLE.c.retired,
                _ratings_of(PRINCIPLE.c.id).label("ratings"))
         .select_from(PRINCIPLE.join(FRAMEWORK, FRAMEWORK.c.id == PRINCIPLE.c.framework_id))
         .where(FRAMEWORK.c.code == framework_code)
         .order_by(PRINCIPLE.c.position, PRINCIPLE.c.id))
    with engine.connect() as conn:
        rows = conn.execute(q).all()
    frame = pd.DataFrame(rows, columns=["position", "code", "name", "retired", "ratings"])
    frame.insert(4, "builtin", [(framework_code, code) in BUILTIN_PRINCIPLES for code in frame["code"]])
    return frame


def skills_listing(engine: Engine) -> pd.DataFrame:
    """Every skill: code, name, builtin, retired, evaluations (how many self-ratings)."""
    # One range of ix_evaluations_pairing per skill, as for the principles' ratings above.
    evaluations = select(func.count()).where(EVALUATION.c.skill_id == SKILL.c.id).scalar_subquery()
    q = (select(SKILL.c.code, SKILL.c.name, SKILL.c.builtin, SKILL.c.retired, evaluations.label("evaluations"))
         .order_by(SKILL.c.builtin.desc(), SKILL.c.name, SKILL.c.code))
    with engine.connect() as conn:
        return pd.DataFrame(conn.execute(q).all(), columns=["code", "name", "builtin", "retired", "evaluations"])
