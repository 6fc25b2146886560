"""The young person's side of a rating link: the session, one question per principle with
answers in words as well as numbers, an optional code and comment, one button to send, and a
thank-you that says what happens next. Phone first: one column, answers at least 44 px tall.
In easy read (`easy`, on by default here) the words are measures/easy_read.py's."""

import streamlit as st

from components.plain_text import escape_markdown
from data.rating_links.links import FoundLink
from data.rating_links.responses import MAX_COMMENT, Answers, NotSaved, send
from measures import easy_read
from measures.formatting import day

SCALE = {1: "not at all", 2: "a little", 3: "some", 4: "a lot", 5: "completely"}
SENT = "rating-sent"   # in the session: the answers went (True: they replaced earlier ones)
THANKS = ("**Thank you! Your answers are saved.**\n\nStaff read every comment. Things you raise show up on "
          "the \"You said, we did\" page, with what we did about them.")
NOT_OPEN = ("This link is not open. It may have ended, or it may be wrong. Ask the person running the session "
            "for a new one.")
# Static CSS (no data in it): big answers to tap, a column a phone can read.
RATING_CSS = """<style>
[data-testid="stMainBlockContainer"] {max-width: 40rem; padding: 1rem 1rem 3rem 1rem;}
.st-key-rating [role="radiogroup"] label {min-height: 44px; padding: 0.4rem 0; align-items: center;}
.st-key-rating [data-testid="stWidgetLabel"] p {font-size: 1.15rem; font-weight: 600;}
.st-key-rating button {min-height: 48px; font-size: 1.1rem;}
.st-key-rating h1 {font-size: 2rem;}
</style>"""


def session_heading(link: FoundLink) -> None:
    st.title("How was this session?", anchor=False)
    st.markdown(f"**{escape_markdown(link.session_title)}**  \n{day(link.session_date)} · "
                f"{escape_markdown(link.programme_name)}")


def not_open(easy: bool = False) -> str:
    return easy_read.NOT_OPEN if easy else NOT_OPEN


def thank_you(easy: bool = False) -> bool:
    """The thank-you after sending; True when shown (the form waits behind a button)."""
    if SENT not in st.session_state:
        return False
    st.success(easy_read.THANKS if easy else THANKS, icon=":material/favorite:")
    if st.session_state[SENT]:
        st.caption(easy_read.REPLACED if easy else "Your new answers took the place of the ones you sent before.")
    if st.button("Change my answers", icon=":material/edit:"):
        del st.session_state[SENT]
        st.rerun()
    return True


def rating_form(engine, link: FoundLink, token: str, device: str, address: str | None, easy: bool = False) -> None:
    with st.form("rating", border=False):
        st.markdown(easy_read.RATE_INTRO if easy else "For each one, pick how true it was **today**.")
        scores = {code: st.radio(name, list(SCALE), index=None, key=f"rate-{code}",
                                 format_func=lambda v: f"{v}: {SCALE[v]}")
                  for code, name in link.principles}
        own_code = st.text_input(easy_read.CODE_LABEL if easy else "Your code (only if you want to give it)",
                                 max_chars=40, key="rate-own-code", help=easy_read.CODE_HELP if easy else
                                 "The code the organisation gave you. You do not have to give it.")
        comment = st.text_area("Anything you want us to change?", max_chars=MAX_COMMENT,
                               placeholder="Please do not write anyone's name.")
        sent = st.form_submit_button("Send my answers", type="primary", icon=":material/send:",
                                     use_container_width=True)
    if sent:
        try:
            replaced = send(engine, token, device, address, Answers(scores, own_code, comment))
        except NotSaved as problem:
            st.error(escape_markdown(str(problem)), icon=":material/error:")
            return
        st.session_state[SENT] = replaced
        st.rerun()
