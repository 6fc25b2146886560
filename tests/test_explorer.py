"""The explorer's measure x split against values worked out by hand on tests/small_org.py (Q1 2024).

`explore` itself gives the exact figures (small groups suppressed) and is tested so here; what the
page shows is `explorer_protected.protect` of it, tested by hand below the exact tests.

Young people's attendance in Q1 2024 (session: programme, mode, who led, rung; ✓ came, ✗ expected):
  A 10 Jan: P1, in person, young people led, rung 7, 2h   Y1 ✓ Y2 ✓ Y3 ✗ Y4 ✓
  B 15 Feb: P1, online, co-led, rung 4, 3h                Y1 ✓ Y5 ✓ Y6 ✗
  C  5 Mar: P2, in person, organisation, rung 6, 1.5h     Y2 ✓ Y6 ✓ Y7 ✓
  F 20 Mar: P1, hybrid, organisation, no rung, 2h         Y1 ✓ Y3 ✓
  (E, 1 Dec 2023, P1: Y1 ✓ Y5 ✓ Y7 ✗ - the period before.)
"""

from datetime import date

import pandas as pd
import pytest

from measures.audiences import QuestionRefused
from measures.explorer.catalogue import (
    DIMENSIONS, MEASURES, PEOPLE_DIMENSIONS, allowed_pairs, dimensions_for, next_split, second_splits_for,
)
from measures.explorer.explore import ExploreError, check_pair, explore
from measures.explorer.protected import check_sensitive, protect, protected_view, value_kind
from measures.filters import Filters, Period

Q1 = Period(date(2024, 1, 1), date(2024, 3, 31))
approx = pytest.approx


def rows(frame, *columns):
    return [tuple(r) for r in frame[list(columns)].itertuples(index=False)]


def test_attendance_rate_by_mode_hides_modes_of_fewer_than_five_young_people(small_org_any):
    # In person: A and C, 7 places, 6 came (Y3 missed A) -> 6/7, from 6 young people expected
    #   (Y1 Y2 Y3 Y4 Y6 Y7): shown. Online: B, 2/3 from 3 young people; hybrid: F, 2/2 from 2:
    #   both under 5, hidden. Two are hidden, so neither can be worked out: nothing more to hide.
    frame = explore(small_org_any, "attendance_rate", "mode", Q1, Filters(), 5)
    assert rows(frame, "group", "label", "suppressed") == [
        ("in_person", "In person", False), ("online", "Online", True), ("hybrid", "Hybrid", True)]
    assert frame.loc[0, "value"] == approx(6 / 7)
    assert frame.loc[0, "young_people"] == 6
    assert frame.loc[1:, "value"].isna().all() and frame.loc[1:, "young_people"].isna().all()


def test_one_small_group_takes_the_next_smallest_with_it(small_org_any):
    # Young people taking part: P1 had Y1 Y2 Y3 Y4 Y5 (5), P2 Y2 Y6 Y7 (3, hidden). With P2 alone
    # hidden, the overview's 7 minus P1's figure would come close to it, so P1 is hidden too.
    frame = explore(small_org_any, "active_young_people", "programme", Q1, Filters(), 5)
    assert rows(frame, "label", "suppressed") == [("Keeping It Social", True), ("Podcast", True)]
    shown = explore(small_org_any, "active_young_people", "programme", Q1, Filters(), 3)
    assert rows(shown, "label", "value", "young_people") == [("Keeping It Social", 3, 3), ("Podcast", 5, 5)]


def test_returning_share_by_month_looks_at_the_month_before(small_org_any):
    # March: Y2 Y6 Y7 (C) and Y1 Y3 (F) = 5 young people; in February (B) Y1 and Y5 came, so
    # 1 of 5 came back. January (Y1 Y2 Y4; December: Y1 Y5 -> 1/3) and February (Y1 Y5; January
    # Y1 -> 1/2) rest on 3 and 2 young people: hidden.
    frame = explore(small_org_any, "returning_share", "month", Q1, Filters(), 5)
    assert rows(frame, "group", "label", "start", "suppressed") == [
        ("2024-01", "Jan 2024", "2024-01-01", True), ("2024-02", "Feb 2024", "2024-02-01", True),
        ("2024-03", "Mar 2024", "2024-03-01", False)]
    assert frame.loc[2, "value"] == approx(1 / 5)
    small = explore(small_org_any, "returning_share", "month", Q1, Filters(), 1)
    assert list(small["value"]) == approx([1 / 3, 1 / 2, 1 / 5])


def test_returning_share_by_programme_compares_the_same_programme(small_org_any):
    # P1 now: Y1 Y2 Y3 Y4 Y5; P1 in the 91 days before (E): Y1 Y5 -> 2/5. P2: nobody before -> 0/3.
    frame = explore(small_org_any, "returning_share", "programme", Q1, Filters(), 1)
    assert rows(frame, "group", "value", "young_people") == [("P2", 0.0, 3), ("P1", 0.4, 5)]


