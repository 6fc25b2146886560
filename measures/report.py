"""Every figure for one period and filters, as one JSON-ready object (`manage.py measures`).

The dashboard pages and the command line read the same functions, so a head of innovation, a
trustee and a script get the same number for the same question.
"""

import math

from measures.audiences import ADMIN, check_question, is_protected
from measures.depth import depth
from measures.engagement import engagement_and_remuneration, stage_coverage_counts
from measures.feedback import feedback_figures
from measures.filters import Filters, Period
from measures.health import health_index
from measures.parallel import run_side_by_side
from measures.principles import pooled_adherence, principle_table
from measures.protected_figures import BASIS, protected_figures, without_basis
from measures.representation import COUNTS as REPRESENTATION_COUNTS
from measures.representation import representation
from measures.skills import skills_and_pooled_share
from measures.suppression import to_json_safe
from models.settings import get_setting

STATISTICS_KEYS = ("ci95_low", "ci95_high", "effect_size_dz", "improved", "same", "worse", "verdict")
SKILL_KEYS = ("pairs", "mean_change", "share_improved", "awaiting_post", *STATISTICS_KEYS)
POOLED_KEYS = ("pairs", "mean_change", "share_improved", *STATISTICS_KEYS)
DEPTH_KEYS = ("young_people", "pairs", "mean_change", "share_improved", "ci95_low", "ci95_high", "verdict")
PRINCIPLE_KEYS = ("mean", "share_4_5", "young_people_mean", "staff_mean", "gap", "ratings")


def _value(value):
    """Frames hold missing figures as NaN; everything downstream expects None."""
    return None if isinstance(value, float) and math.isnan(value) else value


def suppression_k(engine) -> int:
    return int(get_setting(engine, "suppression_k"))


def figures(engine, period: Period, filters: Filters, k: int | None = None, full: bool = False) -> dict:
    """All figures, with SUPPRESSED markers where fewer than k young people stand behind one;
    `full` secondary suppression for a protected audience (`suppression.complete_hiding`)."""
    k = suppression_k(engine) if k is None else k
    return assemble(engine, period, k, run_side_by_side(part_calls(engine, period, filters, k, full=full)))


def part_calls(engine, period: Period, filters: Filters, k: int, prefix: str = "",
               full: bool = False, depth_and_stages: bool = True, compared_only: bool = False,
               waiting: bool = True) -> dict[str, tuple]:
    """The independent parts of `figures`, as calls for `run_side_by_side` (slowest first).
    Without `depth_and_stages` or `waiting` (the overview, which shows neither depth, stages nor
    the skills' waiting counts), those are left out (`awaiting_post` None).
    With `compared_only` (the period before, which the overview only compares with), only what its
    key figures, alerts and health index read: no principles, representation, depth, stages or
    per-skill waiting counts (each a pass over a period's rows: docs/decisions.md, 23)."""
    calls = {
        "engagement": (engagement_and_remuneration, engine, period, filters, k),
        "skills": (skills_and_pooled_share, engine, period, filters, k, full, waiting and not compared_only),
        "principles": (principle_table, engine, period, filters, k),
        "representation": (representation, engine, period, filters, k, full),
        "adherence": (pooled_adherence, engine, period, filters, k),
        "feedback": (feedback_figures, engine, period, filters)}
    if compared_only:
        return {prefix + name: call for name, call in calls.items() if name not in ("principles", "representation")}
    if depth_and_stages:
        calls |= {"depth": (depth, engine, period, filters, k, full),
                  "stage_coverage": (stage_coverage_counts, engine, period, filters, k)}
    return {prefix + name: call for name, call in calls.items()}


def assemble(engine, period: Period, k: int, parts: dict, prefix: str = "") -> dict:
    """The measures object from the results of `part_calls`: the admin figures, and under
    `BASIS` the exact numerators that protected shares are made from (never shown). From the
    parts of `compared_only`, its skills, principles and representation are empty."""
    engagement, remuneration, counts = parts[prefix + "engagement"]
    feedback, skills, adherence = parts[prefix + "feedback"], parts[prefix + "skills"], parts[prefix + "adherence"]
    compared_only = prefix + "principles" not in parts
    groups, group_totals = parts.get(prefix + "representation", ({}, dict.fromkeys(REPRESENTATION_COUNTS, 0)))
    bands = parts.get(prefix + "depth")
    by_framework: dict = {}
    high: dict = {}
    for row in [] if compared_only else parts[prefix + "principles"].to_dict("records"):
        by_framework.setdefault(row["framework"], {})[row["principle"]] = {key: _value(row[key])
                                                                           for key in PRINCIPLE_KEYS}
        high.setdefault(row["framework"], {})[row["principle"]] = row["ratings_4_5"]
    skill_rows, pooled = [] if compared_only else skills[0].to_dict("records"), skills[1]
    health = health_index(
        {"attendance_rate": engagement["attendance_rate"],
         "share_improved": pooled["share_improved"],
         "principle_adherence": adherence["share_4_5"],
         "feedback_closed_within_30_days": feedback["closed_within_30_days_share"],
         "youth_led_share": engagement["youth_led_share"]},
        get_setting(engine, "health_weights"), get_setting(engine, "health_thresholds"))
    if prefix + "stage_coverage" in parts:
        engagement = {**engagement, "stage_coverage": parts[prefix + "stage_coverage"]}
    measures = {
        "period": {"from": period.start.isoformat(), "to": period.end.isoformat()},
        "k": k,
        "engagement": engagement,
        "skills": {row["skill"]: {key: _value(row[key]) for key in SKILL_KEYS} for row in skill_rows},
        "skills_pooled": {key: _value(pooled[key]) for key in POOLED_KEYS},
        "principles": by_framework,
        "feedback": feedback,
        "remuneration": remuneration,
        "health_index": health,
        "representation": groups,
        BASIS: {"engagement": counts, "skills": {row["skill"]: row["improved_pairs"] for row in skill_rows},
                "skills_pooled": pooled, "principles": high, "adherence": adherence,
                "representation": group_totals},
    }
    if bands is not None:
        measures["depth"] = {band: {key: _value(f[key]) for key in DEPTH_KEYS} for band, f in bands.items()}
        measures[BASIS]["depth"] = {band: f["improved_pairs"] for band, f in bands.items()}
    return measures


def measures_json(engine, period: Period, filters: Filters, k: int | None = None,
                  audience: str = ADMIN) -> dict:
    """The public JSON object of docs/measures.md, as `audience` sees it (docs/disclosure.md):
    SUPPRESSED becomes null and is listed by path. A question the audience may not ask raises
    `QuestionRefused`."""
    check_question(audience, period, filters)
    exact = figures(engine, period, filters, k, full=is_protected(audience))
    shown = without_basis(exact) if audience == ADMIN else protected_figures(exact)
    clean, suppressed = to_json_safe(shown)
    clean["suppressed"] = suppressed
    return clean
