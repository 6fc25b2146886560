"""Overview: is co-production healthy this period, and what changed since the one before?"""

import streamlit as st

from components import cached_measures as cached
from components.app_shell import page_entry
from components.connection import current_engine
from components.figure_page import chosen, comparable, figure_page, heading
from components.figure_row import figure_row
from components.overview.alerts import alerts_box
from components.overview.health import health_section
from components.overview.monthly import monthly_charts
from components.registry import allowed
from components.sign_in import current_account
from measures.overview_page import empty_figures, key_figures, overview_page_figures
from models.settings import get_setting

PAGE_ID = "overview"


def render() -> None:
    engine = current_engine()
    period, filters = chosen(engine)
    live = st.sidebar.toggle("Refresh every minute", key="refresh", bind="query-params",
                             help="For a shared screen: new data shows without touching anything.")
    if live:
        st.fragment(run_every="60s")(_live_body)(engine, period, filters)
    else:
        _body(engine, period, filters)


def _live_body(engine, period, filters) -> None:
    """The refreshing fragment: it reruns without the app shell, so it checks the account and
    role itself each time (a shared screen must stop when its trustee is signed out or
    deactivated)."""
    account = current_account(engine)
    if account is None or not allowed(PAGE_ID, account.role):
        st.warning("Signed out: sign in again.", icon=":material/logout:")
        return
    _body(engine, period, filters)


def _body(engine, period, filters) -> None:
    page = figure_page(engine, period, filters)
    compared = comparable(page)
    figures = cached.measure(overview_page_figures, period, filters, page.k, compared, page.protected)
    now, before = figures["now"], figures["before"]
    label = get_setting(engine, "work_label")
    heading(page, f"{label[:1].upper()}{label[1:]} health", compared)
    alerts_box(now, before or empty_figures(now), get_setting(engine, "alert_thresholds"), label)
    health_section(now["health_index"], before and before["health_index"],
                   figures["now_protected"]["health_index"], page.protected)
    st.subheader("Key figures", anchor=False)
    figure_row(key_figures(now, before, page.k, compared), page.k, per_row=4)
    monthly_charts(figures["monthly"], figures["sessions"], page.k, page.protected)


page_entry(PAGE_ID, render)
