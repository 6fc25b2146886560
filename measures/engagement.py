"""Engagement: who takes part and keeps coming, sessions held, who leads them, the ladder.

Each measure's definition in plain words, as the forum explorer shows it: `measures/definitions.py`.
"""

from types import SimpleNamespace

import pandas as pd
from sqlalchemy import case, distinct, func, select

from measures.engagement_grid import PEOPLE, RECORDS, engagement_grid
from measures.filters import Filters, Period
from measures.first_records import by_rows
from measures.scope import PR, S, Y, sessions_in, young_people_attendance
from measures.stage_coverage import stages_by_programme
from measures.sql import month_of
from measures.suppression import SUPPRESSED, attendance_rate_people, guard, guard_many, suppress_rows, too_few
from models.vocab import DOING_WITH_RUNGS, MODES, STAGES, YOUTH_LED


def _ratio(part, whole):
    return None if not whole else part / whole


def _attended_ids(period: Period, filters: Filters):
    joined, where = young_people_attendance(period, filters)
    return select(Y.c.participant_id).select_from(joined).where(where, Y.c.attended.is_(True))


def engagement_figures(engine, period: Period, filters: Filters, k: int) -> dict:
    """The engagement section of the measures JSON."""
    return engagement_and_remuneration(engine, period, filters, k)[0]


def engagement_and_remuneration(engine, period: Period, filters: Filters, k: int,
                                grid: pd.DataFrame | None = None) -> tuple[dict, dict, dict]:
    """Both sections from one reading of the period's attendance, and the exact numerators and
    denominators of their shares (returning, attended, expected and paid records), from which
    `measures.protected_figures` works out the protected shares. The counts are never shown.
    `grid`: the period's `measures.engagement_grid`, when already read."""
    numbers = _period_numbers(engine, period, filters, grid)
    returning = numbers.came_back
    active = numbers.active
    engagement = {
        **guard_many({
            "active_young_people": active,
            "returning_share": _ratio(returning, active),
            "involvement_hours": float(numbers.hours) if active else 0.0,
        }, active, k),
        "attendance_rate": guard(_ratio(numbers.attended, numbers.expected),
                                 attendance_rate_people(numbers.expected_people), k),
        **session_figures(engine, period, filters),
    }
    remuneration = guard_many({
        "paid_total_gbp": round(float(numbers.paid), 2),
        "paid_share": _ratio(numbers.paid_records, numbers.attended),
        "expenses_total_gbp": round(float(numbers.expenses), 2),
        "paid_per_hour_gbp": _ratio(float(numbers.paid), float(numbers.hours)),
    }, active, k)
    counts = {"returning": returning, "attended": numbers.attended, "expected": numbers.expected,
              "paid_records": numbers.paid_records}
    return engagement, remuneration, counts


def _period_numbers(engine, period: Period, filters: Filters, grid: pd.DataFrame | None) -> SimpleNamespace:
    """The period's young people who came (`active`), were expected and came back; its records
    expected, attended and paid; hours, pounds paid and expenses: from the period's grid when the
    filters allow one (`measures.engagement_grid`), else counting young people one by one."""
    if grid is None and by_rows(filters):
        grid = engagement_grid(engine, period, filters)
    if grid is not None:
        sums = grid[[*PEOPLE, *RECORDS]].sum()
        return SimpleNamespace(active=int(sums["active_any"]), expected_people=int(sums["expected_people_any"]),
                               came_back=int(sums["came_back_any"]),
                               **{name: int(sums[name]) for name in ("expected", "attended", "paid_records")},
                               **{name: float(sums[name]) for name in ("hours", "paid", "expenses")})
    joined, where = young_people_attendance(period, filters)
    attended = Y.c.attended.is_(True)

    def when_came(value):
        return func.coalesce(func.sum(case((attended, value), else_=0)), 0)
    people_q = select(
        func.count(distinct(case((attended, Y.c.participant_id)))).label("active"),
        func.count(distinct(Y.c.participant_id)).label("expected_people"),
        func.count().label("expected"),
        when_came(1).label("attended"),
        when_came(Y.c.duration_hours).label("hours"),
        when_came(Y.c.paid_gbp).label("paid"),
        when_came(case((Y.c.paid_gbp > 0, 1), else_=0)).label("paid_records"),
        when_came(Y.c.expenses_gbp).label("expenses"),
    ).select_from(joined).where(where)
    current = _attended_ids(period, filters).subquery()
    returning_q = select(func.count(distinct(current.c.participant_id))).where(
        current.c.participant_id.in_(_attended_ids(period.previous(), filters)))
    with engine.connect() as conn:
        row = conn.execute(people_q).one()
        came_back = conn.execute(returning_q).scalar_one()
    return SimpleNamespace(**row._asdict(), came_back=came_back)



