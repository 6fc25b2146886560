"""The forms' plain functions (data.forms) on the small organisation, on SQLite and PostgreSQL.

Small organisation before any form (tests/small_org.py): 2 programmes (P1, P2), 9 participants
(Y1..Y7 young people, S1 staff, S2 trainer), 6 sessions (A..F), 17 attendance rows,
23 evaluations, 16 principle ratings, 7 feedback items (FB1..FB7)."""

import json
from datetime import date

import pytest
from sqlalchemy import select, update

from data.forms import (
    EvaluationEntry, FeedbackEntry, FormRejected, NewParticipant, RatingEntry, RegisterLine, SessionDetails,
    add_feedback, save_evaluation, save_participant, save_ratings, save_session, update_feedback,
)
from data.forms.choices import first_free, suggested_feedback_code, suggested_session_code
from data.forms.saving import cell_text
from data.forms.session import register_of, save_register
from measures.feedback import feedback_figures
from measures.filters import Filters, Period
from measures.skills import skills_by_skill
from models.audit import recent
from models.tables import (
    Attendance, Evaluation, FeedbackItem, Participant, Principle, PrincipleRating, Programme, ProgrammeSession, Skill,
)
from models.version import data_version
from tests.store_helpers import row_counts

Q1 = Period(date(2024, 1, 1), date(2024, 3, 31))
BEFORE = {"programmes": 2, "participants": 9, "sessions": 6, "attendance": 17, "evaluations": 23,
          "principle_ratings": 16, "feedback_items": 7}


def counts(engine) -> dict:
    return {name: n for name, n in row_counts(engine).items() if name in BEFORE}


def audits(engine) -> list[dict]:
    """The forms' audit entries, oldest first, with their details read back."""
    entries = recent(engine)
    entries = entries[entries["action"] == "form saved"].iloc[::-1]
    return [{"actor": a, **json.loads(d)} for a, d in zip(entries["actor"], entries["detail"], strict=True)]


def rejected(save, *args) -> list[str]:
    with pytest.raises(FormRejected) as caught:
        save(*args)
    return [str(p) for p in caught.value.problems]


def rows(engine, query) -> list[tuple]:
    with engine.connect() as conn:
        return [tuple(r) for r in conn.execute(query)]


PR, PA, SE, AT = Programme.__table__, Participant.__table__, ProgrammeSession.__table__, Attendance.__table__
EV, SK, RA, PRI, FB = (Evaluation.__table__, Skill.__table__, PrincipleRating.__table__, Principle.__table__,
                       FeedbackItem.__table__)


# --- Record a session with its register -------------------------------------------------------

REGISTER = [RegisterLine("Y1", True, "lead", 20.0, None), RegisterLine("Y2", False),
            RegisterLine("S1", True, "co_facilitator", None, 3.5)]


def test_a_session_and_its_register_are_saved_as_worked_out(small_org_any):
    engine = small_org_any
    code = suggested_session_code(engine, "P2", date(2024, 5, 1))
    assert code == "P2-2024-05-01"
    details = SessionDetails(code, "P2", date(2024, 5, 1), "steering_group", 1.5, "online", "co_led", "design", 6,
                             "Planning the podcast")
    message = save_session(engine, "u-staff", details, REGISTER)
    # 3 lines on the register, Y1 and S1 came: 2 came.
    assert message == "Saved session P2-2024-05-01 with 3 people on the register (2 came)."
    assert counts(engine) == {**BEFORE, "sessions": 7, "attendance": 20}
    assert rows(engine, select(SE.c.date, PR.c.code, SE.c.activity_type, SE.c.stage, SE.c.mode, SE.c.led_by,
                               SE.c.ladder_rung, SE.c.duration_hours, SE.c.title)
                .join(PR, PR.c.id == SE.c.programme_id).where(SE.c.code == code)) == [
        (date(2024, 5, 1), "P2", "steering_group", "design", "online", "co_led", 6, 1.5, "Planning the podcast")]
    assert rows(engine, select(PA.c.code, AT.c.attended, AT.c.role_in_session, AT.c.paid_gbp, AT.c.expenses_gbp)
                .join(PA, PA.c.id == AT.c.participant_id).join(SE, SE.c.id == AT.c.session_id)
                .where(SE.c.code == code).order_by(PA.c.code)) == [
        ("S1", True, "co_facilitator", None, 3.5), ("Y1", True, "lead", 20.0, None),
        ("Y2", False, "participant", None, None)]
    # A second session of P2 on the same day gets the next free code.
    assert suggested_session_code(engine, "P2", date(2024, 5, 1)) == "P2-2024-05-01-2"
    [entry] = audits(engine)
    assert entry["actor"] == "u-staff" and entry["form"] == "session" and entry["codes"] == [code]
    assert (entry["register"], entry["came"]) == (3, 2)
    assert entry["counts"]["sessions"]["added"] == 1 and entry["counts"]["attendance"]["added"] == 3


