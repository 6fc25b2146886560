"""Alerts for the overview and the "Who gets to lead" page, in plain sentences (pure: figures in, sentences out)."""

from measures import formatting
from measures.representation import NOT_RECORDED, under_represented
from measures.representation_page import group_words, ratio
from measures.suppression import is_suppressed

# Who a representation alert is about, in a sentence; an age band reads "Young people aged 11 to 15".
GROUP_PHRASES = {
    ("age_band", NOT_RECORDED): "Young people whose age band is not recorded",
    ("disability", "yes"): "Young people with a disability or SEND",
    ("disability", "no"): "Young people without a disability or SEND",
    ("disability", "prefer_not_to_say"): "Young people who prefer not to say whether they have a disability or SEND",
    ("disability", NOT_RECORDED): "Young people whose disability or SEND is not recorded",
    ("care_experienced", "yes"): "Care-experienced young people",
    ("care_experienced", "no"): "Young people who are not care-experienced",
    ("care_experienced", "prefer_not_to_say"): "Young people who prefer not to say whether they are care-experienced",
    ("care_experienced", NOT_RECORDED): "Young people whose care experience is not recorded",
}


def _known(value) -> bool:
    return value is not None and not is_suppressed(value)


def _name(code: str) -> str:
    return code.replace("_", " ")


def _gap(gap, staff, young) -> str:
    """The gap between the two averages as shown beside it (so '5.0 against 3.6' says 1.4)."""
    shown = formatting.difference(staff, young, "mean")
    return formatting.mean(gap if shown is None else shown)


def group_phrase(dimension: str, value: str) -> str:
    return GROUP_PHRASES.get((dimension, value)) or f"Young people aged {group_words(dimension, value).lower()}"


def representation_alerts(figures: dict, k: int, below: float) -> list[str]:
    """A sentence for each group of at least k young people taking part whose representation
    ratio (`measures.representation`) is below `below`."""
    return [f"{group_phrase(dimension, value)} lead less often than they take part: a representation ratio of "
            f"{ratio(found)} (below {ratio(below)})."
            for dimension, value, found in under_represented(figures, k, below)]


def alerts(now: dict, before: dict, thresholds: dict, work_label: str = "co-production") -> list[str]:
    """Sentences for: a principle rated below its threshold by young people; a staff-versus-young-
    people gap above the set size; feedback open over 30 days; active young people down sharply;
    a group of young people that leads less often than it takes part."""
    found = []
    for framework, principles in now["principles"].items():
        for principle, f in principles.items():
            rating = f["young_people_mean"] if _known(f["young_people_mean"]) else f["mean"]
            who = "Young people rate" if _known(f["young_people_mean"]) else "Ratings of"
            if _known(rating) and rating < thresholds["principle_mean_below"]:
                found.append(f"{who} '{_name(principle)}' ({_name(framework)}) {formatting.mean(rating)} out of 5 "
                             f"on average, below {formatting.mean(thresholds['principle_mean_below'])}.")
            if _known(f["gap"]) and f["gap"] > thresholds["gap_above"]:
                staff, young = f["staff_mean"], f["young_people_mean"]
                found.append(f"Staff rate '{_name(principle)}' {_gap(f['gap'], staff, young)} points higher than "
                             f"young people do ({formatting.mean(staff)} against {formatting.mean(young)}).")
    overdue = now["feedback"]["open_over_30_days"]
    if overdue:
        items = formatting.plural(overdue, "'you said' item")
        found.append(f"{items} {'have' if overdue != 1 else 'has'} waited more than 30 days without an answer.")
    active, earlier = now["engagement"]["active_young_people"], before["engagement"]["active_young_people"]
    dropped = _known(active) and _known(earlier) and earlier and (earlier - active) / earlier
    if dropped and dropped >= thresholds["active_drop_share"]:
        found.append(f"Fewer young people are taking part in {work_label}: {formatting.count(active)} against "
                     f"{formatting.count(earlier)} in the period before ({formatting.share(dropped)} fewer).")
    below = thresholds.get("representation_ratio_below")  # thresholds set without it: no such alert
    return found + ([] if below is None else representation_alerts(now["representation"], now["k"], below))
