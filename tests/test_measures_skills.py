"""skills_by_programme against values worked out by hand on tests/small_org.py (Q1 2024).

The pairs in Q1 (see test_measures.py): confidence, Podcast (P1): Y1 2->5 (+3), Y3 4->3 (-1),
Y4 2->2 (0), Y5 1->3 (+2); confidence, Keeping It Social (P2): Y6 3->4 (+1); teamwork, P1:
Y5 3->4 (+1). Waiting for a post: confidence P1: Y2 (post after the period) and Y7; confidence
P2: Y1. Staff member S1's ratings never count.
"""

from datetime import date

import pytest
from sqlalchemy import insert, select

from measures.filters import NO_FILTERS, Filters, Period
from measures.skills import PROGRAMME_COLUMNS, skills_and_pooled_share, skills_by_programme, skills_by_skill
from measures.suppression import is_suppressed
from models.tables import Evaluation, Participant, Programme, Skill

Q1 = Period(date(2024, 1, 1), date(2024, 3, 31))
approx = pytest.approx


def cells(engine, k, filters=NO_FILTERS, period=Q1):
    frame = skills_by_programme(engine, period, filters, k)
    return {(row["programme"], row["skill"]): row for row in frame.to_dict("records")}


def test_every_cell_worked_out_by_hand(small_org_any):
    found = cells(small_org_any, k=1)
    assert set(found) == {("P1", "confidence"), ("P1", "teamwork"), ("P2", "confidence")}
    podcast = found[("P1", "confidence")]
    assert podcast["programme_name"] == "Podcast" and podcast["skill_name"] == "Confidence"
    assert podcast["pairs"] == 4                        # Y1, Y3, Y4, Y5 (S1 is staff)
    assert podcast["mean_change"] == approx(1.0)        # (3 - 1 + 0 + 2) / 4
    assert podcast["share_improved"] == approx(0.5)     # Y1 and Y5
    assert podcast["mean_pre"] == approx(2.25)          # (2 + 4 + 2 + 1) / 4
    assert podcast["mean_post"] == approx(3.25)         # (5 + 3 + 2 + 3) / 4
    # Deviations from the mean 2, -2, -1, 1: variance 10 / 3; half-width t(0.975, 3 df) = 3.1824 times
    # sqrt(10 / 3 / 4) = 0.9129 (the normal approximation's 1.96 would give 1.79).
    assert podcast["ci95"] == approx(2.9052, abs=1e-4)
    assert podcast["ci95_low"] == approx(1.0 - 2.9052, abs=1e-4) and podcast["ci95_high"] == approx(3.9052, abs=1e-4)
    assert podcast["verdict"] == "too few to say"      # 4 pairs
    assert podcast["awaiting_post"] == 2                # Y2 and Y7
    social = found[("P2", "confidence")]
    assert (social["pairs"], social["mean_change"], social["share_improved"]) == (1, approx(1.0), approx(1.0))
    assert social["ci95"] is None                       # one pair: no interval
    assert (social["mean_pre"], social["mean_post"], social["awaiting_post"]) == (approx(3.0), approx(4.0), 1)
    teamwork = found[("P1", "teamwork")]
    # Y4's teamwork post came before any pre: no pair, and not waiting (a post exists).
    assert (teamwork["pairs"], teamwork["mean_change"], teamwork["awaiting_post"]) == (1, approx(1.0), 0)


def test_cells_add_up_to_the_skill_figures(small_org_any):
    frame = skills_by_programme(small_org_any, Q1, Filters(), 1)
    by_skill = skills_by_skill(small_org_any, Q1, Filters(), 1).set_index("skill")
    for skill, part in frame.groupby("skill"):
        assert part["pairs"].sum() == by_skill.loc[skill, "pairs"]
        assert part["awaiting_post"].sum() == by_skill.loc[skill, "awaiting_post"]
        weighted = (part["mean_change"] * part["pairs"]).sum() / part["pairs"].sum()
        assert weighted == approx(by_skill.loc[skill, "mean_change"])


def test_rows_come_sorted_by_programme_name_then_skill(small_org_any):
    frame = skills_by_programme(small_org_any, Q1, Filters(), 1)
    assert list(frame.columns) == PROGRAMME_COLUMNS
    assert list(zip(frame["programme_name"], frame["skill"], strict=True)) == [
        ("Keeping It Social", "confidence"), ("Podcast", "teamwork"), ("Podcast", "confidence")]