def test_principles_by_who_rated_and_by_principle(small_org_any):
    # Young people's ratings in Q1: 3 4 (A, anonymous) 2 (B, Y1) 5 (C, Y2) and 4 4 5 3 2 (C,
    # anonymous) = 32 over 9 ratings, from 2 named + 7 anonymous = 9 young people. Staff: 5 2 4
    # (A, B) 3 5 (C) and 4 (E, rated 5 Jan) = 23 / 6. Staff figures are never suppressed.
    frame = explore(small_org_any, "principle_mean", "rater_role", Q1, Filters(), 5)
    assert rows(frame, "group", "young_people", "suppressed") == [("young_person", 9, False), ("staff", 0, False)]
    assert list(frame["value"]) == approx([32 / 9, 23 / 6])
    # Lundy: voice rests on 4 young people (2 anonymous, Y1, Y2): hidden. Influence was rated by
    # staff only (2, 3, 4): shown, and there is no young people's figure it could give away.
    lundy = explore(small_org_any, "principle_mean", "principle", Q1, Filters(), 5, framework="lundy")
    assert rows(lundy, "label", "suppressed") == [("Voice", True), ("Influence", False)]
    assert lundy.loc[1, "value"] == approx(3.0)


def test_skills_pairs_by_skill(small_org_any):
    # Pairs with their 'after' rating in Q1: confidence Y1 +3 (2 -> 5), Y3 -1, Y4 0, Y5 +2, Y6 +1;
    # teamwork Y5 +1. Confidence: mean 5/5 = 1.0 from 5 young people; teamwork: 1 young person,
    # hidden, and then confidence with it.
    frame = explore(small_org_any, "mean_skill_change", "skill", Q1, Filters(), 5)
    assert rows(frame, "label", "suppressed") == [("Teamwork", True), ("Confidence", True)]
    shown = explore(small_org_any, "mean_skill_change", "skill", Q1, Filters(), 1)
    assert rows(shown, "label", "young_people") == [("Teamwork", 1), ("Confidence", 5)]
    assert list(shown["value"]) == approx([1.0, 1.0])
    improved = explore(small_org_any, "share_improved", "quarter", Q1, Filters(), 5)
    assert rows(improved, "label", "young_people") == [("Jan to Mar 2024", 5)]
    assert improved.loc[0, "value"] == approx(4 / 6)   # Y1, Y5, Y6 confidence and Y5 teamwork went up


def test_feedback_by_programme_is_not_suppressed(small_org_any):
    # Raised in Q1: FB1 (P1, 5 Jan, told 20 Jan: 15 days), FB2 (P1, 1 Feb, told 15 Mar: 43 days),
    # FB3 (P2, told 5 Apr: after the period), FB7 (P2, open), FB4 (no programme, open).
    raised = explore(small_org_any, "feedback_raised", "programme", Q1, Filters(), 5)
    assert rows(raised, "label", "value", "suppressed") == [
        ("Keeping It Social", 2, False), ("Podcast", 2, False), ("No programme", 1, False)]
    told = explore(small_org_any, "told_back_share", "programme", Q1, Filters(), 5)
    assert list(told["value"]) == approx([0.0, 1.0, 0.0])
    days = explore(small_org_any, "median_days_to_tell_back", "programme", Q1, Filters(), 5)
    assert list(days["value"]) == [None, 29.0, None]   # median of 15 and 43


def test_sessions_by_who_led_and_by_rung(small_org_any):
    led = explore(small_org_any, "sessions_held", "led_by", Q1, Filters(), 5)
    assert rows(led, "label", "value") == [("Young people", 1), ("Co-led", 1), ("The organisation", 2)]
    rungs = explore(small_org_any, "sessions_held", "ladder_rung", Q1, Filters(), 5)
    assert rows(rungs, "group", "label", "value") == [
        ("4", "Consultation", 1), ("6", "Co-design", 1), ("7", "Co-production", 1),
        ("not_recorded", "Not on the ladder", 1)]


def test_two_splits_hide_a_cell_alone_in_its_row(small_org_any):
    # Attendance rate by programme and mode at k=3:
    #   P1 in person (A): 3/4 from 4 young people; P1 online (B): 2/3 from 3; P1 hybrid (F): 2/2
    #   from 2, hidden; P2 in person (C): 3/3 from 3.
    # P1's row has one hidden cell, so its next smallest (online, 3) goes too. The hybrid and
    # online columns then hold only hidden cells; the in-person column none. Nothing else moves.
    frame = explore(small_org_any, "attendance_rate", "programme", Q1, Filters(), 3, by="mode")
    assert rows(frame, "group", "group2", "suppressed") == [
        ("P2", "in_person", False), ("P1", "in_person", False), ("P1", "online", True), ("P1", "hybrid", True)]
    assert list(frame.loc[:1, "value"]) == approx([1.0, 0.75])


