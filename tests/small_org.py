"""A tiny organisation whose every measure was worked out by hand (see test_measures.py).

Period under test: 2024-01-01 .. 2024-03-31 (91 days; previous period 2023-10-02 .. 2023-12-31).
Written with plain inserts so measure tests do not depend on the importer.
"""

from datetime import date

from sqlalchemy import insert, select

from models.tables import (
    Attendance, Evaluation, FeedbackItem, Framework, Participant, Principle, PrincipleRating, Programme,
    ProgrammeSession, Skill,
)

D = date.fromisoformat

PROGRAMMES = [("P1", "Podcast"), ("P2", "Keeping It Social")]
# code, role, age_band, care_experienced
PARTICIPANTS = [
    ("Y1", "young_person", "11_15", "yes"), ("Y2", "young_person", "11_15", "yes"),
    ("Y3", "young_person", "11_15", "no"), ("Y4", "young_person", "16_18", "no"),
    ("Y5", "young_person", "16_18", "no"), ("Y6", "young_person", "16_18", None),
    ("Y7", "young_person", "16_18", None), ("S1", "staff", None, None), ("S2", "trainer", None, None),
]
# code, programme, date, activity, stage, mode, led_by, rung, hours
SESSIONS = [
    ("A", "P1", "2024-01-10", "workshop", "plan", "in_person", "young_people", 7, 2.0),
    ("B", "P1", "2024-02-15", "training", "design", "online", "co_led", 4, 3.0),
    ("C", "P2", "2024-03-05", "workshop", "deliver", "in_person", "organisation", 6, 1.5),
    ("D", "P2", "2024-04-02", "workshop", "review", "in_person", "organisation", 2, 2.0),
    ("E", "P1", "2023-12-01", "workshop", "plan", "in_person", "organisation", 3, 2.0),
    ("F", "P1", "2024-03-20", "forum", None, "hybrid", "organisation", None, 2.0),
]
# session, participant, attended, paid, expenses
ATTENDANCE = [
    ("A", "Y1", True, 20, None), ("A", "Y2", True, 20, 5), ("A", "Y3", False, None, None),
    ("A", "Y4", True, 0, None), ("A", "S1", True, None, None),
    ("B", "Y1", True, 15, None), ("B", "Y5", True, None, None), ("B", "Y6", False, None, None),
    ("C", "Y2", True, 10, None), ("C", "Y6", True, 10, None), ("C", "Y7", True, 10, None),
    ("F", "Y1", True, None, None), ("F", "Y3", True, 5, None),
    ("D", "Y1", True, 20, None),
    ("E", "Y1", True, None, None), ("E", "Y5", True, None, None), ("E", "Y7", False, None, None),
]
# participant, programme, timepoint, completed_on, skill, score
EVALUATIONS = [
    ("Y1", "P1", "pre", "2023-11-01", "confidence", 2), ("Y1", "P1", "pre", "2024-01-05", "confidence", 3),
    ("Y1", "P1", "post", "2024-02-20", "confidence", 4), ("Y1", "P1", "post", "2024-03-25", "confidence", 5),
    ("Y2", "P1", "pre", "2024-01-10", "confidence", 3), ("Y2", "P1", "post", "2024-04-10", "confidence", 4),
    ("Y3", "P1", "pre", "2024-02-01", "confidence", 4), ("Y3", "P1", "post", "2024-03-01", "confidence", 3),
    ("Y4", "P1", "pre", "2024-01-15", "confidence", 2), ("Y4", "P1", "post", "2024-03-10", "confidence", 2),
    ("Y5", "P1", "pre", "2024-01-20", "confidence", 1), ("Y5", "P1", "post", "2024-02-28", "confidence", 3),
    ("Y6", "P2", "pre", "2023-12-01", "confidence", 3), ("Y6", "P2", "post", "2024-01-31", "confidence", 4),
    ("Y7", "P1", "pre", "2024-02-10", "confidence", 2),
    ("Y1", "P2", "pre", "2024-03-01", "confidence", 2),
    ("Y4", "P1", "post", "2024-01-05", "teamwork", 3), ("Y4", "P1", "pre", "2024-02-01", "teamwork", 2),
    ("Y5", "P1", "pre", "2024-01-20", "teamwork", 3), ("Y5", "P1", "post", "2024-03-15", "teamwork", 4),
    ("Y5", "P1", "follow_up", "2024-03-30", "teamwork", 5),
    ("S1", "P1", "pre", "2024-01-01", "confidence", 1), ("S1", "P1", "post", "2024-02-01", "confidence", 5),
]
# session, framework, principle, rater_role, rater, score, rated_on (None = session date)
RATINGS = [
    ("A", "lundy", "voice", "young_person", None, 3, None), ("A", "lundy", "voice", "young_person", None, 4, None),
    ("B", "lundy", "voice", "young_person", "Y1", 2, None), ("C", "lundy", "voice", "young_person", "Y2", 5, None),
    ("A", "lundy", "voice", "staff", "S1", 5, None), ("B", "lundy", "voice", "staff", "S2", 4, None),
    ("D", "lundy", "voice", "young_person", None, 1, None),
    ("A", "lundy", "influence", "staff", "S1", 2, None), ("C", "lundy", "influence", "staff", "S2", 3, None),
    ("E", "lundy", "influence", "staff", "S2", 4, "2024-01-05"),
    *[("C", "core_principles", "share_responsibility", "young_person", None, s, None) for s in (4, 4, 5, 3, 2)],
    ("C", "core_principles", "share_responsibility", "staff", "S1", 5, None),
]
# code, programme, raised_on, status, responded_on
FEEDBACK = [
    ("FB1", "P1", "2024-01-05", "done", "2024-01-20"), ("FB2", "P1", "2024-02-01", "done", "2024-03-15"),
    ("FB3", "P2", "2024-03-10", "done", "2024-04-05"), ("FB4", None, "2024-02-20", "raised", None),
    ("FB5", "P1", "2023-11-01", "raised", None), ("FB6", "P1", "2023-12-01", "done", "2024-03-05"),
    ("FB7", "P2", "2024-03-20", "in_progress", None),
]


