"""Static CSS that the theme alone cannot give: targets big enough to hit, and a focus ring you can see.

WCAG 2.2 AA (tests/browser/test_accessibility.py checks every page with axe-core):
- 2.5.8 target size: the day, month and year of a date input are separate targets, drawn about 18 px
  wide; they, and the other small buttons (a date input's calendar, a label's help, a password's
  eye: 16 px high), get at least 24 x 24 px;
- 1.4.3 contrast: the text of charts (axes, legends, headers) is drawn darker than Streamlit draws it;
- 2.4.7 focus visible: every focusable element shows an outline while it has the keyboard's focus,
  in the theme's primary colour (`.streamlit/config.toml`), which has at least 3:1 against the page.
Other text colours (captions included) come from the theme: see `.streamlit/config.toml`.

The CSS holds no data, so it is safe for `st.html`. The app shell calls `accessible_styles()` once
at the start of every run."""

import streamlit as st

FOCUS_COLOUR = "#0072B2"  # the theme's primaryColor
TARGET_PX = 24
# Streamlit writes charts' axis, legend and header text in its own grey, whatever the theme: 3.7:1 on
# white. Only text in exactly that grey is drawn darker (its own darker grey, 7:1), so colours a chart
# builder chose (charts/) stay as they are.
CHART_GREY = "#808495"
CHART_TEXT = "#555867"

ACCESSIBLE_CSS = f"""<style>
[data-testid="stDateInputField"] [role="spinbutton"] {{
  display: inline-block;
  min-width: {TARGET_PX}px;
  min-height: {TARGET_PX}px;
  line-height: {TARGET_PX}px;
  text-align: center;
}}
[data-testid="stDateInputCalendarButton"], [data-testid="stTooltipIcon"] button,
button[aria-label="Show password"], button[aria-label="Hide password"] {{
  min-width: {TARGET_PX}px;
  min-height: {TARGET_PX}px;
  display: inline-flex;
  align-items: center;
  justify-content: center;
}}
[data-testid="stTooltipIcon"] button svg {{
  width: 16px;
  height: 16px;
}}
[data-testid="stVegaLiteChart"] text[fill="{CHART_GREY}"] {{
  fill: {CHART_TEXT};
}}
a:focus-visible, button:focus-visible, input:focus-visible, select:focus-visible, textarea:focus-visible,
summary:focus-visible, [tabindex]:focus-visible, [contenteditable="true"]:focus-visible,
[role="button"]:focus-visible, [role="tab"]:focus-visible, [role="spinbutton"]:focus-visible {{
  outline: 2px solid {FOCUS_COLOUR} !important;
  outline-offset: 2px !important;
}}
[data-testid="stDateInputField"] [role="spinbutton"]:focus-visible {{
  outline-offset: 0 !important;  /* so the ring does not hide the "-" between day, month and year */
}}
</style>"""


def accessible_styles() -> None:
    """Inject the static accessibility CSS (no data in it) into the page being drawn."""
    st.html(ACCESSIBLE_CSS)
