"""The depth of involvement chart builder (charts/depth.py): what reaches the chart data, its marks,
labels in text, a valid spec."""

import pandas as pd
import pytest

from charts.base import MAX_MARKS
from charts.depth import depth_alt_text, depth_chart, not_plotted_bands, plotted_bands
from charts.export import to_svg
from measures.depth_page import band_frame
from measures.suppression import SUPPRESSED

NO_PAIRS = {"pairs": 0, "mean_change": None, "share_improved": None, "ci95_low": None, "ci95_high": None,
            "verdict": "too few to say", "improved_pairs": 0}


def bands() -> pd.DataFrame:
    """The small organisation in Q1 2024 at k=1 (measures.depth.depth), with the 5-9 band hidden
    by hand. 1 session (Y3, Y4, Y5, Y6, Y7): changes -1, 0, +2, +1, +1: mean +0.6, variance 26/20,
    half-width t(0.975, 4) * sqrt(1.3 / 5) = 2.7764 * 0.5099 = 1.4157; 3 of 5 went up.
    2 to 4 sessions (Y1, Y2): Y1's one pair, +3."""
    return band_frame({
        "1": {"young_people": 5, "pairs": 5, "mean_change": 0.6, "share_improved": 0.6, "ci95_low": -0.815715,
              "ci95_high": 2.015715, "verdict": "too few to say", "improved_pairs": 3},
        "2-4": {"young_people": 2, "pairs": 1, "mean_change": 3.0, "share_improved": 1.0, "ci95_low": None,
                "ci95_high": None, "verdict": "too few to say", "improved_pairs": 1},
        "5-9": {"young_people": SUPPRESSED, **dict.fromkeys(NO_PAIRS, SUPPRESSED)},
        "10+": {"young_people": 0, **NO_PAIRS},
    }, 1, protected=False)


def test_only_bands_with_pairs_and_nothing_suppressed_are_plotted():
    shown = plotted_bands(bands(), 1)
    assert list(shown["sessions"]) == ["1 session", "2 to 4 sessions"]
    assert not shown.map(lambda v: v is SUPPRESSED).any().any()
    once = shown.iloc[0]
    assert (once["young_people"], once["pairs"], once["improved"], once["mean_change"]) == (5, 5, 3, 0.6)
    assert (once["ci_low"], once["ci_high"], once["share_improved"]) == (-0.82, 2.02, 0.6)
    assert once["change_label"] == "+0.6 (-0.8 to +2.0); too few to say" and once["too_few"]
    twice = shown.iloc[1]
    assert pd.isna(twice["ci_low"]) and twice["label_at"] == 3.0
    assert twice["change_label"] == "+3.0 (one pair: no range); too few to say"
    assert not_plotted_bands(bands()) == (["5 to 9 sessions"], ["10 or more sessions"])


def test_a_band_whose_young_people_are_hidden_keeps_them_out_of_the_data():
    frame = bands()
    frame.loc[0, "young_people"] = SUPPRESSED
    shown = plotted_bands(frame, 5)
    assert shown.iloc[0]["young_people"] is None and shown.iloc[0]["young_text"] == "fewer than 5"


def test_the_chart_draws_a_point_its_interval_a_zero_line_and_labels():
    chart = depth_chart(plotted_bands(bands(), 1))
    spec = chart.to_dict()
    assert [layer["mark"]["type"] for layer in spec["layer"]] == ["point", "rule", "rule", "text"]
    point, interval, zero, text = spec["layer"]
    assert (interval["encoding"]["x"]["field"], interval["encoding"]["x2"]["field"]) == ("ci_low", "ci_high")
    assert zero["encoding"] == {"x": {"datum": 0}}
    assert text["encoding"]["text"]["field"] == "change_label"
    assert point["encoding"]["y"]["sort"] == ["1 session", "2 to 4 sessions"]
    assert point["encoding"]["fill"]["condition"] == {"test": "datum.too_few", "value": "white"}
    assert {t["field"] for t in point["encoding"]["tooltip"]} >= {"verdict", "young_text", "improved_tip"}
    (rows,) = chart.to_dict()["datasets"].values()
    assert [r["sessions"] for r in rows] == ["1 session", "2 to 4 sessions"]     # the hidden band is not there
    assert not any("5 to 9" in str(value) for r in rows for value in r.values())


def test_the_alt_text_says_each_band_in_words():
    assert depth_alt_text(plotted_bands(bands(), 1)) == (
        "Dot chart of the average change in skill ratings by sessions attended, for 2 groups of young people. "
        "1 session: +0.6 (-0.8 to +2.0); too few to say. 2 to 4 sessions: +3.0 (one pair: no range); too few to say.")
    assert "no band to show" in depth_alt_text(plotted_bands(bands().iloc[[3]], 1))


def test_the_chart_refuses_more_than_the_mark_limit():
    many = pd.concat([plotted_bands(bands(), 1)] * (MAX_MARKS // 2 + 1), ignore_index=True)
    with pytest.raises(ValueError, match="marks"):
        depth_chart(many)


def test_the_chart_exports_to_svg():
    svg = to_svg(depth_chart(plotted_bands(bands(), 1)))
    assert svg.lstrip().startswith("<svg") and "2 to 4 sessions" in svg
