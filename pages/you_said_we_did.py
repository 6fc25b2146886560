"""You said, we did: what young people raised and what happened, in plain words."""

import streamlit as st

from charts.feedback import raised_and_told_back
from components.app_shell import page_entry
from components.audience import page_audience
from components.cached_charts import built
from components.cached_measures import measure
from components.chart_panel import show_chart
from components.connection import current_engine, suppression_k
from components.feedback_cards import item_cards
from components.feedback_words import NOT_SHOWN, about, chart_description, headline, waiting
from components.filters import sidebar_filters
from measures.audiences import is_protected
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
    st.title("You said, we did", anchor=False)
    st.caption(about(period))
    figures = measure(feedback_figures, period, filters)
    for column, (label, value, help_) in zip(st.columns(3), headline(figures), strict=True):
        column.metric(label, value, border=True, help=help_)
    overdue = waiting(figures["open_over_30_days"])
    if overdue:
        st.warning(overdue, icon=":material/schedule:")
    monthly = measure(feedback_by_month, period, filters)
    if not monthly.empty:
        show_chart(built(raised_and_told_back, monthly), monthly,
                   title="Things raised each month, and answered within 30 days",
                   alt_text=chart_description(monthly["raised"].sum(), monthly["told_back_within_30_days"].sum()),
                   key="feedback-by-month", kinds=MONTHLY_KINDS, k=suppression_k(), protected=is_protected(audience))
    shown_only = is_protected(audience)
    items = measure(feedback_list, period, filters, LISTED, shown_only)
    if items.empty:
        if shown_only and figures["raised"]:
            st.info("Nothing raised in this period is ready to share yet. Choose a longer period in the filters "
                    "on the left.")
        else:
            st.info("Nothing was raised in this period. Choose a longer period in the filters on the left.")
        return
    st.subheader("What you said and what happened", anchor=False)
    if not shown_only and not items["shown_to_all"].all():
        st.caption(f"You see every item. Those marked \"{NOT_SHOWN}\" wait for a member of staff to approve them "
                   "on the Record page (You said, we did: Update an item), as their words could name a young person.")
    item_cards(items, LISTED)


page_entry(PAGE_ID, render)
