"""The frameworks and skills editor: own frameworks, renames, retiring, deleting only what was
never used, never losing a rating or evaluation, audit entries and the write counter.

Counts in the small organisation (tests/small_org.py), by hand from its RATINGS and EVALUATIONS:
  lundy/voice: 7 ratings (A: young 3, young 4, staff 5; B: Y1 2, staff 4; C: Y2 5; D: young 1).
  lundy/influence: 3 ratings; lundy/space and lundy/audience: none.
  core_principles/share_responsibility: 6 ratings.
  confidence: 18 evaluations (16 of young people, 2 of S1); teamwork: 5; every other skill: none.
In Q1 2024 voice has 6 ratings (D is in April): 3+4+2+5+5+4 = 23, mean 23/6, rated 4-5: 4 of 6;
young people 3, 4, 2, 5 (mean 3.5) from 4 young people (two anonymous, Y1, Y2); staff 5, 4 (4.5).
"""

import json
from datetime import date

import pytest
from pytest import approx
from sqlalchemy import func, select

from data.frameworks.editor import (
    EditorError, add_framework, add_principle, add_skill, delete_framework, delete_principle, delete_skill,
    frameworks_listing, offered_frameworks, offered_principles, offered_skills, principles_listing, rename_framework,
    rename_principle, rename_skill, set_principle_retired, set_skill_retired, skills_listing,
)
from data.importing import import_sources
from measures.filters import Filters, Period
from measures.principles import principle_table
from measures.skills import skills_by_skill
from models.tables import AuditEntry, Framework, Principle, PrincipleRating, Skill
from models.version import data_version

Q1 = Period(date(2024, 1, 1), date(2024, 3, 31))
POLICY = [("paid_fairly", "Young people are paid fairly"), ("listened_to", "Ideas are listened to"),
          ("shared_power", "Decisions are shared")]


def audit(engine) -> list[tuple[str, str, dict]]:
    with engine.connect() as conn:
        rows = conn.execute(select(AuditEntry.actor, AuditEntry.action, AuditEntry.detail).order_by(AuditEntry.id))
        return [(actor, action, json.loads(detail) if detail else {}) for actor, action, detail in rows]


def store_state(engine) -> dict:
    """Everything the editor could touch, to show that a refused change left it as it was."""
    with engine.connect() as conn:
        return {table.__tablename__: sorted(map(tuple, conn.execute(select(table.__table__)).all()), key=str)
                for table in (Framework, Principle, Skill, PrincipleRating, AuditEntry)}


def ratings_of(engine, framework: str, principle: str) -> int:
    listing = principles_listing(engine, framework).set_index("code")
    return int(listing.loc[principle, "ratings"])


def test_an_own_framework_with_three_principles(any_engine):
    message = add_framework(any_engine, "our_policy", "Our co-production policy", "  Agreed with the youth board ",
                            POLICY, actor="admin-1")
    assert message == "Added the framework 'Our co-production policy' (our_policy) with 3 principles."
    listing = frameworks_listing(any_engine).set_index("code")
    assert listing.loc["our_policy", "name"] == "Our co-production policy"
    assert listing.loc["our_policy", "description"] == "Agreed with the youth board"
    assert not listing.loc["our_policy", "builtin"] and listing.loc["lundy", "builtin"]
    assert listing.loc["our_policy", "principles"] == 3 and listing.loc["our_policy", "ratings"] == 0
    principles = principles_listing(any_engine, "our_policy")
    assert list(principles["position"]) == [1, 2, 3]
    assert list(principles["code"]) == ["paid_fairly", "listened_to", "shared_power"]
    assert not principles["builtin"].any()
    assert offered_principles(any_engine, "our_policy").values.tolist() == [list(p) for p in POLICY]
    assert "our_policy" in set(offered_frameworks(any_engine)["code"])
    assert audit(any_engine)[-1] == ("admin-1", "framework added", {
        "framework": "our_policy", "name": "Our co-production policy", "description": "Agreed with the youth board",
        "principles": ["paid_fairly", "listened_to", "shared_power"]})


def test_a_principle_goes_where_it_is_asked_to(engine):
    add_framework(engine, "our_policy", "Our policy", None, POLICY[:2], actor="a")
    add_principle(engine, "our_policy", "shared_power", "Decisions are shared", actor="a")      # last: 3
    add_principle(engine, "our_policy", "safe_space", "A safe space", actor="a", position=1)   # others move down
    assert list(offered_principles(engine, "our_policy")["code"]) == [
        "safe_space", "paid_fairly", "listened_to", "shared_power"]
    assert list(principles_listing(engine, "our_policy")["position"]) == [1, 2, 3, 4]
    # An organisation's own principle for a built-in framework, too.
    add_principle(engine, "lundy", "follow_up", "Follow-up", actor="a")
    assert list(offered_principles(engine, "lundy")["code"]) == ["space", "voice", "audience", "influence",
                                                                 "follow_up"]


