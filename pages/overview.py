"""Overview: is co-production healthy this period, and what changed since the one before?"""

import pandas as pd
import streamlit as st

from charts.base import alt_text
from charts.engagement import active_by_month, sessions_alt_text, sessions_by_mode
from charts.health import components_chart, components_frame
from components import cached_measures as cached
from components.cached_charts import built
from components.chart_panel import show_chart
from components.figures import formatted, metric
from components.filters import sidebar_filters
from components.page_guard import page_entry
from components.plain_text import escape_markdown
from components.registry import allowed
from components.sign_in import current_account
from components.store import current_engine, suppression_k
from components.audience import admin_note, page_audience, protected_note
from measures.alerts import alerts
from measures.audiences import is_protected
from measures.health import COMPONENT_LABELS
from measures.engagement import MONTHLY_KINDS
from measures.overview_page import overview_page_figures
from measures.periods import first_session_day
from models.settings import get_setting

PAGE_ID = "overview"
# The components of the exported frame are made from protected shares already.
HEALTH_KINDS = {"component": "label", "value": "exact", "weight": "exact", "status": "label"}
STATUS_WORDS = {"green": "Green: healthy", "amber": "Amber: needs attention", "red": "Red: slipping"}


def render() -> None:
    engine = current_engine()
    period, filters = sidebar_filters(engine, audience=page_audience())
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
    k = suppression_k()
    protected = is_protected(page_audience())
    first_day = first_session_day(engine)
    comparable = first_day is not None and period.previous().end >= first_day
    figures = cached.measure(overview_page_figures, period, filters, k, comparable, protected)
    now = figures["now"]
    before = figures["before"] or empty_figures(now)

    label = get_setting(engine, "work_label")
    st.title(f"{label[:1].upper()}{label[1:]} health", anchor=False)
    compared = (f"Changes are against the {period.days} days before." if comparable
                else "No comparison: there are no records before this period.")
    st.caption(f"{period.start:%-d %B %Y} to {period.end:%-d %B %Y}. {compared}")
    st.caption(protected_note(k) if protected else admin_note(k))
    _alerts(now, before, get_setting(engine, "alert_thresholds"), label, comparable)
    _health(now["health_index"], before["health_index"], figures["now_protected"]["health_index"], protected)
    _key_figures(now, before, k, comparable)
    _charts(figures["monthly"], figures["sessions"], k, protected)


def empty_figures(like: dict) -> dict:
    """The same shape as `like` with every figure None: nothing to compare against."""
    if isinstance(like, dict):
        return {key: empty_figures(value) for key, value in like.items()}
    return None


def _alerts(now: dict, before: dict, thresholds: dict, label: str, comparable: bool) -> None:
    found = alerts(now, before if comparable else empty_figures(now), thresholds, label)
    if not found:
        st.success("No alerts: every principle, the feedback loop and participation are within the "
                   "thresholds set in Settings.", icon=":material/check_circle:")
        return
    with st.container(border=True):
        st.markdown(f"**Where it is slipping** ({len(found)} alert{'s' if len(found) != 1 else ''})")
        for sentence in found:
            st.markdown(f"- {escape_markdown(sentence)}")


def _health(health: dict, before: dict, exported: dict, protected: bool) -> None:
    st.subheader("Health index", anchor=False)
    if health["value"] is None:
        st.info("No component has data for this period yet, so there is no index. "
                "Import sessions, attendance, evaluations, ratings or feedback to see one.")
        return
    left, right = st.columns([1, 2])
    with left:
        metric("Health index (out of 100)", health["value"], before["value"], "score", 0,
               "The weighted average of the components on the right. Weights and the "
               "green / amber thresholds are the organisation's to set.")
        st.markdown(f"**{STATUS_WORDS[health['status']]}**")
        thresholds = health["thresholds"]
        st.caption(f"Green from {thresholds['green']}, amber from {thresholds['amber']}, red below. "
                   "The dashed lines on the chart mark the same thresholds.")
        left_out = [COMPONENT_LABELS[n] for n, c in health["components"].items() if c["weight"] == 0]
        if left_out:
            st.caption("Left out for lack of data (or fewer than k young people): " + "; ".join(left_out) + ".")
    with right:
        frame = components_frame(health, COMPONENT_LABELS)
        show_chart(built(components_chart, frame, health["thresholds"]), frame, title="What the index is made of",
                   alt_text=alt_text("Bar chart", "the health index components, scored out of 100", frame,
                                     value="value", label="component"),
                   key="health-components", kinds=HEALTH_KINDS, k=0, protected=protected,
                   export_data=components_frame(exported, COMPONENT_LABELS))


def _key_figures(now: dict, before: dict, k: int, comparable: bool) -> None:
    st.subheader("Key figures", anchor=False)
    e, b = now["engagement"], before["engagement"]
    if not comparable:  # nobody can have come back from a period with no records at all
        e = {**e, "returning_share": None}
    cols = st.columns(4)
    with cols[0]:
        metric("Young people", e["active_young_people"], b["active_young_people"], "count", k,
               "Young people taking part: distinct young people who attended at least one session in the period.")
    with cols[1]:
        metric("Came back", e["returning_share"], b["returning_share"], "share", k,
               "Of the young people taking part, the share who also took part in the period before.")
    with cols[2]:
        metric("Attendance", e["attendance_rate"], b["attendance_rate"], "share", k,
               "Young people who came, out of those expected.")
    with cols[3]:
        metric("Youth-led sessions", e["youth_led_share"], b["youth_led_share"], "share", k,
               f"Sessions led or co-led by young people, out of {formatted(e['sessions_held'], 'count', k)} held.")
    f, fb = now["feedback"], before["feedback"]
    cols = st.columns(4)
    with cols[0]:
        metric("'Doing with' sessions", e["doing_with_share"], b["doing_with_share"], "share", k,
               "Sessions on the co-design or co-production rungs of the ladder, out of those placed on it.")
    with cols[1]:
        metric("Feedback told back", f["told_back_share"], fb["told_back_share"], "share", k,
               f"Of {f['raised']} 'you said' items raised in the period, the share told back by its end.")
    with cols[2]:
        metric("Feedback overdue", f["open_over_30_days"], fb["open_over_30_days"], "count", k,
               "'You said' items of any date still without a response 30 days or more after they were raised.",
               higher_is_better=False)
    with cols[3]:
        r, rb = now["remuneration"], before["remuneration"]
        metric("Paid to young people", r["paid_total_gbp"], rb["paid_total_gbp"], "money", k,
               "Payments for time at sessions young people attended (travel expenses not included).")


def _charts(monthly: pd.DataFrame, sessions: pd.DataFrame, k: int, protected: bool) -> None:
    if monthly.empty:
        st.info("No sessions with young people in this period. Choose a longer period, or import "
                "sessions and attendance (python manage.py import ...).")
        return
    table = monthly[["month", "active_young_people", "suppressed"]]
    show_chart(built(active_by_month, monthly), table, title="Young people taking part each month",
               alt_text=alt_text("Bar chart", "young people taking part each month",
                                 monthly[~monthly["suppressed"]], value="active_young_people", label="month"),
               note=f"Months with fewer than {k} young people are left out.", key="active-by-month",
               kinds=MONTHLY_KINDS, k=k, protected=protected)
    show_chart(built(sessions_by_mode, sessions), sessions, title="Sessions each month, in person, online and hybrid",
               alt_text=sessions_alt_text(sessions), key="sessions-by-mode",
               kinds={"month": "label", "mode": "label", "sessions": "exact"}, k=k, protected=protected)


page_entry(PAGE_ID, render)
