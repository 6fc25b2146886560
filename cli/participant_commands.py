"""export-participant and erase-participant: a participant's rights from the command line."""

import json
import sys
from pathlib import Path

from cli.actor import command_line_actor
from cli.refusal import Refused, refused_on
from data.participant_rights import UnknownParticipant, erase_participant, export_participant, find_mentions, row_counts
from measures.formatting import count, plural
from models.schema import open_store


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
                    "principle ratings they gave), in one step that cannot be undone; where the code is still "
                    "written (audit log, saved views' and board snapshots' names) it becomes 'erased participant "
                    "#n'. Free text that names the participant (feedback, session titles, rating comments) is "
                    "listed first, to edit before erasing: it is not changed. Asks for confirmation at a "
                    "terminal; scripts must pass --yes. Recorded in the audit log.")
    erase.add_argument("code", metavar="CODE", help="the participant's code, e.g. Y1")
    erase.add_argument("--yes", action="store_true", help="do not ask for confirmation")
    erase.set_defaults(handler=run_erase)


def run_export(args) -> int:
    with refused_on(UnknownParticipant, "Nothing exported"):
        export = export_participant(open_store(), args.code, actor=command_line_actor())
    text = json.dumps(export, indent=2, ensure_ascii=False) + "\n"
    if args.output is None:
        sys.stdout.write(text)
    else:
        args.output.write_text(text, encoding="utf-8")
        print(f"Wrote everything held about '{args.code}' to {args.output}.", file=sys.stderr)
    return 0


def _confirmed(code: str, counts: dict[str, int], mentions: int) -> bool:
    held = ", ".join(f"{count(n)} {table.replace('_', ' ')}" for table, n in counts.items())
    left = f" {plural(mentions, 'free-text mention')} above will stay as they are." if mentions else ""
    answer = input(f"Erase participant '{code}' ({held})?{left} This cannot be undone. Type the code to confirm: ")
    return answer.strip() == code


def _show_mentions(code: str, mentions) -> None:
    if not mentions:
        return
    print(f"Free text that names '{code}' (not changed by the erasure: edit it first, e.g. on the record "
          "page, if it should not stay):")
    for mention in mentions:
        text = " ".join(mention.text.split())
        print(f"  - {mention.where}, {mention.field}: {text}")


def run_erase(args) -> int:
    engine = open_store()
    with refused_on(UnknownParticipant, "Nothing erased"):
        counts = row_counts(engine, args.code)
    mentions = find_mentions(engine, args.code)
    _show_mentions(args.code, mentions)
    if not args.yes:
        if not sys.stdin.isatty():
            raise Refused("Nothing erased: pass --yes to erase without a terminal to confirm at.")
        if not _confirmed(args.code, counts, len(mentions)):
            print("Nothing erased.", file=sys.stderr)
            return 1
    with refused_on(UnknownParticipant, "Nothing erased"):  # erased by someone else meanwhile
        erasure = erase_participant(engine, args.code, actor=command_line_actor())
    summary = ", ".join(f"{count(n)} from {table}" for table, n in erasure.deleted.items())
    print(f"Erased participant '{args.code}': {summary}. Where the code was still written it is now "
          f"'{erasure.token}'.")
    if erasure.cleared is None:
        print("The erasure is done, but the store's old pages could not be cleared now (see the log).",
              file=sys.stderr)
    return 0
