"""Measures cached per (function, store, data version, period, filters, extra arguments).

Small results only, bounded in time and number. Keyed on the data version, so new data
(import, form, another process) shows on the next run without a restart.
"""

import importlib

import streamlit as st

from components.connection import current_url, current_version
from measures.filters import Filters, Period
from measures.started_early import started
from models.db import engine_for

TTL = "10m"
ENTRIES = 512


@st.cache_data(ttl=TTL, max_entries=ENTRIES, show_spinner=False)
def _run(module: str, name: str, url: str, version: str, period: Period, filters: Filters, args: tuple):
    function = getattr(importlib.import_module(module), name)
    return function(engine_for(url), period, filters, *args)


@st.cache_data(ttl=TTL, max_entries=ENTRIES, show_spinner=False)
def _check(module: str, name: str, url: str, version: str, args: tuple):
    function = getattr(importlib.import_module(module), name)
    return function(engine_for(url), *args)


def store_check(function, *args):
    """`function(engine, *args)` for checks on the whole store (no period or filters), cached
    until the data changes."""
    return _check(function.__module__, function.__name__, current_url(), current_version(), args)


def measure(function, period: Period, filters: Filters, *args):
    """`function(engine, period, filters, *args)`, cached. Pass k explicitly where it takes one."""
    return _run(function.__module__, function.__name__, current_url(), current_version(), period, filters, args)


def started_early(function, period: Period, filters: Filters, *args):
    """`function(engine, period, filters, *args)` started now, side by side with what the page
    draws next; call the result where the figures are shown. Kept by the same key as `measure`
    (measures/started_early.py)."""
    url = current_url()
    key = (function.__module__, function.__qualname__, url, current_version(), period, filters, args)
    return started(key, lambda: function(engine_for(url), period, filters, *args))
