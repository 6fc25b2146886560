"""Every measure x split the catalogue allows, on the demo organisation: it runs, its chart builds,
small groups are hidden and never drawn, and what the page shows (protected figures) has a rule for
every column and counts of young people in multiples of k.

Chosen for speed: `explore` and the chart builder for EVERY allowed pair (and a second split for
each measure) here, as plain functions (about 40 ms a pair); the page itself, through AppTest,
for every measure once and every split once in tests/test_explorer_page.py.
"""

from datetime import date

import pytest

from charts.base import MAX_MARKS
from charts.explorer import PICK, explorer_alt_text, explorer_chart
from measures.explorer.catalogue import (
    DIMENSIONS, MEASURES, WHOLES, allowed_pairs, dimensions_for, second_splits_for,
)
from measures.explorer.explore import explore
from measures.explorer.protected import BESIDE, protect
from measures.explorer.words import numbers_table, sentence, value_words
from measures.filters import Filters, Period
from measures.suppression import is_suppressed
from models.schema import open_store

K = 5
LAST_YEAR = Period(date(2025, 1, 1), date(2025, 12, 31))
DEMO_END = date(2026, 3, 31)


@pytest.fixture(scope="module")
def demo(tmp_path_factory):
    from data.demo.organisation import load_demo
    engine = open_store(f"sqlite:///{tmp_path_factory.mktemp('explorer')}/demo.db")
    load_demo(engine, end=DEMO_END)
    return engine


def chart_rows(chart) -> list[dict]:
    """The rows of groups the chart draws (not the one-row data of a reference rule)."""
    spec = chart.to_dict()
    return [row for rows in spec.get("datasets", {}).values() for row in rows if "group" in row]


def _nested_params(spec) -> list[dict]:
    found = []
    if isinstance(spec, dict):
        found += [p for p in spec.get("params", []) if "select" in p]
        for value in spec.values():
            found += _nested_params(value)
    elif isinstance(spec, list):
        for value in spec:
            found += _nested_params(value)
    return found


def count_columns(measure: str) -> list[str]:
    """The columns of counts of young people (or their pairs) in the explorer's frame of `measure`."""
    beside = [c for c, kind in BESIDE.get(measure, {}).items() if kind == "count"]
    return beside if MEASURES[measure].source in WHOLES else ["young_people", *beside]


def check_view(engine, measure, dimension, by=None):
    frame = explore(engine, measure, dimension, LAST_YEAR, Filters(), K, by=by)
    assert len(frame), f"{measure} by {dimension}: the demo organisation has data for every pair"
    shown, hidden = frame[~frame["suppressed"]], frame[frame["suppressed"]]
    if MEASURES[measure].young_people:
        # 0: a figure with no young people behind it (staff's own ratings), nothing to protect;
        # a figure beside the value is hidden on its own (SUPPRESSED in its cell).
        for column in count_columns(measure):
            rows = frame if column != "young_people" else shown
            assert rows[column].map(lambda n: is_suppressed(n) or n is None or n == 0 or n >= K).all(), column
    else:
        assert not frame["suppressed"].any()
    assert hidden["value"].isna().all()
    if "young_people" in frame:
        assert hidden["young_people"].isna().all()
    exact, frame = frame, protect(frame, measure, K)   # what the page draws
    assert frame["suppressed"].equals(exact["suppressed"]) and frame["value"].isna().equals(exact["value"].isna())
    if MEASURES[measure].young_people:
        for column in count_columns(measure):
            assert frame[column].map(lambda n: is_suppressed(n) or n is None or n % K == 0).all(), column
    else:
        assert frame["value"].equals(exact["value"])
    chart = explorer_chart(frame, measure, dimension, by)
    drawn = chart_rows(chart)
    assert len(drawn) == len(shown[shown["value"].notna()]) <= MAX_MARKS
    hidden_keys = {(r["group"], r.get("group2")) for r in hidden.to_dict("records")}
    assert not {(r["group"], r.get("group2")) for r in drawn} & hidden_keys
    assert [p["name"] for p in _nested_params(chart.to_dict())] == [PICK]
    assert sentence(frame, measure, dimension, by, K)
    assert explorer_alt_text(frame, measure, dimension, by, K)
    table = numbers_table(frame, measure, dimension, by, K)
    assert (table.loc[frame["suppressed"].to_numpy(), value_words(measure)] == f"fewer than {K}").all()
    return frame


@pytest.mark.parametrize(("measure", "dimension"), allowed_pairs())
def test_every_allowed_pair_runs_and_draws_no_small_group(demo, measure, dimension):
    check_view(demo, measure, dimension)


def _grid_split(measure: str) -> tuple | None:
    """The measure's first split against its last split that is not a time (a grid), if any."""
    first = dimensions_for(measure)[0]
    grid = [d for d in second_splits_for(measure, first) if not DIMENSIONS[d].time]
    return (measure, first, grid[-1]) if grid else None


# Who gets to lead and depth split only by their own groups, once (`catalogue.WHOLES`).
SECOND_SPLITS = ([(m, "programme", "month") for m in MEASURES if MEASURES[m].source not in WHOLES]
                 + [s for m in MEASURES if (s := _grid_split(m))])


@pytest.mark.parametrize(("measure", "dimension", "by"), SECOND_SPLITS)
def test_a_second_split_for_every_measure(demo, measure, dimension, by):
    check_view(demo, measure, dimension, by)


def test_some_demo_groups_are_really_hidden(demo):
    # The checks above mean something only if the demo has small groups: care experience
    # "prefer not to say" is a handful of young people in a year.
    frame = explore(demo, "active_young_people", "care_experienced", LAST_YEAR, Filters(), K)
    assert frame["suppressed"].any() and not frame["suppressed"].all()
