"""The plan a store makes for a statement a function sends: to show that an index is read."""

from sqlalchemy import event


def plan_of(engine, run, marker: str) -> tuple[object, str]:
    """What `run()` returns, and the plan of the one statement it sends that holds `marker`."""
    postgres, statements = engine.dialect.name == "postgresql", []

    def seen(conn, cursor, statement, parameters, context, executemany):
        if marker in statement:
            statements.append((statement, parameters))
    event.listen(engine, "before_cursor_execute", seen)
    try:
        found = run()
    finally:
        event.remove(engine, "before_cursor_execute", seen)
    assert len(statements) == 1, statements
    statement, parameters = statements[0]
    with engine.begin() as conn:
        if postgres:  # the tiny tables would be scanned whole otherwise
            conn.exec_driver_sql("SET LOCAL enable_seqscan = off")
        plan = conn.exec_driver_sql(("EXPLAIN " if postgres else "EXPLAIN QUERY PLAN ") + statement, parameters)
        return found, "\n".join(str(row[-1]) for row in plan)
