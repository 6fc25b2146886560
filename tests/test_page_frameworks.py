"""The frameworks and skills page, as an admin uses it (AppTest). Other roles are refused by
the access matrix (tests/test_access_matrix.py)."""

import json

import pytest
from sqlalchemy import select

from data.frameworks.editor import offered_skills, principles_listing, skills_listing
from models.schema import open_store
from models.tables import AuditEntry
from tests.apptest_helpers import open_deep_link, username_for


@pytest.fixture
def page(small_org_url, monkeypatch):
    return open_deep_link(small_org_url, monkeypatch, "pages/frameworks.py", "admin")


def _tab(at, label: str):
    return next(t for t in at.tabs if t.label == label)


def _expander(at, label: str):
    return next(e for e in at.expander if e.label == label)


def _button(container, label: str):
    return next(b for b in container.button if b.label == label)


def _choice(container, label: str):
    return next(s for s in container.selectbox if s.label == label)


def _inputs(container) -> dict:
    return {t.label: t for t in container.text_input}


def _audit(url) -> list[tuple[str, str, dict]]:
    with open_store(url).connect() as conn:
        return [(a, b, json.loads(c) if c else {}) for a, b, c in
                conn.execute(select(AuditEntry.actor, AuditEntry.action, AuditEntry.detail).order_by(AuditEntry.id))]


def test_the_page_lists_frameworks_principles_and_skills(page):
    assert not page.exception
    frameworks, principles = page.dataframe[0].value, page.dataframe[1].value
    skills = next(d.value for d in page.dataframe if "Evaluations given" in d.value.columns)
    assert list(frameworks["Code"]) == ["voice_influence_charter", "core_principles", "lundy"]
    assert list(frameworks["Ratings given"]) == [0, 6, 10]      # small_org: 6 core ratings; lundy 7 + 3
    assert list(principles["Principle"]) == ["Rights and readiness", "Resources", "Strengths and positivity",
                                             "Power and inclusion", "Relate and respect"]
    assert skills.set_index("Code").loc["confidence", "Evaluations given"] == 18


def test_admin_adds_a_framework_then_a_principle_then_renames_it(page, small_org_url):
    new = _tab(page, "Add your own framework")
    _inputs(new)["Framework code"].set_value("our_policy")
    _inputs(new)["Framework name"].set_value("Our co-production policy")
    _button(new, "Add framework").click()
    page.run()
    assert not page.exception and not page.error
    assert page.success[0].value.startswith("Added the framework 'Our co\\-production policy' \\(our\\_policy\\)")
    assert _choice(page, "Framework to look at or change").value == "our_policy"   # the new framework is shown
    assert "This framework has no principles yet" in page.info[0].value

    adding = _expander(page, "Add a principle to this framework")
    _inputs(adding)["Code"].set_value("paid_fairly")
    _inputs(adding)["Name"].set_value("Paid fairly")
    _button(adding, "Add principle").click()
    page.run()
    assert not page.error
    assert page.success[0].value == ("Added the principle 'Paid fairly' \\(paid\\_fairly\\) to "
                                     "'Our co\\-production policy'\\.")
    engine = open_store(small_org_url)
    assert principles_listing(engine, "our_policy")[["position", "code", "name"]].values.tolist() == [
        [1, "paid_fairly", "Paid fairly"]]

    changing = _expander(page, "Rename, retire or delete a principle")
    _inputs(changing)["New name"].set_value("Young people are paid fairly")
    _button(changing, "Rename principle").click()
    page.run()
    assert page.success[0].value == "The principle 'Paid fairly' is now called 'Young people are paid fairly'\\."
    assert list(page.dataframe[1].value["Principle"]) == ["Young people are paid fairly"]   # the list shows it
    assert [(actor, action) for actor, action, _ in _audit(small_org_url)][-3:] == [
        (username_for("admin"), "framework added"), (username_for("admin"), "principle added"),
        (username_for("admin"), "principle renamed")]


def test_a_bad_code_is_explained_and_nothing_is_added(page, small_org_url):
    new = _tab(page, "Add your own framework")
    _inputs(new)["Framework code"].set_value("Our Policy")
    _inputs(new)["Framework name"].set_value("Our policy")
    _button(new, "Add framework").click()
    page.run()
    assert "For example 'our\\_policy'" in page.error[0].value
    assert _inputs(_tab(page, "Add your own framework"))["Framework code"].value == "Our Policy"  # kept, to fix
    assert list(page.dataframe[0].value["Code"]) == ["voice_influence_charter", "core_principles", "lundy"]


def test_deleting_a_rated_principle_is_refused_with_the_count(page, small_org_url):
    _choice(page, "Framework to look at or change").set_value("lundy").run()
    changing = _expander(page, "Rename, retire or delete a principle")
    changing.selectbox[0].set_value("voice").run()
    changing = _expander(page, "Rename, retire or delete a principle")
    _button(changing, "Delete").click()
    page.run()
    assert page.error[0].value.startswith("'Voice' has 7 ratings; deleting it would lose them\\.")
    assert "voice" in set(principles_listing(open_store(small_org_url), "lundy")["code"])


def test_admin_adds_and_retires_a_skill(page, small_org_url):
    skills = _tab(page, "Skills")
    adding = next(e for e in skills.expander if e.label == "Add your own skill")
    _inputs(adding)["Code"].set_value("budgeting")
    _inputs(adding)["Name"].set_value("Budgeting")
    _button(adding, "Add skill").click()
    page.run()
    assert page.success[0].value == "Added the skill 'Budgeting' \\(budgeting\\)\\."
    changing = _expander(page, "Rename, retire or delete a skill")
    changing.selectbox[0].set_value("budgeting").run()
    _button(_expander(page, "Rename, retire or delete a skill"), "Retire").click()
    page.run()
    assert page.success[0].value.startswith("Retired 'Budgeting'\\: forms no longer offer it")
    engine = open_store(small_org_url)
    assert skills_listing(engine).set_index("code").loc["budgeting", "retired"]
    assert "budgeting" not in set(offered_skills(engine)["code"])
    assert _button(_expander(page, "Rename, retire or delete a skill"), "Bring back onto forms")