def session_figures(engine, period: Period, filters: Filters) -> dict:
    """Sessions held, and the shares of them led by young people and on the 'doing with' rungs."""
    q = select(
        func.count().label("held"),
        func.coalesce(func.sum(case((S.c.led_by.in_(YOUTH_LED), 1), else_=0)), 0).label("youth_led"),
        func.count(S.c.ladder_rung).label("with_rung"),
        func.coalesce(func.sum(case((S.c.ladder_rung.in_(DOING_WITH_RUNGS), 1), else_=0)), 0)
        .label("doing_with"),
    ).where(sessions_in(period, filters))
    with engine.connect() as conn:
        sessions = conn.execute(q).one()
    return {
        "sessions_held": sessions.held,
        "youth_led_share": _ratio(sessions.youth_led, sessions.held),
        "doing_with_share": _ratio(sessions.doing_with, sessions.with_rung),
    }


# The kind of each column of `monthly_engagement`, for protected figures (measures.protected_frames).
MONTHLY_KINDS = {"month": "label", "active_young_people": "count",
                 "attendance_rate": ("share_of", "attended_records", "expected_records"),
                 "attended_records": "count", "expected_records": "count",
                 "involvement_hours": "hours", "suppressed": "label"}


def monthly_engagement(engine, period: Period, filters: Filters, k: int,
                       grid: pd.DataFrame | None = None) -> pd.DataFrame:
    """Per month: active young people, attendance rate, involvement hours; suppressed per month.
    `attended_records` and `expected_records` are the rate's numerator and denominator, from
    which protected figures make it (docs/disclosure.md); they are hidden with the rate.
    `grid`: the period's `measures.engagement_grid`, when already read."""
    columns = ["month", "active_young_people", "expected_people", "attendance_rate",
               "involvement_hours", "attended_records", "expected_records"]
    if grid is None and by_rows(filters):
        grid = engagement_grid(engine, period, filters)
    if grid is not None:
        months = grid.groupby("month", sort=True)[["active_in_month", "expected_people_in_month", "attended",
                                                  "expected", "hours"]].sum()
        frame = pd.DataFrame([
            {"month": month, "active_young_people": int(m.active_in_month),
             "expected_people": int(m.expected_people_in_month), "attendance_rate": m.attended / m.expected,
             "involvement_hours": float(m.hours), "attended_records": int(m.attended),
             "expected_records": int(m.expected)} for month, m in months.iterrows()], columns=columns)
    else:
        frame = _months_one_by_one(engine, period, filters, columns)
    # A month's people figures rest on the young people who came (on those expected when nobody
    # came); its attendance rate on those expected, as everywhere (`attendance_rate_people`).
    # Months are not parts of one total, so no complementary suppression across them.
    rate_people = frame["expected_people"].map(attendance_rate_people)
    frame["people"] = frame["active_young_people"].where(frame["active_young_people"] > 0, frame["expected_people"])
    frame = suppress_rows(frame.drop(columns=["expected_people"]), "people",
                          ["active_young_people", "involvement_hours"], k, complementary=False)
    rate_hidden = rate_people.map(lambda n: too_few(n, k))
    for column in ("attendance_rate", "attended_records", "expected_records"):
        frame[column] = frame[column].astype("object").where(~rate_hidden, None)
    frame["suppressed"] = frame["suppressed"] | rate_hidden
    return frame


