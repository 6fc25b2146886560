"""measures: every figure of the dashboard for a period, as JSON for scripts and analysts."""

import argparse
import json
import sys
from datetime import date

from measures.audiences import ADMIN, AUDIENCES, QuestionRefused, check_question
from measures.catalogue import programme_names
from measures.filters import Filters, Period
from measures.report import measures_json
from models.schema import open_store


def iso_date(text: str) -> date:
    try:
        return date.fromisoformat(text)
    except ValueError:
        raise argparse.ArgumentTypeError(f"'{text}' is not a date (use YYYY-MM-DD)") from None


def register(commands) -> None:
    parser = commands.add_parser(
        "measures", help="print every measure for a period",
        description="Print every measure for a period (both dates included), computed exactly as the "
                    "dashboard shows it, with figures behind fewer than k young people left null.")
    parser.add_argument("--from", dest="start", type=iso_date, required=True, metavar="DATE")
    parser.add_argument("--to", dest="end", type=iso_date, required=True, metavar="DATE")
    parser.add_argument("--programme", action="append", default=[], metavar="CODE",
                        help="only this programme (repeat for several)")
    parser.add_argument("--activity-type", action="append", default=[], metavar="TYPE")
    parser.add_argument("--mode", action="append", default=[], metavar="MODE")
    parser.add_argument("--age-band", action="append", default=[], metavar="BAND")
    parser.add_argument("--disability", action="append", default=[], metavar="VALUE")
    parser.add_argument("--care-experienced", action="append", default=[], metavar="VALUE")
    parser.add_argument("--json", action="store_true", help="print JSON (the only format for now)")
    parser.add_argument("--audience", choices=AUDIENCES, default=ADMIN,
                        help="print the figures as this audience sees them (default admin: exact, small "
                             "numbers suppressed; the others are protected, see docs/disclosure.md)")
    parser.set_defaults(handler=run_measures)


def run_measures(args) -> int:
    if args.end < args.start:
        print(f"--to {args.end} is before --from {args.start}.", file=sys.stderr)
        return 2
    filters = Filters(programmes=tuple(args.programme), activity_types=tuple(args.activity_type),
                      modes=tuple(args.mode), age_bands=tuple(args.age_band),
                      disability=tuple(args.disability), care_experienced=tuple(args.care_experienced))
    try:
        check_question(args.audience, Period(args.start, args.end), filters)
    except QuestionRefused as refused:
        print(refused, file=sys.stderr)
        return 2
    engine = open_store()
    unknown = sorted(set(filters.programmes) - set(programme_names(engine)))
    if unknown:
        print(f"Unknown programme code(s): {', '.join(unknown)}.", file=sys.stderr)
        return 2
    result = measures_json(engine, Period(args.start, args.end), filters, audience=args.audience)
    print(json.dumps(result, indent=2))
    return 0
