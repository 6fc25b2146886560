"""The principles and ladder page through the real app (AppTest), on the hand-worked small organisation.

Q1 2024 ratings (see tests/small_org.py and tests/test_measures_principles.py):
- Lundy 'voice': young people 3, 4 (anonymous, session A), 2 (Y1, B), 5 (Y2, C): four young people,
  under k=5, so their mean (3.5), the everyone mean (23/6) and the gap are hidden; staff 5 and 4: 4.5.
- Lundy 'influence': staff only, 2, 3 and 4 (E rated on 5 January): mean 3.0, one of three rated 4-5.
- Core principles 'share responsibility' (session C, P2, March): young people 4, 4, 5, 3, 2 (five
  anonymous ratings: shown) mean 3.6; staff 5; gap 1.4; everyone 23/6 = 3.8; 4 of 6 rated 4-5 = 67%.
Sessions: A rung 7 (January), B rung 4 (February), C rung 6 (March), F no rung: 'doing with' 2 of 3.
"""

from datetime import date
from pathlib import Path

import pandas as pd
import pytest
from sqlalchemy import insert, select
from streamlit.testing.v1 import AppTest

from measures.protected_principles import protect_principle_table, protect_programme_cells, protect_rating_trend
from measures.suppression import SUPPRESSED
from models.schema import open_store
from models.tables import Framework, Principle, PrincipleRating, ProgrammeSession
from tests.apptest_helpers import chart_rows, charts, metrics, open_deep_link
from tests.principle_tables import hand_worked_principles

APP = str(Path(__file__).resolve().parent.parent / "app.py")
Q1_2024 = {"period": "Custom dates", "from": "2024-01-01", "to": "2024-03-31"}
LUNDY = "Lundy model of participation"
CORE = "Three core principles of co-production"
# Young people's figures hidden at k=5 in Q1 2024, and figures that would give them away:
# voice young people 3.5, everyone 23/6, share 4/6, gap 1.0; monthly young people 3.5 (Jan), 2 (Feb),
# 5 (Mar); Podcast voice everyone 18/5; Keeping It Social voice 5.
HIDDEN = (3.5, 23 / 6, 4 / 6, 1.0, 2.0, 5.0, 3.6)


def open_page(url: str, monkeypatch, role: str = "admin", **query) -> AppTest:
    return open_deep_link(url, monkeypatch, "pages/principles.py", role, **query)


def chart_frames(at: AppTest) -> dict:
    """The first data frame of each chart, by a column only it has."""
    found = {}
    for _, frames in charts(at):
        columns = set().union(*(f.columns for f in frames))
        name = ("side_by_side" if "words" in columns else "share" if "share" in columns
                else "heatmap" if "programme" in columns else "rungs" if "rung" in columns
                else "ladder_over_time" if "group" in columns else "trend")
        found[name] = frames
    return found


def table(at: AppTest, first_column: str):
    return next(df.value for df in at.dataframe if df.value.columns[0] == first_column)


def no_hidden_figure_in(at: AppTest) -> None:
    for _, frames in charts(at):
        for frame in frames:
            if "who" in frame.columns:
                assert "Young people" not in set(frame["who"])
            for column in {"mean", "share", "low", "high"} & set(frame.columns):   # ratings, not sessions
                for value in frame[column]:
                    assert all(abs(value - hidden) > 0.005 for hidden in HIDDEN), (column, value)


def test_lundy_hides_four_young_people_and_keeps_staff(small_org_url, monkeypatch):
    at = open_page(small_org_url, monkeypatch, framework=LUNDY, **Q1_2024)
    assert not at.exception
    assert at.selectbox(key="framework").value == "lundy"
    numbers = table(at, "Principle")
    assert numbers.values.tolist() == [
        # The count of ratings goes with the young people's figures: with it, the pooled adherence
        # of the health index would give voice's share of 4-5 back by subtraction.
        ["Voice", "fewer than 5", "fewer than 5", "fewer than 5", "fewer than 5", "4.5", "fewer than 5"],
        ["Influence", "3", "3.0", "33%", "no data", "3.0", "no data"]]
    drawn = chart_frames(at)
    dots = drawn["side_by_side"]
    assert [r for f in dots if "who" in f.columns and "label" not in f.columns
            for r in f[["principle_name", "who", "mean"]].values.tolist()] == [["Voice", "Staff", 4.5],
                                                                                 ["Influence", "Staff", 3.0]]
    words = next(f for f in dots if "words" in f.columns)
    assert words["words"].tolist() == ["Fewer than 5 young people rated it", "Only staff rated it"]
    assert drawn["share"][0][["principle_name", "label"]].values.tolist() == [["Influence", "33%"]]
    # Monthly staff means: January 5, 2, 4 -> 3.67; February 4; March 3. No young people's month.
    assert drawn["trend"][0][["who", "mean"]].values.tolist() == [["Staff", 3.67], ["Staff", 4.0], ["Staff", 3.0]]
    # Only the staff-only squares: influence 3 (Keeping It Social), 2 and 4 (Podcast).
    assert drawn["heatmap"][0][["programme", "principle_name", "mean"]].values.tolist() == [
        ["Keeping It Social", "Influence", 3.0], ["Podcast", "Influence", 3.0]]
    no_hidden_figure_in(at)
    # Captions are escaped markdown (names come from the store): compare the text people see.
    assert any("Not rated in this period: Space; Audience." in c.value.replace("\\", "") for c in at.caption)


