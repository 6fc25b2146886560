"""Sign-in, accounts and the audit log: plain functions over the store (no Streamlit here)."""
