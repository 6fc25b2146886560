"""The "Who gets to lead" page through the real app (AppTest), on a small organisation of its own
worked out by hand, and on tests/small_org.py (where nobody led).

Q1 2024, k=5. Thirty young people come to S1 (3 February, rung 3). At S2 (10 March, rung 6:
co-production) Y01-Y05 lead, Y21-Y30 co-facilitate and Y06-Y10 take part. So 30 take part, 15
lead, 20 took part in a 'doing with' session.
  age band   11 to 15: Y01-Y20 -> 20 take part, 5 lead, 10 doing with, 25%, ratio (5/15)/(20/30) = 0.5
             16 to 18: Y21-Y30 -> 10, 10, 10, 100%, ratio (10/15)/(10/30) = 2
  disability no: Y01-Y10 -> 10, 5, 10, 50%, ratio 1; not recorded: Y11-Y30 -> 20, 10, 10, 50%, 1
  care       yes: Y11-Y26 -> 16, 6 (Y21-Y26), 6, 6/16 = 37.5% -> 38%, ratio (6/15)/(16/30) = 0.75
             no: Y01-Y10 -> 10, 5, 10, 50%, 1; not recorded: Y27-Y29 (3) and prefer not to say: Y30
             (1): fewer than 5.
Below the default threshold of 0.8: 11 to 15 (0.5) and care-experienced young people (0.75).
"""

from datetime import date

import pandas as pd
import pytest
from sqlalchemy import insert, select

from measures.filters import Filters, Period
from measures.representation import representation
from measures.protected_frames import protect_frame
from measures.protected_figures import protected_representation
from measures.representation_page import EXPORT_KINDS, export_frame
from models.schema import open_store
from models.tables import Attendance, Participant, Programme, ProgrammeSession
from tests.apptest_helpers import add_role_accounts, charts, open_deep_link

Q1_2024 = {"period": "Custom dates", "from": "2024-01-01", "to": "2024-03-31"}
PEOPLE = [f"Y{n:02d}" for n in range(1, 31)]


def _person(n: int) -> dict:
    age = "11_15" if n <= 20 else "16_18"
    disability = "no" if n <= 10 else None
    care = "no" if n <= 10 else "yes" if n <= 26 else None if n <= 29 else "prefer_not_to_say"
    return {"code": f"Y{n:02d}", "role": "young_person", "age_band": age, "disability": disability,
            "care_experienced": care}


def _role_at_s2(n: int) -> str | None:
    return "lead" if n <= 5 else "participant" if n <= 10 else "co_facilitator" if n >= 21 else None


def build(engine) -> None:
    with engine.begin() as conn:
        conn.execute(insert(Programme), [{"code": "P1", "name": "Youth board"}])
        programme = conn.execute(select(Programme.__table__.c.id)).scalar_one()
        conn.execute(insert(Participant), [_person(n) for n in range(1, 31)])
        conn.execute(insert(ProgrammeSession), [
            dict(code="S1", programme_id=programme, date=date(2024, 2, 3), activity_type="workshop", stage="plan",
                 mode="in_person", led_by="organisation", ladder_rung=3, duration_hours=2.0),
            dict(code="S2", programme_id=programme, date=date(2024, 3, 10), activity_type="workshop",
                 stage="deliver", mode="in_person", led_by="co_led", ladder_rung=6, duration_hours=2.0)])
        person = dict(conn.execute(select(Participant.__table__.c.code, Participant.__table__.c.id)).all())
        session = dict(conn.execute(select(ProgrammeSession.__table__.c.code, ProgrammeSession.__table__.c.id)).all())
        rows = [dict(session_id=session["S1"], participant_id=person[code], attended=True,
                     role_in_session="participant") for code in PEOPLE]
        rows += [dict(session_id=session["S2"], participant_id=person[f"Y{n:02d}"], attended=True,
                      role_in_session=_role_at_s2(n)) for n in range(1, 31) if _role_at_s2(n)]
        conn.execute(insert(Attendance), rows)


@pytest.fixture
def leaders_url(store_url):
    engine = open_store(store_url)
    build(engine)
    add_role_accounts(engine)
    return store_url


def open_page(url, monkeypatch, role="admin", **query):
    return open_deep_link(url, monkeypatch, "pages/representation.py", role, **(query or Q1_2024))


def tables(at) -> dict[str, dict]:
    """The figures tables, one per characteristic, by group (in the page's order)."""
    found = [d.value for d in at.dataframe if "Group" in d.value.columns and "Characteristic" not in d.value.columns]
    return {name: table.set_index("Group").to_dict("index")
            for name, table in zip(("Age band", "Disability / SEND", "Care experienced"), found, strict=True)}


def row(taking, leading, doing, share, ratio) -> dict:
    return {"Taking part": taking, "Leading": leading, "Doing with": doing, "Leading share": share,
            "Representation ratio": ratio}


