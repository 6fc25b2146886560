"""The one page registry: which pages exist, which roles may open them, and where each sits in the menu."""

from dataclasses import dataclass

import streamlit as st

from models.db import PROJECT_ROOT

ALL_ROLES = ("admin", "staff", "trustee", "young_person")
# The menu's sections, in order, each a few pages (components/menu.py draws them).
HOW_WE_ARE_DOING = "How we're doing"
TOGETHER = "Together"
PUT_DATA_IN = "Put data in"
RUN_THE_DASHBOARD = "Run the dashboard"
SECTIONS = (HOW_WE_ARE_DOING, TOGETHER, PUT_DATA_IN, RUN_THE_DASHBOARD)
NO_SECTION = ""  # pages never in a menu: "/" and the rating link's page


@dataclass(frozen=True)
class PageSpec:
    page_id: str
    path: str
    title: str
    icon: str
    roles: tuple[str, ...]
    section: str = NO_SECTION

    @property
    def url_path(self) -> str:
        """The file's name: Streamlit (and AppTest) match deep links to page files by it."""
        return self.path.rsplit("/", 1)[-1].removesuffix(".py")


PAGES = (
    # "/" itself: sends each person on to their role's own page, so that every real page keeps a
    # URL of its own (Streamlit serves the default page only at "/", whatever its url_path).
    PageSpec("home", "pages/home.py", "Home", ":material/home:", ALL_ROLES),
    PageSpec("overview", "pages/overview.py", "Co-production health", ":material/monitor_heart:",
             ("admin", "staff", "trustee"), HOW_WE_ARE_DOING),
    PageSpec("engagement", "pages/engagement.py", "Engagement", ":material/groups:", ("admin", "staff"),
             HOW_WE_ARE_DOING),
    PageSpec("representation", "pages/representation.py", "Who gets to lead", ":material/diversity_3:",
             ("admin", "staff"), HOW_WE_ARE_DOING),
    PageSpec("skills", "pages/skills.py", "Skills gained", ":material/trending_up:", ("admin", "staff"),
             HOW_WE_ARE_DOING),
    PageSpec("principles", "pages/principles.py", "Principles and the ladder", ":material/stairs:",
             ("admin", "staff", "young_person"), HOW_WE_ARE_DOING),
    PageSpec("explorer", "pages/explorer.py", "Forum explorer", ":material/explore:", ("admin", "staff"), TOGETHER),
    PageSpec("you-said-we-did", "pages/you_said_we_did.py", "You said, we did", ":material/forum:", ALL_ROLES,
             TOGETHER),
    PageSpec("snapshots", "pages/snapshots.py", "Board snapshots", ":material/photo_camera:", ("admin", "trustee"),
             TOGETHER),
    PageSpec("session-results", "pages/session_results.py", "Live session ratings", ":material/how_to_vote:",
             ("admin", "staff"), TOGETHER),
    PageSpec("record", "pages/record.py", "Record", ":material/edit_note:", ("admin", "staff"), PUT_DATA_IN),
    PageSpec("upload", "pages/upload.py", "Bring in data", ":material/upload_file:", ("admin", "staff"), PUT_DATA_IN),
    PageSpec("data-quality", "pages/data_quality.py", "Data quality", ":material/fact_check:", ("admin", "staff"),
             PUT_DATA_IN),
    PageSpec("frameworks", "pages/frameworks.py", "Frameworks and skills", ":material/account_tree:", ("admin",),
             RUN_THE_DASHBOARD),
    PageSpec("settings", "pages/settings.py", "Settings", ":material/settings:", ("admin",), RUN_THE_DASHBOARD),
    PageSpec("participant-rights", "pages/participant_rights.py", "Participant records", ":material/person_search:",
             ("admin",), RUN_THE_DASHBOARD),
    PageSpec("users", "pages/users.py", "Users", ":material/manage_accounts:", ("admin",), RUN_THE_DASHBOARD),
    PageSpec("audit-log", "pages/audit_log.py", "Audit log", ":material/history:", ("admin",), RUN_THE_DASHBOARD),
)
# Opened from a session's rating link, with no account: the shell registers it alone, so nothing
# else of the app can be reached from it (docs/architecture.md). Never in a menu.
LINK_HOLDER = "link holder"
RATING_PAGE = PageSpec("rate", "pages/rate_session.py", "Rate this session", ":material/how_to_vote:", (LINK_HOLDER,))
HOME = {"admin": "overview", "staff": "overview", "trustee": "overview", "young_person": "you-said-we-did"}
BY_ID = {spec.page_id: spec for spec in (*PAGES, RATING_PAGE)}


def allowed(page_id: str, role: str | None) -> bool:
    spec = BY_ID.get(page_id)
    return spec is not None and role in spec.roles


def title_for(spec: PageSpec, work_label: str = "co-production") -> str:
    """The page's title in the organisation's own word for the work ("Youth voice health")."""
    return spec.title.replace("Co-production", work_label[:1].upper() + work_label[1:])


def navigation_pages(role: str | None, work_label: str = "co-production") -> dict[str, st.Page]:
    """Every page, so deep links resolve before sign-in; the ones `role` may not open are
    hidden from the menu (and refused by the shell and by the page itself)."""
    return {spec.page_id: st.Page(PROJECT_ROOT / spec.path, title=title_for(spec, work_label), icon=spec.icon,
                                  url_path=spec.url_path, default=spec.page_id == "home",
                                  visibility="visible" if role in spec.roles and spec.page_id != "home"
                                  else "hidden")
            for spec in PAGES}


def role_sections(role: str) -> list[tuple[str, list[PageSpec]]]:
    """The role's menu: (section title, its pages) in order; sections without a page of the role
    left out."""
    return [(title, specs) for title in SECTIONS
            if (specs := [spec for spec in PAGES if spec.section == title and role in spec.roles])]


def rating_page() -> st.Page:
    return st.Page(PROJECT_ROOT / RATING_PAGE.path, title=RATING_PAGE.title, icon=RATING_PAGE.icon,
                   url_path=RATING_PAGE.url_path, default=True)
