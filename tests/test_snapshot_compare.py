"""Comparison sentences for two snapshots of the small organisation, worked out by hand (k = 3).

Snapshots hold protected figures (measures/protection.py): a count of young people 1-2 is hidden,
the rest rounded half up to a multiple of 3; a share is the rounded numerator over the rounded
denominator; hours to a multiple of 3 (money to £30); means to one decimal; sessions and
feedback items (not people) as they are.

Q4 2023 (1 Oct - 31 Dec 2023): only session E (1 Dec, organisation-led, rung 3 'informing', 2 h):
Y1 and Y5 came, Y7 did not. Active young people 2 (< 3: hidden, and with them the hours, the
share who came back and the payments); attendance rests on the 3 expected: 2 came -> 3 (2/3 = 0.67,
half up to 1 x 3), 3 expected -> 3, so 3/3 = 100%; sessions 1; youth-led 0/1 = 0%; 'doing with'
0/1 = 0%. Feedback raised in Q4: FB5 (1 Nov, no answer) and FB6 (1 Dec, answered 5 Mar 2024):
raised 2, told back by 31 Dec 0/2 = 0%, within 30 days 0%; waiting over 30 days on 31 Dec: FB5
and FB6 = 2. No skill pairs (no 'post' in Q4). Ratings: only the 'power and inclusion' ones of
tests/snapshot_helpers.py: 3, 3, 4, 5 -> 2 of 4 rated 4 or 5; 2 -> 3 and 4 -> 3 (4/3 = 1.33 -> 1 x 3),
so 3/3 = 100%. Health index: (100 attendance + 100 principles + 0 feedback + 0 youth-led) / 4 = 50.0
-> "50", amber (amber from 50).

Q1 2024 (tests/test_measures.py for the small organisation): active 7 -> 6 (7/3 = 2.33 -> 2 x 3);
attendance 10 of 12: 10 -> 9 (3.33 -> 3 x 3), 12 -> 12, 9/12 = 75%; hours 20.5 -> 21 (6.83 -> 7 x 3);
paid £90 -> £90 (a multiple of £30); came back 2 of 7: 2 -> 3, 7 -> 6, 3/6 = 50%; sessions 4,
youth-led 50%, 'doing with' 67%, raised 5, told back 40%, within 30 days 20%, waiting over 30 days
2 (FB4, FB5). Skills: teamwork rests on one young person (Y5), so it is hidden, and with it the
next smallest skill, confidence (5 pairs), so that the pooled figure cannot give teamwork back
(full secondary suppression); pooled improved 4 of 6 pairs: 4 -> 3 (1.33 -> 1 x 3), 6 -> 6,
3/6 = 50%. Ratings of 4 or 5: the 9 of 15 of the small organisation plus 'power and inclusion'
4, 4, 3, 4, 4 (4 of 5) = 13 of 20: 13 -> 12 (4.33 -> 4 x 3), 20 -> 21 (6.67 -> 7 x 3), 12/21 = 57.1%.
Health index: (75 + 50 + 57.14 + 20 + 50) / 5 = 50.43 -> "50", amber: no change in the index.
Means of 'power and inclusion' to one decimal: young people 10/3 = 3.33 -> 3.3 then 15/4 = 3.75 ->
3.8 (half up); staff 5.0 then 4.0 (staff ratings are not protected).
"""

from datetime import date

import pytest

from board_snapshots.compare import compare
from board_snapshots.saved import create_snapshot, previous_snapshot
from measures.filters import Period
from tests.snapshot_helpers import add_power_ratings, take_both


@pytest.fixture
def comparison(small_org):
    add_power_ratings(small_org)
    earlier, later = take_both(small_org, k=3)
    assert previous_snapshot(small_org, later).name == earlier.name
    return compare(later, earlier)


