"""A small organisation for the figures of "who leads, does depth help, and honest statistics",
every one worked out by hand in tests/test_lead_org_measures.py (k = 3).

Period under test: 2024-01-01 .. 2024-03-31 (whole months, so a trustee may ask for it).
Written with plain inserts, like tests/small_org.py; the young_people_attendance summary
table is kept by triggers.

Who took part in the period (attended records; "lead"/"co_fac" is the role in the session):
    Y01  A1 (lead), A2, A3, A4, A6, B1     6 sessions  band 5-9
    Y02  A1, A2 (co_fac), A3, A4, A5       5           band 5-9
    Y03  A1, A2, A3, A4, A6 (lead)         5           band 5-9
    Y04  A1, A3, A5 (absent from A2)       3           band 2-4
    Y05  B1 (co_fac), B2                   2           band 2-4
    Y06  A3, B1, B2 (lead)                 3           band 2-4
    Y07  B2, C1                            2           band 2-4
    Y08  A4, A6, B2, C1                    4           band 2-4
    Y09  D1; Y10 D1; Y11 C1 (absent from C2); Y12 A5      1 each  band 1
    Y13  absent from A3 (marked lead there); came to E1 in December: not active
Nobody attended 10 or more sessions: band 10+ is empty.
Leading (co_facilitator or lead, attended, in the period): Y01, Y02, Y03, Y05, Y06 = 5.
Y04 led only outside the period (E1, E2); Y13's lead record says absent; S1 is staff.
Doing with (attended a rung 6 or 7 session): A1 (7) Y01-Y04, A2 (6) Y01-Y03, B1 (6) Y01, Y05,
Y06, D1 (7) Y09, Y10 = {Y01, Y02, Y03, Y04, Y05, Y06, Y09, Y10} = 8.
"""

from datetime import date

from sqlalchemy import insert, select

from models.tables import Attendance, Evaluation, Participant, Programme, ProgrammeSession, Skill

D = date.fromisoformat

PROGRAMMES = [("P1", "Youth Board"), ("P2", "Peer Mentoring"), ("P3", "Drop-in"), ("P4", "Podcast pilot")]
# code, role, age_band, disability, care_experienced (None = an empty cell: "not_recorded")
PARTICIPANTS = [
    ("Y01", "young_person", "11_15", "no", "yes"),
    ("Y02", "young_person", "11_15", "no", "no"),
    ("Y03", "young_person", "11_15", "no", "no"),
    ("Y04", "young_person", "11_15", "yes", "no"),
    ("Y05", "young_person", "16_18", "no", "no"),
    ("Y06", "young_person", "16_18", "no", "yes"),
    ("Y07", "young_person", "16_18", "no", "no"),
    ("Y08", "young_person", "16_18", "yes", "no"),
    ("Y09", "young_person", "19_25", None, None),
    ("Y10", "young_person", "19_25", None, None),
    ("Y11", "young_person", "under_11", "prefer_not_to_say", None),
    ("Y12", "young_person", None, "no", "no"),
    ("Y13", "young_person", "16_18", "yes", "no"),
    ("S1", "staff", None, None, None),
]
# code, programme, date, activity, stage, mode, led_by, rung, hours
SESSIONS = [
    ("A1", "P1", "2024-01-08", "steering_group", "plan", "in_person", "young_people", 7, 2.0),
    ("A2", "P1", "2024-01-22", "workshop", "design", "in_person", "co_led", 6, 2.0),
    ("A3", "P1", "2024-02-05", "delivery", "deliver", "in_person", "organisation", 4, 3.0),
    ("A4", "P1", "2024-02-19", "workshop", "review", "online", "organisation", 5, 2.0),
    ("A5", "P1", "2024-03-04", "social", None, "in_person", "organisation", None, 1.0),
    ("A6", "P1", "2024-03-18", "delivery", "deliver", "in_person", "young_people", 3, 2.0),
    ("B1", "P2", "2024-01-15", "training", "plan", "online", "co_led", 6, 1.5),
    ("B2", "P2", "2024-02-12", "delivery", "deliver", "in_person", "young_people", 2, 1.5),
    ("C1", "P3", "2024-02-01", "social", None, "in_person", "organisation", 3, 1.0),
    ("C2", "P3", "2024-03-01", "forum", "review", "in_person", "organisation", 4, 1.0),
    ("D1", "P4", "2024-02-20", "workshop", "design", "hybrid", "organisation", 7, 1.0),
    ("E1", "P1", "2023-12-04", "workshop", "plan", "in_person", "organisation", 7, 2.0),
    ("E2", "P1", "2024-04-08", "workshop", "review", "in_person", "young_people", 6, 2.0),
]
# session, participant, attended, role_in_session, paid_gbp, expenses_gbp
ATTENDANCE = [
    ("A1", "Y01", True, "lead", 20, None), ("A1", "Y02", True, "participant", None, None),
    ("A1", "Y03", True, "participant", None, None), ("A1", "Y04", True, "participant", None, 3.20),
    ("A1", "S1", True, "lead", 50, None),
    ("A2", "Y01", True, "participant", None, None), ("A2", "Y02", True, "co_facilitator", 15, None),
    ("A2", "Y03", True, "participant", None, None), ("A2", "Y04", False, "participant", None, None),
    ("A3", "Y01", True, "participant", None, None), ("A3", "Y02", True, "participant", None, None),
    ("A3", "Y03", True, "participant", None, None), ("A3", "Y04", True, "participant", None, None),
    ("A3", "Y06", True, "participant", None, None), ("A3", "Y13", False, "lead", 30, None),
    ("A4", "Y01", True, "participant", None, None), ("A4", "Y02", True, "participant", None, None),
    ("A4", "Y03", True, "participant", None, None), ("A4", "Y08", True, "participant", None, None),
    ("A5", "Y02", True, "participant", None, None), ("A5", "Y04", True, "participant", None, None),
    ("A5", "Y12", True, "participant", None, 2.50),
    ("A6", "Y01", True, "participant", None, None), ("A6", "Y03", True, "lead", 20, None),
    ("A6", "Y08", True, "participant", None, None),
    ("B1", "Y01", True, "participant", None, None), ("B1", "Y05", True, "co_facilitator", 10, None),
    ("B1", "Y06", True, "participant", None, None),
    ("B2", "Y05", True, "participant", None, None), ("B2", "Y06", True, "lead", 12.50, None),
    ("B2", "Y07", True, "participant", None, None), ("B2", "Y08", True, "participant", None, None),
    ("C1", "Y07", True, "participant", None, None), ("C1", "Y08", True, "participant", None, None),
    ("C1", "Y11", True, "participant", None, 4.00),
    ("C2", "Y11", False, "participant", None, 6.00), ("C2", "S1", True, "lead", None, None),
    ("D1", "Y09", True, "participant", 5, None), ("D1", "Y10", True, "participant", 5, None),
    ("E1", "Y04", True, "co_facilitator", None, None), ("E1", "Y13", True, "participant", None, None),
    ("E2", "Y04", True, "lead", 20, None),
]

