"""Browser benchmark: what a person waits for, page by page, in real Chromium on a scale store.

A real server (`streamlit run`) on the scale store and an admin signed in through the form; then each
page of the admin's menu is opened by clicking its menu link, from a light page (PARKING):
- first: its first view since the server started (Python imports, the browser's chart code);
- cold: its first view after the data changed (one attendance row added to the latest session of
  the period the pages show by default, the last 12 months, as the smallest import would: the data
  version changes, so every cached figure, and every chart whose data changed, is worked out
  again, and the figures kept by month are read again for that month, those kept until their
  tables change only if they read attendance; `--cold forget` also deletes every figure kept by
  month and moves every table's number of changes, as after an import of every file touching
  every month; `--cold bump` only bumps the write counter, as page_bench.py does);
- warm: `--runs` views with nothing changed (median and worst).
A view's time runs from the click on the link until the script run is over (the server's
script_finished has reached the page, and Streamlit's `stApp` shows
data-test-script-state="notRunning") and every chart shown has drawn its marks: the last of these,
on the page's own clock. Charts inside a closed expander or another tab are counted apart and not
waited for.

To tell where a slow page's time goes, it also prints what the server sent for the cold view (read
from the websocket: script runs, elements, kB, rows of chart data, the longest list of options),
the server's CPU time, and the browser's main-thread time (scripts, layout and style, the longest
task). On two shared cores the browser and the server compete: a figure here is what a person on
the same machine as the server would wait, not a lower bound.

    .venv/bin/python bench/browser_bench.py [--scale 1.0] [--database-url URL] [--runs 3] [--pages ID ...]
        [--cold attendance|forget|bump] [--json FILE]

Targets (README, Benchmarks): warm <= 1 s, cold <= 2 s.
"""

import argparse
import io
import json
import os
import shutil
import statistics
import sys
import tempfile
import time
from datetime import date
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
if str(ROOT) not in sys.path:
    sys.path.insert(0, str(ROOT))

import pyarrow as pa  # noqa: E402
from playwright.sync_api import TimeoutError as PlaywrightTimeout  # noqa: E402
from sqlalchemy import delete, insert, make_url, select, update  # noqa: E402
from streamlit.proto.ForwardMsg_pb2 import ForwardMsg  # noqa: E402

from bench.browser_driver import (  # noqa: E402
    VIEWPORT, chromium, cpu_seconds, served, sign_in, with_role_accounts,
)
from bench.scale_store import build  # noqa: E402
from components.registry import BY_ID, role_sections  # noqa: E402
from models.schema import open_store  # noqa: E402
from measures.periods import preset_period  # noqa: E402
from models.tables import Attendance, MonthFigure, Participant, ProgrammeSession, TableChange  # noqa: E402
from models.version import bump_write_counter  # noqa: E402

WARM_TARGET_S, COLD_TARGET_S = 1.0, 2.0
PARKING = ("settings", "users")   # where each view starts from: light pages (the second for the first)
QUIET_MS = 500                    # no new run and no chart drawing for this long: the view is over
TIMEOUT_MS = 120_000
CPU_METRICS = ("TaskDuration", "ScriptDuration", "LayoutDuration", "RecalcStyleDuration")

