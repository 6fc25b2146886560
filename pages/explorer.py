"""Forum explorer: staff, trainers and young people ask their own questions of the data together.

Pick a measure, split it (once or twice), filter it, click a bar or point to look inside that
group. Every choice is bound to the URL, so a copied link reopens exactly this view; views can
be named and saved for the forum's agenda. Presentation mode shows only the chart and what it
says, in large type, for a projector.

Whoever uses it, the explorer is for the staff forum's audience (docs/disclosure.md): every
figure it shows is protected (`measures.explorer_protected`), periods are whole months, and
age band, disability and care experience come one at a time, as a filter or a split.
"""

import streamlit as st

from charts.explorer import PICK, explorer_alt_text, explorer_chart
from components import cached_measures as cached
from components.audience import protected_note
from components.cached_charts import built
from components.chart_panel import show_chart
from components.filters import sidebar_filters
from components.page_guard import page_entry
from components.plain_text import escape_markdown
from components.saved_views_panel import saved_views_panel
from components.store import current_engine, suppression_k
from measures.audiences import STAFF_FORUM, QuestionRefused
from measures.explorer import framework_names, group_options
from measures.explorer_catalogue import (
    DIMENSIONS, FOCUS_DIMENSIONS, MEASURES, buckets_in, covered_words, dimensions_for, group_words, narrowed,
    second_splits_for, time_kind,
)
from measures.explorer_drill import look_inside
from measures.explorer_protected import check_sensitive, protected_view, table_kinds
from measures.explorer_words import hidden_note, numbers_table, sentence
from measures.filters import Period

PAGE_ID = "explorer"
CHART = "explorer"        # show_chart's key: the chart's selection is in st.session_state["explorer-chart"]
ON_SCREEN = "explorer-on-screen"  # what the chart shows, for the click handler
FLASH = "explorer-flash"
WHEN = "when"             # the "only one month or quarter" filter, bound to the URL
# Where a click on a group sets the filter: the sidebar's own widgets, or the explorer's "only these groups".
SIDEBAR_KEYS = {"programme": "programme", "activity_type": "activity", "mode": "mode", "age_band": "age",
                "disability": "disability", "care_experienced": "care"}
FOCUS_KEYS = {"stage": "stage", "led_by": "led_by", "ladder_rung": "rung", "rater_role": "rater",
              "principle": "principle", "skill": "skill"}
# Static CSS (no data in it). The values written on the chart let clicks through to the bar, point or
# square under them (a Vega-Lite selection belongs to one layer); presentation mode keeps only the chart
# and the sentence, large.
CHART_CSS = "<style>.st-key-explorer-panel .mark-text {pointer-events: none;}</style>"
PRESENTATION_CSS = """<style>
[data-testid="stSidebar"], [data-testid="stSidebarCollapsedControl"], [data-testid="stExpandSidebarButton"],
[data-testid="stHeader"], [data-testid="stToolbar"], [data-testid="stDecoration"],
.st-key-explorer-heading, .st-key-explorer-controls, .st-key-explorer-saved,
.st-key-explorer-panel [data-testid="stExpander"], .st-key-explorer-panel [data-testid="stDownloadButton"],
.st-key-explorer-panel [data-testid="stCaptionContainer"] {display: none !important;}
[data-testid="stMainBlockContainer"] {max-width: 100%; padding: 1rem 3rem 2rem 3rem;}
.st-key-explorer-sentence p {font-size: 2.4rem; line-height: 1.2; font-weight: 700;}
.st-key-explorer-scope p {font-size: 1.4rem;}
.st-key-explorer-definition p {font-size: 1.3rem; color: #444444;}
.st-key-explorer-panel h3 {font-size: 1.8rem; line-height: 1.4;}
</style>"""


def render() -> None:
    engine = current_engine()
    k = suppression_k()
    # The forum explorer is always the staff forum's audience, whoever uses it: protected figures
    # only (measures/explorer_protected.py), whole months, one sensitive characteristic at a time.
    period, filters = sidebar_filters(engine, audience=STAFF_FORUM)
    heading, switch = st.columns([3, 1], vertical_alignment="center")
    with switch:
        present = st.toggle("Presentation mode", key="present", bind="query-params",
                            help="For a projector: large text, only the chart and what it says. Switch it off here.")
    st.html(CHART_CSS + (PRESENTATION_CSS if present else ""))
    with heading.container(key="explorer-heading"):
        st.title("Forum explorer", anchor=False)
    with st.container(key="explorer-controls"):
        st.caption("Choose what to look at and how to split it; narrow it with the filters on the left. Click a "
                   "bar or a point to look inside that group. " + protected_note(k))
        measure, dimension, by, framework = _pickers(engine)
        st.info(MEASURES[measure].definition, icon=":material/menu_book:")
    period, focus = _only_these_groups(engine, measure, framework, period)
    try:  # a split by one sensitive characteristic and a filter on another is two at once
        check_sensitive(filters, [dimension, *([by] if by else [])])
    except QuestionRefused as refused:
        st.error(f"{refused} Change the split or the filters on the left.", icon=":material/filter_alt_off:")
        st.stop()
    # Everything below (chart, table, sentence, notes, drill-down) is drawn from this protected frame.
    frame = cached.measure(protected_view, period, filters, measure, dimension, k, by, framework, focus)
    st.session_state[ON_SCREEN] = {"measure": measure, "dims": [dimension, *([by] if by else [])]}
    _flash()
    with st.container(key="explorer-sentence"):
        st.markdown(f"**{escape_markdown(sentence(frame, measure, dimension, by, k))}**")
    with st.container(key="explorer-scope"):
        st.markdown(escape_markdown(_scope(engine, period, filters, focus, framework)))
    if frame.empty:
        st.info("Nothing was recorded for this measure in this period with these filters. Choose a longer period "
                "or fewer filters on the left.")
    else:
        table = numbers_table(frame, measure, dimension, by, k)
        with st.container(key="explorer-panel"):
            show_chart(built(explorer_chart, frame, measure, dimension, by, large=present), table,
                       title=_title(measure, dimension, by),
                       alt_text=explorer_alt_text(frame, measure, dimension, by, k), key=CHART,
                       kinds=table_kinds(table), k=k, protected=True, note=_note(frame, by, k),
                       on_select=_look_inside)
    if present:  # what the measure means, under the chart (the controls that show it are hidden)
        with st.container(key="explorer-definition"):
            st.markdown(escape_markdown(MEASURES[measure].definition))
    else:
        with st.container(key="explorer-saved"):
            saved_views_panel(engine)


