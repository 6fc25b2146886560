"""Valuing young people's expertise by programme (measures/resourcing.py), worked out by hand on
tests/small_org.py.

Q1 2024 (2024-01-01 .. 2024-03-31), young people's attended records (paid, expenses):
  Podcast (P1)            A 10 Jan, 2 h: Y1 £20, Y2 £20 (+ £5 expenses), Y4 £0
                          B 15 Feb, 3 h: Y1 £15, Y5 unpaid
                          F 20 Mar, 2 h: Y1 unpaid, Y3 £5
     young people Y1 Y2 Y3 Y4 Y5 = 5; hours 3x2 + 2x3 + 2x2 = 16; paid 20 + 20 + 15 + 5 = £60;
     £60 / 16 h = £3.75 an hour; expenses £5; paid 4 of 7 attended records (Y4's £0 is not paid).
  Keeping It Social (P2)  C 5 Mar, 1.5 h: Y2, Y6, Y7 £10 each
     young people 3; hours 4.5; paid £30; £6.67 an hour; expenses £0; paid 3 of 3.
  Together: hours 20.5, paid £90, expenses £5, 7 of 10 paid: the remuneration of test_measures.py.
  (D, 2 April, and E, 1 December, fall outside the period.)
"""

from datetime import date

import pytest

from measures.filters import Filters, Period
from measures.resourcing import per_hour, protected_resourcing, resourcing_by_programme

Q1 = Period(date(2024, 1, 1), date(2024, 3, 31))
approx = pytest.approx
FIGURES = ["young_people", "involvement_hours", "paid_total_gbp", "paid_per_hour_gbp", "expenses_total_gbp",
           "paid_share"]


def rows(frame) -> dict:
    return {r["programme"]: r for r in frame.to_dict("records")}


def test_each_programme_with_young_people_attending(small_org_any):
    frame = resourcing_by_programme(small_org_any, Q1, Filters(), k=3)
    assert list(frame["programme_name"]) == ["Keeping It Social", "Podcast"]  # by name
    podcast, social = rows(frame)["P1"], rows(frame)["P2"]
    assert {key: podcast[key] for key in FIGURES} == {
        "young_people": 5, "involvement_hours": approx(16.0), "paid_total_gbp": approx(60.0),
        "paid_per_hour_gbp": approx(3.75), "expenses_total_gbp": approx(5.0), "paid_share": approx(4 / 7)}
    assert {key: social[key] for key in FIGURES} == {
        "young_people": 3, "involvement_hours": approx(4.5), "paid_total_gbp": approx(30.0),
        "paid_per_hour_gbp": approx(30 / 4.5), "expenses_total_gbp": approx(0.0), "paid_share": approx(1.0)}
    assert (podcast["attended_records"], podcast["paid_records"]) == (7, 4)
    assert not frame["suppressed"].any()
    # The programmes are the parts of the organisation's remuneration (tests/test_measures.py).
    assert frame["involvement_hours"].sum() == approx(20.5) and frame["paid_total_gbp"].sum() == approx(90.0)


def test_a_small_programme_is_hidden_and_the_next_smallest_with_it(small_org_any):
    # k = 4: Keeping It Social rests on 3 young people; Podcast (5) would give it away from the
    # organisation's totals (£90 - £60), so it is hidden too.
    frame = resourcing_by_programme(small_org_any, Q1, Filters(), k=4)
    assert frame["suppressed"].all()
    assert frame[FIGURES + ["attended_records", "paid_records"]].isna().all().all()
    assert list(frame["programme_name"]) == ["Keeping It Social", "Podcast"]  # names are not figures


def test_filters_and_an_empty_period(small_org_any):
    online = resourcing_by_programme(small_org_any, Q1, Filters(modes=("online",)), k=1)
    # B alone: Y1 £15 and Y5 unpaid, 3 h each.
    assert rows(online)["P1"]["paid_per_hour_gbp"] == approx(15 / 6) and list(online["programme"]) == ["P1"]
    assert resourcing_by_programme(small_org_any, Period(date(2030, 1, 1), date(2030, 1, 31)), Filters(), 5).empty


def test_protected_figures_come_from_protected_pounds_and_hours(small_org_any):
    """k = 3: young people 5 -> 6, 3 -> 3; hours to a multiple of 3 (16 -> 15, 4.5 -> 6); pounds to
    £30 (60, 30; expenses 5 -> 0); per hour from those (60 / 15 = £4.00, 30 / 6 = £5.00); paid share
    from records rounded to 3 (4 of 7 -> 3 of 6 = 50%, 3 of 3 = 100%)."""
    shown = protected_resourcing(resourcing_by_programme(small_org_any, Q1, Filters(), k=3, full=True), 3)
    assert "attended_records" not in shown.columns and "paid_records" not in shown.columns
    podcast, social = rows(shown)["P1"], rows(shown)["P2"]
    assert {key: podcast[key] for key in FIGURES} == {
        "young_people": 6, "involvement_hours": 15.0, "paid_total_gbp": 60.0, "paid_per_hour_gbp": 4.0,
        "expenses_total_gbp": 0.0, "paid_share": 0.5}
    assert {key: social[key] for key in FIGURES} == {
        "young_people": 3, "involvement_hours": 6.0, "paid_total_gbp": 30.0, "paid_per_hour_gbp": 5.0,
        "expenses_total_gbp": 0.0, "paid_share": 1.0}
    hidden = protected_resourcing(resourcing_by_programme(small_org_any, Q1, Filters(), k=5, full=True), 5)
    assert hidden["suppressed"].all() and hidden[FIGURES].isna().all().all()


def test_pounds_per_hour_without_hours_is_missing():
    assert per_hour(30.0, 4.5) == approx(6.6667, abs=1e-4)
    assert per_hour(30.0, 0.0) is None and per_hour(None, 3.0) is None