def _months_one_by_one(engine, period: Period, filters: Filters, columns: list[str]) -> pd.DataFrame:
    joined, where = young_people_attendance(period, filters)
    attended = Y.c.attended.is_(True)
    month = month_of(Y.c.date).label("month")
    q = select(
        month,
        func.count(distinct(case((attended, Y.c.participant_id)))).label("active_young_people"),
        func.count(distinct(Y.c.participant_id)).label("expected_people"),
        (func.sum(case((attended, 1.0), else_=0.0)) / func.count()).label("attendance_rate"),
        func.sum(case((attended, Y.c.duration_hours), else_=0)).label("involvement_hours"),
        func.sum(case((attended, 1), else_=0)).label("attended_records"),
        func.count().label("expected_records"),
    ).select_from(joined).where(where).group_by(month).order_by(month)
    with engine.connect() as conn:
        return pd.DataFrame(conn.execute(q).mappings().all(), columns=columns)


def sessions_by_month(engine, period: Period, filters: Filters, split: str = "mode") -> pd.DataFrame:
    """Sessions held per month, split by a session column (mode, led_by, activity_type, ...)."""
    month = month_of(S.c.date).label("month")
    column = S.c[split]
    q = (select(month, column.label(split), func.count().label("sessions"))
         .where(sessions_in(period, filters)).group_by(month, column).order_by(month, column))
    with engine.connect() as conn:
        return pd.DataFrame(conn.execute(q).mappings().all(), columns=["month", split, "sessions"])


def stage_coverage_counts(engine, period: Period, filters: Filters, k: int) -> dict:
    """{programme code: stages covered (0-4)} for every programme (those chosen in the filters):
    the stages with at least one attended young-people record in the period. A programme's
    count is SUPPRESSED when 1..k-1 young people stand behind it (those at its staged records;
    `measures.stage_coverage`)."""
    covered = stages_by_programme(engine, period, filters, k)
    programmes = select(PR.c.id, PR.c.code).order_by(PR.c.code)
    if filters.programmes:
        programmes = programmes.where(PR.c.code.in_(filters.programmes))
    with engine.connect() as conn:
        codes = conn.execute(programmes).all()
    return {code: guard(len(covered[pid][0]), covered[pid][1], k) if pid in covered else 0 for pid, code in codes}


ALL_MODES = "all"  # the row of monthly frames that counts every mode together


def active_by_month_and_mode(engine, period: Period, filters: Filters, k: int,
                             grid: pd.DataFrame | None = None) -> pd.DataFrame:
    """Young people taking part per month, in each mode and in all modes (mode `ALL_MODES`).

    Each cell is suppressed on its own young people. Within a month the modes are taken as
    parts of the month's total, so one hidden mode hides the next smallest too (a young person
    who came in two modes counts in both, so the parts are not exact, but close enough to give
    a hidden figure away). `grid`: the period's `measures.engagement_grid`, when already read.
    """
    if grid is None and by_rows(filters):
        grid = engagement_grid(engine, period, filters)
    if grid is not None:
        came = grid[grid["attended"] > 0]
        cells = came[["month", "mode", "active_in_month_and_mode"]].rename(
            columns={"active_in_month_and_mode": "young_people"}).reset_index(drop=True)
        totals = (came.groupby("month", sort=True, as_index=False)["active_in_month"].sum()
                  .rename(columns={"active_in_month": "young_people"}))
    else:
        cells, totals = _months_and_modes_one_by_one(engine, period, filters)
    columns = ["month", "mode", "young_people", "suppressed"]
    parts = [suppress_rows(group.assign(people=group["young_people"]), "people", ["young_people"], k)
             for _, group in cells.groupby("month", sort=True)]
    whole = suppress_rows(totals.assign(mode=ALL_MODES, people=totals["young_people"]), "people",
                          ["young_people"], k, complementary=False)
    frame = pd.concat([whole, *parts], ignore_index=True) if len(totals) else pd.DataFrame(columns=columns)
    return frame[columns].sort_values(["month", "mode"], ignore_index=True)


