"""The explorer's choices: the measure and how to split it (above the chart), and "only these
groups" in the sidebar (one month or quarter of the period, and groups the sidebar's filters do
not have). Every widget is bound to the URL, so a copied link reopens the view."""

import streamlit as st

from measures.explorer.catalogue import (
    DIMENSIONS, FOCUS_DIMENSIONS, MEASURES, buckets_in, covered_words, dimensions_for, narrowed, second_splits_for,
    time_kind,
)
from measures.explorer.explore import framework_names, group_options
from measures.filters import Period

WHEN = "when"  # the "only one month or quarter" filter
SPLIT, BY = "split", "by"
# The widget keys (and URL parameters) of "only these groups", by dimension.
FOCUS_KEYS = {"stage": "stage", "led_by": "led_by", "ladder_rung": "rung", "rater_role": "rater",
              "principle": "principle", "skill": "skill"}


def pickers(engine) -> tuple[str, str, str | None, str | None]:
    """The measure, its split, a second split (or None) and, for ratings, one framework (or None)."""
    left, middle, right = st.columns(3)
    measure = left.selectbox("Measure", list(MEASURES), format_func=lambda m: MEASURES[m].label, key="measure",
                             bind="query-params", help="What to look at. Its definition is just below.")
    dimension = middle.selectbox("Split by", dimensions_for(measure), format_func=lambda d: DIMENSIONS[d].label,
                                 key=SPLIT, bind="query-params",
                                 help="Only the splits that make sense for this measure are offered.")
    by = right.selectbox("And by", ["", *second_splits_for(measure, dimension)], key=BY, bind="query-params",
                         format_func=lambda d: DIMENSIONS[d].label if d else "Nothing else",
                         help="A second split: a grid, or one small chart per group over time.") or None
    framework = None
    if MEASURES[measure].source == "ratings":
        names = framework_names(engine)
        framework = st.selectbox("Principles", ["", *names], key="principles", bind="query-params",
                                 format_func=lambda c: names[c] if c else "All principles together") or None
    return measure, dimension, by, framework


def only_these_groups(engine, measure: str, framework: str | None, period: Period) -> tuple[Period, tuple]:
    """Filters the sidebar does not have: one month or quarter of the period, and the stage, who
    led, rung, who rated, principle or skill. Returns the period to show and the chosen groups."""
    offered = [d for d in FOCUS_DIMENSIONS if d in dimensions_for(measure)]
    chosen = []
    with st.sidebar:
        st.subheader("Only these groups", anchor=False)
        when = st.selectbox("Only one month or quarter", ["", *buckets_in(period.start, period.end)], key=WHEN,
                            bind="query-params",
                            format_func=lambda key: covered_words(time_kind(key), key, period.start, period.end)
                            if key else "The whole period")
        if when:
            period = Period(*narrowed(period.start, period.end, when))
        for dimension in offered:
            options = group_options(engine, dimension, framework)
            values = st.multiselect(DIMENSIONS[dimension].label, list(options), format_func=options.get,
                                    key=FOCUS_KEYS[dimension], bind="query-params", placeholder="All")
            if values:
                chosen.append((dimension, tuple(values)))
    return period, tuple(chosen)
