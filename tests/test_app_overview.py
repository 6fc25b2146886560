"""The overview page through the real app (AppTest): hand-worked figures, URL filters, charts."""

from pathlib import Path

from streamlit.testing.v1 import AppTest

from data.demo.accounts import demo_password
from models.schema import open_store
from tests.apptest_helpers import chart_rows, charts, metrics, open_deep_link, sign_in_as

APP = str(Path(__file__).resolve().parent.parent / "app.py")
Q1_2024 = {"period": "Custom dates", "from": "2024-01-01", "to": "2024-03-31"}


def run_app(url: str, monkeypatch, role: str = "admin", **query) -> AppTest:
    return open_deep_link(url, monkeypatch, "pages/overview.py", role, **query)


def test_overview_shows_hand_worked_figures_for_a_url_period(small_org_url, monkeypatch):
    at = run_app(small_org_url, monkeypatch, **Q1_2024)
    assert not at.exception
    shown = metrics(at)
    assert shown["Health index (out of 100)"] == "56"
    assert shown["Young people"] == "7"
    assert shown["Came back"] == "29%"
    assert shown["Attendance"] == "83%"
    assert shown["Youth-led sessions"] == "50%"
    assert shown["'Doing with' sessions"] == "67%"
    assert shown["Feedback told back"] == "40%"
    assert shown["Feedback overdue"] == "2"
    assert shown["Paid to young people"] == "£90"
    assert any("Amber" in m.value for m in at.markdown)


def test_programme_filter_from_the_url_suppresses_small_groups(small_org_url, monkeypatch):
    at = run_app(small_org_url, monkeypatch, programme=["Keeping It Social"], **Q1_2024)
    assert not at.exception
    assert at.multiselect[0].value == ["P2"]
    shown = metrics(at)
    assert shown["Young people"] == "fewer than 5"
    assert shown["Attendance"] == "fewer than 5"
    assert shown["Youth-led sessions"] == "0%"


def test_charts_leave_out_suppressed_months_and_stay_small(small_org_url, monkeypatch):
    at = run_app(small_org_url, monkeypatch, **Q1_2024)
    drawn = charts(at)
    assert len(drawn) == 3
    assert all(chart_rows(frames) <= 5000 for _, frames in drawn)
    # January (3 young people) and February (2) are under k=5; March (5) is shown.
    active = next(frames[0] for _, frames in drawn if "active_young_people" in frames[0].columns)
    assert active[["month", "active_young_people"]].values.tolist() == [["2024-03", 5]]


def test_every_chart_has_its_numbers_and_downloads(small_org_url, monkeypatch):
    at = run_app(small_org_url, monkeypatch, **Q1_2024)
    expanders = [e.label for e in at.expander]
    assert expanders.count("Show the numbers") == 3
    # The admin's working view: one download a chart, the CSV of protected figures (no images,
    # which would be drawn from exact figures).
    assert [b.proto.label for b in at.get("download_button")] == ["Data (CSV, protected figures)"] * 3


def test_a_trustee_sees_protected_figures_worked_out_by_hand(small_org_url, monkeypatch):
    at = run_app(small_org_url, monkeypatch, role="trustee", **Q1_2024)
    assert not at.exception
    shown = metrics(at)
    # Counts are rounded half up to a multiple of k=5; shares are made from rounded parts.
    assert shown["Young people"] == "5"              # 7 -> 5
    assert shown["Came back"] == "0%"                # 2 came back -> 0, of 7 -> 5
    assert shown["Attendance"] == "100%"             # 10 attended records -> 10, of 12 expected -> 10
    assert shown["Youth-led sessions"] == "50%"      # sessions: not about young people, exact
    assert shown["'Doing with' sessions"] == "67%"
    assert shown["Paid to young people"] == "£100"   # £90 -> nearest £50
    # Health index from protected components: attendance 100, share improved 100 (4 of 6 pairs
    # -> 5 of 5), principles 67 (9 of 15 ratings of 4-5 -> 10 of 15), feedback 20 (exact),
    # youth-led 50: (100 + 100 + 66.7 + 20 + 50) / 5 = 67.3.
    assert shown["Health index (out of 100)"] == "67"
    assert any("rounded to the nearest 5" in c.value for c in at.caption)
    assert "Image (PNG)" in [b.proto.label for b in at.get("download_button")]


