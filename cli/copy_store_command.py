"""copy-store: copy every table of the store into another, empty one (e.g. from SQLite to
PostgreSQL), check the copy, and say what was copied (docs/moving-to-postgresql.md).

Exit codes: 0 copied and checked; 2 refused, nothing changed (the target is not empty, is the
store itself, cannot be reached); 1 the copy or a check after it failed and was rolled back."""

import sys

from cli.actor import command_line_actor
from cli.refusal import refused_on
from data.copy_store import KEPT_BY_TRIGGERS, NOT_COPIED, CopyFailed, CopyRefused, copy_store
from measures.formatting import count, date_range, plural
from models.schema import open_store

REBUILT_FROM = {table.name: source for table, source in KEPT_BY_TRIGGERS.items()}

HELP = "copy every table of the store into another, empty store (e.g. PostgreSQL)"
DESCRIPTION = ("Copy every table of the store (DATABASE_URL, else data/coproduction.db) into the empty store at "
               "--to, made with the same migrations, in one transaction; then check that every table holds as "
               "many rows on both sides and every figure is the same, and commit only if so. Refuses a target "
               "holding any data. See docs/moving-to-postgresql.md.")


def register(commands) -> None:
    parser = commands.add_parser("copy-store", help=HELP, description=DESCRIPTION)
    parser.add_argument("--to", required=True, metavar="URL",
                        help="the target store, e.g. postgresql+psycopg://USER:PASSWORD@HOST:5432/DATABASE")
    parser.set_defaults(handler=run_copy_store)


def run_copy_store(args) -> int:
    source = open_store()
    try:
        with refused_on(CopyRefused, "Nothing copied"):
            report = copy_store(source, args.to, command_line_actor())
    except CopyFailed as failed:
        print(f"Copy failed: {failed}", file=sys.stderr)
        return 1
    print(f"Copied {plural(len(report.rows), 'table')} from {report.source} to {report.target} "
          f"(schema revision {report.revision}):")
    width = max(map(len, report.rows))
    for name, rows in report.rows.items():
        rebuilt = f" (rebuilt from {REBUILT_FROM[name]})" if name in REBUILT_FROM else ""
        print(f"  {name.ljust(width)}  {count(rows).rjust(9)}{rebuilt}")
    for each, why in NOT_COPIED.items():
        print(f"  {each.name.ljust(width)}  {'-'.rjust(9)} (not copied: {why})")
    print(f"Row counts equal in every table; figures identical "
          f"({date_range(report.period.start, report.period.end)}, every measure, no filters).")
    print("To use the copy: stop the dashboard, set DATABASE_URL to the URL given to --to, and start it again.")
    return 0
