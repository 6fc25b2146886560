"""The Record page in AppTest, on the small organisation (tests/small_org.py): each form saves
what was filled in and says so, a bad value is explained and saves nothing, and retired skills
and principles are not offered."""

import json
import re
from datetime import date

from sqlalchemy import select, update

from data.demo.accounts import load_demo_with_accounts
from models.audit import recent
from models.schema import open_store
from models.tables import FeedbackItem, Principle, Skill
from tests.apptest_helpers import add_role_accounts, open_deep_link
from tests.store_helpers import row_counts


def open_record(url, monkeypatch, role="staff", **query):
    return open_deep_link(url, monkeypatch, "pages/record.py", role, **query)


def by_label(widgets, label):
    [found] = [w for w in widgets if w.label == label]
    return found


def messages(elements) -> list[str]:
    """The text shown, without the markdown escapes that keep typed values from being read as markdown."""
    return [re.sub(r"\\(.)", r"\1", e.value) for e in elements]


def form_audits(url) -> list[dict]:
    entries = recent(open_store(url))
    entries = entries[entries["action"] == "form saved"]
    return [{"actor": a, **json.loads(d)} for a, d in zip(entries["actor"], entries["detail"], strict=True)]


def test_staff_record_a_session_with_its_register(small_org_url, monkeypatch):
    before = row_counts(open_store(small_org_url))
    at = open_record(small_org_url, monkeypatch)
    assert not at.exception
    assert "Record" in messages(at.title)
    assert not at.info  # not the demo organisation
    at.selectbox(key="s-programme-0").set_value("P2")
    at.date_input(key="s-date-0").set_value(date(2024, 5, 1))
    at.run()
    assert by_label(at.text_input, "Session code").value == "P2-2024-05-01"  # suggested
    at.multiselect(key="s-register-0-people").set_value(["Y1", "Y2", "S1"])
    at.run()
    assert "3 on the register, 3 came." in messages(at.caption)  # everyone picked is ticked as came at first
    at.button(key="s-save-0").click().run()
    assert not at.exception and not at.error
    assert messages(at.success) == ["Saved session P2-2024-05-01 with 3 people on the register (3 came)."]
    after = row_counts(open_store(small_org_url))
    assert (after["sessions"], after["attendance"]) == (before["sessions"] + 1, before["attendance"] + 3)
    [audit] = form_audits(small_org_url)
    assert (audit["actor"], audit["form"], audit["codes"]) == ("u-staff", "session", ["P2-2024-05-01"])
    # The form starts afresh: the next suggestion is the day's second code for P2.
    at.selectbox(key="s-programme-1").set_value("P2")
    at.date_input(key="s-date-1").set_value(date(2024, 5, 1))
    at.run()
    assert by_label(at.text_input, "Session code").value == "P2-2024-05-01-2"


def test_a_duplicate_code_and_an_empty_register_are_explained_and_nothing_is_saved(small_org_url, monkeypatch):
    before = row_counts(open_store(small_org_url))
    at = open_record(small_org_url, monkeypatch)
    by_label(at.text_input, "Session code").set_value("A")
    at.button(key="s-save-0").click().run()
    [error] = messages(at.error)
    assert error.startswith("Nothing was saved. Please fix:")
    assert "**Session code**: 'A' is already the code of the session on 2024-01-10" in error
    assert "**Register**: nobody is on the register" in error
    assert not at.success
    assert row_counts(open_store(small_org_url)) == before
    assert form_audits(small_org_url) == []


def test_add_a_participant_refuses_a_name(small_org_url, monkeypatch):
    at = open_record(small_org_url, monkeypatch, form="Skills evaluation")
    assert "YP-042" not in at.selectbox(key="e-person-0").options
    at.query_params["form"] = "New participant"
    at.switch_page("pages/record.py").run()
    assert any("never a name" in w.value for w in at.warning)
    at.text_input(key="p-code-0").set_value("Jane Smith")
    at.button(key="p-save-0").click().run()
    assert "a code has no spaces and holds at least one digit" in messages(at.error)[0]
    at.text_input(key="p-code-0").set_value("YP-042")
    at.selectbox(key="p-age-0").set_value("16_18")
    at.button(key="p-save-0").click().run()
    assert messages(at.success) == ["Added participant YP-042 (young person)."]
    assert row_counts(open_store(small_org_url))["participants"] == 10
    # The pickers are cached until the data changes: the new code is offered at once.
    at.query_params["form"] = "Skills evaluation"
    at.switch_page("pages/record.py").run()
    assert "YP-042" in at.selectbox(key="e-person-0").options


