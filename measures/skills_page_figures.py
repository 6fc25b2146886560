"""The skills page's figures per skill, and per programme and skill (left out when the filters
choose one programme: the page says so instead), from one reading of the pairs. The page starts
its depth of involvement (`measures.depth.depth`) first, beside these (docs/decisions.md, 23)."""

from measures.filters import Filters, Period
from measures.skills import skills_and_programmes, skills_by_skill


def skills_page_figures(engine, period: Period, filters: Filters, k: int) -> dict:
    """`skills` (`skills_by_skill`) and `by_programme` (`skills_by_programme`; None with one
    programme chosen)."""
    if len(filters.programmes) == 1:
        return {"skills": skills_by_skill(engine, period, filters, k), "by_programme": None}
    skills, by_programme = skills_and_programmes(engine, period, filters, k)
    return {"skills": skills, "by_programme": by_programme}
