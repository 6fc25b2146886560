"""Saved explorer views: save, list, delete; names unique; only staff and admins; audited."""

import json

import pytest

from data.saved_views import SavedViewProblem, clean_query, delete_view, list_views, save_view
from models.audit import recent
from tests.apptest_helpers import add_role_accounts

QUERY = "measure=Attendance+rate&split=Month&programme=Podcast&programme=Keeping+It+Social"


@pytest.fixture
def accounts(engine):
    add_role_accounts(engine)   # u-admin, u-staff, u-trustee, u-young-person
    from auth.accounts import create
    create(engine, "u-staff-2", "staff", "a-long-password-1", actor="test")
    return engine


def test_a_saved_view_is_listed_for_everyone_with_its_query(accounts):
    assert save_view(accounts, "  Attendance   by month ", "?" + QUERY, "u-staff") == "Attendance by month"
    save_view(accounts, "Skills", "measure=Skills+improved", "u-admin")
    views = list_views(accounts)
    assert list(views["name"]) == ["Attendance by month", "Skills"]   # in the order they were saved
    assert views.loc[0, "query"] == QUERY and views.loc[0, "created_by"] == "u-staff"


def test_names_are_unique_whatever_their_case(accounts):
    save_view(accounts, "Attendance by month", QUERY, "u-staff")
    with pytest.raises(SavedViewProblem, match="already a view called 'Attendance by month'"):
        save_view(accounts, "attendance BY month", "measure=Sessions+held", "u-admin")
    assert len(list_views(accounts)) == 1


@pytest.mark.parametrize(("name", "message"), [("", "Give the view a name"), ("   ", "Give the view a name"),
                                               ("x" * 101, "at most 100 characters")])
def test_a_name_is_required_and_short(accounts, name, message):
    with pytest.raises(SavedViewProblem, match=message):
        save_view(accounts, name, QUERY, "u-staff")
    assert list_views(accounts).empty


def test_presentation_mode_is_not_part_of_a_view_and_bad_queries_are_refused():
    assert clean_query("?measure=Attendance+rate&present=true&split=Month") == "measure=Attendance+rate&split=Month"
    assert clean_query("") == ""
    with pytest.raises(SavedViewProblem, match="not an explorer link"):
        clean_query("measure")
    with pytest.raises(SavedViewProblem, match="too long"):
        clean_query("a=" + "b" * 5000)


def test_only_staff_and_admins_save(accounts):
    for who in ("u-trustee", "u-young-person", "nobody", None):
        with pytest.raises(SavedViewProblem, match="Only staff and admins"):
            save_view(accounts, "Mine", QUERY, who)
    assert list_views(accounts).empty


def test_whoever_saved_a_view_or_an_admin_deletes_it(accounts):
    save_view(accounts, "One", QUERY, "u-staff")
    save_view(accounts, "Two", QUERY, "u-staff")
    with pytest.raises(SavedViewProblem, match="Only u-staff, who saved 'One', or an admin"):
        delete_view(accounts, "One", "u-staff-2")
    delete_view(accounts, "One", "u-staff")
    delete_view(accounts, "Two", "u-admin")
    assert list_views(accounts).empty
    with pytest.raises(SavedViewProblem, match="no view called 'Two'"):
        delete_view(accounts, "Two", "u-admin")


def test_saving_and_deleting_are_audited(accounts):
    save_view(accounts, "One", QUERY, "u-staff")
    delete_view(accounts, "One", "u-admin")
    log = recent(accounts)
    entries = [(row.actor, row.action, json.loads(row.detail)) for row in log.itertuples()][:2]
    assert entries == [("u-admin", "saved view deleted", {"name": "One"}),
                       ("u-staff", "saved view created", {"name": "One", "query": QUERY})]