def test_core_principles_show_young_people_staff_and_the_gap(small_org_url, monkeypatch):
    at = open_page(small_org_url, monkeypatch, framework=CORE, **Q1_2024)
    assert not at.exception
    row = table(at, "Principle").iloc[0].tolist()
    assert row == ["Share responsibility and work side by side", "6", "3.8", "67%", "3.6", "5.0", "+1.4"]
    drawn = chart_frames(at)
    points = next(f for f in drawn["side_by_side"] if "who" in f.columns and "label" not in f.columns)
    assert points[["who", "mean"]].values.tolist() == [["Young people", 3.6], ["Staff", 5.0]]
    assert "Staff rate it 1.4 higher" in next(f for f in drawn["side_by_side"] if "words" in f.columns)["words"].values
    assert drawn["trend"][0][["start", "who", "mean"]].values.tolist() == [["2024-03-01", "Staff", 5.0],
                                                                           ["2024-03-01", "Young people", 3.6]]
    assert drawn["heatmap"][0][["programme", "label"]].values.tolist() == [["Keeping It Social", "3.8"]]
    assert any("perception gap" in m.value and "staff often believe they share power more than young people "
               "feel they do" in m.value for m in at.markdown)


def test_the_ladder_counts_sessions(small_org_url, monkeypatch):
    at = open_page(small_org_url, monkeypatch, **Q1_2024)
    shown = metrics(at)
    assert shown["'Doing with' sessions"] == "67%"      # A and C of A, B, C
    assert shown["Sessions on the ladder"] == "3"
    assert shown["Sessions not placed"] == "1"          # F
    drawn = chart_frames(at)
    rungs = drawn["rungs"][0]
    assert rungs["sessions"].tolist() == [1, 1, 0, 1, 0, 0, 0]      # rungs 7 down to 1
    assert rungs["rung"].iloc[0] == "7. Co-production (doing with)"
    assert drawn["ladder_over_time"][0].values.tolist() == [
        ["2024-01-01", "Doing with", 1], ["2024-02-01", "Doing for", 1], ["2024-03-01", "Doing with", 1],
        ["2024-01-01", "Doing to", 0]]
    assert any('"Doing to" and "doing for" are the organisation deciding; "doing with" is young people '
               "deciding together with staff" in m.value for m in at.markdown)


def test_a_programme_in_the_url_reproduces_the_filtered_view(small_org_url, monkeypatch):
    at = open_page(small_org_url, monkeypatch, programme=["Keeping It Social"], framework=LUNDY, **Q1_2024)
    assert not at.exception
    assert at.multiselect(key="programme").value == ["P2"]
    # Keeping It Social in Q1: session C only (rung 6); voice rated by Y2 alone, influence by staff (3).
    assert table(at, "Principle").values.tolist() == [
        ["Voice", "fewer than 5", "fewer than 5", "fewer than 5", "fewer than 5", "no data", "fewer than 5"],
        ["Influence", "1", "3.0", "0%", "no data", "3.0", "no data"]]
    shown = metrics(at)
    assert (shown["'Doing with' sessions"], shown["Sessions on the ladder"], shown["Sessions not placed"]) == \
        ("100%", "1", "0")
    drawn = chart_frames(at)
    assert drawn["heatmap"][0][["programme", "mean"]].values.tolist() == [["Keeping It Social", 3.0]]
    assert drawn["rungs"][0]["sessions"].tolist() == [0, 1, 0, 0, 0, 0, 0]
    no_hidden_figure_in(at)


