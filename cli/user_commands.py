"""create-user: accounts from the command line (the first admin, and scripts)."""

import getpass
import sys

from auth.accounts import ROLES, AccountError, create, listing
from auth.passwords import PasswordRejected
from models.schema import open_store


DESCRIPTION = ("Add an account. The password comes from --password, or from standard input (asked for when typing "
               "at a terminal). At least 12 characters, at most 72 bytes. Creating any account removes the demo "
               "accounts (in the same transaction).")


def register(commands) -> None:
    parser = commands.add_parser("create-user", help="add an account (e.g. the first admin)", description=DESCRIPTION)
    parser.add_argument("--username", required=True)
    parser.add_argument("--role", required=True, choices=ROLES)
    parser.add_argument("--name", help="the name shown in the app (default: the username)")
    parser.add_argument("--password", help="the password (prefer standard input: it stays out of shell history)")
    parser.set_defaults(handler=run_create_user)


def _password(args) -> str:
    if args.password is not None:
        return args.password
    if sys.stdin.isatty():
        return getpass.getpass("Password: ")
    return sys.stdin.readline().rstrip("\r\n")


def run_create_user(args) -> int:
    engine = open_store()
    had_demo = bool(listing(engine)["is_demo"].astype(bool).any())
    try:
        account = create(engine, args.username, args.role, _password(args), display_name=args.name)
    except (AccountError, PasswordRejected) as problem:
        print(f"Account not created: {problem}", file=sys.stderr)
        return 1
    print(f"Created {account.role} account '{account.username}'.")
    if had_demo:
        print("The demo accounts were removed (the demo data stays until real data comes in).")
    return 0
