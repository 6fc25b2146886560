"""Settings (admins): small-number threshold, the name of the work, the health index, alerts."""

import streamlit as st

from components.app_shell import page_entry
from components.page_opening import page_opening
from measures.formatting import count
from measures.health import COMPONENT_LABELS
from measures.rounding import half_up
from models.audit import record
from models.settings import get_setting, set_setting

PAGE_ID = "settings"
LABELS = ("co-production", "participation", "youth voice")


def render() -> None:
    engine, me = page_opening("Settings", "Changes apply to every page, the command line and exports, and are "
                                          "recorded in the audit log.")
    with st.form("settings"):
        values = _privacy_and_words(engine) | _health(engine) | _alerts(engine)
        saved = st.form_submit_button("Save settings", type="primary")
    if saved:
        problem = _problem(values)
        if problem:
            st.error(f"Nothing saved: {problem}")
            return
        changed = {key: value for key, value in values.items() if get_setting(engine, key) != value}
        for key, value in changed.items():
            set_setting(engine, key, value)
        with engine.begin() as conn:
            record(conn, me, "settings changed", **changed)
        st.success("Saved: " + (", ".join(key.replace("_", " ") for key in changed) or "nothing had changed") + ".")


def _privacy_and_words(engine) -> dict:
    st.subheader("Protecting young people", anchor=False)
    k = st.number_input("Hide figures behind fewer than this many young people (k)", min_value=2, max_value=50,
                        value=int(get_setting(engine, "suppression_k")), step=1,
                        help="Such figures show as 'fewer than k' and are never plotted or exported.")
    st.subheader("Words", anchor=False)
    current = get_setting(engine, "work_label")
    label = st.selectbox("What we call this work", LABELS, index=LABELS.index(current) if current in LABELS else 0)
    public_url = st.text_input("The dashboard's address, for rating links (optional)",
                               value=get_setting(engine, "public_url") or "", placeholder="https://dashboard.example.org",
                               help="Young people's rating links and QR codes start with it. Empty: the address your "
                                    "browser reached the dashboard at.")
    return {"suppression_k": int(k), "work_label": label, "public_url": public_url.strip().rstrip("/")}


def _health(engine) -> dict:
    st.subheader("Health index", anchor=False)
    st.caption("Each component scores 0-100; the index is their weighted average. A weight of 0 leaves a "
               "component out.")
    weights = get_setting(engine, "health_weights")
    columns = st.columns(len(COMPONENT_LABELS))
    new_weights = {name: int(col.number_input(label, min_value=0, max_value=10, value=int(weights.get(name, 1)),
                                              key=f"w-{name}"))
                   for col, (name, label) in zip(columns, COMPONENT_LABELS.items(), strict=True)}
    thresholds = get_setting(engine, "health_thresholds")
    green, amber = st.columns(2)
    return {"health_weights": new_weights, "health_thresholds": {
        "green": int(green.number_input("Green from", 1, 100, int(thresholds["green"]))),
        "amber": int(amber.number_input("Amber from (red below)", 0, 99, int(thresholds["amber"])))}}


def _alerts(engine) -> dict:
    st.subheader("Alerts on the overview", anchor=False)
    current = get_setting(engine, "alert_thresholds")
    a, b, c, d = st.columns(4)
    return {"alert_thresholds": {
        "principle_mean_below": float(a.number_input("A principle rated below (out of 5)", 1.0, 5.0,
                                                     float(current["principle_mean_below"]), 0.1)),
        "gap_above": float(b.number_input("Staff rate a principle higher than young people by more than", 0.0, 4.0,
                                          float(current["gap_above"]), 0.1)),
        "active_drop_share": c.number_input("Young people taking part fall by at least (%)", 1, 100,
                                            int(half_up(current["active_drop_share"], 0, scale=100))) / 100,
        "representation_ratio_below": float(d.number_input(
            "A group leads less often than it takes part: representation ratio below", 0.1, 1.0,
            float(current["representation_ratio_below"]), 0.05, format="%.2f",
            help="1 is fair. Also marks such groups on the 'Who gets to lead' page."))}}


def _problem(values: dict) -> str | None:
    url = values["public_url"]
    if url and not (url.startswith(("https://", "http://")) and " " not in url and len(url) <= 200):
        return "the dashboard's address starts with https:// (or http://), e.g. https://dashboard.example.org."
    thresholds = values["health_thresholds"]
    if thresholds["amber"] >= thresholds["green"]:
        return f"amber ({count(thresholds['amber'])}) must start below green ({count(thresholds['green'])})."
    if not any(values["health_weights"].values()):
        return "at least one health index component needs a weight above 0."
    return None


page_entry(PAGE_ID, render)
