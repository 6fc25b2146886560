"""You said, we did: what young people raised and what happened, in plain words. Easy read
(components/easy_read.py), on by default for young people, says it in short sentences with a
plain summary of the chart."""

import streamlit as st

from charts.feedback import raised_and_told_back
from components.app_shell import page_entry
from components.audience import page_audience
from components.cached_charts import built
from components.cached_measures import measure
from components.chart_panel import show_chart
from components.connection import current_engine, suppression_k
from components.easy_read import easy_read_switch
from components.feedback.cards import item_cards
from components.feedback.words import about, chart_description, every_item_note, headline, nothing_listed, waiting
from components.filters import sidebar_filters
from measures.audiences import is_protected
from measures.easy_read import feedback_summary
from measures.feedback import feedback_by_month, feedback_figures, feedback_list

PAGE_ID = "you-said-we-did"
LISTED = 500  # the newest items of the period the page lists at most
# Feedback items are things raised, not young people (they name no young person): every figure on
# this page is exact for every audience (docs/disclosure.md), and the chart's CSV holds them as they are.
# The free text of an item could name a young person: trustees and young people (every protected
# audience) see only the items staff have let them see; admin and staff see every item, the others
# marked NOT_SHOWN.
MONTHLY_KINDS = {"month": "label", "raised": "exact", "told_back_within_30_days": "exact"}


def render() -> None:
    engine = current_engine()
    audience = page_audience()
    period, filters = sidebar_filters(engine, audience=audience)
    easy = easy_read_switch()
    st.title("You said, we did", anchor=False)
    st.caption(about(period, easy))
    figures = measure(feedback_figures, period, filters)
    for column, (label, value, help_) in zip(st.columns(3), headline(figures, easy), strict=True):
        column.metric(label, value, border=True, help=help_)
    overdue = waiting(figures["open_over_30_days"], easy)
    if overdue:
        st.warning(overdue, icon=":material/schedule:")
    monthly = measure(feedback_by_month, period, filters)
    if not monthly.empty:
        raised, told_back = monthly["raised"].sum(), monthly["told_back_within_30_days"].sum()
        show_chart(built(raised_and_told_back, monthly), monthly,
                   title="Things raised each month, and answered within 30 days",
                   alt_text=chart_description(raised, told_back),
                   key="feedback-by-month", kinds=MONTHLY_KINDS, k=suppression_k(), protected=is_protected(audience),
                   summary=feedback_summary(raised, told_back) if easy else None)
    shown_only = is_protected(audience)
    items = measure(feedback_list, period, filters, LISTED, shown_only)
    if items.empty:
        st.info(nothing_listed(shown_only and bool(figures["raised"]), easy))
        return
    st.subheader("What you said and what happened", anchor=False)
    if not shown_only and not items["shown_to_all"].all():
        st.caption(every_item_note(easy))
    item_cards(items, LISTED, easy)


page_entry(PAGE_ID, render)