def test_a_trustee_cannot_cross_two_characteristics(small_org_url, monkeypatch):
    at = run_app(small_org_url, monkeypatch, role="trustee", age=["11 15"], care=["Yes"], **Q1_2024)
    assert not at.exception
    assert any("one of age band, disability and care experience at a time" in e.value for e in at.error)
    assert not metrics(at)


def test_rerun_after_a_filter_change_goes_through_the_app(small_org_url, monkeypatch):
    at = run_app(small_org_url, monkeypatch, **Q1_2024)
    at.multiselect[0].set_value(["P1"]).run()
    assert not at.exception
    assert metrics(at)["Young people"] == "5"   # Y1-Y5 came to A, B or F


def test_an_empty_period_says_what_to_do(small_org_url, monkeypatch):
    at = run_app(small_org_url, monkeypatch, period="Custom dates", **{"from": "2030-01-01", "to": "2030-01-31"})
    assert not at.exception
    assert any("No sessions with young people" in i.value for i in at.info)


def test_first_start_with_no_store_writes_demo_data_and_demo_accounts(store_url, monkeypatch):
    monkeypatch.setenv("DATABASE_URL", store_url)
    at = AppTest.from_file(APP, default_timeout=60).run()
    assert not at.exception
    assert any("demo data" in w.value.lower() for w in at.sidebar.warning)
    # AppTest has no client address: not known to be this machine, so no passwords are listed
    assert not at.table
    at.text_input[0].input("demo-admin")
    at.text_input[1].input(demo_password(open_store(store_url), "demo-admin"))  # random per installation
    at.button[0].click().run()
    assert any("Signed in" in m.value for m in at.success)
    at.run()  # in a browser, the cookie component's own rerun
    assert not at.exception
    assert any("demo data" in i.value.lower() for i in at.info)
    assert len(charts(at)) == 3


def test_all_time_has_nothing_to_compare_against(small_org_url, monkeypatch):
    at = run_app(small_org_url, monkeypatch, period="All time")
    assert any("No comparison" in c.value for c in at.caption)
    assert all(m.delta is None or m.delta == "" for m in at.metric)
    assert metrics(at)["Came back"] == "no data"


def test_a_page_file_run_on_its_own_goes_through_the_app_shell(small_org_url, monkeypatch):
    """Streamlit may run a pages/ file directly (before any st.navigation call): the page
    must hand over to the shell, which decides what is drawn."""
    monkeypatch.setenv("DATABASE_URL", small_org_url)
    page = str(Path(APP).parent / "pages" / "overview.py")
    at = sign_in_as(AppTest.from_file(page, default_timeout=60), "staff")
    for key, value in Q1_2024.items():
        at.query_params[key] = value
    at.run()
    assert not at.exception
    # With no URL path, the shell starts at "/" and sends a staff member on to the overview
    # (filters start afresh there): drawn once, by the shell, not twice.
    assert [t.value for t in at.title] == ["Co-production health"]
    assert "Young people" in metrics(at)


def test_a_new_organisation_with_an_admin_gets_no_demo_data_but_guidance(store_url, monkeypatch):
    from auth.accounts import create
    engine = open_store(store_url)
    create(engine, "u-admin", "admin", "a-long-password-1", actor="test")
    at = run_app(store_url, monkeypatch)
    assert not at.exception
    assert not any("demo data" in i.value.lower() for i in at.info)
    guidance = " ".join(i.value for i in at.info)
    assert "Import sessions" in guidance and "python manage.py import" in guidance
    with engine.connect() as conn:
        assert conn.exec_driver_sql("SELECT count(*) FROM programmes").scalar() == 0
