"""The `manage.py` commands. Each subcommand lives in its own module and registers itself.

Only the module of the command asked for is imported (all of them for `--help` or an unknown
command): a script calling `manage.py measures` should not wait for the importer, the demo and
the sign-in code to load.
"""

import argparse
import importlib
import sys

from cli.refusal import Refused

# command -> the module that registers it, in the order `--help` lists them
COMMAND_MODULES = {
    "init": "cli.store_commands", "demo": "cli.store_commands", "backup": "cli.store_commands",
    "import": "cli.import_command", "measures": "cli.measures_command", "create-user": "cli.user_commands",
    "export-participant": "cli.participant_commands", "erase-participant": "cli.participant_commands",
    "snapshot": "cli.snapshot_commands", "rating-link": "cli.rating_link_command",
    "copy-store": "cli.copy_store_command",
}


def build_parser(argv: list[str] | None = None) -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="manage.py",
        description="Co-production health dashboard: the store, data and measures from the command line. "
                    "Every command uses DATABASE_URL when set, else data/coproduction.db.")
    commands = parser.add_subparsers(dest="command", required=True, metavar="COMMAND")
    asked = argv[0] if argv else None
    modules = [COMMAND_MODULES[asked]] if asked in COMMAND_MODULES else list(dict.fromkeys(COMMAND_MODULES.values()))
    for name in modules:
        importlib.import_module(name).register(commands)
    return parser


def main(argv: list[str] | None = None) -> int:
    argv = sys.argv[1:] if argv is None else argv
    args = build_parser(argv).parse_args(argv)
    try:
        return args.handler(args) or 0
    except Refused as refused:
        print(refused, file=sys.stderr)
        return 2
