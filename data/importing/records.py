"""Typed rows -> store records: references resolved or reported, cross-column rules and
duplicate natural keys checked. Records keep referenced codes; writing turns them into ids."""

from dataclasses import dataclass, field
from operator import itemgetter

from sqlalchemy import Table

from data.importing.lookup import StoreIndex
from data.importing.problems import Problem, shown
from data.importing.validation import BAD, ParsedFile
from data.importing.values import as_word
from models.tables import (
    Attendance, Evaluation, FeedbackItem, Participant, PrincipleRating, Programme, ProgrammeSession,
)

TABLES: dict[str, Table] = {
    "programmes": Programme.__table__, "participants": Participant.__table__,
    "sessions": ProgrammeSession.__table__, "attendance": Attendance.__table__,
    "evaluations": Evaluation.__table__, "principle_ratings": PrincipleRating.__table__,
    "feedback": FeedbackItem.__table__,
}
# contract column -> store column, where they differ (None: not stored as such)
RENAME: dict[str, dict[str, str | None]] = {
    "programmes": {"programme_code": "code"},
    "participants": {"participant_code": "code"},
    "sessions": {"session_code": "code", "programme_code": "programme_id"},
    "attendance": {"session_code": "session_id", "participant_code": "participant_id"},
    "evaluations": {"participant_code": "participant_id", "programme_code": "programme_id",
                    "skill": None},
    "principle_ratings": {"session_code": "session_id", "rater_code": "rater_id",
                          "framework": None, "principle": None},
    "feedback": {"item_code": "code", "programme_code": "programme_id"},
}
# contract column -> the coded file it refers to
REFS: dict[str, dict[str, str]] = {
    "sessions": {"programme_code": "programmes"},
    "attendance": {"session_code": "sessions", "participant_code": "participants"},
    "evaluations": {"participant_code": "participants", "programme_code": "programmes"},
    "principle_ratings": {"session_code": "sessions", "rater_code": "participants"},
    "feedback": {"programme_code": "programmes"},
}
EXTRAS = {"evaluations": ("skill_id",), "principle_ratings": ("principle_id", "rated_on")}
NOUN = {"programmes": "programme", "participants": "participant", "sessions": "session"}
CODED = tuple(NOUN)


@dataclass
class Batch:
    """The records of one file, ready to write."""

    name: str
    label: str
    table: Table
    update_columns: tuple[str, ...]  # store columns the file holds, natural key excluded
    refs: dict[str, str]  # store column -> coded file whose code it holds
    records: list[dict]
    rows: list[int]  # row number of each record


def build_batches(files: dict[str, ParsedFile], index: StoreIndex,
                  problems: list[Problem]) -> list[Batch]:
    imported = {name: _codes(files.get(name)) for name in CODED}
    session_file = files.get("sessions")
    session_dates = {values.get("session_code"): values.get("date", BAD)
                     for _n, values in session_file.rows} if session_file else {}
    context = _Context(index, imported, session_dates, problems)
    return [_build(parsed, context) for parsed in files.values()]


@dataclass
class _Context:
    index: StoreIndex
    imported: dict[str, set[str]]
    session_dates: dict
    problems: list[Problem]
    folded: dict = field(default_factory=dict)


def _codes(parsed: ParsedFile | None) -> set[str]:
    if parsed is None:
        return set()
    column = parsed.spec.key[0]
    return {values[column] for _n, values in parsed.rows if isinstance(values.get(column), str)}


def _build(parsed: ParsedFile, ctx: _Context) -> Batch:
    spec, label, name = parsed.spec, parsed.label, parsed.spec.name
    rename = RENAME[name]
    hook = HOOKS.get(name)
    checks = [(column, target, ctx.index.ids(target), ctx.imported[target])
              for column, target in REFS.get(name, {}).items()]
    stored_as = {c.name: rename.get(c.name, c.name) for c in spec.columns}
    absent = {stored_as[c.name]: c.default for c in spec.columns
              if c.name not in parsed.present and stored_as[c.name]}
    moved = [c.name for c in spec.columns if c.name in parsed.present and stored_as[c.name]]
    moved += [extra for extra in EXTRAS.get(name, ()) if extra not in moved]
    pick = _getter(moved)
    targets = [stored_as.get(column, column) for column in moved]
    key = spec.key
    pick_key = _getter(key) if parsed.present.issuperset(key) else None
    seen: dict[tuple, int] = {}
    records, rows = [], []
    for number, values in parsed.rows:
        for column, target, stored, imported in checks:
            code = values.get(column)
            if code.__class__ is str and code not in stored and code not in imported:
                ctx.problems.append(Problem(label, number, column, _unknown(code, target, ctx)))
                values[column] = BAD
        if hook:
            hook(values, number, label, ctx)
        if pick_key:
            key_values = pick_key(values)
            if BAD not in key_values and None not in key_values:
                first = seen.setdefault(key_values, number)
                if first != number:
                    ctx.problems.append(_duplicate(label, number, first, key, key_values))
        record = dict(absent)
        record.update(zip(targets, pick(values), strict=True))
        records.append(record)
        rows.append(number)
    update = tuple(stored_as[c.name] for c in spec.columns if c.name in parsed.present
                   and c.name not in key and stored_as[c.name])
    if name == "principle_ratings":
        update += ("principle_id",)
    refs = {stored_as[column]: target for column, target, _s, _i in checks}
    return Batch(name, label, TABLES[name], update, refs, records, rows)