def _months_and_modes_one_by_one(engine, period: Period, filters: Filters) -> tuple[pd.DataFrame, pd.DataFrame]:
    joined, where = young_people_attendance(period, filters)
    month = month_of(Y.c.date).label("month")
    people = func.count(distinct(Y.c.participant_id)).label("young_people")
    attended = Y.c.attended.is_(True)
    cells_q = (select(month, Y.c.mode, people).select_from(joined).where(where, attended)
               .group_by(month, Y.c.mode).order_by(month, Y.c.mode))
    totals_q = select(month, people).select_from(joined).where(where, attended).group_by(month).order_by(month)
    with engine.connect() as conn:
        cells = pd.DataFrame(conn.execute(cells_q).mappings().all(), columns=["month", "mode", "young_people"])
        totals = pd.DataFrame(conn.execute(totals_q).mappings().all(), columns=["month", "young_people"])
    return cells, totals


def sessions_by_month_and_mode(engine, period: Period, filters: Filters) -> pd.DataFrame:
    """Sessions held per month in each mode, plus the month's total as mode `ALL_MODES`."""
    cells = sessions_by_month(engine, period, filters, "mode")
    totals = cells.groupby("month", as_index=False)["sessions"].sum().assign(mode=ALL_MODES)
    frame = pd.concat([totals, cells], ignore_index=True) if len(cells) else cells
    return frame[["month", "mode", "sessions"]].sort_values(["month", "mode"], ignore_index=True)


def engagement_by_mode(engine, period: Period, filters: Filters, k: int,
                       grid: pd.DataFrame | None = None) -> dict[str, dict]:
    """The period's engagement figures in each mode, as if the mode filter picked that mode alone.

    Young-people figures are suppressed per mode; the modes are parts of the period's whole, so
    one hidden mode hides the next smallest too (involvement hours add up exactly across modes).
    `grid`: the period's `measures.engagement_grid`, when already read.
    """
    modes = [m for m in MODES if not filters.modes or m in filters.modes]
    if grid is None and by_rows(filters):
        grid = engagement_grid(engine, period, filters)
    people, returning = _modes_from_grid(grid) if grid is not None else _modes_one_by_one(engine, period, filters)
    sessions_q = select(
        S.c.mode, func.count().label("held"),
        func.coalesce(func.sum(case((S.c.led_by.in_(YOUTH_LED), 1), else_=0)), 0).label("youth_led"),
    ).where(sessions_in(period, filters)).group_by(S.c.mode)
    with engine.connect() as conn:
        sessions = {row.mode: row for row in conn.execute(sessions_q)}
    frame = pd.DataFrame([_mode_row(m, people.get(m), returning.get(m, 0)) for m in modes])
    if frame.empty:
        return {}
    young = suppress_rows(frame.assign(people=frame["active_young_people"]), "people",
                          ["active_young_people", "returning_share", "involvement_hours"], k)
    rates = suppress_rows(frame.assign(people=frame["expected_people"].map(attendance_rate_people)),
                          "people", ["attendance_rate"], k)
    result = {}
    for i, mode in enumerate(modes):
        held = sessions[mode].held if mode in sessions else 0
        youth_led = sessions[mode].youth_led if mode in sessions else 0
        result[mode] = {
            **{name: SUPPRESSED if young.at[i, "suppressed"] else _plain(young.at[i, name])
               for name in ("active_young_people", "returning_share", "involvement_hours")},
            "attendance_rate": SUPPRESSED if rates.at[i, "suppressed"] else _plain(rates.at[i, "attendance_rate"]),
            "sessions_held": held,
            "youth_led_share": _ratio(youth_led, held),
        }
    return result


