"""Frameworks, principles and skills as an admin edits them (no Streamlit here).

Codes are the keys import files use, so they never change once given; names can. Nothing that
has ratings or evaluations is ever deleted: it can be retired instead, which takes it off the
forms while its ratings and evaluations keep counting in every measure. Every change is audited
and bumps the write counter, so cached charts show new names at once.
"""

import pandas as pd
from sqlalchemy import delete, func, insert, select, update
from sqlalchemy.engine import Engine
from sqlalchemy.exc import IntegrityError

from data.frameworks.checks import (
    EditorError, all_problems, check_code, check_name, distinct_principles, name_free, plural, retire_hint,
)
from data.frameworks.listing import (
    BUILTIN_PRINCIPLES, EVALUATION, FRAMEWORK, PRINCIPLE, RATING, SKILL, frameworks_listing, principles_listing,
    skills_listing,
)
from models.audit import record
from models.version import bump_write_counter

__all__ = ["EditorError", "offered_principles", "offered_skills", "offered_frameworks", "frameworks_listing",
           "principles_listing", "skills_listing", "add_framework", "add_principle", "add_skill",
           "rename_framework", "rename_principle", "rename_skill", "set_principle_retired", "set_skill_retired",
           "delete_principle", "delete_skill", "delete_framework"]


# --- What forms offer ---------------------------------------------------------------------------

def offered_principles(engine: Engine, framework_code: str) -> pd.DataFrame:
    """The principles a form should offer for one framework: columns `code`, `name`, in the
    framework's order, retired principles left out. Empty frame if the framework is unknown."""
    q = (select(PRINCIPLE.c.code, PRINCIPLE.c.name)
         .join(FRAMEWORK, FRAMEWORK.c.id == PRINCIPLE.c.framework_id)
         .where(FRAMEWORK.c.code == framework_code, PRINCIPLE.c.retired.is_(False))
         .order_by(PRINCIPLE.c.position, PRINCIPLE.c.code))
    with engine.connect() as conn:
        return pd.DataFrame(conn.execute(q).all(), columns=["code", "name"])


def offered_skills(engine: Engine) -> pd.DataFrame:
    """The skills a form should offer: columns `code`, `name`, built-in skills first then the
    organisation's own, each by name; retired skills left out."""
    q = (select(SKILL.c.code, SKILL.c.name).where(SKILL.c.retired.is_(False))
         .order_by(SKILL.c.builtin.desc(), SKILL.c.name, SKILL.c.code))
    with engine.connect() as conn:
        return pd.DataFrame(conn.execute(q).all(), columns=["code", "name"])


def offered_frameworks(engine: Engine) -> pd.DataFrame:
    """The frameworks a form should offer (those with at least one offered principle): columns
    `code`, `name`, built-in frameworks first in their usual order, then the organisation's own."""
    live = select(PRINCIPLE.c.framework_id).where(PRINCIPLE.c.retired.is_(False))
    q = (select(FRAMEWORK.c.code, FRAMEWORK.c.name).where(FRAMEWORK.c.id.in_(live))
         .order_by(FRAMEWORK.c.builtin.desc(), FRAMEWORK.c.id))
    with engine.connect() as conn:
        return pd.DataFrame(conn.execute(q).all(), columns=["code", "name"])


def _write(engine: Engine, change) -> str:
    """Run `change(conn)` in one transaction with the write counter bumped; a clash with
    something saved at the same moment becomes an EditorError."""
    try:
        with engine.begin() as conn:
            message = change(conn)
            bump_write_counter(conn)
            return message
    except IntegrityError as error:
        raise EditorError("Someone changed the same thing at the same moment, or it is still in use; "
                          "nothing was changed. Reload the page and try again.") from error


def _framework(conn, code: str):
    row = conn.execute(select(FRAMEWORK).where(FRAMEWORK.c.code == code)).first()
    if row is None:
        raise EditorError(f"There is no framework with the code '{code}'.")
    return row


def _principle(conn, framework_code: str, code: str):
    framework = _framework(conn, framework_code)
    row = conn.execute(select(PRINCIPLE).where(PRINCIPLE.c.framework_id == framework.id,
                                               PRINCIPLE.c.code == code)).first()
    if row is None:
        raise EditorError(f"The framework '{framework.name}' has no principle with the code '{code}'.")
    return framework, row