def test_a_session_without_a_register_and_the_defaults(small_org):
    message = save_session(small_org, "u-admin", SessionDetails("P1-X", "P1", date(2024, 6, 1), "workshop"), None)
    assert message == "Saved session P1-X (no register yet)."
    assert counts(small_org) == {**BEFORE, "sessions": 7}
    # Contract defaults: in person, led by the organisation, 2 hours, no stage, rung or title.
    assert rows(small_org, select(SE.c.mode, SE.c.led_by, SE.c.duration_hours, SE.c.stage, SE.c.ladder_rung,
                                  SE.c.title).where(SE.c.code == "P1-X")) == [
        ("in_person", "organisation", 2.0, None, None, None)]


def test_bad_sessions_say_what_is_wrong_and_change_nothing(small_org_any):
    engine = small_org_any
    version = data_version(engine)
    duplicate = SessionDetails("A", "P1", date(2024, 6, 1), "workshop", 2.0)
    problems = rejected(save_session, engine, "u-staff", duplicate, [RegisterLine("Y99", True, paid_gbp=-5.0)])
    assert problems == [
        "Session code: 'A' is already the code of the session on 2024-01-10: choose another code",
        "Paid £ (Y99): '-5' is out of range: an amount must be 0 or more",
        "On the register (Y99): unknown participant 'Y99': there is no such code in the store",
    ]
    empty = SessionDetails("NEW-1", "P9", date(2024, 6, 1), "workshop", 30.0)
    problems = rejected(save_session, engine, "u-staff", empty, [])
    assert problems[0].startswith("Register: nobody is on the register")
    assert problems[1:] == ["Duration (hours): '30' is out of range: hours must be more than 0 and at most 24",
                            "Programme: unknown programme 'P9': there is no such code in the store"]
    assert rejected(save_session, engine, "u-staff", SessionDetails("", "P1", date(2024, 6, 1), "party"), None) == [
        "Session code: please fill this in",
        "Activity: 'party' is not one of: workshop, steering_group, training, forum, governance, recruitment, "
        "delivery, social, other"]
    assert counts(engine) == BEFORE
    assert data_version(engine) == version
    assert audits(engine) == []


def test_the_register_of_a_session_already_recorded_is_taken_and_corrected_in_place(small_org_any):
    engine = small_org_any
    # F (2024-03-20): Y1 came; Y3 came and was paid 5.
    assert register_of(engine, "F") == [RegisterLine("Y1", True, "participant", None, None),
                                        RegisterLine("Y3", True, "participant", 5.0, None)]
    # Y1 did not come after all (changed in place), Y4 came and was paid 10 (added), Y3 is left as saved.
    lines = [RegisterLine("Y1", False), RegisterLine("Y4", True, paid_gbp=10.0)]
    message = save_register(engine, "u-staff", "F", lines)
    assert message == "Saved the register of session F: 2 people, 1 came (1 added, 1 changed, 0 as before)."
    assert counts(engine) == {**BEFORE, "attendance": 18}
    assert register_of(engine, "F") == [RegisterLine("Y1", False, "participant", None, None),
                                        RegisterLine("Y3", True, "participant", 5.0, None),
                                        RegisterLine("Y4", True, "participant", 10.0, None)]
    [audit] = audits(engine)
    assert (audit["form"], audit["codes"], audit["counts"]["attendance"]) == (
        "register", ["F"], {"added": 1, "updated": 1, "unchanged": 0})


