"""The "Who gets to lead" page's figures in words, apart from Streamlit: the representation ratio
written out; the groups of `measures.representation` as a table in words, as the chart's frame,
and as the frame a downloaded file holds (protected figures); the groups the chart cannot draw;
and what the ratio means."""

import pandas as pd

from measures import formatting
from measures.explorer.catalogue import DIMENSIONS as WORDS
from measures.representation import DIMENSIONS
from measures.suppression import is_suppressed

FIGURE_KINDS = (("taking_part", "Taking part", "count"), ("leading", "Leading", "count"),
                ("doing_with", "Doing with", "count"), ("leading_share", "Leading share", "share"))
RATIO = "Representation ratio"
# The kind of every column of the downloaded file (measures.protected_frames). No kind turns
# protected counts into a ratio of two shares, so the file is made from figures already protected
# (`protected_representation`: counts in multiples of k, the ratio worked out from them,
# docs/disclosure.md) and the ratio passes as it is; protecting the counts and the share again
# leaves them as they are.
EXPORT_KINDS = {"Characteristic": "label", "Group": "label", "Taking part": "count", "Leading": "count",
                "Doing with": "count", "Leading share": ("share_of", "Leading", "Taking part"), RATIO: "exact",
                "Hidden": "label"}


def ratio(value) -> str:
    """A representation ratio to two decimals, half up: '0.75', '0.50', '2.00'."""
    return formatting.ratio(value)


def ratio_figure(value, k: int) -> str:
    """A ratio as shown: 'fewer than k' when hidden, 'no data' when missing."""
    return formatting.hidden(k) if is_suppressed(value) else ratio(value)


def characteristic_words(dimension: str) -> str:
    return WORDS[dimension].label


def group_words(dimension: str, value: str) -> str:
    return WORDS[dimension].values.get(value, value)


def _groups(figures: dict):
    for dimension in DIMENSIONS:
        for value, group in figures[dimension].items():
            yield dimension, value, group


def words_table(figures: dict, k: int) -> pd.DataFrame:
    """One row per group: its characteristic and group in words, then every figure written out
    ('fewer than k' where hidden, 'no data' where there is none)."""
    return pd.DataFrame([{"Characteristic": characteristic_words(d), "Group": group_words(d, v),
                          **{label: formatting.figure(g[key], kind, k) for key, label, kind in FIGURE_KINDS},
                          RATIO: ratio_figure(g["representation_ratio"], k)}
                         for d, v, g in _groups(figures)])


def chart_frame(figures: dict) -> pd.DataFrame:
    """The chart's groups: characteristic and group (codes), the ratio (None when there is none or
    it is hidden) and whether it is hidden (`suppressed`)."""
    rows = [{"characteristic": d, "group": v, "suppressed": is_suppressed(g["representation_ratio"]),
             "ratio": None if is_suppressed(g["representation_ratio"]) else g["representation_ratio"]}
            for d, v, g in _groups(figures)]
    return pd.DataFrame(rows, columns=["characteristic", "group", "ratio", "suppressed"])


def export_frame(protected: dict) -> pd.DataFrame:
    """The downloaded file's rows from protected figures (`protected_representation`): hidden
    figures stay hidden (blank in the file, with `Hidden` set)."""
    def kept(value):
        return None if is_suppressed(value) else value
    return pd.DataFrame([{"Characteristic": characteristic_words(d), "Group": group_words(d, v),
                          **{label: g[key] for key, label, _ in FIGURE_KINDS},
                          RATIO: kept(g["representation_ratio"]),
                          "Hidden": any(is_suppressed(g[key]) for key, *_ in FIGURE_KINDS)}
                         for d, v, g in _groups(protected)], columns=list(EXPORT_KINDS))


def nobody_led(figures: dict) -> bool:
    """Whether a group that is shown has young people taking part but no ratio: nobody led at all."""
    return any(not is_suppressed(g["taking_part"]) and g["taking_part"] and g["representation_ratio"] is None
               for _, _, g in _groups(figures))


def not_drawn_note(figures: dict, k: int) -> str | None:
    """The groups left out of the chart, in words: hidden ones, and ones nobody took part in."""
    hidden, empty = {}, {}
    for d, v, g in _groups(figures):
        if is_suppressed(g["representation_ratio"]) or is_suppressed(g["taking_part"]):
            hidden.setdefault(d, []).append(group_words(d, v).lower())
        elif g["taking_part"] == 0:
            empty.setdefault(d, []).append(group_words(d, v).lower())
    sentences = [f"Not drawn, {what}: " + "; ".join(f"{characteristic_words(d)}: {', '.join(values)}"
                                                    for d, values in groups.items()) + "."
                 for what, groups in ((f"{formatting.hidden(k)} young people, or a group that would give one away",
                                       hidden), ("nobody in the group took part", empty)) if groups]
    return " ".join(sentences) or None


def explanation(below: float) -> str:
    """What the ratio means, for the top of the page (markdown; no text from the store)."""
    return ("**What the representation ratio means.** For each group of young people we compare its share of the "
            "young people who led (as lead or co-facilitator at a session they came to) with its share of all the "
            "young people taking part. A ratio of 1 is fair: the group leads as often as it takes part. Below 1, "
            "the group leads less often than it takes part; above 1, more often. Groups below "
            f"{ratio(below)}, the alert threshold set in Settings, are marked. 'Not recorded' is the group whose "
            "record leaves that detail empty. 'Doing with' counts young people who came to at least one session on "
            "the ladder's co-design and co-production rungs. The figures show who leads, not why: they show an "
            "association, not a cause.")