def test_the_focus_keeps_only_the_chosen_groups(small_org_any):
    # Only the design stage: session B (Y1 ✓ Y5 ✓ Y6 ✗) -> 2 of 3.
    frame = explore(small_org_any, "attendance_rate", "programme", Q1, Filters(), 1, focus={"stage": ("design",)})
    assert rows(frame, "group", "value") == [("P1", approx(2 / 3))]
    unplaced = explore(small_org_any, "sessions_held", "mode", Q1, Filters(), 1,
                       focus={"ladder_rung": ("not_recorded",)})
    assert rows(unplaced, "group", "value") == [("hybrid", 1)]   # F has no rung


def test_months_cut_by_the_period_say_so(small_org):
    frame = explore(small_org, "sessions_held", "month", Period(date(2024, 2, 1), date(2024, 3, 31)), Filters(), 5)
    assert list(frame["label"]) == ["Feb 2024", "Mar 2024"]   # A (10 Jan) is before the period
    part = explore(small_org, "sessions_held", "month", Period(date(2024, 2, 10), date(2024, 3, 25)), Filters(), 5)
    assert list(part["label"]) == ["10 to 29 Feb 2024", "1 to 25 Mar 2024"]   # B (15 Feb), C and F (5, 20 Mar)
    quarter = explore(small_org, "sessions_held", "quarter", Period(date(2024, 2, 1), date(2024, 4, 30)), Filters(), 5)
    assert list(quarter["label"]) == ["Feb to Mar 2024", "Apr 2024"]


def test_pairs_that_make_no_sense_are_refused():
    assert "rater_role" in dimensions_for("principle_mean")
    assert all("rater_role" not in dimensions_for(m) for m in MEASURES if MEASURES[m].source != "ratings")
    for m in ("sessions_held", "principle_mean", "feedback_raised", "youth_led_share"):
        assert not set(PEOPLE_DIMENSIONS) & set(dimensions_for(m))
    for m in ("active_young_people", "attendance_rate", "returning_share", "involvement_hours", "share_improved"):
        assert set(PEOPLE_DIMENSIONS) <= set(dimensions_for(m))
    assert dimensions_for("told_back_share") == ("programme", "month", "quarter")
    assert "quarter" not in second_splits_for("attendance_rate", "month")
    # One of age band, disability and care experience at a time, as the forum's filters.
    assert not set(PEOPLE_DIMENSIONS) & set(second_splits_for("active_young_people", "age_band"))
    assert set(PEOPLE_DIMENSIONS) <= set(second_splits_for("active_young_people", "programme"))
    with pytest.raises(ExploreError, match="cannot be split again"):
        check_pair("active_young_people", "age_band", "disability")
    with pytest.raises(ExploreError, match="cannot be split by who rated"):
        check_pair("attendance_rate", "rater_role")
    with pytest.raises(ExploreError, match="cannot be split again"):
        check_pair("attendance_rate", "month", "quarter")
    assert len(allowed_pairs()) == sum(len(dimensions_for(m)) for m in MEASURES)
    assert {d for _, d in allowed_pairs()} == set(DIMENSIONS)


def test_after_a_click_the_view_opens_the_group_up():
    assert next_split("attendance_rate", ["programme"]) == "month"
    assert next_split("attendance_rate", ["month"]) == "programme"
    assert next_split("attendance_rate", ["quarter"]) == "month"
    assert next_split("principle_mean", ["programme", "principle"]) == "month"
    # Feedback inside one programme and one month: nothing left to split by, so back to programmes.
    assert next_split("told_back_share", ["programme", "month"]) == "programme"


def test_a_click_narrows_to_the_group_and_splits_what_is_inside():
    from measures.explorer.drill import look_inside
    programme = look_inside("attendance_rate", ["programme"], {"group": "P1"})
    assert (programme.groups, programme.when, programme.split) == ({"programme": "P1"}, None, "month")
    january = look_inside("attendance_rate", ["month"], {"group": "2024-01"})
    assert (january.groups, january.when, january.split) == ({}, "2024-01", "programme")
    quarter = look_inside("sessions_held", ["quarter"], {"group": "2024-Q2"})
    assert (quarter.when, quarter.split) == ("2024-Q2", "month")
    cell = look_inside("principle_mean", ["programme", "principle"], {"group": "P2", "group2": "12"})
    assert (cell.groups, cell.split) == ({"programme": "P2", "principle": "12"}, "month")
    # 'Not recorded' is a filter the explorer offers for stage, not the sidebar's age bands.
    stage = look_inside("attendance_rate", ["stage"], {"group": "not_recorded"})
    assert stage.groups == {"stage": "not_recorded"}
    age = look_inside("attendance_rate", ["age_band"], {"group": "not_recorded"})
    assert (age.groups, age.split, age.not_filterable) == ({}, None, ["age_band"])


