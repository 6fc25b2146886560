"""Portable SQL pieces the measures need, compiled per dialect (SQLite and PostgreSQL)."""

from sqlalchemy import Date, Integer
from sqlalchemy.ext.compiler import compiles
from sqlalchemy.sql.expression import ColumnElement, FunctionElement


class days_between(FunctionElement):
    """Whole days from `earlier` to `later` (dates)."""
    type = Integer()
    inherit_cache = True

    def __init__(self, later: ColumnElement, earlier: ColumnElement):
        super().__init__(later, earlier)


@compiles(days_between)
def _days_between_default(element, compiler, **kw):
    later, earlier = list(element.clauses)
    return f"({compiler.process(later, **kw)} - {compiler.process(earlier, **kw)})"


@compiles(days_between, "sqlite")
def _days_between_sqlite(element, compiler, **kw):
    later, earlier = list(element.clauses)
    return (f"CAST(julianday({compiler.process(later, **kw)}) - "
            f"julianday({compiler.process(earlier, **kw)}) AS INTEGER)")


class month_of(FunctionElement):
    """The month of a date as text 'YYYY-MM'."""
    inherit_cache = True

    def __init__(self, day: ColumnElement):
        super().__init__(day)


@compiles(month_of)
def _month_of_default(element, compiler, **kw):
    (day,) = list(element.clauses)
    return f"to_char({compiler.process(day, **kw)}, 'YYYY-MM')"


@compiles(month_of, "sqlite")
def _month_of_sqlite(element, compiler, **kw):
    (day,) = list(element.clauses)
    return f"strftime('%Y-%m', {compiler.process(day, **kw)})"


class month_start(FunctionElement):
    """The first day of a date's month (a date)."""
    type = Date()
    inherit_cache = True

    def __init__(self, day: ColumnElement):
        super().__init__(day)


@compiles(month_start)
def _month_start_default(element, compiler, **kw):
    (day,) = list(element.clauses)
    return f"CAST(date_trunc('month', {compiler.process(day, **kw)}) AS DATE)"


@compiles(month_start, "sqlite")
def _month_start_sqlite(element, compiler, **kw):
    (day,) = list(element.clauses)
    return f"date({compiler.process(day, **kw)}, 'start of month')"
