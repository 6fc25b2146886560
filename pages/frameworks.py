"""Frameworks and skills (admins): the organisation's own frameworks, principles and skills,
renaming the built-in ones, retiring what is no longer used. Ratings and evaluations already
given are never lost: data/frameworks_editor.py refuses any change that would lose them."""

import hashlib
import json

import pandas as pd
import streamlit as st

from components.cached_measures import store_check
from components.page_guard import page_entry
from components.plain_text import escape_markdown
from components.store import current_engine
from data import frameworks_editor as editor
from data.frameworks_editor import EditorError

PAGE_ID = "frameworks"
FLASH = "frameworks-flash"  # {section: message} shown after the rerun that follows a change
CODE_HELP = ("The short name import files use, e.g. 'safe_space': lowercase letters, digits and underscores. "
             "It cannot be changed later; the name can.")


def render() -> None:
    engine = current_engine()
    st.title("Frameworks and skills", anchor=False)
    st.caption("Frameworks are lists of principles that sessions are rated against; skills are what young people "
               "rate themselves on. Codes are what import files use, so they never change; names can. Nothing "
               "that has ratings or evaluations can be deleted: retire it instead, and it leaves the forms while "
               "its figures keep counting. Every change is recorded in the audit log.")
    frameworks_tab, new_tab, skills_tab = st.tabs(["Frameworks and principles", "Add your own framework", "Skills"])
    with frameworks_tab:
        _frameworks(engine)
    with new_tab:
        _new_framework(engine)
    with skills_tab:
        _skills(engine)


# --- Acting, and saying what happened ----------------------------------------------------------

def _me():
    return st.session_state.get("username")


def _act(section: str, change, then: dict | None = None) -> None:
    """Make a change (`change(actor)`); on success say so after a rerun, so that every list shows
    it, and set the session values in `then`; else say here why not."""
    try:
        message = change(_me())
    except EditorError as problem:
        st.error(escape_markdown(str(problem)), icon=":material/block:")
        return
    st.session_state.update(then or {})
    st.session_state.setdefault(FLASH, {})[section] = message
    st.session_state[f"{section}-generation"] = _generation(section) + 1  # fresh, empty inputs
    st.rerun()


def _flash(section: str, more: str = "") -> None:
    message = st.session_state.get(FLASH, {}).pop(section, None)
    if message:
        st.success(escape_markdown(message + more), icon=":material/check_circle:")


def _generation(section: str) -> int:
    return st.session_state.get(f"{section}-generation", 0)


def _key(section: str, *parts) -> str:
    return "-".join([section, str(_generation(section)), *map(str, parts)])


def _choose(label: str, names: dict, remembered: str) -> str:
    """A choice by code, shown by name, kept in `remembered` across reruns. The widget's key
    changes with the names: a browser keeps showing the old name of a renamed choice otherwise."""
    codes = list(names)
    current = st.session_state.get(remembered)
    digest = hashlib.sha1(json.dumps(names).encode()).hexdigest()[:12]
    chosen = st.selectbox(label, codes, index=codes.index(current) if current in names else 0,
                          format_func=names.get, key=f"{remembered}-{digest}")
    st.session_state[remembered] = chosen
    return chosen


def _on_forms(retired: pd.Series) -> pd.Series:
    return retired.map({False: "Yes", True: "No (retired)"})


# --- Frameworks and their principles -----------------------------------------------------------