def test_one_month_or_quarter_of_the_period():
    from measures.explorer.catalogue import buckets_in, narrowed
    # A quarter with one month in the period would say the same as that month: left out.
    assert buckets_in(date(2024, 2, 10), date(2024, 4, 5)) == ["2024-Q1", "2024-02", "2024-03", "2024-04"]
    assert buckets_in(date(2023, 12, 1), date(2024, 1, 31)) == ["2023-12", "2024-01"]
    assert buckets_in(date(2024, 1, 1), date(2024, 6, 30)) == [
        "2024-Q1", "2024-01", "2024-02", "2024-03", "2024-Q2", "2024-04", "2024-05", "2024-06"]
    assert narrowed(date(2024, 2, 10), date(2024, 4, 5), "2024-Q1") == (date(2024, 2, 10), date(2024, 3, 31))
    assert narrowed(date(2024, 2, 10), date(2024, 4, 5), "2024-03") == (date(2024, 3, 1), date(2024, 3, 31))


def test_definitions_have_one_source():
    import measures.engagement
    import measures.feedback
    import measures.principles
    import measures.skills
    from measures.definitions import DEFINITIONS
    assert set(DEFINITIONS) == set(MEASURES)
    assert all(MEASURES[m].definition is DEFINITIONS[m] for m in MEASURES)
    for module in (measures.engagement, measures.skills, measures.principles, measures.feedback):
        assert "measures/definitions.py" in module.__doc__


# --- What the page shows: protected figures (measures/explorer/protected.py) ------------------


def test_each_measure_is_protected_by_its_kind():
    assert value_kind("active_young_people") == "count"
    assert value_kind("involvement_hours") == "hours"
    # a share about young people is made from its protected numerator and denominator
    assert value_kind("attendance_rate") == value_kind("share_improved") == ("share_of", "num", "den")
    assert value_kind("principle_mean") == value_kind("mean_skill_change") == "mean"
    assert {value_kind(m) for m in ("sessions_held", "youth_led_share", "feedback_raised", "told_back_share",
                                    "median_days_to_tell_back")} == {"exact"}
    assert all(value_kind(m) != "exact" for m in MEASURES if MEASURES[m].young_people)


def test_counts_of_young_people_are_rounded_to_multiples_of_k(small_org_any):
    # Young people taking part at k=3 (exact figures above): P2 3 -> 3; P1 5 -> 6 (5/3 = 1.67
    # threes, rounds to 2). The value and the young people behind it are the same count.
    frame = protect(explore(small_org_any, "active_young_people", "programme", Q1, Filters(), 3),
                    "active_young_people", 3)
    assert rows(frame, "group", "value", "young_people", "suppressed") == [("P2", 3, 3, False), ("P1", 6, 6, False)]
    # Hours at k=3: P2 C 1.5h x 3 = 4.5h -> 6 (1.5 threes rounds half up to 2); P1 A 2h x 3 (Y1 Y2
    # Y4) + B 3h x 2 (Y1 Y5) + F 2h x 2 (Y1 Y3) = 16h -> 15 (5.33 threes -> 5).
    hours = protect(explore(small_org_any, "involvement_hours", "programme", Q1, Filters(), 3),
                    "involvement_hours", 3)
    assert rows(hours, "group", "value", "young_people") == [("P2", 6.0, 3), ("P1", 15.0, 6)]


def test_shares_means_and_the_young_people_behind_them(small_org_any):
    # Attendance rate by mode at k=5: in person 6 attended of 7 expected records (sessions A and C);
    # both round to 5 (1.2 and 1.4 fives round to 1), so 5 / 5 = 100%, from 6 young people -> 5.
    # Online and hybrid stay hidden, with nothing in them.
    rate = protect(explore(small_org_any, "attendance_rate", "mode", Q1, Filters(), 5), "attendance_rate", 5)
    assert rows(rate, "group", "value", "young_people", "suppressed") == [
        ("in_person", 1.0, 5, False), ("online", None, None, True), ("hybrid", None, None, True)]
    # Principles by who rated at k=5: young people 32/9 = 3.56 -> 3.6 from 9 young people -> 10
    # (1.8 fives -> 2); staff 23/6 = 3.83 -> 3.8 (one decimal, as every mean), from nobody: 0.
    mean = protect(explore(small_org_any, "principle_mean", "rater_role", Q1, Filters(), 5), "principle_mean", 5)
    assert rows(mean, "group", "value", "young_people") == [("young_person", 3.6, 10), ("staff", 3.8, 0)]
    # Skills improved in Q1 at k=5: 4 of 6 pairs; 4 -> 5 (0.8 fives rounds to 1), 6 -> 5, so
    # 5 / 5 = 100%, from 5 young people -> 5.
    improved = protect(explore(small_org_any, "share_improved", "quarter", Q1, Filters(), 5), "share_improved", 5)
    assert rows(improved, "value", "young_people") == [(1.0, 5)]


