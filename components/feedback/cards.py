"""The "You said, we did" items as cards: a page of them at a time (drawing hundreds at once made
the page slow), newest first, optionally only those with the chosen answers."""

import math

import streamlit as st

from components.feedback.words import NOT_SHOWN, STATUS_WORDS, card_line, showing, we_did
from components.plain_text import escape_markdown
from measures import easy_read
from measures.formatting import count

PAGE_SIZE = 20


def item_cards(items, listed: int, easy: bool = False) -> None:
    """`items` (measures.feedback.feedback_list), of which at most `listed` were read; `easy`: in easy read."""
    if len(items) == listed:
        st.caption(easy_read.listed(listed) if easy else f"Only the newest {count(listed)} things raised in this "
                   "period are listed: choose a shorter period to see older ones.")
    chosen = st.segmented_control("Show only", list(STATUS_WORDS), format_func=STATUS_WORDS.get,
                                  selection_mode="multi", key="feedback-status")
    if chosen:
        items = items[items["status"].isin(chosen)]
    if items.empty:
        st.info(easy_read.NO_SUCH_ANSWER if easy else "Nothing raised in this period has that answer.")
        return
    pages = math.ceil(len(items) / PAGE_SIZE)
    page = 1
    if pages > 1:
        page = int(st.number_input(f"Page (of {count(pages)})", min_value=1, max_value=pages, value=1, step=1,
                                   key=f"feedback-page-{'-'.join(chosen or [])}"))
    first = (page - 1) * PAGE_SIZE
    shown = items.iloc[first:first + PAGE_SIZE]
    st.caption(showing(first, len(shown), len(items)))
    for item in shown.astype(object).where(shown.notna(), None).itertuples():
        _item_card(item)


def _item_card(item) -> None:
    with st.container(border=True):
        st.caption(card_line(item))
        if not item.shown_to_all:
            st.caption(f":material/visibility_off: {NOT_SHOWN}")
        st.markdown(f"**You said:** {escape_markdown(item.you_said)}")
        st.markdown(we_did(item))
