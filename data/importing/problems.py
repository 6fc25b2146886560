"""What the importer reports back: problems (nothing written) and per-file counts."""

from dataclasses import dataclass, field

MAX_SHOWN = 40  # longest piece of a user's value quoted back in a message


@dataclass(frozen=True)
class Problem:
    """One thing wrong with an import, located as precisely as the problem allows."""

    file: str
    row: int | None
    column: str | None
    reason: str

    def __str__(self) -> str:
        where = [self.file]
        if self.row is not None:
            where.append(f"row {self.row}")
        if self.column is not None:
            where.append(f"column {self.column}")
        return f"{', '.join(where)}: {self.reason}"


class ImportRejected(Exception):
    """The import was refused and nothing was written; `problems` lists every reason."""

    def __init__(self, problems: list[Problem]):
        self.problems = list(problems)
        shown = [str(p) for p in self.problems[:10]]
        more = len(self.problems) - len(shown)
        if more > 0:
            shown.append(f"... and {more} more")
        count = len(self.problems)
        super().__init__(f"import rejected, {count} problem{'s' * (count != 1)}:\n" + "\n".join(shown))


@dataclass
class FileCounts:
    added: int = 0
    updated: int = 0
    unchanged: int = 0

    def __str__(self) -> str:
        return f"{self.added} added, {self.updated} updated, {self.unchanged} unchanged"


@dataclass
class ImportReport:
    """Counts per contract file name ("sessions", ...), in the order the files were written."""

    files: dict[str, FileCounts] = field(default_factory=dict)

    def __str__(self) -> str:
        return "\n".join(f"{name}: {counts}" for name, counts in self.files.items())


def shown(value: object) -> str:
    """A user's value quoted back in a message, cut short when long."""
    text = str(value)
    if len(text) > MAX_SHOWN:
        text = text[:MAX_SHOWN] + "..."
    return f"'{text}'"
