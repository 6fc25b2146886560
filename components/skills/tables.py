"""The skills page's tables: every skill at a glance, and every programme and skill, figures as
text (`measures.skills_page`), each column explained."""

import pandas as pd
import streamlit as st

from measures import formatting
from measures.pair_statistics import FEWEST_FOR_A_VERDICT
from measures.skills_page import WAITING, programme_table, skill_table

TEN = formatting.count(FEWEST_FOR_A_VERDICT)
COLUMN_HELP = {
    "Pairs": "Young people (per programme) with both a 'before' and an 'after' rating of the skill.",
    "Before": "Average first 'before' rating, 1 to 5.", "After": "Average latest 'after' rating, 1 to 5.",
    "Change": "Average of each young person's own change: after minus before. From fewer than "
              f"{TEN} pairs it is never shown alone: its likely range and 'too few to say' come with it, "
              "because so few pairs cannot tell a real change from chance.",
    "Likely range": "95% confidence interval: the range the real average change most likely lies in. "
                    "A range that includes 0 means we cannot be sure ratings changed.",
    "Verdict": "Improved: the whole likely range is above 0. Declined: the whole likely range is below 0. "
               f"No clear change: the likely range includes 0. Too few to say: fewer than {TEN} pairs.",
    "Size of change": "How big the change is next to how much young people's changes differ (the effect size "
                      "d_z, the average change divided by the spread of the changes): about 0.2 is small, 0.5 "
                      f"medium and 0.8 large. Given from {TEN} pairs.",
    "Went up": "Share of pairs where the 'after' rating is higher than the 'before' rating.",
    "Up": "Pairs where the 'after' rating is higher than the 'before' rating.",
    "Same": "Pairs where the 'after' rating equals the 'before' rating.",
    "Down": "Pairs where the 'after' rating is lower than the 'before' rating.",
    WAITING: "Young people whose first 'before' rating was in this period and who had no 'after' rating by its end.",
}
WIDTHS = {"Pairs": 100, "Before": 60, "After": 60, "Up": 60, "Same": 60, "Down": 60}
COLUMNS = {name: st.column_config.TextColumn(name, help=text, width=WIDTHS.get(name))
           for name, text in COLUMN_HELP.items()}
# The waiting count before the averages: on a narrow screen the last columns scroll out of view.
PROGRAMME_ORDER = ["Programme", "Skill", "Pairs", "Change", "Likely range", "Verdict", "Size of change", "Went up",
                   WAITING, "Before", "After"]
# A table drawn whole ("content") draws every row in the browser; a long one gets a fixed height and
# scrolls, so only the rows in view are drawn.
WHOLE_UP_TO = 10
SCROLLING_HEIGHT = 400


def table_height(table: pd.DataFrame) -> int | str:
    """'content' (the whole table) for up to WHOLE_UP_TO rows, else a fixed height to scroll in."""
    return "content" if len(table) <= WHOLE_UP_TO else SCROLLING_HEIGHT


def skills_at_a_glance(skills: pd.DataFrame, k: int) -> None:
    st.subheader("Every skill at a glance", anchor=False)
    table = skill_table(skills, k)
    st.dataframe(table, hide_index=True, height=table_height(table), column_config=COLUMNS, key="skills-table")


def programmes_and_skills(cells: pd.DataFrame, k: int) -> None:
    st.subheader("Every programme and skill", anchor=False)
    st.caption(f"'{formatting.hidden(k)}' also marks figures hidden so that a smaller group's cannot be worked out "
               "from the skill's total above.")
    table = programme_table(cells, k)
    st.dataframe(table, hide_index=True, height=table_height(table), column_config=COLUMNS,
                 column_order=PROGRAMME_ORDER, key="skills-programme-table")
