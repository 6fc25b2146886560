"""The "You said, we did" page lists a page of items at a time, newest first, and can show only
the items with chosen answers.

The small organisation raised FB1, FB2, FB3, FB4 and FB7 in Q1 2024 (tests/small_org.py). Here
40 more are added, FB100 to FB139, raised one a day from 1 January 2024, every fourth one done:
45 items in the quarter, so three pages of 20, 20 and 5. All of them are shown to young people
and trustees (staff approved them) unless a test says otherwise.
"""

from datetime import date, timedelta

from sqlalchemy import insert, update

from models.schema import open_store
from models.tables import FeedbackItem
from tests.apptest_helpers import open_deep_link

Q1_2024 = {"period": "Custom dates", "from": "2024-01-01", "to": "2024-03-31"}


def _said(at) -> list[str]:
    return [m.value.removeprefix("**You said:** ") for m in at.markdown if m.value.startswith("**You said:**")]


def _store_with_45_items(small_org_url) -> str:
    engine = open_store(small_org_url)
    with engine.begin() as conn:
        conn.execute(insert(FeedbackItem.__table__), [
            {"code": f"FB{100 + i}", "raised_on": date(2024, 1, 1) + timedelta(days=i), "you_said": f"Item FB{100 + i}",
             "status": "done" if i % 4 == 0 else "raised",
             "we_did": "Fixed" if i % 4 == 0 else None,
             "responded_on": date(2024, 4, 1) if i % 4 == 0 else None, "shown_to_all": True}
            for i in range(40)])
        conn.execute(update(FeedbackItem.__table__).values(shown_to_all=True))
    engine.dispose()
    return small_org_url


def test_items_come_a_page_of_twenty_at_a_time_newest_first(small_org_url, monkeypatch):
    at = open_deep_link(_store_with_45_items(small_org_url), monkeypatch, "pages/you_said_we_did.py",
                        "young_person", **Q1_2024)
    assert not at.exception
    assert {m.label: m.value for m in at.metric}["Things you raised"] == "45"
    first = _said(at)
    # Newest first, same day by code: FB7 (20 March), FB3 (10 March), FB4 (20 February), FB139
    # (9 February) down to FB131 (1 February), FB2 (1 February), then FB130 down to FB124.
    assert first == ["Item FB7", "Item FB3", "Item FB4", *[f"Item FB{n}" for n in range(139, 130, -1)],
                     "Item FB2", *[f"Item FB{n}" for n in range(130, 123, -1)]]
    assert "Showing 1 to 20 of 45, newest first." in [c.value for c in at.caption]
    page = next(n for n in at.number_input if n.label == "Page (of 3)")
    page.set_value(3).run()
    # Page 2 ends with FB1 (5 January), which comes before FB104 (also 5 January) by its code.
    assert _said(at) == [f"Item FB{n}" for n in (104, 103, 102, 101, 100)]
    assert "Showing 41 to 45 of 45, newest first." in [c.value for c in at.caption]


def test_showing_only_the_done_items(small_org_url, monkeypatch):
    at = open_deep_link(_store_with_45_items(small_org_url), monkeypatch, "pages/you_said_we_did.py",
                        "young_person", **Q1_2024)
    at.get("button_group")[0].set_value(["done"]).run()
    assert not at.exception
    # Done: FB1, FB2, FB3 and every fourth added item (FB100, FB104, ..., FB136): 13, one page.
    assert sorted(_said(at)) == sorted(["Item FB1", "Item FB2", "Item FB3",
                                        *[f"Item FB{n}" for n in range(100, 140, 4)]])
    assert not [n for n in at.number_input if n.label.startswith("Page")]
    assert "Showing 1 to 13 of 13, newest first." in [c.value for c in at.caption]


def test_a_trustee_may_download_the_chart_as_an_image(small_org_url, monkeypatch):
    # Feedback items are things raised, not young people: the chart a trustee sees is the same
    # exact chart, so its images may leave the app beside the CSV.
    at = open_deep_link(small_org_url, monkeypatch, "pages/you_said_we_did.py", "trustee", **Q1_2024)
    assert not at.exception
    assert [b.proto.label for b in at.get("download_button")] == [
        "Data (CSV, protected figures)", "Image (PNG)", "Image (SVG)"]


def _store_with_fb4_not_approved(small_org_url) -> str:
    """FB1, FB2, FB3 and FB7 approved; FB4 ("Item FB4", raised 20 February, no response) not yet."""
    engine = open_store(small_org_url)
    table = FeedbackItem.__table__
    with engine.begin() as conn:
        conn.execute(update(table).values(shown_to_all=table.c.code != "FB4"))
    engine.dispose()
    return small_org_url


def test_young_people_and_trustees_do_not_see_an_item_staff_have_not_approved(small_org_url, monkeypatch):
    url = _store_with_fb4_not_approved(small_org_url)
    for role in ("young_person", "trustee"):
        at = open_deep_link(url, monkeypatch, "pages/you_said_we_did.py", role, **Q1_2024)
        assert not at.exception
        assert _said(at) == ["Item FB7", "Item FB3", "Item FB2", "Item FB1"], role
        assert not [c for c in at.caption if "Not shown to young people and trustees yet" in c.value], role
        # The counts are about items, not people: they count every item raised.
        assert {m.label: m.value for m in at.metric}["Things you raised"] == "5", role


def test_admin_and_staff_see_every_item_with_those_not_shown_marked(small_org_url, monkeypatch):
    url = _store_with_fb4_not_approved(small_org_url)
    for role in ("admin", "staff"):
        at = open_deep_link(url, monkeypatch, "pages/you_said_we_did.py", role, **Q1_2024)
        assert not at.exception
        assert _said(at) == ["Item FB7", "Item FB3", "Item FB4", "Item FB2", "Item FB1"], role
        marks = [c.value for c in at.caption if c.value.endswith("Not shown to young people and trustees yet")]
        assert len(marks) == 1, role  # FB4's card only


def test_nothing_approved_yet_is_said_as_such(small_org_url, monkeypatch):
    engine = open_store(small_org_url)  # the small organisation's items: none approved
    engine.dispose()
    at = open_deep_link(small_org_url, monkeypatch, "pages/you_said_we_did.py", "young_person", **Q1_2024)
    assert not at.exception
    assert not _said(at)
    assert [i.value for i in at.info] == ["Nothing raised in this period is ready to share yet. Choose a longer "
                                          "period in the filters on the left."]