def test_an_evaluation_offers_only_skills_not_retired(small_org_url, monkeypatch):
    engine = open_store(small_org_url)
    with engine.begin() as conn:
        conn.execute(update(Skill.__table__).where(Skill.__table__.c.code == "empathy").values(retired=True))
    at = open_record(small_org_url, monkeypatch, form="Skills evaluation")
    offered = [r.label for r in at.segmented_control]
    assert "Confidence" in offered and "Teamwork" in offered and "Empathy" not in offered
    at.selectbox(key="e-person-0").set_value("Y7")
    at.selectbox(key="e-programme-0").set_value("P1")
    at.selectbox(key="e-when-0").set_value("post")
    at.date_input(key="e-date-0").set_value(date(2024, 3, 28))
    at.segmented_control(key="e-score-0-confidence").set_value(4)
    at.button(key="e-save-0").click().run()
    assert messages(at.success) == [
        "Saved the post evaluation of Y7 for P1 on 2024-03-28: 1 skill scored."]
    assert row_counts(engine)["evaluations"] == 24


def test_rating_offers_only_principles_not_retired_and_saves(small_org_url, monkeypatch):
    engine = open_store(small_org_url)
    principles = Principle.__table__
    with engine.begin() as conn:
        conn.execute(update(principles).where(principles.c.code == "space").values(retired=True))
    at = open_record(small_org_url, monkeypatch, form="Rate a session")
    at.selectbox(key="r-session-0").set_value("C")
    at.selectbox(key="r-framework-0").set_value("lundy")
    at.run()
    assert sorted(r.label for r in at.segmented_control) == ["Audience", "Influence", "Voice"]
    at.segmented_control(key="r-score-0-lundy-voice").set_value(5)
    at.segmented_control(key="r-score-0-lundy-influence").set_value(4)
    at.button(key="r-save-0").click().run()
    assert messages(at.success) == ["Saved 2 ratings of session C from a young person (anonymous)."]
    assert row_counts(engine)["principle_ratings"] == 18


def test_update_a_you_said_we_did_item(small_org_url, monkeypatch):
    engine = open_store(small_org_url)
    at = open_record(small_org_url, monkeypatch, form="You said, we did")
    at.radio(key="f-action-0").set_value("Update an item").run()
    at.selectbox(key="u-item-0").set_value("FB4").run()
    assert at.text_area(key="u-did-0-FB4").value == ""  # nothing done yet: an empty box
    assert at.date_input(key="u-told-0-FB4").value is None
    at.selectbox(key="u-status-0-FB4").set_value("done")
    at.text_area(key="u-did-0-FB4").set_value("Moved the sessions to Saturdays")
    at.date_input(key="u-told-0-FB4").set_value(date(2024, 1, 1))  # before it was raised (2024-02-20)
    at.button(key="u-save-0-FB4").click().run()
    assert "**Told back on**: told back on 2024-01-01 is before raised on 2024-02-20" in messages(at.error)[0]
    table = FeedbackItem.__table__
    stored = select(table.c.status, table.c.we_did, table.c.responded_on).where(table.c.code == "FB4")
    with engine.connect() as conn:
        assert tuple(conn.execute(stored).one()) == ("raised", None, None)
    at.date_input(key="u-told-0-FB4").set_value(date(2024, 3, 30))
    at.button(key="u-save-0-FB4").click().run()
    # "Shown to young people and trustees" was left unticked: the answered item still waits for approval.
    assert messages(at.success) == ["Updated item FB4: done, told back on 2024-03-30, not shown to young people "
                                    "and trustees yet."]
    with engine.connect() as conn:
        assert tuple(conn.execute(stored).one()) == ("done", "Moved the sessions to Saturdays", date(2024, 3, 30))


def _shown(engine, code: str) -> bool:
    table = FeedbackItem.__table__
    with engine.connect() as conn:
        return bool(conn.execute(select(table.c.shown_to_all).where(table.c.code == code)).scalar_one())


def test_staff_approve_an_item_for_young_people_and_trustees_by_ticking_it(small_org_url, monkeypatch):
    engine = open_store(small_org_url)
    assert not _shown(engine, "FB4")
    at = open_record(small_org_url, monkeypatch, form="You said, we did")
    at.radio(key="f-action-0").set_value("Update an item").run()
    at.selectbox(key="u-item-0").set_value("FB4").run()
    shown = at.checkbox(key="u-shown-0-FB4")
    assert shown.label == "Shown to young people and trustees" and shown.value is False
    shown.check().run()
    at.button(key="u-save-0-FB4").click().run()
    assert not at.exception
    assert messages(at.success) == ["Updated item FB4: now shown to young people and trustees."]
    assert _shown(engine, "FB4")