def test_a_lone_small_cell_takes_its_neighbour_with_it(small_org_any):
    # k=3: confidence in P2 rests on 1 young person, so it is hidden; P1 (4 young people) would
    # give it away by subtraction from the confidence total (5 pairs), so it is hidden too.
    found = cells(small_org_any, k=3)
    for key in found:
        assert all(is_suppressed(found[key][c]) for c in ("pairs", "mean_change", "ci95", "share_improved",
                                                            "mean_pre", "mean_post"))
    # Waiting: P2 has Y1 (1), P1 has Y2 and Y7 (2): both under 3. Teamwork has nobody waiting.
    assert is_suppressed(found[("P1", "confidence")]["awaiting_post"])
    assert is_suppressed(found[("P2", "confidence")]["awaiting_post"])
    assert found[("P1", "teamwork")]["awaiting_post"] == 0


def test_waiting_counts_are_suppressed_apart_from_the_pairs(small_org_any):
    # k=2: P1's two waiting young people would be enough, but P2's single one is hidden and the
    # confidence backlog (3) is shown per skill, so P1's 2 is hidden with it.
    found = cells(small_org_any, k=2)
    assert is_suppressed(found[("P2", "confidence")]["awaiting_post"])
    assert is_suppressed(found[("P1", "confidence")]["awaiting_post"])
    assert is_suppressed(found[("P1", "teamwork")]["pairs"])    # Y5 alone


def test_programme_filter_leaves_one_part_per_skill(small_org_any):
    found = cells(small_org_any, k=3, filters=Filters(programmes=("P1",)))
    assert set(found) == {("P1", "confidence"), ("P1", "teamwork")}
    assert found[("P1", "confidence")]["pairs"] == 4             # 4 young people: shown at k=3
    assert found[("P1", "confidence")]["mean_change"] == approx(1.0)
    assert is_suppressed(found[("P1", "confidence")]["awaiting_post"])   # Y2 and Y7
    assert is_suppressed(found[("P1", "teamwork")]["mean_change"])


def test_participant_group_filter(small_org_any):
    # Care experienced: Y1 and Y2. Y1 pairs in P1; Y2 waits in P1; Y1 waits in P2.
    found = cells(small_org_any, k=1, filters=Filters(care_experienced=("yes",)))
    assert set(found) == {("P1", "confidence"), ("P2", "confidence")}
    assert found[("P1", "confidence")]["pairs"] == 1 and found[("P1", "confidence")]["mean_change"] == approx(3.0)
    assert found[("P1", "confidence")]["awaiting_post"] == 1
    assert found[("P2", "confidence")]["pairs"] == 0 and found[("P2", "confidence")]["mean_change"] is None
    assert found[("P2", "confidence")]["awaiting_post"] == 1


def test_empty_period_gives_an_empty_frame(small_org_any):
    frame = skills_by_programme(small_org_any, Period(date(2030, 1, 1), date(2030, 1, 31)), Filters(), 5)
    assert frame.empty and list(frame.columns) == PROGRAMME_COLUMNS


# ------------------------------------------------ pairing boundaries (empathy, added to the small organisation)
# participant, programme, timepoint, completed_on, score. Q1 2024 = 2024-01-01 .. 2024-03-31.
EMPATHY = [
    ("Y1", "P1", "pre", "2023-12-01", 2), ("Y1", "P1", "pre", "2024-02-01", 4),     # first pre before Q1, no post
    ("Y2", "P1", "pre", "2024-01-10", 1), ("Y2", "P1", "post", "2024-02-01", 3),
    ("Y2", "P1", "post", "2024-05-01", 5),                                          # a later post after Q1
    ("Y3", "P1", "pre", "2024-01-05", 3), ("Y3", "P1", "post", "2024-01-20", 2),
    ("Y3", "P1", "pre", "2024-02-10", 1), ("Y3", "P1", "post", "2024-03-05", 4),    # pre, post, pre, post
    ("Y4", "P1", "post", "2024-01-15", 3), ("Y4", "P1", "pre", "2024-02-01", 2),    # only pre after the post
    ("Y5", "P1", "pre", "2024-03-01", 2), ("Y5", "P1", "post", "2024-04-15", 5),    # post only after Q1
    ("Y6", "P2", "pre", "2024-03-31", 3),                                           # pre on Q1's last day
    ("Y7", "P1", "pre", "2023-10-01", 2), ("Y7", "P1", "post", "2024-03-31", 5),    # post on Q1's last day
]