def test_renaming_a_built_in_principle_keeps_its_ratings(small_org_any):
    before = data_version(small_org_any)
    message = rename_principle(small_org_any, "lundy", "voice", "Being heard", actor="admin-1")
    assert message == "The principle 'Voice' is now called 'Being heard'."
    assert data_version(small_org_any) != before     # charts' caches see the new name at once
    assert ratings_of(small_org_any, "lundy", "voice") == 7
    table = principle_table(small_org_any, Q1, Filters(), 3).set_index("principle")
    voice = table.loc["voice"]
    assert voice["principle_name"] == "Being heard"
    assert voice["ratings"] == 6 and voice["mean"] == approx(23 / 6) and voice["share_4_5"] == approx(4 / 6)
    assert voice["young_people_mean"] == approx(3.5) and voice["staff_mean"] == approx(4.5)
    assert audit(small_org_any)[-1] == ("admin-1", "principle renamed",
                                        {"framework": "lundy", "principle": "voice", "old": "Voice",
                                         "new": "Being heard"})


def test_renaming_frameworks_and_skills(small_org):
    rename_framework(small_org, "lundy", "The Lundy model", actor="a", description="Space, voice, audience, influence")
    rename_skill(small_org, "confidence", "Feeling confident", actor="a")
    assert frameworks_listing(small_org).set_index("code").loc["lundy", "name"] == "The Lundy model"
    skills = skills_by_skill(small_org, Q1, Filters(), 1).set_index("skill")
    assert skills.loc["confidence", "skill_name"] == "Feeling confident"
    assert skills_listing(small_org).set_index("code").loc["confidence", "evaluations"] == 18
    entries = audit(small_org)
    assert entries[-2] == ("a", "framework renamed", {
        "framework": "lundy", "old": "Lundy model of participation", "new": "The Lundy model",
        "old_description": None, "new_description": "Space, voice, audience, influence"})
    assert entries[-1] == ("a", "skill renamed", {"skill": "confidence", "old": "Confidence",
                                                  "new": "Feeling confident"})


def test_deleting_a_rated_principle_is_refused_and_changes_nothing(small_org_any):
    before = store_state(small_org_any)
    with pytest.raises(EditorError) as refused:
        delete_principle(small_org_any, "lundy", "voice", actor="a")
    assert str(refused.value).startswith("'Voice' has 7 ratings; deleting it would lose them. Nothing was deleted.")
    assert "Retire the principle instead" in str(refused.value)
    assert store_state(small_org_any) == before


def test_deleting_used_or_built_in_things_is_refused(small_org):
    before = store_state(small_org)
    refusals = {
        "skill": lambda: delete_skill(small_org, "teamwork", actor="a"),
        "unused built-in principle": lambda: delete_principle(small_org, "lundy", "space", actor="a"),
        "unused built-in skill": lambda: delete_skill(small_org, "empathy", actor="a"),
        "built-in framework": lambda: delete_framework(small_org, "voice_influence_charter", actor="a"),
    }
    messages = {}
    for what, refused in refusals.items():
        with pytest.raises(EditorError) as problem:
            refused()
        messages[what] = str(problem.value)
    assert messages["skill"].startswith("'Teamwork' has 5 evaluations; deleting it would lose them.")
    assert "built-in principles and cannot be deleted" in messages["unused built-in principle"]
    assert "built-in skills" in messages["unused built-in skill"]
    assert "built-in framework" in messages["built-in framework"]
    assert store_state(small_org) == before


def test_deleting_what_was_never_used(small_org):
    add_framework(small_org, "our_policy", "Our policy", None, POLICY, actor="a")
    add_skill(small_org, "budgeting", "Budgeting", actor="a")
    assert delete_principle(small_org, "our_policy", "listened_to", actor="a") == \
        "Deleted the principle 'Ideas are listened to' from 'Our policy'."
    assert list(principles_listing(small_org, "our_policy")["code"]) == ["paid_fairly", "shared_power"]
    delete_skill(small_org, "budgeting", actor="a")
    assert "budgeting" not in set(skills_listing(small_org)["code"])
    assert delete_framework(small_org, "our_policy", actor="a") == \
        "Deleted the framework 'Our policy' and its 2 principles."
    assert "our_policy" not in set(frameworks_listing(small_org)["code"])
    assert [action for _, action, _ in audit(small_org)][-3:] == ["principle deleted", "skill deleted",
                                                                 "framework deleted"]


