"""snapshot create / list / export: board snapshots for those who prepare board papers by script."""

import sys
from datetime import date
from pathlib import Path

from board_snapshots.saved import SnapshotProblem, create_snapshot, get_snapshot, list_snapshots, previous_snapshot
from cli.actor import command_line_actor
from cli.measures_command import iso_date
from cli.refusal import Refused, refused_on
from measures.audiences import is_whole_months, whole_months
from measures.filters import Period
from measures.formatting import plural
from models.schema import open_store


def register(commands) -> None:
    snapshot = commands.add_parser(
        "snapshot", help="board snapshots: take one, list them, export one as a PDF board pack",
        description="Board snapshots freeze every figure for a period of whole months for a board meeting, "
                    "protected as for trustees and exports (small numbers hidden, counts of young people rounded). "
                    "They never change afterwards, whatever data comes in.")
    actions = snapshot.add_subparsers(dest="action", required=True, metavar="ACTION")

    create = actions.add_parser("create", help="freeze the figures for a period under a name",
                                description="Freeze the figures for a period of whole months (--from the 1st of a "
                                            "month --to the last day of a month, both included) under a name. "
                                            "Recorded in the audit log.")
    create.add_argument("--name", required=True, help="a name not used before, e.g. 'Board June 2024'")
    create.add_argument("--from", dest="start", type=iso_date, required=True, metavar="DATE")
    create.add_argument("--to", dest="end", type=iso_date, required=True, metavar="DATE")
    create.add_argument("--meeting", type=iso_date, metavar="DATE", help="the board meeting's date (default: today)")
    create.set_defaults(handler=run_create)

    listing = actions.add_parser("list", help="every snapshot, the latest meeting first")
    listing.set_defaults(handler=run_list)

    export = actions.add_parser("export", help="write a snapshot's board pack (PDF) and, if asked, its charts (PNG)",
                                description="Write the board pack of a snapshot as a PDF: health index, key "
                                            "figures with the change since the previous snapshot, a plain-language "
                                            "summary and the core charts.")
    export.add_argument("name", metavar="NAME", help="the snapshot's name")
    export.add_argument("--pdf", required=True, type=Path, metavar="PATH", help="where to write the PDF")
    export.add_argument("--png-dir", type=Path, metavar="DIR", help="also write each chart as a PNG file here")
    export.set_defaults(handler=run_export)


def run_create(args) -> int:
    if args.end < args.start:
        raise Refused(f"Nothing taken: --to {args.end} is before --from {args.start}.")
    period = Period(args.start, args.end)
    if not is_whole_months(period):
        months = whole_months(period)
        raise Refused(f"Nothing taken: a snapshot covers whole months, from the 1st of a month to the last day of "
                      f"a month (asked for {args.start} to {args.end}). For the whole months these dates touch, use "
                      f"--from {months.start} --to {months.end}.")
    meeting = args.meeting or date.today()
    with refused_on(SnapshotProblem, "Nothing taken"):
        snapshot = create_snapshot(open_store(), args.name, period, meeting, command_line_actor())
    print(f"Took snapshot '{snapshot.name}' for the board meeting on {snapshot.meeting_date}, covering "
          f"{snapshot.period.start} to {snapshot.period.end} (figures under {snapshot.k} young people hidden).")
    return 0


def run_list(args) -> int:
    snapshots = list_snapshots(open_store())
    if snapshots.empty:
        print("No board snapshots yet. Take one with: manage.py snapshot create --name N --from DATE --to DATE")
        return 0
    print("meeting     period                     taken by             name")
    for row in snapshots.itertuples():
        print(f"{row.meeting_date}  {row.period_from} to {row.period_to}  {row.created_by[:20]:<20} {row.name}")
    return 0


def run_export(args) -> int:
    engine = open_store()
    with refused_on(SnapshotProblem, "Nothing exported", hint=" See the names with: manage.py snapshot list"):
        snapshot = get_snapshot(engine, args.name)
    from board_snapshots.board_pack import board_pack_pdf, chart_png  # charts and PDF: loaded only when needed
    from board_snapshots.compare import compare
    from board_snapshots.core_charts import core_charts
    before = previous_snapshot(engine, snapshot)
    charts = core_charts(snapshot)
    pngs = [chart_png(c.chart) for c in charts]
    try:
        args.pdf.write_bytes(board_pack_pdf(snapshot, before, compare(snapshot, before), charts, pngs))
        if args.png_dir:
            args.png_dir.mkdir(parents=True, exist_ok=True)
            for chart, png in zip(charts, pngs, strict=True):
                (args.png_dir / f"{chart.key}.png").write_bytes(png)
    except OSError as problem:
        print(f"Could not write the files: {problem}", file=sys.stderr)
        return 2
    print(f"Wrote the board pack of '{snapshot.name}' to {args.pdf}"
          + (f" and {plural(len(pngs), 'chart')} to {args.png_dir}." if args.png_dir else "."))
    return 0
