"""Skills gained: young people's own before-and-after ratings, paired, per skill and per programme."""

import pandas as pd
import streamlit as st

from charts.base import alt_text
from charts.skills import (
    before_after_chart, change_chart, dumbbell_alt_text, improved_chart, likely_range, not_plotted, plotted,
    plotted_cells, programme_change_chart, signed,
)
from components import cached_measures as cached
from components.cached_charts import built
from components.audience import admin_note, page_audience, protected_note
from components.chart_panel import show_chart
from components.figures import formatted
from components.filters import sidebar_filters
from components.page_guard import page_entry
from components.plain_text import escape_markdown
from components.store import current_engine, suppression_k
from measures.audiences import is_protected
from measures.skills import skills_by_programme, skills_by_skill
from measures.suppression import is_suppressed

PAGE_ID = "skills"
NO_PAIRS = "no pairs yet"
HIDDEN = "\u2014"  # beside "fewer than k" or "no pairs yet": nothing to show
PAIR_COLUMNS = ["Pairs", "Before", "After", "Change", "Likely range", "Went up"]
COLUMN_HELP = {
    "Pairs": "Young people (per programme) with both a 'before' and an 'after' rating of the skill.",
    "Before": "Average first 'before' rating, 1 to 5.", "After": "Average latest 'after' rating, 1 to 5.",
    "Change": "Average of each young person's own change: after minus before.",
    "Likely range": "95% confidence interval: the range the real average change most likely lies in.",
    "Went up": "Share of pairs where the 'after' rating is higher than the 'before' rating.",
    "Waiting for 'after'": "Young people whose first 'before' rating was in this period and who had no 'after' "
                           "rating by its end.",
}
WIDTHS = {"Pairs": 100, "Before": 60, "After": 60}
COLUMNS = {name: st.column_config.TextColumn(name, help=text, width=WIDTHS.get(name))
           for name, text in COLUMN_HELP.items()}
# The kind of every column a chart's table may hold, for its protected CSV (measures.protected_frames):
# pairs are young people's; averages and their likely range are means; the share that went up is made
# from the protected pairs that went up and the protected pairs.
CHART_KINDS = {"programme_name": "label", "skill_name": "label", "pairs": "count", "improved": "count",
               "mean_pre": "mean", "mean_post": "mean", "mean_change": "mean", "ci_low": "mean", "ci_high": "mean",
               "share_improved": ("share_of", "improved", "pairs")}


def render() -> None:
    engine = current_engine()
    audience = page_audience()
    period, filters = sidebar_filters(engine, audience=audience)
    k = suppression_k()
    protected = is_protected(audience)
    st.title("Skills gained", anchor=False)
    st.caption(f"{period.start:%-d %B %Y} to {period.end:%-d %B %Y}.")
    st.caption(protected_note(k) if protected else admin_note(k))
    _explain_pairing()
    if filters.has_session_filter:
        st.caption("The activity type and mode filters do not apply here: a skill rating belongs to a "
                   "programme, not to one session.")
    skills = cached.measure(skills_by_skill, period, filters, k)
    if not _any_ratings(skills):
        st.info("No skill ratings in this period. Choose a longer period in the filters on the left, or "
                "import young people's 'before' and 'after' ratings (python manage.py import evaluations.csv).")
        _skill_table_section(skills, k)  # the skills being tracked, all without pairs
        return
    _by_skill(skills, k, protected)
    if len(filters.programmes) == 1:  # the figures above are that programme's already
        st.caption("One programme is chosen in the filters, so the figures above are that programme's. "
                   "Clear the programme filter to compare programmes.")
        return
    _by_programme(cached.measure(skills_by_programme, period, filters, k), k, protected)


def _explain_pairing() -> None:
    with st.container(border=True):
        st.markdown(
            "**What 'paired' means.** We only compare a young person's own before and after ratings; "
            "ratings without a partner are left out, and we show how many are still waiting for an "
            "'after' survey. Young people rate each skill themselves from 1 to 5. For each young person, "
            "skill and programme we pair their first 'before' rating with their latest 'after' rating "
            "in this period.")


def _any_ratings(skills: pd.DataFrame) -> bool:
    def some(value) -> bool:
        return is_suppressed(value) or (value is not None and not pd.isna(value) and value > 0)
    return bool(skills["pairs"].map(some).any() or skills["awaiting_post"].map(some).any())


def _with_improved(shown: pd.DataFrame) -> pd.DataFrame:
    """`shown` with the pairs that went up (`improved`) beside the share, so the CSV's share can be
    made from protected parts. The share is to three decimals, so the product gives the exact count
    for fewer than 1,000 pairs (at most one off beyond)."""
    return shown.assign(improved=(shown["share_improved"] * shown["pairs"]).round().astype(int))


