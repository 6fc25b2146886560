"""Names inside a board snapshot's sentences. The figures themselves, and their changes, are
written by `measures.formatting` (worked out from the figures as shown, so "from 83% to 90%"
always says "up 7 points")."""


def quoted_name(name: str) -> str:
    """A principle or skill inside a sentence: 'Power and inclusion' becomes 'power and inclusion';
    a first word with more capitals ('BAME voices', 'SEND support') keeps them."""
    first = name.split(" ", 1)[0]
    if len(first) > 1 and first[0].isupper() and first[1:].islower():
        name = name[0].lower() + name[1:]
    return f"'{name}'"
