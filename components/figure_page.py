"""The top of a page of figures (overview, engagement, skills, principles): the sidebar filters,
k and the audience, turned into one `FigurePage`; then the page's title, its period (and what
changes are compared with) and what the audience sees (docs/disclosure.md)."""

from dataclasses import dataclass

import streamlit as st
from sqlalchemy.engine import Engine

from components.audience import admin_note, page_audience, protected_note
from components.connection import current_engine, suppression_k
from components.filters import sidebar_filters
from measures import formatting
from measures.audiences import is_protected
from measures.filters import Filters, Period
from measures.periods import first_session_day


@dataclass(frozen=True)
class FigurePage:
    """What a page of figures is drawn for: the store, the period and filters chosen, k, and
    whether its audience sees protected figures."""
    engine: Engine
    period: Period
    filters: Filters
    k: int
    protected: bool


def chosen(engine: Engine) -> tuple[Period, Filters]:
    """The period and filters in the sidebar, as the page's audience may ask them."""
    return sidebar_filters(engine, audience=page_audience())


def figure_page(engine: Engine, period: Period, filters: Filters) -> FigurePage:
    """The page for a period and filters already chosen, with k and the audience as they are now
    (a refreshing screen reads them again each time)."""
    return FigurePage(engine, period, filters, suppression_k(), is_protected(page_audience()))


def open_figure_page() -> FigurePage:
    """The sidebar filters drawn, and the page they choose."""
    engine = current_engine()
    return figure_page(engine, *chosen(engine))


def comparable(page: FigurePage) -> bool:
    """Whether the store holds records from before the period, to compare its figures with."""
    first_day = first_session_day(page.engine)
    return first_day is not None and page.period.previous().end >= first_day


def period_caption(period: Period, compared: bool | None = None) -> str:
    """'1 January 2024 to 31 March 2024.', then what changes are against when the page shows
    changes (`compared` not None)."""
    text = formatting.date_range(period.start, period.end) + "."
    if compared is None:
        return text
    if compared:
        return f"{text} Changes are against the {formatting.plural(period.days, 'day')} before."
    return f"{text} No comparison: there are no records before this period."


def heading(page: FigurePage, title: str, compared: bool | None = None) -> None:
    """The title, the period (see `period_caption`) and the note on what the audience sees."""
    st.title(title, anchor=False)
    st.caption(period_caption(page.period, compared))
    st.caption(protected_note(page.k) if page.protected else admin_note(page.k))
