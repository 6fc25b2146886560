"""The "Who gets to lead" chart builder: hidden groups and groups without a ratio never reach the
chart, a group below the threshold is marked by shape and words as well as colour, and the lines at
1 (fair) and at the threshold are drawn."""

import pandas as pd

from charts.export import to_png, to_svg
from charts.representation import ratio_alt_text, ratio_chart, shown_ratios

# Hand-made: 11 to 15 leads half as often as it takes part, 16 to 18 twice as often; under 11 has
# nobody (no ratio); care experienced 'not recorded' is hidden (fewer than k).
FRAME = pd.DataFrame({
    "characteristic": ["age_band", "age_band", "age_band", "disability", "care_experienced", "care_experienced"],
    "group": ["11_15", "16_18", "under_11", "not_recorded", "yes", "not_recorded"],
    "ratio": [0.5, 2.0, None, 1.0, 0.75, None],
    "suppressed": [False, False, False, False, False, True],
})


def layers(chart) -> list[dict]:
    return chart.to_dict()["spec"]["layer"]


def test_hidden_groups_and_groups_without_a_ratio_are_not_drawn():
    (rows,) = list(ratio_chart(FRAME, 0.8).to_dict()["datasets"].values())
    assert [(r["characteristic"], r["group"], r["ratio"]) for r in rows] == [
        ("Age band", "11 to 15", 0.5), ("Age band", "16 to 18", 2.0), ("Disability / SEND", "Not recorded", 1.0),
        ("Care experienced", "Yes", 0.75)]
    assert len(shown_ratios(FRAME.assign(suppressed=True), 0.8)) == 0


def test_groups_below_the_threshold_are_marked_by_shape_and_words_not_colour_alone():
    (rows,) = list(ratio_chart(FRAME, 0.8).to_dict()["datasets"].values())
    assert [(r["group"], r["status"], r["label"]) for r in rows] == [
        ("11 to 15", "Below 0.80", "0.50 (below 0.80)"), ("16 to 18", "0.80 or above", "2.00"),
        ("Not recorded", "0.80 or above", "1.00"), ("Yes", "Below 0.80", "0.75 (below 0.80)")]
    points = next(layer for layer in layers(ratio_chart(FRAME, 0.8)) if layer["mark"]["type"] == "point")
    shape, colour = points["encoding"]["shape"], points["encoding"]["color"]
    assert shape["field"] == colour["field"] == "status"
    assert shape["scale"] == {"domain": ["Below 0.80", "0.80 or above"], "range": ["triangle-down", "circle"]}
    assert colour["scale"]["range"] == ["#D55E00", "#0072B2"]   # Okabe-Ito vermillion and blue
    assert any(layer["mark"]["type"] == "text" for layer in layers(ratio_chart(FRAME, 0.8)))


def test_lines_at_fair_and_at_the_threshold():
    chart = ratio_chart(FRAME, 0.7)
    (rows,) = list(chart.to_dict()["datasets"].values())
    assert {(r["fair"], r["threshold"]) for r in rows} == {(1.0, 0.7)}
    rules = [layer["encoding"]["x"] for layer in layers(chart) if layer["mark"]["type"] == "rule"
             and "x2" not in layer["encoding"]]
    assert [(x["field"], x["aggregate"]) for x in rules] == [("fair", "min"), ("threshold", "min")]
    # 0.75 is above a threshold of 0.7: only 11 to 15 is below it.
    assert [r["group"] for r in rows if r["status"] == "Below 0.70"] == ["11 to 15"]


def test_alt_text_names_the_groups_below_the_threshold():
    text = ratio_alt_text(FRAME, 0.8)
    assert "4 of 6 groups drawn" in text
    assert "Below 0.80: Age band: 11 to 15, 0.50; Care experienced: yes, 0.75." in text
    assert "No group drawn is below 0.5" in ratio_alt_text(FRAME, 0.5)
    assert "no group to draw" in ratio_alt_text(FRAME.assign(suppressed=True), 0.8)


def test_the_chart_exports():
    chart = ratio_chart(FRAME, 0.8)
    assert to_png(chart).startswith(b"\x89PNG")
    assert "<svg" in to_svg(chart)