@pytest.mark.parametrize(("role", "downloads"), [
    ("admin", 6),          # the protected CSV only: the admin's charts are drawn from exact figures
    ("young_person", 18),  # CSV, PNG and SVG: the charts are drawn from protected figures
])
def test_every_chart_is_small_with_its_numbers_and_downloads(small_org_url, monkeypatch, role, downloads):
    at = open_page(small_org_url, monkeypatch, role=role, framework=LUNDY, **Q1_2024)
    drawn = charts(at)
    assert len(drawn) == 6
    assert all(chart_rows(frames) <= 5000 for _, frames in drawn)
    assert [e.label for e in at.expander].count("Show the numbers") == 6
    assert len(at.get("download_button")) == downloads


def test_a_period_over_a_year_goes_by_quarter(small_org_url, monkeypatch):
    at = open_page(small_org_url, monkeypatch, framework=LUNDY, period="Custom dates",
                   **{"from": "2023-01-01", "to": "2024-06-30"})
    assert not at.exception
    subheaders = [s.value for s in at.subheader]
    assert "Ratings each quarter, young people and staff" in subheaders
    assert "Doing to, doing for and doing with, each quarter" in subheaders
    drawn = chart_frames(at)
    # Young people's quarters rest on 4 (Q1 2024) and 1 (Q2) young people: only staff is drawn.
    assert drawn["trend"][0][["start", "who", "mean"]].values.tolist() == [["2024-01-01", "Staff", 3.6]]
    # E (1 Dec 2023, rung 3), A, B, C in Q1 2024, D (2 Apr 2024, rung 2).
    assert drawn["ladder_over_time"][0].values.tolist() == [
        ["2023-10-01", "Doing for", 1], ["2024-01-01", "Doing for", 1], ["2024-01-01", "Doing with", 2],
        ["2024-04-01", "Doing to", 1]]
    assert table(at, "Quarter")["Quarter"].tolist() == ["Q1 2024", "Q1 2024", "Q2 2024"]
    # Over the whole period five young people rated voice (three anonymous, Y1, Y2): 3, 4, 2, 5, 1.
    points = next(f for f in drawn["side_by_side"] if "who" in f.columns and "label" not in f.columns)
    assert points[["principle_name", "who", "mean"]].values.tolist() == [
        ["Voice", "Young people", 3.0], ["Voice", "Staff", 4.5], ["Influence", "Staff", 3.0]]
    nine_months = open_page(small_org_url, monkeypatch, framework=LUNDY, period="Custom dates",
                            **{"from": "2023-10-01", "to": "2024-06-30"})
    assert "Ratings each month, young people and staff" in [s.value for s in nine_months.subheader]


def test_young_people_can_open_it(small_org_url, monkeypatch):
    at = open_page(small_org_url, monkeypatch, role="young_person", framework=CORE, **Q1_2024)
    assert not at.exception
    assert "Principles and the ladder" in [t.value for t in at.title]
    assert table(at, "Principle").iloc[0]["Young people's average"] == "3.6"


def test_an_empty_period_says_what_to_do(small_org_url, monkeypatch):
    at = open_page(small_org_url, monkeypatch, period="Custom dates", **{"from": "2030-01-01", "to": "2030-01-31"})
    assert not at.exception
    infos = [i.value for i in at.info]
    assert any(i.startswith("Nobody rated these principles in this period") for i in infos)
    assert any(i.startswith("No sessions in this period.") for i in infos)
    assert not charts(at)


# --- Protected figures (docs/disclosure.md) ------------------------------------------------------

YOUNG_SCORES = (5, 5, 4, 4, 3, 3, 2)   # seven young people, anonymous: 26 / 7 = 3.714...
STAFF_SCORES = (("S1", 4), ("S2", 5))   # staff mean 4.5


