"""The co-production health index: a transparent composite of named components (0-100)."""

from measures.suppression import is_suppressed

COMPONENTS = (
    ("attendance_rate", "Attendance rate"),
    ("share_improved", "Young people whose skills improved"),
    ("principle_adherence", "Principles kept (ratings of 4 or 5)"),
    ("feedback_closed_within_30_days", "Feedback told back within 30 days"),
    ("youth_led_share", "Sessions led or co-led by young people"),
)
COMPONENT_LABELS = dict(COMPONENTS)
STATUS_WORDS = {"green": "Green: healthy", "amber": "Amber: needs attention", "red": "Red: slipping"}


def status_for(value: float | None, thresholds: dict) -> str | None:
    if value is None:
        return None
    if value >= thresholds["green"]:
        return "green"
    return "amber" if value >= thresholds["amber"] else "red"


def health_index(shares: dict, weights: dict, thresholds: dict) -> dict:
    """`shares` maps component name to a 0-1 share, None (no data) or SUPPRESSED.

    A component without data (or suppressed) is left out and the weights of the rest are
    rescaled; the index is None when no component has data. Reported weights are the ones
    actually used (summing to 1), so value = sum(component value x weight).
    """
    used = {name: shares[name] for name, _ in COMPONENTS
            if shares.get(name) is not None and not is_suppressed(shares[name]) and weights.get(name, 0) > 0}
    total_weight = sum(weights[name] for name in used)
    components = {}
    for name, _ in COMPONENTS:
        share = shares.get(name)
        value = share if is_suppressed(share) else (None if share is None else 100 * share)
        weight = weights[name] / total_weight if name in used else 0.0
        components[name] = {"value": value, "weight": weight, "configured_weight": weights.get(name, 0)}
    value = sum(100 * used[n] * weights[n] for n in used) / total_weight if used else None
    return {"value": value, "status": status_for(value, thresholds), "components": components,
            "thresholds": dict(thresholds)}
