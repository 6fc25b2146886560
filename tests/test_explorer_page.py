"""The explorer page through the real app (AppTest).

Every measure once and every split once (and two second splits) on the demo organisation: all
allowed pairs run as plain functions in tests/test_explorer_pairs.py, since one AppTest per pair
(109 of them) would take minutes. Then: a URL reproduces the view, small groups never reach a
chart spec, presentation mode, saving a view. Whoever opens it, the page shows protected figures
(the staff forum's audience: measures/explorer/protected.py).
"""

import json
from datetime import date

import pytest

from charts.explorer import chart_data
from data.saved_views import list_views
from measures.definitions import DEFINITIONS
from measures.explorer.catalogue import DIMENSIONS, MEASURES, allowed_pairs
from measures.explorer.protected import protected_view
from measures.filters import Filters, Period
from models.schema import open_store
from tests import small_org
from tests.apptest_helpers import add_role_accounts, charts, open_deep_link

PAGE = "pages/explorer.py"
LAST_YEAR = {"period": "Custom dates", "from": "2025-01-01", "to": "2025-12-31"}
Q1_2024 = {"period": "Custom dates", "from": "2024-01-01", "to": "2024-03-31"}
SAMPLE = [  # every measure and every split at least once
    ("active_young_people", "age_band", None), ("sessions_held", "activity_type", None),
    ("attendance_rate", "mode", None), ("returning_share", "quarter", None),
    ("involvement_hours", "disability", None), ("youth_led_share", "stage", None),
    ("doing_with_share", "programme", None), ("mean_skill_change", "skill", None),
    ("share_improved", "care_experienced", None), ("principle_mean", "rater_role", None),
    ("principle_share_4_5", "principle", None), ("feedback_raised", "month", None),
    ("told_back_share", "programme", None), ("median_days_to_tell_back", "quarter", None),
    ("sessions_held", "led_by", None), ("attendance_rate", "ladder_rung", None),
    ("principle_mean", "programme", "principle"), ("attendance_rate", "programme", "month"),
    ("representation", "care_experienced", None), ("depth", "depth_band", None),
]


@pytest.fixture(scope="module")
def demo_url(tmp_path_factory):
    from data.demo.organisation import load_demo
    url = f"sqlite:///{tmp_path_factory.mktemp('explorer_page')}/demo.db"
    engine = open_store(url)
    load_demo(engine, end=date(2026, 3, 31))
    add_role_accounts(engine)
    return url


@pytest.fixture(scope="module")
def lead_url(tmp_path_factory):
    """tests/lead_org.py (figures worked out in tests/test_explorer.py) with k = 3."""
    from models.settings import set_setting
    from tests import lead_org
    url = f"sqlite:///{tmp_path_factory.mktemp('explorer_lead')}/store.db"
    engine = open_store(url)
    lead_org.build(engine)
    add_role_accounts(engine)
    set_setting(engine, "suppression_k", 3)
    return url


@pytest.fixture(scope="module")
def small_url(tmp_path_factory):
    url = f"sqlite:///{tmp_path_factory.mktemp('explorer_small')}/store.db"
    engine = open_store(url)
    small_org.build(engine)
    add_role_accounts(engine)
    return url


def view_query(measure: str, dimension: str, by: str | None = None) -> dict:
    """The URL of a view: bound widgets show their options' words in the URL."""
    query = {"measure": MEASURES[measure].label, "split": DIMENSIONS[dimension].label}
    if by:
        query["by"] = DIMENSIONS[by].label
    return query


def open_explorer(url, monkeypatch, role="staff", **query):
    return open_deep_link(url, monkeypatch, PAGE, role, **query)


def test_the_sample_covers_every_measure_and_every_split():
    assert {m for m, _, _ in SAMPLE} == set(MEASURES)
    assert {d for _, d, _ in SAMPLE} == set(DIMENSIONS)
    assert all((m, d) in allowed_pairs() for m, d, _ in SAMPLE)


@pytest.mark.parametrize(("measure", "dimension", "by"), SAMPLE)
def test_a_sample_of_views_renders_with_its_definition_and_chart(demo_url, monkeypatch, measure, dimension, by):
    at = open_explorer(demo_url, monkeypatch, **LAST_YEAR, **view_query(measure, dimension, by))
    assert not at.exception
    assert at.selectbox(key="measure").value == measure and at.selectbox(key="split").value == dimension
    assert (at.selectbox(key="by").value or None) == by
    # The definition shown is the one text the measures document (measures/definitions.py).
    assert DEFINITIONS[measure] in [i.value for i in at.info]
    drawn = charts(at)
    assert len(drawn) == 1
    title = f"{MEASURES[measure].label} by {DIMENSIONS[dimension].label.lower()}"
    assert any(s.value.startswith(title) for s in at.subheader)
    assert len(at.dataframe) == 1   # the numbers behind the chart