@pytest.fixture
def recognised_url(small_org_url):
    """The small organisation plus ratings of 'Recognise the contribution everyone has to make'
    (core principles) at session A (Podcast, 10 January 2024), whose young people's mean needs
    rounding:
    - young people 5, 5, 4, 4, 3, 3, 2: 26/7 = 3.714 (admin 3.7 in words, 3.71 in the chart);
    - staff 4 and 5: 4.5; everyone 35/9 = 3.889 ("3.9"); the gap 4.5 - 26/7 = 0.786 ("+0.8");
    - 9 ratings, 6 of them 4 or 5 (5, 5, 4, 4 and the staff's 4, 5): 67%.
    Protected (k = 5): 9 ratings -> 10 (9/5 = 1.8 rounds to 2 fives); 6 of 4-5 -> 5 (1.2 rounds to
    1 five); the share is 5/10 = 50%; young people 3.7; the gap 4.5 - 3.7 = 0.8.
    """
    engine = open_store(small_org_url)
    with engine.begin() as conn:
        session = conn.execute(select(ProgrammeSession.id).where(ProgrammeSession.code == "A")).scalar_one()
        principle = conn.execute(select(Principle.id).join(Framework, Principle.framework_id == Framework.id)
                                 .where(Framework.code == "core_principles",
                                        Principle.code == "recognise_contribution")).scalar_one()
        from models.tables import Participant
        staff = dict(conn.execute(select(Participant.code, Participant.id)).all())
        rated = {"session_id": session, "principle_id": principle, "rated_on": date(2024, 1, 10)}
        conn.execute(insert(PrincipleRating), [
            *[{**rated, "rater_role": "young_person", "rater_id": None, "score": s} for s in YOUNG_SCORES],
            *[{**rated, "rater_role": "staff", "rater_id": staff[code], "score": s} for code, s in STAFF_SCORES]])
    return small_org_url


def exported_frames(monkeypatch) -> list[pd.DataFrame]:
    """What each chart's CSV download holds, in the order the charts are drawn."""
    import components.chart_panel as panel
    seen, real = [], panel.protect_frame

    def recording(frame, kinds, k):
        seen.append(real(frame, kinds, k))
        return seen[-1]
    monkeypatch.setattr(panel, "protect_frame", recording)
    return seen


RECOGNISE = "Recognise the contribution everyone has to make"
SHARE = "Share responsibility and work side by side"


def test_a_young_person_sees_protected_figures(recognised_url, monkeypatch):
    at = open_page(recognised_url, monkeypatch, role="young_person", framework=CORE, **Q1_2024)
    assert not at.exception
    # Share responsibility (fixture above the module): 6 ratings -> 5; 4 of 4-5 -> 5 (0.8 rounds to
    # 1 five): 5/5 = 100%; everyone 23/6 -> 3.8; young people 3.6; staff 5.0; gap 1.4.
    assert table(at, "Principle").values.tolist() == [
        [RECOGNISE, "10", "3.9", "50%", "3.7", "4.5", "+0.8"],
        [SHARE, "5", "3.8", "100%", "3.6", "5.0", "+1.4"]]
    drawn = chart_frames(at)
    points = next(f for f in drawn["side_by_side"] if "who" in f.columns and "label" not in f.columns)
    assert points[["principle_name", "who", "mean"]].values.tolist() == [
        [RECOGNISE, "Young people", 3.7], [RECOGNISE, "Staff", 4.5],
        [SHARE, "Young people", 3.6], [SHARE, "Staff", 5.0]]
    words = next(f for f in drawn["side_by_side"] if "words" in f.columns)["words"].tolist()
    assert words == ["Staff rate it 0.8 higher", "Staff rate it 1.4 higher"]
    assert drawn["share"][0][["principle_name", "label"]].values.tolist() == [[RECOGNISE, "50%"], [SHARE, "100%"]]
    # January: young people 26/7 -> 3.7, staff 4.5; March: young people 3.6, staff 5.0.
    assert drawn["trend"][0][["start", "who", "mean"]].values.tolist() == [
        ["2024-01-01", "Staff", 4.5], ["2024-01-01", "Young people", 3.7],
        ["2024-03-01", "Staff", 5.0], ["2024-03-01", "Young people", 3.6]]
    # Shares of 4-5 to whole percent: January staff 2/2, young people 4/7; March staff 1/1, young people 3/5.
    assert table(at, "Month")["Rated 4 or 5"].tolist() == ["100%", "57%", "100%", "60%"]
    # Podcast, recognise: 35/9 -> 3.9; Keeping It Social, share: 23/6 -> 3.8.
    assert drawn["heatmap"][0][["programme", "principle_name", "mean"]].values.tolist() == [
        ["Keeping It Social", SHARE, 3.8], ["Podcast", RECOGNISE, 3.9]]
    alt_texts = [c.value.replace("\\", "") for c in at.caption]   # captions are escaped markdown
    assert any("young people 3.7, staff 4.5" in c for c in alt_texts)
    assert not any("3.71" in c or "3.89" in c or "67%" in c for c in alt_texts)
    assert any(c.startswith("Figures about young people are protected: groups of fewer than 5") for c in alt_texts)


