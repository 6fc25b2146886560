"""Taking, reading and deleting board snapshots: frozen figures, unique names, admin-only delete."""

import json
from datetime import date

import pandas as pd
import pytest
from sqlalchemy import select

from board_snapshots import codec
from board_snapshots.saved import (
    NotAllowed, SnapshotProblem, create_snapshot, delete_snapshot, get_snapshot, list_snapshots, previous_snapshot,
)
from data.importing import import_sources
from measures.audiences import QuestionRefused
from measures.filters import NO_FILTERS, Period
from measures.report import figures
from measures.suppression import SUPPRESSED, is_suppressed
from models.audit import recent
from models.tables import BoardSnapshot
from models.version import data_version
from tests.apptest_helpers import add_role_accounts
from tests.snapshot_helpers import EARLIER, LATER, PARTICIPANT_CODES, Q1_2024, add_power_ratings, take_both

# Three more young people at a new session in March 2024: Q1 then has 10 young people, not 7.
LATE_DATA = [
    ("participants.csv", b"participant_code,role\nY8,young_person\nY9,young_person\nY10,young_person\n"),
    ("sessions.csv", b"session_code,programme_code,date,activity_type,led_by\nG,P1,2024-03-28,workshop,young_people\n"),
    ("attendance.csv", b"session_code,participant_code,attended,paid_gbp\nG,Y8,yes,10\nG,Y9,yes,10\nG,Y10,yes,10\n"),
]


def stored_content(engine, name: str) -> str:
    with engine.connect() as conn:
        return conn.execute(select(BoardSnapshot.__table__.c.content)
                            .where(BoardSnapshot.__table__.c.name == name)).scalar_one()


def test_codec_keeps_frames_dates_and_suppressed_markers():
    frame = pd.DataFrame({"month": ["2024-01", "2024-02"], "people": [SUPPRESSED, 7], "rate": [0.5, float("nan")],
                          "hidden": [True, False]})
    text = codec.dumps({"figures": {"a": SUPPRESSED, "b": 1.5, "on": date(2024, 1, 2)}, "frames": {"f": frame}})
    plain = json.loads(text)
    assert plain["figures"] == {"a": None, "b": 1.5, "on": "2024-01-02"}  # no value of a hidden figure is stored
    assert plain["suppressed"] == [["figures", "a"], ["frames", "f", "rows", 0, 1]]
    back = codec.loads(text)
    assert back["figures"]["a"] is SUPPRESSED and back["figures"]["b"] == 1.5
    f = back["frames"]["f"]
    assert list(f.columns) == ["month", "people", "rate", "hidden"]
    assert is_suppressed(f.loc[0, "people"]) and f.loc[1, "people"] == 7
    assert pd.isna(f.loc[1, "rate"]) and f["hidden"].tolist() == [True, False]


def test_a_snapshot_freezes_the_figures_with_k_and_data_version(small_org):
    version = data_version(small_org)
    snapshot = create_snapshot(small_org, "  Board   Q1 2024 ", Q1_2024, date(2024, 4, 15), "u-admin", k=5)
    assert snapshot.name == "Board Q1 2024"  # spaces tidied
    assert (snapshot.k, snapshot.data_version, snapshot.created_by) == (5, version, "u-admin")
    e = snapshot.figures["engagement"]
    # tests/test_measures.py: 7 young people, attendance 10/12, protected at k = 5: 7 -> 5 (7/5 = 1.4,
    # half up to 1 x 5); attendance 10 -> 10 and 12 -> 10 (12/5 = 2.4 -> 2 x 5), so 10/10 = 100%.
    assert e["active_young_people"] == 5 and e["attendance_rate"] == pytest.approx(1.0)
    assert "_basis" not in snapshot.figures
    # 'voice' rests on 4 young raters (< 5).
    assert is_suppressed(snapshot.figures["principles"]["lundy"]["voice"]["young_people_mean"])
    monthly = snapshot.frames["monthly_engagement"]
    # January (3 young people) and February (2) are under k = 5; March (5, a multiple of 5) is shown.
    assert monthly["suppressed"].tolist() == [True, True, False]
    assert monthly["active_young_people"].iloc[2] == 5 and monthly["active_young_people"].iloc[:2].isna().all()


