"""The register of a session, as staff take it: pick who was expected (search by code), then tick
who came and fill in their role and what they were paid, in one table."""

import zlib

import pandas as pd
import streamlit as st

from components.form_fields import participant_codes
from data.forms import RegisterLine
from data.forms.words import ROLES, ROLES_IN_SESSION

COLUMNS = ["Code", "Who", "Came", "Role in the session", "Paid £", "Expenses £"]


def register_editor(key: str, saved: list[RegisterLine] = ()) -> list[RegisterLine]:
    """The register lines filled in, from participants found in the store, young people first
    (`components.form_fields.participant_codes`); `saved` is the register already saved, if any,
    shown to start with."""
    # What was filled in so far, by code: kept when someone is added to or taken off the list.
    details: dict[str, dict] = st.session_state.setdefault(f"{key}-details", {
        line.participant_code: {"Came": line.attended, "Role in the session": ROLES_IN_SESSION[line.role_in_session],
                                "Paid £": line.paid_gbp, "Expenses £": line.expenses_gbp} for line in saved})
    already = st.session_state.get(f"{key}-people") or [line.participant_code for line in saved]
    listed, roles = participant_codes(f"{key}-people", keep=already)
    picked = st.multiselect(
        "Who was expected", listed, key=f"{key}-people", placeholder="Type a participant code to search",
        default=[line.participant_code for line in saved if line.participant_code in roles],
        filter_mode="contains", select_all=False,
        format_func=lambda code: f"{code} ({ROLES.get(roles[code], roles[code]).lower()})",
        help="Everyone who was expected, whether or not they came. Then tick who came in the table below.")
    if not picked:
        st.caption("Nobody on the register yet.")
        return []
    editor_key = f"{key}-table-{zlib.crc32('|'.join(picked).encode())}"
    base_key = f"{key}-base"
    if st.session_state.get(base_key, (None,))[0] != editor_key:
        st.session_state[base_key] = (editor_key, _table(picked, roles, details))
    edited = st.data_editor(
        st.session_state[base_key][1], key=editor_key, hide_index=True, disabled=["Code", "Who"], placeholder="",
        column_config={
            "Came": st.column_config.CheckboxColumn("Came", help="Tick if they came; untick if they did not."),
            "Role in the session": st.column_config.SelectboxColumn(
                "Role in the session", options=list(ROLES_IN_SESSION.values()), required=True),
            "Paid £": st.column_config.NumberColumn("Paid £", min_value=0.0, step=0.01, format="£%.2f",
                                                    help="Payment for their time; empty if none."),
            "Expenses £": st.column_config.NumberColumn("Expenses £", min_value=0.0, step=0.01, format="£%.2f",
                                                        help="Travel and other expenses; empty if none."),
        })
    lines = []
    by_label = {label: value for value, label in ROLES_IN_SESSION.items()}
    for row in edited.to_dict("records"):
        details[row["Code"]] = row
        lines.append(RegisterLine(row["Code"], bool(row["Came"]),
                                  by_label.get(row["Role in the session"], "participant"),
                                  _amount(row["Paid £"]), _amount(row["Expenses £"])))
    came = sum(line.attended for line in lines)
    st.caption(f"{len(lines)} on the register, {came} came.")
    return lines


def _table(picked: list[str], roles: dict[str, str], details: dict[str, dict]) -> pd.DataFrame:
    rows = []
    for code in picked:
        before = details.get(code, {})
        rows.append({"Code": code, "Who": ROLES.get(roles[code], roles[code]), "Came": before.get("Came", True),
                     "Role in the session": before.get("Role in the session", ROLES_IN_SESSION["participant"]),
                     "Paid £": before.get("Paid £"), "Expenses £": before.get("Expenses £")})
    table = pd.DataFrame(rows, columns=COLUMNS)
    return table.astype({"Came": bool, "Paid £": "float64", "Expenses £": "float64"})


def _amount(value) -> float | None:
    return None if value is None or pd.isna(value) else float(value)
