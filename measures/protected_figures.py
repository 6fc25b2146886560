"""The measures object as a protected audience sees it, made from the admin figures by the
rules of `measures.protection` (docs/disclosure.md).

Every key of the object is listed here with its kind. A figure this module does not know is
refused (KeyError), never passed through: a new measure must say how it is protected before a
protected audience can see it.
"""

from measures import protection as p
from measures.health import health_index

BASIS = "_basis"  # the exact numerators that protected shares are made from; never shown


def without_basis(tree: dict) -> dict:
    return {key: value for key, value in tree.items() if key != BASIS}


def _engagement(e: dict, counts: dict, k: int) -> dict:
    protected = {
        "active_young_people": p.count(e["active_young_people"], k),
        "returning_share": p.share(e["returning_share"], counts["returning"], e["active_young_people"], k),
        "attendance_rate": p.share(e["attendance_rate"], counts["attended"], counts["expected"], k),
        "involvement_hours": p.hours(e["involvement_hours"], k),
        "sessions_held": p.exact(e["sessions_held"]),
        "youth_led_share": p.exact(e["youth_led_share"]),
        "doing_with_share": p.exact(e["doing_with_share"]),
        "stage_coverage": e.get("stage_coverage"),  # stages, not people; hidden below k already
    }
    return _same_keys(e, protected)


def _skill(s: dict, improved, k: int) -> dict:
    """A skill's figures, or all skills pooled, or a depth band's pairs (the keys it has)."""
    return _same_keys(s, {
        "pairs": p.count(s["pairs"], k),
        "mean_change": p.mean(s["mean_change"]),
        "share_improved": p.share(s["share_improved"], improved, s["pairs"], k),
        "awaiting_post": p.count(s.get("awaiting_post"), k),
        "ci95_low": p.mean(s.get("ci95_low")),
        "ci95_high": p.mean(s.get("ci95_high")),
        "effect_size_dz": p.mean(s.get("effect_size_dz")),
        **{outcome: p.count(s.get(outcome), k) for outcome in ("improved", "same", "worse")},
        "verdict": p.exact(s.get("verdict")),  # from the exact interval: words, not a number to difference
    })


def _depth(bands: dict, improved: dict, k: int) -> dict:
    return {band: {"young_people": p.count(f["young_people"], k),
                   **_skill({key: value for key, value in f.items() if key != "young_people"}, improved[band], k)}
            for band, f in bands.items()}


def protected_representation(groups: dict, totals: dict, k: int) -> dict:
    """Counts rounded to multiples of k; the share and the ratio worked out from protected counts
    (never from the exact ones, whose decimals would give them back)."""
    all_leading, all_taking = p.count(totals["leading"], k), p.count(totals["taking_part"], k)
    shown = {}
    for dimension, values in groups.items():
        shown[dimension] = {}
        for value, g in values.items():
            taking, leading = p.count(g["taking_part"], k), p.count(g["leading"], k)
            ratio = g["representation_ratio"]
            if not p.missing(ratio) and ratio != 0:
                whole = p.missing(all_leading) or p.missing(all_taking) or not all_leading or not taking
                ratio = None if whole else (leading / all_leading) / (taking / all_taking)
            shown[dimension][value] = _same_keys(g, {
                "taking_part": taking, "leading": leading, "doing_with": p.count(g["doing_with"], k),
                "leading_share": p.share(g["leading_share"], g["leading"], g["taking_part"], k),
                "representation_ratio": ratio})
    return shown


def _principle(f: dict, high, k: int) -> dict:
    if f["young_people_mean"] is None:  # rated by staff alone (or not at all): not about young people
        return f
    young = p.mean(f["young_people_mean"])
    staff = p.exact(f["staff_mean"])  # staff figures are not about young people
    gap = f["gap"] if p.missing(f["gap"]) or p.missing(young) else round(staff - young, 10)
    return _same_keys(f, {
        "mean": p.mean(f["mean"]),
        "share_4_5": p.share(f["share_4_5"], high, f["ratings"], k),
        "young_people_mean": young,
        "staff_mean": staff,
        "gap": gap,
        "ratings": f["ratings"] if p.missing(f["ratings"]) else p.rounded_count(f["ratings"], k),
    })


def protected_remuneration(r: dict, counts: dict, hours, k: int) -> dict:
    return _same_keys(r, {
        "paid_total_gbp": p.money(r["paid_total_gbp"], k),
        "paid_share": p.share(r["paid_share"], counts["paid_records"], counts["attended"], k),
        "expenses_total_gbp": p.money(r["expenses_total_gbp"], k),
        "paid_per_hour_gbp": _per_hour(r, hours, k),
    })


def _per_hour(r: dict, hours, k: int):
    """Pounds per hour from the protected pounds and hours."""
    if p.missing(r["paid_per_hour_gbp"]):
        return r["paid_per_hour_gbp"]
    paid, shown_hours = p.money(r["paid_total_gbp"], k), p.hours(hours, k)
    return round(paid / shown_hours, 2) if shown_hours else None


def _same_keys(admin: dict, protected: dict) -> dict:
    unknown = set(admin) - set(protected)
    if unknown:
        raise KeyError(f"no protection rule for {sorted(unknown)}")
    return {key: protected[key] for key in admin}


def protected_figures(exact: dict) -> dict:
    """The measures object of `measures.report.figures` (with its basis) for a protected
    audience: the same keys, every young-people figure protected, no basis."""
    k, basis = exact["k"], exact[BASIS]
    engagement = _engagement(exact["engagement"], basis["engagement"], k)
    skills = {code: _skill(s, basis["skills"][code], k) for code, s in exact["skills"].items()}
    principles = {fw: {code: _principle(f, basis["principles"][fw][code], k) for code, f in ps.items()}
                  for fw, ps in exact["principles"].items()}
    pooled, adherence = basis["skills_pooled"], basis["adherence"]
    pooled_shown = {key: value for key, value in pooled.items() if key in exact["skills_pooled"]}
    health = exact["health_index"]
    shares = {
        "attendance_rate": engagement["attendance_rate"],
        "share_improved": p.share(pooled["share_improved"], pooled["improved_pairs"], pooled["pairs"], k),
        "principle_adherence": p.share(adherence["share_4_5"], adherence["ratings_4_5"], adherence["ratings"], k),
        "feedback_closed_within_30_days": _component_share(health, "feedback_closed_within_30_days"),
        "youth_led_share": engagement["youth_led_share"],
    }
    weights = {name: c["configured_weight"] for name, c in health["components"].items()}
    protected = {
        "period": exact["period"],
        "k": k,
        "engagement": engagement,
        "skills": skills,
        "skills_pooled": _skill(pooled_shown, pooled["improved_pairs"], k),
        "principles": principles,
        "feedback": exact["feedback"],  # items raised, not people: not suppressed (docs/disclosure.md)
        "remuneration": protected_remuneration(exact["remuneration"], basis["engagement"],
                                      exact["engagement"]["involvement_hours"], k),
        "health_index": health_index(shares, weights, health["thresholds"]),
        "representation": protected_representation(exact["representation"], basis["representation"], k),
    }
    if "depth" in exact:
        protected["depth"] = _depth(exact["depth"], basis["depth"], k)
    unknown = set(without_basis(exact)) - set(protected)
    if unknown:
        raise KeyError(f"no protection rule for {sorted(unknown)}")
    return protected


def _component_share(health: dict, name: str):
    value = health["components"][name]["value"]
    return value if p.missing(value) else value / 100
