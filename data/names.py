"""Names people give things (a framework, a skill, a board snapshot, a saved view): spaces tidied,
never empty, not too long."""


def clean_name(name: str | None, thing: str, max_length: int, problem: type[Exception],
               example: str | None = None) -> str:
    """`name` with its runs of spaces made one; raises `problem` with a plain message when it is
    empty ("Give the view a name, e.g. ...") or longer than `max_length`."""
    name = " ".join((name or "").split())
    if not name:
        raise problem(f"Give the {thing} a name" + (f", e.g. '{example}'." if example else "."))
    if len(name) > max_length:
        raise problem(f"A {thing}'s name is at most {max_length} characters (this one has {len(name)}).")
    return name
