"""Rating links: tokens, opening and closing, what a young person's answers become, the limits,
and the room's results, on the hand-worked small organisation (tests/small_org.py).

Session A (P1 "Podcast", 10 January 2024) has four young people on its register (Y1-Y4) and,
before any link, young people's ratings of 'voice' 3 and 4, staff's 5, and staff's 'influence' 2.
The organisation has rated Lundy's model 10 times and the core principles 6 times."""

from datetime import UTC, date, datetime, timedelta

import pytest
from sqlalchemy import func, select, text

from data.rating_links import responses, tokens
from data.rating_links.links import LinkProblem, close_link, find_link, links_for_session, open_link
from data.rating_links.responses import FULL, TOO_MANY, UNKNOWN_CODE, Answers, NotSaved, send
from data.rating_links.results import session_results
from models.tables import AuditEntry, FeedbackItem, PrincipleRating

NOW = datetime(2024, 1, 10, 15, 0, tzinfo=UTC)
R = PrincipleRating.__table__


def _ratings(engine) -> list[tuple]:
    q = text("SELECT p.code, r.rater_role, r.score, r.rated_on, r.rater_id FROM principle_ratings r "
             "JOIN principles p ON p.id = r.principle_id JOIN sessions s ON s.id = r.session_id "
             "WHERE s.code = 'A' AND r.rating_code LIKE 'RL%' ORDER BY p.code, r.score")
    with engine.connect() as conn:
        return [(*row[:3], str(row[3]), row[4]) for row in conn.execute(q)]  # SQLite gives dates as text


def _count(engine, table) -> int:
    with engine.connect() as conn:
        return conn.execute(select(func.count()).select_from(table)).scalar()


def _open(engine, **options):
    return open_link(engine, "A", "staff-member", now=NOW, **options)


def test_a_token_has_128_random_bits_and_the_store_keeps_only_its_hash(small_org):
    token = tokens.new_token()
    assert len(token) == 22 and tokens.looks_like_token(token) and tokens.new_token() != token
    assert tokens.same_token(token, tokens.token_hash(token))
    assert not tokens.same_token(token, tokens.token_hash(token + "x")) and not tokens.same_token(token, None)
    link = _open(small_org)
    with small_org.connect() as conn:
        stored = conn.execute(text("SELECT token_hash FROM rating_links")).scalar()
        audit = " ".join(conn.execute(select(AuditEntry.__table__.c.detail)).scalars())
    assert stored == tokens.token_hash(link.token) and link.token not in stored and link.token not in audit


def test_opening_uses_the_framework_rated_most_and_twice_the_register(small_org):
    link = _open(small_org)
    assert (link.session_code, link.framework, link.max_responses) == ("A", "lundy", 8)
    assert link.expires_at == NOW + timedelta(hours=48)
    found = find_link(small_org, link.token, now=NOW)
    assert (found.session_title, found.session_date, found.programme_name) == ("A", date(2024, 1, 10), "Podcast")
    assert [code for code, _ in found.principles] == ["space", "voice", "audience", "influence"]
    assert _open(small_org, framework="core_principles").framework == "core_principles"


@pytest.mark.parametrize(("session", "options", "says"), [
    ("NOPE", {}, "no session with the code 'NOPE'"),
    ("A", {"framework": "nope"}, "no framework with the code 'nope'"),
    ("A", {"hours": 0}, "between 1 minute and 14 days"),
])
def test_a_link_that_cannot_be_opened_says_why(small_org, session, options, says):
    with pytest.raises(LinkProblem, match=says):
        open_link(small_org, session, "staff-member", now=NOW, **options)


def test_an_expired_closed_or_unknown_link_finds_nothing(small_org):
    link = _open(small_org, hours=2)
    assert find_link(small_org, link.token, now=NOW + timedelta(hours=1)) is not None
    assert find_link(small_org, link.token, now=NOW + timedelta(hours=2)) is None   # expired
    assert find_link(small_org, tokens.new_token(), now=NOW) is None                # unknown
    assert find_link(small_org, "", now=NOW) is None
    assert close_link(small_org, link.link_id, "staff-member", now=NOW + timedelta(minutes=5))
    assert find_link(small_org, link.token, now=NOW + timedelta(minutes=10)) is None  # closed
    assert not close_link(small_org, link.link_id, "staff-member", now=NOW + timedelta(minutes=11))
    listed = links_for_session(small_org, "A", now=NOW + timedelta(minutes=12))
    assert listed[["responses", "is_open"]].values.tolist() == [[0, False]]