def test_admin_sees_the_hand_worked_figures(leaders_url, monkeypatch):
    at = open_page(leaders_url, monkeypatch)
    assert not at.exception
    assert "Who gets to lead" in [t.value for t in at.title]
    assert any("What the representation ratio means" in m.value and "association, not a cause" in m.value
               for m in at.markdown)
    shown = tables(at)
    assert shown["Age band"]["11 to 15"] == row("20", "5", "10", "25%", "0.50")
    assert shown["Age band"]["16 to 18"] == row("10", "10", "10", "100%", "2.00")
    assert shown["Age band"]["Under 11"] == row("0", "0", "0", "no data", "no data")
    assert shown["Disability / SEND"]["No"] == row("10", "5", "10", "50%", "1.00")
    assert shown["Disability / SEND"]["Not recorded"] == row("20", "10", "10", "50%", "1.00")
    assert shown["Care experienced"]["Yes"] == row("16", "6", "6", "38%", "0.75")
    assert shown["Care experienced"]["No"] == row("10", "5", "10", "50%", "1.00")
    hidden = row(*["fewer than 5"] * 5)
    assert shown["Care experienced"]["Not recorded"] == hidden
    assert shown["Care experienced"]["Prefer not to say"] == hidden


def test_the_chart_draws_only_groups_with_a_ratio_and_marks_those_below(leaders_url, monkeypatch):
    at = open_page(leaders_url, monkeypatch)
    (_, frames), = charts(at)
    drawn = {(r["characteristic"], r["group"]): (r["ratio"], r["status"]) for f in frames for r in f.to_dict("records")}
    fair = "0.80 or above"
    assert drawn == {("Age band", "11 to 15"): (0.5, "Below 0.80"), ("Age band", "16 to 18"): (2.0, fair),
                     ("Disability / SEND", "No"): (1.0, fair), ("Disability / SEND", "Not recorded"): (1.0, fair),
                     ("Care experienced", "Yes"): (0.75, "Below 0.80"), ("Care experienced", "No"): (1.0, fair)}
    note = next(c.value for c in at.caption if c.value.startswith("Not drawn")).replace("\\", "")  # escaped
    assert "Not drawn, fewer than 5 young people" in note
    assert "Care experienced: prefer not to say, not recorded." in note
    assert "nobody in the group took part: Age band: under 11, 19 to 25, over 25, not recorded" in note


def test_the_alert_names_the_groups_below_the_threshold(leaders_url, monkeypatch):
    at = open_page(leaders_url, monkeypatch)
    said = [m.value for m in at.markdown if m.value.startswith("- ")]
    assert said == [
        r"- Young people aged 11 to 15 lead less often than they take part\: a representation ratio of 0\.50 "
        r"\(below 0\.80\)\.",
        r"- Care\-experienced young people lead less often than they take part\: a representation ratio of 0\.75 "
        r"\(below 0\.80\)\."]


def test_the_file_holds_protected_figures(leaders_url):
    # Care experience as parts of one whole: not recorded (3) and prefer not to say (1) rest on 4
    # young people together, so 'no' (10 taking part; 5 leading) is hidden too, and of those doing
    # with (Y30 among them), 'yes' (6). 'Yes' shows 15 taking part and 5 leading (multiples of 5),
    # so its ratio is (5/15)/(15/30) = 0.67, not the exact 0.75. Age bands: nothing small to hide.
    q1 = Period(date(2024, 1, 1), date(2024, 3, 31))
    figures, totals = representation(open_store(leaders_url), q1, Filters(), 5, full=True)
    exported = protect_frame(export_frame(protected_representation(figures, totals, 5)), EXPORT_KINDS, 5)
    rows = exported.set_index(["Characteristic", "Group"])
    care_yes = rows.loc[("Care experienced", "Yes")]
    assert (care_yes["Taking part"], care_yes["Leading"], care_yes["Doing with"]) == (15, 5, None)
    assert care_yes["Leading share"] == pytest.approx(1 / 3)
    assert care_yes["Representation ratio"] == pytest.approx(2 / 3)
    care_no = rows.loc[("Care experienced", "No")]
    assert care_no[["Taking part", "Leading", "Doing with", "Leading share"]].tolist() == [None, None, 10, None]
    assert pd.isna(care_no["Representation ratio"]) and care_no["Hidden"]
    assert rows.loc[("Age band", "11 to 15")].tolist() == [20, 5, 10, 0.25, 0.5, False]


def test_staff_see_the_page(leaders_url, monkeypatch):
    at = open_page(leaders_url, monkeypatch, role="staff")
    assert not at.exception
    assert "Who gets to lead" in [t.value for t in at.title]
    assert len(charts(at)) == 1


@pytest.mark.parametrize("role", ["trustee", "young_person"])
def test_trustees_and_young_people_cannot_open_it(leaders_url, monkeypatch, role):
    at = open_page(leaders_url, monkeypatch, role=role)
    assert any("not available to your role" in w.value for w in at.warning)
    assert "Who gets to lead" not in [t.value for t in at.title]
    assert not charts(at) and not at.dataframe


def test_an_empty_period_says_what_to_do(leaders_url, monkeypatch):
    at = open_page(leaders_url, monkeypatch, period="Custom dates", **{"from": "2030-01-01", "to": "2030-01-31"})
    assert not at.exception
    assert any("No young people took part in this period" in i.value for i in at.info)
    assert not charts(at) and not at.dataframe


def test_nobody_led_in_the_small_organisation(small_org_url, monkeypatch):
    # Nobody in tests/small_org.py has a lead or co-facilitator role: no ratio, but who took part is shown.
    at = open_page(small_org_url, monkeypatch)
    assert not at.exception
    assert any("Nobody led a session" in i.value for i in at.info)
    assert not charts(at)
    assert tables(at)["Disability / SEND"]["Not recorded"] == row("7", "0", "5", "0%", "no data")
    assert any("No alert" in s.value for s in at.success)