def test_figures_not_about_young_people_stay_exact(small_org_any):
    # Feedback items raised in Q1 (working above): 2, 2 and 1, the 1 shown as it is (no young
    # people behind it); median days 29.0 stays 29.0.
    raised = protect(explore(small_org_any, "feedback_raised", "programme", Q1, Filters(), 5), "feedback_raised", 5)
    assert rows(raised, "label", "value", "suppressed") == [
        ("Keeping It Social", 2, False), ("Podcast", 2, False), ("No programme", 1, False)]
    days = protect(explore(small_org_any, "median_days_to_tell_back", "programme", Q1, Filters(), 5),
                   "median_days_to_tell_back", 5)
    assert list(days["value"]) == [None, 29.0, None]


def test_two_hidden_programmes_hours_cannot_be_worked_out_from_the_headline():
    # Hours of involvement by programme as `explore` returns it at k=5: Art 37.5h (12 young
    # people) and Podcast 23h (9) shown; Radio (3 young people, 4.5h) and Keeping It Social (2, 3h)
    # hidden, together 5 young people. The headline (the same measure by quarter): 68h from 26.
    # Exact, the hidden two would be 68 - 37.5 - 23 = 7.5h. Protected (multiples of 5 hours):
    # 37.5 -> 40 (7.5 fives rounds half up to 8), 23 -> 25 (4.6 -> 5), 68 -> 70 (13.6 -> 14):
    # 70 - 40 - 25 = 5, not 7.5.
    frame = pd.DataFrame({"group": ["ART", "POD", "RADIO", "KIS"],
                          "label": ["Art", "Podcast", "Radio", "Keeping It Social"],
                          "value": pd.Series([37.5, 23.0, None, None], dtype=object),
                          "young_people": pd.Series([12, 9, None, None], dtype=object),
                          "suppressed": [False, False, True, True]})
    headline = pd.DataFrame({"group": ["2024-Q1"], "label": ["Jan to Mar 2024"], "start": ["2024-01-01"],
                             "value": [68.0], "young_people": [26], "suppressed": [False]})
    shown = protect(frame, "involvement_hours", 5)
    total = protect(headline, "involvement_hours", 5).loc[0, "value"]
    assert list(shown["value"]) == [40.0, 25.0, None, None]
    assert list(shown["young_people"]) == [10, 10, None, None]   # 12 -> 10 (2.4 fives), 9 -> 10 (1.8)
    assert total == 70.0
    assert all(v % 5 == 0 for v in shown["value"].dropna())
    assert sum(shown["value"].dropna()) != 37.5 + 23.0          # 65, not the exact 60.5
    assert total - sum(shown["value"].dropna()) != 68.0 - 37.5 - 23.0   # 5, not 7.5


def test_two_hidden_modes_hours_cannot_be_worked_out_on_the_small_organisation(small_org_any):
    # Hours by mode at k=3: in person A 2h x 3 + C 1.5h x 3 = 10.5h from 5 young people (Y1 Y2 Y4
    # Y6 Y7), shown; online (B, Y1 Y5: 6h) and hybrid (F, Y1 Y3: 4h) rest on 2 each: hidden,
    # 4 young people together. The whole quarter: 20.5h from 7. Exact, 20.5 - 10.5 = 10h gives
    # the two hidden modes away together; protected, 10.5 -> 12 (3.5 threes rounds half up to 4)
    # and 20.5 -> 21 (6.83 -> 7): 21 - 12 = 9.
    by_mode = protected_view(small_org_any, Q1, Filters(), "involvement_hours", "mode", 3)
    quarter = protected_view(small_org_any, Q1, Filters(), "involvement_hours", "quarter", 3)
    assert rows(by_mode, "group", "value", "young_people", "suppressed") == [
        ("in_person", 12.0, 6, False), ("online", None, None, True), ("hybrid", None, None, True)]
    assert rows(quarter, "value", "young_people") == [(21.0, 6)]
    assert quarter.loc[0, "value"] - by_mode.loc[0, "value"] == 9.0 != 20.5 - 10.5


def test_the_same_question_asked_twice_gives_the_same_frame(small_org_any):
    for measure, dimension, by in (("involvement_hours", "mode", None), ("attendance_rate", "programme", "mode"),
                                   ("principle_mean", "rater_role", None)):
        first = protected_view(small_org_any, Q1, Filters(), measure, dimension, 3, by)
        again = protected_view(small_org_any, Q1, Filters(), measure, dimension, 3, by)
        pd.testing.assert_frame_equal(first, again)


def test_a_column_without_a_protection_rule_is_refused(small_org_any):
    frame = explore(small_org_any, "active_young_people", "programme", Q1, Filters(), 3)
    with pytest.raises(KeyError, match="no protection rule"):
        protect(frame.assign(people=[3, 5]), "active_young_people", 3)


def test_two_sensitive_characteristics_at_once_are_refused():
    check_sensitive(Filters(age_bands=("11_15",)), ["age_band"])           # the same one twice: fine
    check_sensitive(Filters(disability=("yes",)), ["programme", "month"])
    with pytest.raises(QuestionRefused, match="not age band and care experience together"):
        check_sensitive(Filters(care_experienced=("yes",)), ["age_band"])
    with pytest.raises(QuestionRefused, match="not disability and care experience together"):
        check_sensitive(Filters(), ["disability", "care_experienced"])


