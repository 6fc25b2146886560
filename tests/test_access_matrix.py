"""Every page for every role and for nobody signed in: what is shown, and what is refused."""

from pathlib import Path

import pytest
from streamlit.testing.v1 import AppTest

from components.registry import PAGES
from models.schema import open_store
from tests import small_org
from tests.apptest_helpers import ROLES, add_role_accounts, charts, open_deep_link, sign_in_as

ROOT = Path(__file__).resolve().parent.parent
Q1_2024 = {"period": "Custom dates", "from": "2024-01-01", "to": "2024-03-31"}
ALLOWED = {
    "overview": {"admin", "staff", "trustee"},
    "engagement": {"admin", "staff"},
    "representation": {"admin", "staff"},
    "skills": {"admin", "staff"},
    "principles": {"admin", "staff", "young_person"},
    "snapshots": {"admin", "trustee"},
    "explorer": {"admin", "staff"},
    "record": {"admin", "staff"},
    "session-results": {"admin", "staff"},
    "frameworks": {"admin"},
    "upload": {"admin", "staff"},
    "data-quality": {"admin", "staff"},
    "settings": {"admin"},
    "you-said-we-did": {"admin", "staff", "trustee", "young_person"},
    "participant-rights": {"admin"},
    "users": {"admin"},
    "audit-log": {"admin"},
}
TITLES = {"overview": "Co-production health", "engagement": "Engagement", "representation": "Who gets to lead",
          "skills": "Skills gained",
          "principles": "Principles and the ladder", "settings": "Settings", "you-said-we-did": "You said, we did",
          "upload": "Bring in data", "snapshots": "Board snapshots", "explorer": "Forum explorer",
          "record": "Record", "session-results": "Live session ratings", "frameworks": "Frameworks and skills",
          "data-quality": "Data quality",
          "participant-rights": "Participant records", "users": "Users",
          "audit-log": "Audit log"}


@pytest.fixture(scope="module")
def store(tmp_path_factory):
    url = f"sqlite:///{tmp_path_factory.mktemp('matrix')}/store.db"
    engine = open_store(url)
    small_org.build(engine)
    add_role_accounts(engine)
    return url


def test_the_matrix_covers_every_registered_page():
    assert {spec.page_id for spec in PAGES} == set(ALLOWED) | {"home"}
    for spec in PAGES:
        assert set(spec.roles) == ALLOWED.get(spec.page_id, set(ROLES))


def open_page(store, monkeypatch, page_id: str, role: str | None) -> AppTest:
    path = next(spec.path for spec in PAGES if spec.page_id == page_id)
    return open_deep_link(store, monkeypatch, path, role, **Q1_2024)


def shows_no_data(at: AppTest) -> bool:
    return not at.metric and not at.dataframe and not charts(at) and not at.get("arrow_data_frame")


@pytest.mark.parametrize("page_id", list(ALLOWED))
@pytest.mark.parametrize("role", [None, *ROLES])
def test_role_page_matrix(store, monkeypatch, page_id, role):
    at = open_page(store, monkeypatch, page_id, role)
    assert not at.exception
    if role is None:
        assert [t.label for t in at.text_input][:2] == ["Username", "Password"]
        assert shows_no_data(at)
    elif role in ALLOWED[page_id]:
        assert TITLES[page_id] in [t.value for t in at.title]
        assert not any("not available" in w.value for w in at.warning)
        assert at.metric or at.dataframe or at.number_input
    else:
        assert any("not available to your role" in w.value for w in at.warning)
        assert TITLES[page_id] not in [t.value for t in at.title]
        assert shows_no_data(at)


def test_allowed_pages_show_hand_worked_figures(store, monkeypatch):
    overview = open_page(store, monkeypatch, "overview", "trustee")
    assert {m.label: m.value for m in overview.metric}["Young people"] == "5"  # 7, protected for a trustee: nearest 5
    feedback = open_page(store, monkeypatch, "you-said-we-did", "young_person")
    assert {m.label: m.value for m in feedback.metric}["Things you raised"] == "5"
    said = [m.value for m in feedback.markdown if m.value.startswith("**You said:**")]
    # Only items staff approved reach young people: the small organisation's are written with the
    # flag off, so none is listed, though all five count.
    assert said == []
    staff_view = open_page(store, monkeypatch, "you-said-we-did", "staff")
    said = [m.value for m in staff_view.markdown if m.value.startswith("**You said:**")]
    assert said == [f"**You said:** Item {c}" for c in ("FB7", "FB3", "FB4", "FB2", "FB1")]  # newest first
    users = open_page(store, monkeypatch, "users", "admin")
    assert sorted(users.dataframe[0].value["username"]) == ["u-admin", "u-staff", "u-trustee", "u-young-person"]


