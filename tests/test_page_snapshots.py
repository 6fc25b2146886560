"""The board snapshots page through the real app (AppTest): what trustees and admins see and do.

Figures: the two snapshots of tests/snapshot_helpers.py at k = 3, protected, worked out by hand
in tests/test_snapshot_compare.py.
"""

import json
import re

import pytest

from board_snapshots.saved import list_snapshots
from components.registry import PAGES
from data.importing import import_sources
from models.audit import recent
from models.schema import open_store
from tests.apptest_helpers import charts, open_deep_link
from tests.snapshot_helpers import EARLIER, LATER, PARTICIPANT_CODES, add_power_ratings, take_both
from tests.test_snapshots import LATE_DATA

PAGE = "pages/snapshots.py"


def plain(text: str) -> str:
    """Markdown-escaped text as a reader sees it."""
    return re.sub(r"\\(.)", r"\1", text)


def texts(at) -> str:
    return "\n".join(plain(m.value) for m in at.markdown)


def metrics(at) -> dict[str, str]:
    return {plain(m.label): m.value for m in at.metric}


def table(at, first_column: str):
    return next(d.value for d in at.dataframe if d.value.columns[0] == first_column)


@pytest.fixture
def url(small_org_url):
    engine = open_store(small_org_url)
    add_power_ratings(engine)
    take_both(engine, k=3)
    return small_org_url


def open_page(url, monkeypatch, role="trustee", **query):
    at = open_deep_link(url, monkeypatch, PAGE, role, **query)
    assert not at.exception, at.exception
    return at


def test_a_trustee_sees_the_latest_snapshot_side_by_side_with_the_one_before(url, monkeypatch):
    at = open_page(url, monkeypatch)
    assert [h.value for h in at.header] == [LATER]
    assert at.query_params["snapshot"] in (LATER, [LATER])  # the link in the address bar reopens it
    shown = metrics(at)
    assert shown["This time: Board Q1 2024"] == "50 out of 100"  # 50.43
    assert shown["Last time: Board Q4 2023"] == "50 out of 100"  # 50.0
    words = texts(at)
    assert "Amber: needs attention" in words and "Red: slipping" not in words
    assert "- The health index stayed at 50 out of 100 (still amber)." in words
    assert "- Attendance fell from 100% to 75% (down 25 points)." in words  # 3/3 (2 of 3 rounded), then 9/12
    assert "- Young people's rating of 'power and inclusion' rose from 3.3 to 3.8." in words
    key = table(at, "Figure").values.tolist()
    assert ["Young people taking part", "6", "fewer than 3", "cannot compare"] in key  # 7 -> 6
    assert ["Feedback waiting over 30 days", "2", "2", "no change"] in key
    principles = table(at, "Principle").values.tolist()
    assert ["Power and inclusion", "Young people", "3.8", "3.3", "+0.5"] in principles
    assert ["Power and inclusion", "Staff", "4.0", "5.0", "-1.0"] in principles
    components = table(at, "Component (score out of 100)").values.tolist()
    assert ["Principles kept (ratings of 4 or 5)", "57", "100", "-43"] in components  # 12/21, then 3/3
    assert any("Counts of young people are rounded to a multiple of 3" in c.value for c in at.caption)
    # Trustees read; only admins take or delete snapshots.
    labels = [b.label for b in at.button]
    assert "Take the snapshot" not in labels and "Delete snapshot" not in labels
    downloads = [b.proto.label for b in at.get("download_button")]
    assert "Download the board pack (PDF)" in downloads
    # Health, young people each month, three sets of principles, feedback; no skills (both hidden).
    assert len(charts(at)) == 6 and downloads.count("Image (PNG)") == 6


