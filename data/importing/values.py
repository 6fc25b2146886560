"""Cell parsers: a non-empty, stripped text -> a typed value, or ValueError(reason).

Reasons are written for the people who fill the spreadsheets: they quote the value and say
what is expected instead."""

import math
import re
from datetime import date

from data.importing.problems import shown
from models.vocab import LADDER

_ISO_DATE = re.compile(r"\d{4}-\d{2}-\d{2}", re.ASCII)
_INTEGER = re.compile(r"[+-]?\d+", re.ASCII)
_NUMBER = re.compile(r"[+-]?(\d+\.?\d*|\.\d+)([eE][+-]?\d+)?", re.ASCII)

YES = frozenset({"yes", "true", "y", "1"})
NO = frozenset({"no", "false", "n", "0"})
LADDER_CODES = {code: position for position, code, _name, _group in LADDER}


def text(value: str) -> str:
    return value


def iso_date(value: str) -> date:
    if _ISO_DATE.fullmatch(value):
        try:
            return date.fromisoformat(value)
        except ValueError:
            pass
    raise ValueError(f"{shown(value)} is not a date (use YYYY-MM-DD)")


def yes_no(value: str) -> bool:
    word = value.lower()
    if word in YES:
        return True
    if word in NO:
        return False
    raise ValueError(f"{shown(value)} is not yes or no")


def as_word(value: str) -> str:
    """Enumerated values are matched case-insensitively; spaces and hyphens count as '_'."""
    return "_".join(value.lower().replace("-", " ").split())


def enum(allowed: tuple[str, ...]):
    """A parser for one of `allowed` (lower-case vocabulary of models/vocab.py)."""
    choices = frozenset(allowed)
    listed = ", ".join(allowed)
    synonyms = {}
    if "yes" in choices and "no" in choices:
        synonyms = {**{w: "yes" for w in YES}, **{w: "no" for w in NO}}

    def parse(value: str) -> str:
        word = value.lower()
        if word in choices:
            return word
        word = as_word(value)
        if word in choices:
            return word
        if word in synonyms:
            return synonyms[word]
        raise ValueError(f"{shown(value)} is not one of: {listed}")

    return parse


def ladder_rung(value: str) -> int:
    word = as_word(value)
    if word in LADDER_CODES:
        return LADDER_CODES[word]
    if len(word) < 4 and _INTEGER.fullmatch(word) and 1 <= int(word) <= len(LADDER):
        return int(word)
    raise ValueError(f"{shown(value)} is not a ladder rung: use 1-{len(LADDER)} or one of "
                     + ", ".join(LADDER_CODES))


def _number(value: str) -> float:
    cleaned = value[1:].strip() if value.startswith("£") else value
    if _NUMBER.fullmatch(cleaned):
        number = float(cleaned)
        if math.isfinite(number):
            return number
    raise ValueError(f"{shown(value)} is not a number")


def hours(value: str) -> float:
    number = _number(value)
    if not 0 < number <= 24:
        raise ValueError(f"{shown(value)} is out of range: hours must be more than 0 and at most 24")
    return number


def money(value: str) -> float:
    number = _number(value)
    if number < 0:
        raise ValueError(f"{shown(value)} is out of range: an amount must be 0 or more")
    return number


def score(value: str) -> int:
    if len(value) < 4 and _INTEGER.fullmatch(value) and 1 <= int(value) <= 5:
        return int(value)
    raise ValueError(f"{shown(value)} is not a whole number from 1 to 5")
