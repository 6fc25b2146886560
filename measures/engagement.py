"""Engagement: who takes part and keeps coming, sessions held, who leads them, the ladder.

Each measure's definition in plain words, as the forum explorer shows it: `measures/definitions.py`.
"""

import pandas as pd
from sqlalchemy import case, distinct, func, select

from measures.filters import Filters, Period
from measures.first_records import by_rows, count_where, first_from, first_in_month
from measures.scope import PR, S, Y, sessions_in, young_people_attendance
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


def engagement_and_remuneration(engine, period: Period, filters: Filters, k: int) -> tuple[dict, dict, dict]:
    """Both sections from one reading of the period's attendance, and the exact numerators and
    denominators of their shares (returning, attended, expected and paid records), from which
    `measures.protected_figures` works out the protected shares. The counts are never shown."""
    joined, where = young_people_attendance(period, filters)
    attended = Y.c.attended.is_(True)
    rows = by_rows(filters)

    def when_came(value):
        return func.coalesce(func.sum(case((attended, value), else_=0)), 0)
    before = period.previous()
    people_q = select(
        *_people_columns(rows, attended, Y.c.previous_attended_on, Y.c.previous_on, period.start),
        *([count_where(attended & Y.c.previous_attended_on.between(before.start, before.end)).label("came_back")]
          if rows else []),
        func.count().label("expected"),
        when_came(1).label("attended"),
        when_came(Y.c.duration_hours).label("hours"),
        when_came(Y.c.paid_gbp).label("paid"),
        when_came(case((Y.c.paid_gbp > 0, 1), else_=0)).label("paid_records"),
        when_came(Y.c.expenses_gbp).label("expenses"),
    ).select_from(joined).where(where)
    current = _attended_ids(period, filters).subquery()
    returning_q = select(func.count(distinct(current.c.participant_id))).where(
        current.c.participant_id.in_(_attended_ids(before, filters)))
    with engine.connect() as conn:
        people_row = conn.execute(people_q).one()
        returning = people_row.came_back if rows else conn.execute(returning_q).scalar_one()
    active = people_row.active
    engagement = {
        **guard_many({
            "active_young_people": active,
            "returning_share": _ratio(returning, active),
            "involvement_hours": float(people_row.hours) if active else 0.0,
        }, active, k),
        "attendance_rate": guard(_ratio(people_row.attended, people_row.expected),
                                 attendance_rate_people(people_row.expected_people), k),
        **session_figures(engine, period, filters),
    }
    remuneration = guard_many({
        "paid_total_gbp": round(float(people_row.paid), 2),
        "paid_share": _ratio(people_row.paid_records, people_row.attended),
        "expenses_total_gbp": round(float(people_row.expenses), 2),
        "paid_per_hour_gbp": _ratio(float(people_row.paid), float(people_row.hours)),
    }, active, k)
    counts = {"returning": returning, "attended": people_row.attended, "expected": people_row.expected,
              "paid_records": people_row.paid_records}
    return engagement, remuneration, counts


def _people_columns(rows: bool, attended, previous_attended, previous, start, month: bool = False):
    """`active` (young people who came) and `expected_people` (young people expected), from first
    records (`measures.first_records`) when `rows`, else as counts of different young people;
    with `month`, for a query grouped by month."""
    if rows:
        first = (lambda before: first_in_month(before, Y.c.date, start)) if month else \
            (lambda before: first_from(before, start))
        return (count_where(attended & first(previous_attended)).label("active"),
                count_where(first(previous)).label("expected_people"))
    return (func.count(distinct(case((attended, Y.c.participant_id)))).label("active"),
            func.count(distinct(Y.c.participant_id)).label("expected_people"))



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


def monthly_engagement(engine, period: Period, filters: Filters, k: int) -> pd.DataFrame:
    """Per month: active young people, attendance rate, involvement hours; suppressed per month.
    `attended_records` and `expected_records` are the rate's numerator and denominator, from
    which protected figures make it (docs/disclosure.md); they are hidden with the rate."""
    joined, where = young_people_attendance(period, filters)
    attended = Y.c.attended.is_(True)
    month = month_of(Y.c.date).label("month")
    active, expected = _people_columns(by_rows(filters), attended, Y.c.previous_attended_on, Y.c.previous_on,
                                       period.start, month=True)
    q = select(
        month,
        active.label("active_young_people"),
        expected,
        (func.sum(case((attended, 1.0), else_=0.0)) / func.count()).label("attendance_rate"),
        func.sum(case((attended, Y.c.duration_hours), else_=0)).label("involvement_hours"),
        func.sum(case((attended, 1), else_=0)).label("attended_records"),
        func.count().label("expected_records"),
    ).select_from(joined).where(where).group_by(month).order_by(month)
    with engine.connect() as conn:
        frame = pd.DataFrame(conn.execute(q).mappings().all(),
                             columns=["month", "active_young_people", "expected_people", "attendance_rate",
                                      "involvement_hours", "attended_records", "expected_records"])
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


