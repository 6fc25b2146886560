"""Alerts for the overview, in plain sentences (pure: figures in, sentences out)."""

from measures.suppression import is_suppressed


def _known(value) -> bool:
    return value is not None and not is_suppressed(value)


def _name(code: str) -> str:
    return code.replace("_", " ")


def alerts(now: dict, before: dict, thresholds: dict, work_label: str = "co-production") -> list[str]:
    """Sentences for: a principle rated below its threshold by young people; a staff-versus-young-
    people gap above the set size; feedback open over 30 days; active young people down sharply."""
    found = []
    for framework, principles in now["principles"].items():
        for principle, f in principles.items():
            rating = f["young_people_mean"] if _known(f["young_people_mean"]) else f["mean"]
            who = "Young people rate" if _known(f["young_people_mean"]) else "Ratings of"
            if _known(rating) and rating < thresholds["principle_mean_below"]:
                found.append(f"{who} '{_name(principle)}' ({_name(framework)}) {rating:.1f} out of 5 on average, "
                             f"below {thresholds['principle_mean_below']:.1f}.")
            if _known(f["gap"]) and f["gap"] > thresholds["gap_above"]:
                found.append(f"Staff rate '{_name(principle)}' {f['gap']:.1f} points higher than young people do "
                             f"({f['staff_mean']:.1f} against {f['young_people_mean']:.1f}).")
    overdue = now["feedback"]["open_over_30_days"]
    if overdue:
        found.append(f"{overdue} 'you said' item{'s have' if overdue != 1 else ' has'} waited more than 30 days "
                     "without an answer.")
    active, earlier = now["engagement"]["active_young_people"], before["engagement"]["active_young_people"]
    dropped = _known(active) and _known(earlier) and earlier and (earlier - active) / earlier
    if dropped and dropped >= thresholds["active_drop_share"]:
        found.append(f"Fewer young people are taking part in {work_label}: {active} against {earlier} in the "
                     f"period before ({100 * (earlier - active) / earlier:.0f}% fewer).")
    return found
