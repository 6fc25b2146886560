"""The one page registry: which pages exist and which roles may open them."""

from dataclasses import dataclass

import streamlit as st

from models.db import PROJECT_ROOT

ALL_ROLES = ("admin", "staff", "trustee", "young_person")


@dataclass(frozen=True)
class PageSpec:
    page_id: str
    path: str
    title: str
    icon: str
    roles: tuple[str, ...]


PAGES = (
    PageSpec("overview", "pages/overview.py", "Co-production health", ":material/monitor_heart:",
             ("admin", "staff", "trustee")),
)


def specs_for(role: str) -> list[PageSpec]:
    return [spec for spec in PAGES if role in spec.roles]


def navigation_pages(role: str) -> dict[str, st.Page]:
    """st.Page objects for the role, keyed by page id (the first is the default page)."""
    specs = specs_for(role)
    return {spec.page_id: st.Page(PROJECT_ROOT / spec.path, title=spec.title, icon=spec.icon, url_path=spec.page_id,
                                  default=(i == 0)) for i, spec in enumerate(specs)}
