"""The engagement page's chart builders: suppressed rows never reach a chart, every chart is
labelled in words (not colour alone), stays under the mark limit and exports."""

from datetime import date

import pandas as pd
import pytest

from charts.engagement import (
    monthly_by_mode, monthly_by_mode_alt_text, reach_alt_text, reach_chart, shown_by_mode, shown_reach,
    stage_grid_alt_text, stage_grid_chart, ticked,
)
from charts.export import to_png, to_svg

PEOPLE = pd.DataFrame({
    "month": ["2024-01", "2024-01", "2024-03", "2024-03", "2024-03"],
    "mode": ["all", "in_person", "all", "hybrid", "in_person"],
    "young_people": [None, None, 5, None, None],
    "suppressed": [True, True, False, True, True],
})
SESSIONS = pd.DataFrame({"month": ["2024-01", "2024-01", "2024-02", "2024-02"],
                         "mode": ["all", "in_person", "all", "online"], "sessions": [1, 1, 1, 1]})
GRID = pd.DataFrame({
    "programme": ["P1"] * 4 + ["P2"] * 4,
    "name": ["Podcast"] * 4 + ["Keeping It Social"] * 4,
    "stage": ["plan", "design", "deliver", "review"] * 2,
    "covered": [True, True, False, False, False, False, True, False],
    "stages_covered": [2] * 4 + [1] * 4,
})
REACH = pd.DataFrame({
    "characteristic": ["age_band", "age_band", "age_band", "disability", "disability"],
    "group": ["11_15", "16_18", "not_recorded", "no", "not_recorded"],
    "young_people": [None, None, 0, 7, 0],
    "share": [None, None, 0.0, 1.0, 0.0],
    "suppressed": [True, True, False, False, False],
})


def datasets(chart) -> list[list[dict]]:
    return list(chart.to_dict()["datasets"].values())


def test_monthly_by_mode_draws_only_unsuppressed_rows_with_mode_names():
    chart = monthly_by_mode(PEOPLE, "young_people", date(2024, 1, 1), date(2024, 3, 31))
    assert datasets(chart) == [[{"month": "2024-03", "mode": "All modes", "young_people": 5}]]
    spec = chart.to_dict()
    # Each mode is a row named in words; colour only repeats it.
    assert spec["encoding"]["row"]["field"] == "mode"
    assert spec["encoding"]["row"]["sort"] == ["All modes"]
    # The x axis spans the whole period (January to the end of March), so hidden months show as gaps.
    domain = spec["encoding"]["x"]["scale"]["domain"]
    assert (domain[0]["month"], domain[1]["month"], domain[1]["date"]) == (1, 3, 31)


def test_monthly_by_mode_keeps_colours_fixed_per_mode():
    chart = monthly_by_mode(SESSIONS, "sessions", date(2024, 1, 1), date(2024, 2, 29)).to_dict()
    scale = chart["encoding"]["color"]["scale"]
    assert scale["domain"] == ["All modes", "In person", "Online", "Hybrid"]
    assert scale["range"][1:] == ["#0072B2", "#E69F00", "#009E73"]
    assert chart["encoding"]["row"]["sort"] == ["All modes", "In person", "Online"]


def test_monthly_alt_text_names_each_modes_busiest_month():
    text = monthly_by_mode_alt_text(SESSIONS, "sessions", "sessions held")
    assert "over 2 months" in text and "online February 2024 (1)" in text
    hidden = PEOPLE.assign(suppressed=True)
    assert "nothing to show" in monthly_by_mode_alt_text(hidden, "young_people", "young people")
    assert shown_by_mode(hidden, "young_people").empty


def test_too_many_months_are_refused():
    many = pd.DataFrame({"month": ["2024-01"] * 5001, "mode": ["all"] * 5001, "sessions": [1] * 5001})
    with pytest.raises(ValueError, match="5000"):
        monthly_by_mode(many, "sessions", date(2024, 1, 1), date(2024, 1, 31))


def test_stage_grid_marks_coverage_with_text_not_colour_alone():
    chart = stage_grid_chart(GRID)
    (rows,) = datasets(chart)
    marks = {(r["programme"], r["stage"]): r["mark"] for r in rows}
    assert marks[("Podcast (2 of 4)", "Plan")] == "✓"
    assert marks[("Podcast (2 of 4)", "Deliver")] == "–"
    assert marks[("Keeping It Social (1 of 4)", "Deliver")] == "✓"
    assert {layer["mark"]["type"] for layer in chart.to_dict()["layer"]} == {"rect", "text"}
    text = stage_grid_alt_text(GRID)
    assert "Podcast: 2 of 4 (plan, design)" in text and "Keeping It Social: 1 of 4 (deliver)" in text


def test_a_large_stage_grid_tells_coverage_by_shape_one_mark_a_square():
    # 16 programmes, 64 squares: over TICKED_UP_TO (60), so one symbol per square and no text layer.
    # Podcast's stages as in GRID, copied 8 times (2 of 4 each), and Keeping It Social's (1 of 4).
    big = pd.concat([GRID.assign(name=GRID["name"] + f" {i}") for i in range(8)], ignore_index=True)
    assert not ticked(big) and ticked(big.head(60))
    chart = stage_grid_chart(big)
    (rows,) = datasets(chart)
    assert len(rows) == 64
    took = {(r["programme"], r["stage"]): r["took_part"] for r in rows}
    assert took[("Podcast 0 (2 of 4)", "Plan")] == "Young people took part"
    assert took[("Podcast 0 (2 of 4)", "Deliver")] == "No young people"
    assert took[("Keeping It Social 7 (1 of 4)", "Deliver")] == "Young people took part"
    (symbols,) = chart.to_dict()["layer"]
    assert symbols["mark"]["type"] == "point"
    # Shape tells them apart, not colour alone: a filled square, or a dash; the legend names both.
    shape = symbols["encoding"]["shape"]
    assert shape["field"] == "took_part"
    assert shape["scale"] == {"domain": ["Young people took part", "No young people"], "range": ["square", "stroke"]}
    assert symbols["mark"]["description"]["expr"] == (
        'datum["programme"] + ", " + datum["stage"] + ": " + datum["took_part"]')
    assert "<svg" in to_svg(chart)


def test_reach_chart_leaves_out_hidden_groups():
    chart = reach_chart(REACH)
    (rows,) = datasets(chart)
    assert [(r["characteristic"], r["group"], r["young_people"]) for r in rows] == [
        ("Age band", "Not recorded", 0), ("Disability / SEND", "No", 7), ("Disability / SEND", "Not recorded", 0)]
    assert [r["label"] for r in rows] == ["0 (0%)", "7 (100%)", "0 (0%)"]
    assert len(shown_reach(REACH)) == 3
    text = reach_alt_text(REACH)
    assert "Disability / SEND: no, 7 (100%)" in text and "2 groups are hidden" in text


def test_every_new_chart_exports():
    for chart in (monthly_by_mode(SESSIONS, "sessions", date(2024, 1, 1), date(2024, 2, 29)),
                  stage_grid_chart(GRID), reach_chart(REACH)):
        assert to_png(chart).startswith(b"\x89PNG")
        assert "<svg" in to_svg(chart)
