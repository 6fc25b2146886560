"""export-participant and erase-participant: a participant's rights from the command line."""

import json
import sys
from pathlib import Path

from cli.actor import command_line_actor
from data.participant_rights import UnknownParticipant, erase_participant, export_participant, row_counts
from models.store import open_store


def register(commands) -> None:
    export = commands.add_parser(
        "export-participant", help="everything held about one participant, as JSON",
        description="Print everything the store holds about one participant (their record, attendance, "
                    "evaluations and the principle ratings they gave) as JSON. Recorded in the audit log.")
    export.add_argument("code", metavar="CODE", help="the participant's code, e.g. Y1")
    export.add_argument("--output", metavar="FILE", type=Path, help="write the JSON to FILE instead of the screen")
    export.set_defaults(handler=run_export)
    erase = commands.add_parser(
        "erase-participant", help="delete one participant and every row about them",
        description="Delete one participant and every row that refers to them (attendance, evaluations, "
                    "principle ratings they gave), in one step that cannot be undone. Asks for confirmation "
                    "at a terminal; scripts must pass --yes. Recorded in the audit log.")
    erase.add_argument("code", metavar="CODE", help="the participant's code, e.g. Y1")
    erase.add_argument("--yes", action="store_true", help="do not ask for confirmation")
    erase.set_defaults(handler=run_erase)


def run_export(args) -> int:
    try:
        export = export_participant(open_store(), args.code, actor=command_line_actor())
    except UnknownParticipant as problem:
        print(f"Nothing exported: {problem}", file=sys.stderr)
        return 2
    text = json.dumps(export, indent=2, ensure_ascii=False) + "\n"
    if args.output is None:
        sys.stdout.write(text)
    else:
        args.output.write_text(text, encoding="utf-8")
        print(f"Wrote everything held about '{args.code}' to {args.output}.", file=sys.stderr)
    return 0


def _confirmed(code: str, counts: dict[str, int]) -> bool:
    held = ", ".join(f"{n} {table.replace('_', ' ')}" for table, n in counts.items())
    answer = input(f"Erase participant '{code}' ({held})? This cannot be undone. Type the code to confirm: ")
    return answer.strip() == code


def run_erase(args) -> int:
    engine = open_store()
    try:
        counts = row_counts(engine, args.code)
    except UnknownParticipant as problem:
        print(f"Nothing erased: {problem}", file=sys.stderr)
        return 2
    if not args.yes:
        if not sys.stdin.isatty():
            print("Nothing erased: pass --yes to erase without a terminal to confirm at.", file=sys.stderr)
            return 2
        if not _confirmed(args.code, counts):
            print("Nothing erased.", file=sys.stderr)
            return 1
    deleted = erase_participant(engine, args.code, actor=command_line_actor())
    summary = ", ".join(f"{n} from {table}" for table, n in deleted.items())
    print(f"Erased participant '{args.code}': {summary}.")
    return 0
