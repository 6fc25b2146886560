"""The audience of the page being drawn (docs/disclosure.md): the signed-in person's role,
mapped once, by `measures.audiences.audience_for`."""

from components.connection import current_engine
from components.sign_in import current_account
from measures.audiences import audience_for


def page_audience(presenting: bool = False) -> str:
    """`admin` for the working view of admin and staff; the protected audience otherwise (a
    trustee, a young person, or anyone presenting). No account: the most protected view."""
    account = current_account(current_engine())
    return audience_for(account.role if account else None, presenting=presenting)


def protected_note(k: int) -> str:
    """The on-screen account of protected figures, in plain words."""
    return (f"Figures about young people are protected: groups of fewer than {k} are not shown, and other counts "
            f"are rounded to the nearest {k} (hours and pounds likewise), so no young person can be worked out by "
            "comparing screens. See docs/disclosure.md.")


def admin_note(k: int) -> str:
    return (f"Exact figures for the staff who keep the register; groups of fewer than {k} young people are not "
            "shown. Files you download hold protected figures, rounded as trustees see them.")
