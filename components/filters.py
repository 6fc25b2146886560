"""The sidebar filters. Each widget is bound to the URL, so a copied link reopens the view."""

from datetime import date

import streamlit as st

from measures.audiences import ADMIN, QuestionRefused, check_question, is_protected, is_whole_months, whole_months
from measures.catalogue import programme_names
from measures.filters import Filters, Period
from measures.formatting import date_range, plural
from measures.periods import PRESETS, first_session_day, preset_period
from models.vocab import ACTIVITY_TYPES, AGE_BANDS, MODES, YES_NO_PREFER

# The widget keys, which are also the URL's query parameters: other parts of a page (the
# explorer's "look inside") set them through these names, never retyped.
PERIOD_KEY, FROM_KEY, TO_KEY = "period", "from", "to"
FILTER_KEYS = {"programme": "programme", "activity_type": "activity", "mode": "mode", "age_band": "age",
               "disability": "disability", "care_experienced": "care"}


def _label(value: str) -> str:
    return value.replace("_", " ").capitalize()


def _pick(label: str, options, dimension: str) -> list[str]:
    return st.multiselect(label, options, format_func=_label, key=FILTER_KEYS[dimension], bind="query-params",
                          placeholder="All")


def sidebar_filters(engine, today: date | None = None, audience: str = ADMIN) -> tuple[Period, Filters]:
    """The period and filters chosen in the sidebar. For a protected audience the period is
    widened to whole months (said under the picker), and a choice of two or more of age band,
    disability and care experience at once is refused with a message, the page stopped
    (`measures.audiences.check_question`)."""
    today = today or date.today()
    with st.sidebar:
        st.header("Filters", anchor=False)
        preset = st.selectbox("Period", list(PRESETS), index=list(PRESETS).index("last_12_months"),
                              format_func=PRESETS.get, key=PERIOD_KEY, bind="query-params")
        if preset == "custom":
            default = preset_period("last_quarter", today)
            start = st.date_input("From", default.start, key=FROM_KEY, bind="query-params", format="YYYY-MM-DD")
            end = st.date_input("To", default.end, key=TO_KEY, bind="query-params", format="YYYY-MM-DD")
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
        st.caption(f"{date_range(period.start, period.end, short=True)}, compared with the "
                   f"{plural(period.days, 'day')} before.")
        names = programme_names(engine)
        programmes = st.multiselect("Programme", list(names), format_func=names.get, key=FILTER_KEYS["programme"],
                                    bind="query-params", placeholder="All programmes")
        with st.expander("More filters"):
            activity = _pick("Activity type", ACTIVITY_TYPES, "activity_type")
            modes = _pick("Mode", MODES, "mode")
            st.caption("Young people's group")
            ages = _pick("Age band", AGE_BANDS, "age_band")
            disability = _pick("Disability / SEND", YES_NO_PREFER, "disability")
            care = _pick("Care experienced", YES_NO_PREFER, "care_experienced")
    filters = Filters(tuple(programmes), tuple(activity), tuple(modes), tuple(ages), tuple(disability), tuple(care))
    try:
        check_question(audience, period, filters)
    except QuestionRefused as refused:
        st.error(f"{refused} Change the filters in the sidebar.", icon=":material/filter_alt_off:")
        st.stop()
    return period, filters
