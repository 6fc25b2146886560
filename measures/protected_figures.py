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
    }
    return _same_keys(e, protected)


def _skill(s: dict, improved, k: int) -> dict:
    return _same_keys(s, {
        "pairs": p.count(s["pairs"], k),
        "mean_change": p.mean(s["mean_change"]),
        "share_improved": p.share(s["share_improved"], improved, s["pairs"], k),
        "awaiting_post": p.count(s["awaiting_post"], k),
    })


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


def _remuneration(r: dict, counts: dict, k: int) -> dict:
    return _same_keys(r, {
        "paid_total_gbp": p.money(r["paid_total_gbp"], k),
        "paid_share": p.share(r["paid_share"], counts["paid_records"], counts["attended"], k),
        "expenses_total_gbp": p.money(r["expenses_total_gbp"], k),
    })


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
    health = exact["health_index"]
    shares = {
        "attendance_rate": engagement["attendance_rate"],
        "share_improved": p.share(pooled["share_improved"], pooled["improved"], pooled["pairs"], k),
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
        "principles": principles,
        "feedback": exact["feedback"],  # items raised, not people: not suppressed (docs/disclosure.md)
        "remuneration": _remuneration(exact["remuneration"], basis["engagement"], k),
        "health_index": health_index(shares, weights, health["thresholds"]),
    }
    unknown = set(without_basis(exact)) - set(protected)
    if unknown:
        raise KeyError(f"no protection rule for {sorted(unknown)}")
    return protected


def _component_share(health: dict, name: str):
    value = health["components"][name]["value"]
    return value if p.missing(value) else value / 100