def _getter(names: list[str] | tuple[str, ...]):
    """values -> tuple of values[name] for `names` (a tuple even for one name)."""
    if not names:
        return lambda values: ()
    if len(names) == 1:
        only = names[0]
        return lambda values: (values[only],)
    return itemgetter(*names)


def _unknown(code: str, target: str, ctx: _Context) -> str:
    reason = f"unknown {NOUN[target]} {shown(code)}: not in the store nor in {target} of this import"
    folds = ctx.folded.get(target)
    if folds is None:  # built once, on the first unknown code of that kind
        folds = ctx.folded[target] = {known.casefold(): known for known in
                                      (*ctx.index.ids(target), *ctx.imported[target])}
    known = folds.get(code.casefold())
    if known is not None:
        return f"{reason} (codes are case-sensitive: did you mean {shown(known)}?)"
    return reason


def _duplicate(label: str, number: int, first: int, key: tuple[str, ...], key_values) -> Problem:
    parts = [f"{column} {shown(value)}" for column, value in zip(key, key_values, strict=True)]
    same = parts[0] if len(parts) == 1 else ", ".join(parts[:-1]) + " and " + parts[-1]
    return Problem(label, number, key[0] if len(key) == 1 else None,
                   f"duplicate of row {first}: the same {same}")


def _not_before(values, number, label, ctx, earlier: str, later: str) -> None:
    first, second = values.get(earlier), values.get(later)
    if first is not None and second is not None and first is not BAD and second is not BAD \
            and second < first:
        ctx.problems.append(Problem(label, number, later,
                                    f"{later} {second} is before {earlier} {first}"))


def _programme(values, number, label, ctx) -> None:
    _not_before(values, number, label, ctx, "start_date", "end_date")


def _feedback(values, number, label, ctx) -> None:
    _not_before(values, number, label, ctx, "raised_on", "responded_on")


def _evaluation(values, number, label, ctx) -> None:
    skill = values.get("skill", BAD)
    if skill is BAD:
        values["skill_id"] = BAD
        return
    skill_id = ctx.index.skills.get(as_word(skill))
    if skill_id is None:
        known = ", ".join(ctx.index.skill_codes)
        ctx.problems.append(Problem(label, number, "skill",
                                    f"unknown skill {shown(skill)}; the skills are: {known}"))
        values["skill"] = values["skill_id"] = BAD
    else:
        values["skill"] = as_word(skill)
        values["skill_id"] = skill_id


def _rating(values, number, label, ctx) -> None:
    values["principle_id"] = _principle(values, number, label, ctx)
    if values.get("rated_on") is None:
        code = values.get("session_code", BAD)
        if code is BAD:
            values["rated_on"] = BAD
        elif code in ctx.session_dates:
            values["rated_on"] = ctx.session_dates[code]
        else:
            values["rated_on"] = ctx.index.session_dates.get(code, BAD)


def _principle(values, number, label, ctx):
    framework, principle = values.get("framework", BAD), values.get("principle", BAD)
    if framework is BAD:
        return BAD
    found = ctx.index.frameworks.get(as_word(framework))
    if found is None:
        known = ", ".join(code for _id, code in ctx.index.frameworks.values())
        ctx.problems.append(Problem(label, number, "framework",
                                    f"unknown framework {shown(framework)}; the frameworks are: {known}"))
        return BAD
    framework_id, framework_code = found
    if principle is BAD:
        return BAD
    principle_id = ctx.index.principles.get(framework_id, {}).get(as_word(principle))
    if principle_id is None:
        known = ", ".join(ctx.index.principle_codes.get(framework_id, [])) or "none yet"
        ctx.problems.append(Problem(
            label, number, "principle",
            f"{shown(principle)} is not a principle of framework '{framework_code}'; "
            f"its principles are: {known}"))
        return BAD
    return principle_id


HOOKS = {"programmes": _programme, "feedback": _feedback, "evaluations": _evaluation,
         "principle_ratings": _rating}