def _skill(conn, code: str):
    row = conn.execute(select(SKILL).where(SKILL.c.code == code)).first()
    if row is None:
        raise EditorError(f"There is no skill with the code '{code}'.")
    return row


def _ratings(conn, principle_ids) -> int:
    return conn.execute(select(func.count()).select_from(RATING)
                        .where(RATING.c.principle_id.in_(list(principle_ids)))).scalar_one()


# --- Adding -------------------------------------------------------------------------------------

def add_framework(engine: Engine, code: str, name: str, description: str | None,
                  principles: list[tuple[str, str]], actor: str | None) -> str:
    """An organisation's own framework with its principles ((code, name) pairs, in order)."""
    description = (description or "").strip() or None
    checks = [lambda: check_code(code, "framework"), lambda: check_name(name, "framework")]
    for number, (p_code, p_name) in enumerate(principles, start=1):
        what = f"principle in row {number}"
        checks += [lambda c=p_code, w=what: check_code(c, w), lambda n=p_name, w=what: check_name(n, w)]
    code, name, *pairs = all_problems(checks)
    checked = list(zip(pairs[::2], pairs[1::2], strict=True))
    distinct_principles(checked)

    def change(conn) -> str:
        existing = conn.execute(select(FRAMEWORK.c.code, FRAMEWORK.c.name)).all()
        if code in {c for c, _ in existing}:
            raise EditorError(f"There is already a framework with the code '{code}'. Choose another code.")
        name_free(name, [n for _, n in existing], "framework")
        framework_id = conn.execute(insert(FRAMEWORK).values(code=code, name=name, description=description,
                                                             builtin=False).returning(FRAMEWORK.c.id)).scalar_one()
        if checked:
            conn.execute(insert(PRINCIPLE), [dict(framework_id=framework_id, code=c, name=n, position=i)
                                             for i, (c, n) in enumerate(checked, start=1)])
        record(conn, actor, "framework added", framework=code, name=name, description=description,
               principles=[c for c, _ in checked])
        return f"Added the framework '{name}' ({code}) with " + (
            plural(len(checked), "principle") + "." if checked else "no principles yet: add them next.")
    return _write(engine, change)


def add_principle(engine: Engine, framework_code: str, code: str, name: str, actor: str | None,
                  position: int | None = None) -> str:
    """A principle added to any framework: at `position` (1 = first; the others move down one)
    or, without one, last."""
    code, name = check_code(code, "principle"), check_name(name, "principle")

    def change(conn) -> str:
        framework = _framework(conn, framework_code)
        existing = conn.execute(select(PRINCIPLE.c.code, PRINCIPLE.c.name, PRINCIPLE.c.position)
                                .where(PRINCIPLE.c.framework_id == framework.id)).all()
        if code in {c for c, _, _ in existing}:
            raise EditorError(f"The framework '{framework.name}' already has a principle with the code "
                              f"'{code}'. Choose another code.")
        name_free(name, [n for _, n, _ in existing], "principle", f" in '{framework.name}'")
        last = max((p for _, _, p in existing), default=0)
        at = last + 1 if position is None or position > last else max(int(position), 1)
        if at <= last:
            conn.execute(update(PRINCIPLE).where(PRINCIPLE.c.framework_id == framework.id,
                                                 PRINCIPLE.c.position >= at)
                         .values(position=PRINCIPLE.c.position + 1))
        conn.execute(insert(PRINCIPLE).values(framework_id=framework.id, code=code, name=name, position=at))
        record(conn, actor, "principle added", framework=framework.code, principle=code, name=name, position=at)
        return f"Added the principle '{name}' ({code}) to '{framework.name}'."
    return _write(engine, change)


def add_skill(engine: Engine, code: str, name: str, actor: str | None) -> str:
    code, name = check_code(code, "skill"), check_name(name, "skill")

    def change(conn) -> str:
        existing = conn.execute(select(SKILL.c.code, SKILL.c.name)).all()
        if code in {c for c, _ in existing}:
            raise EditorError(f"There is already a skill with the code '{code}'. Choose another code.")
        name_free(name, [n for _, n in existing], "skill")
        conn.execute(insert(SKILL).values(code=code, name=name, builtin=False))
        record(conn, actor, "skill added", skill=code, name=name)
        return f"Added the skill '{name}' ({code})."
    return _write(engine, change)


