"""What the frameworks editor lists: every framework, principle and skill with how often it was
used (ratings, evaluations), retired ones included. No Streamlit here.

The counts are read as the listing goes, per principle or skill (models/row_counts.py): counting
after joining every rating took most of a second at scale XL."""

import pandas as pd
from sqlalchemy import func, select
from sqlalchemy.engine import Engine

from models.row_counts import rows_under, rows_with
from models.tables import Evaluation, Framework, Principle, PrincipleRating, Skill
from models.vocab import FRAMEWORKS

FRAMEWORK = Framework.__table__
PRINCIPLE = Principle.__table__
SKILL = Skill.__table__
RATING = PrincipleRating.__table__
EVALUATION = Evaluation.__table__

# Built-in principles are written again at every start if missing, so they cannot be deleted.
BUILTIN_PRINCIPLES = frozenset((fw, code) for fw, _name, principles in FRAMEWORKS for code, _ in principles)


def frameworks_listing(engine: Engine) -> pd.DataFrame:
    """Every framework: code, name, description, builtin, principles (how many), ratings."""
    of_framework = PRINCIPLE.c.framework_id == FRAMEWORK.c.id
    principles = select(func.count()).where(of_framework).scalar_subquery()
    ratings = rows_under(engine.dialect.name, RATING.c.principle_id, PRINCIPLE.c.id, of_framework)
    q = (select(FRAMEWORK.c.code, FRAMEWORK.c.name, FRAMEWORK.c.description, FRAMEWORK.c.builtin,
                principles.label("principles"), ratings.label("ratings"))
         .order_by(FRAMEWORK.c.builtin.desc(), FRAMEWORK.c.id))
    with engine.connect() as conn:
        return pd.DataFrame(conn.execute(q).all(),
                            columns=["code", "name", "description", "builtin", "principles", "ratings"])


def principles_listing(engine: Engine, framework_code: str) -> pd.DataFrame:
    """One framework's principles in order: position, code, name, retired, builtin, ratings."""
    q = (select(PRINCIPLE.c.position, PRINCIPLE.c.code, PRINCIPLE.c.name, PRINCIPLE.c.retired,
                rows_with(engine.dialect.name, RATING.c.principle_id, PRINCIPLE.c.id).label("ratings"))
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
    evaluations = rows_with(engine.dialect.name, EVALUATION.c.skill_id, SKILL.c.id)
    q = (select(SKILL.c.code, SKILL.c.name, SKILL.c.builtin, SKILL.c.retired, evaluations.label("evaluations"))
         .order_by(SKILL.c.builtin.desc(), SKILL.c.name, SKILL.c.code))
    with engine.connect() as conn:
        return pd.DataFrame(conn.execute(q).all(), columns=["code", "name", "builtin", "retired", "evaluations"])
