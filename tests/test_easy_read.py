"""Easy read (measures/easy_read.py, components/easy_read.py, auth/preferences.py): the charts'
one-line summaries worked by hand, the reading level of every text, and the switch remembered
per account (on by default for young people) or per browser session (the rating page).

Reading level: the Flesch-Kincaid grade of textstat (pinned textstat==0.7.3), at most 5."""

from datetime import date

import pandas as pd
import pytest
import textstat
from sqlalchemy import select
from streamlit.testing.v1 import AppTest

from auth.accounts import AccountError
from auth.preferences import easy_read_default, easy_read_for, set_easy_read
from components.easy_read import HELP
from components.feedback.words import NOT_SHOWN, NOTHING_READY
from data.rating_links.links import open_link
from measures import easy_read
from measures.feedback import feedback_by_month
from measures.filters import Filters, Period
from measures.principles import (
    ladder_over_time, ladder_rungs, principle_table, programme_principle_means, rating_trend, time_unit,
)
from measures.protected_principles import protect_principle_table, protect_programme_cells, protect_rating_trend
from measures.suppression import SUPPRESSED
from models.db import make_engine
from models.schema import open_store, upgrade_schema
from models.tables import Principle, Programme
from tests.apptest_helpers import open_deep_link, open_rating_link
from tests.principle_tables import hand_worked_principles

GRADE = 5
Q1_2024 = {"period": "Custom dates", "from": "2024-01-01", "to": "2024-03-31"}
CORE = "Three core principles of co-production"
LUNDY = "Lundy model of participation"
SHARE = "Share responsibility and work side by side"


def grade(text: str) -> float:
    return textstat.flesch_kincaid_grade(text)


# --- The summaries, by hand ----------------------------------------------------------------------

def principles(**columns) -> pd.DataFrame:
    return pd.DataFrame({"principle_name": ["A", "B", "C"][:len(next(iter(columns.values())))], **columns})


def test_the_side_by_side_summary_names_where_young_people_and_staff_differ_most():
    # Gaps of the averages as shown: A 5.0 - 3.6 = +1.4, B 3.5 - 4.0 = -0.5: A differs most.
    two = principles(young_people_mean=[3.6, 4.0], staff_mean=[5.0, 3.5])
    assert easy_read.ratings_summary(two) == ("Young people gave 'A' a lower score than staff did. This is where "
                                              "they differ most.")
    assert easy_read.ratings_summary(two.iloc[[1]]) == "Young people gave 'B' a higher score than staff did."
    # 2.25 is shown as 2.3 (half up), as staff's 2.3: the same as shown.
    assert easy_read.ratings_summary(principles(young_people_mean=[2.25], staff_mean=[2.3])) == (
        "Young people and staff gave 'A' the same score.")
    hidden = principles(young_people_mean=[SUPPRESSED, None], staff_mean=[4.5, 3.0])
    assert easy_read.ratings_summary(hidden) == ("Too few young people rated these. So their ratings are hidden "
                                                 "to keep people safe.")
    only_staff = principles(young_people_mean=[None], staff_mean=[3.0])
    assert easy_read.ratings_summary(only_staff) == "Only staff rated these."


def test_the_share_summary_names_the_principle_rated_4_or_5_most_often():
    shares = principles(share_4_5=[0.285, 0.5, SUPPRESSED])
    assert easy_read.share_summary(shares) == "'B' got the most ratings of 4 or 5: 50%."
    assert easy_read.share_summary(shares.iloc[[0]]) == "'A' got a 4 or 5 in 29% of its ratings."   # 28.5% half up
    assert easy_read.share_summary(principles(share_4_5=[0.5, 0.495])) == (
        "2 principles got the most ratings of 4 or 5: 50%.")                    # 49.5% is shown as 50%
    assert easy_read.share_summary(principles(share_4_5=[SUPPRESSED])) == (
        "There is nothing to show here. It is hidden to keep people safe.")


def test_summaries_follow_the_protected_frame_the_chart_is_drawn_from():
    # tests/test_page_principles.py's frame: 'A' exact 6 of 9 rated 4-5 (67%), protected 5 of 10 (50%);
    # young people 26/7 = 3.714 -> 3.7; 'B' staff alone; 'C' hidden.
    table = hand_worked_principles()
    assert easy_read.share_summary(table) == "'A' got the most ratings of 4 or 5: 67%."
    protected = protect_principle_table(table, 5)
    assert easy_read.share_summary(protected) == "'A' got the most ratings of 4 or 5: 50%."
    assert easy_read.ratings_summary(protected) == "Young people gave 'A' a lower score than staff did."