# Skill pairs: one pre (PRE_ON) and one post (POST_ON) per young person and skill, so the
# change of each pair is as written. Public speaking was rated in P2, every other skill in P1.
PRE_ON, POST_ON = "2024-01-10", "2024-03-20"
PRE_SCORE = {"confidence": 2, "teamwork": 3, "listening": 2, "public_speaking": 4, "leadership": 1, "empathy": 3}
SKILL_PROGRAMME = {"public_speaking": "P2"}
CHANGES = {
    "Y01": {"confidence": 2, "teamwork": 1, "listening": 2, "public_speaking": -1, "leadership": 1},
    "Y02": {"confidence": 1, "teamwork": 1, "listening": 1, "public_speaking": -1, "leadership": 2},
    "Y03": {"confidence": 2, "teamwork": 1, "listening": 0, "public_speaking": -2, "leadership": 3},
    "Y04": {"confidence": 1, "teamwork": 1, "listening": 0, "public_speaking": -1},
    "Y05": {"confidence": 0, "teamwork": 1, "listening": -1, "public_speaking": 0},
    "Y06": {"confidence": 1, "teamwork": 1, "listening": 1, "public_speaking": -1},
    "Y07": {"confidence": 1, "teamwork": 1, "listening": 0, "public_speaking": -1},
    "Y08": {"confidence": 0, "teamwork": 1, "listening": -1, "public_speaking": -2},
    "Y09": {"confidence": 1, "teamwork": 1, "listening": 1, "public_speaking": -1},
    "Y10": {"confidence": 1, "teamwork": 1, "listening": 0, "public_speaking": 0},
    "Y11": {"empathy": 1},
    "Y13": {"empathy": -1},
}
# A pre with no post yet: Y04's leadership awaits its post.
AWAITING = [("Y04", "leadership")]


def evaluations() -> list[tuple]:
    """(participant, programme, timepoint, completed_on, skill, score) of every rating."""
    rows = []
    for person, changes in CHANGES.items():
        for skill, change in changes.items():
            programme, pre = SKILL_PROGRAMME.get(skill, "P1"), PRE_SCORE[skill]
            rows += [(person, programme, "pre", PRE_ON, skill, pre),
                     (person, programme, "post", POST_ON, skill, pre + change)]
    rows += [(person, SKILL_PROGRAMME.get(skill, "P1"), "pre", PRE_ON, skill, PRE_SCORE[skill])
             for person, skill in AWAITING]
    return rows


def build(engine) -> None:
    with engine.begin() as conn:
        def ids(table):
            return dict(conn.execute(select(table.__table__.c.code, table.__table__.c.id)).all())

        conn.execute(insert(Programme), [{"code": c, "name": n} for c, n in PROGRAMMES])
        conn.execute(insert(Participant), [dict(code=c, role=r, age_band=a, disability=dis, care_experienced=ce)
                                           for c, r, a, dis, ce in PARTICIPANTS])
        prog, person = ids(Programme), ids(Participant)
        conn.execute(insert(ProgrammeSession), [
            dict(code=c, programme_id=prog[p], date=D(d), activity_type=t, stage=st, mode=m, led_by=lb,
                 ladder_rung=r, duration_hours=h) for c, p, d, t, st, m, lb, r, h in SESSIONS])
        sess = ids(ProgrammeSession)
        conn.execute(insert(Attendance), [
            dict(session_id=sess[s], participant_id=person[p], attended=a, role_in_session=role,
                 paid_gbp=pay, expenses_gbp=exp)
            for s, p, a, role, pay, exp in ATTENDANCE])
        skill = ids(Skill)
        conn.execute(insert(Evaluation), [
            dict(participant_id=person[p], programme_id=prog[g], timepoint=t, completed_on=D(d),
                 skill_id=skill[s], score=sc) for p, g, t, d, s, sc in evaluations()])
