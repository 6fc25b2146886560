"""The sidebar filters. Each widget is bound to the URL, so a copied link reopens the view."""

from datetime import date

import streamlit as st

from measures.audiences import ADMIN, QuestionRefused, check_question, is_protected, is_whole_months, whole_months
from measures.catalogue import programme_names
from measures.filters import Filters, Period
from measures.periods import PRESETS, first_session_day, preset_period
from models.vocab import ACTIVITY_TYPES, AGE_BANDS, MODES, YES_NO_PREFER


def _label(value: str) -> str:
    return value.replace("_", " ").capitalize()


def sidebar_filters(engine, today: date | None = None, audience: str = ADMIN) -> tuple[Period, Filters]:
    """The period and filters chosen in the sidebar. For a protected audience the period is
    widened to whole months (said under the picker), and a choice of two or more of age band,
    disability and care experience at once is refused with a message, the page stopped
    (`measures.audiences.check_question`)."""
    today = today or date.today()
    with st.sidebar:
        st.header("Filters", anchor=False)
        preset = st.selectbox("Period", list(PRESETS), index=list(PRESETS).index("last_12_months"),
                              format_func=PRESETS.get, key="period", bind="query-params")
        if preset == "custom":
            default = preset_period("last_quarter", today)
            start = st.date_input("From", default.start, key="from", bind="query-params", format="YYYY-MM-DD")
            end = st.date_input("To", default.end, key="to", bind="query-params", format="YYYY-MM-DD")
            if end < start:
                st.error("'To' is before 'From': showing the last quarter instead.")
                period = default
            else:
                period = Period(start, end)
        else:
            period = preset_period(preset, today, first_session_day(engine))
        if is_protected(audience) and not is_whole_months(period):
            period = whole_months(period)
            st.caption("Protected figures come in whole months: showing the whole months these dates touch.")
        st.caption(f"{period.start:%-d %b %Y} to {period.end:%-d %b %Y}, compared with the "
                   f"{period.days} days before.")
        names = programme_names(engine)
        programmes = st.multiselect("Programme", list(names), format_func=names.get, key="programme",
                                    bind="query-params", placeholder="All programmes")
        with st.expander("More filters"):
            activity = st.multiselect("Activity type", ACTIVITY_TYPES, format_func=_label, key="activity",
                                      bind="query-params", placeholder="All")
            modes = st.multiselect("Mode", MODES, format_func=_label, key="mode", bind="query-params",
                                   placeholder="All")
            st.caption("Young people's group")
            ages = st.multiselect("Age band", AGE_BANDS, format_func=_label, key="age", bind="query-params",
                                  placeholder="All")
            disability = st.multiselect("Disability / SEND", YES_NO_PREFER, format_func=_label,
                                        key="disability", bind="query-params", placeholder="All")
            care = st.multiselect("Care experienced", YES_NO_PREFER, format_func=_label, key="care",
                                  bind="query-params", placeholder="All")
    filters = Filters(tuple(programmes), tuple(activity), tuple(modes), tuple(ages), tuple(disability), tuple(care))
    try:
        check_question(audience, period, filters)
    except QuestionRefused as refused:
        st.error(f"{refused} Change the filters in the sidebar.", icon=":material/filter_alt_off:")
        st.stop()
    return period, filters
