"""What the sign-in page says beyond the form: demo accounts, or how to create the first admin."""

import streamlit as st

from auth.accounts import listing
from auth.demo_accounts import DEMO_ACCOUNTS


def sign_in_help(engine) -> None:
    users = listing(engine)
    demo = users[users["is_demo"].astype(bool)]
    if len(demo):
        st.info("**Demo accounts** (the demo data is made up; these accounts disappear when a real "
                "admin is created or real data is imported):", icon=":material/science:")
        shown = [(u, r, p) for u, r, _, p in DEMO_ACCOUNTS if u in set(demo["username"])]
        st.table({"Username": [u for u, _, _ in shown], "Role": [r.replace("_", " ") for _, r, _ in shown],
                  "Password": [p for _, _, p in shown]})
    elif users.empty:
        st.info("There are no accounts yet. Create the first admin on the server with:\n\n"
                "`python manage.py create-user --username YOUR_NAME --role admin`", icon=":material/person_add:")
