"""What a click on a bar, point or square does: narrow the view to that group, then split what
is inside it (pure: the page turns the result into its widgets' new values)."""

from dataclasses import dataclass, field

from measures.explorer.catalogue import (
    DIMENSIONS, FOCUS_DIMENSIONS, MEASURES, NO_PROGRAMME, NOT_RECORDED, WHOLES, next_split,
)


@dataclass
class LookInside:
    groups: dict[str, str] = field(default_factory=dict)  # dimension -> the one group to keep
    when: str | None = None                                 # a month ('2024-03') or quarter ('2024-Q1') to keep
    split: str | None = None                                # what to split by next (None: nothing changes)
    not_filterable: list[str] = field(default_factory=list)  # dimensions whose group cannot be a filter
    whole: str | None = None                                # a measure whose groups cannot be looked inside


def look_inside(measure: str, dims: list[str], point: dict) -> LookInside:
    """`point` is the chart's selection ({"group": ..., "group2": ...}); `dims` the splits on screen.
    "Not recorded" (or "no programme") becomes a filter only
    where the explorer's own "only these groups" offers it (stage, rung of the ladder). The groups
    of who gets to lead and of depth are the whole answer (`catalogue.WHOLES`): nothing changes."""
    if MEASURES[measure].source in WHOLES:
        return LookInside(whole=measure)
    result, inside = LookInside(), []
    for name, dimension in zip(("group", "group2"), dims, strict=False):
        value = point.get(name)
        if value is None:
            continue
        value = str(value)
        if DIMENSIONS[dimension].time:
            result.when = value
        elif value in (NOT_RECORDED, NO_PROGRAMME) and dimension not in FOCUS_DIMENSIONS:
            result.not_filterable.append(dimension)
            continue
        else:
            result.groups[dimension] = value
        inside.append(dimension)
    if inside:
        result.split = next_split(measure, inside)
    return result
