"""The audit log page: filtered by what was done, and by a participant code named in the details."""

from models.audit import record, record_view
from tests.apptest_helpers import add_role_accounts, open_deep_link


def fill(engine) -> None:
    add_role_accounts(engine)
    record_view(engine, "u-staff", "data quality", ["Y1", "Y10"])
    record_view(engine, "u-staff", "record: register of a session", ["Y2"], session="A")
    with engine.begin() as conn:
        record(conn, "u-admin", "participant exported", code="Y1", counts={"attendance": 5})
        record(conn, "u-admin", "participant exported", code="Y10", counts={"attendance": 1})
        record(conn, "u-admin", "settings changed", suppression_k=3)


def test_filtered_by_action_shows_only_that_action(engine, store_url, monkeypatch):
    fill(engine)
    at = open_deep_link(store_url, monkeypatch, "pages/audit_log.py", "admin")
    assert not at.exception
    assert "viewed" in at.multiselect(key="audit-actions").options
    at.multiselect(key="audit-actions").set_value(["viewed"]).run()
    shown = at.dataframe[0].value
    assert set(shown["action"]) == {"viewed"} and len(shown) == 2


def test_filtered_by_a_participant_code_shows_only_rows_naming_it(engine, store_url, monkeypatch):
    fill(engine)
    at = open_deep_link(store_url, monkeypatch, "pages/audit_log.py", "admin")
    at.text_input(key="audit-code").set_value("Y1").run()
    shown = at.dataframe[0].value
    # Y1's view and export, not Y10's export (a code is matched whole), nor Y2's register or the settings.
    assert list(shown["action"]) == ["participant exported", "viewed"]
    assert all('"Y1"' in detail for detail in shown["detail"])
    at.multiselect(key="audit-actions").set_value(["viewed"]).run()
    assert list(at.dataframe[0].value["action"]) == ["viewed"]
    at.text_input(key="audit-code").set_value("NOBODY").run()
    assert not at.dataframe and "No entries match." in [i.value for i in at.info]
