"""Concurrency and memory benchmark: a real server on a scale store, 20 signed-in
browser sessions (Debian Chromium) refreshing pages, first on their own and then while an import
of 100,000 attendance rows runs through `manage.py import`.

It reports the server's memory with 20 sessions open, page times before and during the import,
any "database is locked" (server log) or error on a page, and whether every figure shown was
either the figure before the import or the one after it (never a half-written state).

    .venv/bin/python bench/concurrency_bench.py [--scale 1.0] [--sessions 20] [--rounds 3]

Targets: server memory <= 500 MB; no lock error; no wrong figure; pages at most 2x slower.
"""

import argparse
import json
import os
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
if str(ROOT) not in sys.path:
    sys.path.insert(0, str(ROOT))

from playwright.sync_api import sync_playwright  # noqa: E402

from bench.browser_driver import (  # noqa: E402
    CHROMIUM, CHROMIUM_ARGS, VIEWPORT, cpu_seconds, rss_mb, sign_in, start_server, with_role_accounts,
)
from bench.import_bench import generate  # noqa: E402
from bench.scale_store import build  # noqa: E402

PAGES = ("overview", "engagement", "skills", "principles", "you_said_we_did")
CHECKED = "overview?period=All+time"   # the figure compared before / during / after the import
CHART = '[data-testid="stVegaLiteChart"] svg.marks'


def young_people_shown(page) -> str:
    metric = page.get_by_test_id("stMetric").filter(has_text="Young people").first
    return metric.get_by_test_id("stMetricValue").inner_text()


def wait_drawn(page, timeout: float = 120_000) -> None:
    page.wait_for_selector(CHART, timeout=timeout)
    page.get_by_test_id("stStatusWidget").wait_for(state="hidden", timeout=timeout)


def round_of_refreshes(pages, base: str, offset: int) -> tuple[list[float], int]:
    """Every session opens its next page at once; then each is waited for. Returns the times
    (open to drawn) and the number of pages showing an error."""
    started = {}
    for i, page in enumerate(pages):
        page.goto(f"{base}/{PAGES[(i + offset) % len(PAGES)]}", wait_until="commit")
        started[i] = time.perf_counter()
    times, errors = [], 0
    for i, page in enumerate(pages):
        wait_drawn(page)
        times.append(time.perf_counter() - started[i])
        errors += page.get_by_test_id("stException").count()
    return times, errors


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--scale", type=float, default=1.0)
    parser.add_argument("--sessions", type=int, default=20)
    parser.add_argument("--rounds", type=int, default=3)
    args = parser.parse_args()

    work = Path(tempfile.mkdtemp(prefix="coprod-concurrency-"))
    source = Path(f"/tmp/coprod_scale_{args.scale:g}.db")
    if not source.exists():
        build(f"sqlite:///{source}", args.scale)
    shutil.copy(source, work / "store.db")
    url = f"sqlite:///{work / 'store.db'}"
    with_role_accounts(url)
    files = generate(work, 100_000)

    proc, base = start_server(url, work / "server.log")
    try:
        with sync_playwright() as pw:
            browser = pw.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
            first = browser.new_context(viewport=VIEWPORT)
            page = first.new_page()
            sign_in(page, base)
            wait_drawn(page)
            cookies = first.cookies()
            pages = [page]
            for _ in range(args.sessions - 1):
                context = browser.new_context(viewport=VIEWPORT)
                context.add_cookies(cookies)
                pages.append(context.new_page())
            page.goto(f"{base}/{CHECKED}")
            wait_drawn(page)
            before_figure = young_people_shown(page)

            quiet, errors = [], 0
            cpu_before, wall_before = cpu_seconds(proc.pid), time.perf_counter()
            for r in range(args.rounds):
                times, bad = round_of_refreshes(pages, base, r)
                quiet += times
                errors += bad
            memory_open = rss_mb(proc.pid)
            server_cpu, quiet_wall = cpu_seconds(proc.pid) - cpu_before, time.perf_counter() - wall_before

            importing = subprocess.Popen([sys.executable, "manage.py", "import", *map(str, files)], cwd=ROOT,
                                         env={**os.environ, "DATABASE_URL": url}, stdout=subprocess.PIPE,
                                         stderr=subprocess.STDOUT, text=True)
            busy, seen = [], set()
            r = 0
            while importing.poll() is None or r == 0:
                times, bad = round_of_refreshes(pages, base, r)
                busy += times
                errors += bad
                pages[0].goto(f"{base}/{CHECKED}")
                wait_drawn(pages[0])
                seen.add(young_people_shown(pages[0]))
                r += 1
            import_output = importing.communicate()[0]
            pages[0].goto(f"{base}/{CHECKED}")
            wait_drawn(pages[0])
            after_figure = young_people_shown(pages[0])
            memory_end = rss_mb(proc.pid)
            browser.close()
    finally:
        proc.terminate()
        proc.wait(timeout=30)

    measured = subprocess.run([sys.executable, "manage.py", "measures", "--json", "--from", "2000-01-01", "--to",
                               time.strftime("%Y-%m-%d")], cwd=ROOT, env={**os.environ, "DATABASE_URL": url},
                              capture_output=True, text=True)
    expected_after = json.loads(measured.stdout)["engagement"]["active_young_people"] if measured.returncode == 0 \
        else None
    log_text = (work / "server.log").read_text(errors="replace")
    locked = log_text.lower().count("database is locked")
    wrong = seen - {before_figure, after_figure}
    slower = statistics.median(busy) / statistics.median(quiet)
    print(f"\n{args.sessions} signed-in sessions on the scale {args.scale:g} store; import exit {importing.returncode}")
    print(f"  server memory with every session open: {memory_open[0]:.0f} MB (peak {memory_open[1]:.0f} MB); "
          f"at the end: {memory_end[0]:.0f} MB (peak {memory_end[1]:.0f} MB)")
    print(f"  page open-to-drawn, quiet: median {statistics.median(quiet):.2f} s, worst {max(quiet):.2f} s "
          f"({len(quiet)} page views)")
    print(f"  the server's own CPU time over the quiet rounds: {server_cpu:.1f} s in {quiet_wall:.0f} s of "
          f"{os.cpu_count()} cores ({server_cpu / len(quiet):.2f} s a page view); the rest went to the browsers")
    print(f"  during the import: median {statistics.median(busy):.2f} s, worst {max(busy):.2f} s "
          f"({len(busy)} page views); {slower:.2f}x the quiet median")
    print(f"  'database is locked' in the server log: {locked}; pages showing an error: {errors}")
    print(f"  young people (all time) shown: before {before_figure}, during {sorted(seen)}, after {after_figure}; "
          f"measures --json after: {expected_after}; figures neither before nor after: {sorted(wrong) or 'none'}")
    print("  import: " + import_output.strip().splitlines()[-1] if import_output.strip() else "")
    ok = (memory_end[1] <= 500 and locked == 0 and errors == 0 and not wrong and slower <= 2
          and str(expected_after) == after_figure.replace(",", ""))
    print("  all targets met" if ok else "  NOT all targets met")
    shutil.rmtree(work, ignore_errors=True)
    return 0 if ok else 1


if __name__ == "__main__":
    sys.exit(main())