@pytest.fixture
def with_empathy(small_org_any):
    with small_org_any.begin() as conn:
        def ids(table):
            return dict(conn.execute(select(table.__table__.c.code, table.__table__.c.id)).all())
        person, prog, skill = ids(Participant), ids(Programme), ids(Skill)
        conn.execute(insert(Evaluation), [
            dict(participant_id=person[p], programme_id=prog[g], timepoint=t, completed_on=date.fromisoformat(d),
                 skill_id=skill["empathy"], score=s) for p, g, t, d, s in EMPATHY])
    return small_org_any


def test_pairing_boundaries_worked_out_by_hand(with_empathy):
    # Pairs in Q1: Y2 1 -> 3 (+2: the post of 2024-05-01 is after Q1); Y3 3 -> 4 (+1: latest post in
    # Q1 with the earliest pre, not the pre between the posts); Y7 2 -> 5 (+3: post on the last day,
    # pre before Q1). No pair: Y1 (no post), Y4 (its only pre comes after its post), Y5 (post after Q1).
    empathy = skills_by_skill(with_empathy, Q1, NO_FILTERS, 1).set_index("skill").loc["empathy"]
    assert empathy["pairs"] == 3
    assert empathy["mean_change"] == approx(2.0)            # (2 + 1 + 3) / 3
    assert empathy["share_improved"] == approx(1.0)
    assert empathy["mean_pre"] == approx(2.0)               # (1 + 3 + 2) / 3
    assert empathy["mean_post"] == approx(4.0)              # (3 + 4 + 5) / 3
    assert empathy["ci95"] == approx(4.3027 * (1 / 3) ** 0.5, abs=1e-4)  # deviations 0, -1, 1: variance 2 / 2 = 1;
    # t(0.975, 2 df) = 4.3027
    # Waiting: Y5 (first pre in Q1, post only after it) and Y6 (pre on the last day). Not Y1 (first
    # pre before Q1), not Y4 (a post on or before the end, even though before its pre).
    assert empathy["awaiting_post"] == 2


def test_pairing_boundaries_per_programme_and_pooled(with_empathy):
    found = cells(with_empathy, k=1)
    assert (found[("P1", "empathy")]["pairs"], found[("P1", "empathy")]["awaiting_post"]) == (3, 1)   # Y5 waits
    assert (found[("P2", "empathy")]["pairs"], found[("P2", "empathy")]["awaiting_post"]) == (0, 1)   # Y6 waits
    # All skills pooled: 6 pairs before (4 improved: confidence Y1, Y5, Y6; teamwork Y5) + 3 empathy
    # pairs, all improved: 7 / 9.
    pooled = skills_and_pooled_share(with_empathy, Q1, NO_FILTERS, 1)[1]
    assert pooled["share_improved"] == approx(7 / 9) and (pooled["improved"], pooled["pairs"]) == (7, 9)
    # Changes 3, -1, 0, 2, 1 (confidence), 1 (teamwork), 2, 1, 3 (empathy): sum 12, squares 30, mean 4 / 3;
    # variance (9 * 30 - 12 ** 2) / (9 * 8) = 1.75; t(0.975, 8 df) = 2.3060.
    assert (pooled["same"], pooled["worse"], pooled["verdict"]) == (1, 1, "too few to say")
    assert pooled["effect_size_dz"] == approx((4 / 3) / 1.75 ** 0.5)
    assert pooled["ci95_low"] == approx(4 / 3 - 2.3060 * (1.75 / 9) ** 0.5, abs=1e-4)


def test_waiting_in_the_previous_quarter(with_empathy):
    # Q4 2023 = 2023-10-02 .. 2023-12-31: Y1's first pre (2023-12-01) waits; Y7's (2023-10-01) is
    # the day before the period starts, so it does not.
    q4 = Period(date(2023, 10, 2), date(2023, 12, 31))
    empathy = skills_by_skill(with_empathy, q4, NO_FILTERS, 1).set_index("skill").loc["empathy"]
    assert (empathy["pairs"], empathy["awaiting_post"]) == (0, 1)
