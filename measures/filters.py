"""What every measure takes: a period (two dates, both included) and filters."""

from dataclasses import dataclass
from datetime import date, timedelta


@dataclass(frozen=True)
class Period:
    start: date
    end: date

    def __post_init__(self):
        if self.end < self.start:
            raise ValueError(f"period ends ({self.end}) before it starts ({self.start})")

    @property
    def days(self) -> int:
        return (self.end - self.start).days + 1

    def previous(self) -> "Period":
        """The period of the same length just before this one."""
        end = self.start - timedelta(days=1)
        return Period(end - timedelta(days=self.days - 1), end)


@dataclass(frozen=True)
class Filters:
    """Empty tuples mean "all". Codes and vocabulary values as in docs/import-contract.md.

    programmes, activity_types and modes narrow sessions (and what hangs off them);
    age_bands, disability and care_experienced narrow the young people counted (the
    "participant group"). A measure ignores a filter that cannot apply to it: feedback items
    have only a programme; skill evaluations have a programme and a participant but no session.
    """
    programmes: tuple[str, ...] = ()
    activity_types: tuple[str, ...] = ()
    modes: tuple[str, ...] = ()
    age_bands: tuple[str, ...] = ()
    disability: tuple[str, ...] = ()
    care_experienced: tuple[str, ...] = ()

    @property
    def has_group(self) -> bool:
        return bool(self.age_bands or self.disability or self.care_experienced)

    @property
    def has_session_filter(self) -> bool:
        return bool(self.activity_types or self.modes)


NO_FILTERS = Filters()
