"""The core charts of a board snapshot, drawn from its frozen frames with the pure builders of
`charts/`: the same charts on the page (through show_chart), in the PDF and as PNG files.

Suppressed figures never reach chart data or the numbers tables: the builders leave them out,
and the tables below are made from what is drawn.
"""

from dataclasses import dataclass

import altair as alt
import pandas as pd

from board_snapshots.saved import Snapshot
from charts.base import alt_text
from charts.engagement import active_by_month
from charts.feedback import raised_and_told_back
from charts.health import components_chart, components_frame
from charts.principles import rater_points, side_by_side, side_by_side_alt
from charts.skills import before_after_chart, dumbbell_alt_text, plotted
from measures.formatting import count
from measures.health import COMPONENT_LABELS
from measures.pair_statistics import FEWEST_FOR_A_VERDICT
from measures.skills_page import verdict_words


@dataclass(frozen=True)
class CoreChart:
    key: str
    title: str
    chart: alt.TopLevelMixin
    data: pd.DataFrame
    alt_text: str
    note: str | None = None


def _health(snapshot: Snapshot) -> list[CoreChart]:
    health = snapshot.figures["health_index"]
    frame = components_frame(health, COMPONENT_LABELS)
    if frame.empty:
        return []
    return [CoreChart("health-components", "What the health index is made of",
                      components_chart(frame, health["thresholds"]),
                      frame.rename(columns={"component": "Component", "value": "Score (0-100)",
                                            "weight": "Weight (%)"}),
                      alt_text("Bar chart", "the health index components, scored out of 100", frame,
                               value="value", label="component"),
                      "Dashed lines mark the amber and green thresholds. A component with no data, or resting on "
                      f"fewer than {snapshot.k} young people, is left out.")]


def _engagement(snapshot: Snapshot) -> list[CoreChart]:
    monthly = snapshot.frames["monthly_engagement"]
    shown = monthly.loc[~monthly["suppressed"].astype(bool), ["month", "active_young_people"]]
    if shown.empty:
        return []
    shown = shown.assign(active_young_people=shown["active_young_people"].astype(int))
    chart_frame = monthly.assign(suppressed=monthly["suppressed"].astype(bool))
    return [CoreChart("active-by-month", "Young people taking part each month", active_by_month(chart_frame),
                      shown.rename(columns={"month": "Month", "active_young_people": "Young people"}),
                      alt_text("Bar chart", "young people taking part each month", shown.reset_index(drop=True),
                               value="active_young_people", label="month"),
                      f"Months with fewer than {snapshot.k} young people are left out.")]


def _skills(snapshot: Snapshot) -> list[CoreChart]:
    shown = plotted(snapshot.frames["skills"])
    if shown.empty:
        return []
    # The average change never without its likely range and verdict (docs/measures.md, "Skills gained").
    table = shown[["skill_name", "pairs", "mean_pre", "mean_post", "mean_change", "ci_low", "ci_high", "verdict"]]
    table = table.assign(verdict=table["verdict"].map(verdict_words)).rename(columns={
        "skill_name": "Skill", "pairs": "Pairs", "mean_pre": "Before", "mean_post": "After",
        "mean_change": "Average change", "ci_low": "Likely change from", "ci_high": "Likely change to",
        "verdict": "Verdict"})
    return [CoreChart("skills-before-after", "Skills: average rating before and after", before_after_chart(shown),
                      table, dumbbell_alt_text(shown),
                      "Young people's own ratings from 1 to 5, first 'before' and latest 'after', paired for each "
                      f"young person. Skills rated by fewer than {snapshot.k} young people are left out. With fewer "
                      f"than {count(FEWEST_FOR_A_VERDICT)} pairs a skill's change is too few to say: see its likely "
                      "range and verdict.")]


def _principles(snapshot: Snapshot) -> list[CoreChart]:
    table = snapshot.frames["principles"]
    found = []
    for framework, rows in table.groupby("framework", sort=False):
        rated = rows[rows["has_ratings"].astype(bool)].reset_index(drop=True)
        points = rater_points(rated)
        if points.empty:
            continue
        name = rated["framework_name"].iloc[0]
        found.append(CoreChart(
            f"principles-{framework}", f"Principles, young people and staff side by side: {name}",
            side_by_side(rated, snapshot.k), points.rename(columns={
                "principle_name": "Principle", "who": "Rated by", "mean": "Average rating"}),
            side_by_side_alt(rated, snapshot.k),
            "Average rating from 1 (not at all) to 5 (completely). Circles are young people, diamonds staff. "
            f"Young people's ratings resting on fewer than {snapshot.k} young people are left out."))
    return found


def _feedback(snapshot: Snapshot) -> list[CoreChart]:
    monthly = snapshot.frames["feedback_by_month"]
    if monthly.empty:
        return []
    monthly = monthly.assign(raised=monthly["raised"].astype(int),
                             told_back_within_30_days=monthly["told_back_within_30_days"].astype(int))
    return [CoreChart("feedback-by-month", "You said, we did: raised each month, and answered within 30 days",
                      raised_and_told_back(monthly),
                      monthly.rename(columns={"month": "Month raised", "raised": "Raised",
                                              "told_back_within_30_days": "Told back within 30 days"}),
                      f"Bars show things young people raised each month ({count(monthly['raised'].sum())} in all); "
                      f"dots show how many were told back within 30 days "
                      f"({count(monthly['told_back_within_30_days'].sum())} in all).")]


def core_charts(snapshot: Snapshot) -> list[CoreChart]:
    """The charts a board pack shows, in reading order; a chart with nothing to draw is left out."""
    return [*_health(snapshot), *_engagement(snapshot), *_skills(snapshot), *_principles(snapshot),
            *_feedback(snapshot)]
