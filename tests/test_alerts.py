"""Overview alerts against hand-worked figures of tests/small_org.py (Q1 2024)."""

from datetime import date

from measures.alerts import alerts
from measures.filters import Filters, Period
from measures.report import figures
from models.settings import DEFAULTS

Q1 = Period(date(2024, 1, 1), date(2024, 3, 31))


def test_alerts_on_the_small_organisation(small_org):
    now = figures(small_org, Q1, Filters(), k=1)
    before = figures(small_org, Q1.previous(), Filters(), k=1)
    found = alerts(now, before, DEFAULTS["alert_thresholds"])
    # voice: young people 3.5 vs staff 4.5 (gap 1.0 > 0.5); share responsibility: 3.6 vs 5.0 (gap 1.4);
    # influence: staff only, 3.0 (not below 3.0); feedback: FB4 and FB5 overdue;
    # active young people 7 now against 2 before (Y1, Y5 at session E): up, no alert.
    assert found == [   # frameworks in the store's order: the charter, the core principles, Lundy
        "Staff rate 'share responsibility' 1.4 points higher than young people do (5.0 against 3.6).",
        "Staff rate 'voice' 1.0 points higher than young people do (4.5 against 3.5).",
        "2 'you said' items have waited more than 30 days without an answer.",
    ]


def test_a_low_principle_and_a_sharp_drop_are_named(small_org):
    now = figures(small_org, Q1, Filters(), k=1)
    before = figures(small_org, Q1.previous(), Filters(), k=1)
    strict = {"principle_mean_below": 3.6, "gap_above": 2.0, "active_drop_share": 0.25}
    found = alerts(now, before, strict)
    assert "Young people rate 'voice' (lundy) 3.5 out of 5 on average, below 3.6." in found
    assert "Ratings of 'influence' (lundy) 3.0 out of 5 on average, below 3.6." in found
    # Swap the periods: 2 young people against 7 before is a 71% drop.
    dropped = alerts(before, now, strict)
    assert any(s.startswith("Fewer young people are taking part in co-production: 2 against 7") for s in dropped)


def test_suppressed_figures_raise_no_alert(small_org):
    now = figures(small_org, Q1, Filters(), k=5)
    found = alerts(now, now, DEFAULTS["alert_thresholds"])
    assert not any("'voice'" in s for s in found)   # four young people rated voice: hidden at k=5