# Installed in the page before it loads: records, on the page's clock, the click, each websocket
# message from the server, each change of the script run state and of anything inside a chart.
OBSERVER_JS = """
(() => {
  const CHART = '[data-testid="stVegaLiteChart"]';
  const b = window.__bench = {click: null, messages: 0, lastMessage: 0, events: [], lastChart: 0};
  const app = () => document.querySelector('[data-testid="stApp"]');
  const shown = el => el.checkVisibility({checkVisibilityCSS: true}) && el.getClientRects().length > 0;
  const drawn = el => !!el.querySelector('canvas.marks') || !!el.querySelector('svg.marks .role-mark');
  const marks = el => [...el.querySelectorAll('svg.marks g.role-mark')].reduce((n, g) => n + g.childElementCount, 0);
  const Native = window.WebSocket;
  window.WebSocket = class extends Native {
    constructor(...args) {
      super(...args);
      this.addEventListener('message', () => { b.messages += 1; b.lastMessage = performance.now(); });
    }
  };
  document.addEventListener('click', e => { if (b.click === null) b.click = e.timeStamp; }, true);
  b.longTasks = [];   // main-thread tasks over 50 ms: the browser too busy to answer the person
  new PerformanceObserver(list => b.longTasks.push(...list.getEntries().map(t => [t.startTime, t.duration])))
    .observe({type: 'longtask', buffered: true});
  new MutationObserver(records => {
    const now = performance.now();
    for (const r of records) {
      if (r.attributeName === 'data-test-script-state') {
        b.events.push([now, r.target.getAttribute('data-test-script-state')]);
      } else {
        const el = r.target.nodeType === 1 ? r.target : r.target.parentElement;
        if (el && el.closest(CHART)) b.lastChart = now;
      }
    }
  }).observe(document, {subtree: true, childList: true, attributes: true});
  b.reset = () => {
    b.click = null; b.messages = 0; b.lastMessage = 0; b.events = []; b.lastChart = 0; b.longTasks = [];
  };
  b.lastDone = () => Math.max(b.lastMessage, ...b.events.filter(([, s]) => s === 'notRunning').map(([t]) => t));
  b.end = () => Math.max(b.lastDone(), b.lastChart);
  // Not running, every chart shown drawn, and quiet for a while (the server's script_finished is
  // checked by the caller: with fast runs React may never show the running state).
  b.settled = quiet => {
    if (b.click === null || !b.messages || !app() || app().getAttribute('data-test-script-state') !== 'notRunning') {
      return false;
    }
    const charts = [...document.querySelectorAll(CHART)].filter(shown);
    return charts.every(drawn) && performance.now() - b.end() >= quiet;
  };
  b.stuck = () => ({click: b.click, now: performance.now(), messages: b.messages, lastMessage: b.lastMessage,
                    events: b.events, lastChart: b.lastChart, url: location.href,
                    state: app() && app().getAttribute('data-test-script-state'),
                    undrawn: [...document.querySelectorAll(CHART)].filter(el => shown(el) && !drawn(el)).length});
  b.summary = () => {
    const all = [...document.querySelectorAll(CHART)];
    const charts = all.filter(shown);
    return {seconds: (b.end() - b.click) / 1000, script_seconds: (b.lastDone() - b.click) / 1000,
            charts: charts.length, hidden_charts: all.length - charts.length,
            hidden_drawn: all.filter(el => !shown(el) && drawn(el)).length,
            marks: charts.reduce((n, el) => n + marks(el), 0), chart_marks: charts.map(marks),
            longest_task: Math.max(0, ...b.longTasks.map(([, d]) => d)) / 1000,
            long_tasks: b.longTasks.reduce((n, [, d]) => n + d, 0) / 1000,
            nodes: document.getElementsByTagName('*').length,
            errors: document.querySelectorAll('[data-testid="stException"]').length};
  };
})();
"""


class Sent:
    """What the server sends over the websocket, decoded (ForwardMsg) as it comes; a message the
    browser has cached arrives as a reference to it and is read from the earlier one."""

    def __init__(self):
        self.messages: list[ForwardMsg] = []
        self.bytes = 0
        self.known: dict[str, ForwardMsg] = {}

    def watch(self, ws) -> None:
        ws.on("framereceived", self._received)

    def _received(self, payload) -> None:
        if not isinstance(payload, bytes):
            return
        msg = ForwardMsg.FromString(payload)
        if msg.HasField("ref_hash"):
            msg = self.known.get(msg.ref_hash, msg)
        elif msg.hash:
            self.known[msg.hash] = msg
        self.messages.append(msg)
        self.bytes += len(payload)

    def run_over(self) -> bool:
        """The last script run started has finished, and not early for another run."""
        ends = [m for m in self.messages if m.WhichOneof("type") in ("new_session", "script_finished")]
        return bool(ends) and ends[-1].WhichOneof("type") == "script_finished" and \
            ends[-1].script_finished != ForwardMsg.FINISHED_EARLY_FOR_RERUN

    def take(self) -> dict:
        """Script runs, elements, kB, rows of each chart, rows of tables, the longest list of options,
        since the last take."""
        messages, self.messages = self.messages, []
        summary = {"kb": self.bytes / 1024, "runs": 0, "elements": 0, "chart_rows": [], "table_rows": 0,
                   "options": 0, "options_kb": 0.0}
        self.bytes = 0
        for msg in messages:
            summary["runs"] += msg.WhichOneof("type") == "new_session"
            if msg.WhichOneof("type") != "delta" or msg.delta.WhichOneof("type") != "new_element":
                continue
            element = msg.delta.new_element
            kind = element.WhichOneof("type")
            summary["elements"] += 1
            if kind == "vega_lite_chart":
                chart = element.vega_lite_chart
                summary["chart_rows"].append(_rows(chart.data.data) + sum(_rows(d.data.data) for d in chart.datasets))
            elif kind in ("dataframe", "table"):
                summary["table_rows"] += _rows(getattr(element, kind).arrow_data.data)
            elif kind in ("selectbox", "multiselect", "radio"):
                options = getattr(element, kind).options
                if len(options) > summary["options"]:
                    summary["options"], summary["options_kb"] = len(options), sum(map(len, options)) / 1024
        return summary