def _pickers(engine) -> tuple[str, str, str | None, str | None]:
    left, middle, right = st.columns(3)
    measure = left.selectbox("Measure", list(MEASURES), format_func=lambda m: MEASURES[m].label, key="measure",
                             bind="query-params", help="What to look at. Its definition is just below.")
    dimension = middle.selectbox("Split by", dimensions_for(measure), format_func=lambda d: DIMENSIONS[d].label,
                                 key="split", bind="query-params",
                                 help="Only the splits that make sense for this measure are offered.")
    by = right.selectbox("And by", ["", *second_splits_for(measure, dimension)], key="by", bind="query-params",
                         format_func=lambda d: DIMENSIONS[d].label if d else "Nothing else",
                         help="A second split: a grid, or one small chart per group over time.") or None
    framework = None
    if MEASURES[measure].source == "ratings":
        names = framework_names(engine)
        framework = st.selectbox("Principles", ["", *names], key="principles", bind="query-params",
                                 format_func=lambda c: names[c] if c else "All principles together") or None
    return measure, dimension, by, framework


def _only_these_groups(engine, measure: str, framework: str | None, period: Period) -> tuple[Period, tuple]:
    """Filters the sidebar does not have: one month or quarter of the period, and the stage, who
    led, rung, who rated, principle or skill. Returns the period to show and the chosen groups."""
    offered = [d for d in FOCUS_DIMENSIONS if d in dimensions_for(measure)]
    chosen = []
    with st.sidebar:
        st.subheader("Only these groups", anchor=False)
        when = st.selectbox("Only one month or quarter", ["", *buckets_in(period.start, period.end)], key=WHEN,
                            bind="query-params",
                            format_func=lambda key: covered_words(time_kind(key), key, period.start, period.end)
                            if key else "The whole period")
        if when:
            period = Period(*narrowed(period.start, period.end, when))
        for dimension in offered:
            options = group_options(engine, dimension, framework)
            values = st.multiselect(DIMENSIONS[dimension].label, list(options), format_func=options.get,
                                    key=FOCUS_KEYS[dimension], bind="query-params", placeholder="All")
            if values:
                chosen.append((dimension, tuple(values)))
    return period, tuple(chosen)


def _title(measure: str, dimension: str, by: str | None) -> str:
    title = f"{MEASURES[measure].label} by {DIMENSIONS[dimension].label.lower()}"
    return f"{title} and {DIMENSIONS[by].label.lower()}" if by else title


def _scope(engine, period, filters, focus: tuple, framework: str | None) -> str:
    """The period and every filter in force, in words (so a projected chart says what it covers)."""
    parts = [f"{period.start:%-d %b %Y} to {period.end:%-d %b %Y}"]
    for dimension, values in (("programme", filters.programmes), ("activity_type", filters.activity_types),
                              ("mode", filters.modes), ("age_band", filters.age_bands),
                              ("disability", filters.disability), ("care_experienced", filters.care_experienced),
                              *focus):
        if values:
            names = group_options(engine, dimension, framework) if dimension in ("programme", *FOCUS_DIMENSIONS) \
                else None
            words = ", ".join(group_words(dimension, v, names) for v in values)
            parts.append(f"{DIMENSIONS[dimension].label}: {words}")
    if framework:
        parts.append(framework_names(engine).get(framework, framework))
    return " · ".join(parts)


def _note(frame, by: str | None, k: int) -> str:
    hidden = hidden_note(frame, by, k)
    click = "Click a bar, point or square to look inside that group."
    return f"{hidden} {click}" if hidden else click


def _look_inside() -> None:
    """A click on a group: filter to it and split what is inside (by month, or by programme)."""
    shown = st.session_state.get(ON_SCREEN)
    points = ((st.session_state.get(f"{CHART}-chart") or {}).get("selection") or {}).get(PICK) or []
    if not shown or not points:
        return
    inside = look_inside(shown["measure"], shown["dims"], points[0])
    if inside.when:
        st.session_state[WHEN] = inside.when
    for dimension, value in inside.groups.items():
        st.session_state[SIDEBAR_KEYS.get(dimension) or FOCUS_KEYS[dimension]] = [value]
    if inside.split:
        st.session_state["split"], st.session_state["by"] = inside.split, ""
        st.session_state[FLASH] = (f"Looking inside, split by {DIMENSIONS[inside.split].label.lower()}: the filters "
                                   "on the left say what is shown. Clear them to go back.")
    elif inside.not_filterable:
        st.session_state[FLASH] = "A group that was not recorded cannot be looked inside."


def _flash() -> None:
    text = st.session_state.pop(FLASH, None)
    if text:
        st.toast(escape_markdown(text), icon=":material/zoom_in:")


page_entry(PAGE_ID, render)
