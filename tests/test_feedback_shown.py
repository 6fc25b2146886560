"""Feedback items are shown to young people and trustees only when staff let them be: the free
text of an item could name a young person. The flag (`shown_to_all`) is on for an item with a
response, set by staff on the Record form, kept by re-imports, and filled in for older stores by
migration 0008."""

import json
from datetime import date

import pytest
from sqlalchemy import select, update

from data.forms import FeedbackEntry, FormRejected, add_feedback, update_feedback
from data.forms.feedback import named_participants
from measures.feedback import feedback_list
from measures.filters import Filters, Period
from models.audit import recent
from models.db import make_engine
from models.schema import open_store, upgrade_schema
from models.tables import FeedbackItem
from models.version import data_version
from tests.import_helpers import run

FB = FeedbackItem.__table__
Q1 = Period(date(2024, 1, 1), date(2024, 3, 31))
HEADER = "item_code,raised_on,you_said,status,we_did,responded_on\n"


def shown(engine) -> dict[str, bool]:
    with engine.connect() as conn:
        return {code: bool(flag) for code, flag in conn.execute(select(FB.c.code, FB.c.shown_to_all))}


def set_shown(engine, code: str, flag: bool) -> None:
    with engine.begin() as conn:
        conn.execute(update(FB).where(FB.c.code == code).values(shown_to_all=flag))


# --- import ------------------------------------------------------------------------------------

def test_an_imported_item_with_a_response_is_shown_and_one_without_is_not(engine):
    run(engine, [("feedback.csv", HEADER + "F1,2024-01-05,Later sessions,done,Moved to 6pm,2024-01-20\n"
                                           "F2,2024-01-06,Y1 is always late,raised,,\n"
                                           "F3,2024-01-07,More snacks,in_progress,Asked the cafe,\n"
                                           "F4,2024-01-08,A trip,raised,,2024-02-01\n")])
    assert shown(engine) == {"F1": True, "F2": False, "F3": True, "F4": True}


def test_a_reimport_keeps_staff_approval_and_shows_an_item_when_its_response_arrives(engine):
    first = HEADER + "F1,2024-01-05,Later sessions,raised,,\nF2,2024-01-06,More snacks,raised,,\n"
    run(engine, [("feedback.csv", first)])
    assert shown(engine) == {"F1": False, "F2": False}
    set_shown(engine, "F1", True)  # approved by staff
    run(engine, [("feedback.csv", first)])  # the same file again: unchanged
    assert shown(engine) == {"F1": True, "F2": False}
    changed = HEADER + "F1,2024-01-05,Later sessions,in_progress,,\nF2,2024-01-06,More snacks,raised,,\n"
    run(engine, [("feedback.csv", changed)])  # changed, still without a response: approval kept
    assert shown(engine) == {"F1": True, "F2": False}
    answered = HEADER + "F1,2024-01-05,Later sessions,done,,\nF2,2024-01-06,More snacks,done,Bought fruit,2024-02-01\n"
    run(engine, [("feedback.csv", answered)])
    assert shown(engine) == {"F1": True, "F2": True}


def test_a_reimport_does_not_show_an_answered_item_staff_have_hidden(engine):
    run(engine, [("feedback.csv", HEADER + "F1,2024-01-05,Later sessions,done,Moved to 6pm,2024-01-20\n")])
    set_shown(engine, "F1", False)  # staff hid it (its words named someone)
    run(engine, [("feedback.csv", HEADER + "F1,2024-01-05,Later sessions,done,Moved to 6.30pm,2024-01-20\n")])
    assert shown(engine) == {"F1": False}


def test_a_file_without_the_response_columns_keeps_the_stored_response_and_flag(engine):
    run(engine, [("feedback.csv", HEADER + "F1,2024-01-05,Later sessions,raised,,2024-01-20\n")])
    set_shown(engine, "F1", False)
    run(engine, [("feedback.csv", "item_code,raised_on,you_said,status\nF1,2024-01-05,Later sessions,done\n")])
    assert shown(engine) == {"F1": False}  # the response was there already: nothing arrived


# --- forms -------------------------------------------------------------------------------------