def test_an_own_framework_with_ratings_cannot_be_deleted(small_org):
    add_framework(small_org, "our_policy", "Our policy", None, POLICY, actor="a")
    _import_policy_ratings(small_org)
    before = store_state(small_org)
    with pytest.raises(EditorError, match="The principles of 'Our policy' have 2 ratings; deleting it would lose"):
        delete_framework(small_org, "our_policy", actor="a")
    assert store_state(small_org) == before


def test_retired_principles_leave_the_forms_but_keep_counting(small_org_any):
    measured = principle_table(small_org_any, Q1, Filters(), 3)
    message = set_principle_retired(small_org_any, "lundy", "voice", True, actor="a")
    assert message == "Retired 'Voice': forms no longer offer it; its ratings still count."
    assert list(offered_principles(small_org_any, "lundy")["code"]) == ["space", "audience", "influence"]
    assert principle_table(small_org_any, Q1, Filters(), 3).equals(measured)   # voice: still 6 ratings, 23/6
    with pytest.raises(EditorError, match="already retired"):
        set_principle_retired(small_org_any, "lundy", "voice", True, actor="a")
    set_principle_retired(small_org_any, "lundy", "voice", False, actor="a")
    assert list(offered_principles(small_org_any, "lundy")["code"]) == ["space", "voice", "audience", "influence"]
    assert [(action, detail["old"], detail["new"]) for _, action, detail in audit(small_org_any)[-2:]] == [
        ("principle retired", False, True), ("principle brought back", True, False)]


def test_retired_skills_leave_the_forms_but_keep_counting(small_org):
    measured = skills_by_skill(small_org, Q1, Filters(), 1)
    set_skill_retired(small_org, "confidence", True, actor="a")
    assert "confidence" not in set(offered_skills(small_org)["code"])
    assert len(offered_skills(small_org)) == 7
    assert skills_by_skill(small_org, Q1, Filters(), 1).equals(measured)
    assert skills_listing(small_org).set_index("code").loc["confidence", "evaluations"] == 18


def test_a_framework_with_every_principle_retired_is_not_offered(engine):
    add_framework(engine, "our_policy", "Our policy", None, POLICY[:1], actor="a")
    set_principle_retired(engine, "our_policy", "paid_fairly", True, actor="a")
    assert offered_principles(engine, "our_policy").empty
    assert list(offered_frameworks(engine)["code"]) == ["voice_influence_charter", "core_principles", "lundy"]


@pytest.mark.parametrize("change, expected", [
    (lambda e: add_skill(e, "Bad Code", "Bad", actor="a"),
     "The code 'Bad Code' of the skill cannot be used: a code is 1 to 40 lowercase letters, digits and "
     "underscores (_), starting with a letter. For example 'bad_code'."),
    (lambda e: add_skill(e, "confidence", "Self-belief", actor="a"),
     "There is already a skill with the code 'confidence'. Choose another code."),
    (lambda e: add_skill(e, "self_belief", "  CONFIDENCE ", actor="a"),
     "There is already a skill called 'CONFIDENCE'. Choose another name."),
    (lambda e: add_principle(e, "lundy", "2nd_voice", "Second voice", actor="a"),
     "The code '2nd_voice' of the principle cannot be used: a code is 1 to 40 lowercase letters, digits and "
     "underscores (_), starting with a letter."),
    (lambda e: add_principle(e, "lundy", "space", "Room", actor="a"),
     "The framework 'Lundy model of participation' already has a principle with the code 'space'. "
     "Choose another code."),
    (lambda e: add_principle(e, "nowhere", "space", "Room", actor="a"),
     "There is no framework with the code 'nowhere'."),
    (lambda e: add_framework(e, "lundy", "Another Lundy", None, [], actor="a"),
     "There is already a framework with the code 'lundy'. Choose another code."),
    (lambda e: add_framework(e, "Our Policy", "", None, [("ok", "Fine"), ("Bad!", "")], actor="a"),
     "The code 'Our Policy' of the framework cannot be used: a code is 1 to 40 lowercase letters, digits and "
     "underscores (_), starting with a letter. For example 'our_policy'.\n\nGive the framework a name.\n\n"
     "The code 'Bad!' of the principle in row 2 cannot be used: a code is 1 to 40 lowercase letters, digits and "
     "underscores (_), starting with a letter. For example 'bad'.\n\nGive the principle in row 2 a name."),
    (lambda e: add_framework(e, "ours", "Ours", None, [("a", "A"), ("b", "a")], actor="a"),
     "Rows 1 and 2 both have the principle name 'a'; names label the charts, so each principle needs its own."),
    (lambda e: rename_principle(e, "lundy", "space", "voice", actor="a"),
     "There is already a principle called 'voice' in 'Lundy model of participation'. Choose another name."),
    (lambda e: rename_skill(e, "teamwork", "   ", actor="a"), "Give the skill a name."),
    (lambda e: rename_skill(e, "teamwork", "Teamwork", actor="a"),
     "The skill is already called 'Teamwork'; nothing to change."),
])
def test_bad_input_gets_a_message_and_changes_nothing(small_org, change, expected):
    before = store_state(small_org)
    version = data_version(small_org)
    with pytest.raises(EditorError) as refused:
        change(small_org)
    assert str(refused.value) == expected
    assert store_state(small_org) == before and data_version(small_org) == version


