"""Every figure the skills page shows, worked out side by side: per skill, per programme and skill
(left out when the filters choose one programme: the page says so instead) from one reading of
the pairs, and by depth of involvement beside it (docs/decisions.md, 23)."""

from measures.depth import depth
from measures.filters import Filters, Period
from measures.parallel import run_side_by_side
from measures.skills import skills_and_programmes, skills_by_skill


def skills_page_figures(engine, period: Period, filters: Filters, k: int, protected: bool = False) -> dict:
    """`skills` (`skills_by_skill`), `by_programme` (`skills_by_programme`; None with one programme
    chosen) and `depth` (`measures.depth.depth`, with `protected` as its `full`)."""
    one_programme = len(filters.programmes) == 1
    found = run_side_by_side({
        "depth": (depth, engine, period, filters, k, protected),
        "skills": (skills_by_skill if one_programme else skills_and_programmes, engine, period, filters, k)})
    skills, by_programme = (found["skills"], None) if one_programme else found["skills"]
    return {"skills": skills, "by_programme": by_programme, "depth": found["depth"]}