def sessions_by_month(engine, period: Period, filters: Filters, split: str = "mode") -> pd.DataFrame:
    """Sessions held per month, split by a session column (mode, led_by, activity_type, ...)."""
    month = month_of(S.c.date).label("month")
    column = S.c[split]
    q = (select(month, column.label(split), func.count().label("sessions"))
         .where(sessions_in(period, filters)).group_by(month, column).order_by(month, column))
    with engine.connect() as conn:
        return pd.DataFrame(conn.execute(q).mappings().all(), columns=["month", split, "sessions"])


def stage_coverage(engine, period: Period, filters: Filters) -> pd.DataFrame:
    """Per programme, which stages had young people attending (0-4 stages)."""
    joined, where = young_people_attendance(period, filters)
    q = (select(PR.c.code.label("programme"), Y.c.stage).distinct()
         .select_from(joined.join(PR, Y.c.programme_id == PR.c.id))
         .where(where, Y.c.attended.is_(True), Y.c.stage.is_not(None)))
    with engine.connect() as conn:
        pairs = conn.execute(q).all()
    covered: dict[str, set] = {}
    for programme, stage in pairs:
        covered.setdefault(programme, set()).add(stage)
    rows = [{"programme": p, **{s: s in stages for s in STAGES}, "stages_covered": len(stages)}
            for p, stages in sorted(covered.items())]
    return pd.DataFrame(rows, columns=["programme", *STAGES, "stages_covered"])


def stage_coverage_counts(engine, period: Period, filters: Filters, k: int) -> dict:
    """{programme code: stages covered (0-4)} for every programme (those chosen in the filters):
    the stages with at least one attended young-people record in the period. A programme's
    count is SUPPRESSED when 1..k-1 young people stand behind it (those at its staged records)."""
    joined, where = young_people_attendance(period, filters)
    q = (select(Y.c.programme_id, func.count(distinct(Y.c.stage)).label("stages"),
                func.count(distinct(Y.c.participant_id)).label("people"))
         .select_from(joined).where(where, Y.c.attended.is_(True), Y.c.stage.is_not(None))
         .group_by(Y.c.programme_id))
    programmes = select(PR.c.id, PR.c.code).order_by(PR.c.code)
    if filters.programmes:
        programmes = programmes.where(PR.c.code.in_(filters.programmes))
    with engine.connect() as conn:
        covered = {r.programme_id: r for r in conn.execute(q).all()}
        codes = conn.execute(programmes).all()
    return {code: guard(covered[pid].stages, covered[pid].people, k) if pid in covered else 0
            for pid, code in codes}


ALL_MODES = "all"  # the row of monthly frames that counts every mode together


def active_by_month_and_mode(engine, period: Period, filters: Filters, k: int) -> pd.DataFrame:
    """Young people taking part per month, in each mode and in all modes (mode `ALL_MODES`).

    Each cell is suppressed on its own young people. Within a month the modes are taken as
    parts of the month's total, so one hidden mode hides the next smallest too (a young person
    who came in two modes counts in both, so the parts are not exact, but close enough to give
    a hidden figure away).
    """
    joined, where = young_people_attendance(period, filters)
    month = month_of(Y.c.date).label("month")
    attended = Y.c.attended.is_(True)
    if by_rows(filters):
        in_mode = count_where(first_in_month(Y.c.previous_attended_in_mode_on, Y.c.date, period.start))
        people = count_where(first_in_month(Y.c.previous_attended_on, Y.c.date, period.start)).label("young_people")
    else:
        people = in_mode = func.count(distinct(Y.c.participant_id))
    cells_q = (select(month, Y.c.mode, in_mode.label("young_people")).select_from(joined).where(where, attended)
               .group_by(month, Y.c.mode).order_by(month, Y.c.mode))
    totals_q = (select(month, people.label("young_people")).select_from(joined).where(where, attended)
                .group_by(month).order_by(month))
    with engine.connect() as conn:
        cells = pd.DataFrame(conn.execute(cells_q).mappings().all(), columns=["month", "mode", "young_people"])
        totals = pd.DataFrame(conn.execute(totals_q).mappings().all(), columns=["month", "young_people"])
    columns = ["month", "mode", "young_people", "suppressed"]
    parts = [suppress_rows(group.assign(people=group["young_people"]), "people", ["young_people"], k)
             for _, group in cells.groupby("month", sort=True)]
    whole = suppress_rows(totals.assign(mode=ALL_MODES, people=totals["young_people"]), "people",
                          ["young_people"], k, complementary=False)
    frame = pd.concat([whole, *parts], ignore_index=True) if len(totals) else pd.DataFrame(columns=columns)
    return frame[columns].sort_values(["month", "mode"], ignore_index=True)


