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