def _rows(arrow: bytes) -> int:
    return pa.ipc.open_stream(io.BytesIO(arrow)).read_all().num_rows if arrow else 0


class Browser:
    """One signed-in admin's tab, and what is measured around each click on a menu link."""

    def __init__(self, page, server_pid: int):
        self.page, self.server_pid = page, server_pid
        self.sent = Sent()
        page.on("websocket", self.sent.watch)
        page.add_init_script(OBSERVER_JS)
        self.cdp = page.context.new_cdp_session(page)
        self.cdp.send("Performance.enable")

    def _main_thread(self) -> dict[str, float]:
        return {m["name"]: m["value"] for m in self.cdp.send("Performance.getMetrics")["metrics"]
                if m["name"] in CPU_METRICS}

    def open(self, page_id: str) -> dict:
        """Click the page's menu link; the view's time and what it took."""
        link = self.page.locator(f'[data-testid="stSidebar"] [data-testid="stPageLink"] '
                                 f'a[href="{BY_ID[page_id].url_path}"]')
        self.page.evaluate("() => window.__bench.reset()")
        self.sent.take()
        browser_before, server_before = self._main_thread(), cpu_seconds(self.server_pid)
        clicked = time.perf_counter()
        link.click()
        deadline = time.monotonic() + TIMEOUT_MS / 1000
        try:
            while True:
                self.page.wait_for_function("q => window.__bench.settled(q)", arg=QUIET_MS, timeout=TIMEOUT_MS,
                                            polling=50)
                if self.sent.run_over():
                    break
                if time.monotonic() > deadline:
                    raise PlaywrightTimeout("the server never said the run was over")
                self.page.wait_for_timeout(50)
        except PlaywrightTimeout:
            raise SystemExit(f"{page_id} not drawn in {TIMEOUT_MS / 1000:.0f} s: "
                             f"{self.page.evaluate('() => window.__bench.stuck()')}") from None
        # Seen from here (the click's round trip and the polling included): a check on the page's own clock.
        waited = time.perf_counter() - clicked - QUIET_MS / 1000
        view = self.page.evaluate("() => window.__bench.summary()")
        view["waited_seconds"] = waited
        view["server_cpu"] = cpu_seconds(self.server_pid) - server_before
        after = self._main_thread()
        view.update({f"browser_{name}": after[name] - browser_before[name] for name in CPU_METRICS})
        view["sent"] = self.sent.take()
        if view["errors"]:
            print(f"  {page_id}: {view['errors']} error(s) shown on the page", flush=True)
        return view


