"""One number format: pages, charts, components, board snapshots, the explorer's words and the
alerts write no number themselves; every figure goes through `measures.formatting` (half-up
rounding, an ASCII minus and never "-0", '1 September 2025').

The source is read with `ast`, and three things are flagged:
- an f-string field with a format spec other than a plain width ('{x:.1f}', '{x:,}', '{x:+}',
  '{s:.0%}', '{day:%-d %B %Y}'; a date must use `formatting.day` or `formatting.date_range`);
- `str.format`, the `format()` builtin, `%`-formatting, and `strftime` with a day, month or year;
- `round(...)` or `half_up(...)` whose result goes straight into text (an f-string field or `str()`).
"""

import ast
import re
import string
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
AREAS = ["pages", "charts", "components", "board_snapshots", "measures/explorer", "measures/alerts.py"]

# A plain width or alignment ('{name:<20}') writes no number.
PLAIN_SPEC = re.compile(r"^(.?[<>^])?\d*$")
DATE_DIRECTIVE = re.compile(r"%-?[a-zA-Z]")  # strftime: %-d %B %Y, %H:%M ...
PERCENT_FORMAT = re.compile(r"%[-#0 +]*(\d+|\*)?(\.\d+)?[diouxXeEfFgGcrsa]")
ROUNDERS = {"round", "half_up"}
DATES = "formatting.day / date_range"

# (file, text on the line): why it writes no number. Keep it short.
ALLOWED: dict[tuple[str, str], str] = {
    ("measures/explorer/catalogue.py", ":02d}"): "an ISO month key ('2024-03') for grouping and links, not text",
    ("measures/explorer/sources.py", ":02d}"): "an ISO month key ('2024-03') for grouping, not text",
}


def _spec_text(spec: ast.JoinedStr) -> str | None:
    """The literal text of a format spec; None when part of it is worked out at run time."""
    parts = []
    for part in spec.values:
        if not isinstance(part, ast.Constant):
            return None
        parts.append(str(part.value))
    return "".join(parts)


def _callee(call: ast.Call) -> str | None:
    func = call.func
    return func.id if isinstance(func, ast.Name) else func.attr if isinstance(func, ast.Attribute) else None


def _rounds(node: ast.AST) -> bool:
    return any(isinstance(n, ast.Call) and _callee(n) in ROUNDERS for n in ast.walk(node))


def _format_fields(template: str) -> list[str]:
    try:
        return [spec for _, field, spec, _ in string.Formatter().parse(template) if field is not None]
    except ValueError:
        return []


def offenders(source: str) -> list[tuple[int, str]]:
    """(line, what) for every number the source writes itself."""
    found = []
    for node in ast.walk(ast.parse(source)):
        if isinstance(node, ast.FormattedValue):
            if node.format_spec is not None:
                spec = _spec_text(node.format_spec)
                if spec is None:
                    found.append((node.lineno, "a format spec worked out at run time"))
                elif DATE_DIRECTIVE.search(spec):
                    found.append((node.lineno, f"a date or time written with ':{spec}' (use {DATES})"))
                elif not PLAIN_SPEC.match(spec):
                    found.append((node.lineno, f"a number written with ':{spec}'"))
            if _rounds(node.value):
                found.append((node.lineno, "round()/half_up() put into an f-string"))
        elif isinstance(node, ast.Call):
            name = _callee(node)
            if name == "format" and isinstance(node.func, ast.Name):
                found.append((node.lineno, "the format() builtin"))
            elif name == "format" and isinstance(node.func.value, ast.Constant) and _format_fields(
                    str(node.func.value.value)):
                found.append((node.lineno, "str.format"))
            elif name == "strftime" and any(isinstance(a, ast.Constant) and DATE_DIRECTIVE.search(str(a.value))
                                            for a in node.args):
                found.append((node.lineno, f"a date or time written with strftime (use {DATES})"))
            elif name == "str" and node.args and _rounds(node.args[0]):
                found.append((node.lineno, "str(round(...))"))
        elif (isinstance(node, ast.BinOp) and isinstance(node.op, ast.Mod) and isinstance(node.left, ast.Constant)
              and isinstance(node.left.value, str) and PERCENT_FORMAT.search(node.left.value)):
            found.append((node.lineno, "%-formatting"))
    return sorted(set(found))


def _files(area: str) -> list[Path]:
    path = ROOT / area
    return [path] if path.is_file() else sorted(path.rglob("*.py"))


def _flagged(area: str) -> list[str]:
    lines = []
    for path in _files(area):
        name = path.relative_to(ROOT).as_posix()
        source = path.read_text(encoding="utf-8")
        text = source.splitlines()
        for line, what in offenders(source):
            if not any(file == name and snippet in text[line - 1] for file, snippet in ALLOWED):
                lines.append(f"{name}:{line}: {what}: {text[line - 1].strip()}")
    return lines


@pytest.mark.parametrize("area", AREAS)
def test_no_number_is_written_outside_measures_formatting(area):
    flagged = _flagged(area)
    assert not flagged, ("Numbers written without measures.formatting (use count, share, mean, signed, "
                         "money, figure, change, plural, day, date_range...):\n" + "\n".join(flagged))


BAD = '''
def words(mean, share, n, day, gap, parts):
    a = f"{mean:.1f}"
    b = f"{100 * share:.0f}%"
    c = f"{share:.0%}"
    d = f"{n:,} young people"
    e = f"{gap:+.1f}"
    f = f"{day:%-d %B %Y}"
    g = f"{round(mean, 1)} out of 5"
    h = "{:.2f}".format(mean)
    i = "%d sessions" % n
    j = format(mean, ".1f")
    k = day.strftime("%d %b %Y")
    m = str(round(mean, 2))
    return f"{parts:>10}", f"{n!r}", "{name}".lower()
'''


def test_the_checker_finds_numbers_written_by_hand():
    lines = [line for line, _ in offenders(BAD)]
    assert lines == [3, 4, 5, 6, 7, 8, 9, 10, 11, 12, 13, 14]   # not line 15: a width, a repr, no format


def test_the_checker_lets_plain_text_and_formatting_calls_through():
    good = ('from measures import formatting\n'
            'def words(mean, name):\n'
            '    return f"{formatting.mean(mean)} for {name:<20}", "%b %Y", "a 50% share"\n')
    assert offenders(good) == []


def test_the_change_axis_writes_an_ascii_minus():
    """Vega writes negative numbers with U+2212; the skills change axis says '-0.5', as the labels do."""
    import pandas as pd

    from charts.export import to_svg
    from charts.skills import change_chart, plotted
    skills = pd.DataFrame([{"skill": "voice", "skill_name": "Speaking up", "pairs": 7, "mean_change": -0.5,
                            "ci95": 0.4, "share_improved": 2 / 7, "mean_pre": 3.5, "mean_post": 3.0}])
    ticks = re.findall(r">([^<>]*\d)</text>", to_svg(change_chart(plotted(skills))))
    assert "-0.4" in ticks and not any("\u2212" in tick for tick in ticks)