def test_headline_sentences_match_the_hand_worked_changes(comparison):
    assert comparison.sentences("headline") == {
        "better": [
            "The number of sessions held rose from 1 to 4.",
            "The share of sessions led or co-led by young people rose from 0% to 50% (up 50 points).",
            "The share of 'doing with' sessions rose from 0% to 67% (up 67 points).",
            "The share of feedback told back to young people rose from 0% to 40% (up 40 points).",
            "The share of feedback told back within 30 days rose from 0% to 20% (up 20 points).",
        ],
        "worse": [
            # 3 of 3 (2 came, rounded up to 3) in Q4; 9 of 12 in Q1.
            "Attendance fell from 100% to 75% (down 25 points).",
            # 3 of 3 (2 of 4 rounded) in Q4; 12 of 21 (13 of 20 rounded) in Q1.
            "The share of principle ratings of 4 or 5 fell from 100% to 57% (down 43 points).",
        ],
        "changed": ["The number of things young people raised rose from 2 to 5."],
        "same": [
            "The health index stayed at 50 out of 100 (still amber).",  # 50.0 then 50.43
            "The number of feedback items waiting more than 30 days stayed at 2.",
        ],
        "not_comparable": [
            "The number of young people taking part cannot be compared: fewer than 3 young people in the "
            "previous snapshot.",
            # Nobody can have come back to Q4 2023: there are no records before it.
            "The share of young people who came back from the period before cannot be compared: no data in the "
            "previous snapshot.",
            "Young people's hours of involvement cannot be compared: fewer than 3 young people in the previous "
            "snapshot.",
            "Payments to young people cannot be compared: fewer than 3 young people in the previous snapshot.",
            "The share of young people whose skills improved cannot be compared: no data in the previous snapshot.",
        ],
    }


def test_principle_and_skill_sentences(comparison):
    detail = comparison.sentences("detail")
    assert detail["better"] == ["Young people's rating of 'power and inclusion' rose from 3.3 to 3.8."]
    assert detail["worse"] == ["Staff rating of 'power and inclusion' fell from 5.0 to 4.0."]
    # Teamwork (one young person) is hidden, and confidence with it (secondary suppression).
    for skill in ("teamwork", "confidence"):
        assert (f"Young people's average gain in '{skill}' cannot be compared: fewer than 3 young people in this "
                "snapshot.") in detail["not_comparable"]
    assert "Young people's rating of 'voice' cannot be compared: no data in the previous snapshot." \
           in detail["not_comparable"]
    # Nobody but staff rated 'influence', in either quarter: no sentence about young people's rating.
    assert not any("Young people's rating of 'influence'" in s for s in detail["not_comparable"])


def test_key_figures_table_and_health_components(comparison):
    rows = {c.label: (c.now, c.before, c.change) for c in comparison.key_figures}
    assert rows["Young people taking part"] == ("6", "fewer than 3", "cannot compare")  # 7 -> 6
    assert rows["Attendance (came, out of expected)"] == ("75%", "100%", "-25 points")
    assert rows["Hours young people took part"] == ("21", "fewer than 3", "cannot compare")  # 20.5 -> 21
    assert rows["Feedback waiting over 30 days"] == ("2", "2", "no change")
    assert rows["Paid to young people for their time"] == ("£90", "fewer than 3", "cannot compare")
    index, *components = comparison.health
    assert (index.now, index.before, index.change) == ("50", "50", "no change")
    by_label = {c.label: (c.now, c.before, c.change) for c in components}
    assert by_label["Attendance rate"] == ("75", "100", "-25")
    assert by_label["Principles kept (ratings of 4 or 5)"] == ("57", "100", "-43")
    assert by_label["Young people whose skills improved"] == ("50", "no data", "cannot compare")  # 3 of 6
    assert comparison.notes == []  # quarters of 92 and 91 days are alike


def test_a_change_of_status_is_told(small_org):
    """At k = 1 rounding to a multiple of 1 keeps counts as they are: the index goes from red to
    amber. Q4 2023: (2 of 3 = 66.67 attendance + 2 of 4 = 50 principles + 0 + 0) / 4 = 29.2 -> 29;
    Q1 2024: (10 of 12 = 83.33 + 4 of 6 = 66.67 + 13 of 20 = 65 + 20 + 50) / 5 = 57.0 -> 57."""
    add_power_ratings(small_org)
    earlier, later = take_both(small_org, k=1)
    assert compare(later, earlier).sentences("headline")["better"][0] == (
        "The health index rose from 29 to 57 out of 100 (from red to amber).")