def _frameworks(engine) -> None:
    listing = store_check(editor.frameworks_listing)
    st.dataframe(pd.DataFrame({
        "Framework": listing["name"], "Code": listing["code"],
        "Kind": listing["builtin"].map({True: "Built in", False: "Your own"}),
        "Principles": listing["principles"], "Ratings given": listing["ratings"],
    }), hide_index=True, width="stretch")
    names = dict(zip(listing["code"], listing["name"], strict=True))
    code = _choose("Framework to look at or change", names, "chosen-framework")
    chosen = listing.set_index("code").loc[code]
    if chosen["description"]:
        st.caption(escape_markdown(chosen["description"]))
    _flash("framework")
    principles = store_check(editor.principles_listing, code)
    if principles.empty:
        st.info("This framework has no principles yet. Add them below.")
    else:
        st.dataframe(pd.DataFrame({
            "Order": principles["position"], "Principle": principles["name"], "Code": principles["code"],
            "Offered on forms": _on_forms(principles["retired"]), "Ratings given": principles["ratings"],
        }), hide_index=True, width="stretch")
    with st.expander("Rename or describe this framework"):
        _rename_framework(engine, code, chosen)
    with st.expander("Add a principle to this framework"):
        _add_principle(engine, code)
    if not principles.empty:
        with st.expander("Rename, retire or delete a principle"):
            _change_principle(engine, code, principles)
    if not chosen["builtin"]:
        with st.expander("Delete this framework"):
            _delete_framework(engine, code, chosen)


def _rename_framework(engine, code: str, chosen) -> None:
    with st.form(_key("framework", code, "rename")):
        name = st.text_input("Name", value=chosen["name"])
        description = st.text_area("Description (optional)", value=chosen["description"] or "", height=80)
        if st.form_submit_button("Save name and description"):
            _act("framework", lambda actor: editor.rename_framework(engine, code, name, actor,
                                                                     description=description))


def _add_principle(engine, code: str) -> None:
    with st.form(_key("framework", code, "add-principle")):
        left, middle, right = st.columns([2, 3, 1])
        new_code = left.text_input("Code", help=CODE_HELP)
        name = middle.text_input("Name", help="As people will see it on forms and charts.")
        position = right.number_input("Order", min_value=1, step=1, value=None,
                                      help="Where it goes in the list (1 = first). Leave empty to put it last.")
        if st.form_submit_button("Add principle"):
            _act("framework", lambda actor: editor.add_principle(engine, code, new_code, name, actor,
                                                                  position=None if position is None else int(position)))


def _change_principle(engine, code: str, principles: pd.DataFrame) -> None:
    by_code = principles.set_index("code")
    which = _choose("Principle", dict(zip(by_code.index, by_code["name"], strict=True)), f"chosen-principle-{code}")
    row = by_code.loc[which]
    with st.form(_key("framework", code, which, "rename-principle")):
        name = st.text_input("New name", value=row["name"])
        if st.form_submit_button("Rename principle"):
            _act("framework", lambda actor: editor.rename_principle(engine, code, which, name, actor))
    ratings = int(row["ratings"])
    st.caption(f"{ratings:,} rating{'' if ratings == 1 else 's'} given against this principle."
               + (" Retired: forms no longer offer it." if row["retired"] else ""))
    retire, remove = st.columns(2)
    if row["retired"]:
        if retire.button("Bring back onto forms", key=_key("framework", code, which, "back")):
            _act("framework", lambda actor: editor.set_principle_retired(engine, code, which, False, actor))
    elif retire.button("Retire", key=_key("framework", code, which, "retire"),
                       help="No longer offered on forms; its ratings keep counting in every figure."):
        _act("framework", lambda actor: editor.set_principle_retired(engine, code, which, True, actor))
    if remove.button("Delete", key=_key("framework", code, which, "delete"),
                     help="Only a principle nobody has rated can be deleted."):
        _act("framework", lambda actor: editor.delete_principle(engine, code, which, actor))


def _delete_framework(engine, code: str, chosen) -> None:
    ratings = int(chosen["ratings"])
    if ratings:
        st.info(f"Its principles have {ratings:,} rating{'' if ratings == 1 else 's'}, so it cannot be deleted: "
                "that would lose them. Retire its principles instead: they leave the forms and their ratings "
                "keep counting.")
        return
    st.write("Deletes this framework and its principles. Only possible while nobody has rated any of them.")
    sure = st.checkbox("Yes, delete this framework", key=_key("framework", code, "sure"))
    if st.button("Delete framework", disabled=not sure, key=_key("framework", code, "delete")):
        _act("framework", lambda actor: editor.delete_framework(engine, code, actor))


