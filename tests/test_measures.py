"""Every measure against values worked out by hand on tests/small_org.py (see its comments)."""

from datetime import date

import pytest

from measures.filters import Filters, Period
from measures.report import measures_json

Q1 = Period(date(2024, 1, 1), date(2024, 3, 31))
approx = pytest.approx


@pytest.fixture
def everything(small_org_any):
    """k=1: nothing is suppressed, so every hand-worked value is visible."""
    return measures_json(small_org_any, Q1, Filters(), k=1)


def test_previous_period_has_the_same_length():
    assert Q1.previous() == Period(date(2023, 10, 2), date(2023, 12, 31))


def test_engagement(everything):
    e = everything["engagement"]
    assert e["active_young_people"] == 7          # Y1-Y7 attended something; staff never count
    assert e["sessions_held"] == 4                # A, B, C, F (D is after, E before)
    assert e["attendance_rate"] == approx(10 / 12)
    assert e["returning_share"] == approx(2 / 7)  # Y1 and Y5 also came to E last period
    assert e["involvement_hours"] == approx(20.5)  # 3x2 + 2x3 + 3x1.5 + 2x2
    assert e["youth_led_share"] == approx(0.5)    # A young people, B co-led
    assert e["doing_with_share"] == approx(2 / 3)  # rungs 7, 4, 6; F has no rung


def test_skills_pairs_earliest_pre_and_latest_post(everything):
    confidence = everything["skills"]["confidence"]
    # Y1 +3 (earliest pre 2, latest post 5), Y3 -1, Y4 0, Y5 +2, Y6 +1; Y2's post is outside.
    assert confidence["pairs"] == 5
    assert confidence["mean_change"] == approx(1.0)
    assert confidence["share_improved"] == approx(0.6)
    # Y2 (post after the period), Y7 (no post) and Y1 in P2 (no post) still await a post.
    assert confidence["awaiting_post"] == 3


def test_skills_ignore_unpaired_follow_up_and_staff(everything):
    teamwork = everything["skills"]["teamwork"]
    # Y4's post came before any pre: no pair, and not awaiting (a post exists by the end).
    # One pair: no interval and no effect size (both need a spread), and too few to say.
    no_interval = {"ci95_low": None, "ci95_high": None, "effect_size_dz": None, "verdict": "too few to say"}
    assert teamwork == {"pairs": 1, "mean_change": approx(1.0), "share_improved": approx(1.0),
                        "awaiting_post": 0, "improved": 1, "same": 0, "worse": 0, **no_interval}
    assert everything["skills"]["empathy"] == {"pairs": 0, "mean_change": None, "share_improved": None,
                                               "awaiting_post": 0, "improved": 0, "same": 0, "worse": 0,
                                               **no_interval}


def test_principles_split_by_rater_with_anonymous_ratings(everything):
    voice = everything["principles"]["lundy"]["voice"]
    assert voice["ratings"] == 6                  # the rating of session D is after the period
    assert voice["mean"] == approx(23 / 6)
    assert voice["share_4_5"] == approx(4 / 6)
    assert voice["young_people_mean"] == approx(3.5)  # 3, 4 (anonymous), 2, 5
    assert voice["staff_mean"] == approx(4.5)
    assert voice["gap"] == approx(1.0)


def test_rating_counts_by_its_own_date(everything):
    influence = everything["principles"]["lundy"]["influence"]
    # Staff only: 2, 3 and 4 (session E is in December, but it was rated on 5 January).
    assert influence == {"mean": approx(3.0), "share_4_5": approx(1 / 3), "young_people_mean": None,
                         "staff_mean": approx(3.0), "gap": None, "ratings": 3}


def test_feedback_loop(everything):
    assert everything["feedback"] == {
        "raised": 5,                              # FB1, FB2, FB3, FB4, FB7
        "told_back_share": approx(0.4),           # FB3 was told back after the period ended
        "median_days_to_tell_back": approx(29.0),  # median of 15 and 43
        "open_over_30_days": 2,                   # FB4, and FB5 from last year
        "closed_within_30_days_share": approx(0.2),
    }


