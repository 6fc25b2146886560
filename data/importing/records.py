"""Typed columns -> store records (a column of values per store column): references resolved or
reported, cross-column rules and duplicate natural keys checked. Records keep referenced codes;
writing turns them into ids."""

from collections.abc import Sequence
from dataclasses import dataclass, field

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
    """The records of one file, ready to write: a column of values per store column."""

    name: str
    label: str
    table: Table
    update_columns: tuple[str, ...]  # store columns the file holds, natural key excluded
    refs: dict[str, str]  # store column -> coded file whose code it holds
    columns: dict[str, list]  # store column -> its value in each record
    rows: Sequence[int]  # row number of each record

    def __len__(self) -> int:
        return len(self.rows)


def build_batches(files: dict[str, ParsedFile], index: StoreIndex,
                  problems: list[Problem]) -> list[Batch]:
    imported = {name: _codes(files.get(name)) for name in CODED}
    session_file = files.get("sessions")
    session_dates = {}
    if session_file:
        n = len(session_file)
        session_dates = dict(zip(session_file.columns.get("session_code", [None] * n),
                                 session_file.columns.get("date", [BAD] * n), strict=True))
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
    codes = parsed.columns.get(parsed.spec.key[0], ())
    return {code for code in set(codes) if code.__class__ is str}


def _build(parsed: ParsedFile, ctx: _Context) -> Batch:
    """Each check runs over every row before the next one (references, then the file's own rules,
    then duplicate keys): once the importer sorts problems by row, a row's problems come in that
    order."""
    spec, label, name, numbers = parsed.spec, parsed.label, parsed.spec.name, parsed.numbers
    size = len(parsed)
    values = parsed.columns
    rename = RENAME[name]
    checks = [(column, target, ctx.index.ids(target), ctx.imported[target])
              for column, target in REFS.get(name, {}).items()]
    for column, target, stored, imported in checks:
        if column in values:
            _check_references(values[column], numbers, label, column, target, stored, imported, ctx)
    hook = HOOKS.get(name)
    if hook:
        hook(values, numbers, label, ctx, size)
    if parsed.present.issuperset(spec.key):
        _check_duplicates(values, numbers, label, spec.key, ctx.problems)
    stored_as = {c.name: rename.get(c.name, c.name) for c in spec.columns}
    columns = {stored_as[c.name]: values[c.name] if c.name in parsed.present else [c.default] * size
               for c in spec.columns if stored_as[c.name]}
    columns.update({extra: values[extra] for extra in EXTRAS.get(name, ())})
    update = tuple(stored_as[c.name] for c in spec.columns if c.name in parsed.present
                   and c.name not in spec.key and stored_as[c.name])
    if name == "principle_ratings":
        update += ("principle_id",)
    refs = {stored_as[column]: target for column, target, _s, _i in checks}
    return Batch(name, label, TABLES[name], update, refs, columns, numbers)


def _check_references(codes: list, numbers, label: str, column: str, target: str, stored, imported,
                      ctx: _Context) -> None:
    """A code neither stored nor in this import is reported, and becomes BAD."""
    unknown = {code for code in set(codes)
               if code.__class__ is str and code not in stored and code not in imported}
    if not unknown:
        return
    reasons = {code: _unknown(code, target, ctx) for code in unknown}
    for i, code in enumerate(codes):
        if code in unknown:
            ctx.problems.append(Problem(label, numbers[i], column, reasons[code]))
            codes[i] = BAD


def _check_duplicates(values: dict[str, list], numbers, label: str, key: tuple[str, ...],
                      problems: list[Problem]) -> None:
    """A natural key met again is a duplicate of the row it was first met in (rows whose key has
    a BAD or missing part are left out)."""
    if len(set(zip(*(values[column] for column in key), strict=True))) == len(numbers):
        return  # no key twice at all
    seen: dict[tuple, int] = {}
    for i, key_values in enumerate(zip(*(values[column] for column in key), strict=True)):
        if BAD not in key_values and None not in key_values:
            number = numbers[i]
            first = seen.setdefault(key_values, number)
            if first != number:
                problems.append(_duplicate(label, number, first, key, key_values))


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


