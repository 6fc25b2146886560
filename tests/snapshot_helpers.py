"""Two board snapshots of the small organisation (tests/small_org.py), worked out by hand.

On top of the small organisation, 'power and inclusion' (Voice and Influence Charter) is rated
in both quarters, so that a principle can be compared:
  Q4 2023 (session E, 1 Dec 2023): young people (anonymous) 3, 3, 4 -> mean 10/3 = 3.33 -> "3.3";
                                   staff S1 5 -> "5.0"
  Q1 2024 (session A, 10 Jan 2024): young people (anonymous) 4, 4, 3, 4 -> mean 15/4 = 3.75 -> "3.8"
                                   (half up); staff S1 4 -> "4.0"
Snapshots hold protected figures (measures/protection.py): means are stored to one decimal (3.3 and
3.8 as above; staff means as they are), numbers of ratings rounded to a multiple of k (at k = 3:
4 -> 3 in Q4, 5 -> 6 in Q1) and the share of 4 or 5 made from the rounded counts. Both periods
are whole quarters: a snapshot covers whole months.
"""

from datetime import date

from sqlalchemy import insert, select

from board_snapshots.saved import create_snapshot
from measures.filters import Period
from models.tables import Framework, Participant, Principle, PrincipleRating, ProgrammeSession

Q4_2023 = Period(date(2023, 10, 1), date(2023, 12, 31))
Q1_2024 = Period(date(2024, 1, 1), date(2024, 3, 31))
EARLIER, LATER = "Board Q4 2023", "Board Q1 2024"
POWER_RATINGS = [("E", "young_person", None, 3), ("E", "young_person", None, 3), ("E", "young_person", None, 4),
                 ("E", "staff", "S1", 5),
                 ("A", "young_person", None, 4), ("A", "young_person", None, 4), ("A", "young_person", None, 3),
                 ("A", "young_person", None, 4), ("A", "staff", "S1", 4)]
PARTICIPANT_CODES = ("Y1", "Y2", "Y3", "Y4", "Y5", "Y6", "Y7", "S1", "S2")


def add_power_ratings(engine) -> None:
    S, P, PN, FW = (t.__table__ for t in (ProgrammeSession, Participant, Principle, Framework))
    with engine.begin() as conn:
        sessions = {code: (id_, day) for code, id_, day in conn.execute(select(S.c.code, S.c.id, S.c.date))}
        people = dict(conn.execute(select(P.c.code, P.c.id)).all())
        principle = conn.execute(
            select(PN.c.id).join(FW, PN.c.framework_id == FW.c.id)
            .where(FW.c.code == "voice_influence_charter", PN.c.code == "power_and_inclusion")).scalar_one()
        conn.execute(insert(PrincipleRating), [
            dict(session_id=sessions[s][0], principle_id=principle, rater_role=role, rater_id=people.get(rater),
                 score=score, rated_on=sessions[s][1]) for s, role, rater, score in POWER_RATINGS])


def take_both(engine, k: int = 3, actor: str = "u-admin"):
    """The Q4 2023 snapshot (board meeting 15 January 2024), then Q1 2024 (15 April 2024)."""
    earlier = create_snapshot(engine, EARLIER, Q4_2023, date(2024, 1, 15), actor, k=k)
    later = create_snapshot(engine, LATER, Q1_2024, date(2024, 4, 15), actor, k=k)
    return earlier, later
