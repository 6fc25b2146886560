"""The ready-made frameworks, skills and ladder, written into the store as editable data.
Existing rows are never overwritten, so an organisation's renames survive every start."""

from sqlalchemy import insert, select
from sqlalchemy.engine import Engine

from models.tables import Framework, LadderRung, Principle, Skill
from models.vocab import FRAMEWORKS, LADDER, SKILLS


def seed_builtins(engine: Engine) -> None:
    with engine.begin() as conn:
        have_rungs = set(conn.execute(select(LadderRung.position)).scalars())
        rungs = [dict(position=p, code=c, name=n, rung_group=g)
                 for p, c, n, g in LADDER if p not in have_rungs]
        if rungs:
            conn.execute(insert(LadderRung), rungs)

        have_skills = set(conn.execute(select(Skill.code)).scalars())
        skills = [dict(code=c, name=n, builtin=True) for c, n in SKILLS if c not in have_skills]
        if skills:
            conn.execute(insert(Skill), skills)

        frameworks = dict(conn.execute(select(Framework.code, Framework.id)).all())
        for code, name, principles in FRAMEWORKS:
            if code not in frameworks:
                frameworks[code] = conn.execute(
                    insert(Framework).values(code=code, name=name, builtin=True)
                    .returning(Framework.id)).scalar_one()
            fid = frameworks[code]
            have = set(conn.execute(select(Principle.code).where(Principle.framework_id == fid)).scalars())
            rows = [dict(framework_id=fid, code=c, name=n, position=i)
                    for i, (c, n) in enumerate(principles, start=1) if c not in have]
            if rows:
                conn.execute(insert(Principle), rows)