def test_a_register_needs_a_session_and_someone_on_it(small_org):
    assert rejected(save_register, small_org, "u", None, []) == [
        "Session: please pick the session", "Register: nobody is on the register: pick the people who were expected"]
    assert rejected(save_register, small_org, "u", "F", [RegisterLine("Y1", True, "boss")]) == [
        "Role in the session (Y1): 'boss' is not one of: participant, co_facilitator, lead"]
    assert counts(small_org) == BEFORE and audits(small_org) == []


# --- Add a participant ------------------------------------------------------------------------

def test_a_participant_is_added_by_code(small_org_any):
    engine = small_org_any
    person = NewParticipant("YP-042", "young_person", date(2024, 2, 1), "16_18", "prefer_not_to_say", "no", False)
    assert save_participant(engine, "u-admin", person) == "Added participant YP-042 (young person)."
    assert counts(engine) == {**BEFORE, "participants": 10}
    assert rows(engine, select(PA.c.role, PA.c.joined_on, PA.c.age_band, PA.c.disability, PA.c.care_experienced,
                               PA.c.consent_data_use).where(PA.c.code == "YP-042")) == [
        ("young_person", date(2024, 2, 1), "16_18", "prefer_not_to_say", "no", False)]
    [entry] = audits(engine)
    assert (entry["form"], entry["codes"], entry["counts"]) == (
        "participant", ["YP-042"], {"participants": {"added": 1, "updated": 0, "unchanged": 0}})


def test_names_taken_codes_and_bad_values_are_refused(small_org):
    not_a_name = ("Participant code: a code has no spaces and holds at least one digit (e.g. YP-042), so that a "
                  "name is never used by mistake")
    assert rejected(save_participant, small_org, "u", NewParticipant("Jane Smith", "young_person")) == [not_a_name]
    assert rejected(save_participant, small_org, "u", NewParticipant("Jane", "young_person")) == [not_a_name]
    # Y1 exists: adding it again would silently change Y1, so the form refuses.
    assert rejected(save_participant, small_org, "u", NewParticipant("Y1", "staff")) == [
        "Participant code: 'Y1' is already a participant's code: choose another"]
    assert rejected(save_participant, small_org, "u", NewParticipant("y1", "young_person")) == [
        "Participant code: 'y1' differs from the existing code 'Y1' only in capitals: use another code, or the "
        "existing one"]
    assert rejected(save_participant, small_org, "u", NewParticipant("Y10", "wizard")) == [
        "Role: 'wizard' is not one of: young_person, staff, trainer, volunteer, professional"]
    assert counts(small_org) == BEFORE
    assert audits(small_org) == []


# --- Enter an evaluation ----------------------------------------------------------------------

def test_an_evaluation_saves_one_row_per_skill_scored_and_moves_the_skills_measure(small_org_any):
    engine = small_org_any
    # Before: Q1 confidence has 5 pairs, mean change 1.0, and 3 pre ratings awaiting a post (Y2-P1, whose
    # post is in April; Y7-P1; Y1-P2).
    before = skills_by_skill(engine, Q1, Filters(), 1).set_index("skill").loc["confidence"]
    assert (before["pairs"], before["mean_change"], before["awaiting_post"]) == (5, 1.0, 3)
    entry = EvaluationEntry("Y7", "P1", "post", date(2024, 3, 28), {"confidence": 4, "teamwork": 3, "empathy": None})
    message = save_evaluation(engine, "u-staff", entry)
    assert message == "Saved the post evaluation of Y7 for P1 on 2024-03-28: 2 skills scored."
    assert counts(engine) == {**BEFORE, "evaluations": 25}
    assert rows(engine, select(SK.c.code, EV.c.score).join(SK, SK.c.id == EV.c.skill_id)
                .join(PA, PA.c.id == EV.c.participant_id).where(PA.c.code == "Y7", EV.c.timepoint == "post")
                .order_by(SK.c.code)) == [("confidence", 4), ("teamwork", 3)]
    # After: Y7's pre 2 (2024-02-10) pairs with the new post 4: change +2, so 6 pairs, mean (5 x 1.0 + 2) / 6,
    # and 2 awaiting. Teamwork: Y7 has no pre, so nothing pairs (still 1 pair).
    after = skills_by_skill(engine, Q1, Filters(), 1).set_index("skill")
    assert (after.loc["confidence", "pairs"], after.loc["confidence", "awaiting_post"]) == (6, 2)
    assert after.loc["confidence", "mean_change"] == pytest.approx(7 / 6)
    assert after.loc["teamwork", "pairs"] == 1
    [audit] = audits(engine)
    assert (audit["form"], audit["codes"], audit["timepoint"]) == ("evaluation", ["Y7", "P1"], "post")


