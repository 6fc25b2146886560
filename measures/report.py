"""Every figure for one period and filters, as one JSON-ready object (`manage.py measures`).

The dashboard pages and the command line read the same functions, so a head of innovation, a
trustee and a script get the same number for the same question.
"""

import math

from measures.audiences import ADMIN, check_question, is_protected
from measures.engagement import engagement_and_remuneration
from measures.feedback import feedback_figures
from measures.filters import Filters, Period
from measures.health import health_index
from measures.parallel import run_side_by_side
from measures.principles import pooled_adherence, principle_table
from measures.protected_figures import BASIS, protected_figures, without_basis
from measures.skills import skills_and_pooled_share
from measures.suppression import to_json_safe
from models.settings import get_setting

SKILL_KEYS = ("pairs", "mean_change", "share_improved", "awaiting_post")
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
               full: bool = False) -> dict[str, tuple]:
    """The independent parts of `figures`, as calls for `run_side_by_side` (slowest first)."""
    return {prefix + name: call for name, call in {
        "engagement": (engagement_and_remuneration, engine, period, filters, k),
        "skills": (skills_and_pooled_share, engine, period, filters, k, full),
        "principles": (principle_table, engine, period, filters, k),
        "adherence": (pooled_adherence, engine, period, filters, k),
        "feedback": (feedback_figures, engine, period, filters)}.items()}


def assemble(engine, period: Period, k: int, parts: dict, prefix: str = "") -> dict:
    """The measures object from the results of `part_calls`: the admin figures, and under
    `BASIS` the exact numerators that protected shares are made from (never shown)."""
    engagement, remuneration, counts = parts[prefix + "engagement"]
    feedback, skills, adherence = parts[prefix + "feedback"], parts[prefix + "skills"], parts[prefix + "adherence"]
    by_framework: dict = {}
    high: dict = {}
    for row in parts[prefix + "principles"].to_dict("records"):
        by_framework.setdefault(row["framework"], {})[row["principle"]] = {key: _value(row[key])
                                                                           for key in PRINCIPLE_KEYS}
        high.setdefault(row["framework"], {})[row["principle"]] = row["ratings_4_5"]
    skill_rows = skills[0].to_dict("records")
    health = health_index(
        {"attendance_rate": engagement["attendance_rate"],
         "share_improved": skills[1]["share_improved"],
         "principle_adherence": adherence["share_4_5"],
         "feedback_closed_within_30_days": feedback["closed_within_30_days_share"],
         "youth_led_share": engagement["youth_led_share"]},
        get_setting(engine, "health_weights"), get_setting(engine, "health_thresholds"))
    return {
        "period": {"from": period.start.isoformat(), "to": period.end.isoformat()},
        "k": k,
        "engagement": engagement,
        "skills": {row["skill"]: {key: _value(row[key]) for key in SKILL_KEYS} for row in skill_rows},
        "principles": by_framework,
        "feedback": feedback,
        "remuneration": remuneration,
        "health_index": health,
        BASIS: {"engagement": counts, "skills": {row["skill"]: row["improved"] for row in skill_rows},
                "skills_pooled": skills[1], "principles": high, "adherence": adherence},
    }


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
