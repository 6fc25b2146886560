"""The board snapshots page's texts and tables (board_snapshots/page_text.py), worked by hand."""

from datetime import date, datetime

import pandas as pd

from board_snapshots.page_text import (
    covers, every_snapshot, index_change, index_value, meeting_line, pack_file_name, protection_note, status_line,
    thresholds_note, widened,
)
from board_snapshots.saved import Snapshot
from board_snapshots.wording import SkillVerdict, skill_verdict, skill_verdicts, too_few, verdicts_note, verdicts_table
from measures.filters import Period
from measures.suppression import SUPPRESSED

JAN_FEB_2024 = Period(date(2024, 1, 1), date(2024, 2, 29))


def snapshot(format_: int = 2, k: int = 3) -> Snapshot:
    return Snapshot(name="Board Q1 2024", period=Period(date(2024, 1, 1), date(2024, 3, 31)),
                    meeting_date=date(2024, 4, 15), created_at=datetime(2024, 4, 2, 9, 30), created_by="admin",
                    data_version="v", k=k, content={"format": format_, "figures": {}})


def test_a_period_is_said_with_its_days():
    assert covers(JAN_FEB_2024) == "Covers 1 January 2024 to 29 February 2024 (60 days)."
    assert covers(Period(date(2024, 1, 1), date(2024, 1, 1))) == "Covers 1 January 2024 to 1 January 2024 (1 day)."


def test_custom_dates_widened_to_whole_months_say_both_periods():
    asked = Period(date(2024, 1, 10), date(2024, 2, 20))
    assert widened(asked, JAN_FEB_2024) == (
        "Snapshots cover whole months, so this one will cover 1 January 2024 to 29 February 2024: the whole months "
        "that 10 January 2024 to 20 February 2024 touch.")


def test_the_meeting_line_and_the_protection_note():
    assert meeting_line(snapshot()) == ("For the board meeting on **15 April 2024**. Covers 1 January 2024 to "
                                        "31 March 2024.")
    assert protection_note(snapshot()) == (
        "Figures resting on fewer than 3 young people are not shown: they read 'fewer than 3' and are left out of "
        "the charts. Counts of young people are rounded to a multiple of 3, and shares are worked out from the "
        "rounded counts. Taken on 2 April 2024")
    # Taken before figures were protected (format 1): nothing was rounded.
    assert "rounded" not in protection_note(snapshot(format_=1))


def test_the_health_index_words():
    assert thresholds_note({"green": 70, "amber": 50}, 5).startswith("Green from 70, amber from 50, red below.")
    assert "resting on fewer than 5 young people" in thresholds_note({"green": 70, "amber": 50}, 5)
    assert index_value({"value": 50.43}, "50") == "50 out of 100"
    assert index_value({"value": None}, "no data") == "no index"
    assert [index_change(c) for c in ("", "cannot compare", "no change", "+3")] == [None, None, None, "+3"]
    assert status_line({"status": "amber"}) == "**Amber: needs attention**"
    assert status_line({"status": None}) == "No component had data."


def test_a_board_pack_file_is_named_after_its_snapshot():
    assert pack_file_name("Board Q1 2024") == "board-pack-board-q1-2024.pdf"
    assert pack_file_name("***") == "board-pack-snapshot.pdf"


def test_every_snapshot_is_listed_with_its_dates_in_words():
    listing = pd.DataFrame({"name": ["Board Q1 2024"], "period_from": [date(2024, 1, 1)],
                            "period_to": [date(2024, 3, 31)], "meeting_date": [date(2024, 4, 15)],
                            "created_at": [datetime(2024, 4, 2, 9, 30)], "created_by": ["admin"]})
    assert every_snapshot(listing).to_dict("records") == [{
        "Name": "Board Q1 2024", "Board meeting": "15 April 2024", "Period covered": "1 January 2024 to 31 March 2024",
        "Taken on": "2 April 2024", "Taken by": "admin"}]


def test_a_skills_verdict_in_words():
    twelve = {"pairs": 12, "mean_change": 0.75, "ci95_low": -0.05, "ci95_high": 1.55, "verdict": "no clear change"}
    assert skill_verdict("Confidence", twelve, 3) == SkillVerdict(
        "Confidence", "12", "+0.8 (likely -0.1 to +1.6)", "No clear change")  # half up: 0.75 -> 0.8
    hidden = dict.fromkeys(twelve, SUPPRESSED)
    assert skill_verdict("Teamwork", hidden, 3).cells() == ["Teamwork", "fewer than 3", "\u2014", "\u2014"]
    assert too_few({"pairs": 12, "verdict": "too few to say"})  # the exact pairs were under 10
    assert too_few({"pairs": 9}) and not too_few({"pairs": 12}) and not too_few({"pairs": SUPPRESSED})  # older
    skills = pd.DataFrame([{"skill_name": "Confidence", **twelve}, {"skill_name": "Empathy", **twelve, "pairs": 0}])
    assert [r.skill for r in skill_verdicts(skills, {**twelve, "pairs": 15}, 3)] == ["Confidence",
                                                                                      "All skills together"]
    assert skill_verdicts(skills.drop(columns="verdict"), None, 3) is None  # taken before verdicts were kept
    assert verdicts_table(skill_verdicts(skills, None, 3)).columns.tolist() == [
        "Skill", "Pairs", "Average change (likely range)", "Verdict"]
    assert "With fewer than 10 pairs it is too few to say" in verdicts_note()