def test_bad_evaluations_are_refused_and_change_nothing(small_org_any):
    engine = small_org_any
    with engine.begin() as conn:
        conn.execute(update(Skill.__table__).where(Skill.__table__.c.code == "empathy").values(retired=True))
    day = date(2024, 3, 28)
    assert rejected(save_evaluation, engine, "u", EvaluationEntry("Y7", "P1", "post", day, {"confidence": 6})) == [
        "Score (Confidence): '6' is not a whole number from 1 to 5"]
    assert rejected(save_evaluation, engine, "u", EvaluationEntry("Y7", "P1", "post", day, {"empathy": 3})) == [
        "Skill: 'empathy' is not a skill the forms offer (unknown or retired)"]
    assert rejected(save_evaluation, engine, "u", EvaluationEntry("Y7", "P1", "post", day, {"confidence": None})) == [
        "Scores: give at least one skill a score from 1 to 5"]
    assert rejected(save_evaluation, engine, "u", EvaluationEntry("Y99", "P1", "pre", day, {"confidence": 3})) == [
        "Participant: unknown participant 'Y99': there is no such code in the store"]
    # Y1's pre confidence of 2024-01-05 is stored already (score 3): it is not overwritten.
    assert rejected(save_evaluation, engine, "u", EvaluationEntry("Y1", "P1", "pre", date(2024, 1, 5),
                                                                  {"confidence": 5, "teamwork": 4})) == [
        "Completed on: Y1 already has pre scores for P1 on 2024-01-05 for Confidence: nothing was changed"]
    assert counts(engine) == BEFORE
    assert audits(engine) == []


# --- Rate a session ---------------------------------------------------------------------------

def test_ratings_are_saved_per_principle_and_identical_ones_all_count(small_org_any):
    engine = small_org_any
    entry = RatingEntry("C", "lundy", "young_person", {"voice": 4, "space": 5, "audience": None})
    assert save_ratings(engine, "u-staff", entry) == "Saved 2 ratings of session C from a young person (anonymous)."
    # A second young person giving the very same scores is two more ratings, not "the same ones again".
    save_ratings(engine, "u-staff", entry)
    staff = RatingEntry("C", "lundy", "staff", {"voice": 3}, rater_code="S2", rated_on=date(2024, 3, 6))
    assert save_ratings(engine, "u-staff", staff) == "Saved 1 rating of session C from a member of staff (S2)."
    assert counts(engine) == {**BEFORE, "principle_ratings": 21}
    # Without a date a rating takes its session's date (C: 2024-03-05).
    assert rows(engine, select(PRI.c.code, RA.c.rater_role, RA.c.score, RA.c.rated_on)
                .join(PRI, PRI.c.id == RA.c.principle_id).where(RA.c.rating_code.is_not(None)).order_by(RA.c.id)) == [
        ("voice", "young_person", 4, date(2024, 3, 5)), ("space", "young_person", 5, date(2024, 3, 5)),
        ("voice", "young_person", 4, date(2024, 3, 5)), ("space", "young_person", 5, date(2024, 3, 5)),
        ("voice", "staff", 3, date(2024, 3, 6))]
    assert [a["form"] for a in audits(engine)] == ["principle ratings"] * 3


