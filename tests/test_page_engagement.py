"""The engagement page through the real app (AppTest): hand-worked figures on tests/small_org.py,
URL filters, and no suppressed figure in any chart.

Q1 2024 (k=5), young people's attended records (see test_measures_engagement.py for the detail):
  A Jan in person: Y1 Y2 Y4 (Y3 missed) | B Feb online: Y1 Y5 (Y6 missed) | C Mar in person: Y2 Y6 Y7
  F Mar hybrid: Y1 Y3. Previous 91 days: E Dec in person, Y1 Y5 came, Y7 missed.
"""

from pathlib import Path

from streamlit.testing.v1 import AppTest

from models.schema import open_store
from models.settings import set_setting
from tests import small_org
from tests.apptest_helpers import add_role_accounts, chart_rows, charts, metrics, open_deep_link

APP = str(Path(__file__).resolve().parent.parent / "app.py")
Q1_2024 = {"period": "Custom dates", "from": "2024-01-01", "to": "2024-03-31"}


def open_engagement(url: str, monkeypatch, role: str = "admin", **query) -> AppTest:
    return open_deep_link(url, monkeypatch, "pages/engagement.py", role, **query)


def mode_table(at: AppTest):
    return next(d.value for d in at.dataframe if "Mode" in d.value.columns and "Came back" in d.value.columns)


def resourcing_table(at: AppTest) -> dict:
    table = next(d.value for d in at.dataframe if "Paid per hour" in d.value.columns)
    return {row["Programme"]: row for row in table.to_dict("records")}


def chart_data(at: AppTest) -> dict[str, list[dict]]:
    """Each chart's rows, keyed by a column only that chart has."""
    found = {}
    for _, frames in charts(at):
        rows = [row for frame in frames for row in frame.to_dict("records")]
        columns = set().union(*(frame.columns for frame in frames))
        key = next(c for c in ("label", "took_part", "sessions", "young_people") if c in columns)
        found["reach" if key == "label" else key] = rows
    return found


def test_key_figures_are_the_hand_worked_ones_with_changes(small_org_url, monkeypatch):
    at = open_engagement(small_org_url, monkeypatch, **Q1_2024)
    assert not at.exception
    assert "Engagement" in [t.value for t in at.title]
    shown = {m.label: (m.value, m.delta) for m in at.metric}
    assert shown["Young people"][0] == "7"             # Y1-Y7
    assert shown["Sessions held"] == ("4", "+3")       # A, B, C, F; one (E) the period before
    assert shown["Attendance"][0] == "83%"             # 10 of 12 expected places
    assert shown["Came back"][0] == "29%"              # Y1 and Y5 of 7
    assert shown["Involvement hours"][0] == "21"       # 3x2 + 2x3 + 3x1.5 + 2x2 = 20.5, rounded half up
    assert shown["Youth-led sessions"] == ("50%", "+50 points")   # A and B; E was not
    # The period before rests on two young people: no change is shown against a hidden figure.
    assert not shown["Young people"][1] and not shown["Attendance"][1]
    assert all(m.help for m in at.metric)


def test_mode_table_hides_small_modes(small_org_url, monkeypatch):
    at = open_engagement(small_org_url, monkeypatch, **Q1_2024)
    table = mode_table(at).set_index("Mode")
    # In person: Y1 Y2 Y4 Y6 Y7; 6 of 7 places; Y1 came in person last period; 6 + 4.5 = 10.5 hours
    # (rounded half up).
    assert table.loc["In person"].tolist() == ["5", "2", "86%", "20%", "11", "50%"]
    # Online (Y1, Y5) and hybrid (Y1, Y3) rest on two young people each; sessions are not hidden.
    assert table.loc["Online"].tolist() == ["hidden", "1", "hidden", "hidden", "hidden", "100%"]
    assert table.loc["Hybrid"].tolist() == ["hidden", "1", "hidden", "hidden", "hidden", "0%"]


def test_charts_hold_no_suppressed_figure_and_stay_small(small_org_url, monkeypatch):
    at = open_engagement(small_org_url, monkeypatch, **Q1_2024)
    drawn = charts(at)
    # No stage grid: Podcast's stages rest on Y1 Y2 Y4 Y5 (4), Keeping It Social's on Y2 Y6 Y7 (3).
    assert len(drawn) == 3 and "took_part" not in chart_data(at)
    assert any("Every programme's stages rest on fewer than 5" in i.value for i in at.info)
    assert all(chart_rows(frames) <= 5000 for _, frames in drawn)
    data = chart_data(at)
    # Only March as a whole has five young people; January (3), February (2) and every mode are hidden.
    assert [(r["month"], r["mode"], r["young_people"]) for r in data["young_people"]] == [("2024-03", "All modes", 5)]
    assert {(r["month"], r["mode"], r["sessions"]) for r in data["sessions"]} == {
        ("2024-01", "All modes", 1), ("2024-01", "In person", 1), ("2024-02", "All modes", 1),
        ("2024-02", "Online", 1), ("2024-03", "All modes", 2), ("2024-03", "In person", 1),
        ("2024-03", "Hybrid", 1)}
    # Age bands (3 and 4) and care experience (2, 3, 2) are hidden; only disability 'not recorded'
    # (all 7) and empty groups (0) are drawn.
    reach = {(r["characteristic"], r["group"]): r["young_people"] for r in data["reach"]}
    assert reach[("Disability / SEND", "Not recorded")] == 7
    assert set(reach.values()) == {0, 7}
    assert ("Age band", "11 to 15") not in reach and ("Care experienced", "Yes") not in reach
    # Captions are escaped markdown: compare the text people see.
    assert any("Age band: 11 to 15, 16 to 18" in c.value.replace("\\", "") for c in at.caption)