def test_answers_become_anonymous_young_peoples_ratings_of_the_session_day(small_org):
    link = _open(small_org)
    replaced = send(small_org, link.token, "phone-1", "10.0.0.1", Answers({"voice": 5, "space": 4, "audience": None}),
                    now=NOW)
    assert not replaced
    assert _ratings(small_org) == [("space", "young_person", 4, "2024-01-10", None),
                                   ("voice", "young_person", 5, "2024-01-10", None)]


def test_a_second_send_from_the_same_device_replaces_the_first(small_org):
    link = _open(small_org)
    before = _count(small_org, R)
    send(small_org, link.token, "phone-1", "10.0.0.1", Answers({"voice": 5, "space": 4}), now=NOW)
    assert send(small_org, link.token, "phone-1", "10.0.0.1", Answers({"voice": 2}), now=NOW)
    assert _ratings(small_org) == [("voice", "young_person", 2, "2024-01-10", None)]
    send(small_org, link.token, "phone-2", "10.0.0.1", Answers({"voice": 3}), now=NOW)
    assert _count(small_org, R) == before + 2
    assert links_for_session(small_org, "A", now=NOW)["responses"].tolist() == [2]


def test_a_code_joins_the_young_person_and_an_unknown_code_saves_nothing(small_org):
    link = _open(small_org)
    send(small_org, link.token, "phone-1", None, Answers({"voice": 4}, own_code="Y1"), now=NOW)
    with small_org.connect() as conn:
        rater = conn.execute(text("SELECT code FROM participants WHERE id = :i"),
                             {"i": _ratings(small_org)[0][4]}).scalar()
    assert rater == "Y1"
    before = _count(small_org, R)
    with pytest.raises(NotSaved, match=UNKNOWN_CODE):
        send(small_org, link.token, "phone-2", None, Answers({"voice": 4}, own_code="ZZ9"), now=NOW)
    assert _count(small_org, R) == before


def test_a_comment_waits_for_staff_and_its_text_stays_out_of_the_audit_log(small_org):
    link = _open(small_org)
    send(small_org, link.token, "phone-1", None, Answers({"voice": 4}, comment="More  snacks please"), now=NOW)
    feedback = FeedbackItem.__table__
    with small_org.connect() as conn:
        item = conn.execute(select(feedback.c.you_said, feedback.c.status, feedback.c.shown_to_all,
                                   feedback.c.raised_on).where(feedback.c.code.like("YS-RL%"))).one()
        audit = " ".join(conn.execute(select(AuditEntry.__table__.c.detail)).scalars())
    assert tuple(item) == ("More snacks please", "raised", False, date(2024, 1, 10))
    assert "snacks" not in audit and '"comment_given": true' in audit
    send(small_org, link.token, "phone-1", None, Answers({"voice": 4}), now=NOW)  # taken back
    assert _count(small_org, feedback) == 7


def test_new_answers_stop_at_the_cap_but_a_device_may_still_change_its_own(small_org):
    link = _open(small_org)   # cap 8: twice the four young people on the register
    for n in range(8):
        send(small_org, link.token, f"phone-{n}", f"10.0.0.{n}", Answers({"voice": 3}), now=NOW)
    with pytest.raises(NotSaved, match=FULL.split(".")[0]):
        send(small_org, link.token, "phone-9", "10.0.0.9", Answers({"voice": 3}), now=NOW)
    assert find_link(small_org, link.token, now=NOW) is None
    assert find_link(small_org, link.token, now=NOW, device="phone-0") is not None
    assert send(small_org, link.token, "phone-0", "10.0.0.0", Answers({"voice": 1}), now=NOW)