def test_own_skills_are_offered_after_the_built_in_ones(engine):
    add_skill(engine, "budgeting", "Budgeting", actor="a")
    offered = offered_skills(engine)
    assert list(offered["code"])[-1] == "budgeting" and len(offered) == 9
    assert offered["name"].iloc[0] == "Communication"            # built-in ones by name


def _import_policy_ratings(engine):
    # Two staff ratings of the own framework for session A (10 January 2024); the framework code
    # in a different case, as a spreadsheet might have it.
    csv = ("session_code,framework,principle,rater_role,rater_code,score,rating_code\n"
           "A,Our_Policy,paid_fairly,staff,S1,4,OP1\n"
           "A,our_policy,shared_power,staff,S2,2,OP2\n")
    return import_sources(engine, [("principle_ratings.csv", csv.encode())])


def test_an_own_framework_works_end_to_end(small_org_any):
    add_framework(small_org_any, "our_policy", "Our policy", None, POLICY, actor="a")
    _import_policy_ratings(small_org_any)
    assert ratings_of(small_org_any, "our_policy", "paid_fairly") == 1
    table = principle_table(small_org_any, Q1, Filters(), 5)
    ours = table[table["framework"] == "our_policy"].set_index("principle")
    assert list(ours.index) == ["paid_fairly", "listened_to", "shared_power"]
    assert set(ours["framework_name"]) == {"Our policy"}
    assert ours.loc["paid_fairly", "mean"] == approx(4.0) and ours.loc["paid_fairly", "share_4_5"] == 1.0
    assert ours.loc["shared_power", "staff_mean"] == approx(2.0)
    assert not ours.loc["listened_to", "has_ratings"]
    # A retired principle still takes ratings from an import (last year's spreadsheet, say).
    set_principle_retired(small_org_any, "our_policy", "paid_fairly", True, actor="a")
    with small_org_any.connect() as conn:
        before = conn.execute(select(func.count()).select_from(PrincipleRating)).scalar_one()
    import_sources(small_org_any, [("principle_ratings.csv",
                                    b"session_code,framework,principle,rater_role,rater_code,score,rating_code\n"
                                    b"B,our_policy,paid_fairly,staff,S2,5,OP3\n")])
    with small_org_any.connect() as conn:
        assert conn.execute(select(func.count()).select_from(PrincipleRating)).scalar_one() == before + 1


def test_listings_count_every_rating_and_evaluation(small_org_any):
    # By hand (module docstring): lundy 7 + 3 = 10 ratings over its 4 principles, core_principles 6 over 3,
    # the Voice and Influence Charter none over 5; an own framework or skill starts with none.
    add_framework(small_org_any, "our_policy", "Our co-production policy", None, POLICY, actor="a")
    add_skill(small_org_any, "budgeting", "Budgeting", actor="a")
    frameworks = frameworks_listing(small_org_any)
    assert frameworks[["code", "principles", "ratings"]].values.tolist() == [
        ["voice_influence_charter", 5, 0], ["core_principles", 3, 6], ["lundy", 4, 10], ["our_policy", 3, 0]]
    lundy = principles_listing(small_org_any, "lundy")
    assert lundy[["code", "ratings"]].values.tolist() == [["space", 0], ["voice", 7], ["audience", 0],
                                                         ["influence", 3]]
    assert list(principles_listing(small_org_any, "our_policy")["ratings"]) == [0, 0, 0]
    skills = skills_listing(small_org_any)
    assert skills[["code", "evaluations"]].values.tolist() == [
        ["communication", 0], ["confidence", 18], ["empathy", 0], ["leadership", 0], ["listening", 0],
        ["public_speaking", 0], ["sharing_opinion", 0], ["teamwork", 5], ["budgeting", 0]]