# --- Renaming (names only: codes are what import files use) ------------------------------------

def rename_framework(engine: Engine, code: str, name: str, actor: str | None,
                     description: str | None = None) -> str:
    """A new name (and, when given, a new description) for a built-in or own framework."""
    name = check_name(name, "framework")

    def change(conn) -> str:
        framework = _framework(conn, code)
        others = conn.execute(select(FRAMEWORK.c.name).where(FRAMEWORK.c.id != framework.id)).scalars()
        name_free(name, others, "framework")
        values = {"name": name}
        if description is not None:
            values["description"] = description.strip() or None
        if all(getattr(framework, key) == value for key, value in values.items()):
            raise EditorError(f"The framework '{framework.name}' already reads like that; nothing to change.")
        conn.execute(update(FRAMEWORK).where(FRAMEWORK.c.id == framework.id).values(**values))
        record(conn, actor, "framework renamed", framework=code, old=framework.name, new=name,
               **({"old_description": framework.description, "new_description": values["description"]}
                  if "description" in values and values["description"] != framework.description else {}))
        return f"The framework '{framework.name}' is now called '{name}'." if name != framework.name \
            else f"Saved the description of '{name}'."
    return _write(engine, change)


def rename_principle(engine: Engine, framework_code: str, code: str, name: str, actor: str | None) -> str:
    """A new name for a principle; its code, and every rating given against it, stay as they are."""
    name = check_name(name, "principle")

    def change(conn) -> str:
        framework, principle = _principle(conn, framework_code, code)
        others = conn.execute(select(PRINCIPLE.c.name).where(PRINCIPLE.c.framework_id == framework.id,
                                                             PRINCIPLE.c.id != principle.id)).scalars()
        name_free(name, others, "principle", f" in '{framework.name}'")
        if name == principle.name:
            raise EditorError(f"The principle is already called '{name}'; nothing to change.")
        conn.execute(update(PRINCIPLE).where(PRINCIPLE.c.id == principle.id).values(name=name))
        record(conn, actor, "principle renamed", framework=framework.code, principle=code,
               old=principle.name, new=name)
        return f"The principle '{principle.name}' is now called '{name}'."
    return _write(engine, change)


def rename_skill(engine: Engine, code: str, name: str, actor: str | None) -> str:
    """A new name for a skill; its code, and every evaluation of it, stay as they are."""
    name = check_name(name, "skill")

    def change(conn) -> str:
        skill = _skill(conn, code)
        name_free(name, conn.execute(select(SKILL.c.name).where(SKILL.c.id != skill.id)).scalars(), "skill")
        if name == skill.name:
            raise EditorError(f"The skill is already called '{name}'; nothing to change.")
        conn.execute(update(SKILL).where(SKILL.c.id == skill.id).values(name=name))
        record(conn, actor, "skill renamed", skill=code, old=skill.name, new=name)
        return f"The skill '{skill.name}' is now called '{name}'."
    return _write(engine, change)


# --- Retiring and bringing back -----------------------------------------------------------------

def set_principle_retired(engine: Engine, framework_code: str, code: str, retired: bool,
                          actor: str | None) -> str:
    """Retire a principle (off the forms, its ratings still counted) or bring it back."""
    def change(conn) -> str:
        framework, principle = _principle(conn, framework_code, code)
        if principle.retired == retired:
            state = "retired" if retired else "offered on forms"
            raise EditorError(f"The principle '{principle.name}' is already {state}; nothing to change.")
        conn.execute(update(PRINCIPLE).where(PRINCIPLE.c.id == principle.id).values(retired=retired))
        record(conn, actor, "principle retired" if retired else "principle brought back",
               framework=framework.code, principle=code, old=principle.retired, new=retired)
        return (f"Retired '{principle.name}': forms no longer offer it; its ratings still count." if retired
                else f"'{principle.name}' is offered on forms again.")
    return _write(engine, change)