def _by_skill(skills: pd.DataFrame, k: int, protected: bool) -> None:
    shown = plotted(skills)
    no_pairs, too_few = not_plotted(skills)
    if shown.empty:
        st.info(f"No skill has before-and-after pairs from at least {k} young people in this period, so "
                "there is nothing to plot yet. The table below shows what is waiting for an 'after' survey.")
    else:
        show_chart(built(before_after_chart, shown), shown[["skill_name", "pairs", "mean_pre", "mean_post"]],
                   title="Average rating before and after, skill by skill",
                   alt_text=dumbbell_alt_text(shown),
                   note="Each line joins the average 'before' rating (square) to the average 'after' rating "
                        "(circle) of the same young people. Skills with the biggest rise come first.",
                   key="skills-before-after", kinds=CHART_KINDS, k=k, protected=protected)
        show_chart(built(change_chart, shown), shown[["skill_name", "pairs", "mean_change", "ci_low", "ci_high"]],
                   title="How much ratings changed, with the likely range",
                   alt_text=alt_text("Dot chart", "the average change in rating per skill", shown,
                                     value="mean_change", label="skill_name"),
                   note="The dot is the average change (after minus before). The line, and the figures in "
                        "brackets, are the 95% confidence interval: the range the real change most likely lies "
                        "in. Few pairs give a wide range; a range crossing the dashed 0 line means we cannot be "
                        "sure ratings changed.",
                   key="skills-change", kinds=CHART_KINDS, k=k, protected=protected)
        show_chart(built(improved_chart, shown), _with_improved(shown)[["skill_name", "pairs", "improved",
                                                                         "share_improved"]],
                   title="How often ratings went up",
                   alt_text=alt_text("Bar chart", "the share of pairs where the rating went up, per skill", shown,
                                     value="share_improved", label="skill_name"),
                   key="skills-improved", kinds=CHART_KINDS, k=k, protected=protected)
    _not_shown_note(no_pairs, too_few, k)
    _skill_table_section(skills, k)


def _not_shown_note(no_pairs: list[str], too_few: list[str], k: int) -> None:
    lines = []
    if no_pairs:
        lines.append("**No pairs yet:** " + ", ".join(escape_markdown(n) for n in no_pairs) + ".")
    if too_few:
        lines.append(f"**Fewer than {k} young people** (not shown): "
                     + ", ".join(escape_markdown(n) for n in too_few) + ".")
    if lines:
        st.markdown("  \n".join(lines))


def _figures_row(row, k: int) -> dict:
    """The figures of one row as text: 'fewer than k', 'no pairs yet' or the value."""
    waiting = {"Waiting for 'after'": formatted(row.awaiting_post, "count", k)}
    if is_suppressed(row.pairs):
        return {"Pairs": formatted(row.pairs, "count", k), **dict.fromkeys(PAIR_COLUMNS[1:], HIDDEN), **waiting}
    if not row.pairs:
        return {"Pairs": NO_PAIRS, **dict.fromkeys(PAIR_COLUMNS[1:], HIDDEN), **waiting}
    return {"Pairs": f"{row.pairs:,}", "Before": f"{row.mean_pre:.1f}", "After": f"{row.mean_post:.1f}",
            "Change": signed(row.mean_change),
            "Likely range": likely_range(row.mean_change, row.ci95) or "one pair: no range",
            "Went up": formatted(row.share_improved, "share", k), **waiting}


def _skill_table_section(skills: pd.DataFrame, k: int) -> None:
    st.subheader("Every skill at a glance", anchor=False)
    table = pd.DataFrame([{"Skill": row.skill_name, **_figures_row(row, k)} for row in skills.itertuples()])
    st.dataframe(table, hide_index=True, height="content", column_config=COLUMNS, key="skills-table")


def _by_programme(cells: pd.DataFrame, k: int, protected: bool) -> None:
    st.header("By programme", anchor=False)
    if cells.empty:
        st.info("No programme has skill ratings in this period.")
        return
    shown = plotted_cells(cells)
    if shown.empty:
        st.info(f"Every programme's figures rest on fewer than {k} young people in this period, so none is "
                "plotted. Choose a longer period to see more.")
    else:
        labelled = shown.assign(where=shown["programme_name"] + ": " + shown["skill_name"])
        show_chart(built(programme_change_chart, shown),
                   _with_improved(shown)[["programme_name", "skill_name", "pairs", "mean_pre", "mean_post",
                                          "mean_change", "ci_low", "ci_high", "improved", "share_improved"]],
                   title="How much ratings changed, programme by programme",
                   alt_text=alt_text(f"Dot charts, one per programme ({shown['programme_name'].nunique()}),",
                                     "the average change in rating per skill", labelled,
                                     value="mean_change", label="where"),
                   note="As above: the dot is the average change, the line and the brackets the likely range. "
                        f"Only skills with pairs from at least {k} young people in a programme are drawn.",
                   key="skills-by-programme", kinds=CHART_KINDS, k=k, protected=protected)
    st.subheader("Every programme and skill", anchor=False)
    st.caption(f"'fewer than {k}' also marks figures hidden so that a smaller group's cannot be worked out "
               "from the skill's total above.")
    table = pd.DataFrame([{"Programme": row.programme_name, "Skill": row.skill_name, **_figures_row(row, k)}
                          for row in cells.itertuples()])
    # The waiting count before the averages: on a narrow screen the last columns scroll out of view.
    order = ["Programme", "Skill", "Pairs", "Change", "Likely range", "Went up", "Waiting for 'after'", "Before",
             "After"]
    st.dataframe(table, hide_index=True, height="content", column_config=COLUMNS, column_order=order,
                 key="skills-programme-table")


page_entry(PAGE_ID, render)
