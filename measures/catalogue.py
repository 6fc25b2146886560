"""Names of things for filters and labels (small lookups, no aggregation)."""

from sqlalchemy import select

from measures.scope import PR


def programme_names(engine) -> dict[str, str]:
    with engine.connect() as conn:
        return dict(conn.execute(select(PR.c.code, PR.c.name).order_by(PR.c.name)).all())
