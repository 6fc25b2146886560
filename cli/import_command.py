"""import: bring in the import files (docs/import-contract.md), all or nothing."""

import sys

from data.importing.recording import record_real_import
from measures.formatting import count, plural
from models.schema import open_store


def register(commands) -> None:
    parser = commands.add_parser(
        "import", help="import CSV files (or one .xlsx workbook) of the data contract",
        description="Import programmes.csv, participants.csv, sessions.csv, attendance.csv, "
                    "evaluations.csv, principle_ratings.csv and feedback.csv (any subset, any order), "
                    "or an .xlsx workbook with one sheet per file. Every row is checked first: if any "
                    "is wrong, every problem is listed and nothing is written.")
    parser.add_argument("files", nargs="+", metavar="FILE")
    parser.set_defaults(handler=run_import)


def run_import(args) -> int:
    from data.importing import ImportRejected, import_files
    engine = open_store()
    try:
        report = import_files(engine, args.files, replace_demo=True)
    except ImportRejected as rejected:
        print(f"Nothing was imported: {plural(len(rejected.problems), 'problem')} to fix.", file=sys.stderr)
        for problem in rejected.problems:
            print(f"  {problem}", file=sys.stderr)
        return 1
    record_real_import(engine, "manage.py", args.files, report)
    for name, counts in report.files.items():
        print(f"{name}: {count(counts.added)} added, {count(counts.updated)} updated, "
              f"{count(counts.unchanged)} unchanged")
    return 0