def test_the_admin_sees_exact_figures_and_downloads_protected_ones(recognised_url, monkeypatch):
    exported = exported_frames(monkeypatch)
    at = open_page(recognised_url, monkeypatch, framework=CORE, **Q1_2024)
    assert not at.exception
    assert table(at, "Principle").values.tolist() == [
        [RECOGNISE, "9", "3.9", "67%", "3.7", "4.5", "+0.8"],
        [SHARE, "6", "3.8", "67%", "3.6", "5.0", "+1.4"]]
    drawn = chart_frames(at)
    points = next(f for f in drawn["side_by_side"] if "who" in f.columns and "label" not in f.columns)
    assert points["mean"].tolist() == [3.71, 4.5, 3.6, 5.0]       # 26/7 to two places, as before
    assert drawn["trend"][0]["mean"].tolist() == [4.5, 3.71, 5.0, 3.6]
    assert drawn["heatmap"][0]["mean"].tolist() == [3.83, 3.89]
    assert any(c.value.startswith("Exact figures for the staff who keep the register") for c in at.caption)
    # The CSVs hold what a young person sees, not the admin's figures.
    assert [list(f.columns)[0] for f in exported] == ["Principle", "Principle", "Month", "Programme", "Rung", "Month"]
    assert exported[0].values.tolist() == [[RECOGNISE, "10", "3.9", "50%", "3.7", "4.5", "+0.8"],
                                           [SHARE, "5", "3.8", "100%", "3.6", "5.0", "+1.4"]]
    assert exported[1].values.tolist() == [[RECOGNISE, "50%"], [SHARE, "100%"]]
    assert exported[2]["Average rating"].tolist() == ["4.5", "3.7", "5.0", "3.6"]
    assert exported[3]["Ratings"].tolist() == ["5", "10"]


def test_staff_only_and_hidden_principles_for_a_young_person(small_org_url, monkeypatch):
    at = open_page(small_org_url, monkeypatch, role="young_person", framework=LUNDY, **Q1_2024)
    assert not at.exception
    # Influence, staff only: not about young people, so shown as it is: 3 ratings, 1 of them (4) a 4
    # or 5: 33%.
    assert table(at, "Principle").values.tolist() == [
        ["Voice", "fewer than 5", "fewer than 5", "fewer than 5", "fewer than 5", "4.5", "fewer than 5"],
        ["Influence", "3", "3.0", "33%", "no data", "3.0", "no data"]]
    no_hidden_figure_in(at)


# --- The frames' protection, one by one ----------------------------------------------------------

def test_protecting_the_principle_table_by_hand():
    table = hand_worked_principles()
    shown = protect_principle_table(table, 5)
    figures = ["mean", "share_4_5", "young_people_mean", "staff_mean", "gap", "ratings", "ratings_4_5"]
    assert shown[figures].values.tolist() == [
        [3.9, 0.5, 3.7, 4.5, 0.8, 10, 5],     # the recognise fixture above
        [3.0, 1 / 3, None, 3.0, None, 3, 1],   # staff alone: not about young people, as it is
        [SUPPRESSED, SUPPRESSED, SUPPRESSED, 4.25, SUPPRESSED, SUPPRESSED, SUPPRESSED]]
    assert table["mean"].tolist()[0] == 35 / 9   # the admin's frame is left as it was
    with pytest.raises(KeyError):
        protect_principle_table(table.assign(people=1), 5)


def test_protecting_the_trend_and_the_programme_cells():
    trend = pd.DataFrame({"start": ["2024-01", "2024-01", "2024-02"],
                          "rater_role": ["staff", "young_person", "young_person"], "mean": [4.25, 26 / 7, None],
                          "share_4_5": [0.5, 4 / 7, None], "suppressed": [False, False, True]})
    shown = protect_rating_trend(trend, 5)
    # staff's row as it is; young people's 3.714 -> 3.7 and 4/7 -> 57%
    assert shown[["mean", "share_4_5"]].head(2).values.tolist() == [[4.25, 0.5], [3.7, 0.57]]
    assert shown.iloc[2][["mean", "share_4_5"]].isna().all() and shown.iloc[2]["suppressed"]
    cells = pd.DataFrame({"programme": ["Podcast"], "principle": ["a"], "principle_name": ["A"], "mean": [23 / 6],
                          "share_4_5": [4 / 6], "young_people_mean": [3.6], "gap": [1.4], "ratings": [6],
                          "ratings_4_5": [4], "staff_mean": [5.0]})
    assert protect_programme_cells(cells, 5).iloc[0].tolist() == [
        "Podcast", "a", "A", 3.8, 1.0, 3.6, 1.4, 5, 5, 5.0]   # 6 -> 5, 4 -> 5: 5/5; gap 5.0 - 3.6
    with pytest.raises(KeyError):
        protect_rating_trend(trend.assign(people=3), 5)
