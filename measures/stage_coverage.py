"""Stage coverage read month by month: per programme, the stages (plan, design, deliver, review)
with at least one attended young-people record in the period, and whether fewer than k young people
stand behind them.

Which stages a programme covered adds up across months (a stage is covered if it was in any
month). The young people behind them do not: the same young person may come in several months.
But suppression only asks whether they are fewer than k, so each month keeps the k smallest ids
of the young people behind each programme: if the period has fewer than k, every month kept all of
its own and the ids kept together are exactly them; if it has k or more, a month with k or more
kept k, or every month kept all of its own, so the ids together are k or more. The count of
different ids kept, up to k, is the count of young people up to k, which is all suppression needs
(docs/decisions.md, "Figures kept by month").
"""

from sqlalchemy import func, select

from measures.filters import Filters, Period
from measures.kept_by_month import rows_by_month
from measures.scope import Y, young_people_attendance
from measures.sql import month_start


def stages_by_programme(engine, period: Period, filters: Filters, k: int) -> dict[int, tuple[set[str], int]]:
    """{programme id: (the stages covered, the young people behind them counted up to k)} for each
    programme with an attended young-people record at a staged session in the period."""
    staged = (Y.c.attended.is_(True), Y.c.stage.is_not(None))

    def stages_q(window: Period):
        joined, where = young_people_attendance(window, filters)
        month = month_start(Y.c.date).label("month")
        return (select(month, Y.c.programme_id, Y.c.stage).select_from(joined).where(where, *staged)
                .group_by(month, Y.c.programme_id, Y.c.stage))

    def people_q(window: Period):
        joined, where = young_people_attendance(window, filters)
        seen = (select(month_start(Y.c.date).label("month"), Y.c.programme_id, Y.c.participant_id)
                .select_from(joined).where(where, *staged).distinct().subquery())
        rank = func.row_number().over(partition_by=[seen.c.month, seen.c.programme_id],
                                      order_by=seen.c.participant_id).label("rank")
        ranked = select(seen.c.month, seen.c.programme_id, seen.c.participant_id, rank).subquery()
        return (select(ranked.c.month, ranked.c.programme_id, ranked.c.participant_id)
                .where(ranked.c.rank <= max(k, 1)))

    stages, people = {}, {}
    for row in rows_by_month(engine, period, stages_q):
        stages.setdefault(row["programme_id"], set()).add(row["stage"])
    for row in rows_by_month(engine, period, people_q):
        people.setdefault(row["programme_id"], set()).add(row["participant_id"])
    return {programme: (covered, min(len(people.get(programme, ())), max(k, 1)))
            for programme, covered in stages.items()}