def change_data(url: str, how: str) -> None:
    """New data for the cold view: one attendance row at the latest session of the period shown
    (the data version changes, and so do the figures), with every figure kept by month deleted and
    every table's number of changes moved too, as after an import of every file (`forget`), or
    only the write counter bumped (`bump`)."""
    engine = open_store(url)
    shown = preset_period("last_12_months", date.today())
    with engine.begin() as conn:
        if how == "forget":
            conn.execute(delete(MonthFigure))
            conn.execute(update(TableChange).values(changes=TableChange.changes + 1))
        if how in ("attendance", "forget"):
            session = conn.execute(select(ProgrammeSession.id).where(ProgrammeSession.date <= shown.end)
                                   .order_by(ProgrammeSession.date.desc()).limit(1)).scalar()
            registered = select(Attendance.participant_id).where(Attendance.session_id == session)
            person = conn.execute(select(Participant.id).where(Participant.role == "young_person",
                                                               Participant.id.not_in(registered)).limit(1)).scalar()
            conn.execute(insert(Attendance).values(session_id=session, participant_id=person, attended=True,
                                                   role_in_session="participant"))
        bump_write_counter(conn)
    engine.dispose()


def bench_page(browser: Browser, url: str, page_id: str, runs: int, cold: str) -> dict:
    parking = PARKING[0] if page_id != PARKING[0] else PARKING[1]
    browser.open(parking)
    change_data(url, cold)
    cold_view = browser.open(page_id)
    warm = []
    for _ in range(runs):
        browser.open(parking)
        warm.append(browser.open(page_id))
    seconds = [v["seconds"] for v in warm]
    return {"page": page_id, "cold": cold_view["seconds"], "warm_median": statistics.median(seconds),
            "warm_max": max(seconds), "charts": cold_view["charts"], "cold_view": cold_view, "warm_views": warm}


def prepare_store(args, work: Path) -> str:
    """The scale store to serve: the given URL (built there when it holds no participant yet; the cold
    views add rows to it), or a copy of /tmp/coprod_scale_<scale>.db (built first if missing)."""
    if args.database_url:
        url = args.database_url
        engine = open_store(url)
        with engine.connect() as conn:
            empty = conn.execute(select(Participant.id).limit(1)).first() is None
        engine.dispose()
    else:
        source = Path(f"/tmp/coprod_scale_{args.scale:g}.db")
        empty = not source.exists()
        url = f"sqlite:///{source}"
    if empty:
        print(f"building the scale {args.scale:g} store at {url} ...", flush=True)
        build(url, args.scale)
    if not args.database_url:
        shutil.copy(source, work / "store.db")
        url = f"sqlite:///{work / 'store.db'}"
    with_role_accounts(url)
    return url


def admin_menu(wanted: list[str] | None) -> list[str]:
    ids = [spec.page_id for _section, specs in role_sections("admin") for spec in specs]
    unknown = set(wanted or ()) - set(ids)
    if unknown:
        raise SystemExit(f"not in the admin's menu: {', '.join(sorted(unknown))}")
    return [page_id for page_id in ids if not wanted or page_id in wanted]


def verdict(result: dict) -> str:
    return "ok" if result["warm_max"] <= WARM_TARGET_S and result["cold"] <= COLD_TARGET_S else "SLOW"


def store_name(args) -> str:
    return make_url(args.database_url).render_as_string(hide_password=True) if args.database_url else \
        f"SQLite (a copy of /tmp/coprod_scale_{args.scale:g}.db)"


