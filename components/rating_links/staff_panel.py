"""Staff's side of rating links: open one for a session (the link and its QR code are shown once,
to this browser: the store keeps only a hash), list a session's links and close one early, and
show the open link to the room beside the live results."""

from urllib.parse import urlsplit

import streamlit as st

from components import flash
from components.form_fields import me, pick, pick_session
from components.plain_text import escape_markdown
from data.frameworks.editor import offered_frameworks
from data.rating_links.links import (
    DEFAULT_HOURS, LinkProblem, close_link, links_for_session, most_used_framework, open_link, sessions_with_links,
)
from data.rating_links.qr import qr_png, qr_svg, rating_url
from measures import formatting
from models.settings import get_setting

TOKENS = "rating-link-tokens"   # {link id: token} of the links this browser opened (never stored)
FLASH = "rating-links"


def base_url(engine) -> str:
    """The `public_url` setting, else the address this browser reached the app at."""
    configured = (get_setting(engine, "public_url") or "").strip()
    if configured:
        return configured
    here = urlsplit(st.context.url or "http://localhost:8501")
    return f"{here.scheme}://{here.netloc}"


def open_link_panel(engine, r: int) -> None:
    """On the Record page: let young people rate a session from their phones."""
    st.subheader("Let young people rate it from their phones", anchor=False)
    st.caption("Open a rating link: young people scan the QR code or open the link, with no account, and answer in "
               "under a minute. Their answers count as young people's ratings of the session (anonymous unless "
               "they give their code); comments wait for you on \"You said, we did\".")
    flash.show(FLASH)
    session = pick_session(f"rl-session-{r}")
    frameworks = offered_frameworks(engine)
    names = dict(zip(frameworks["code"], frameworks["name"], strict=True))
    with engine.connect() as conn:
        usual = most_used_framework(conn)
    left, right = st.columns(2)
    with left:
        framework = pick("Framework", names, f"rl-framework-{r}", index=list(names).index(usual)
                         if usual in names else None)
    hours = right.number_input("Open for (hours)", min_value=1, max_value=24 * 14, value=DEFAULT_HOURS,
                               key=f"rl-hours-{r}")
    if st.button("Open a rating link", key=f"rl-open-{r}", icon=":material/qr_code_2:", disabled=not session):
        flash.act(FLASH, lambda: _opened(engine, session, framework, hours), problems=(LinkProblem,))
    if session:
        session_links(engine, session)


def _opened(engine, session: str, framework: str | None, hours: float) -> str:
    link = open_link(engine, session, me() or "staff", hours=hours, framework=framework)
    st.session_state.setdefault(TOKENS, {})[link.link_id] = link.token
    return (f"Rating link open for session {session} until {formatting.day(link.expires_at)} "
            f"{formatting.clock(link.expires_at)} (UTC), for up to {formatting.count(link.max_responses)} answers.")


def session_links(engine, session: str) -> None:
    links = links_for_session(engine, session)
    if links.empty:
        return
    for row in links.itertuples():
        state = "open" if row.is_open else ("closed" if row.closed_at is not None else "ended")
        text, button = st.columns([5, 1.3], vertical_alignment="center")
        text.markdown(f"Link opened {formatting.day(row.opened_at, short=True)} {formatting.clock(row.opened_at)} by "
                      f"{escape_markdown(row.opened_by)} · {escape_markdown(row.framework)} · "
                      f"{formatting.plural(row.responses, 'answer')} · **{state}**")
        if row.is_open:
            button.button("Close it", key=f"rl-close-{row.id}", icon=":material/link_off:",
                          on_click=_close, args=(engine, int(row.id)))
            show_link(engine, int(row.id))


def _close(engine, link_id: int) -> None:
    closed = close_link(engine, link_id, me() or "staff")
    flash.say(FLASH, "Link closed: it takes no more answers." if closed else "That link was already closed.")


def show_link(engine, link_id: int, large: bool = False) -> None:
    """The link and its QR code, when this browser opened it (the store cannot give it back)."""
    token = st.session_state.get(TOKENS, {}).get(link_id)
    if token is None:
        return
    url = rating_url(base_url(engine), token)
    left, right = st.columns([1, 1.4] if large else [1, 2])
    left.image(qr_png(url), caption="Scan to rate this session", width=420 if large else 220)
    right.markdown("**The link**")
    right.code(url, language=None, wrap_lines=True)
    right.download_button("QR code (PNG)", qr_png(url), file_name="rate-this-session.png", mime="image/png",
                          key=f"rl-png-{link_id}-{large}", icon=":material/download:", on_click="ignore")
    right.download_button("QR code (SVG)", qr_svg(url), file_name="rate-this-session.svg", mime="image/svg+xml",
                          key=f"rl-svg-{link_id}-{large}", icon=":material/download:", on_click="ignore")


def pick_rated_session(engine, presenting: bool = False) -> str | None:
    """The session whose results to show, from those that have had a link (kept in the URL); and,
    unless presenting, how many sessions have a link open now."""
    sessions = sessions_with_links(engine)
    if not presenting:
        st.metric("Sessions with a rating link open now", formatting.count(int(sessions["open"].sum())), border=True)
    if sessions.empty:
        st.info("No session has had a rating link yet. Open one on the Record page, under \"Rate a session\".",
                icon=":material/qr_code_2:")
        return None
    labels = {row.code: f"{row.title or row.code} · {formatting.day(row.date)}{' · open' if row.open else ''}"
              for row in sessions.itertuples()}
    return st.selectbox("Session", list(labels), format_func=labels.get, key="session", bind="query-params")


def link_for_the_room(engine, session: str) -> None:
    links = links_for_session(engine, session)
    for row in links[links["is_open"]].itertuples():
        show_link(engine, int(row.id), large=True)