def test_approving_on_the_form_shows_the_item(small_org):
    engine = small_org
    item = FeedbackEntry("FB-NEW", date(2024, 3, 25), "Sessions after school", shown_to_all=True)
    assert add_feedback(engine, "u-staff", item) == (
        "Added item FB-NEW (raised), shown to young people and trustees.")
    assert shown(engine)["FB-NEW"] is True
    assert shown(engine)["FB4"] is False  # raised, no response: waits for approval
    version = data_version(engine)
    assert update_feedback(engine, "u-staff", "FB4", "raised", None, None, shown_to_all=True) == (
        "Updated item FB4: now shown to young people and trustees.")
    assert shown(engine)["FB4"] is True
    assert data_version(engine) != version  # the list refreshes for everyone
    assert update_feedback(engine, "u-staff", "FB4", "raised", None, None, shown_to_all=True) == (
        "Nothing to change: item FB4 already says that.")
    details = [json.loads(d) for a, d in zip(recent(engine)["action"], recent(engine)["detail"], strict=True)
               if a == "form saved"]
    assert [d.get("shown_to_all") for d in details] == [True, True, True]  # newest first


def test_the_form_can_keep_an_answered_item_from_young_people_and_trustees(small_org):
    item = FeedbackEntry("FB-NEW", date(2024, 3, 25), "Y1 asked for later sessions", "done",
                         we_did="Moved them", responded_on=date(2024, 3, 28), shown_to_all=False)
    assert add_feedback(small_org, "u-staff", item) == (
        "Added item FB-NEW (done), not shown to young people and trustees yet.")
    assert shown(small_org)["FB-NEW"] is False
    set_shown(small_org, "FB1", True)
    assert update_feedback(small_org, "u-staff", "FB1", "done", "Fixed", date(2024, 1, 20), shown_to_all=False) \
        == "Updated item FB1: done, told back on 2024-01-20, not shown to young people and trustees yet."
    assert shown(small_org)["FB1"] is False


def test_a_refused_form_sets_no_flag(small_org):
    again = FeedbackEntry("FB4", date(2024, 3, 1), "Again", shown_to_all=True)  # FB4 is taken
    with pytest.raises(FormRejected):
        add_feedback(small_org, "u", again)
    early = FeedbackEntry("FB-NEW", date(2024, 3, 1), "x", "done", responded_on=date(2024, 2, 1), shown_to_all=True)
    with pytest.raises(FormRejected):
        add_feedback(small_org, "u", early)
    assert shown(small_org)["FB4"] is False and "FB-NEW" not in shown(small_org)


def test_named_participants_is_a_whole_word_check_ignoring_case():
    codes = ["Y1", "Y10", "YP-7", "S1"]
    assert named_participants("y1 said the room is cold", codes) == ["Y1"]
    assert named_participants("Ask YP-7, and Y10.", codes) == ["Y10", "YP-7"]
    assert named_participants("Y100 and XY1 and YP-70", codes) == []
    assert named_participants(None, codes) == []


# --- the list --------------------------------------------------------------------------------

def test_the_list_for_young_people_and_trustees_has_only_shown_items(small_org_any):
    engine = small_org_any
    set_shown(engine, "FB1", True)
    set_shown(engine, "FB7", True)
    protected = feedback_list(engine, Q1, Filters(), shown_only=True)
    assert list(protected["code"]) == ["FB7", "FB1"]
    everything = feedback_list(engine, Q1, Filters(), shown_only=False)
    assert set(everything["code"]) == {"FB1", "FB2", "FB3", "FB4", "FB7"}
    assert dict(zip(everything["code"], everything["shown_to_all"].astype(bool), strict=True))["FB4"] is False
    assert list(feedback_list(engine, Q1, Filters())["code"]) == ["FB7", "FB1"]  # shown only, unless told


# --- migration ---------------------------------------------------------------------------------

def test_the_migration_shows_older_items_that_have_a_response(tmp_path):
    url = f"sqlite:///{tmp_path}/old.db"
    old = make_engine(url)
    upgrade_schema(old, "0007")
    with old.begin() as conn:
        conn.exec_driver_sql(
            "INSERT INTO feedback_items (code, raised_on, you_said, status, we_did, responded_on) VALUES "
            "('TOLD', '2024-01-01', 'a', 'done', 'did it', '2024-01-10'), "
            "('DATE', '2024-01-01', 'b', 'done', NULL, '2024-01-10'), "
            "('WORDS', '2024-01-01', 'c', 'in_progress', 'on it', NULL), "
            "('OPEN', '2024-01-01', 'd', 'raised', NULL, NULL)")
    old.dispose()
    engine = open_store(url)
    assert shown(engine) == {"TOLD": True, "DATE": True, "WORDS": True, "OPEN": False}
    with engine.connect() as conn:
        assert conn.exec_driver_sql("SELECT code, you_said FROM feedback_items ORDER BY code").all() == [
            ("DATE", "b"), ("OPEN", "d"), ("TOLD", "a"), ("WORDS", "c")]
