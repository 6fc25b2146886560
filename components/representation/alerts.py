"""The page's alert: groups of young people that lead less often than they take part, against the
threshold set in Settings (`measures.alerts.representation_alerts`, as on the overview)."""

import streamlit as st

from components.plain_text import escape_markdown
from measures import formatting
from measures.alerts import representation_alerts
from measures.representation_page import ratio


def alerts_box(figures: dict, k: int, below: float) -> None:
    """`figures`: the representation figures as the page shows them."""
    found = representation_alerts(figures, k, below)
    if not found:
        st.success(f"No alert: no group of at least {formatting.count(k)} young people taking part has a "
                   f"representation ratio below {ratio(below)}.", icon=":material/check_circle:")
        return
    with st.container(border=True):
        st.markdown(f"**Who leads less often than they take part** ({formatting.plural(len(found), 'alert')})")
        for sentence in found:
            st.markdown(f"- {escape_markdown(sentence)}")
