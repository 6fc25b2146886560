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


def _leaders(engine) -> None:
    """Y3 (at F), Y4 (A), Y6 (C) lead and Y5 (B), Y7 (C) co-facilitate: five of the seven young people."""
    from sqlalchemy import select, update

    from models.tables import Attendance, Participant, ProgrammeSession
    a, p, s = Attendance.__table__, Participant.__table__, ProgrammeSession.__table__
    with engine.begin() as conn:
        person = dict(conn.execute(select(p.c.code, p.c.id)).all())
        session = dict(conn.execute(select(s.c.code, s.c.id)).all())
        for code, who, role in (("F", "Y3", "lead"), ("A", "Y4", "lead"), ("B", "Y5", "co_facilitator"),
                                ("C", "Y6", "lead"), ("C", "Y7", "co_facilitator")):
            conn.execute(update(a).where(a.c.session_id == session[code], a.c.participant_id == person[who])
                         .values(role_in_session=role))


def test_a_group_that_leads_less_often_than_it_takes_part_is_named(small_org):
    # Care-experienced Y1 and Y2 take part (2 of 7) and neither leads (0 of 5): a ratio of 0.
    # At k=2 the other groups either lead at least as often (16 to 18: (4/5)/(4/7) = 1.4) or rest on
    # one leader (11 to 15: Y3 alone), which is hidden.
    _leaders(small_org)
    now = figures(small_org, Q1, Filters(), k=2)
    found = alerts(now, figures(small_org, Q1.previous(), Filters(), k=2), DEFAULTS["alert_thresholds"])
    assert found[-1] == ("Care-experienced young people lead less often than they take part: a representation "
                         "ratio of 0.00 (below 0.80).")
    assert sum("representation ratio" in s for s in found) == 1
    # At k=5 every group but 'disability not recorded' (all seven, ratio 1) is hidden: no alert.
    now = figures(small_org, Q1, Filters(), k=5)
    assert not any("representation ratio" in s for s in alerts(now, now, DEFAULTS["alert_thresholds"]))


def test_the_representation_alert_follows_the_threshold_and_names_each_group():
    from measures.alerts import representation_alerts

    def group(taking, ratio):
        return {"taking_part": taking, "leading": 5, "doing_with": 5, "leading_share": 0.5,
                "representation_ratio": ratio}
    shown = {"age_band": {"under_11": group(6, 0.25)},
             "disability": {"yes": group(10, 0.745), "not_recorded": group(4, 0.1)},
             "care_experienced": {"not_recorded": group(12, 0.8)}}
    assert representation_alerts(shown, 5, 0.8) == [
        "Young people aged under 11 lead less often than they take part: a representation ratio of 0.25 (below 0.80).",
        "Young people with a disability or SEND lead less often than they take part: a representation ratio of "
        "0.75 (below 0.80)."]   # 0.745 half up; 4 taking part is fewer than k; 0.8 is not below 0.8
    assert len(representation_alerts(shown, 5, 0.81)) == 3
    assert representation_alerts(shown, 5, 0.2) == []