def _modes_from_grid(grid: pd.DataFrame) -> tuple[dict, dict]:
    by_mode = grid.groupby("mode")[["active_in_mode", "expected_people_in_mode", "came_back_in_mode", "expected",
                                    "attended", "hours"]].sum()
    people = {mode: SimpleNamespace(active=int(m.active_in_mode), expected_people=int(m.expected_people_in_mode),
                                    expected=int(m.expected), attended=int(m.attended), hours=float(m.hours))
              for mode, m in by_mode.iterrows()}
    return people, {mode: int(m.came_back_in_mode) for mode, m in by_mode.iterrows()}


def _modes_one_by_one(engine, period: Period, filters: Filters) -> tuple[dict, dict]:
    joined, where = young_people_attendance(period, filters)
    attended = Y.c.attended.is_(True)
    people_q = select(
        Y.c.mode,
        func.count(distinct(case((attended, Y.c.participant_id)))).label("active"),
        func.count(distinct(Y.c.participant_id)).label("expected_people"),
        func.count().label("expected"),
        func.coalesce(func.sum(case((attended, 1), else_=0)), 0).label("attended"),
        func.coalesce(func.sum(case((attended, Y.c.duration_hours), else_=0)), 0).label("hours"),
    ).select_from(joined).where(where).group_by(Y.c.mode)
    now = _attended_by_mode(period, filters).subquery()
    then = _attended_by_mode(period.previous(), filters).subquery()
    returning_q = (select(now.c.mode, func.count().label("came_back"))
                   .select_from(now.join(then, (now.c.mode == then.c.mode)
                                         & (now.c.participant_id == then.c.participant_id)))
                   .group_by(now.c.mode))
    with engine.connect() as conn:
        people = {row.mode: row for row in conn.execute(people_q)}
        returning = dict(conn.execute(returning_q).all())
    return people, returning


def _plain(value):
    """A plain Python number, or None for a missing one (pandas holds it as NaN)."""
    if value is None or pd.isna(value):
        return None
    return value.item() if hasattr(value, "item") else value


def _attended_by_mode(period: Period, filters: Filters):
    joined, where = young_people_attendance(period, filters)
    return (select(Y.c.mode, Y.c.participant_id).distinct().select_from(joined)
            .where(where, Y.c.attended.is_(True)))


def _mode_row(mode: str, people, returning: int) -> dict:
    active = people.active if people else 0
    return {"mode": mode, "active_young_people": active,
            "expected_people": people.expected_people if people else 0,
            "returning_share": _ratio(returning, active),
            "involvement_hours": float(people.hours) if active else 0.0,
            "attendance_rate": _ratio(people.attended, people.expected) if people else None}


def stage_grid(engine, period: Period, filters: Filters, k: int = 1) -> pd.DataFrame:
    """Per programme, which stages had young people attending: one row per (programme, stage), with
    the programme's name, including the programmes that held sessions in the period but had no
    young people at any stage.
    `hidden` marks the rows of a programme whose stages rest on 1..k-1 young people: hidden
    there as in the measures JSON (`stage_coverage_counts`)."""
    found = stages_by_programme(engine, period, filters, k)
    names_q = (select(PR.c.id, PR.c.code, PR.c.name).distinct().select_from(S.join(PR, S.c.programme_id == PR.c.id))
               .where(sessions_in(period, filters)))
    with engine.connect() as conn:
        names = conn.execute(names_q).all()  # every covered programme held a session in the period
    rows = [{"programme": code, "name": name, "stage": stage,
             "covered": stage in found[pid][0] if pid in found else False,
             "stages_covered": len(found[pid][0]) if pid in found else 0,
             "hidden": pid in found and too_few(found[pid][1], k)}
            for pid, code, name in sorted(names, key=lambda row: (row.name, row.code)) for stage in STAGES]
    return pd.DataFrame(rows, columns=["programme", "name", "stage", "covered", "stages_covered", "hidden"])
