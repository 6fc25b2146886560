"""Stage coverage read month by month (measures/stage_coverage.py): the stages are those of the
period, and the young people behind them, counted up to k from each month's k smallest ids, say
"fewer than k" exactly when the young people of the whole period are fewer than k."""

from datetime import date

from sqlalchemy import distinct, func, select

from measures.engagement import stage_coverage_counts, stage_grid
from measures.filters import Filters, Period
from measures.scope import PR, Y
from measures.stage_coverage import stages_by_programme
from measures.suppression import SUPPRESSED, too_few

WINTER = Period(date(2023, 12, 1), date(2024, 2, 29))  # E (Dec, plan), A (Jan, plan), B (Feb, design): all P1


def test_the_young_people_behind_a_programme_are_counted_up_to_k_across_months(small_org_any):
    # P1's staged records attended in the winter: E Y1 Y5; A Y1 Y2 Y4; B Y1 Y5. Four young people,
    # no month more than three.
    for k, shown in ((5, SUPPRESSED), (4, 2), (3, 2), (2, 2)):
        assert stage_coverage_counts(small_org_any, WINTER, Filters(), k)["P1"] == shown, k
    assert stage_coverage_counts(small_org_any, WINTER, Filters(), 5)["P2"] == 0  # C and D come later
    with small_org_any.connect() as conn:
        p1 = conn.execute(select(PR.c.id).where(PR.c.code == "P1")).scalar_one()
    assert stages_by_programme(small_org_any, WINTER, Filters(), 3) == {p1: ({"plan", "design"}, 3)}
    assert stages_by_programme(small_org_any, WINTER, Filters(), 9) == {p1: ({"plan", "design"}, 4)}
    grid = stage_grid(small_org_any, WINTER, Filters(), 5).set_index(["programme", "stage"])
    assert grid.loc[("P1", "plan"), "covered"] and not grid.loc[("P1", "review"), "covered"]
    assert grid.loc[("P1", "plan"), "hidden"] and grid.loc[("P1", "plan"), "stages_covered"] == 2


def test_hidden_exactly_when_the_whole_periods_young_people_are_fewer_than_k(small_org_any):
    periods = [Period(date(2023, 12, 1), date(2024, 4, 30)), Period(date(2024, 1, 15), date(2024, 3, 10)), WINTER]
    for period in periods:
        for filters in (Filters(), Filters(age_bands=("11_15",))):
            exact = _exact_people(small_org_any, period, filters)
            for k in range(1, 7):
                found = stages_by_programme(small_org_any, period, filters, k)
                assert {pid: too_few(people, k) for pid, (_, people) in found.items()} == \
                    {pid: too_few(n, k) for pid, n in exact.items()}, (period, filters, k)


def _exact_people(engine, period: Period, filters: Filters) -> dict[int, int]:
    where = [Y.c.date.between(period.start, period.end), Y.c.attended.is_(True), Y.c.stage.is_not(None)]
    if filters.age_bands:
        where.append(Y.c.age_band.in_(filters.age_bands))
    with engine.connect() as conn:
        return dict(conn.execute(select(Y.c.programme_id, func.count(distinct(Y.c.participant_id)))
                                 .where(*where).group_by(Y.c.programme_id)).all())
