"""The Record page with more participants than a picker lists (components.form_fields.MAX_LISTED):
each picker asks for part of a code first and finds the codes in the store (data.forms.choices),
young people only where only they can answer."""

from sqlalchemy import insert

from models.schema import open_store
from models.tables import Participant
from tests.test_page_record import open_record
from tests.store_helpers import row_counts

EXTRA = 1200  # young people YP0000 to YP1199, beside the small organisation's 9 participants


def _many_participants(url: str) -> None:
    with open_store(url).begin() as conn:
        conn.execute(insert(Participant.__table__), [
            {"code": f"YP{i:04d}", "role": "young_person"} for i in range(EXTRA)])


def test_the_register_finds_codes_in_the_store_and_saves_them(small_org_url, monkeypatch):
    _many_participants(small_org_url)
    before = row_counts(open_store(small_org_url))
    at = open_record(small_org_url, monkeypatch)
    assert not at.exception
    search = at.text_input(key="s-register-0-people-find")
    assert search.placeholder == "1,209 participants: type part of a code first"
    assert at.multiselect(key="s-register-0-people").options == []  # nothing listed before a search
    search.set_value("yp011").run()
    picker = at.multiselect(key="s-register-0-people")
    assert picker.options == [f"YP011{i} (young person)" for i in range(10)]  # YP0110 to YP0119, by code
    picker.set_value(["YP0115"]).run()
    at.text_input(key="s-register-0-people-find").set_value("s1").run()  # another search keeps the pick
    assert at.multiselect(key="s-register-0-people").options == ["YP0115 (young person)", "S1 (staff)"]
    assert "1 on the register, 1 came." in [caption.value for caption in at.caption]
    at.selectbox(key="s-programme-0").set_value("P2").run()
    at.button(key="s-save-0").click().run()
    assert not at.exception and not at.error
    after = row_counts(open_store(small_org_url))
    assert (after["sessions"], after["attendance"]) == (before["sessions"] + 1, before["attendance"] + 1)


def test_an_evaluation_finds_only_young_people(small_org_url, monkeypatch):
    _many_participants(small_org_url)
    at = open_record(small_org_url, monkeypatch, form="Skills evaluation")
    search = at.text_input(key="e-person-0-find")
    assert search.placeholder == "1,207 participants: type part of a code first"  # 7 + 1,200 young people
    search.set_value("1").run()
    offered = at.selectbox(key="e-person-0").options
    # Y1, and the YP codes holding a 1: 1,000 - 9^3 = 271 of YP0000-YP0999, and all 200 of YP1000-YP1199.
    assert len(offered) == 472 and offered[:2] == ["Y1", "YP0001"] and "S1" not in offered
    at.text_input(key="e-person-0-find").set_value("0").run()
    offered = at.selectbox(key="e-person-0").options
    assert len(offered) == 1000 and (offered[0], offered[-1]) == ("YP0000", "YP0999")  # the first 1,000 by code
    at.text_input(key="e-person-0-find").set_value("S").run()
    assert at.selectbox(key="e-person-0").options == []  # staff and trainers do not rate their own skills here