def test_a_new_item_is_approved_on_the_form(small_org_url, monkeypatch):
    engine = open_store(small_org_url)
    at = open_record(small_org_url, monkeypatch, form="You said, we did")
    at.text_area(key="f-said-0").set_value("More trips in the summer")
    at.checkbox(key="f-shown-0").check()
    at.button(key="f-save-0").click().run()
    assert not at.exception
    [saved] = messages(at.success)
    code = saved.removeprefix("Added item ").split(" ")[0]
    assert saved.endswith("(raised), shown to young people and trustees.")
    assert _shown(engine, code)


def test_the_form_warns_when_the_words_name_a_participant(small_org_url, monkeypatch):
    warning = "This text names participant {}: young people and trustees would see it if shown."
    at = open_record(small_org_url, monkeypatch, form="You said, we did")
    at.text_area(key="f-said-0").set_value("More trips, said Y10 and y1.").run()  # Y1 is in the store; Y10 is not
    assert not at.exception
    assert [w for w in messages(at.warning) if "names participant" in w] == [warning.format("Y1")]
    at.text_area(key="f-said-0").set_value("More trips in the summer").run()
    assert not [w for w in messages(at.warning) if "names participant" in w]
    at.radio(key="f-action-0").set_value("Update an item").run()
    at.selectbox(key="u-item-0").set_value("FB4").run()
    at.text_area(key="u-did-0-FB4").set_value("Asked Y2 to run it").run()
    assert [w for w in messages(at.warning) if "names participant" in w] == [warning.format("Y2")]


def test_in_demo_mode_the_page_says_a_save_clears_the_demo_then_it_does(store_url, monkeypatch):
    engine = open_store(store_url)
    load_demo_with_accounts(engine)
    add_role_accounts(engine)  # real accounts: the demo accounts are gone already, the demo data stays
    at = open_record(store_url, monkeypatch, role="admin", form="New participant")
    assert not at.exception
    [warning] = [m for m in messages(at.warning) if "demo" in m]
    assert "demo data and the demo accounts are deleted first" in warning
    at.text_input(key="p-code-0").set_value("REAL-001")
    at.button(key="p-save-0").click().run()
    assert not at.exception and not at.error
    assert messages(at.success) == ["Added participant REAL-001 (young person)."]
    assert row_counts(engine)["participants"] == 1 and row_counts(engine)["sessions"] == 0
    assert not [m for m in messages(at.warning) if "demo" in m]  # real data now: no demo warning


def test_take_the_register_of_a_session_already_recorded(small_org_url, monkeypatch):
    at = open_record(small_org_url, monkeypatch)
    at.radio(key="s-what-0").set_value("The register of a session already recorded").run()
    at.selectbox(key="g-session-0").set_value("F").run()
    # F's saved register (Y1 and Y3, both came) is shown to start with.
    assert at.multiselect(key="g-register-0-F-people").value == ["Y1", "Y3"]
    at.multiselect(key="g-register-0-F-people").set_value(["Y1", "Y3", "Y4"]).run()
    assert "3 on the register, 3 came." in messages(at.caption)
    at.button(key="g-save-0").click().run()
    assert messages(at.success) == [
        "Saved the register of session F: 3 people, 3 came (1 added, 0 changed, 2 as before)."]
    assert row_counts(open_store(small_org_url))["attendance"] == 18


def register_views(url) -> list[dict]:
    entries = recent(open_store(url), actions=["viewed"])
    return [{"actor": a, **json.loads(d)} for a, d in zip(entries["actor"], entries["detail"], strict=True)]


def test_opening_a_saved_register_is_audited_once_per_session_code(small_org_url, monkeypatch):
    at = open_record(small_org_url, monkeypatch)
    at.radio(key="s-what-0").set_value("The register of a session already recorded").run()
    assert register_views(small_org_url) == []  # no session picked yet: no codes shown
    at.selectbox(key="g-session-0").set_value("F").run()
    assert not at.exception
    assert register_views(small_org_url) == [{"actor": "u-staff", "screen": "record: register of a session",
                                              "session": "F", "participants": 2, "codes": ["Y1", "Y3"]}]
    at.multiselect(key="g-register-0-F-people").set_value(["Y1", "Y3", "Y4"]).run()  # reruns: the same view
    at.selectbox(key="g-session-0").set_value("A").run()
    at.selectbox(key="g-session-0").set_value("F").run()
    assert [(v["session"], v["participants"]) for v in reversed(register_views(small_org_url))] == [("F", 2), ("A", 5)]
