"""Freezing the figures for a board meeting: everything is computed once, here, and never again.

The content is the whole measures object of `measures.report.figures` (after suppression) and
the small, already-suppressed frames the core charts are drawn from. Nothing in it names or
counts an individual: no participant codes, no participant-level rows.
"""

from measures.engagement import monthly_engagement
from measures.feedback import feedback_by_month
from measures.filters import NO_FILTERS, Period
from measures.periods import first_session_day
from measures.principles import principle_table
from measures.report import figures
from measures.skills import skills_by_skill
from models.settings import get_setting

CONTENT_FORMAT = 1
MONTHLY_COLUMNS = ["month", "active_young_people", "attendance_rate", "involvement_hours", "suppressed"]
SKILL_COLUMNS = ["skill", "skill_name", "pairs", "mean_pre", "mean_post", "mean_change", "ci95", "share_improved",
                 "awaiting_post"]
PRINCIPLE_COLUMNS = ["framework", "framework_name", "principle", "principle_name", "has_ratings", "mean",
                     "share_4_5", "young_people_mean", "staff_mean", "gap", "ratings"]


def snapshot_content(engine, period: Period, k: int) -> dict:
    """Every figure for `period` (the whole organisation, no filters) with SUPPRESSED markers."""
    frozen = figures(engine, period, NO_FILTERS, k)
    first_day = first_session_day(engine)
    if first_day is None or period.previous().end < first_day:
        # As on the overview: nobody can have come back from a period with no records at all.
        frozen["engagement"]["returning_share"] = None
    return {
        "format": CONTENT_FORMAT,
        "work_label": get_setting(engine, "work_label"),
        "figures": frozen,
        "frames": {
            "monthly_engagement": monthly_engagement(engine, period, NO_FILTERS, k)[MONTHLY_COLUMNS],
            "skills": skills_by_skill(engine, period, NO_FILTERS, k)[SKILL_COLUMNS],
            "principles": principle_table(engine, period, NO_FILTERS, k)[PRINCIPLE_COLUMNS],
            "feedback_by_month": feedback_by_month(engine, period, NO_FILTERS),
        },
    }