# --- Who gets to lead, depth, and a mean change's interval and verdict (tests/lead_org.py) -------
#
# Hand-worked on tests/lead_org.py in tests/test_lead_org_measures.py (Q1 2024, exact figures); the
# explorer asks the measure functions with `full=True` (the forum is a protected audience), so the
# parts of a whole hide each other as for a trustee. k=1 shows the exact mechanics (nothing
# hidden), k=3 the protection. A group with nobody in it is left out.

FIGURES = ["group", "taking_part", "leading", "doing_with", "leading_share", "value", "suppressed"]
DEPTH = ["group", "band_young_people", "pairs", "value", "ci95_low", "ci95_high", "share_improved", "verdict"]
TOO_FEW, IMPROVED, NO_CLEAR, DECLINED = "too few to say", "improved", "no clear change", "declined"


@pytest.fixture
def lead_org_any(any_engine):
    from tests import lead_org
    lead_org.build(any_engine)
    return any_engine


def hidden_as(frame, marker="hidden"):
    """Rows of `frame` with SUPPRESSED written as `marker` (a hidden figure, not a missing one)."""
    from measures.suppression import is_suppressed
    return [tuple(marker if is_suppressed(v) else v for v in row) for row in frame.itertuples(index=False)]


def test_who_gets_to_lead_by_disability_exact(lead_org_any):
    # 12 taking part, 5 leading (Y01 Y02 Y03 Y05 Y06, all disability "no"). Yes: Y04 Y08, doing
    # with Y04; no: 7 (Y01-Y03 Y05-Y07 Y12), doing with Y01-Y03 Y05 Y06, share 5/7, ratio
    # (5/5) / (7/12) = 12/7; prefer not to say: Y11; not recorded: Y09 Y10, both doing with (D1).
    frame = explore(lead_org_any, "representation", "disability", Q1, Filters(), 1)
    assert rows(frame, *FIGURES) == [
        ("yes", 2, 0, 1, 0.0, 0.0, False), ("no", 7, 5, 5, approx(5 / 7), approx(12 / 7), False),
        ("prefer_not_to_say", 1, 0, 0, 0.0, 0.0, False), ("not_recorded", 2, 0, 2, 0.0, 0.0, False)]
    assert list(frame["label"]) == ["Yes", "No", "Prefer not to say", "Not recorded"]
    # Nobody is over 25: that group is left out.
    ages = explore(lead_org_any, "representation", "age_band", Q1, Filters(), 1)
    assert list(ages["group"]) == ["under_11", "11_15", "16_18", "19_25", "not_recorded"]


def test_who_gets_to_lead_protected(lead_org_any):
    # k=3. Taking part: yes 2, prefer 1, not recorded 2 hidden (5 young people together); no 7 -> 6.
    # Leading: 0 0 0 shown as 0, no 5 -> 6. Doing with: yes 1 and not recorded 2 hidden (3 together),
    # no 5 -> 6, prefer 0. Share from protected counts 6/6; ratio (6/6) / (6/12) = 2.0, the whole
    # 12 -> 12 and 5 -> 6 (the exact 12/7 = 1.71 is not shown). The others rest on a hidden count.
    frame = protected_view(lead_org_any, Q1, Filters(), "representation", "disability", 3)
    assert hidden_as(frame[FIGURES]) == [
        ("yes", "hidden", 0, "hidden", "hidden", None, True), ("no", 6, 6, 6, 1.0, 2.0, False),
        ("prefer_not_to_say", "hidden", 0, 0, "hidden", None, True),
        ("not_recorded", "hidden", 0, "hidden", "hidden", None, True)]
    assert "all_leading" not in frame and "all_taking_part" not in frame   # exact totals never leave
    # Care experience: yes (Y01 Y06) hidden; alone it would be 12 - 7 - 3, so not recorded (3)
    # goes too. Leading: yes 2 hidden, and "no" (3) with it (5 - 3 = 2 otherwise).
    care = protected_view(lead_org_any, Q1, Filters(), "representation", "care_experienced", 3)
    assert hidden_as(care[FIGURES]) == [
        ("yes", "hidden", "hidden", "hidden", "hidden", None, True), ("no", 6, "hidden", 3, "hidden", None, True),
        ("not_recorded", "hidden", 0, "hidden", "hidden", None, True)]


