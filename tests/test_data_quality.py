"""The data quality panel: checks worked out by hand on the small organisation, plus one bad row per rule."""

from datetime import date

from sqlalchemy import insert, select, update

from measures.data_quality import (
    odd_values, participants_never_seen, pre_awaiting_post, quality_checks, sessions_without_register, table_counts,
)
from models.tables import Attendance, Evaluation, FeedbackItem, Participant, ProgrammeSession, Skill
from tests.apptest_helpers import add_role_accounts, open_deep_link

TODAY = date(2024, 6, 1)


def test_table_counts(small_org):
    counts = dict(table_counts(small_org).itertuples(index=False))
    # small_org.py: 2 programmes, 9 participants, 6 sessions, 17 attendance rows, 23 evaluations,
    # 16 ratings (10 listed + 5 core principle young people + 1 staff), 7 feedback items.
    assert counts == {"Programmes": 2, "Participants": 9, "Sessions": 6, "Attendance (registers)": 17,
                      "Evaluations": 23, "Principle ratings": 16, "You said, we did": 7}


def test_pre_awaiting_post(small_org):
    # Keys with a pre and no post at all: Y7/P1/confidence and Y1/P2/confidence. Y4/P1/teamwork has a
    # post (dated before its pre, but a post all the same); S1 is staff with both.
    awaiting = pre_awaiting_post(small_org)
    assert (awaiting.keys, awaiting.young_people) == (2, 2)


def test_pre_awaiting_post_on_both_databases(small_org_any):
    # Besides Y7/P1/confidence and Y1/P2/confidence: Y7/P1/teamwork has a pre and a follow-up (awaiting,
    # Y7 again), Y2/P1/teamwork two pres (one key awaiting, a third young person); not counted:
    # Y3/P2/teamwork with a follow-up only, Y6/P2/teamwork with a post only, S2 (a trainer) with a pre only.
    S, P, K = (t.__table__ for t in (ProgrammeSession, Participant, Skill))
    with small_org_any.begin() as conn:
        people = dict(conn.execute(select(P.c.code, P.c.id)).all())
        skill = dict(conn.execute(select(K.c.code, K.c.id)).all())
        programme = dict(conn.execute(select(S.c.code, S.c.programme_id)).all())  # A is P1, C is P2
        conn.execute(insert(Evaluation), [
            dict(participant_id=people[who], programme_id=programme[session], timepoint=when,
                 completed_on=date(2024, 3, day), skill_id=skill[code], score=3)
            for who, session, when, day, code in [
                ("Y7", "A", "pre", 1, "teamwork"), ("Y7", "A", "follow_up", 30, "teamwork"),
                ("Y2", "A", "pre", 1, "teamwork"), ("Y2", "A", "pre", 2, "teamwork"),
                ("Y3", "C", "follow_up", 1, "teamwork"), ("Y6", "C", "post", 1, "teamwork"),
                ("S2", "A", "pre", 1, "confidence")]])
    awaiting = pre_awaiting_post(small_org_any)
    assert (awaiting.keys, awaiting.young_people) == (4, 3)


def test_quality_checks_gives_what_each_check_gives(small_org_any):
    checks = quality_checks(small_org_any, 50)
    assert dict(checks.table_counts.itertuples(index=False)) == {
        "Programmes": 2, "Participants": 9, "Sessions": 6, "Attendance (registers)": 17, "Evaluations": 23,
        "Principle ratings": 16, "You said, we did": 7}
    assert (checks.awaiting.keys, checks.awaiting.young_people) == (2, 2)
    assert (checks.no_register.count, len(checks.no_register.rows)) == (0, 0)
    assert checks.never_seen.count == 1
    assert checks.never_seen.rows.to_dict("records") == [{"Participant": "S2", "Role": "trainer"}]
    assert (checks.odd.count, len(checks.odd.rows)) == (0, 0)


def test_counts_are_whole_when_only_the_first_rows_are_fetched(small_org_any):
    with small_org_any.begin() as conn:
        conn.execute(insert(ProgrammeSession), [
            dict(code=code, programme_id=1, date=day, activity_type="workshop", duration_hours=2.0)
            for code, day in [("G", date(2024, 3, 28)), ("H", date(2024, 5, 1))]])
    first = sessions_without_register(small_org_any, limit=1)
    assert first.count == 2 and list(first.rows["Session"]) == ["H"]  # the latest first
    assert (sessions_without_register(small_org_any, limit=0).count, participants_never_seen(small_org_any, 0).count) \
        == (2, 1)
    assert participants_never_seen(small_org_any, 0).rows.empty


