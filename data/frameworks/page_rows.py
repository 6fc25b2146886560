"""The frameworks page's tables and texts, apart from Streamlit: the listings of
data/frameworks/listing.py as the page shows them, how often a principle or skill was used, and
the principles typed into a new framework's table."""

import pandas as pd

from measures.formatting import plural

CODE_HELP = ("The short name import files use, e.g. 'safe_space': lowercase letters, digits and underscores. "
             "It cannot be changed later; the name can.")
RETIRED = " Retired: forms no longer offer it."
KINDS = {True: "Built in", False: "Your own"}
# What the Retire and Delete buttons of a principle and of a skill say they do.
RETIRE_HELP = {"principle": "No longer offered on forms; its ratings keep counting in every figure.",
               "skill": "No longer offered on forms; its evaluations keep counting in every figure."}
DELETE_HELP = {"principle": "Only a principle nobody has rated can be deleted.",
               "skill": "Only a skill nobody has been evaluated on can be deleted."}


def on_forms(retired: pd.Series) -> pd.Series:
    return retired.map({False: "Yes", True: "No (retired)"})


def frameworks_table(listing: pd.DataFrame) -> pd.DataFrame:
    return pd.DataFrame({"Framework": listing["name"], "Code": listing["code"], "Kind": listing["builtin"].map(KINDS),
                         "Principles": listing["principles"], "Ratings given": listing["ratings"]})


def principles_table(principles: pd.DataFrame) -> pd.DataFrame:
    return pd.DataFrame({"Order": principles["position"], "Principle": principles["name"], "Code": principles["code"],
                         "Offered on forms": on_forms(principles["retired"]), "Ratings given": principles["ratings"]})


def skills_table(listing: pd.DataFrame) -> pd.DataFrame:
    return pd.DataFrame({"Skill": listing["name"], "Code": listing["code"], "Kind": listing["builtin"].map(KINDS),
                         "Offered on forms": on_forms(listing["retired"]),
                         "Evaluations given": listing["evaluations"]})


def principle_use(ratings: int, retired: bool) -> str:
    """'7 ratings given against this principle.', and whether forms still offer it."""
    return f"{plural(ratings, 'rating')} given against this principle." + (RETIRED if retired else "")


def skill_use(evaluations: int, retired: bool) -> str:
    """'18 evaluations of this skill.', and whether forms still offer it."""
    return f"{plural(evaluations, 'evaluation')} of this skill." + (RETIRED if retired else "")


def rated_framework(ratings: int) -> str:
    """Why a framework whose principles were rated cannot be deleted."""
    return (f"Its principles have {plural(ratings, 'rating')}, so it cannot be deleted: that would lose them. "
            "Retire its principles instead: they leave the forms and their ratings keep counting.")


def blank_principles(rows: int = 3) -> pd.DataFrame:
    """The empty table a new framework's principles are typed into."""
    return pd.DataFrame({"code": [""] * rows, "name": [""] * rows})


def typed_principles(rows: pd.DataFrame) -> list[tuple[str, str]]:
    """(code, name) of each row typed into that table, trimmed, empty rows left out. A cell left
    empty may come back as None or NaN: both are empty text."""
    typed = [(_text(c), _text(n)) for c, n in zip(rows["code"], rows["name"], strict=True)]
    return [(c, n) for c, n in typed if c or n]


def _text(cell) -> str:
    return "" if pd.isna(cell) else str(cell).strip()