@pytest.mark.parametrize("role", ROLES)
def test_menu_offers_only_the_roles_pages(role):
    # Every page is registered (so deep links resolve), but only the role's are in the menu.
    from components.registry import navigation_pages
    visible = {pid for pid, page in navigation_pages(role).items() if page.visibility == "visible"}
    assert "home" not in visible
    assert visible == {pid for pid, roles in ALLOWED.items() if role in roles}


MENUS = {
    "admin": {"How we're doing": ["overview", "engagement", "representation", "skills", "principles"],
              "Together": ["explorer", "you-said-we-did", "snapshots", "session-results"],
              "Put data in": ["record", "upload", "data-quality"],
              "Run the dashboard": ["frameworks", "settings", "participant-rights", "users", "audit-log"]},
    "staff": {"How we're doing": ["overview", "engagement", "representation", "skills", "principles"],
              "Together": ["explorer", "you-said-we-did", "session-results"],
              "Put data in": ["record", "upload", "data-quality"]},
    "trustee": {"How we're doing": ["overview"], "Together": ["you-said-we-did", "snapshots"]},
    "young_person": {"How we're doing": ["principles"], "Together": ["you-said-we-did"]},
}


@pytest.mark.parametrize("role", ROLES)
def test_the_menu_is_in_short_sections_and_still_registers_every_page(role):
    # Each role's menu as the person sees it: its pages in sections (components/menu.py), none
    # longer than five; every page, hidden ones included, is still handed to st.navigation.
    from components.registry import PAGES, navigation_pages, role_sections
    menu = {title: [spec.page_id for spec in specs] for title, specs in role_sections(role)}
    assert menu == MENUS[role] and all(len(ids) <= 5 for ids in menu.values())
    assert sorted(navigation_pages(role)) == sorted(spec.page_id for spec in PAGES)


def test_the_menu_is_drawn_in_sections_for_the_signed_in_role(store, monkeypatch):
    at = open_page(store, monkeypatch, "overview", "staff")
    shown = [m.value for m in at.sidebar.markdown]
    assert [s for s in shown if s in MENUS["staff"]] == list(MENUS["staff"])
    links = [link.label for link in at.sidebar.get("page_link")]
    assert links[:3] == ["Co-production health", "Engagement", "Who gets to lead"]


@pytest.mark.parametrize("role, home_title", [("admin", "Co-production health"), ("staff", "Co-production health"),
                                              ("trustee", "Co-production health"),
                                              ("young_person", "You said, we did")])
def test_the_front_door_opens_each_roles_own_page(store, monkeypatch, role, home_title):
    monkeypatch.setenv("DATABASE_URL", store)
    at = sign_in_as(AppTest.from_file(str(ROOT / "app.py"), default_timeout=60), role).run()
    assert not at.exception
    assert home_title in [t.value for t in at.title]


@pytest.mark.parametrize("spec", PAGES, ids=lambda s: s.page_id)
def test_a_page_file_opened_directly_without_sign_in_shows_the_form_and_no_data(store, monkeypatch, spec):
    monkeypatch.setenv("DATABASE_URL", store)
    at = AppTest.from_file(str(ROOT / spec.path), default_timeout=60)
    for key, value in Q1_2024.items():
        at.query_params[key] = value
    at.run()
    assert not at.exception
    assert [t.label for t in at.text_input][:2] == ["Username", "Password"]
    assert shows_no_data(at)


def test_feedback_chart_counts_items_by_month_raised(store, monkeypatch):
    at = open_page(store, monkeypatch, "you-said-we-did", "young_person")
    (spec, frames), = charts(at)
    rows = frames[0].pivot(index="month", columns="series", values="items")
    # January: FB1 (told back in 15 days). February: FB2 (43 days), FB4 (open). March: FB3 (after the
    # period's end), FB7 (open).
    assert rows["Raised"].to_dict() == {"2024-01": 1, "2024-02": 2, "2024-03": 2}
    assert rows["Told back within 30 days"].to_dict() == {"2024-01": 1, "2024-02": 0, "2024-03": 0}


def test_a_rerun_that_arrives_without_its_page_goes_back_to_the_page_the_session_was_on(store, monkeypatch):
    # The sign-in cookie's rerun can reach the server without its page; Streamlit then runs the
    # default page "/". The session must stay on the page it was on: here one staff may not open.
    at = open_page(store, monkeypatch, "users", "staff")
    assert any("not available to your role" in w.value for w in at.warning)
    at.switch_page("pages/home.py").run()
    assert any("not available to your role" in w.value for w in at.warning)
    assert "Co-production health" not in [t.value for t in at.title]
