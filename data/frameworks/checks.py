"""Checks on what an admin types into the frameworks editor: codes and names."""

import re

from data import names
from measures import formatting

CODE = re.compile(r"[a-z][a-z0-9_]{0,39}")
NAME_LIMIT = 120


class EditorError(ValueError):
    """A change refused, with a message for the person who asked for it; nothing was changed."""


def check_code(code: str | None, what: str) -> str:
    """The code as stored, or EditorError saying what a code may be."""
    code = (code or "").strip()
    if CODE.fullmatch(code):
        return code
    if not code:
        raise EditorError(f"Give the {what} a code: the short name import files use for it, e.g. 'safe_space'.")
    hint = re.sub(r"[^a-z0-9_]+", "_", code.lower()).strip("_")
    suggestion = f" For example '{hint}'." if hint and CODE.fullmatch(hint) else ""
    raise EditorError(f"The code '{code}' of the {what} cannot be used: a code is 1 to 40 lowercase letters, "
                      f"digits and underscores (_), starting with a letter.{suggestion}")


def check_name(name: str | None, what: str) -> str:
    return names.clean_name(name, what, NAME_LIMIT, EditorError)


def name_free(name: str, taken, what: str, where: str = "") -> None:
    """Names label the charts, so two alike would merge there."""
    if name.casefold() in {t.casefold() for t in taken}:
        raise EditorError(f"There is already a {what} called '{name}'{where}. Choose another name.")


def plural(n: int, word: str) -> str:
    """'1 rating', '1,234 ratings': `measures.formatting.plural`."""
    return formatting.plural(n, word)


def retire_hint(what: str, ratings: str) -> str:
    return (f"Retire the {what} instead: it will no longer be offered on forms, and its {ratings} "
            "keep counting in every figure.")




def all_problems(checks) -> list:
    """Run every check (a callable each); EditorError with every problem found, else the results."""
    results, problems = [], []
    for check in checks:
        try:
            results.append(check())
        except EditorError as problem:
            problems.append(str(problem))
            results.append(None)
    if problems:
        raise EditorError("\n\n".join(problems))
    return results


def distinct_principles(principles: list[tuple[str, str]]) -> None:
    """Each principle of a new framework has its own code and its own name."""
    codes: dict[str, int] = {}
    names: dict[str, int] = {}
    problems = []
    for number, (code, name) in enumerate(principles, start=1):
        if code in codes:
            problems.append(f"Rows {codes[code]} and {number} both have the principle code '{code}'; "
                            "each principle needs its own.")
        if name.casefold() in names:
            problems.append(f"Rows {names[name.casefold()]} and {number} both have the principle name '{name}'; "
                            "names label the charts, so each principle needs its own.")
        codes.setdefault(code, number)
        names.setdefault(name.casefold(), number)
    if problems:
        raise EditorError("\n\n".join(problems))
