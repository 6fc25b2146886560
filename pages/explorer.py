"""Forum explorer: staff, trainers and young people ask their own questions of the data together.

Pick a measure, split it (once or twice), filter it, click a bar or point to look inside that
group. Every choice is bound to the URL, so a copied link reopens exactly this view; views can
be named and saved for the forum's agenda. Presentation mode shows only the chart and what it
says, in large type, for a projector.

Whoever uses it, the explorer is for the staff forum's audience (docs/disclosure.md): every
figure it shows is protected (`measures.explorer.protected`), periods are whole months, and
age band, disability and care experience come one at a time, as a filter or a split.
"""

import streamlit as st

from charts.explorer import explorer_alt_text, explorer_chart
from components import cached_measures as cached
from components.app_shell import page_entry
from components.audience import protected_note
from components.cached_charts import built
from components.chart_panel import show_chart
from components.connection import current_engine, suppression_k
from components.explorer.look_inside import CHART, FLASH, on_click, remember_view
from components.explorer.pickers import only_these_groups, pickers
from components.explorer.style import explorer_style
from components.filters import sidebar_filters
from components.flash import show
from components.plain_text import escape_markdown
from components.explorer.saved_views import saved_views_panel
from measures.audiences import STAFF_FORUM, QuestionRefused
from measures.explorer.catalogue import MEASURES
from measures.explorer.explore import framework_names, group_options
from measures.explorer.page_text import NAMED, in_force, scope_words, under_chart, view_title
from measures.explorer.protected import check_sensitive, protected_view, table_kinds
from measures.explorer.words import numbers_table, sentence

PAGE_ID = "explorer"


def render() -> None:
    engine = current_engine()
    k = suppression_k()
    # The forum explorer is always the staff forum's audience, whoever uses it: protected figures
    # only (measures/explorer/protected.py), whole months, one sensitive characteristic at a time.
    period, filters = sidebar_filters(engine, audience=STAFF_FORUM)
    heading, switch = st.columns([3, 1], vertical_alignment="center")
    with switch:
        present = st.toggle("Presentation mode", key="present", bind="query-params",
                            help="For a projector: large text, only the chart and what it says. Switch it off here.")
    explorer_style(present)
    with heading.container(key="explorer-heading"):
        st.title("Forum explorer", anchor=False)
    with st.container(key="explorer-controls"):
        st.caption("Choose what to look at and how to split it; narrow it with the filters on the left. Click a "
                   "bar or a point to look inside that group. " + protected_note(k))
        measure, dimension, by, framework = pickers(engine)
        st.info(MEASURES[measure].definition, icon=":material/menu_book:")
    period, focus = only_these_groups(engine, measure, framework, period)
    dims = [dimension, *([by] if by else [])]
    try:  # a split by one sensitive characteristic and a filter on another is two at once
        check_sensitive(filters, dims)
    except QuestionRefused as refused:
        st.error(f"{refused} Change the split or the filters on the left.", icon=":material/filter_alt_off:")
        st.stop()
    # Everything below (chart, table, sentence, notes, drill-down) is drawn from this protected frame.
    frame = cached.measure(protected_view, period, filters, measure, dimension, k, by, framework, focus)
    remember_view(measure, dims)
    show(FLASH, toast=True, icon=":material/zoom_in:")  # what the last click on the chart did
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
                       title=view_title(measure, dimension, by),
                       alt_text=explorer_alt_text(frame, measure, dimension, by, k), key=CHART,
                       kinds=table_kinds(table), k=k, protected=True, note=under_chart(frame, measure, by, k),
                       on_select=on_click)
    if present:  # what the measure means, under the chart (the controls that show it are hidden)
        with st.container(key="explorer-definition"):
            st.markdown(escape_markdown(MEASURES[measure].definition))
    else:
        with st.container(key="explorer-saved"):
            saved_views_panel(engine)


def _scope(engine, period, filters, focus: tuple, framework: str | None) -> str:
    """The period and every filter in force, in words (so a projected chart says what it covers)."""
    chosen = in_force(filters, focus)
    names = {dimension: group_options(engine, dimension, framework) for dimension, _ in chosen if dimension in NAMED}
    framework_name = framework_names(engine).get(framework, framework) if framework else None
    return scope_words(period.start, period.end, chosen, names, framework_name)


page_entry(PAGE_ID, render)