def test_nothing_shown_holds_a_participant_code(url, monkeypatch):
    at = open_page(url, monkeypatch)
    seen = {plain(m.value) for m in at.markdown} | {c.value for c in at.caption}
    for d in at.dataframe:
        seen |= {str(v) for v in d.value.to_numpy().ravel()}
    for spec, data in charts(at):
        seen.add(json.dumps(spec))
        for frame in data:
            seen |= {str(v) for v in frame.to_numpy().ravel()}
    words = {w.strip(".,;:'()") for text in seen for w in text.split()}
    assert not words & set(PARTICIPANT_CODES)


@pytest.mark.parametrize("page", [spec for spec in PAGES if "trustee" not in spec.roles], ids=lambda s: s.page_id)
def test_a_trustee_cannot_reach_participant_level_pages(url, monkeypatch, page):
    at = open_deep_link(url, monkeypatch, page.path, "trustee")
    assert any("not available to your role" in w.value for w in at.warning)
    assert not at.dataframe and not at.metric and not charts(at)


def test_a_link_reopens_a_chosen_snapshot(url, monkeypatch):
    at = open_page(url, monkeypatch, snapshot=EARLIER)
    assert [h.value for h in at.header] == [EARLIER]
    assert "This is the first snapshot: there is nothing earlier to compare it with." in texts(at)
    assert metrics(at)["This time: Board Q4 2023"] == "50 out of 100"  # (100 + 100 + 0 + 0) / 4
    assert table(at, "Figure").columns.tolist() == ["Figure", "This time"]


def test_a_link_to_a_deleted_snapshot_says_so_and_shows_the_latest(url, monkeypatch):
    at = open_page(url, monkeypatch, snapshot="Gone")
    assert any("There is no snapshot called 'Gone'" in plain(w.value) for w in at.warning)
    assert [h.value for h in at.header] == [LATER]


def test_the_print_friendly_view_is_a_plain_page(url, monkeypatch):
    at = open_page(url, monkeypatch, snapshot=EARLIER, print="true")
    assert at.toggle[0].value is True
    style = [h.proto.body for h in at.get("html")]
    assert any('[data-testid="stSidebar"]' in body and "display: none" in body for body in style)
    assert [h.value for h in at.header] == [EARLIER]
    assert metrics(at)["This time: Board Q4 2023"] == "50 out of 100" and len(charts(at)) >= 1
    assert "Download the board pack (PDF)" not in [b.proto.label for b in at.get("download_button")]
    # Figures in fixed tables (every row on paper); the only grids left are the numbers behind each
    # chart, in expanders the print style hides; no list of snapshots.
    assert len(at.dataframe) == len(charts(at))
    printed = [t.value for t in at.table]
    assert [t.columns[0] for t in printed] == ["Component (score out of 100)", "Figure", "Principle"]
    assert ["Young people taking part", "fewer than 3"] in printed[1].values.tolist()
    plain_view = open_page(url, monkeypatch, "admin", snapshot=EARLIER, print="true")
    assert "Take the snapshot" not in [b.label for b in plain_view.button]
    assert "Delete snapshot" not in [b.label for b in plain_view.button]


def test_an_admin_takes_a_snapshot_then_downloads_the_pack(url, monkeypatch):
    at = open_page(url, monkeypatch, "admin")
    at.selectbox(key="take-period").set_value("custom").run()
    at.date_input(key="take-from").set_value("2024-01-01").run()
    at.date_input(key="take-to").set_value("2024-02-29").run()
    at.date_input(key="take-meeting").set_value("2024-04-20").run()
    at.text_input(key="take-name").input("Special meeting").run()
    next(b for b in at.button if b.label == "Take the snapshot").click().run()
    assert not at.exception
    assert any("Snapshot 'Special meeting' taken" in plain(s.value) for s in at.success)
    assert [h.value for h in at.header] == ["Special meeting"]  # opened at once, with its PDF button
    assert "Download the board pack (PDF)" in [b.proto.label for b in at.get("download_button")]
    engine = open_store(url)
    assert list(list_snapshots(engine)["name"]) == ["Special meeting", LATER, EARLIER]
    taken = recent(engine)
    assert ("u-admin", "board snapshot taken") == tuple(taken.iloc[0][["actor", "action"]])