def set_skill_retired(engine: Engine, code: str, retired: bool, actor: str | None) -> str:
    """Retire a skill (off the forms, its evaluations still counted) or bring it back."""
    def change(conn) -> str:
        skill = _skill(conn, code)
        if skill.retired == retired:
            state = "retired" if retired else "offered on forms"
            raise EditorError(f"The skill '{skill.name}' is already {state}; nothing to change.")
        conn.execute(update(SKILL).where(SKILL.c.id == skill.id).values(retired=retired))
        record(conn, actor, "skill retired" if retired else "skill brought back", skill=code,
               old=skill.retired, new=retired)
        return (f"Retired '{skill.name}': forms no longer offer it; its evaluations still count." if retired
                else f"'{skill.name}' is offered on forms again.")
    return _write(engine, change)


# --- Deleting what was never used ---------------------------------------------------------------

def delete_principle(engine: Engine, framework_code: str, code: str, actor: str | None) -> str:
    """Delete a principle nobody has rated, unless it is built in (it would come back)."""
    def change(conn) -> str:
        framework, principle = _principle(conn, framework_code, code)
        used = _ratings(conn, [principle.id])
        if used:
            raise EditorError(f"'{principle.name}' has {plural(used, 'rating')}; deleting it would lose "
                              f"{'it' if used == 1 else 'them'}. Nothing was deleted. "
                              + retire_hint("principle", "ratings"))
        if (framework.code, code) in BUILTIN_PRINCIPLES:
            raise EditorError(f"'{principle.name}' is one of the built-in principles and cannot be deleted. "
                              + retire_hint("principle", "ratings"))
        conn.execute(delete(PRINCIPLE).where(PRINCIPLE.c.id == principle.id))
        record(conn, actor, "principle deleted", framework=framework.code, principle=code, name=principle.name)
        return f"Deleted the principle '{principle.name}' from '{framework.name}'."
    return _write(engine, change)


def delete_skill(engine: Engine, code: str, actor: str | None) -> str:
    """Delete a skill nobody has been evaluated on, unless it is built in (it would come back)."""
    def change(conn) -> str:
        skill = _skill(conn, code)
        used = conn.execute(select(func.count()).select_from(EVALUATION)
                            .where(EVALUATION.c.skill_id == skill.id)).scalar_one()
        if used:
            raise EditorError(f"'{skill.name}' has {plural(used, 'evaluation')}; deleting it would lose "
                              f"{'it' if used == 1 else 'them'}. Nothing was deleted. "
                              + retire_hint("skill", "evaluations"))
        if skill.builtin:
            raise EditorError(f"'{skill.name}' is one of the built-in skills and cannot be deleted. "
                              + retire_hint("skill", "evaluations"))
        conn.execute(delete(SKILL).where(SKILL.c.id == skill.id))
        record(conn, actor, "skill deleted", skill=code, name=skill.name)
        return f"Deleted the skill '{skill.name}'."
    return _write(engine, change)


def delete_framework(engine: Engine, code: str, actor: str | None) -> str:
    """Delete an organisation's own framework, with its principles, if none was ever rated."""
    def change(conn) -> str:
        framework = _framework(conn, code)
        if framework.builtin:
            raise EditorError(f"'{framework.name}' is a built-in framework and cannot be deleted. "
                              "Retire its principles instead if you no longer use them.")
        ids = list(conn.execute(select(PRINCIPLE.c.id).where(PRINCIPLE.c.framework_id == framework.id)).scalars())
        used = _ratings(conn, ids)
        if used:
            raise EditorError(f"The principles of '{framework.name}' have {plural(used, 'rating')}; deleting "
                              f"it would lose {'it' if used == 1 else 'them'}. Nothing was deleted. "
                              "Retire its principles instead: they will no longer be offered on forms, and "
                              "their ratings keep counting in every figure.")
        conn.execute(delete(PRINCIPLE).where(PRINCIPLE.c.framework_id == framework.id))
        conn.execute(delete(FRAMEWORK).where(FRAMEWORK.c.id == framework.id))
        record(conn, actor, "framework deleted", framework=code, name=framework.name, principles=len(ids))
        return f"Deleted the framework '{framework.name}' and its {plural(len(ids), 'principle')}."
    return _write(engine, change)
