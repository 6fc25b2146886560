"""The principles and ladder chart builders: hidden figures never reach the chart data, every
series is told apart by more than colour, and the words say what the marks show."""

import altair as alt
import pandas as pd
import pytest

from charts import ladder, principles
from charts.base import MAX_MARKS
from charts.export import to_png
from charts.palette import SEQUENTIAL_SCHEME
from measures.suppression import SUPPRESSED

NAN = float("nan")


def _rows() -> pd.DataFrame:
    """Principle rows as `principle_table` gives them: one hidden, one staff only, one both."""
    return pd.DataFrame({
        "principle_name": ["Voice", "Influence", "Space"],
        "mean": [SUPPRESSED, 3.0, 3.9],
        "share_4_5": [SUPPRESSED, 1 / 3, 0.7],
        "young_people_mean": [SUPPRESSED, NAN, 3.6],
        "staff_mean": [4.5, 3.0, 4.6],
        "gap": [SUPPRESSED, NAN, 1.0],
        "ratings": [6, 3, 10],
    })


def _datasets(chart) -> list[list[dict]]:
    return list(chart.to_dict()["datasets"].values())


def _all_values(chart) -> list:
    return [value for rows in _datasets(chart) for row in rows for value in row.values()]


@pytest.mark.parametrize(("young", "staff", "words"), [
    (SUPPRESSED, 4.5, "Fewer than 5 young people rated it"),
    (None, 3.0, "Only staff rated it"),
    (NAN, 3.0, "Only staff rated it"),
    (3.0, None, "Only young people rated it"),
    (None, None, "Not rated yet"),
    (3.6, 5.0, "Staff rate it 1.4 higher"),
    (4.2, 3.9, "Young people rate it 0.3 higher"),
    (4.01, 4.03, "Staff and young people agree"),
])
def test_gap_words(young, staff, words):
    assert principles.gap_words(young, staff, 5) == words


def test_side_by_side_draws_no_hidden_figure_and_tells_raters_apart_by_shape():
    chart = principles.side_by_side(_rows(), 5)
    assert isinstance(chart, alt.HConcatChart)
    points = principles.rater_points(_rows())
    assert points.values.tolist() == [["Voice", "Staff", 4.5], ["Influence", "Staff", 3.0],
                                      ["Space", "Young people", 3.6], ["Space", "Staff", 4.6]]
    spec = chart.to_dict()
    dots = next(layer for layer in spec["hconcat"][0]["layer"] if layer["mark"]["type"] == "point")
    assert dots["encoding"]["shape"]["scale"]["range"] == ["circle", "diamond"]
    assert dots["encoding"]["color"]["scale"]["domain"] == ["Young people", "Staff"]
    # The grey line joins only principles where both raters are shown.
    rules = next(layer for layer in spec["hconcat"][0]["layer"] if layer["mark"]["type"] == "rule")
    assert spec["datasets"][rules["data"]["name"]] == [{"principle_name": "Space", "low": 3.6, "high": 4.6,
                                                        "row": "Space"}]
    gap_rows = spec["datasets"][spec["hconcat"][1]["data"]["name"]]
    assert [row["words"] for row in gap_rows] == ["Fewer than 5 young people rated it", "Only staff rated it",
                                                  "Staff rate it 1.0 higher"]
    labels = [row["label"] for rows in _datasets(chart) for row in rows if "label" in row]
    assert labels == ["young people", "staff"]          # each rater named once, beside a point
    assert SUPPRESSED not in _all_values(chart)
    assert "young people 3.6, staff 4.6; staff rate it 1.0 higher" in principles.side_by_side_alt(_rows(), 5)


def test_share_of_4_and_5_leaves_hidden_principles_out():
    frame = principles.share_high(_rows())
    assert frame[["principle_name", "label"]].values.tolist() == [["Influence", "33%"], ["Space", "70%"]]
    chart = principles.share_high_chart(frame, ["Voice", "Influence", "Space"])
    assert len(_datasets(chart)[0]) == 2
    assert principles.share_high_alt(frame).endswith("Influence 33%; Space 70%.")


def _trend(unit_starts=("2024-01", "2024-01", "2024-02", "2024-02")) -> pd.DataFrame:
    return pd.DataFrame({"start": list(unit_starts), "rater_role": ["staff", "young_person"] * 2,
                         "mean": [3.667, None, 4.0, 3.5], "share_4_5": [0.667, None, 1.0, 0.5],
                         "suppressed": [False, True, False, False]})


def test_trend_points_drop_hidden_young_people_and_use_shapes():
    points = principles.trend_points(_trend())
    assert points.values.tolist() == [["2024-01-01", "Staff", 3.67], ["2024-02-01", "Staff", 4.0],
                                      ["2024-02-01", "Young people", 3.5]]
    spec = principles.trend_chart(points, "month").to_dict()
    dots = next(layer for layer in spec["layer"] if layer["mark"]["type"] == "point")
    assert dots["encoding"]["shape"]["field"] == "who"
    assert spec["layer"][0]["encoding"]["x"]["timeUnit"] == "utcyearmonth"
    quarterly = principles.trend_chart(points, "quarter").to_dict()
    assert quarterly["layer"][0]["encoding"]["x"]["timeUnit"] == "utcyearquarter"
    assert principles.trend_alt(points, "month") == (
        "Line chart of the average rating each month, young people and staff. Young people: 1 month, "
        "from 3.5 to 3.5, latest 3.5; Staff: 2 months, from 3.7 to 4.0, latest 4.0.")


