"""The skills chart builders: what reaches the chart data, labels in text, valid specs."""

import pandas as pd
import pytest

from charts.base import MAX_MARKS
from charts.export import to_svg
from charts.skills import (
    before_after_chart, change_alt_text, change_chart, change_label, dumbbell_alt_text, improved_chart, not_plotted,
    one_skill, plotted, plotted_cells, programme_change_chart, signed, skills_with_most_pairs,
)
from measures.suppression import SUPPRESSED

FIGURES = ["pairs", "mean_change", "ci95", "share_improved", "mean_pre", "mean_post", "ci95_low", "ci95_high",
           "verdict"]


def skills_frame() -> pd.DataFrame:
    """Like skills_by_skill on the small organisation at k=5 (Q1 2024), plus one made-up skill.
    Confidence: 5 pairs, +1.0, variance 10/4, half-width t(0.975, 4) * sqrt(2.5 / 5) = 1.9632.
    Speaking up: 7 pairs, -0.5, a made-up half-width of 0.4."""
    return pd.DataFrame([
        {"skill": "confidence", "skill_name": "Confidence", "pairs": 5, "mean_change": 1.0, "ci95": 1.963243,
         "ci95_low": -0.963243, "ci95_high": 2.963243, "verdict": "too few to say",
         "share_improved": 0.6, "mean_pre": 2.4, "mean_post": 3.4, "awaiting_post": SUPPRESSED},
        {"skill": "teamwork", "skill_name": "Teamwork", **dict.fromkeys(FIGURES, SUPPRESSED), "awaiting_post": 0},
        {"skill": "empathy", "skill_name": "Empathy", "pairs": 0, "mean_change": None, "ci95": None,
         "ci95_low": None, "ci95_high": None, "verdict": "too few to say",
         "share_improved": None, "mean_pre": None, "mean_post": None, "awaiting_post": 0},
        {"skill": "voice", "skill_name": "Speaking up", "pairs": 7, "mean_change": -0.5, "ci95": 0.4,
         "ci95_low": -0.9, "ci95_high": -0.1, "verdict": "too few to say",
         "share_improved": 2 / 7, "mean_pre": 3.5, "mean_post": 3.0, "awaiting_post": 6},
    ])


def test_only_skills_with_pairs_and_nothing_suppressed_are_plotted():
    shown = plotted(skills_frame())
    assert list(shown["skill_name"]) == ["Confidence", "Speaking up"]    # biggest change first
    assert not shown.map(lambda v: v is SUPPRESSED).any().any()
    confidence = shown.iloc[0]
    assert (confidence["pairs"], confidence["mean_pre"], confidence["mean_post"]) == (5, 2.4, 3.4)
    # The t-based interval's ends, rounded to 2 places.
    assert (confidence["ci_low"], confidence["ci_high"]) == (-0.96, 2.96)
    assert confidence["change_label"] == "+1.0 (-1.0 to +3.0); too few to say"
    assert confidence["too_few"]
    assert confidence["improved_label"] == "60% of 5 pairs"
    assert shown.iloc[1]["change_label"] == "-0.5 (-0.9 to -0.1); too few to say"
    assert not_plotted(skills_frame()) == (["Empathy"], ["Teamwork"])


def test_a_verdict_from_ten_pairs_is_written_in_the_label():
    # Ten pairs, seven +1 and three 0: +0.7, likely +0.35 to +1.05 (t(0.975, 9) = 2.2622).
    frame = skills_frame().iloc[[0]].assign(pairs=10, mean_change=0.7, ci95_low=0.3544, ci95_high=1.0456,
                                            verdict="improved", share_improved=0.7)
    shown = plotted(frame).iloc[0]
    assert shown["change_label"] == "+0.7 (+0.4 to +1.0); improved" and not shown["too_few"]


def test_a_frame_kept_before_the_interval_ends_works_them_out_from_the_half_width():
    # An older board snapshot holds ci95 alone: the ends are the change -/+ it, the verdict from the pairs.
    old = skills_frame().drop(columns=["ci95_low", "ci95_high", "verdict"])
    shown = plotted(old)
    assert (shown.iloc[0]["ci_low"], shown.iloc[0]["ci_high"]) == (-0.96, 2.96)
    assert shown.iloc[0]["verdict"] == "too few to say"


