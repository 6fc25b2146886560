"""Audit of participant-level views: what an entry says, and the participant records page."""

import json

import pandas as pd

from data.exports.quality_workbook import participant_codes
from models.audit import CODES_LISTED, code_details, recent, record_view
from tests.apptest_helpers import add_role_accounts, open_deep_link


def details(engine, action="viewed") -> list[dict]:
    entries = recent(engine, actions=[action])
    return [{"actor": a, **json.loads(d)} for a, d in zip(entries["actor"], entries["detail"], strict=True)]


def test_codes_are_named_when_few_and_only_counted_when_many():
    few = [f"Y{i}" for i in range(CODES_LISTED)]
    assert code_details(few + ["Y0"]) == {"participants": CODES_LISTED, "codes": few}  # each code once
    assert code_details(few + ["Z"]) == {"participants": CODES_LISTED + 1}
    assert code_details([]) == {"participants": 0, "codes": []}


def test_record_view_writes_one_entry_naming_the_screen(engine):
    record_view(engine, "u-staff", "some screen", ["Y1"], session="A")
    record_view(engine, None, "a file", [f"P{i}" for i in range(45_000)], action="downloaded")
    assert details(engine) == [{"actor": "u-staff", "screen": "some screen", "session": "A", "participants": 1,
                                "codes": ["Y1"]}]
    assert details(engine, "downloaded") == [{"actor": "(anonymous)", "screen": "a file", "participants": 45_000}]


def test_the_codes_in_the_quality_lists_include_those_inside_odd_values():
    never_seen = pd.DataFrame({"Participant": ["S2"], "Role": ["staff"]})
    odd = pd.DataFrame({"Table": ["Sessions", "Attendance", "Evaluations", "You said, we did"],
                        "Code": ["LONG", "A / Y1", "Y2 / listening / pre", "FB5"],
                        "Column": [""] * 4, "Value": [""] * 4, "Reason": [""] * 4})
    assert participant_codes(never_seen, odd) == ["S2", "Y1", "Y2"]


def test_looking_up_a_participant_is_audited_once_per_code(small_org, store_url, monkeypatch):
    add_role_accounts(small_org)
    at = open_deep_link(store_url, monkeypatch, "pages/participant_rights.py", "admin")
    first = at.selectbox[0].value
    at.selectbox[0].set_value("Y1").run()
    at.run()
    assert not at.exception
    assert [(v["actor"], v["screen"], v["codes"]) for v in reversed(details(small_org))] == [
        ("u-admin", "participant records", [first]), ("u-admin", "participant records", ["Y1"])]