def test_a_period_that_is_not_whole_months_is_refused(small_org):
    with pytest.raises(QuestionRefused, match="must be whole months"):
        create_snapshot(small_org, "Odd", Period(date(2024, 1, 10), date(2024, 3, 31)), date(2024, 4, 15), "u-admin")
    with pytest.raises(QuestionRefused, match="must be whole months"):
        create_snapshot(small_org, "Odd", Period(date(2024, 1, 1), date(2024, 3, 30)), date(2024, 4, 15), "u-admin")
    assert list_snapshots(small_org).empty


def test_new_data_never_changes_a_snapshot(small_org):
    frozen = create_snapshot(small_org, LATER, Q1_2024, date(2024, 4, 15), "u-admin", k=1)
    text_before = stored_content(small_org, LATER)
    import_sources(small_org, LATE_DATA)
    live = figures(small_org, Q1_2024, NO_FILTERS, 1)
    assert live["engagement"]["active_young_people"] == 10  # the store moved on...
    assert stored_content(small_org, LATER) == text_before  # ...the snapshot did not
    again = get_snapshot(small_org, LATER)
    # k = 1: counts rounded to a multiple of 1 stay as they are; £90 is a multiple of £10.
    assert again.figures["engagement"]["active_young_people"] == 7
    assert again.figures["remuneration"]["paid_total_gbp"] == pytest.approx(90.0)
    assert again.data_version == frozen.data_version != data_version(small_org)


def words_in(tree, found: set) -> set:
    """Every key and string value of a JSON tree, and the words inside the strings."""
    if isinstance(tree, dict):
        found.update(map(str, tree))
        for value in tree.values():
            words_in(value, found)
    elif isinstance(tree, list):
        for value in tree:
            words_in(value, found)
    elif isinstance(tree, str):
        found.update(tree.replace(":", " ").replace(";", " ").split())
        found.add(tree)
    return found


def test_no_participant_code_or_row_is_stored(small_org):
    take_both(small_org, k=1)  # k = 1: nothing hidden, every figure there is
    for name in (EARLIER, LATER):
        words = words_in(json.loads(stored_content(small_org, name)), set())
        assert "Podcast" in words or "confidence" in words  # the walk does reach the content
        assert not words & set(PARTICIPANT_CODES)
        assert "participant_code" not in words and "participant_id" not in words


# Counts of young people (or their pairs, ratings, records), wherever they sit in the content.
YOUNG_PEOPLE_COUNTS = {"active_young_people", "pairs", "awaiting_post", "ratings", "improved", "ratings_4_5",
                       "returning", "attended", "expected", "paid_records", "people", "same", "worse", "taking_part",
                       "leading", "doing_with", "young_people", "improved_pairs"}


def staff_only(figures: dict) -> bool:
    """A principle rated by staff alone: its count of ratings is not about young people (exact)."""
    return "young_people_mean" in figures and figures["young_people_mean"] is None


def young_people_counts(tree, found: list) -> list:
    """Every (name, value) of a young-people count in the stored JSON, frames included."""
    if isinstance(tree, dict):
        if tree.get(codec.FRAME):
            for row in tree["rows"]:
                cells = dict(zip(tree["columns"], row, strict=True))
                found.extend((name, value) for name, value in cells.items()
                             if name in YOUNG_PEOPLE_COUNTS and not staff_only(cells))
            return found
        for key, value in tree.items():
            if key in YOUNG_PEOPLE_COUNTS and not isinstance(value, (dict, list)) and not staff_only(tree):
                found.append((key, value))
            young_people_counts(value, found)
    elif isinstance(tree, list):
        for value in tree:
            young_people_counts(value, found)
    return found


def keys_in(tree, found: set) -> set:
    if isinstance(tree, dict):
        found.update(map(str, tree))
        if tree.get(codec.FRAME):
            found.update(tree["columns"])
        for value in tree.values():
            keys_in(value, found)
    elif isinstance(tree, list):
        for value in tree:
            keys_in(value, found)
    return found


