"""One text defines each figure (measures/definitions.py): the explorer's measures and the
overview's other figures, and the pages show those texts."""

import pytest

from measures.definitions import DEFINITIONS, OTHER_DEFINITIONS, definition
from measures.engagement_page import FIGURES as ENGAGEMENT_FIGURES
from measures.overview_page import FIGURES as OVERVIEW_FIGURES


def test_every_figure_has_one_definition():
    assert not set(DEFINITIONS) & set(OTHER_DEFINITIONS)
    assert definition("attendance_rate") is DEFINITIONS["attendance_rate"]
    assert definition("health_index") is OTHER_DEFINITIONS["health_index"]
    with pytest.raises(KeyError):
        definition("nothing")


def test_every_key_figure_of_the_overview_and_engagement_is_defined():
    keys = [key for key, _, _ in ENGAGEMENT_FIGURES] + [key for _, key, _, _ in OVERVIEW_FIGURES]
    assert all(definition(key) for key in [*keys, "health_index"])


def test_the_new_measures_say_what_their_figures_mean():
    # docs/measures.md: a ratio of 1 is fair; depth is association, not cause; a verdict needs 10 pairs.
    assert "1 is fair" in definition("representation")
    assert "co-facilitated" in definition("representation") and "co-design or co-production" in definition(
        "representation")
    assert "(1, 2 to 4, 5 to 9, 10 or more)" in definition("depth") and "not that it causes" in definition("depth")
    assert "too few to say (fewer than 10 pairs)" in definition("mean_skill_change")
