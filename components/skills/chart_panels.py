"""The skills page's charts: before and after, the change with its likely range, and how often
ratings went up, skill by skill; then the change programme by programme, one skill at a time."""

import pandas as pd
import streamlit as st

from charts.base import alt_text
from charts.skills import (
    before_after_chart, change_alt_text, change_chart, dumbbell_alt_text, improved_chart, one_skill,
    programme_change_chart, skills_with_most_pairs,
)
from components.cached_charts import built
from components.chart_panel import show_chart
from components.plain_text import escape_markdown
from measures import formatting
from measures.pair_statistics import FEWEST_FOR_A_VERDICT
from measures.skills_page import CHART_KINDS, with_improved

VERDICT_NOTE = ("After the brackets, the verdict: improved or declined when the whole range is above or below 0, "
                "no clear change when it crosses 0, and too few to say (a hollow dot) with fewer than "
                f"{formatting.count(FEWEST_FOR_A_VERDICT)} pairs.")


def skill_charts(shown: pd.DataFrame, k: int, protected: bool) -> None:
    """`shown`: the skills with enough pairs to plot (`charts.skills.plotted`)."""
    show_chart(built(before_after_chart, shown), shown[["skill_name", "pairs", "mean_pre", "mean_post"]],
               title="Average rating before and after, skill by skill", alt_text=dumbbell_alt_text(shown),
               note="Each line joins the average 'before' rating (square) to the average 'after' rating "
                    "(circle) of the same young people. Skills with the biggest rise come first.",
               key="skills-before-after", kinds=CHART_KINDS, k=k, protected=protected)
    show_chart(built(change_chart, shown),
               shown[["skill_name", "pairs", "mean_change", "ci_low", "ci_high", "verdict"]],
               title="How much ratings changed, with the likely range",
               alt_text=change_alt_text("Dot chart", "the average change in rating per skill", shown, "skill_name"),
               note="The dot is the average change (after minus before). The line, and the figures in "
                    "brackets, are the 95% confidence interval: the range the real change most likely lies "
                    "in. Few pairs give a wide range; a range crossing the dashed 0 line means we cannot be "
                    f"sure ratings changed. {VERDICT_NOTE}",
               key="skills-change", kinds=CHART_KINDS, k=k, protected=protected)
    show_chart(built(improved_chart, shown), with_improved(shown)[["skill_name", "pairs", "improved",
                                                                   "share_improved"]],
               title="How often ratings went up",
               alt_text=alt_text("Bar chart", "the share of pairs where the rating went up, per skill", shown,
                                 value="share_improved", label="skill_name"),
               key="skills-improved", kinds=CHART_KINDS, k=k, protected=protected)


def not_shown_note(no_pairs: list[str], too_few: list[str], k: int) -> None:
    """The skills left out of the charts: without pairs, or with pairs from fewer than k."""
    lines = []
    if no_pairs:
        lines.append("**No pairs yet:** " + ", ".join(escape_markdown(n) for n in no_pairs) + ".")
    if too_few:
        lines.append(f"**{formatting.hidden(k).capitalize()} young people** (not shown): "
                     + ", ".join(escape_markdown(n) for n in too_few) + ".")
    if lines:
        st.markdown("  \n".join(lines))


def programme_chart(shown: pd.DataFrame, k: int, protected: bool) -> None:
    """`shown`: the programmes' skills with enough pairs to plot (`charts.skills.plotted_cells`). One skill
    at a time, every programme on one set of axes (the skill in the URL); the numbers and the CSV hold
    every programme and skill."""
    skills = skills_with_most_pairs(shown)
    skill = st.selectbox("Skill", list(skills), format_func=skills.get, key="skill", bind="query-params",
                         help="The skill to compare programmes on. The skill with the most pairs comes first.")
    cells = one_skill(shown, skill)
    show_chart(built(programme_change_chart, cells),
               with_improved(shown)[["programme_name", "skill_name", "pairs", "mean_pre", "mean_post",
                                     "mean_change", "ci_low", "ci_high", "verdict", "improved",
                                     "share_improved"]],
               title="How much ratings changed, programme by programme",
               alt_text=change_alt_text("Dot chart", f"the average change in rating of {skills[skill]}, per programme",
                                        cells, "programme_name"),
               note="As above: the dot is the average change, the line and the brackets the likely range, "
                    "then the verdict; a hollow dot has too few pairs to say. Programmes with the biggest change "
                    "come first. Only programmes with pairs from at least "
                    f"{formatting.count(k)} young people in the skill are drawn. The numbers below hold every "
                    "programme and skill.",
               key="skills-by-programme", kinds=CHART_KINDS, k=k, protected=protected)
