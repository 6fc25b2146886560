"""What follows every import of real data, from the command line or the app: the demo sign-ins
go (real data now), and the import is recorded in the audit log (who, which files, counts)."""

from auth.accounts import remove_demo_accounts
from data.importing.problems import ImportReport
from models.audit import record


def record_real_import(engine, actor: str, files, report: ImportReport) -> None:
    with engine.begin() as conn:
        remove_demo_accounts(conn, actor)
        record(conn, actor, "import", files=[str(f) for f in files],
               counts={name: vars(c) for name, c in report.files.items()})