def _new_framework(engine) -> None:
    st.write("For example your co-production policy's own considerations. Give the framework a code and a "
             "name, then list its principles in order, one a row. You can add more principles later.")
    _flash("new-framework", " It is now chosen under 'Frameworks and principles', where you can rename it "
                            "or add more principles.")
    with st.form(_key("new-framework", "form")):
        left, right = st.columns([1, 2])
        code = left.text_input("Framework code", help=CODE_HELP)
        name = right.text_input("Framework name", help="As people will see it, e.g. 'Our co-production policy'.")
        description = st.text_area("Description (optional)", height=80)
        st.markdown("**Its principles**, in order, one a row (more rows appear as you fill the last one):")
        blank = pd.DataFrame({"code": [""] * 3, "name": [""] * 3})
        rows = st.data_editor(blank, num_rows="dynamic", hide_index=True, width="stretch",
                              column_config={"code": st.column_config.TextColumn("Principle code", help=CODE_HELP),
                                             "name": st.column_config.TextColumn("Principle name")})
        if st.form_submit_button("Add framework", type="primary"):
            principles = [(str(c or "").strip(), str(n or "").strip()) for c, n in zip(rows["code"], rows["name"],
                                                                                       strict=True)]
            principles = [(c, n) for c, n in principles if c or n]
            _act("new-framework", lambda actor: editor.add_framework(engine, code, name, description, principles,
                                                                      actor), then={"chosen-framework": code.strip()})


# --- Skills ------------------------------------------------------------------------------------

def _skills(engine) -> None:
    listing = store_check(editor.skills_listing)
    st.dataframe(pd.DataFrame({
        "Skill": listing["name"], "Code": listing["code"],
        "Kind": listing["builtin"].map({True: "Built in", False: "Your own"}),
        "Offered on forms": _on_forms(listing["retired"]), "Evaluations given": listing["evaluations"],
    }), hide_index=True, width="stretch")
    _flash("skill")
    with st.expander("Add your own skill"):
        with st.form(_key("skill", "add")):
            left, right = st.columns([1, 2])
            code = left.text_input("Code", help=CODE_HELP)
            name = right.text_input("Name", help="As young people will see it on the evaluation form.")
            if st.form_submit_button("Add skill"):
                _act("skill", lambda actor: editor.add_skill(engine, code, name, actor))
    with st.expander("Rename, retire or delete a skill"):
        by_code = listing.set_index("code")
        which = _choose("Skill", dict(zip(by_code.index, by_code["name"], strict=True)), "chosen-skill")
        row = by_code.loc[which]
        with st.form(_key("skill", which, "rename")):
            name = st.text_input("New name", value=row["name"])
            if st.form_submit_button("Rename skill"):
                _act("skill", lambda actor: editor.rename_skill(engine, which, name, actor))
        used = int(row["evaluations"])
        st.caption(f"{used:,} evaluation{'' if used == 1 else 's'} of this skill."
                   + (" Retired: forms no longer offer it." if row["retired"] else ""))
        retire, remove = st.columns(2)
        if row["retired"]:
            if retire.button("Bring back onto forms", key=_key("skill", which, "back")):
                _act("skill", lambda actor: editor.set_skill_retired(engine, which, False, actor))
        elif retire.button("Retire", key=_key("skill", which, "retire"),
                           help="No longer offered on forms; its evaluations keep counting in every figure."):
            _act("skill", lambda actor: editor.set_skill_retired(engine, which, True, actor))
        if remove.button("Delete", key=_key("skill", which, "delete"),
                         help="Only a skill nobody has been evaluated on can be deleted."):
            _act("skill", lambda actor: editor.delete_skill(engine, which, actor))


page_entry(PAGE_ID, render)