def test_heatmap_prints_values_on_a_sequential_scale_and_leaves_hidden_squares_out():
    cells = pd.DataFrame({"programme": ["Keeping It Social", "Keeping It Social", "Podcast"],
                          "principle_name": ["Voice", "Influence", "Influence"],
                          "mean": [SUPPRESSED, 3.0, 2.5]})
    squares = principles.heatmap_cells(cells)
    assert squares[["programme", "principle_name", "label"]].values.tolist() == [
        ["Keeping It Social", "Influence", "3.0"], ["Podcast", "Influence", "2.5"]]
    spec = principles.heatmap(squares, ["Keeping It Social", "Podcast"], ["Voice", "Influence"]).to_dict()
    rect, text = spec["layer"]
    assert rect["encoding"]["color"]["scale"]["scheme"] == SEQUENTIAL_SCHEME
    assert text["mark"]["type"] == "text" and text["encoding"]["text"]["field"] == "label"
    # Both principles keep their column (an empty square says something too).
    assert spec["layer"][0]["encoding"]["x"]["scale"]["domain"] == ["Voice", "Influence"]
    assert principles.wrapped("Recognise the contribution everyone has to make") == \
        "Recognise the|contribution|everyone has to|make"
    assert principles.wrapped("Recognise the contribution everyone has to make", 26) == \
        "Recognise the contribution|everyone has to make"
    assert "Highest: Keeping It Social, Influence (3.0); lowest: Podcast, Influence (2.5)" in \
        principles.heatmap_alt(squares)


def test_a_large_heatmap_draws_squares_only_each_still_described():
    # 61 squares: over WRITTEN_UP_TO (60), so no text layer; the value stays in the tooltip, the
    # square's spoken description and the table.
    cells = pd.DataFrame({"programme": [f"Programme {i}" for i in range(61)], "principle_name": "Voice",
                          "mean": [1 + i / 15 for i in range(61)]})
    squares = principles.heatmap_cells(cells)
    assert not principles.written(squares) and principles.written(squares.head(60))
    spec = principles.heatmap(squares, list(cells["programme"]), ["Voice"]).to_dict()
    (rect,) = spec["layer"]
    assert rect["mark"]["type"] == "rect"
    assert rect["mark"]["description"]["expr"] == (
        'datum["programme"] + ", " + datum["principle_name"] + ": average rating " + datum["label"]')
    assert "label" in [t["field"] for t in rect["encoding"]["tooltip"]]
    assert squares["label"].tolist()[:2] == ["1.0", "1.1"]         # 1 + 1/15 = 1.067
    text = principles.heatmap_alt(squares)
    assert text.startswith("Heatmap of the average rating for each programme and principle, the value in each "
                           "square's tooltip and the table of numbers: 61 squares.")
    assert text.endswith("Highest: Programme 60, Voice (5.0); lowest: Programme 0, Voice (1.0).")
    assert "written in each square" in principles.heatmap_alt(squares.head(60))


def test_too_many_marks_are_refused():
    many = pd.DataFrame({"start": ["2024-01-01"] * (MAX_MARKS + 1), "who": "Staff", "mean": 3.0})
    with pytest.raises(ValueError, match="marks"):
        principles.trend_chart(many, "month")


def _rungs() -> pd.DataFrame:
    from models.vocab import LADDER
    return pd.DataFrame({"position": [p for p, *_ in LADDER], "rung": [n for _, _, n, _ in LADDER],
                         "rung_group": [g for *_, g in LADDER], "sessions": [0, 0, 0, 1, 0, 1, 1]})


def test_rungs_top_first_with_the_group_in_words():
    frame = ladder.rung_frame(_rungs())
    assert frame["rung"].tolist()[:2] == ["7. Co-production (doing with)", "6. Co-design (doing with)"]
    assert frame["rung"].tolist()[-1] == "1. Coercion (doing to)"
    spec = ladder.rungs_chart(frame).to_dict()
    assert any(layer["mark"]["type"] == "text" for layer in spec["layer"])   # counts written on the bars
    assert ladder.rungs_alt(frame).startswith("Bar chart of the 3 sessions placed on the ladder")


def test_ladder_over_time_has_a_labelled_row_for_every_group():
    groups = pd.DataFrame({"start": ["2024-01", "2024-02", "2024-03"],
                           "rung_group": ["doing_with", "doing_for", "doing_with"], "sessions": [1, 1, 1]})
    frame = ladder.over_time_frame(groups)
    assert frame.values.tolist()[-1] == ["2024-01-01", "Doing to", 0]
    spec = ladder.over_time_chart(frame, "quarter").to_dict()
    assert spec["encoding"]["row"]["sort"] == ["Doing with", "Doing for", "Doing to"]
    assert spec["encoding"]["x"]["timeUnit"] == "utcyearquarter"
    assert ladder.over_time_alt(frame, "month").endswith("doing with 2, doing for 1, doing to 0.")


def test_the_charts_export_to_png():
    assert to_png(principles.side_by_side(_rows(), 5), scale=1)[:4] == b"\x89PNG"
    squares = principles.heatmap_cells(pd.DataFrame({"programme": ["P"], "principle_name": ["Voice"],
                                                     "mean": [4.2]}))
    assert to_png(principles.heatmap(squares, ["P"], ["Voice"]), scale=1)[:4] == b"\x89PNG"
    over_time = ladder.over_time_frame(pd.DataFrame({"start": ["2024-01"], "rung_group": ["doing_with"],
                                                     "sessions": [2]}))
    assert to_png(ladder.over_time_chart(over_time, "month"), scale=1)[:4] == b"\x89PNG"
    assert to_png(principles.trend_chart(principles.trend_points(_trend()), "quarter"), scale=1)[:4] == b"\x89PNG"
