"""Every figure for one period and filters, as one JSON-ready object (`manage.py measures`).

The dashboard pages and the command line read the same functions, so a head of innovation, a
trustee and a script get the same number for the same question.
"""

import math
from concurrent.futures import ThreadPoolExecutor

from measures.engagement import engagement_figures, remuneration_figures
from measures.feedback import feedback_figures
from measures.filters import Filters, Period
from measures.health import health_index
from measures.principles import pooled_adherence, principle_table
from measures.skills import pooled_share_improved, skills_by_skill
from measures.suppression import to_json_safe
from models.settings import get_setting

_POOL = ThreadPoolExecutor(max_workers=3, thread_name_prefix="measures")
SKILL_KEYS = ("pairs", "mean_change", "share_improved", "awaiting_post")
PRINCIPLE_KEYS = ("mean", "share_4_5", "young_people_mean", "staff_mean", "gap", "ratings")


def _value(value):
    """Frames hold missing figures as NaN; everything downstream expects None."""
    return None if isinstance(value, float) and math.isnan(value) else value


def suppression_k(engine) -> int:
    return int(get_setting(engine, "suppression_k"))


def figures(engine, period: Period, filters: Filters, k: int | None = None) -> dict:
    """All figures, with SUPPRESSED markers where fewer than k young people stand behind one."""
    k = suppression_k(engine) if k is None else k
    # The parts are independent queries; both databases run them side by side (SQLite lets other
    # Python threads go on while a query runs), so a cold page waits about half as long. One pool
    # for the whole process, so many people at once never hold more than a few extra connections.
    parts = {name: _POOL.submit(function, engine, period, filters, *args) for name, (function, args) in {
        "engagement": (engagement_figures, (k,)), "skills": (skills_by_skill, (k,)),
        "principles": (principle_table, (k,)), "feedback": (feedback_figures, ()),
        "remuneration": (remuneration_figures, (k,)), "share_improved": (pooled_share_improved, (k,)),
        "adherence": (pooled_adherence, (k,))}.items()}
    engagement, skills, principles, feedback, remuneration, share_improved, adherence = (
        parts[name].result() for name in ("engagement", "skills", "principles", "feedback", "remuneration",
                                          "share_improved", "adherence"))
    by_framework: dict = {}
    for row in principles.to_dict("records"):
        by_framework.setdefault(row["framework"], {})[row["principle"]] = {key: _value(row[key])
                                                                           for key in PRINCIPLE_KEYS}
    health = health_index(
        {"attendance_rate": engagement["attendance_rate"],
         "share_improved": share_improved,
         "principle_adherence": adherence,
         "feedback_closed_within_30_days": feedback["closed_within_30_days_share"],
         "youth_led_share": engagement["youth_led_share"]},
        get_setting(engine, "health_weights"), get_setting(engine, "health_thresholds"))
    return {
        "period": {"from": period.start.isoformat(), "to": period.end.isoformat()},
        "k": k,
        "engagement": engagement,
        "skills": {row["skill"]: {key: _value(row[key]) for key in SKILL_KEYS} for row in skills.to_dict("records")},
        "principles": by_framework,
        "feedback": feedback,
        "remuneration": remuneration,
        "health_index": health,
    }


def measures_json(engine, period: Period, filters: Filters, k: int | None = None) -> dict:
    """The public JSON object of DOMAIN.md: SUPPRESSED becomes null and is listed by path."""
    clean, suppressed = to_json_safe(figures(engine, period, filters, k))
    clean["suppressed"] = suppressed
    return clean
