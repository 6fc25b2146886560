"""The upload page's steps, apart from Streamlit so they can be tested directly: limits, the
tables shown, templates, the demo warning, and the import as the command line does it (audited,
demo sign-ins removed)."""

import pandas as pd

from components.plain_text import escape_markdown
from data.importing import ImportReport, Problem, import_sources
from data.importing.contract import FILES
from data.importing.progress import Progress
from data.importing.recording import record_real_import
from measures import formatting

MB = 1024 * 1024
NOTHING_CHANGED = "Nothing was changed."


def size_problems(files: list[tuple[str, int]], limit_mb: float) -> list[str]:
    """A message (markdown, for st.error) for each (name, size in bytes) over the limit, naming the
    file. The name is the uploader's: escaped, so it shows as typed and never as a link or image."""
    return [f"{escape_markdown(name)} is {formatting.megabytes(size)}, over the upload limit of "
            f"{_limit(limit_mb)} MB. Split it into smaller files, or ask an administrator to raise the limit."
            for name, size in files if size > limit_mb * MB]


def _limit(limit_mb: float) -> str:
    """The limit as set: '20', or '2.5' for part of a megabyte."""
    return formatting.count(limit_mb) if float(limit_mb).is_integer() else formatting.mean(limit_mb)


def mix_problem(names: list[str]) -> str | None:
    """Several .csv files, or one .xlsx workbook on its own."""
    books = [n for n in names if n.lower().endswith(".xlsx")]
    if books and len(names) > 1:
        return "Upload either CSV files or one Excel workbook (with a sheet per file), not both or several workbooks."
    return None


def problems_table(problems: list[Problem]) -> pd.DataFrame:
    return pd.DataFrame({"File": [p.file for p in problems],
                         "Row": pd.array([p.row for p in problems], dtype="Int64"),
                         "Column": [p.column or "" for p in problems],
                         "What is wrong": [p.reason for p in problems]})


def preview_table(report: ImportReport) -> pd.DataFrame:
    return pd.DataFrame([{"File": name, "Will be added": c.added, "Will be updated": c.updated,
                          "Already the same": c.unchanged} for name, c in report.files.items()],
                        columns=["File", "Will be added", "Will be updated", "Already the same"])


PREVIEW_SCREEN = "upload preview"


def preview_audit(report: ImportReport, names: list[str]) -> dict:
    """What the audit log says of a preview: the files and how many rows of each it covers (of
    participants.csv: how many participants), never the rows themselves."""
    rows = {name: c.added + c.updated + c.unchanged for name, c in report.files.items()}
    return {"files": names, "rows": rows, "participants": rows.get("participants", 0)}


def saved_message(report: ImportReport) -> str:
    parts = [f"{name}: {formatting.count(c.added)} added, {formatting.count(c.updated)} updated, "
             f"{formatting.count(c.unchanged)} already the same"
             for name, c in report.files.items()]
    return "Saved. " + "; ".join(parts) + "."


def template_csv(name: str) -> bytes:
    """An empty file of the contract: just its header row (UTF-8, as Excel opens it)."""
    return (",".join(column.name for column in FILES[name].columns) + "\r\n").encode("utf-8")


def demo_accounts(engine) -> list[str]:
    """The demo sign-ins still in the store (they go with the first import of real data)."""
    from auth.accounts import listing
    users = listing(engine)
    return sorted(users.loc[users["is_demo"].astype(bool), "username"])


DEMO_RECORDS_GO = ("The dashboard holds the made-up demo organisation. When you bring in your own data, the demo "
                   "records are removed in the same step, so your figures are never mixed with made-up ones. If "
                   "anything in your files is refused, nothing changes and the demo stays.")


def demo_warning(demo_names: list[str], me: str | None, role: str | None) -> str | None:
    """What to tell someone about to bring data into the demo organisation, or None when no demo
    sign-in would go."""
    if not demo_names:
        return None
    names = escape_markdown(", ".join(demo_names))
    said = (f"This dashboard holds the demo organisation. Bringing in real data removes the demo sign-ins "
            f"({names}).")
    if me not in demo_names:
        return said + " Anyone using them will be signed out."
    if role == "admin":
        first = ("first create a real admin account for yourself, on the Users page or with "
                 "`python manage.py create-user`, and sign in with it")
    else:
        first = ("first ask an administrator for a real account (they create it on the Users page or with "
                 "`python manage.py create-user`) and sign in with it")
    return (f"{said} That includes the one you are using, **{escape_markdown(me)}**: you will be signed out as "
            f"soon as the data is saved, and cannot sign in with it again. Before you bring anything in, {first}.")


def confirm_label(demo_names: list[str], me: str | None) -> str:
    if me in demo_names:
        return "Bring these in and sign me out (demo sign-ins are removed)"
    if demo_names:
        return "Bring these in and remove the demo sign-ins"
    return "Bring these in"


def bring_in(engine, actor: str | None, sources: list[tuple[str, bytes]],
             progress: Progress | None = None) -> ImportReport:
    """The import itself, as the command line does it: real data now, so demo sign-ins go."""
    report = import_sources(engine, sources, progress, replace_demo=True)
    record_real_import(engine, actor or "(anonymous)", [name for name, _ in sources], report)
    return report
