"""Freezing the figures for a board meeting: everything is computed once, here, and never again.

A snapshot is read by trustees and leaves the app as a board pack, so its content is for the
protected audiences (`export`, `trustee`; docs/disclosure.md): the protected measures object of
`measures.protected_figures` (never its exact basis) and small frames for the core charts, each
column protected by `measures.protected_frames`. Counts of young people are multiples of k,
shares come from protected parts, means have one decimal. Nothing in it names or counts an
individual: no participant codes, no participant-level rows. A snapshot covers whole months.
"""


import pandas as pd

from measures.audiences import EXPORT, check_question
from measures.engagement import MONTHLY_KINDS, monthly_engagement
from measures.feedback import feedback_by_month
from measures.filters import NO_FILTERS, Period
from measures.periods import first_session_day
from measures.principles import principle_table
from measures.protected_figures import protected_figures
from measures.protected_frames import protect_frame
from measures.protected_principles import protect_principle_table
from measures.report import figures
from measures.skills import skills_and_pooled_share
from models.settings import get_setting

# 1: the admin figures (exact, small numbers suppressed); 2: protected figures, as here.
CONTENT_FORMAT = 2
PROTECTED_FORMAT = 2
MONTHLY_COLUMNS = ["month", "active_young_people", "attendance_rate", "involvement_hours", "suppressed"]
SKILL_COLUMNS = ["skill", "skill_name", "pairs", "mean_pre", "mean_post", "mean_change", "ci95", "share_improved",
                 "awaiting_post", "ci95_low", "ci95_high", "verdict"]
PRINCIPLE_COLUMNS = ["framework", "framework_name", "principle", "principle_name", "has_ratings", "mean",
                     "share_4_5", "young_people_mean", "staff_mean", "gap", "ratings"]

# The kind of every column of the frames (measures.protected_frames). `improved_pairs` and
# `ratings_4_5` are only the numerators of protected shares: they are not stored. The verdict is
# words worked out from the exact interval.
SKILL_KINDS = {"skill": "label", "skill_name": "label", "pairs": "count", "mean_pre": "mean", "mean_post": "mean",
               "mean_change": "mean", "ci95": "mean", "share_improved": ("share_of", "improved_pairs", "pairs"),
               "improved_pairs": "count", "awaiting_post": "count", "ci95_low": "mean", "ci95_high": "mean",
               "effect_size_dz": "mean", "improved": "count", "same": "count", "worse": "count", "verdict": "label"}
FEEDBACK_KINDS = {"month": "label", "raised": "exact", "told_back_within_30_days": "exact"}  # items, not people


def _protected(frame: pd.DataFrame, kinds: dict, k: int, columns: list[str]) -> pd.DataFrame:
    """`frame` through `protect_frame`, only `columns` kept; hidden figures stored as SUPPRESSED
    (as in the figures), so that the page and the board pack say 'fewer than k'."""
    return protect_frame(frame, kinds, k, keep_markers=True)[columns]


def snapshot_content(engine, period: Period, k: int) -> dict:
    """Every figure for `period` (whole months; the whole organisation, no filters), protected,
    with SUPPRESSED markers. A period that is not whole months is refused (QuestionRefused)."""
    check_question(EXPORT, period, NO_FILTERS)
    frozen = protected_figures(figures(engine, period, NO_FILTERS, k, full=True))
    first_day = first_session_day(engine)
    if first_day is None or period.previous().end < first_day:
        # As on the overview: nobody can have come back from a period with no records at all.
        frozen["engagement"]["returning_share"] = None
    # The skills as the parts of the pooled whole, hidden as in the figures above (`full`).
    skills = skills_and_pooled_share(engine, period, NO_FILTERS, k, full=True)[0]
    return {
        "format": CONTENT_FORMAT,
        "work_label": get_setting(engine, "work_label"),
        "figures": frozen,
        "frames": {
            "monthly_engagement": _protected(monthly_engagement(engine, period, NO_FILTERS, k), MONTHLY_KINDS, k,
                                             MONTHLY_COLUMNS),
            "skills": _protected(skills, SKILL_KINDS, k, SKILL_COLUMNS),
            "principles": protect_principle_table(principle_table(engine, period, NO_FILTERS, k), k)[
                PRINCIPLE_COLUMNS],
            "feedback_by_month": _protected(feedback_by_month(engine, period, NO_FILTERS), FEEDBACK_KINDS, k,
                                            list(FEEDBACK_KINDS)),
        },
    }
