"""A command that cannot do what was asked says why on standard error and exits with code 2,
having changed nothing: it raises `Refused`, and `cli.main.main` does the saying."""

from contextlib import contextmanager


class Refused(Exception):
    """What was asked cannot be done; the message says why, in plain words."""


@contextmanager
def refused_on(problems: type[Exception] | tuple[type[Exception], ...], prefix: str, hint: str = ""):
    """Turn the domain's own problems (e.g. an unknown participant) into a refusal:
    '<prefix>: <problem><hint>'."""
    try:
        yield
    except problems as problem:
        raise Refused(f"{prefix}: {problem}{hint}") from problem