@pytest.mark.parametrize("k", [3, 5])
def test_stored_counts_of_young_people_are_multiples_of_k_and_no_basis(small_org, k):
    add_power_ratings(small_org)
    # The exact figures have counts that are not multiples of 3 or 5: 7 young people in Q1 2024,
    # 4 ratings of 'power and inclusion' in Q4 2023, 2 young people in Q4 2023 (hidden).
    assert figures(small_org, Q1_2024, NO_FILTERS, k)["engagement"]["active_young_people"] == 7
    take_both(small_org, k=k)
    shown = []
    for name in (EARLIER, LATER):
        stored = json.loads(stored_content(small_org, name))
        counts = young_people_counts(stored, [])
        # At k=5 every principle with young people's ratings is hidden (nulls, read as staff-only).
        assert {what for what, _ in counts} >= {"active_young_people", "pairs", "awaiting_post",
                                                *(["ratings"] if k == 3 else [])}
        assert all(value is None or value % k == 0 for _, value in counts), counts
        shown += [value for _, value in counts if value]
        keys = keys_in(stored, set())
        assert "_basis" not in keys and "basis" not in str(keys)
        assert not keys & {"improved_pairs", "ratings_4_5", "returning", "attended", "expected", "paid_records"}
    assert shown  # the walk does reach counts that are shown (at k = 5 all of Q4 2023's are hidden or 0)


def test_names_are_unique_and_checked(small_org):
    create_snapshot(small_org, "Board", Q1_2024, date(2024, 4, 15), "u-admin")
    with pytest.raises(SnapshotProblem, match="There is already a snapshot called 'Board'"):
        create_snapshot(small_org, " Board ", Q1_2024, date(2024, 4, 16), "u-admin")
    with pytest.raises(SnapshotProblem, match="Give the snapshot a name"):
        create_snapshot(small_org, "   ", Q1_2024, date(2024, 4, 15), "u-admin")
    with pytest.raises(SnapshotProblem, match="at most 100 characters"):
        create_snapshot(small_org, "x" * 101, Q1_2024, date(2024, 4, 15), "u-admin")
    with pytest.raises(SnapshotProblem, match=r"board meeting \(31 December 2023\) is before the start"):
        create_snapshot(small_org, "Early", Q1_2024, date(2023, 12, 31), "u-admin")
    with pytest.raises(SnapshotProblem, match="There is no snapshot called 'Nope'"):
        get_snapshot(small_org, "Nope")
    assert list(list_snapshots(small_org)["name"]) == ["Board"]


def test_list_and_previous_go_by_meeting_date(small_org):
    take_both(small_org, k=5)
    create_snapshot(small_org, "Extra, same meeting", Q1_2024, date(2024, 4, 15), "u-admin")
    assert list(list_snapshots(small_org)["name"]) == ["Extra, same meeting", LATER, EARLIER]
    assert previous_snapshot(small_org, get_snapshot(small_org, "Extra, same meeting")).name == LATER
    assert previous_snapshot(small_org, get_snapshot(small_org, LATER)).name == EARLIER
    assert previous_snapshot(small_org, get_snapshot(small_org, EARLIER)) is None


def test_only_an_admin_deletes_and_it_is_audited(small_org):
    add_role_accounts(small_org)
    take_both(small_org)
    for someone in ("u-trustee", "u-staff", "nobody", None):
        with pytest.raises(NotAllowed, match="Only an admin"):
            delete_snapshot(small_org, LATER, someone)
    assert len(list_snapshots(small_org)) == 2
    delete_snapshot(small_org, LATER, "u-admin")
    assert list(list_snapshots(small_org)["name"]) == [EARLIER]
    log = recent(small_org)
    deleted = log[log["action"] == "board snapshot deleted"]
    assert deleted["actor"].tolist() == ["u-admin"]
    assert json.loads(deleted["detail"].iloc[0]) == {"name": LATER}
    assert (log["action"] == "board snapshot taken").sum() == 2
    with pytest.raises(SnapshotProblem, match="no snapshot called"):
        delete_snapshot(small_org, LATER, "u-admin")


def test_the_same_snapshot_on_both_databases(small_org_any):
    add_role_accounts(small_org_any)
    earlier, later = take_both(small_org_any, k=3)
    again = get_snapshot(small_org_any, LATER)
    assert again.figures == later.figures
    assert again.period == Q1_2024 and again.meeting_date == date(2024, 4, 15)
    # tests/test_measures.py has 56.0 from exact shares; from protected ones at k = 3: attendance 10 of 12 ->
    # 9/12 = 75; skills improved 4 of 6 -> 3/6 = 50; ratings of 4 or 5, 9 of 15 -> 9/15 = 60 (both multiples
    # of 3); told back within 30 days 20 and youth-led 50 (not about people): (75 + 50 + 60 + 20 + 50) / 5 = 51.
    assert again.figures["health_index"]["value"] == pytest.approx(51.0)
    assert previous_snapshot(small_org_any, again).name == EARLIER
    delete_snapshot(small_org_any, EARLIER, "u-admin")
    assert previous_snapshot(small_org_any, again) is None