def test_a_hidden_leader_count_does_not_come_back_from_two_filters(lead_org_any):
    # The attack: leaders with no disability in P2 (Y05, Y06: 2, hidden) = all programmes (5)
    # minus P1, P3 and P4 (Y01 Y02 Y03: 3). Protected at k=3: 5 -> 6 and 3 -> 3, so 6 - 3 = 3, not 2.
    def leading(programmes):
        frame = protected_view(lead_org_any, Q1, Filters(programmes=programmes), "representation", "disability", 3)
        return frame.set_index("group").loc["no", "leading"]
    from measures.suppression import is_suppressed
    assert is_suppressed(leading(("P2",)))
    assert (leading(()), leading(("P1", "P3", "P4"))) == (6, 3)
    assert leading(()) - leading(("P1", "P3", "P4")) != 2


def test_depth_bands(lead_org_any):
    # Exact (k=1): band 1 Y09-Y12 (9 pairs, 5/9, -0.0029 .. 1.1140: too few to say); 2-4 Y04-Y08
    # (20 pairs, 0.1, -0.3530 .. 0.5530: no clear change); 5-9 Y01-Y03 (15 pairs, 13/15,
    # 0.1159 .. 1.6175: improved). Nobody came 10 times: left out.
    frame = explore(lead_org_any, "depth", "depth_band", Q1, Filters(), 1)
    assert rows(frame, *DEPTH) == [
        ("1", 4, 9, approx(5 / 9), approx(-0.0029, abs=1e-4), approx(1.1140, abs=1e-4), approx(6 / 9), TOO_FEW),
        ("2-4", 5, 20, approx(0.1), approx(-0.3530, abs=1e-4), approx(0.5530, abs=1e-4), approx(0.45), NO_CLEAR),
        ("5-9", 3, 15, approx(13 / 15), approx(0.1159, abs=1e-4), approx(1.6175, abs=1e-4), approx(11 / 15), IMPROVED)]
    assert list(frame["label"]) == ["1 session", "2 to 4 sessions", "5 to 9 sessions"]
    # Protected (k=3): young people 4 -> 3, 5 -> 6, 3 -> 3; pairs 9, 20 -> 21, 15; means and bounds
    # to one decimal; share improved from protected counts: 6/9, 9/21, 11 -> 12 of 15. The verdicts stay.
    shown = protected_view(lead_org_any, Q1, Filters(), "depth", "depth_band", 3)
    assert rows(shown, *DEPTH) == [
        ("1", 3, 9, 0.6, 0.0, 1.1, approx(6 / 9), TOO_FEW), ("2-4", 6, 21, 0.1, -0.4, 0.6, approx(9 / 21), NO_CLEAR),
        ("5-9", 3, 15, 0.9, 0.1, 1.6, approx(12 / 15), IMPROVED)]
    assert "improved_pairs" not in shown


def test_one_hidden_band_hides_another(lead_org_any):
    # Peer Mentoring (P2) at k=3: band 1 Y01 Y07 Y08 (3), band 2-4 Y05 Y06 (2, hidden). Alone, the
    # hidden band would be the young people taking part in P2 minus band 1: band 1 is hidden too,
    # and so are both bands' pairs (the same young people).
    frame = protected_view(lead_org_any, Q1, Filters(programmes=("P2",)), "depth", "depth_band", 3)
    assert hidden_as(frame[["group", "band_young_people", "pairs", "value", "verdict", "suppressed"]]) == [
        ("1", "hidden", "hidden", None, "hidden", True), ("2-4", "hidden", "hidden", None, "hidden", True)]


def test_a_mean_change_carries_its_pairs_interval_and_verdict(lead_org_any):
    # Exact (k=1), per skill (tests/test_lead_org_measures.py): leadership 3 pairs, 2.0,
    # -0.4842 .. 4.4842, too few to say; teamwork ten +1s: 1.0 .. 1.0, improved; confidence
    # 0.5231 .. 1.4769, improved; public speaking -1.4769 .. -0.5231, declined. Empathy: Y11 +1 and
    # Y13 -1, mean 0, sd sqrt(2), half-width t(1) 12.7062 x sqrt(2) / sqrt(2) = 12.7062.
    columns = ["label", "pairs", "value", "ci95_low", "ci95_high", "verdict"]
    frame = explore(lead_org_any, "mean_skill_change", "skill", Q1, Filters(), 1)
    found = {row[0]: row[1:] for row in rows(frame, *columns)}
    assert found["Leadership"] == (3, approx(2.0), approx(-0.4842, abs=1e-4), approx(4.4842, abs=1e-4), TOO_FEW)
    assert found["Teamwork"] == (10, approx(1.0), approx(1.0), approx(1.0), IMPROVED)
    assert found["Confidence"] == (10, approx(1.0), approx(0.5231, abs=1e-4), approx(1.4769, abs=1e-4), IMPROVED)
    assert found["Public speaking"][-1] == DECLINED and found["Listening well"][-1] == NO_CLEAR
    assert found["Empathy"] == (2, approx(0.0), approx(-12.7062, abs=1e-4), approx(12.7062, abs=1e-4), TOO_FEW)
    # Protected (k=3): empathy (2 young people) is hidden, and leadership (3), the smallest shown,
    # with it; every figure of theirs says "fewer than k". Pairs 10 -> 9, bounds to one decimal.
    shown = protected_view(lead_org_any, Q1, Filters(), "mean_skill_change", "skill", 3)
    protected = {row[0]: row[1:] for row in hidden_as(shown[columns])}
    assert protected["Leadership"] == protected["Empathy"] == ("hidden", None, "hidden", "hidden", "hidden")
    assert protected["Confidence"] == (9, 1.0, 0.5, 1.5, IMPROVED)
    assert protected["Public speaking"] == (9, -1.0, -1.5, -0.5, DECLINED)


