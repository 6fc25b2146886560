"""The `manage.py` commands. Each subcommand lives in its own module and registers itself."""

import argparse
import sys

from cli import (
    import_command, measures_command, participant_commands, rating_link_command, snapshot_commands, store_commands,
    user_commands,
)
from cli import copy_store_command
from cli.refusal import Refused

COMMAND_MODULES = (store_commands, import_command, measures_command, user_commands, participant_commands,
                   snapshot_commands, rating_link_command, copy_store_command)


def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="manage.py",
        description="Co-production health dashboard: the store, data and measures from the command line. "
                    "Every command uses DATABASE_URL when set, else data/coproduction.db.")
    commands = parser.add_subparsers(dest="command", required=True, metavar="COMMAND")
    for module in COMMAND_MODULES:
        module.register(commands)
    return parser


def main(argv: list[str] | None = None) -> int:
    args = build_parser().parse_args(argv)
    try:
        return args.handler(args) or 0
    except Refused as refused:
        print(refused, file=sys.stderr)
        return 2