def test_bad_ratings_are_refused_and_retired_principles_are_not_accepted(small_org_any):
    engine = small_org_any
    principles = Principle.__table__
    with engine.begin() as conn:
        conn.execute(update(principles).where(principles.c.code == "space").values(retired=True))
    assert rejected(save_ratings, engine, "u", RatingEntry("C", "lundy", "young_person", {"space": 4})) == [
        "Principle: 'space' is not a principle the forms offer for this framework (unknown or retired)"]
    assert rejected(save_ratings, engine, "u", RatingEntry("C", "lundy", "young_person", {"voice": 0},
                                                           rater_code="S1")) == [
        "Their participant code: S1 is not a young person: pick the right 'Who is rating', or leave the code empty",
        "Score (Voice): '0' is not a whole number from 1 to 5"]
    assert rejected(save_ratings, engine, "u", RatingEntry("Z", "lundy", "staff", {"voice": 3})) == [
        "Session: unknown session 'Z': there is no such code in the store"]
    assert rejected(save_ratings, engine, "u", RatingEntry("C", "lundy", "staff", {})) == [
        "Scores: give at least one principle a score from 1 to 5"]
    assert counts(engine) == BEFORE
    assert audits(engine) == []


# --- "You said, we did" -----------------------------------------------------------------------

def test_a_feedback_item_is_added(small_org_any):
    engine = small_org_any
    assert suggested_feedback_code(engine, date(2024, 3, 25)) == "FB-2024-03-25"
    item = FeedbackEntry("FB-2024-03-25", date(2024, 3, 25), "  Sessions after school, not during  ",
                         programme_code="P2")
    assert add_feedback(engine, "u-staff", item) == "Added item FB-2024-03-25 (raised)."
    assert counts(engine) == {**BEFORE, "feedback_items": 8}
    assert rows(engine, select(FB.c.you_said, FB.c.status, PR.c.code, FB.c.we_did, FB.c.responded_on)
                .join(PR, PR.c.id == FB.c.programme_id).where(FB.c.code == "FB-2024-03-25")) == [
        ("Sessions after school, not during", "raised", "P2", None, None)]
    assert suggested_feedback_code(engine, date(2024, 3, 25)) == "FB-2024-03-25-2"
    # Raised in Q1, not told back: 6 raised, 2 told back (FB1, FB2).
    assert feedback_figures(engine, Q1, Filters())["told_back_share"] == pytest.approx(2 / 6)


def test_bad_feedback_items_are_refused(small_org):
    assert rejected(add_feedback, small_org, "u", FeedbackEntry("FB1", date(2024, 3, 1), "Again")) == [
        "Item code: 'FB1' is already the code of another item: choose another"]
    late = FeedbackEntry("FB9", date(2024, 3, 1), "", "done", responded_on=date(2024, 2, 1))
    assert rejected(add_feedback, small_org, "u", late) == [
        "You said: please fill this in",
        "Told back on: told back on 2024-02-01 is before raised on 2024-03-01"]
    assert counts(small_org) == BEFORE


def test_updating_an_item_changes_it_in_place_and_moves_the_loop_measures(small_org_any):
    engine = small_org_any
    # Q1 before: raised FB1, FB2, FB4, FB3, FB7 = 5; told back by 31 March: FB1 (15 days), FB2 (43 days):
    # share 2/5, median 29; open over 30 days: FB4 (20 Feb) and FB5 (2023) = 2.
    before = feedback_figures(engine, Q1, Filters())
    assert (before["told_back_share"], before["median_days_to_tell_back"], before["open_over_30_days"]) == (0.4, 29, 2)
    version = data_version(engine)
    message = update_feedback(engine, "u-staff", "FB4", "done", "Moved the sessions to Saturdays", date(2024, 3, 30))
    assert message == "Updated item FB4: done, told back on 2024-03-30."
    assert counts(engine) == BEFORE  # in place: nothing added
    assert rows(engine, select(FB.c.raised_on, FB.c.you_said, FB.c.status, FB.c.we_did, FB.c.responded_on,
                               FB.c.programme_id).where(FB.c.code == "FB4")) == [
        (date(2024, 2, 20), "Item FB4", "done", "Moved the sessions to Saturdays", date(2024, 3, 30), None)]
    # After: FB4 told back after 9 + 30 = 39 days: share 3/5, median of 15, 39, 43 = 39; open over 30: FB5 only.
    after = feedback_figures(engine, Q1, Filters())
    assert (after["told_back_share"], after["median_days_to_tell_back"], after["open_over_30_days"]) == (0.6, 39, 1)
    assert data_version(engine) != version  # an update in place still refreshes the caches
    assert update_feedback(engine, "u-staff", "FB4", "done", "Moved the sessions to Saturdays",
                           date(2024, 3, 30)) == "Nothing to change: item FB4 already says that."
    [first, second] = audits(engine)
    assert first["form"] == "you said, we did: update" and first["codes"] == ["FB4"]
    assert first["counts"]["feedback"] == {"added": 0, "updated": 1, "unchanged": 0}
    assert second["counts"]["feedback"] == {"added": 0, "updated": 0, "unchanged": 1}