def test_remuneration(everything):
    assert everything["remuneration"]["paid_total_gbp"] == approx(90.0)
    assert everything["remuneration"]["paid_share"] == approx(0.7)
    assert everything["remuneration"]["expenses_total_gbp"] == approx(5.0)


def test_health_index_equal_weights(everything):
    health = everything["health_index"]
    # (83.33 + 66.67 + 60 + 20 + 50) / 5
    assert health["value"] == approx(56.0)
    assert health["status"] == "amber"
    assert health["components"]["principle_adherence"] == {"value": approx(60.0), "weight": approx(0.2),
                                                           "configured_weight": 1}


def test_default_k_suppresses_small_groups(small_org_any):
    result = measures_json(small_org_any, Q1, Filters())
    assert result["k"] == 5
    assert result["engagement"]["active_young_people"] == 7
    # Teamwork rests on one young person; the confidence backlog on three.
    assert result["skills"]["teamwork"]["mean_change"] is None
    assert "skills.teamwork.mean_change" in result["suppressed"]
    assert result["skills"]["confidence"]["awaiting_post"] is None
    assert result["skills"]["confidence"]["mean_change"] == approx(1.0)
    # Four young people rated 'voice': their mean, the gap and the pooled mean (which would
    # give it away) are hidden; the staff mean stays.
    voice = result["principles"]["lundy"]["voice"]
    assert voice["young_people_mean"] is None and voice["gap"] is None and voice["mean"] is None
    assert voice["staff_mean"] == approx(4.5)
    assert {"principles.lundy.voice.young_people_mean", "principles.lundy.voice.mean"} <= set(result["suppressed"])
    # Five anonymous ratings are enough.
    assert result["principles"]["core_principles"]["share_responsibility"]["young_people_mean"] == approx(3.6)


def test_programme_filter_and_suppression(small_org_any):
    result = measures_json(small_org_any, Q1, Filters(programmes=("P2",)))
    e = result["engagement"]
    assert e["sessions_held"] == 1 and e["youth_led_share"] == 0.0 and e["doing_with_share"] == 1.0
    assert e["active_young_people"] is None       # three young people came to C
    assert "engagement.active_young_people" in result["suppressed"]
    assert result["feedback"]["raised"] == 2 and result["feedback"]["open_over_30_days"] == 0
    components = result["health_index"]["components"]
    assert components["attendance_rate"] == {"value": None, "weight": 0.0, "configured_weight": 1}
    assert "health_index.components.attendance_rate.value" in result["suppressed"]


def test_participant_group_filter(small_org_any):
    result = measures_json(small_org_any, Q1, Filters(care_experienced=("yes",)), k=1)
    assert result["engagement"]["active_young_people"] == 2   # Y1 and Y2
    assert result["engagement"]["attendance_rate"] == approx(1.0)
    assert result["skills"]["confidence"]["pairs"] == 1        # Y1 only
    # Anonymous young people's ratings cannot be placed in a group, so only Y1 and Y2's count.
    assert result["principles"]["lundy"]["voice"]["young_people_mean"] == approx(3.5)


def test_empty_period_gives_no_data_not_errors(small_org_any):
    result = measures_json(small_org_any, Period(date(2030, 1, 1), date(2030, 1, 31)), Filters())
    assert result["engagement"]["active_young_people"] == 0
    assert result["engagement"]["attendance_rate"] is None
    assert result["health_index"]["value"] is None and result["health_index"]["status"] is None
    assert result["suppressed"] == []


def test_monthly_figures_rest_on_the_young_people_who_came(small_org):
    from measures.engagement import monthly_engagement
    # January: session A expected Y1-Y4 and three came. At k=4 the month is hidden although four
    # were expected; at k=3 it shows 3.
    months = monthly_engagement(small_org, Q1, Filters(), k=4).set_index("month")
    assert months.loc["2024-01", "suppressed"] and months.loc["2024-01", "active_young_people"] is None
    months = monthly_engagement(small_org, Q1, Filters(), k=3).set_index("month")
    assert months.loc["2024-01", "active_young_people"] == 3 and not months.loc["2024-01", "suppressed"]
