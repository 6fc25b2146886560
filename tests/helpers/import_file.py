"""Imports the given files into the store at URL, for tests that kill an import part-way.

    python tests/helpers/import_file.py URL FILE...

Prints "importing" (flushed) just before the import starts, and "done" when it has committed."""

import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent.parent
if str(ROOT) not in sys.path:
    sys.path.insert(0, str(ROOT))

from data.importing import import_files  # noqa: E402
from models.db import engine_for  # noqa: E402


def main(url: str, paths: list[str]) -> None:
    engine = engine_for(url)  # the schema is already there: nothing but the import writes
    print("importing", flush=True)
    import_files(engine, paths)
    print("done", flush=True)


if __name__ == "__main__":
    main(sys.argv[1], sys.argv[2:])
