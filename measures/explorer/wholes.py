"""Who gets to lead and depth of involvement as explorer frames: one row per group of young
people, from the measure functions every page uses (`measures.representation`,
`measures.depth`; definitions in docs/measures.md).

The explorer is for a protected audience, so they are asked with `full=True`: a dimension's
groups (the bands) are the parts of one whole, and more of them are hidden until the hidden ones
rest on at least k young people together (docs/disclosure.md). Each figure is hidden on its own,
so a hidden one keeps its SUPPRESSED marker in its cell (the table says "fewer than k" there,
and "no data" where there is none). `value` is the figure the chart draws, None when hidden;
`suppressed` says it is hidden. A group with nobody in it is left out, as the explorer's other
measures leave out groups without records. The exact totals a protected ratio or share is
worked out from ride along as basis columns, which `measures.explorer.protected` drops.
"""

import pandas as pd

from measures.depth import depth
from measures.explorer.catalogue import group_words
from measures.filters import Filters, Period
from measures.representation import representation
from measures.suppression import is_suppressed

REPRESENTATION_FIGURES = ("taking_part", "leading", "doing_with", "leading_share")
REPRESENTATION_BASIS = ("all_taking_part", "all_leading")
DEPTH_FIGURES = ("band_young_people", "pairs", "ci95_low", "ci95_high", "share_improved", "verdict")
DEPTH_BASIS = ("improved_pairs",)


def whole_frame(engine, measure: str, dimension: str, period: Period, filters: Filters, k: int) -> pd.DataFrame:
    if measure == "representation":
        return _representation(engine, dimension, period, filters, k)
    return _depth(engine, period, filters, k)


def _representation(engine, dimension: str, period: Period, filters: Filters, k: int) -> pd.DataFrame:
    figures, totals = representation(engine, period, filters, k, full=True)
    rows = [{"group": value, "label": group_words(dimension, value), "value": g["representation_ratio"],
             **{name: g[name] for name in REPRESENTATION_FIGURES},
             "all_taking_part": totals["taking_part"], "all_leading": totals["leading"]}
            for value, g in figures[dimension].items() if g["taking_part"] != 0]
    return _frame(rows, [*REPRESENTATION_FIGURES, *REPRESENTATION_BASIS])


def _depth(engine, period: Period, filters: Filters, k: int) -> pd.DataFrame:
    bands = depth(engine, period, filters, k, full=True)
    rows = [{"group": band, "label": group_words("depth_band", band), "value": f["mean_change"],
             "band_young_people": f["young_people"], **{name: f[name] for name in DEPTH_FIGURES[1:]},
             "improved_pairs": f["improved_pairs"]}
            for band, f in bands.items() if f["young_people"] != 0]
    return _frame(rows, [*DEPTH_FIGURES, *DEPTH_BASIS])


def _frame(rows: list[dict], figures: list[str]) -> pd.DataFrame:
    frame = pd.DataFrame(rows, columns=["group", "label", "value", *figures]).astype(object)
    frame["suppressed"] = frame["value"].map(is_suppressed).astype(bool)
    frame["value"] = pd.Series([None if hidden or v is None or v != v else float(v)
                                for v, hidden in zip(frame["value"], frame["suppressed"], strict=True)],
                               index=frame.index, dtype=object)
    return frame