def test_signed_values_read_plainly():
    assert signed(1) == "+1.0"
    assert signed(-0.36) == "-0.4"          # an ASCII minus
    assert signed(-0.04) == "0.0"          # never "-0.0"
    assert change_label(1.0, None, None, "too few to say") == "+1.0 (one pair: no range); too few to say"
    assert change_label(1.0, -0.963243, 2.963243, "too few to say") == "+1.0 (-1.0 to +3.0); too few to say"


def test_a_single_pair_has_no_interval_but_is_labelled():
    frame = skills_frame().iloc[[0]].assign(pairs=1, ci95=None, ci95_low=None, ci95_high=None)
    shown = plotted(frame)
    assert pd.isna(shown.iloc[0]["ci_low"]) and shown.iloc[0]["label_at"] == 1.0
    assert shown.iloc[0]["change_label"] == "+1.0 (one pair: no range); too few to say"


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
    # Too few pairs for a verdict: a hollow dot, and the words in the label and the tooltip.
    point = spec["layer"][0]
    assert point["encoding"]["fill"] == {"condition": {"test": "datum.too_few", "value": "white"},
                                         "value": point["mark"]["color"]}
    assert "verdict" in [t["field"] for t in point["encoding"]["tooltip"]]


def test_the_change_charts_alt_text_gives_each_verdict():
    text = change_alt_text("Dot chart", "the average change in rating per skill", plotted(skills_frame()),
                           "skill_name")
    assert text.endswith("Verdicts: Confidence: too few to say; Speaking up: too few to say.")


def test_improved_bars_are_labelled_with_share_and_pairs():
    spec = improved_chart(plotted(skills_frame())).to_dict()
    assert spec["layer"][1]["encoding"]["text"]["field"] == "improved_label"


def test_programme_chart_compares_programmes_on_one_skill_with_one_set_of_axes():
    # Podcast as in skills_frame; Keeping It Social's confidence +2.0 from 6 pairs, its speaking up as Podcast's.
    cells = pd.concat([skills_frame().assign(programme_name="Podcast"),
                       skills_frame().assign(programme_name="Keeping It Social")])
    cells.loc[(cells["programme_name"] == "Keeping It Social") & (cells["skill"] == "confidence"),
              ["pairs", "mean_change"]] = [6, 2.0]
    shown = plotted_cells(cells)
    assert len(shown) == 4 and set(shown["programme_name"]) == {"Podcast", "Keeping It Social"}
    # Confidence 5 + 6 = 11 pairs, speaking up 7 + 7 = 14: speaking up is offered first.
    assert skills_with_most_pairs(shown) == {"voice": "Speaking up", "confidence": "Confidence"}
    confidence = one_skill(shown, "confidence")
    assert confidence[["programme_name", "pairs", "mean_change"]].values.tolist() == [
        ["Keeping It Social", 6, 2.0], ["Podcast", 5, 1.0]]                   # biggest change first
    spec = programme_change_chart(confidence).to_dict()
    assert "facet" not in spec                                                  # one set of axes, not a panel each
    assert [layer["mark"]["type"] for layer in spec["layer"]] == ["point", "rule", "rule", "text"]
    point = spec["layer"][0]
    assert point["encoding"]["y"]["field"] == "programme_name"
    assert point["encoding"]["y"]["sort"] == ["Keeping It Social", "Podcast"]
    assert point["mark"]["description"]["expr"].startswith('datum["programme_name"] + ", " + datum["skill_name"]')
    (rows,) = _datasets(programme_change_chart(confidence))
    assert [r["change_label"] for r in rows] == ["+2.0 (-1.0 to +3.0); too few to say",
                                                 "+1.0 (-1.0 to +3.0); too few to say"]


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
    assert "Podcast" in to_svg(programme_change_chart(one_skill(shown, "confidence")))


def test_programme_chart_refuses_more_than_the_mark_limit():
    many = pd.concat([plotted_cells(skills_frame().assign(programme_name="Podcast"))] * (MAX_MARKS // 2 + 1),
                     ignore_index=True)
    with pytest.raises(ValueError, match="marks"):
        programme_change_chart(many)