def test_custom_dates_are_widened_to_whole_months_and_the_page_says_so(url, monkeypatch):
    at = open_page(url, monkeypatch, "admin")
    at.selectbox(key="take-period").set_value("custom").run()
    at.date_input(key="take-from").set_value("2024-01-10").run()
    at.date_input(key="take-to").set_value("2024-02-20").run()
    assert any("Snapshots cover whole months, so this one will cover 1 January 2024 to 29 February 2024: the "
               "whole months that 10 January 2024 to 20 February 2024 touch." in plain(i.value) for i in at.info)
    assert any("Covers 1 January 2024 to 29 February 2024 (60 days)." in c.value for c in at.caption)
    at.date_input(key="take-meeting").set_value("2024-04-20").run()
    at.text_input(key="take-name").input("Widened").run()
    next(b for b in at.button if b.label == "Take the snapshot").click().run()
    assert not at.exception and any("Snapshot 'Widened' taken" in plain(s.value) for s in at.success)
    periods = list_snapshots(open_store(url)).set_index("name")
    assert (str(periods.loc["Widened", "period_from"]), str(periods.loc["Widened", "period_to"])) == (
        "2024-01-01", "2024-02-29")


def test_whole_months_need_no_note(url, monkeypatch):
    at = open_page(url, monkeypatch, "admin")
    at.selectbox(key="take-period").set_value("custom").run()
    at.date_input(key="take-from").set_value("2024-01-01").run()
    at.date_input(key="take-to").set_value("2024-02-29").run()
    assert not any("Snapshots cover whole months" in plain(i.value) for i in at.info)


def test_a_duplicate_name_is_refused_on_the_page(url, monkeypatch):
    at = open_page(url, monkeypatch, "admin")
    at.text_input(key="take-name").input(LATER).run()
    next(b for b in at.button if b.label == "Take the snapshot").click().run()
    assert any(f"There is already a snapshot called '{LATER}'" in plain(e.value) for e in at.error)
    assert len(list_snapshots(open_store(url))) == 2


def test_an_admin_deletes_after_confirming_and_it_is_audited(url, monkeypatch):
    at = open_page(url, monkeypatch, "admin", snapshot=EARLIER)
    delete = next(b for b in at.button if b.label == "Delete snapshot")
    assert delete.disabled  # nothing happens before the box is ticked
    next(c for c in at.checkbox if "will be deleted for good" in plain(c.label)).check().run()
    next(b for b in at.button if b.label == "Delete snapshot").click().run()
    assert any(f"Snapshot '{EARLIER}' deleted." in plain(s.value) for s in at.success)
    assert [h.value for h in at.header] == [LATER]
    engine = open_store(url)
    assert list(list_snapshots(engine)["name"]) == [LATER]
    entry = recent(engine).iloc[0]
    assert (entry["actor"], entry["action"], json.loads(entry["detail"])) == (
        "u-admin", "board snapshot deleted", {"name": EARLIER})


def test_the_page_shows_frozen_figures_after_new_data_comes_in(url, monkeypatch):
    import_sources(open_store(url), LATE_DATA)  # three more young people in March 2024
    at = open_page(url, monkeypatch)
    # Frozen: 7 young people shown as 6 (the store now has 10, which would show as 9).
    assert ["Young people taking part", "6", "fewer than 3", "cannot compare"] in table(at, "Figure").values.tolist()
    assert metrics(at)["This time: Board Q1 2024"] == "50 out of 100"


def test_with_no_snapshots_yet(small_org_url, monkeypatch):
    at = open_page(small_org_url, monkeypatch)
    assert metrics(at) == {"Snapshots taken": "0"}
    assert any("An administrator takes one before each board meeting" in i.value for i in at.info)