def test_a_url_reproduces_the_view(demo_url, monkeypatch):
    query = {**LAST_YEAR, **view_query("attendance_rate", "month"), "programme": ["Home Truths podcast"],
             "stage": ["Deliver", "Review"], "when": "Apr to Jun 2025"}
    first = open_explorer(demo_url, monkeypatch, **query)
    assert not first.exception
    assert first.multiselect(key="programme").value == ["PODCAST"]
    assert first.multiselect(key="stage").value == ["deliver", "review"]
    assert first.selectbox(key="when").value == "2025-Q2"
    spec, frames = charts(first)[0]
    # What is drawn is exactly the explorer's protected answer for those choices: the second quarter of 2025.
    expected = chart_data(protected_view(open_store(demo_url), Period(date(2025, 4, 1), date(2025, 6, 30)),
                                         Filters(programmes=("PODCAST",)), "attendance_rate", "month", 5,
                                         focus=(("stage", ("deliver", "review")),)), "attendance_rate")
    drawn = ["label", "text", "young_people"]
    assert frames[0][drawn].to_dict("records") == expected[drawn].to_dict("records")
    assert all(n % 5 == 0 for n in frames[0]["young_people"])   # protected: multiples of k
    assert list(expected["label"]) == ["Apr 2025", "May 2025", "Jun 2025"]
    assert any(m.value.startswith("1 Apr 2025 to 30 Jun 2025") for m in first.markdown)
    again = open_explorer(demo_url, monkeypatch, **query)   # the same link, opened again by someone else
    spec_again, frames_again = charts(again)[0]
    assert spec_again == spec and frames_again[0].equals(frames[0])
    assert [m.value for m in again.markdown][:2] == [m.value for m in first.markdown][:2]


@pytest.mark.parametrize("role", ["staff", "admin"])
def test_small_groups_never_reach_the_chart_spec(small_url, monkeypatch, role):
    # Q1 2024, k=5 (tests/test_explorer.py has the working): attendance in person 6/7 from 6 young
    # people is shown; online (3 young people) and hybrid (2) are not. Protected, whoever looks
    # (an admin too: the explorer is for the staff forum): 6 attended of 7 expected records, both
    # -> 5 (1.2 and 1.4 fives round to 1), so 100%; 6 young people -> 5.
    at = open_explorer(small_url, monkeypatch, role, **Q1_2024, **view_query("attendance_rate", "mode"))
    assert not at.exception
    spec, frames = charts(at)[0]
    assert frames[0][["label", "text", "young_people"]].to_dict("records") == [
        {"label": "In person", "text": "100%", "young_people": 5}]
    everything = json.dumps(spec) + frames[0].to_json()
    assert "Online" not in everything and "Hybrid" not in everything
    assert list(frames[0]["group"]) == ["in_person"]
    table = at.dataframe[0].value
    assert list(table["Attendance rate"]) == ["100%", "fewer than 5", "fewer than 5"]
    assert list(table["Young people behind it"]) == ["5", "fewer than 5", "fewer than 5"]
    assert any("Not shown, to protect small numbers" in c.value and "Online; Hybrid" in c.value for c in at.caption)
    assert any("rounded to the nearest 5" in c.value for c in at.caption)   # components.audience.protected_note
    assert len(at.get("download_button")) == 3   # CSV and, the chart being protected, PNG and SVG
    # Both programmes hidden (one under 5 takes the other with it): nothing is drawn at all.
    at = open_explorer(small_url, monkeypatch, **Q1_2024, **view_query("active_young_people", "programme"))
    spec, frames = charts(at)[0]
    assert sum(len(f) for f in frames) == 0
    assert "Podcast" not in json.dumps(spec) and "Keeping It Social" not in json.dumps(spec)
    assert any("Nothing to show" in m.value for m in at.markdown)


def test_two_sensitive_characteristics_at_once_are_refused(small_url, monkeypatch):
    # Young people by age band, only the care experienced: age band and care experience together.
    at = open_explorer(small_url, monkeypatch, **Q1_2024, **view_query("active_young_people", "age_band"),
                       care=["Yes"])
    assert not at.exception
    assert any("not age band and care experience together" in e.value for e in at.error)
    assert not charts(at)
    # By programme, only the care experienced: one characteristic, shown.
    at = open_explorer(small_url, monkeypatch, **Q1_2024, **view_query("active_young_people", "programme"),
                       care=["Yes"])
    assert not at.error and len(charts(at)) == 1


