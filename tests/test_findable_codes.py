"""The Record page's pickers: with more than 1,000 participant codes, a search box first narrows
them (components.form_fields.findable), so a page never lists 50,000 codes in one picker; the
codes are found in the store (data.forms.choices), so no form reads every participant.

Codes Y0000 to Y2999 (3,000). Working by hand: "y01" (any case) is in Y0100 to Y0199 only: 100
codes. Codes without a digit 1 start with 0 or 2 and have 9 choices for each of the other three
digits: 2 x 9^3 = 1,458, so 1,542 hold a "1": more than 1,000, so the first 1,000 are listed.
"""

from streamlit.testing.v1 import AppTest

from models.tables import Participant


def _picker(count: int, keep: tuple[str, ...] = ()):
    def script(count, keep):
        import streamlit as st

        from components.form_fields import MAX_LISTED, findable
        codes = [f"Y{i:04d}" for i in range(count)]
        listed = findable("people", count, lambda typed: [code for code in codes if typed in code.lower()][:MAX_LISTED],
                          keep=list(keep))
        st.session_state["listed"] = listed
    return AppTest.from_function(script, args=(count, keep), default_timeout=30).run()


def test_a_short_list_is_offered_whole_without_a_search_box():
    at = _picker(1000)
    assert not at.text_input
    assert len(at.session_state["listed"]) == 1000


def test_a_long_list_asks_for_part_of_a_code_first():
    at = _picker(3000)
    [search] = at.text_input
    assert search.label == "Find a participant code"
    assert search.placeholder == "3,000 participants: type part of a code first"
    assert at.session_state["listed"] == []
    search.set_value(" y01 ").run()
    assert at.session_state["listed"] == [f"Y{i:04d}" for i in range(100, 200)]
    at.text_input[0].set_value("1").run()
    listed = at.session_state["listed"]
    assert len(listed) == 1000 and all("1" in code for code in listed) and listed[0] == "Y0001"


def test_codes_already_picked_stay_on_the_list_whatever_is_typed():
    at = _picker(3000, keep=("Y2999",))
    assert at.session_state["listed"] == ["Y2999"]
    at.text_input[0].set_value("Y01").run()
    assert at.session_state["listed"] == ["Y2999", *[f"Y{i:04d}" for i in range(100, 200)]]


def test_the_forms_offer_young_people_first_then_by_code(small_org_any):
    """The small organisation: Y1-Y7 young people, S1 staff and S2 a trainer."""
    from data.forms.choices import OTHERS, YOUNG, participant_count, participants_containing
    everyone = participants_containing(small_org_any, "", None, 1000)
    assert list(everyone) == ["Y1", "Y2", "Y3", "Y4", "Y5", "Y6", "Y7", "S1", "S2"]
    assert list(everyone.values()) == ["young_person"] * 7 + ["staff", "trainer"]
    assert [participant_count(small_org_any, side) for side in (None, YOUNG, OTHERS)] == [9, 7, 2]
    assert list(participants_containing(small_org_any, "s", OTHERS, 1000)) == ["S1", "S2"]
    assert list(participants_containing(small_org_any, "Y", YOUNG, 3)) == ["Y1", "Y2", "Y3"]  # the first 3
    assert participants_containing(small_org_any, "s", YOUNG, 1000) == {}


def test_a_search_takes_what_is_typed_literally(small_org_any):
    """A % or _ typed into the search is a character of a code, not a wildcard; letters beyond
    ASCII are found whatever their case, on both databases."""
    from sqlalchemy import insert

    from data.forms.choices import participants_containing
    assert participants_containing(small_org_any, "%", None, 1000) == {}
    assert participants_containing(small_org_any, "_", None, 1000) == {}
    with small_org_any.begin() as conn:
        conn.execute(insert(Participant.__table__), [{"code": "ÖZ-1", "role": "young_person"},
                                                     {"code": "50%_B", "role": "staff"}])
    assert participants_containing(small_org_any, "öz", None, 1000) == {"ÖZ-1": "young_person"}
    assert participants_containing(small_org_any, "z-1", None, 1000) == {"ÖZ-1": "young_person"}
    assert participants_containing(small_org_any, "%_b", None, 1000) == {"50%_B": "staff"}


def test_roles_are_read_only_for_the_codes_asked(small_org_any):
    from data.forms.choices import every_participant_code, roles_of
    assert roles_of(small_org_any, ("S2", "Y3", "gone")) == {"S2": "trainer", "Y3": "young_person"}
    assert roles_of(small_org_any, ()) == {}
    assert every_participant_code(small_org_any) == ["Y1", "Y2", "Y3", "Y4", "Y5", "Y6", "Y7", "S1", "S2"]