def trend(*rows) -> pd.DataFrame:
    return pd.DataFrame(rows, columns=["start", "rater_role", "mean", "share_4_5", "suppressed"])


def test_the_trend_summary_says_how_young_people_s_average_moved():
    moved = trend(("2024-01", "staff", 4.5, 0.5, False), ("2024-01", "young_person", 3.5, 0.5, False),
                  ("2024-02", "young_person", None, None, True), ("2024-03", "young_person", 26 / 7, 0.6, False))
    assert easy_read.trend_summary(moved, "month") == (
        "Young people's average went up, from 3.5 in January 2024 to 3.7 in March 2024.")
    staff_only = trend(("2024-01", "staff", 11 / 3, 0.5, False), ("2024-01", "young_person", None, None, True),
                       ("2024-03", "staff", 3.0, 0.0, False))
    assert easy_read.trend_summary(staff_only, "month") == (
        "Staff's average went down, from 3.7 in January 2024 to 3.0 in March 2024. Young people's dots are hidden "
        "to keep people safe.")
    one = trend(("2024-01", "young_person", 3.6, 0.6, False))
    assert easy_read.trend_summary(one, "quarter") == (
        "Young people's average was 3.6 in the 3 months from January 2024.")
    same = trend(("2024-01", "young_person", 3.64, 0.6, False), ("2024-04", "young_person", 3.55, 0.6, False))
    assert easy_read.trend_summary(same, "quarter") == (      # 3.55 half up: 3.6, as 3.64 is
        "Young people's average was 3.6 in the 3 months from January 2024, and the same in the 3 months from "
        "April 2024.")
    assert easy_read.trend_summary(trend(), "month") == "There is nothing to show here."


def test_the_heatmap_summary_names_the_top_square():
    cells = pd.DataFrame({"programme": ["Podcast", "Keeping It Social", "Keeping It Social"],
                          "principle_name": ["Voice", "Voice", "Influence"], "mean": [23 / 6, SUPPRESSED, 3.0]})
    assert easy_read.heatmap_summary(cells) == "The top square is 'Voice' in 'Podcast'. Its average is 3.8."
    assert easy_read.heatmap_summary(cells.iloc[[2]]) == (
        "The one square is 'Influence' in 'Keeping It Social'. Its average is 3.0.")
    assert easy_read.heatmap_summary(cells.iloc[[1]]) == "Every square is hidden to keep people safe."
    assert easy_read.heatmap_summary(cells.assign(mean=[3.0, 2.96, 3.04])) == "Every square has the same average: 3.0."


def test_the_ladder_summaries_count_doing_with_sessions():
    # The small organisation in Q1 2024: A rung 7 (January), B rung 4 (February), C rung 6 (March).
    rungs = pd.DataFrame({"position": [4, 6, 7], "rung": ["Consultation", "Co-design", "Co-production"],
                          "rung_group": ["doing_for", "doing_with", "doing_with"], "sessions": [1, 1, 1]})
    assert easy_read.rungs_summary(rungs) == "In 2 of the 3 sessions, young people and staff chose together."
    assert easy_read.rungs_summary(rungs.iloc[[0]]) == "In the one session, staff chose for young people."
    over_time = pd.DataFrame({"start": ["2024-01", "2024-01", "2024-03", "2024-03"],
                              "rung_group": ["doing_with", "doing_for", "doing_with", "doing_to"],
                              "sessions": [2, 1, 1, 3]})
    assert easy_read.ladder_time_summary(over_time, "month") == (
        "In January 2024, 67% of sessions were 'doing with'. In March 2024, 25% were.")
    assert easy_read.ladder_time_summary(over_time.head(2), "quarter") == (
        "In the 3 months from January 2024, 67% of sessions were 'doing with'.")


def test_the_feedback_summary_counts_answers_within_30_days():
    assert easy_read.feedback_summary(5, 1) == "You raised 5 things. We answered 1 of them within 30 days."
    assert easy_read.feedback_summary(1, 0) == "You raised 1 thing. We did not answer it within 30 days."
    assert easy_read.feedback_summary(1234, 1) == "You raised 1,234 things. We answered 1 of them within 30 days."


# --- Reading level -------------------------------------------------------------------------------

PERIOD = Period(date(2024, 1, 1), date(2024, 3, 31))
EVERY_TEXT = [
    *(value for name, value in vars(easy_read).items() if name.isupper() and isinstance(value, str)),
    easy_read.protected_note(5), easy_read.side_by_side_note([]), easy_read.side_by_side_note(["Space", "Voice"]),
    easy_read.share_note(5), easy_read.trend_note(5, "month"), easy_read.heatmap_note(5),
    easy_read.feedback_about(PERIOD), easy_read.waiting(1), easy_read.waiting(2), easy_read.listed(500),
    easy_read.not_shown_yet(NOT_SHOWN), NOTHING_READY, HELP,
]