def _not_before(values, numbers, label, ctx, earlier: str, later: str) -> None:
    if earlier not in values or later not in values:
        return
    for i, (first, second) in enumerate(zip(values[earlier], values[later], strict=True)):
        if first is not None and second is not None and first is not BAD and second is not BAD \
                and second < first:
            ctx.problems.append(Problem(label, numbers[i], later,
                                        f"{later} {second} is before {earlier} {first}"))


def _programme(values, numbers, label, ctx, size) -> None:
    _not_before(values, numbers, label, ctx, "start_date", "end_date")


def _feedback(values, numbers, label, ctx, size) -> None:
    _not_before(values, numbers, label, ctx, "raised_on", "responded_on")


def _evaluation(values, numbers, label, ctx, size) -> None:
    """Each skill as its word and its id (BAD for a skill the store does not know)."""
    skills = values.get("skill")
    if skills is None:
        values["skill_id"] = [BAD] * size
        return
    found = {}  # skill as written -> (word, id) or None when unknown
    for skill in set(skills):
        if skill is not BAD:
            word = as_word(skill)
            skill_id = ctx.index.skills.get(word)
            found[skill] = None if skill_id is None else (word, skill_id)
    ids = []
    for i, skill in enumerate(skills):
        if skill is BAD:
            ids.append(BAD)
            continue
        known = found[skill]
        if known is None:
            listed = ", ".join(ctx.index.skill_codes)
            ctx.problems.append(Problem(label, numbers[i], "skill",
                                        f"unknown skill {shown(skill)}; the skills are: {listed}"))
            skills[i] = BAD
            ids.append(BAD)
        else:
            skills[i], skill_id = known
            ids.append(skill_id)
    values["skill_id"] = ids


def _rating(values, numbers, label, ctx, size) -> None:
    frameworks = values.get("framework", [BAD] * size)
    principles = values.get("principle", [BAD] * size)
    pairs = list(zip(frameworks, principles, strict=True))
    found = {pair: _principle(*pair, ctx) for pair in set(pairs)}  # -> (id or BAD, problem or None)
    ids = []
    for i, pair in enumerate(pairs):
        principle_id, problem = found[pair]
        if problem:
            ctx.problems.append(Problem(label, numbers[i], *problem))
        ids.append(principle_id)
    values["principle_id"] = ids
    rated_on = values.get("rated_on")
    if rated_on is None:
        rated_on = values["rated_on"] = [None] * size
    if None in rated_on:  # the session's date
        sessions = values.get("session_code", [BAD] * size)
        for i, day in enumerate(rated_on):
            if day is None:
                code = sessions[i]
                if code is BAD:
                    rated_on[i] = BAD
                elif code in ctx.session_dates:
                    rated_on[i] = ctx.session_dates[code]
                else:
                    rated_on[i] = ctx.index.session_dates.get(code, BAD)


def _principle(framework, principle, ctx) -> tuple:
    """(principle id or BAD, (column, reason) of the problem or None)."""
    if framework is BAD:
        return BAD, None
    found = ctx.index.frameworks.get(as_word(framework))
    if found is None:
        known = ", ".join(code for _id, code in ctx.index.frameworks.values())
        return BAD, ("framework", f"unknown framework {shown(framework)}; the frameworks are: {known}")
    framework_id, framework_code = found
    if principle is BAD:
        return BAD, None
    principle_id = ctx.index.principles.get(framework_id, {}).get(as_word(principle))
    if principle_id is None:
        known = ", ".join(ctx.index.principle_codes.get(framework_id, [])) or "none yet"
        return BAD, ("principle", f"{shown(principle)} is not a principle of framework '{framework_code}'; "
                                  f"its principles are: {known}")
    return principle_id, None


HOOKS = {"programmes": _programme, "feedback": _feedback, "evaluations": _evaluation,
         "principle_ratings": _rating}