def test_presentation_mode_shows_only_the_chart_and_its_sentence_large(demo_url, monkeypatch):
    at = open_explorer(demo_url, monkeypatch, **LAST_YEAR, **view_query("attendance_rate", "programme"),
                       present="true")
    assert not at.exception
    assert at.toggle(key="present").value is True
    assert "Saved views for the forum" not in [h.value for h in at.header]
    spec, _ = charts(at)[0]
    assert spec["layer"][1]["mark"]["fontSize"] == 26   # the large size of charts/explorer.py
    assert any(m.value.startswith("**Attendance rate was highest in") for m in at.markdown)
    normal = open_explorer(demo_url, monkeypatch, **LAST_YEAR, **view_query("attendance_rate", "programme"))
    assert "Saved views for the forum" in [h.value for h in normal.header]


def test_saving_the_view_on_screen_adds_it_to_the_shared_list(small_url, monkeypatch):
    query = {**Q1_2024, **view_query("attendance_rate", "mode")}
    at = open_explorer(small_url, monkeypatch, **query)
    name_box = next(t for t in at.text_input if t.label == "Name this view")
    name_box.input("Attendance by mode, Q1")
    next(b for b in at.button if b.label == "Save this view").click().run()
    assert not at.exception
    assert any("Saved 'Attendance by mode, Q1'" in s.value for s in at.success)
    views = list_views(open_store(small_url))
    saved = views[views["name"] == "Attendance by mode, Q1"].iloc[0]
    assert saved["created_by"] == "u-staff"
    assert dict(pair.split("=") for pair in saved["query"].split("&")) == {
        "period": "Custom+dates", "from": "2024-01-01", "to": "2024-03-31", "measure": "Attendance+rate",
        "split": "Mode"}
    # The same name again is refused, with the reason.
    name_box = next(t for t in at.text_input if t.label == "Name this view")
    name_box.input("attendance by mode, q1")
    next(b for b in at.button if b.label == "Save this view").click().run()
    assert any("already a view called" in e.value for e in at.error)
    # The list shows it with a button that opens its link.
    assert any("Attendance by mode, Q1" in m.value for m in at.markdown)


def test_who_gets_to_lead_shows_only_protected_figures(lead_url, monkeypatch):
    # Q1 2024, k=3, by disability: only "no" has a ratio to draw, (6/6) / (6/12) = 2.00 from
    # protected counts (the exact 12/7 = 1.71 is nowhere); the other groups' hidden counts say so.
    at = open_explorer(lead_url, monkeypatch, **Q1_2024, **view_query("representation", "disability"))
    assert not at.exception
    assert DEFINITIONS["representation"] in [i.value for i in at.info]
    spec, frames = charts(at)[0]
    assert frames[0][["label", "text"]].to_dict("records") == [{"label": "No", "text": "2.00"}]
    assert "1.71" not in json.dumps(spec) + frames[0].to_json()
    table = at.dataframe[0].value
    assert list(table["Taking part"]) == ["fewer than 3", "6", "fewer than 3", "fewer than 3"]
    assert list(table["Led or co-led a session"]) == ["0", "6", "0", "0"]
    assert list(table["Representation ratio (1 is fair)"]) == ["fewer than 3", "2.00", "fewer than 3", "fewer than 3"]
    assert any(m.value == "**Representation ratio \\(1 is fair\\) was 2\\.00 for No\\. 3 other groups are not "
               "shown, to protect small numbers \\(fewer than 3 young people\\)\\.**" for m in at.markdown)
    assert not at.selectbox(key="by").options[1:]   # no second split


def test_depth_shows_each_bands_interval_and_verdict(lead_url, monkeypatch):
    at = open_explorer(lead_url, monkeypatch, **Q1_2024, **view_query("depth", "depth_band"))
    assert not at.exception
    _, frames = charts(at)[0]
    assert frames[0][["label", "text"]].to_dict("records") == [
        {"label": "1 session", "text": "+0.6 (too few to say)"},
        {"label": "2 to 4 sessions", "text": "+0.1 (no clear change)"},
        {"label": "5 to 9 sessions", "text": "+0.9 (improved)"}]
    table = at.dataframe[0].value
    assert list(table["95% interval"]) == ["0.0 to +1.1", "-0.4 to +0.6", "+0.1 to +1.6"]
    assert list(table["Verdict"]) == ["too few to say", "no clear change", "improved"]
    assert list(table["Young people"]) == ["3", "6", "3"] and list(table["Pairs"]) == ["9", "21", "15"]
    assert any("fewer than 10 before\\-and\\-after pairs \\(counted before rounding\\)" in c.value for c in at.caption)
