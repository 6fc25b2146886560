"""Enter a young person's pre / post / follow-up self-ratings of their skills (evaluations.csv of
the data contract): one row per skill scored."""

from dataclasses import dataclass
from datetime import date

from sqlalchemy import select

from data.forms.saving import FormProblem, Rows, save
from data.forms.words import TIMEPOINTS_SHORT, plural
from data.frameworks.editor import offered_skills
from models.tables import Evaluation, Participant, Programme, Skill

EVALUATIONS, SKILLS = Evaluation.__table__, Skill.__table__
PARTICIPANTS, PROGRAMMES = Participant.__table__, Programme.__table__
NO_SCORES = "give at least one skill a score from 1 to 5"


@dataclass
class EvaluationEntry:
    participant_code: str
    programme_code: str
    timepoint: str
    completed_on: date
    scores: dict[str, int | None]  # skill code -> score; None: not scored this time


def save_evaluation(engine, actor: str | None, entry: EvaluationEntry) -> str:
    """Add one evaluation's scores. Skills must be offered (not retired), and a skill already
    scored for the same person, programme, timepoint and date is refused, not overwritten."""
    scored = {skill: score for skill, score in entry.scores.items() if score is not None}
    names = dict(offered_skills(engine).itertuples(index=False))
    offered = [skill for skill in scored if skill in names]  # the others are refused by `checks`
    rows = [{"participant_code": entry.participant_code, "programme_code": entry.programme_code,
             "timepoint": entry.timepoint, "completed_on": entry.completed_on, "skill": skill,
             "score": scored[skill]} for skill in offered]
    part = Rows("evaluations", rows, row_names=[names[skill] for skill in offered],
                per_row=frozenset(("skill", "score")))

    def checks(conn) -> list[FormProblem]:
        if not scored:
            return [FormProblem("Scores", NO_SCORES)]
        problems = [FormProblem("Skill", f"'{skill}' is not a skill the forms offer (unknown or retired)")
                    for skill in scored if skill not in names]
        already = _already_scored(conn, entry, offered)
        if already:
            problems.append(FormProblem(
                "Completed on", f"{entry.participant_code} already has {TIMEPOINTS_SHORT.get(entry.timepoint, '')} "
                f"scores for {entry.programme_code} on {entry.completed_on.isoformat()} for "
                f"{', '.join(names[s] for s in already)}: nothing was changed"))
        return problems

    save(engine, actor, "evaluation", [part], checks,
         codes=[entry.participant_code, entry.programme_code], timepoint=entry.timepoint)
    when = TIMEPOINTS_SHORT.get(entry.timepoint, entry.timepoint)
    return (f"Saved the {when} evaluation of {entry.participant_code} for {entry.programme_code} "
            f"on {entry.completed_on.isoformat()}: {plural(len(rows), 'skill')} scored.")


def _already_scored(conn, entry: EvaluationEntry, skills: list[str]) -> list[str]:
    if not skills:
        return []
    q = (select(SKILLS.c.code)
         .select_from(EVALUATIONS.join(SKILLS, SKILLS.c.id == EVALUATIONS.c.skill_id)
                      .join(PARTICIPANTS, PARTICIPANTS.c.id == EVALUATIONS.c.participant_id)
                      .join(PROGRAMMES, PROGRAMMES.c.id == EVALUATIONS.c.programme_id))
         .where(PARTICIPANTS.c.code == entry.participant_code, PROGRAMMES.c.code == entry.programme_code,
                EVALUATIONS.c.timepoint == entry.timepoint, EVALUATIONS.c.completed_on == entry.completed_on,
                SKILLS.c.code.in_(skills)))
    found = set(conn.execute(q).scalars())
    return [skill for skill in skills if skill in found]
