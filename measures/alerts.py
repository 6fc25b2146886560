"""Alerts for the overview, in plain sentences (pure: figures in, sentences out)."""

from measures import formatting
from measures.suppression import is_suppressed


def _known(value) -> bool:
    return value is not None and not is_suppressed(value)


def _name(code: str) -> str:
    return code.replace("_", " ")


def _gap(gap, staff, young) -> str:
    """The gap between the two averages as shown beside it (so '5.0 against 3.6' says 1.4)."""
    shown = formatting.difference(staff, young, "mean")
    return formatting.mean(gap if shown is None else shown)


def alerts(now: dict, before: dict, thresholds: dict, work_label: str = "co-production") -> list[str]:
    """Sentences for: a principle rated below its threshold by young people; a staff-versus-young-
    people gap above the set size; feedback open over 30 days; active young people down sharply."""
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
    return found