def sessions_by_month_and_mode(engine, period: Period, filters: Filters) -> pd.DataFrame:
    """Sessions held per month in each mode, plus the month's total as mode `ALL_MODES`."""
    cells = sessions_by_month(engine, period, filters, "mode")
    totals = cells.groupby("month", as_index=False)["sessions"].sum().assign(mode=ALL_MODES)
    frame = pd.concat([totals, cells], ignore_index=True) if len(cells) else cells
    return frame[["month", "mode", "sessions"]].sort_values(["month", "mode"], ignore_index=True)


def engagement_by_mode(engine, period: Period, filters: Filters, k: int) -> dict[str, dict]:
    """The period's engagement figures in each mode, as if the mode filter picked that mode alone.

    Young-people figures are suppressed per mode; the modes are parts of the period's whole, so
    one hidden mode hides the next smallest too (involvement hours add up exactly across modes).
    """
    modes = [m for m in MODES if not filters.modes or m in filters.modes]
    joined, where = young_people_attendance(period, filters)
    attended = Y.c.attended.is_(True)
    rows = by_rows(filters)
    before = period.previous()
    people_q = select(
        Y.c.mode,
        *_people_columns(rows, attended, Y.c.previous_attended_in_mode_on, Y.c.previous_in_mode_on, period.start),
        *([count_where(attended & Y.c.previous_attended_in_mode_on.between(before.start, before.end))
           .label("came_back")] if rows else []),
        func.count().label("expected"),
        func.coalesce(func.sum(case((attended, 1), else_=0)), 0).label("attended"),
        func.coalesce(func.sum(case((attended, Y.c.duration_hours), else_=0)), 0).label("hours"),
    ).select_from(joined).where(where).group_by(Y.c.mode)
    now = _attended_by_mode(period, filters).subquery()
    then = _attended_by_mode(before, filters).subquery()
    returning_q = (select(now.c.mode, func.count().label("came_back"))
                   .select_from(now.join(then, (now.c.mode == then.c.mode)
                                         & (now.c.participant_id == then.c.participant_id)))
                   .group_by(now.c.mode))
    sessions_q = select(
        S.c.mode, func.count().label("held"),
        func.coalesce(func.sum(case((S.c.led_by.in_(YOUTH_LED), 1), else_=0)), 0).label("youth_led"),
    ).where(sessions_in(period, filters)).group_by(S.c.mode)
    with engine.connect() as conn:
        people = {row.mode: row for row in conn.execute(people_q)}
        returning = {mode: row.came_back for mode, row in people.items()} if rows else \
            dict(conn.execute(returning_q).all())
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
    """`stage_coverage` as one row per (programme, stage), with the programme's name, and with
    the programmes that held sessions in the period but had no young people at any stage.
    `hidden` marks the rows of a programme whose stages rest on 1..k-1 young people: hidden
    there as in the measures JSON (`stage_coverage_counts`)."""
    covered = stage_coverage(engine, period, filters).set_index("programme")
    hidden = {code for code, stages in stage_coverage_counts(engine, period, filters, k).items()
              if stages is SUPPRESSED}
    q = (select(PR.c.code, PR.c.name).distinct().select_from(S.join(PR, S.c.programme_id == PR.c.id))
         .where(sessions_in(period, filters)))
    with engine.connect() as conn:  # every covered programme held a session in the period, so is named here
        names = dict(conn.execute(q).all())
    rows = [{"programme": code, "name": name, "stage": stage,
             "covered": bool(covered.at[code, stage]) if code in covered.index else False,
             "stages_covered": int(covered.at[code, "stages_covered"]) if code in covered.index else 0,
             "hidden": code in hidden}
            for code, name in sorted(names.items(), key=lambda item: item[1]) for stage in STAGES]
    return pd.DataFrame(rows, columns=["programme", "name", "stage", "covered", "stages_covered", "hidden"])