def build(engine) -> None:
    with engine.begin() as conn:
        def ids(table, column="code"):
            return dict(conn.execute(select(table.__table__.c[column], table.__table__.c.id)).all())

        conn.execute(insert(Programme), [{"code": c, "name": n} for c, n in PROGRAMMES])
        conn.execute(insert(Participant), [dict(code=c, role=r, age_band=a, care_experienced=ce)
                                           for c, r, a, ce in PARTICIPANTS])
        prog, person = ids(Programme), ids(Participant)
        conn.execute(insert(ProgrammeSession), [
            dict(code=c, programme_id=prog[p], date=D(d), activity_type=t, stage=st, mode=m, led_by=lb,
                 ladder_rung=r, duration_hours=h) for c, p, d, t, st, m, lb, r, h in SESSIONS])
        sess = ids(ProgrammeSession)
        session_dates = {c: D(d) for c, _, d, *_ in SESSIONS}
        conn.execute(insert(Attendance), [
            dict(session_id=sess[s], participant_id=person[p], attended=a, paid_gbp=pay, expenses_gbp=exp)
            for s, p, a, pay, exp in ATTENDANCE])
        skill = ids(Skill)
        conn.execute(insert(Evaluation), [
            dict(participant_id=person[p], programme_id=prog[g], timepoint=t, completed_on=D(d),
                 skill_id=skill[s], score=sc) for p, g, t, d, s, sc in EVALUATIONS])
        framework = ids(Framework)
        principle = {(fid, code): pid for code, pid, fid in conn.execute(
            select(Principle.__table__.c.code, Principle.__table__.c.id, Principle.__table__.c.framework_id))}
        conn.execute(insert(PrincipleRating), [
            dict(session_id=sess[s], principle_id=principle[(framework[f], pr)], rater_role=role,
                 rater_id=person.get(rater), score=sc, rated_on=D(on) if on else session_dates[s])
            for s, f, pr, role, rater, sc, on in RATINGS])
        conn.execute(insert(FeedbackItem), [
            dict(code=c, programme_id=prog.get(p), raised_on=D(r), you_said=f"Item {c}", status=st,
                 responded_on=D(resp) if resp else None) for c, p, r, st, resp in FEEDBACK])