@pytest.mark.parametrize("text", EVERY_TEXT)
def test_every_easy_read_text_reads_at_grade_5_or_below(text):
    assert grade(text) <= GRADE, (grade(text), text)


def fixture_summaries(engine) -> list[str]:
    """Every summary the principles and feedback pages would write for the small organisation, for
    three periods, every list of principles, exact and protected."""
    found, no_filters = [], Filters()
    for period in (PERIOD, Period(date(2023, 1, 1), date(2024, 6, 30)), Period(date(2024, 1, 1), date(2024, 12, 31))):
        unit = time_unit(period)
        table = principle_table(engine, period, no_filters, 5)
        for framework in table["framework"].unique():
            rated = table[(table["framework"] == framework) & table["has_ratings"]].reset_index(drop=True)
            trend_ = rating_trend(engine, period, no_filters, 5, framework, unit)
            cells = programme_principle_means(engine, period, no_filters, 5, framework)
            safe_cells = protect_programme_cells(programme_principle_means(engine, period, no_filters, 5, framework,
                                                                           True), 5)
            for frame, trend_frame, cell_frame in ((rated, trend_, cells),
                                                   (protect_principle_table(rated, 5), protect_rating_trend(trend_, 5),
                                                    safe_cells)):
                if not frame.empty:
                    found += [easy_read.ratings_summary(frame), easy_read.share_summary(frame)]
                found += [easy_read.trend_summary(trend_frame, unit), easy_read.heatmap_summary(cell_frame)]
        found += [easy_read.rungs_summary(ladder_rungs(engine, period, no_filters)),
                  easy_read.ladder_time_summary(ladder_over_time(engine, period, no_filters, unit), unit)]
        monthly = feedback_by_month(engine, period, no_filters)
        found.append(easy_read.feedback_summary(monthly["raised"].sum(), monthly["told_back_within_30_days"].sum()))
    return list(dict.fromkeys(found))


def test_the_summaries_of_the_small_organisation_read_at_grade_5_or_below(small_org):
    """Our words, that is: names of principles and programmes are the organisation's, not ours to
    shorten, so each stands in as a name of the fixture of middling length ('Influence', 'Podcast').
    As written, a summary naming 'Share responsibility and work side by side' reads at grade 5.8
    to 7.6, for that name alone."""
    with small_org.connect() as conn:
        names = {**{name: "'Influence'" for name in conn.execute(select(Principle.name)).scalars()},
                 **{name: "'Podcast'" for name in conn.execute(select(Programme.name)).scalars()}}
    summaries = fixture_summaries(small_org)
    assert len(summaries) >= 15
    for text in summaries:
        ours = text
        for name, stand_in in names.items():
            ours = ours.replace(f"'{name}'", stand_in)
        assert grade(ours) <= GRADE, (grade(ours), text)
    as_written = [text for text in summaries if SHARE not in text]
    assert max(grade(text) for text in as_written) <= GRADE


# --- The switch, remembered ----------------------------------------------------------------------

def test_an_account_keeps_its_own_choice_and_otherwise_gets_its_role_s_default(small_org_url):
    engine = open_store(small_org_url)
    assert easy_read_default("young_person") and not easy_read_default("staff") and not easy_read_default(None)
    assert easy_read_for(engine, "u-young-person") is None
    set_easy_read(engine, "U-Young-Person", False)
    assert easy_read_for(engine, "u-young-person") is False and easy_read_for(engine, "u-staff") is None
    with pytest.raises(AccountError):
        set_easy_read(engine, "nobody", True)


def test_0011_leaves_accounts_already_stored_with_their_role_s_default(tmp_path):
    url = f"sqlite:///{tmp_path}/accounts.db"
    old = make_engine(url)
    upgrade_schema(old, "0010")
    with old.begin() as conn:
        conn.exec_driver_sql(
            "INSERT INTO users (username, display_name, role, password_hash, active, is_demo, created_at,"
            " session_version) VALUES ('yp', 'YP', 'young_person', 'x', 1, 0, '2026-11-01 09:00:00.000000', 0)")
    old.dispose()
    assert easy_read_for(open_store(url), "yp") is None


def _markdown(at: AppTest) -> list[str]:
    return [m.value.replace("\\", "") for m in at.markdown]   # summaries are escaped markdown


