"""You said, we did: what young people raised and what happened, in plain words."""

import math

import streamlit as st

from components.filters import sidebar_filters
from components.page_guard import page_entry
from components.plain_text import escape_markdown
from components.store import current_engine, suppression_k
from charts.feedback import raised_and_told_back
from components.cached_measures import measure
from components.cached_charts import built
from components.chart_panel import show_chart
from components.audience import page_audience
from measures.audiences import is_protected
from measures.feedback import feedback_by_month, feedback_figures, feedback_list

PAGE_ID = "you-said-we-did"
PAGE_SIZE = 20
LISTED = 500  # the newest items of the period the page lists at most
# Feedback items are things raised, not young people (they name no young person): every figure on
# this page is exact for every audience (docs/disclosure.md), and the chart's CSV holds them as they are.
# The free text of an item could name a young person: trustees and young people (every protected
# audience) see only the items staff have let them see; admin and staff see every item, the others
# marked NOT_SHOWN.
NOT_SHOWN = "Not shown to young people and trustees yet"
MONTHLY_KINDS = {"month": "label", "raised": "exact", "told_back_within_30_days": "exact"}
STATUS_WORDS = {"raised": "Waiting for a response", "in_progress": "Being worked on", "done": "Done",
                "not_possible": "Not possible (we explain why)"}


def render() -> None:
    engine = current_engine()
    audience = page_audience()
    period, filters = sidebar_filters(engine, audience=audience)
    st.title("You said, we did", anchor=False)
    st.caption(f"What young people raised from {period.start:%-d %B %Y} to {period.end:%-d %B %Y}, "
               "and what we did about it.")
    figures = measure(feedback_figures, period, filters)
    cols = st.columns(3)
    cols[0].metric("Things you raised", f"{figures['raised']:,}", border=True)
    told = figures["told_back_share"]
    cols[1].metric("We told you what happened", "no data" if told is None else f"{100 * told:.0f}%", border=True,
                   help="Of the things raised in this period, the share where we came back to you by its end.")
    days = figures["median_days_to_tell_back"]
    cols[2].metric("Usual wait for an answer", "no data" if days is None else f"{days:.0f} days", border=True,
                   help="The middle value: half of the answers came sooner, half later.")
    if figures["open_over_30_days"]:
        st.warning(f"{figures['open_over_30_days']} thing(s) you raised have waited more than 30 days "
                   "for an answer.", icon=":material/schedule:")
    monthly = measure(feedback_by_month, period, filters)
    if not monthly.empty:
        told = int(monthly["told_back_within_30_days"].sum())
        show_chart(built(raised_and_told_back, monthly), monthly,
                   title="Things raised each month, and answered within 30 days",
                   alt_text=f"Bars show things raised each month ({int(monthly['raised'].sum())} in all); dots show "
                            f"how many of them were told back within 30 days ({told} in all).",
                   key="feedback-by-month", kinds=MONTHLY_KINDS, k=suppression_k(),
                   protected=is_protected(audience))
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
    _item_cards(items)


def _item_cards(items) -> None:
    """A page of cards at a time (drawing hundreds at once made the page slow), newest first,
    optionally only those with the chosen answers."""
    if len(items) == LISTED:
        st.caption(f"Only the newest {LISTED} things raised in this period are listed: choose a shorter period "
                   "to see older ones.")
    chosen = st.segmented_control("Show only", list(STATUS_WORDS), format_func=STATUS_WORDS.get,
                                  selection_mode="multi", key="feedback-status")
    if chosen:
        items = items[items["status"].isin(chosen)]
    if items.empty:
        st.info("Nothing raised in this period has that answer.")
        return
    pages = math.ceil(len(items) / PAGE_SIZE)
    page = 1
    if pages > 1:
        page = int(st.number_input(f"Page (of {pages})", min_value=1, max_value=pages, value=1, step=1,
                                   key=f"feedback-page-{'-'.join(chosen or [])}"))
    first = (page - 1) * PAGE_SIZE
    shown = items.iloc[first:first + PAGE_SIZE]
    st.caption(f"Showing {first + 1} to {first + len(shown)} of {len(items)}, newest first.")
    for item in shown.astype(object).where(shown.notna(), None).itertuples():
        _item_card(item)


def _item_card(item) -> None:
    with st.container(border=True):
        where = f" · {escape_markdown(item.programme)}" if item.programme else ""
        st.caption(f"Raised on {item.raised_on:%-d %B %Y}{where} · {STATUS_WORDS.get(item.status, item.status)}")
        if not item.shown_to_all:
            st.caption(f":material/visibility_off: {NOT_SHOWN}")
        st.markdown(f"**You said:** {escape_markdown(item.you_said)}")
        if item.we_did:
            told = f" (told back on {item.responded_on:%-d %B %Y})" if item.responded_on else ""
            st.markdown(f"**We did:** {escape_markdown(item.we_did)}{told}")
        else:
            st.markdown("**We did:** nothing to report yet.")


page_entry(PAGE_ID, render)
