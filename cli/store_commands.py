"""init, demo and backup: creating, filling and copying the store."""

import os
import sqlite3
import stat
import sys
from pathlib import Path

from sqlalchemy.engine import make_url

from measures.formatting import count
from models.db import OWNER_ONLY, create_owner_only, database_url
from models.schema import open_store, schema_revision


def register(commands) -> None:
    init = commands.add_parser("init", help="create the store, or upgrade an older one in place",
                               description="Create the store, or upgrade an older one without losing data.")
    init.set_defaults(handler=run_init)

    demo = commands.add_parser("demo", help="load the demo organisation",
                               description="Load a made-up organisation (seeded, so always the same). "
                                           "Refuses when the store holds real data, unless --force.")
    demo.add_argument("--force", action="store_true", help="load demo data even into a store with real data")
    demo.add_argument("--seed", type=int, default=None, help="random seed (default: the standard demo)")
    demo.set_defaults(handler=run_demo)

    backup = commands.add_parser("backup", help="copy a SQLite store safely while it is in use",
                                 description="Copy the SQLite store with SQLite's online backup "
                                             "(consistent even while the app is running). The copy "
                                             "is readable by its owner only (permissions 0600).")
    backup.add_argument("path", help="file to write the copy to")
    backup.set_defaults(handler=run_backup)


def run_init(_args) -> int:
    engine = open_store()
    print(f"Store ready at {engine.url.render_as_string(hide_password=True)} "
          f"(schema revision {schema_revision(engine)}).")
    return 0


def run_demo(args) -> int:
    from data.demo.accounts import load_demo_with_accounts
    from data.demo.organisation import DEMO_SEED, DemoRefused
    engine = open_store()
    try:
        counts = load_demo_with_accounts(engine, force=args.force,
                                         seed=DEMO_SEED if args.seed is None else args.seed)
    except DemoRefused as refused:
        print(f"Demo data not loaded: {refused}", file=sys.stderr)
        return 1
    print("Demo data loaded: " + ", ".join(f"{count(n)} {table}" for table, n in counts.items()))
    return 0


def run_backup(args) -> int:
    url = make_url(database_url())
    if url.get_backend_name() != "sqlite" or not url.database:
        print("backup copies a SQLite store; for PostgreSQL use pg_dump.", file=sys.stderr)
        return 2
    target = Path(args.path)
    if target.exists():
        print(f"{target} already exists; choose a new file name.", file=sys.stderr)
        return 2
    open_store()  # make sure the source exists and is current
    try:
        # Owner-only from the start: the copy holds the same children's data as the store.
        create_owner_only(target, os.O_WRONLY)
    except FileExistsError:
        print(f"{target} already exists; choose a new file name.", file=sys.stderr)
        return 2
    except OSError as problem:
        print(f"Cannot write {target}: {problem.strerror}.", file=sys.stderr)
        return 2
    try:
        source = sqlite3.connect(url.database)
        try:
            copy = sqlite3.connect(target)
            try:
                source.backup(copy)
            finally:
                copy.close()
        finally:
            source.close()
    except BaseException:
        target.unlink(missing_ok=True)  # no half-written copy left behind
        raise
    os.chmod(target, OWNER_ONLY)
    mode = stat.S_IMODE(target.stat().st_mode)
    who = "owner only" if mode == OWNER_ONLY else "check who can read it"
    print(f"Backed up {url.database} to {target.resolve()} (permissions {mode:04o}, {who}).")
    return 0
