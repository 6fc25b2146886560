"""The principles and ladder page through the real app (AppTest), on the hand-worked small organisation.

Q1 2024 ratings (see tests/small_org.py and tests/test_measures_principles.py):
- Lundy 'voice': young people 3, 4 (anonymous, session A), 2 (Y1, B), 5 (Y2, C): four young people,
  under k=5, so their mean (3.5), the everyone mean (23/6) and the gap are hidden; staff 5 and 4: 4.5.
- Lundy 'influence': staff only, 2, 3 and 4 (E rated on 5 January): mean 3.0, one of three rated 4-5.
- Core principles 'share responsibility' (session C, P2, March): young people 4, 4, 5, 3, 2 (five
  anonymous ratings: shown) mean 3.6; staff 5; gap 1.4; everyone 23/6 = 3.8; 4 of 6 rated 4-5 = 67%.
Sessions: A rung 7 (January), B rung 4 (February), C rung 6 (March), F no rung: 'doing with' 2 of 3.
"""

from pathlib import Path

from streamlit.testing.v1 import AppTest

from tests.apptest_helpers import chart_rows, charts, metrics, open_deep_link

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


def test_every_chart_is_small_with_its_numbers_and_downloads(small_org_url, monkeypatch):
    at = open_page(small_org_url, monkeypatch, framework=LUNDY, **Q1_2024)
    drawn = charts(at)
    assert len(drawn) == 6
    assert all(chart_rows(frames) <= 5000 for _, frames in drawn)
    assert [e.label for e in at.expander].count("Show the numbers") == 6
    assert len(at.get("download_button")) == 18


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