def print_results(results: list[dict], args) -> None:
    store = store_name(args) if args.database_url else f"scale {args.scale:g}, {store_name(args)}"  # a URL: as built
    print(f"\n{store}; one cold view (--cold {args.cold}) and "
          f"{args.runs} warm views per page; targets: warm <= {WARM_TARGET_S:g} s, cold <= {COLD_TARGET_S:g} s")
    print(f"{'page':<20}{'first s':>8}{'cold s':>8}{'warm med':>9}{'warm max':>9}{'charts':>7}{'hidden':>7}"
          f"{'chart rows':>11}{'marks':>7}{'largest':>8}  verdict")
    for r in results:
        c = r["cold_view"]
        print(f"{r['page']:<20}{r['first']:>8.2f}{r['cold']:>8.2f}{r['warm_median']:>9.2f}{r['warm_max']:>9.2f}"
              f"{r['charts']:>7}{c['hidden_charts']:>7}{sum(c['sent']['chart_rows']):>11,}{c['marks']:>7,}"
              f"{max(c['chart_marks'], default=0):>8,}  {verdict(r)}")
    print("\nwhere the time went: 'script' is the click to the server's last message of the run (cold, and the "
          "warm median); then for the cold view: the server's CPU seconds, the browser's main-thread seconds (all, "
          "scripts, layout and style, the longest task), script runs, and what the server sent")
    print(f"{'page':<20}{'script':>7}{'warm':>6}{'server':>7}{'browser':>8}{'js':>6}{'layout':>7}{'longest':>8}"
          f"{'runs':>5}{'elements':>9}{'kB sent':>8}{'options':>8}{'table rows':>11}{'DOM nodes':>10}")
    for r in results:
        c, s = r["cold_view"], r["cold_view"]["sent"]
        layout = c["browser_LayoutDuration"] + c["browser_RecalcStyleDuration"]
        warm_script = statistics.median(v["script_seconds"] for v in r["warm_views"])
        print(f"{r['page']:<20}{c['script_seconds']:>7.2f}{warm_script:>6.2f}{c['server_cpu']:>7.2f}"
              f"{c['browser_TaskDuration']:>8.2f}{c['browser_ScriptDuration']:>6.2f}{layout:>7.2f}"
              f"{c['longest_task']:>8.2f}{s['runs']:>5}{s['elements']:>9}{s['kb']:>8.0f}{s['options']:>8,}"
              f"{s['table_rows']:>11,}{c['nodes']:>10,}")


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--scale", type=float, default=1.0)
    parser.add_argument("--database-url", help="serve this store (PostgreSQL or SQLite) instead of a copy of "
                                               "/tmp/coprod_scale_<scale>.db; the cold views add rows to it")
    parser.add_argument("--runs", type=int, default=3, help="warm views per page")
    parser.add_argument("--pages", nargs="*", help="page ids (default: the admin's whole menu)")
    parser.add_argument("--cold", choices=("attendance", "forget", "bump"), default="attendance",
                        help="how the data changes before the cold view (default: one attendance row added in "
                             "the period shown; forget: and no figure kept, as after an import of every file)")
    parser.add_argument("--json", type=Path, help="also write the results here")
    args = parser.parse_args()
    pages = admin_menu(args.pages)

    load_before = os.getloadavg()[0]
    work = Path(tempfile.mkdtemp(prefix="coprod-browser-bench-"))
    try:
        url = prepare_store(args, work)
        with served(url, work / "server.log") as (proc, base), chromium() as chrome:
            tab = chrome.new_context(viewport=VIEWPORT).new_page()
            browser = Browser(tab, proc.pid)
            sign_in(tab, base)   # lands on the admin's home page, the overview
            tab.wait_for_selector('[data-testid="stApp"][data-test-script-state="notRunning"]', timeout=TIMEOUT_MS)
            # Every page once: the server's imports, the browser's code. The overview's is its second
            # view: signing in showed it first.
            first = {PARKING[0]: browser.open(PARKING[0])["seconds"]}
            for page_id in admin_menu(None):
                if page_id != PARKING[0]:
                    first[page_id] = browser.open(page_id)["seconds"]
            results = []
            for page_id in pages:
                result = bench_page(browser, url, page_id, args.runs, args.cold)
                result["first"] = first[page_id]
                results.append(result)
                print(f"  {page_id}: cold {result['cold']:.2f} s, warm {result['warm_median']:.2f} s", flush=True)
    finally:
        shutil.rmtree(work, ignore_errors=True)
    load = (load_before, os.getloadavg()[0])
    print_results(results, args)
    print(f"\nload average (1 min) on {os.cpu_count()} cores: {load[0]:.1f} at the start, {load[1]:.1f} at the end; "
          "above 1-2 the machine was shared and every time is longer")
    if args.json:
        args.json.write_text(json.dumps({"scale": args.scale, "database": store_name(args),
                                         "cold": args.cold, "runs": args.runs, "cpus": os.cpu_count(), "load": load,
                                         "taken": time.strftime("%Y-%m-%d %H:%M"), "pages": results}, indent=1))
    return 0 if all(verdict(r) == "ok" for r in results) else 1


if __name__ == "__main__":
    sys.exit(main())
