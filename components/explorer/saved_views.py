"""The explorer's shared list of saved views: the link to the view on screen, "save this view",
and every saved view with a button that opens it (its link, in a new tab)."""

from urllib.parse import urlencode

import streamlit as st

from components.flash import act, say, show
from components.plain_text import escape_markdown
from components.sign_in import current_account
from data.saved_views import MAX_NAME, NOT_SAVED, SavedViewProblem, delete_view, list_views, may_delete, save_view
from measures.formatting import day

FLASH = "saved-views"  # components.flash's key for what saving or deleting a view did


def current_query() -> str:
    """The page's query string as the browser shows it (every bound widget writes itself there)."""
    return urlencode([(key, value) for key in st.query_params if key not in NOT_SAVED
                      for value in st.query_params.get_all(key)])


def link_to(query: str) -> str:
    base = st.context.url or "explorer"
    return f"{base}?{query}" if query else base


def saved_views_panel(engine) -> None:
    account = current_account(engine)
    me, role = (account.username, account.role) if account else (None, None)
    st.header("Saved views for the forum", anchor=False)
    show(FLASH)
    query = current_query()
    st.markdown("**Link to this view**: copy it into the forum's notes; it opens this exact view.")
    st.code(link_to(query), language=None, wrap_lines=True)
    with st.form("save-view", clear_on_submit=True, border=False):
        name = st.text_input("Name this view", max_chars=MAX_NAME,
                             placeholder="e.g. Attendance by programme, last quarter")
        if st.form_submit_button("Save this view", icon=":material/bookmark_add:"):
            act(FLASH, lambda: f"Saved '{save_view(engine, name, query, me)}': it is on the list below for everyone.",
                problems=(SavedViewProblem,))
    views = list_views(engine)
    if views.empty:
        st.info("No saved views yet. Choose what to look at above, then name the view and save it: it joins a "
                "list that staff and admins share, for the forum's agenda.")
        return
    st.caption("Open a view to see it with all its choices (in a new tab). Whoever saved a view, or an admin, "
               "can delete it.")
    for i, view in enumerate(views.itertuples()):
        text, opener, remover = st.columns([6, 1.2, 1.2], vertical_alignment="center")
        text.markdown(f"**{escape_markdown(view.name)}**  \nSaved by {escape_markdown(view.created_by)} on "
                      f"{day(view.created_at)}")
        opener.link_button("Open", link_to(view.query), icon=":material/open_in_new:")
        if may_delete(view.created_by, me, role):
            remover.button("Delete", key=f"delete-view-{i}", icon=":material/delete:", on_click=_delete,
                           args=(engine, view.name, me))


def _delete(engine, name: str, me: str | None) -> None:
    """The delete button's callback: the page reruns after it anyway, so only say what happened."""
    try:
        delete_view(engine, name, me)
        say(FLASH, f"Deleted the view '{name}'.")
    except SavedViewProblem as problem:
        say(FLASH, str(problem), "error")