def test_stage_grid_shows_each_programmes_stages(small_org_url, monkeypatch):
    set_setting(open_store(small_org_url), "suppression_k", 3)  # the stages rest on 4 and 3 young people
    at = open_engagement(small_org_url, monkeypatch, **Q1_2024)
    grid = {(r["programme"], r["stage"]): r["mark"] for r in chart_data(at)["took_part"]}
    assert {cell for cell, mark in grid.items() if mark == "✓"} == {
        ("Podcast (2 of 4)", "Plan"), ("Podcast (2 of 4)", "Design"), ("Keeping It Social (1 of 4)", "Deliver")}
    assert len(grid) == 8
    # Eight squares: a small grid, with a tick or a dash written in each, and the note says so.
    assert any("a tick marks a stage where at least one young person came" in c.value for c in at.caption)


def test_every_chart_has_its_numbers_and_downloads(small_org_url, monkeypatch):
    set_setting(open_store(small_org_url), "suppression_k", 3)  # with the stage grid (see above)
    at = open_engagement(small_org_url, monkeypatch, **Q1_2024)
    assert [e.label for e in at.expander].count("Show the numbers") == 4
    # The admin's working view: one download a chart, the CSV of protected figures; no images,
    # which would be drawn from exact figures.
    assert [b.proto.label for b in at.get("download_button")] == ["Data (CSV, protected figures)"] * 4


def test_programme_filter_from_the_url(small_org_url, monkeypatch):
    at = open_engagement(small_org_url, monkeypatch, programme=["Keeping It Social"], **Q1_2024)
    assert not at.exception
    assert at.multiselect[0].value == ["P2"]
    shown = metrics(at)
    assert shown["Young people"] == "fewer than 5"     # Y2, Y6, Y7 at C
    assert shown["Sessions held"] == "1"
    assert shown["Youth-led sessions"] == "0%"
    data = chart_data(at)
    assert "young_people" not in data and "reach" not in data     # every month and group rests on 1-3
    assert "took_part" not in data                                  # its stages too (Y2 Y6 Y7)
    assert any("Every month has fewer than 5" in i.value for i in at.info)
    assert any("Every group has fewer than 5" in i.value for i in at.info)


def test_an_empty_period_says_what_to_do(small_org_url, monkeypatch):
    at = open_engagement(small_org_url, monkeypatch, period="Custom dates",
                         **{"from": "2030-01-01", "to": "2030-01-31"})
    assert not at.exception
    assert any("No sessions in this period" in i.value for i in at.info)
    assert not charts(at)


def test_all_time_has_nothing_to_compare_against(small_org_url, monkeypatch):
    at = open_engagement(small_org_url, monkeypatch, period="All time")
    assert any("No comparison" in c.value for c in at.caption)
    assert all(not m.delta for m in at.metric)
    assert metrics(at)["Came back"] == "no data"
    assert set(mode_table(at)["Came back"]) <= {"no data", "hidden"}


def test_valuing_young_peoples_expertise(small_org_url, monkeypatch):
    """£90 paid for 20.5 hours: £4.39 an hour, in pounds and pence; 7 of 10 attendances paid;
    £5 expenses (tests/test_resourcing.py). Both programmes rest on fewer than 5 young people,
    or would give the other away."""
    at = open_engagement(small_org_url, monkeypatch, **Q1_2024)
    assert "Valuing young people's expertise" in [h.value for h in at.header]
    shown = {m.label: (m.value, m.delta) for m in at.metric}
    assert shown["Paid to young people"][0] == "£90"
    assert shown["Paid per hour"][0] == "£4.39"
    assert shown["Attendances paid"][0] == "70%"
    assert shown["Expenses"][0] == "£5"
    assert not shown["Paid per hour"][1]   # December rests on two young people: nothing to compare with
    table = resourcing_table(at)
    assert set(table) == {"Keeping It Social", "Podcast"}
    assert {value for row in table.values() for key, value in row.items() if key != "Programme"} == {"hidden"}
    assert any("2 programmes are 'hidden'" in c.value for c in at.caption)


def test_resourcing_by_programme_at_k_3(store_url, monkeypatch):
    engine = open_store(store_url)
    small_org.build(engine)
    add_role_accounts(engine)
    set_setting(engine, "suppression_k", 3)
    table = resourcing_table(open_engagement(store_url, monkeypatch, **Q1_2024))
    # Podcast: £60 for 16 hours = £3.75, 4 of 7 paid; Keeping It Social: £30 for 4.5 hours
    # (half up to 5) = £6.67, 3 of 3 paid.
    assert list(table["Podcast"].values()) == ["Podcast", "5", "16", "£60", "£3.75", "57%", "£5"]
    assert list(table["Keeping It Social"].values()) == ["Keeping It Social", "3", "5", "£30", "£6.67", "100%", "£0"]