def test_first_snapshot_has_nothing_to_compare(small_org):
    only = create_snapshot(small_org, "Only", Period(date(2024, 1, 1), date(2024, 3, 31)), date(2024, 4, 1), "t",
                           k=1)
    assert previous_snapshot(small_org, only) is None
    comparison = compare(only, None)
    assert comparison.sentences("headline") == {} and comparison.sentences("detail") == {}
    assert comparison.notes == ["This is the first snapshot: there is nothing earlier to compare it with."]
    # k = 1: counts rounded to a multiple of 1 stay as they are: 7, 2 of 7 = 29%, 10 of 12 = 83%.
    assert [(c.label, c.now) for c in comparison.key_figures][:3] == [
        ("Young people taking part", "7"), ("Came back from the period before", "29%"),
        ("Attendance (came, out of expected)", "83%")]


def test_periods_of_different_lengths_are_flagged(small_org):
    year = create_snapshot(small_org, "Year", Period(date(2023, 4, 1), date(2024, 3, 31)), date(2024, 4, 20), "t")
    quarter = create_snapshot(small_org, "Quarter", Period(date(2023, 10, 1), date(2023, 12, 31)), date(2024, 1, 9),
                              "t")
    assert previous_snapshot(small_org, year).name == quarter.name  # by meeting date, not by when taken
    assert compare(year, quarter).notes == [
        "The two snapshots cover periods of different lengths (366 and 92 days): compare counts, hours and "
        "payments with care."]


def test_few_pairs_give_a_verdict_and_a_likely_range_never_a_bare_gain(small_org):
    """k = 1: nothing hidden. Q1 2024 confidence: +3, -1, 0, +2, +1 (5 pairs): mean +1.0, variance
    (5 x 15 - 25) / (5 x 4) = 2.5, half-width t(0.975, 4) 2.776 x 1.581 / 2.236 = 1.96: likely -1.0
    to +3.0. Teamwork: one pair (+1), no range. All skills together: those and teamwork's +1, 6
    pairs: mean +1.0, variance (6 x 16 - 36) / 30 = 2, half-width 2.571 x 1.414 / 2.449 = 1.48:
    likely -0.5 to +2.5. All under 10 pairs: too few to say. Q4 2023 has no pairs."""
    earlier, later = take_both(small_org, k=1)
    comparison = compare(later, earlier)
    assert [row.cells() for row in comparison.verdicts] == [
        ["Teamwork", "1", "+1.0 (one pair: no range)", "Too few to say"],
        ["Confidence", "5", "+1.0 (likely -1.0 to +3.0)", "Too few to say"],
        ["All skills together", "6", "+1.0 (likely -0.5 to +2.5)", "Too few to say"]]
    # The gains are not compared, nor shown on their own.
    skills = {c.label: (c.now, c.before, c.change) for c in comparison.skills}
    assert skills == {"Teamwork": ("too few to say", "no data", "cannot compare"),
                      "Confidence": ("too few to say", "no data", "cannot compare")}
    assert ("Young people's average gain in 'confidence' cannot be compared: fewer than 10 pairs in this snapshot."
            in comparison.sentences("detail")["not_comparable"])
    assert compare(later, None).skills[1].now == "too few to say"
    assert compare(earlier, None).verdicts == []  # no pairs in Q4 2023


def test_payments_per_hour_and_expenses_are_compared(comparison):
    """Q1 2024 at k = 3: £90 paid (a multiple of £30) for 21 protected hours: £4.29 an hour; expenses
    £5 -> £0. Q4 2023 rests on two young people: hidden."""
    rows = {c.label: (c.now, c.before, c.change) for c in comparison.resourcing}
    assert rows == {"Paid to young people for their time": ("£90", "fewer than 3", "cannot compare"),
                    "Paid per hour of their involvement": ("£4.29", "fewer than 3", "cannot compare"),
                    "Expenses paid back to young people": ("£0", "fewer than 3", "cannot compare")}
    # In the table only: the headline sentences speak of payments once, among the key figures.
    assert sum("Payments" in s for group in comparison.sentences("headline").values() for s in group) == 1
