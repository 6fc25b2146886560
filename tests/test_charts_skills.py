"""The skills chart builders: what reaches the chart data, labels in text, valid specs."""

import pandas as pd
import pytest

from charts.base import MAX_MARKS
from charts.export import to_svg
from charts.skills import (
    before_after_chart, change_chart, dumbbell_alt_text, improved_chart, likely_range, not_plotted, plotted,
    plotted_cells, programme_change_chart, signed,
)
from measures.suppression import SUPPRESSED

FIGURES = ["pairs", "mean_change", "ci95", "share_improved", "mean_pre", "mean_post"]


def skills_frame() -> pd.DataFrame:
    """Like skills_by_skill on the small organisation at k=5 (Q1 2024), plus one made-up skill."""
    return pd.DataFrame([
        {"skill": "confidence", "skill_name": "Confidence", "pairs": 5, "mean_change": 1.0, "ci95": 1.385929,
         "share_improved": 0.6, "mean_pre": 2.4, "mean_post": 3.4, "awaiting_post": SUPPRESSED},
        {"skill": "teamwork", "skill_name": "Teamwork", **dict.fromkeys(FIGURES, SUPPRESSED), "awaiting_post": 0},
        {"skill": "empathy", "skill_name": "Empathy", "pairs": 0, "mean_change": None, "ci95": None,
         "share_improved": None, "mean_pre": None, "mean_post": None, "awaiting_post": 0},
        {"skill": "voice", "skill_name": "Speaking up", "pairs": 7, "mean_change": -0.5, "ci95": 0.4,
         "share_improved": 2 / 7, "mean_pre": 3.5, "mean_post": 3.0, "awaiting_post": 6},
    ])


def test_only_skills_with_pairs_and_nothing_suppressed_are_plotted():
    shown = plotted(skills_frame())
    assert list(shown["skill_name"]) == ["Confidence", "Speaking up"]    # biggest change first
    assert not shown.map(lambda v: v is SUPPRESSED).any().any()
    confidence = shown.iloc[0]
    assert (confidence["pairs"], confidence["mean_pre"], confidence["mean_post"]) == (5, 2.4, 3.4)
    # 1.0 -/+ 1.386: the interval's ends, rounded to 2 places.
    assert (confidence["ci_low"], confidence["ci_high"]) == (-0.39, 2.39)
    assert confidence["change_label"] == "+1.0 (-0.4 to +2.4)"
    assert confidence["improved_label"] == "60% of 5 pairs"
    assert shown.iloc[1]["change_label"] == "-0.5 (-0.9 to -0.1)"
    assert not_plotted(skills_frame()) == (["Empathy"], ["Teamwork"])


def test_signed_values_read_plainly():
    assert signed(1) == "+1.0"
    assert signed(-0.36) == "-0.4"          # an ASCII minus
    assert signed(-0.04) == "0.0"          # never "-0.0"
    assert likely_range(1.0, None) is None
    assert likely_range(1.0, 1.385929) == "-0.4 to +2.4"


def test_a_single_pair_has_no_interval_but_is_labelled():
    frame = skills_frame().iloc[[0]].assign(pairs=1, ci95=None)
    shown = plotted(frame)
    assert pd.isna(shown.iloc[0]["ci_low"]) and shown.iloc[0]["label_at"] == 1.0
    assert shown.iloc[0]["change_label"] == "+1.0 (one pair: no range)"


def _datasets(chart) -> list[list[dict]]:
    return list(chart.to_dict()["datasets"].values())


def test_dumbbell_tells_before_from_after_by_shape_and_text_not_colour_alone():
    chart = before_after_chart(plotted(skills_frame()))
    spec = chart.to_dict()
    points = next(layer for layer in spec["layer"] if layer["mark"]["type"] == "point")
    assert points["encoding"]["shape"]["field"] == "when"
    assert points["encoding"]["color"]["field"] == "when"
    texts = [layer["encoding"]["text"]["field"] for layer in spec["layer"] if layer["mark"]["type"] == "text"]
    assert texts == ["low_text", "high_text"]
    (rows,) = _datasets(chart)
    assert [(r["skill_name"], r["low_text"], r["high_text"]) for r in rows] == [
        ("Confidence", "2.4", "3.4"), ("Speaking up", "3.0", "3.5")]
    assert "Confidence, from 2.4 to 3.4" in dumbbell_alt_text(plotted(skills_frame()))


def test_change_chart_draws_the_interval_the_point_a_zero_line_and_labels():
    spec = change_chart(plotted(skills_frame())).to_dict()
    marks = [layer["mark"]["type"] for layer in spec["layer"]]
    assert marks == ["point", "rule", "rule", "text"]
    interval, zero = spec["layer"][1], spec["layer"][2]
    assert (interval["encoding"]["x"]["field"], interval["encoding"]["x2"]["field"]) == ("ci_low", "ci_high")
    assert zero["encoding"] == {"x": {"datum": 0}}         # a y would shrink the rule to nothing
    assert spec["layer"][3]["encoding"]["text"]["field"] == "change_label"


def test_improved_bars_are_labelled_with_share_and_pairs():
    spec = improved_chart(plotted(skills_frame())).to_dict()
    assert spec["layer"][1]["encoding"]["text"]["field"] == "improved_label"


def test_programme_chart_has_one_named_panel_per_programme():
    cells = pd.concat([skills_frame().assign(programme_name="Podcast"),
                       skills_frame().assign(programme_name="Keeping It Social")])
    shown = plotted_cells(cells)
    assert len(shown) == 4 and set(shown["programme_name"]) == {"Podcast", "Keeping It Social"}
    spec = programme_change_chart(shown).to_dict()
    assert spec["facet"]["field"] == "programme_name"
    assert spec["resolve"]["scale"]["y"] == "independent"


@pytest.mark.parametrize("build", [before_after_chart, change_chart, improved_chart])
def test_charts_refuse_more_than_the_mark_limit(build):
    many = pd.concat([plotted(skills_frame())] * (MAX_MARKS // 2 + 1), ignore_index=True)
    with pytest.raises(ValueError, match="marks"):
        build(many)


@pytest.mark.parametrize("build", [before_after_chart, change_chart, improved_chart])
def test_every_chart_exports_to_svg(build):
    assert to_svg(build(plotted(skills_frame()))).lstrip().startswith("<svg")


def test_programme_chart_exports_to_svg():
    shown = plotted_cells(skills_frame().assign(programme_name="Podcast"))
    assert "Podcast" in to_svg(programme_change_chart(shown))
