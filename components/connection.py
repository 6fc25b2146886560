"""The app's connection to the store: opened (and upgraded) once per URL and process; the
demo organisation is written on a first start with an empty store."""

import streamlit as st

from models.db import database_url
from models.schema import holds_records, open_store
from models.settings import get_setting
from models.version import data_version


@st.cache_resource(max_entries=4, show_spinner="Opening the store...")
def _store_engine(url: str):
    engine = open_store(url)
    if is_new_installation(engine):
        from data.demo.accounts import load_demo_with_accounts
        load_demo_with_accounts(engine)
    return engine


def is_new_installation(engine) -> bool:
    """No records and no accounts: nobody has set this store up yet, so show the demo. A store
    with a real account but no data yet is an organisation about to import its own."""
    from auth.accounts import listing
    return not holds_records(engine) and listing(engine).empty


def current_url() -> str:
    return database_url()


def current_engine():
    return _store_engine(current_url())


def current_version() -> str:
    """Fingerprint of the data, used in cache keys so new data shows without a restart."""
    return data_version(current_engine())


def is_demo() -> bool:
    return bool(get_setting(current_engine(), "demo_data"))


def suppression_k() -> int:
    return int(get_setting(current_engine(), "suppression_k"))