def test_a_young_person_reads_easy_read_turns_it_off_and_it_stays_off(small_org_url, monkeypatch):
    at = open_deep_link(small_org_url, monkeypatch, "pages/principles.py", "young_person", framework=CORE,
                        **Q1_2024)
    assert not at.exception
    assert at.toggle(key="easy-read-u-young-person").value is True
    shown = _markdown(at)
    assert easy_read.PRINCIPLES_ABOUT in shown and not any("perception gap" in m for m in shown)
    # Share responsibility (tests/test_page_principles.py): young people 3.6, staff 5.0.
    assert f"**Young people gave '{SHARE}' a lower score than staff did.**" in shown
    at.toggle(key="easy-read-u-young-person").set_value(False).run()
    assert not at.exception
    assert any("perception gap" in m for m in _markdown(at)) and easy_read.PRINCIPLES_ABOUT not in _markdown(at)
    assert easy_read_for(open_store(small_org_url), "u-young-person") is False
    again = open_deep_link(small_org_url, monkeypatch, "pages/you_said_we_did.py", "young_person", **Q1_2024)
    assert again.toggle(key="easy-read-u-young-person").value is False
    assert again.caption[0].value.startswith("What young people raised from 1 January 2024")


def test_staff_start_without_easy_read_and_may_keep_it_on(small_org_url, monkeypatch):
    at = open_deep_link(small_org_url, monkeypatch, "pages/principles.py", "staff", framework=CORE, **Q1_2024)
    assert at.toggle(key="easy-read-u-staff").value is False
    assert any("perception gap" in m for m in _markdown(at))
    at.toggle(key="easy-read-u-staff").set_value(True).run()
    assert not at.exception and easy_read.PRINCIPLES_ABOUT in _markdown(at)
    again = open_deep_link(small_org_url, monkeypatch, "pages/principles.py", "staff", framework=CORE, **Q1_2024)
    assert again.toggle(key="easy-read-u-staff").value is True


def test_a_young_person_s_summaries_say_no_hidden_figure(small_org_url, monkeypatch):
    # Lundy in Q1 2024: four young people rated voice (3.5, everyone 23/6, 4 of 6 rated 4-5: hidden);
    # influence by staff alone, 2, 3 and 4 (33% rated 4-5); staff each month: January 5, 2, 4 (3.67),
    # March 3; squares: influence 3.0 at both programmes. Sessions A (rung 7), B (4), C (6).
    at = open_deep_link(small_org_url, monkeypatch, "pages/principles.py", "young_person", framework=LUNDY,
                        **Q1_2024)
    assert not at.exception
    summaries = [m.removeprefix("**").removesuffix("**") for m in _markdown(at) if m.startswith("**")
                 and m.endswith(".**")]
    assert summaries == [
        "Too few young people rated these. So their ratings are hidden to keep people safe.",
        "'Influence' got a 4 or 5 in 33% of its ratings.",
        "Staff's average went down, from 3.7 in January 2024 to 3.0 in March 2024. Young people's dots are hidden "
        "to keep people safe.",
        "Every square has the same average: 3.0.",
        "In 2 of the 3 sessions, young people and staff chose together.",
        "In January 2024, 100% of sessions were 'doing with'. In March 2024, 100% were."]
    assert not any(hidden in text for text in summaries for hidden in ("3.5", "3.8", "67%"))
    assert easy_read.protected_note(5) in _markdown(at)


def test_you_said_we_did_in_easy_read(small_org_url, monkeypatch):
    # Q1 2024: five things raised, one told back within 30 days (FB1); FB4 and FB7 still open, FB4 for
    # more than 30 days by the period's end ... and FB2 answered after 43 days (tests/test_access_matrix.py).
    at = open_deep_link(small_org_url, monkeypatch, "pages/you_said_we_did.py", "young_person", **Q1_2024)
    assert not at.exception
    assert at.caption[0].value == easy_read.feedback_about(PERIOD)
    assert "**You raised 5 things. We answered 1 of them within 30 days.**" in _markdown(at)
    assert {m.label: m.value for m in at.metric}["Things you raised"] == "5"
    assert at.info[0].value == NOTHING_READY



def test_the_rating_page_starts_in_easy_read_for_this_browser_session(small_org_app):
    link = open_link(small_org_app, "A", "staff-member")
    at = open_rating_link(link.token)
    assert not at.exception
    assert at.toggle(key="easy-read").value is True
    assert easy_read.RATE_INTRO in [m.value for m in at.markdown]
    assert at.text_input(key="rate-own-code").label == easy_read.CODE_LABEL
    at.toggle(key="easy-read").set_value(False).run()
    assert "For each one, pick how true it was **today**." in [m.value for m in at.markdown]
    assert at.toggle(key="easy-read").value is False          # kept for the rest of the session
    assert open_rating_link("not-a-link").info[0].value == easy_read.NOT_OPEN