def test_sessions_without_register(small_org):
    # Sessions A-F all have attendance rows: none missing until G is added.
    assert sessions_without_register(small_org).count == 0
    with small_org.begin() as conn:
        conn.execute(insert(ProgrammeSession), [dict(code="G", programme_id=1, date=date(2024, 3, 28),
                                                     activity_type="workshop", duration_hours=2.0)])
    found = sessions_without_register(small_org)
    assert found.count == 1
    assert found.rows.to_dict("records") == [{"Session": "G", "Date": date(2024, 3, 28), "Programme": "Podcast"}]


def test_participants_never_seen(small_org):
    # Y1-Y7 and S1 are on registers; S2 (trainer) only rates sessions.
    found = participants_never_seen(small_org)
    assert found.count == 1
    assert found.rows.to_dict("records") == [{"Participant": "S2", "Role": "trainer"}]


def test_odd_values_one_per_rule(small_org):
    assert odd_values(small_org, today=TODAY).count == 0
    S, A, E, F, P = (t.__table__ for t in (ProgrammeSession, Attendance, Evaluation, FeedbackItem, Participant))
    with small_org.begin() as conn:
        ids = dict(conn.execute(select(S.c.code, S.c.id)).all())
        people = dict(conn.execute(select(P.c.code, P.c.id)).all())
        conn.execute(insert(ProgrammeSession), [
            dict(code="LONG", programme_id=1, date=date(2024, 3, 1), activity_type="workshop", duration_hours=14),
            dict(code="LATER", programme_id=1, date=date(2024, 7, 1), activity_type="workshop", duration_hours=2)])
        conn.execute(update(A).where(A.c.session_id == ids["C"], A.c.participant_id == people["Y7"])
                     .values(paid_gbp=250))
        conn.execute(insert(Evaluation), [dict(participant_id=people["Y3"], programme_id=1, timepoint="follow_up",
                                               completed_on=date(2024, 9, 1), skill_id=1, score=3)])
        conn.execute(update(F).where(F.c.code == "FB5").values(responded_on=date(2024, 1, 1)))
    found = odd_values(small_org, today=TODAY)
    assert found.count == 5
    reasons = {(r["Table"], r["Column"]): (r["Code"], r["Value"], r["Reason"]) for r in found.rows.to_dict("records")}
    assert reasons[("Sessions", "duration_hours")] == ("LONG", "14.0", "A session longer than 12 hours")
    assert reasons[("Attendance", "paid_gbp")] == ("C / Y7", "250.0", "Paid more than £200 for one session")
    code, value, reason = reasons[("Evaluations", "completed_on")]
    assert code.startswith("Y3 / ") and value == "2024-09-01" and reason == "Completed on a date still to come"
    assert reasons[("Sessions", "date")] == ("LATER", "2024-07-01", "A session dated in the future")
    assert reasons[("You said, we did", "responded_on")][:2] == ("FB5", "2024-01-01")
    assert len(odd_values(small_org, limit=2, today=TODAY).rows) == 2


def test_page_shows_counts_and_checks(small_org, store_url, monkeypatch):
    add_role_accounts(small_org)
    at = open_deep_link(store_url, monkeypatch, "pages/data_quality.py", "staff")
    assert not at.exception
    assert "Data quality" in [t.value for t in at.title]
    counts = at.dataframe[0].value
    assert dict(zip(counts["Records"], counts["Rows held"], strict=True))["Attendance (registers)"] == 17
    text = " ".join(m.value for m in at.markdown)
    assert "**2** skill surveys" in text and "**2** young people" in text
    assert "**1** participant is on no register" in text
    clear = " ".join(s.value for s in at.success)
    assert "Every session has a register" in clear and "No values look wrong" in clear
    assert list(at.dataframe[1].value["Participant"]) == ["S2"]


def views(engine, action="viewed") -> list[tuple[str, dict]]:
    import json

    from models.audit import recent
    entries = recent(engine, actions=[action])
    return [(actor, json.loads(detail)) for actor, detail in zip(entries["actor"], entries["detail"], strict=True)]


def test_opening_the_page_is_audited_once_per_session(small_org, store_url, monkeypatch):
    add_role_accounts(small_org)
    at = open_deep_link(store_url, monkeypatch, "pages/data_quality.py", "staff")
    assert not at.exception
    assert views(small_org) == [("u-staff", {"screen": "data quality", "participants": 1, "codes": ["S2"]})]
    at.run()  # a rerun (any click) is the same view
    assert len(views(small_org)) == 1
    assert views(small_org, "downloaded") == []  # the workbook is built only when clicked


def test_building_the_workbook_is_audited(small_org):
    from data.exports.quality_workbook import quality_lists_xlsx
    assert quality_lists_xlsx(small_org, actor="u-staff")[:2] == b"PK"
    assert views(small_org, "downloaded") == [("u-staff", {"screen": "data quality", "file": "data-quality.xlsx",
                                                           "participants": 1, "codes": ["S2"]})]