def test_one_address_sending_new_answers_too_fast_is_slowed_down(small_org, monkeypatch):
    monkeypatch.setattr(responses, "RATE_LIMIT", 2)
    link = _open(small_org)
    for n in range(2):
        send(small_org, link.token, f"phone-{n}", "10.0.0.1", Answers({"voice": 3}), now=NOW)
    with pytest.raises(NotSaved, match=TOO_MANY.split(".")[0]):
        send(small_org, link.token, "phone-2", "10.0.0.1", Answers({"voice": 3}), now=NOW)
    send(small_org, link.token, "phone-2", "10.0.0.2", Answers({"voice": 3}), now=NOW)   # another address
    send(small_org, link.token, "phone-3", "10.0.0.1", Answers({"voice": 3}),
         now=NOW + responses.RATE_WINDOW + timedelta(seconds=1))                        # later


def test_no_answers_and_a_closed_link_save_nothing(small_org):
    link = _open(small_org)
    with pytest.raises(NotSaved, match="at least one"):
        send(small_org, link.token, "phone-1", None, Answers({"voice": None}), now=NOW)
    close_link(small_org, link.link_id, "staff-member", now=NOW)
    with pytest.raises(NotSaved, match="not open any more"):
        send(small_org, link.token, "phone-1", None, Answers({"voice": 4}), now=NOW)


def test_the_room_sees_means_once_k_young_people_have_answered(small_org):
    link = _open(small_org)
    for n in range(4):
        send(small_org, link.token, f"phone-{n}", None, Answers({"voice": 5, "influence": 4}), now=NOW)
    waiting = session_results(small_org, "A", 5)
    assert (waiting.answers, waiting.needed, waiting.means.empty) == (4, 1, True)
    send(small_org, link.token, "phone-4", None, Answers({"voice": 5, "influence": 4}), now=NOW)
    shown = session_results(small_org, "A", 5)
    assert (shown.answers, shown.needed) == (5, 0)
    # voice: young people 3, 4 and five 5s = 32 / 7 = 4.57 -> 4.6; staff 5. influence: 4.0; staff 2.
    assert shown.means.values.tolist() == [["Voice", 4.6, 5.0], ["Influence", 4.0, 2.0]]


def test_the_command_prints_the_link_once_and_refuses_an_unknown_session(small_org, store_url, monkeypatch, capsys,
                                                                         tmp_path):
    from cli.main import main
    monkeypatch.setenv("DATABASE_URL", store_url)
    assert main(["rating-link", "A", "--hours", "2", "--qr", str(tmp_path / "qr.svg")]) == 0
    printed = capsys.readouterr().out.splitlines()
    assert printed[0].startswith("http://localhost:8501/?rate=")
    assert "session A, framework lundy, up to 8 answers" in printed[1]
    assert find_link(small_org, printed[0].split("=", 1)[1]) is not None
    assert (tmp_path / "qr.svg").read_bytes().startswith(b"<?xml") and b"<svg" in (tmp_path / "qr.svg").read_bytes()
    assert main(["rating-link", "NOPE"]) == 2
    assert capsys.readouterr().err.strip() == "No link opened: There is no session with the code 'NOPE'."


def test_the_qr_code_is_a_png_large_enough_to_scan_across_a_room():
    from data.rating_links.qr import qr_png, rating_url
    png = qr_png(rating_url("https://dashboard.example.org/", "x" * 22))
    width = int.from_bytes(png[16:20], "big")
    assert png.startswith(b"\x89PNG") and width >= 400
    assert rating_url("https://dashboard.example.org/", "abc") == "https://dashboard.example.org/?rate=abc"


def test_answers_from_a_link_reach_the_measures_json(small_org):
    from measures.filters import Filters, Period
    from measures.report import measures_json
    january = Period(date(2024, 1, 1), date(2024, 1, 31))
    before = measures_json(small_org, january, Filters(), k=2)["principles"]["lundy"]["voice"]
    link = _open(small_org)
    for n in range(3):
        send(small_org, link.token, f"phone-{n}", None, Answers({"voice": 5}), now=NOW)
    after = measures_json(small_org, january, Filters(), k=2)["principles"]["lundy"]["voice"]
    # January's voice ratings: young people 3 and 4, staff 5; then three young people's 5s.
    assert (before["young_people_mean"], before["ratings"]) == (3.5, 3)
    assert (after["young_people_mean"], after["ratings"]) == (pytest.approx(22 / 5), 6)
