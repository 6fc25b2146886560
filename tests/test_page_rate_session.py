"""The rating page, as a young person's phone opens it from a link: no account, only the session,
the questions and the thank-you; one plain message, and nothing else, for any link that is not
open. And the staff's live results page."""

from datetime import UTC, datetime, timedelta

import pytest
from streamlit.testing.v1 import AppTest

from data.rating_links.links import close_link, open_link
from data.rating_links.tokens import new_token
from models.clock import utcnow
from tests.apptest_helpers import APP_PATH, open_rating_link, sign_in_as


@pytest.fixture
def store(small_org_app):
    return small_org_app


def _everything_shown(at: AppTest) -> list[tuple[str, str]]:
    kinds = ("title", "markdown", "info", "success", "error", "radio", "text_input", "text_area", "button",
             "metric", "dataframe", "selectbox")
    return [(kind, str(getattr(element, "label", None) or getattr(element, "value", ""))) for kind in kinds
            for element in at.get(kind)]


def test_an_open_link_shows_the_session_and_one_question_per_principle_without_signing_in(store):
    link = open_link(store, "A", "staff-member")
    at = open_rating_link(link.token)
    assert not at.exception
    assert [t.value for t in at.title] == ["How was this session?"]
    assert "**A**  \n10 January 2024 · Podcast" in [m.value for m in at.markdown]
    assert [r.label for r in at.radio] == ["Space", "Voice", "Audience", "Influence"]
    assert at.radio[0].options == ["1: not at all", "2: a little", "3: some", "4: a lot", "5: completely"]
    assert not at.sidebar.get("selectbox") and "Sign in" not in str(_everything_shown(at))


def test_sending_saves_the_answers_and_says_what_happens_next(store):
    link = open_link(store, "A", "staff-member")
    at = open_rating_link(link.token)
    at.radio(key="rate-voice").set_value(4)
    at.text_area[0].input("Shorter sessions")
    at.button[0].click().run()
    assert not at.exception
    thanks = at.success[0].value
    assert "Your answers are saved" in thanks and "You said, we did" in thanks
    with store.connect() as conn:
        saved = conn.exec_driver_sql("SELECT score, rater_role FROM principle_ratings "
                                     "WHERE rating_code LIKE 'RL%'").all()
        said = conn.exec_driver_sql("SELECT you_said, status FROM feedback_items WHERE code LIKE 'YS-RL%'").all()
    assert [tuple(r) for r in saved] == [(4, "young_person")] and [tuple(r) for r in said] == [("Shorter sessions",
                                                                                                 "raised")]


def test_expired_closed_and_unknown_links_get_the_same_plain_message_and_nothing_else(store):
    expired = open_link(store, "A", "staff-member", hours=1, now=utcnow() - timedelta(hours=2))
    closed = open_link(store, "A", "staff-member")
    close_link(store, closed.link_id, "staff-member")
    shown = [_everything_shown(open_rating_link(token)) for token in (expired.token, closed.token, new_token(), "x")]
    assert shown[0] == shown[1] == shown[2] == shown[3]
    assert [kind for kind, _ in shown[0]] == ["title", "info"]
    assert "not open" in shown[0][1][1]


def test_the_live_results_page_counts_the_answers_and_waits_for_k(store):
    link = open_link(store, "A", "staff-member")
    from data.rating_links.responses import Answers, send
    for n in range(3):
        send(store, link.token, f"phone-{n}", None, Answers({"voice": 5}))
    at = AppTest.from_file(APP_PATH, default_timeout=60)
    sign_in_as(at, "staff")
    at.switch_page("pages/session_results.py").run()
    assert not at.exception
    assert [(m.label, m.value) for m in at.metric] == [("Sessions with a rating link open now", "1"),
                                                       ("Answers so far", "3")]
    assert "2 more answers needed" in at.info[0].value


def test_a_link_opened_long_ago_is_listed_as_ended_for_staff(store):
    start = datetime(2024, 1, 10, 9, 0, tzinfo=UTC)
    open_link(store, "A", "staff-member", hours=2, now=start)
    at = AppTest.from_file(APP_PATH, default_timeout=60)
    sign_in_as(at, "staff")
    at.switch_page("pages/session_results.py").run()
    assert not at.exception and at.selectbox(key="session").value == "A"
    assert not at.image   # no QR code: this browser did not open the link, and it has ended


def test_staff_open_a_link_on_the_record_page_see_its_qr_code_and_close_it(store):
    at = AppTest.from_file(APP_PATH, default_timeout=60)
    sign_in_as(at, "staff")
    at.query_params["form"] = "Rate a session"
    at.switch_page("pages/record.py").run()
    session = next(s for s in at.selectbox if s.key.startswith("rl-session-"))
    session.set_value("A").run()
    next(b for b in at.button if b.label == "Open a rating link").click().run()
    assert not at.exception
    assert any("Rating link open for session A" in s.value for s in at.success)
    link = next(c.value for c in at.code if "?rate=" in c.value)
    assert len(link.split("?rate=", 1)[1]) == 22 and len(at.image) == 1
    next(b for b in at.button if b.label == "Close it").click().run()
    assert any("Link closed" in s.value for s in at.success)
    with store.connect() as conn:
        actions = [r[0] for r in conn.exec_driver_sql("SELECT action FROM audit_log ORDER BY id")]
    assert actions[-2:] == ["rating link opened", "rating link closed"]