def test_the_forum_sees_the_figures_the_measures_object_gives_it(lead_org_any):
    # The same question, the same protected figures: the explorer and `manage.py measures --json
    # --audience staff_forum` (measures.protected_figures) agree group by group.
    from measures.report import measures_json
    from measures.suppression import is_suppressed
    result = measures_json(lead_org_any, Q1, Filters(), k=3, audience="staff_forum")

    def as_json(value):
        return None if is_suppressed(value) else value
    for dimension in PEOPLE_DIMENSIONS:
        frame = protected_view(lead_org_any, Q1, Filters(), "representation", dimension, 3)
        for row in frame.to_dict("records"):
            figures = result["representation"][dimension][row["group"]]
            ours = {**{key: as_json(row[key]) for key in ("taking_part", "leading", "doing_with", "leading_share")},
                    "representation_ratio": row["value"]}
            assert ours == {key: approx(v) if isinstance(v, float) else v for key, v in figures.items()}
    depth = protected_view(lead_org_any, Q1, Filters(), "depth", "depth_band", 3)
    for row in depth.to_dict("records"):
        band = result["depth"][row["group"]]
        assert (row["band_young_people"], row["pairs"], row["value"], row["ci95_low"], row["ci95_high"],
                row["verdict"]) == (band["young_people"], band["pairs"], band["mean_change"], band["ci95_low"],
                                    band["ci95_high"], band["verdict"])
        assert row["share_improved"] == approx(band["share_improved"])


def test_who_leads_and_depth_split_once_and_cannot_be_looked_inside():
    from measures.explorer.drill import look_inside
    from measures.explorer.protected import RATIO
    assert dimensions_for("representation") == PEOPLE_DIMENSIONS
    assert dimensions_for("depth") == ("depth_band",)
    assert second_splits_for("representation", "age_band") == second_splits_for("depth", "depth_band") == ()
    with pytest.raises(ExploreError, match="cannot be split again"):
        check_pair("representation", "age_band", "programme")
    with pytest.raises(ExploreError, match="cannot be split by programme"):
        check_pair("depth", "programme")
    assert (value_kind("representation"), value_kind("depth")) == (RATIO, "mean")
    for measure, dimension, group in (("representation", "age_band", "11_15"), ("depth", "depth_band", "2-4")):
        inside = look_inside(measure, [dimension], {"group": group})
        assert (inside.groups, inside.when, inside.split, inside.whole) == ({}, None, None, measure)
    with pytest.raises(QuestionRefused, match="not age band and disability together"):
        check_sensitive(Filters(disability=("yes",)), ["age_band"])   # who leads by age, only the disabled


def test_a_ratio_is_made_from_protected_counts_and_is_0_for_a_group_with_no_leaders():
    # k=5, by hand: A 11 taking part, 6 leading; B 8 taking part, 0 leading; C 3 taking part and
    # 2 leading, hidden (and B's ratio would not give it away: B led nobody, so its ratio is 0
    # whatever the whole). Wholes: 22 taking part -> 20, 8 leading -> 10. A: 11 -> 10, 6 -> 5:
    # (5/10) / (10/20) = 1.0, not the exact (6/8) / (11/22) = 1.5. Share 5/10.
    from measures.suppression import SUPPRESSED
    exact = pd.DataFrame({
        "group": ["a", "b", "c"], "label": ["A", "B", "C"],
        "value": pd.Series([1.5, 0.0, None], dtype=object),
        "taking_part": pd.Series([11, 8, SUPPRESSED], dtype=object),
        "leading": pd.Series([6, 0, SUPPRESSED], dtype=object), "doing_with": pd.Series([0, 0, 0], dtype=object),
        "leading_share": pd.Series([6 / 11, 0.0, SUPPRESSED], dtype=object),
        "all_taking_part": [22] * 3, "all_leading": [8] * 3, "suppressed": [False, False, True]})
    shown = protect(exact, "representation", 5)
    assert hidden_as(shown[FIGURES]) == [("a", 10, 5, 0, 0.5, 1.0, False), ("b", 10, 0, 0, 0.0, 0.0, False),
                                         ("c", "hidden", "hidden", 0, "hidden", None, True)]
    # Fewer than k leaders in all: a group that led nobody still shows 0, no more and no less.
    few = protect(exact.assign(all_leading=2).iloc[1:], "representation", 5)
    assert few.loc[1, "value"] == 0.0
