"""Chart builders, cached: building an Altair chart (layers, encodings, copies) cost more than
the rest of a warm page view (docs/decisions.md). The same builder with equal arguments (the data frame
included, hashed by Streamlit) gives back the same chart object, which nothing changes after.
Bounded in number and time like the measures' cache."""

import importlib

import streamlit as st

ENTRIES = 256
TTL = "10m"


@st.cache_resource(max_entries=ENTRIES, ttl=TTL, show_spinner=False)
def _built(module: str, name: str, args: tuple, kwargs: tuple):
    return getattr(importlib.import_module(module), name)(*args, **dict(kwargs))


def built(builder, *args, **kwargs):
    """`builder(*args, **kwargs)`, from the cache when it was built before with equal arguments."""
    return _built(builder.__module__, builder.__name__, args, tuple(sorted(kwargs.items())))
