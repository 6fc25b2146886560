"""Comparison sentences for two snapshots of the small organisation, worked out by hand (k = 3).

Q4 2023 (1 Oct - 31 Dec 2023): only session E (1 Dec, organisation-led, rung 3 'informing', 2 h):
Y1 and Y5 came, Y7 did not. Active young people 2 (< 3: hidden, and with them the hours, the
share who came back and the payments); attendance rests on the 3 expected: 2/3 = 67%; sessions 1;
youth-led 0/1 = 0%; 'doing with' 0/1 = 0%. Feedback raised in Q4: FB5 (1 Nov, no answer) and FB6
(1 Dec, answered 5 Mar 2024): raised 2, told back by 31 Dec 0/2 = 0%, within 30 days 0%;
waiting over 30 days on 31 Dec: FB5 and FB6 = 2. No skill pairs (no 'post' in Q4). Ratings: only
the 'power and inclusion' ones of tests/snapshot_helpers.py: 3, 3, 4, 5 -> 2 of 4 rated 4 or 5 = 50%.
Health index: (66.67 attendance + 50 principles + 0 feedback + 0 youth-led) / 4 = 29.2 -> "29", red.

Q1 2024 (tests/test_measures.py for the small organisation): active 7, attendance 10/12 = 83%,
sessions 4, youth-led 50%, 'doing with' 67%, raised 5, told back 40%, within 30 days 20%, waiting
over 30 days 2 (FB4, FB5), share improved 4/6 = 67%. Ratings of 4 or 5: the 9 of 15 of the small
organisation plus 'power and inclusion' 4, 4, 3, 4, 4 (4 of 5) = 13 of 20 = 65%.
Health index: (83.33 + 66.67 + 65 + 20 + 50) / 5 = 57.0 -> "57", amber.
Teamwork rests on one young person (Y5): hidden at k = 3.
"""

from datetime import date

import pytest

from measures.filters import Period
from board_snapshots.compare import compare
from board_snapshots.store import create_snapshot, previous_snapshot
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
            "The health index rose from 29 to 57 out of 100 (from red to amber).",
            "Attendance rose from 67% to 83% (up 16 points).",
            "The number of sessions held rose from 1 to 4.",
            "The share of sessions led or co-led by young people rose from 0% to 50% (up 50 points).",
            "The share of 'doing with' sessions rose from 0% to 67% (up 67 points).",
            "The share of feedback told back to young people rose from 0% to 40% (up 40 points).",
            "The share of principle ratings of 4 or 5 rose from 50% to 65% (up 15 points).",
            "The share of feedback told back within 30 days rose from 0% to 20% (up 20 points).",
        ],
        "changed": ["The number of things young people raised rose from 2 to 5."],
        "same": ["The number of feedback items waiting more than 30 days stayed at 2."],
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
    assert "Young people's average gain in 'teamwork' cannot be compared: fewer than 3 young people in this " \
           "snapshot." in detail["not_comparable"]
    assert "Young people's rating of 'voice' cannot be compared: no data in the previous snapshot." \
           in detail["not_comparable"]
    # Nobody but staff rated 'influence', in either quarter: no sentence about young people's rating.
    assert not any("Young people's rating of 'influence'" in s for s in detail["not_comparable"])


def test_key_figures_table_and_health_components(comparison):
    rows = {c.label: (c.now, c.before, c.change) for c in comparison.key_figures}
    assert rows["Young people taking part"] == ("7", "fewer than 3", "cannot compare")
    assert rows["Attendance (came, out of expected)"] == ("83%", "67%", "+16 points")
    assert rows["Feedback waiting over 30 days"] == ("2", "2", "no change")
    assert rows["Paid to young people for their time"] == ("£90", "fewer than 3", "cannot compare")
    index, *components = comparison.health
    assert (index.now, index.before, index.change) == ("57", "29", "+28")
    by_label = {c.label: (c.now, c.before, c.change) for c in components}
    assert by_label["Principles kept (ratings of 4 or 5)"] == ("65", "50", "+15")
    assert by_label["Young people whose skills improved"] == ("67", "no data", "cannot compare")
    assert comparison.notes == []  # quarters of 92 and 91 days are alike


def test_first_snapshot_has_nothing_to_compare(small_org):
    only = create_snapshot(small_org, "Only", Period(date(2024, 1, 1), date(2024, 3, 31)), date(2024, 4, 1), "t",
                           k=1)
    assert previous_snapshot(small_org, only) is None
    comparison = compare(only, None)
    assert comparison.sentences("headline") == {} and comparison.sentences("detail") == {}
    assert comparison.notes == ["This is the first snapshot: there is nothing earlier to compare it with."]
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