def test_a_bad_update_changes_nothing(small_org):
    # FB4 was raised on 2024-02-20: told back a day earlier cannot be.
    assert rejected(update_feedback, small_org, "u", "FB4", "done", "x", date(2024, 2, 19)) == [
        "Told back on: told back on 2024-02-19 is before raised on 2024-02-20"]
    assert rejected(update_feedback, small_org, "u", "FB4", "finished", None, None) == [
        "Status: 'finished' is not one of: raised, in_progress, done, not_possible"]
    assert rejected(update_feedback, small_org, "u", "NOPE", "done", None, None) == [
        "Item: there is no item 'NOPE' (was it just erased?)"]
    assert rows(small_org, select(FB.c.status, FB.c.we_did, FB.c.responded_on).where(FB.c.code == "FB4")) == [
        ("raised", None, None)]
    assert audits(small_org) == []


# --- Demo mode, and small helpers -------------------------------------------------------------

def test_a_form_save_into_the_demo_clears_the_demo_records_and_accounts_in_its_transaction(engine, monkeypatch):
    from auth.accounts import listing
    from data.demo.accounts import demo_passwords, load_demo_with_accounts
    from data.forms import saving
    from models.settings import get_setting
    load_demo_with_accounts(engine)
    demo = row_counts(engine)
    assert len(demo_passwords(engine)) == 4 and demo["participants"] > 100

    # Refused (a name, not a code): nothing saved, nothing cleared.
    with pytest.raises(FormRejected):
        save_participant(engine, "demo-staff", NewParticipant("Jane Smith", "young_person"))
    # Failing at its very last step (the audit): the clearing is rolled back with the rest.
    real_record = saving.record
    monkeypatch.setattr(saving, "record", lambda *a, **k: (_ for _ in ()).throw(RuntimeError("disk full")))
    with pytest.raises(RuntimeError):
        save_participant(engine, "demo-staff", NewParticipant("NEW-001", "young_person"))
    assert row_counts(engine) == demo and len(demo_passwords(engine)) == 4 and get_setting(engine, "demo_data")
    monkeypatch.setattr(saving, "record", real_record)

    save_participant(engine, "demo-staff", NewParticipant("NEW-001", "young_person"))
    assert rows(engine, select(PA.c.code, PA.c.role)) == [("NEW-001", "young_person")]  # only what was saved
    assert row_counts(engine)["sessions"] == 0 and not get_setting(engine, "demo_data")
    assert listing(engine).empty and demo_passwords(engine) == {}
    entries = recent(engine)
    assert {"demo accounts removed", "form saved"} <= set(entries["action"])
    assert set(entries.loc[entries["action"] == "demo accounts removed", "actor"]) == {"demo-staff"}


def test_cells_are_written_as_the_contract_reads_them():
    assert [cell_text(v) for v in (None, True, False, date(2024, 1, 2), 2.0, 2.5, 7, "a,b")] == [
        "", "yes", "no", "2024-01-02", "2", "2.5", "7", "a,b"]
    assert first_free("X", []) == "X"
    assert first_free("X", ["X", "X-2", "X-4"]) == "X-3"
