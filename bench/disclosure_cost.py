"""What protected figures cost in accuracy: for every whole month (and quarter) of a store, the
admin figures of the measures JSON against the protected ones, as a mean absolute difference
per figure. Not a unit test (docs/disclosure.md quotes its output).

    DATABASE_URL=sqlite:////path/to/store.db .venv/bin/python bench/disclosure_cost.py [--k 5]

With no store at DATABASE_URL, a fresh demo store is written to a temporary file first.
"""

import argparse
import os
import sys
import tempfile
from collections import defaultdict
from datetime import date, timedelta
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
if str(ROOT) not in sys.path:
    sys.path.insert(0, str(ROOT))

from measures.audiences import TRUSTEE, month_end  # noqa: E402
from measures.filters import NO_FILTERS, Period  # noqa: E402
from measures.periods import first_session_day  # noqa: E402
from measures.report import measures_json  # noqa: E402
from models.schema import open_store  # noqa: E402

FIGURES = {
    "active young people": ("engagement", "active_young_people", 1, ""),
    "attendance rate": ("engagement", "attendance_rate", 100, " points"),
    "returning share": ("engagement", "returning_share", 100, " points"),
    "involvement hours": ("engagement", "involvement_hours", 1, " hours"),
    "paid to young people": ("remuneration", "paid_total_gbp", 1, " GBP"),
    "paid share": ("remuneration", "paid_share", 100, " points"),
    "health index": ("health_index", "value", 1, " points"),
}


def _periods(first: date, last: date, months: int):
    start = first.replace(day=1)
    while start <= last:
        index = start.year * 12 + start.month - 1 + months - 1
        end = month_end(date(index // 12, index % 12 + 1, 1))
        if end > last:
            break
        yield Period(start, end)
        start = end + timedelta(days=1)


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--k", type=int, default=5)
    args = parser.parse_args()
    if "DATABASE_URL" not in os.environ:
        os.environ["DATABASE_URL"] = f"sqlite:///{tempfile.mkdtemp()}/demo.db"
        from data.demo.organisation import load_demo
        load_demo(open_store())
    engine = open_store()
    first, last = first_session_day(engine), date.today()
    for months, name in ((1, "month"), (3, "quarter")):
        differences, hidden = defaultdict(list), defaultdict(int)
        periods = list(_periods(first, last, months))
        for period in periods:
            exact = measures_json(engine, period, NO_FILTERS, args.k)
            shown = measures_json(engine, period, NO_FILTERS, args.k, audience=TRUSTEE)
            for figure, (section, key, scale, _) in FIGURES.items():
                a, b = exact[section][key], shown[section][key]
                if a is not None and b is not None:
                    differences[figure].append(abs(a - b) * scale)
                elif a is not None:
                    hidden[figure] += 1
        print(f"{len(periods)} whole {name}s, k={args.k}: mean absolute difference, trustee against admin")
        for figure, (_, _, _, unit) in FIGURES.items():
            found = differences[figure]
            mean = sum(found) / len(found) if found else float("nan")
            print(f"  {figure:<22} {mean:8.2f}{unit} (largest {max(found, default=0):.2f}; "
                  f"{hidden[figure]} more hidden than for admin)")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
