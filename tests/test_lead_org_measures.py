"""Representation, depth, stage coverage, the skills statistics and pay per hour against values
worked out by hand on tests/lead_org.py (see its comments), at k = 3, for the admin audience
(exact, small numbers suppressed) and the trustee audience (protected).

Statistics: n pairs with sum S and sum of squares Q have mean S/n, variance
(nQ - S^2) / (n(n-1)), and the interval mean -/+ t(0.975, n-1) x sd / sqrt(n). t from tables:
t(2) 4.3027, t(8) 2.3060, t(9) 2.2622, t(14) 2.1448, t(19) 2.0930, t(44) 2.0154.
"""

from datetime import date

import pytest
from sqlalchemy import insert, select

from measures.depth import depth
from measures.filters import Filters, Period
from measures.report import measures_json
from measures.representation import representation, under_represented
from models.tables import Evaluation, Participant, Programme, Skill
from tests import lead_org

Q1 = Period(date(2024, 1, 1), date(2024, 3, 31))
K = 3
approx = pytest.approx
TOO_FEW, IMPROVED, NO_CLEAR, DECLINED = "too few to say", "improved", "no clear change", "declined"
OUTCOME_KEYS = ("improved", "same", "worse")
NO_PAIRS = {"pairs": 0, "mean_change": None, "share_improved": None, "awaiting_post": 0, "ci95_low": None,
            "ci95_high": None, "effect_size_dz": None, "improved": 0, "same": 0, "worse": 0, "verdict": TOO_FEW}


def close(value: float):
    """Hand-worked to 4 decimals (t from tables to 4 decimals)."""
    return approx(value, abs=1e-4)


@pytest.fixture
def lead_org_any(any_engine):
    lead_org.build(any_engine)
    return any_engine


@pytest.fixture
def admin(lead_org_any):
    return measures_json(lead_org_any, Q1, Filters(), k=K)


@pytest.fixture
def trustee(lead_org_any):
    return measures_json(lead_org_any, Q1, Filters(), k=K, audience="trustee")


# --- skills statistics ---------------------------------------------------------------------------

def test_skill_with_exactly_ten_pairs_has_a_verdict(admin):
    # Confidence, Y01-Y10: changes 2 1 2 1 0 1 1 0 1 1. n 10, S 10, Q 4+1+4+1+0+1+1+0+1+1 = 14.
    # mean 1.0; variance (140 - 100) / 90 = 4/9, sd 2/3; se (2/3) / sqrt(10) = 0.210819;
    # half-width 2.2622 x 0.210819 = 0.476914: interval 0.5231 .. 1.4769 (> 0: improved);
    # d_z 1.0 / (2/3) = 1.5. Improved 8, same 2 (Y05, Y08: two young people < k, hidden), worse 0.
    confidence = admin["skills"]["confidence"]
    assert round(confidence["ci95_low"], 4) == 0.5231
    assert round(confidence["ci95_high"], 4) == 1.4769
    assert confidence == {"pairs": 10, "mean_change": approx(1.0), "share_improved": approx(0.8),
                          "awaiting_post": 0, "ci95_low": close(0.5231), "ci95_high": close(1.4769),
                          "effect_size_dz": approx(1.5), "improved": 8, "same": None, "worse": 0,
                          "verdict": IMPROVED}


def test_skill_whose_changes_are_all_equal(admin):
    # Teamwork: ten changes of +1. n 10, S 10, Q 10: variance (100 - 100) / 90 = 0 exactly, so no
    # effect size, and the interval collapses to the mean 1.0 (> 0: improved).
    assert admin["skills"]["teamwork"] == {
        "pairs": 10, "mean_change": approx(1.0), "share_improved": approx(1.0), "awaiting_post": 0,
        "ci95_low": approx(1.0), "ci95_high": approx(1.0), "effect_size_dz": None,
        "improved": 10, "same": 0, "worse": 0, "verdict": IMPROVED}


def test_skill_with_no_clear_change(admin):
    # Listening: 2 1 0 0 -1 1 0 -1 1 0. n 10, S 3, Q 4+1+1+1+1+1 = 9. mean 0.3; variance
    # (90 - 9) / 90 = 0.9, sd 0.948683; se sqrt(0.9 / 10) = 0.3; half-width 2.2622 x 0.3 = 0.67866:
    # -0.3787 .. 0.9787 (spans 0). d_z 0.3 / 0.948683 = 0.316228. Improved 4 (Y01, Y02, Y06, Y09),
    # same 4 (Y03, Y04, Y07, Y10), worse 2 (Y05, Y08: hidden).
    assert admin["skills"]["listening"] == {
        "pairs": 10, "mean_change": approx(0.3), "share_improved": approx(0.4), "awaiting_post": 0,
        "ci95_low": close(-0.3787), "ci95_high": close(0.9787), "effect_size_dz": close(0.3162),
        "improved": 4, "same": 4, "worse": None, "verdict": NO_CLEAR}


def test_skill_that_declined(admin):
    # Public speaking (rated in P2): -1 -1 -2 -1 0 -1 -1 -2 -1 0. n 10, S -10, Q 14: the mirror of
    # confidence, -1.4769 .. -0.5231 (< 0: declined), d_z -1.5. Same 2 (Y05, Y10: hidden), worse 8.
    assert admin["skills"]["public_speaking"] == {
        "pairs": 10, "mean_change": approx(-1.0), "share_improved": approx(0.0), "awaiting_post": 0,
        "ci95_low": close(-1.4769), "ci95_high": close(-0.5231), "effect_size_dz": approx(-1.5),
        "improved": 0, "same": None, "worse": 8, "verdict": DECLINED}


def test_skill_with_fewer_than_ten_pairs_keeps_its_interval(admin):
    # Leadership: Y01 +1, Y02 +2, Y03 +3. n 3, S 6, Q 14: mean 2.0; variance (42 - 36) / 6 = 1,
    # sd 1; se 1 / sqrt(3) = 0.577350; half-width 4.3027 x 0.577350 = 2.484165: -0.4842 .. 4.4842;
    # d_z 2.0. Three pairs: too few to say. Y04's pre awaits a post: one young person, hidden.
    assert admin["skills"]["leadership"] == {
        "pairs": 3, "mean_change": approx(2.0), "share_improved": approx(1.0), "awaiting_post": None,
        "ci95_low": close(-0.4842), "ci95_high": close(4.4842), "effect_size_dz": approx(2.0),
        "improved": 3, "same": 0, "worse": 0, "verdict": TOO_FEW}


def test_skill_resting_on_too_few_young_people_is_hidden_whole(admin):
    # Empathy: Y11 +1 and Y13 -1, two young people: every pair figure is hidden, verdict included.
    # Nobody awaits a post: 0 is shown.
    empathy = admin["skills"]["empathy"]
    assert empathy == {**dict.fromkeys(NO_PAIRS), "awaiting_post": 0}


def test_skills_without_pairs(admin):
    assert admin["skills"]["sharing_opinion"] == NO_PAIRS
    assert admin["skills"]["communication"] == NO_PAIRS


def test_all_skills_pooled(admin):
    # Every pair of every skill: 10 + 10 + 10 + 10 + 3 + 2 = 45 pairs;
    # S = 10 + 10 + 3 - 10 + 6 + 0 = 19; Q = 14 + 10 + 9 + 14 + 14 + 2 = 63.
    # mean 19/45 = 0.422222; variance (45 x 63 - 361) / (45 x 44) = 2474 / 1980 = 1.249495,
    # sd 1.117808; se 1.117808 / sqrt(45) = 0.166633; half-width 2.0154 x 0.166633 = 0.335832:
    # 0.0864 .. 0.7581 (improved). d_z 0.422222 / 1.117808 = 0.3777.
    # Improved 8 + 10 + 4 + 0 + 3 + 1 = 26 (share 26/45); same 2 + 0 + 4 + 2 = 8; worse 2 + 8 + 1 = 11,
    # each on at least 6 young people. The hidden empathy pairs count here too (12 young people).
    assert admin["skills_pooled"] == {
        "pairs": 45, "mean_change": approx(19 / 45), "share_improved": approx(26 / 45),
        "ci95_low": close(0.0864), "ci95_high": close(0.7581), "effect_size_dz": close(0.3777),
        "improved": 26, "same": 8, "worse": 11, "verdict": IMPROVED}


# --- depth, stage coverage, pay ------------------------------------------------------------------

def test_depth_bands(admin):
    # 5-9: Y01, Y02, Y03 -> 15 pairs: confidence 2 1 2, teamwork 1 1 1, listening 2 1 0,
    #   public speaking -1 -1 -2, leadership 1 2 3. S 5 + 3 + 3 - 4 + 6 = 13; Q 9 + 3 + 5 + 6 + 14 = 37;
    #   improved 3 + 3 + 2 + 0 + 3 = 11. mean 13/15 = 0.866667; variance (555 - 169) / 210 = 1.838095,
    #   sd 1.355764, se 0.350057, half-width 2.1448 x 0.350057 = 0.750802: 0.1159 .. 1.6175 (improved).
    # 2-4: Y04-Y08 -> 20 pairs: confidence 1 0 1 1 0, teamwork 1 x5, listening 0 -1 1 0 -1,
    #   public speaking -1 0 -1 -1 -2. S 3 + 5 - 1 - 5 = 2; Q 3 + 5 + 3 + 7 = 18; improved 3 + 5 + 1 = 9.
    #   mean 0.1; variance (360 - 4) / 380 = 0.936842, sd 0.967906, se 0.216430, half-width
    #   2.0930 x 0.216430 = 0.452988: -0.3530 .. 0.5530 (no clear change).
    # 1: Y09, Y10, Y11, Y12 -> 9 pairs: Y09 1 1 1 -1, Y10 1 1 0 0, Y11 +1 (empathy); Y12 has none.
    #   S 2 + 2 + 1 = 5; Q 4 + 2 + 1 = 7; improved 3 + 2 + 1 = 6. mean 5/9; variance (63 - 25) / 72 =
    #   0.527778, sd 0.726483, se 0.242161, half-width 2.3060 x 0.242161 = 0.558423: -0.0029 .. 1.1140;
    #   9 pairs: too few to say. Three young people have pairs: shown.
    # 10+: nobody, no pairs. Y13's empathy pair is in no band (not active in the period).
    assert admin["depth"] == {
        "1": {"young_people": 4, "pairs": 9, "mean_change": approx(5 / 9), "share_improved": approx(6 / 9),
              "ci95_low": close(-0.0029), "ci95_high": close(1.1140), "verdict": TOO_FEW},
        "2-4": {"young_people": 5, "pairs": 20, "mean_change": approx(0.1), "share_improved": approx(0.45),
                "ci95_low": close(-0.3530), "ci95_high": close(0.5530), "verdict": NO_CLEAR},
        "5-9": {"young_people": 3, "pairs": 15, "mean_change": approx(13 / 15), "share_improved": approx(11 / 15),
                "ci95_low": close(0.1159), "ci95_high": close(1.6175), "verdict": IMPROVED},
        "10+": {"young_people": 0, "pairs": 0, "mean_change": None, "share_improved": None,
                "ci95_low": None, "ci95_high": None, "verdict": TOO_FEW},
    }


def test_a_staff_members_pairs_are_in_no_band(lead_org_any):
    # S1 attended A1 and C2 (band 2-4 were S1 a young person) and now has a pair that went up by 3:
    # the bands count young people only, so they stay as worked out above.
    with lead_org_any.begin() as conn:
        ids = {code: conn.execute(select(table.id).where(table.code == code)).scalar_one()
               for table, code in ((Participant, "S1"), (Programme, "P1"), (Skill, "confidence"))}
        conn.execute(insert(Evaluation), [
            dict(participant_id=ids["S1"], programme_id=ids["P1"], skill_id=ids["confidence"], timepoint=t,
                 completed_on=date.fromisoformat(d), score=score)
            for t, d, score in (("pre", lead_org.PRE_ON, 1), ("post", lead_org.POST_ON, 4))])
    bands = depth(lead_org_any, Q1, Filters(), 1)
    assert {band: (f["young_people"], f["pairs"], f["improved_pairs"]) for band, f in bands.items()} == {
        "1": (4, 9, 6), "2-4": (5, 20, 9), "5-9": (3, 15, 11), "10+": (0, 0, 0)}


def test_stage_coverage(admin):
    # P1: plan (A1), design (A2), deliver (A3, A6), review (A4): all 4, six young people.
    # P2: plan (B1) and deliver (B2): 2. P3: C1 has no stage and nobody came to C2: 0.
    # P4: design (D1), but only Y09 and Y10 stand behind it: hidden.
    assert admin["engagement"]["stage_coverage"] == {"P1": 4, "P2": 2, "P3": 0, "P4": None}


def test_remuneration(admin):
    # Paid on attended records: 20 + 15 + 20 + 10 + 12.50 + 5 + 5 = 87.50 (Y13's 30 says absent,
    # S1's 50 is staff). Hours: A1 4 x 2 + A2 3 x 2 + A3 5 x 3 + A4 4 x 2 + A5 3 x 1 + A6 3 x 2
    # + B1 3 x 1.5 + B2 4 x 1.5 + C1 3 x 1 + D1 2 x 1 = 61.5. Per hour 87.5 / 61.5 = 1.422764.
    # Expenses 3.20 + 2.50 + 4.00 = 9.70 (Y11's 6.00 at C2 says absent). Paid records 7 of 34.
    assert admin["remuneration"] == {"paid_total_gbp": approx(87.5), "paid_share": approx(7 / 34),
                                     "expenses_total_gbp": approx(9.7), "paid_per_hour_gbp": approx(87.5 / 61.5)}
    assert admin["engagement"]["involvement_hours"] == approx(61.5)


# --- representation ------------------------------------------------------------------------------

def group(taking, leading, doing_with, share, ratio):
    return {"taking_part": taking, "leading": leading, "doing_with": doing_with, "leading_share": share,
            "representation_ratio": ratio}


EMPTY = group(0, 0, 0, None, None)  # nobody in the group: counts 0, share and ratio null (denominator 0)


def test_representation(admin):
    # All groups: 12 taking part, 5 leading (Y01, Y02, Y03, Y05, Y06). None = hidden (1..2 young
    # people), and the share and the ratio go with a hidden taking-part or leading count.
    assert admin["representation"] == {
        "age_band": {
            "under_11": group(None, 0, 0, None, None),           # Y11
            # Y01-Y04; leading Y01-Y03; doing with all four. share 3/4;
            # ratio (3/5) / (4/12) = 0.6 / 0.3333 = 1.8.
            "11_15": group(4, 3, 4, approx(0.75), approx(1.8)),
            "16_18": group(4, None, None, None, None),           # Y05-Y08; leading and doing with Y05, Y06
            "19_25": group(None, 0, None, None, None),           # Y09, Y10 (both at D1, rung 7)
            "over_25": EMPTY,
            "not_recorded": group(None, 0, 0, None, None),       # Y12
        },
        "disability": {
            "yes": group(None, 0, None, None, None),             # Y04, Y08; doing with Y04
            # Y01, Y02, Y03, Y05, Y06, Y07, Y12: every leader; doing with Y01, Y02, Y03, Y05, Y06.
            # share 5/7; ratio (5/5) / (7/12) = 12/7 = 1.714286.
            "no": group(7, 5, 5, approx(5 / 7), approx(12 / 7)),
            "prefer_not_to_say": group(None, 0, 0, None, None),  # Y11
            "not_recorded": group(None, 0, None, None, None),    # Y09, Y10
        },
        "care_experienced": {
            "yes": group(None, None, None, None, None),          # Y01, Y06: both lead, both doing with
            # Y02, Y03, Y04, Y05, Y07, Y08, Y12; leading Y02, Y03, Y05; doing with Y02-Y05.
            # share 3/7 = 0.428571; ratio (3/5) / (7/12) = 36/35 = 1.028571.
            "no": group(7, 3, 4, approx(3 / 7), approx(36 / 35)),
            "prefer_not_to_say": EMPTY,
            # Y09, Y10, Y11: nobody leads: share 0, ratio (0/5) / (3/12) = 0; doing with Y09, Y10.
            "not_recorded": group(3, 0, None, approx(0.0), approx(0.0)),
        },
    }


def test_under_represented_groups(lead_org_any):
    figures, totals = representation(lead_org_any, Q1, Filters(), K)
    assert totals == {"taking_part": 12, "leading": 5, "doing_with": 8}
    # Of the groups with at least 3 taking part and a ratio to show, only care not recorded is below 0.8.
    assert under_represented(figures, K, 0.8) == [("care_experienced", "not_recorded", 0.0)]


# --- what is hidden ------------------------------------------------------------------------------

def paths(prefix: str, *keys: str) -> set[str]:
    return {f"{prefix}.{key}" for key in keys}


SHARE_RATIO = ("leading_share", "representation_ratio")
PAIR_KEYS = ("pairs", "mean_change", "share_improved", "ci95_low", "ci95_high", "effect_size_dz",
             "improved", "same", "worse", "verdict")
DEPTH_PAIR_KEYS = ("pairs", "mean_change", "share_improved", "ci95_low", "ci95_high", "verdict")


def test_suppressed_lists_exactly_the_hidden_paths(admin):
    r = "representation"
    expected = {
        "skills.confidence.same", "skills.listening.worse", "skills.public_speaking.same",
        "skills.leadership.awaiting_post", *paths("skills.empathy", *PAIR_KEYS),
        "engagement.stage_coverage.P4",
        *paths(f"{r}.age_band.under_11", "taking_part", *SHARE_RATIO),
        *paths(f"{r}.age_band.16_18", "leading", "doing_with", *SHARE_RATIO),
        *paths(f"{r}.age_band.19_25", "taking_part", "doing_with", *SHARE_RATIO),
        *paths(f"{r}.age_band.not_recorded", "taking_part", *SHARE_RATIO),
        *paths(f"{r}.disability.yes", "taking_part", "doing_with", *SHARE_RATIO),
        *paths(f"{r}.disability.prefer_not_to_say", "taking_part", *SHARE_RATIO),
        *paths(f"{r}.disability.not_recorded", "taking_part", "doing_with", *SHARE_RATIO),
        *paths(f"{r}.care_experienced.yes", "taking_part", "leading", "doing_with", *SHARE_RATIO),
        f"{r}.care_experienced.not_recorded.doing_with",
    }
    assert len(admin["suppressed"]) == len(set(admin["suppressed"]))
    assert set(admin["suppressed"]) == expected


# --- a programme filter --------------------------------------------------------------------------

@pytest.fixture
def peer_mentoring(lead_org_any):
    return measures_json(lead_org_any, Q1, Filters(programmes=("P2",)), k=K)


def test_programme_filter(peer_mentoring):
    result = peer_mentoring
    # Sessions B1 (Y01, Y05 co_fac, Y06; rung 6) and B2 (Y05, Y06 lead, Y07, Y08; rung 2).
    assert result["engagement"]["active_young_people"] == 5
    assert result["engagement"]["stage_coverage"] == {"P2": 2}     # only the chosen programme
    # Only public speaking was rated in P2: the same ten pairs, and they are all the pairs.
    declined = {"pairs": 10, "mean_change": approx(-1.0), "share_improved": approx(0.0),
                "ci95_low": close(-1.4769), "ci95_high": close(-0.5231), "effect_size_dz": approx(-1.5),
                "improved": 0, "same": None, "worse": 8, "verdict": DECLINED}
    assert result["skills"]["public_speaking"] == {**declined, "awaiting_post": 0}
    assert result["skills"]["confidence"] == NO_PAIRS
    assert result["skills"]["leadership"] == NO_PAIRS            # Y04's waiting pre is in P1
    assert result["skills_pooled"] == declined
    # Sessions in P2: Y01 1, Y07 1, Y08 1 (band 1); Y05 2, Y06 2 (band 2-4: two young people, hidden).
    # Band 1 pairs: Y01 -1, Y07 -1, Y08 -2. n 3, S -4, Q 6: mean -1.333333; variance (18 - 16) / 6
    # = 1/3, sd 0.577350, se 1/3; half-width 4.3027 / 3 = 1.434233: -2.7676 .. 0.1009.
    assert result["depth"] == {
        "1": {"young_people": 3, "pairs": 3, "mean_change": approx(-4 / 3), "share_improved": approx(0.0),
              "ci95_low": close(-2.7676), "ci95_high": close(0.1009), "verdict": TOO_FEW},
        "2-4": {"young_people": None, **dict.fromkeys(DEPTH_PAIR_KEYS)},
        "5-9": {"young_people": 0, "pairs": 0, "mean_change": None, "share_improved": None,
                "ci95_low": None, "ci95_high": None, "verdict": TOO_FEW},
        "10+": {"young_people": 0, "pairs": 0, "mean_change": None, "share_improved": None,
                "ci95_low": None, "ci95_high": None, "verdict": TOO_FEW},
    }
    # Paid 10 (Y05 at B1) + 12.50 (Y06 at B2) = 22.50 over 3 x 1.5 + 4 x 1.5 = 10.5 hours.
    assert result["remuneration"] == {"paid_total_gbp": approx(22.5), "paid_share": approx(2 / 7),
                                      "expenses_total_gbp": approx(0.0), "paid_per_hour_gbp": approx(22.5 / 10.5)}
    # Disability "no" in P2: Y01, Y05, Y06, Y07; leading Y05, Y06 (two: hidden); doing with Y01, Y05, Y06.
    assert result["representation"]["disability"]["no"] == group(4, None, 3, None, None)
    # Care "no": Y05, Y07, Y08; leading Y05 and doing with Y05 alone: hidden.
    assert result["representation"]["care_experienced"]["no"] == group(3, None, None, None, None)
    r = "representation"
    assert set(result["suppressed"]) == {
        "skills.public_speaking.same", "skills_pooled.same",
        *paths("depth.2-4", "young_people", *DEPTH_PAIR_KEYS),
        *paths(f"{r}.age_band.11_15", "taking_part", "doing_with", *SHARE_RATIO),     # Y01
        *paths(f"{r}.age_band.16_18", "leading", "doing_with", *SHARE_RATIO),
        *paths(f"{r}.disability.yes", "taking_part", *SHARE_RATIO),                   # Y08
        *paths(f"{r}.disability.no", "leading", *SHARE_RATIO),
        *paths(f"{r}.care_experienced.yes", "taking_part", "leading", "doing_with", *SHARE_RATIO),  # Y01, Y06
        *paths(f"{r}.care_experienced.no", "leading", "doing_with", *SHARE_RATIO),
    }


# --- the trustee audience ------------------------------------------------------------------------

def young_people_counts(result: dict):
    """(path, value) of every count of young people, pairs or records in the new figures."""
    yield "engagement.active_young_people", result["engagement"]["active_young_people"]
    for code, skill in [*result["skills"].items(), ("pooled", result["skills_pooled"])]:
        for key in ("pairs", "awaiting_post", *OUTCOME_KEYS):
            if key in skill:
                yield f"skills.{code}.{key}", skill[key]
    for dimension, values in result["representation"].items():
        for value, g in values.items():
            for key in ("taking_part", "leading", "doing_with"):
                yield f"representation.{dimension}.{value}.{key}", g[key]
    for band, figures in result["depth"].items():
        for key in ("young_people", "pairs"):
            yield f"depth.{band}.{key}", figures[key]


def test_trustee_counts_are_multiples_of_k(trustee):
    counts = list(young_people_counts(trustee))
    # active young people; 8 skills x 5 counts; pooled 4; 14 groups x 3; 4 bands x 2.
    assert len(counts) == 1 + 8 * 5 + 4 + 14 * 3 + 4 * 2
    assert [(path, n) for path, n in counts if n is not None and n % K] == []


def test_trustee_ratio_from_rounded_counts(trustee):
    # Disability "no": taking part 7 -> 6 (7/3 = 2.33 -> 2 x 3), leading 5 -> 6, doing with 5 -> 6;
    # all groups: leading 5 -> 6, taking part 12 -> 12. share 6/6 = 1.0;
    # ratio (6/6) / (6/12) = 2.0 (the exact 12/7 = 1.7143 is not shown).
    assert trustee["representation"]["disability"]["no"] == group(6, 6, 6, approx(1.0), approx(2.0))


def test_trustee_hidden_groups_stay_hidden(trustee):
    care = trustee["representation"]["care_experienced"]
    assert care["yes"] == group(None, None, None, None, None)
    # Taking part: yes (2) hidden alone would be 12 - 7 - 0 - 3, so not recorded (3) goes too;
    # leading: yes (2) would be 5 - 3, so "no" (3) goes too.
    assert care["no"] == group(6, None, 3, None, None)
    assert care["not_recorded"] == group(None, 0, None, None, None)
    # Age 11_15 leads 3 of 5: shown, 16_18's hidden 2 would be 5 - 3, so 11_15's leading goes too.
    assert trustee["representation"]["age_band"]["11_15"] == group(3, None, 3, None, None)
    assert trustee["engagement"]["stage_coverage"] == {"P1": 4, "P2": 2, "P3": 0, "P4": None}
    # Empathy (2 young people) is hidden, and with it leadership (3), the smallest skill shown,
    # so that the pooled figures minus the shown skills give neither back.
    assert set(trustee["skills"]["leadership"].values()) == {None}
    assert set(trustee["skills"]["empathy"].values()) == {None, 0}  # awaiting_post 0


def test_trustee_skills_and_depth(trustee):
    # Confidence: pairs 10 -> 9; share from protected counts 9/9; means and bounds to 1 decimal;
    # same (2) hidden and improved (8) with it (8 = 10 - 2 - 0); the verdict stays.
    assert trustee["skills"]["confidence"] == {
        "pairs": 9, "mean_change": 1.0, "share_improved": approx(1.0), "awaiting_post": 0,
        "ci95_low": 0.5, "ci95_high": 1.5, "effect_size_dz": 1.5, "improved": None, "same": None,
        "worse": 0, "verdict": IMPROVED}
    # Pooled: 45 pairs; improved 26 -> 27, same 8 -> 9, worse 11 -> 12; share 27/45 = 0.6.
    assert trustee["skills_pooled"] == {
        "pairs": 45, "mean_change": 0.4, "share_improved": approx(0.6), "ci95_low": 0.1, "ci95_high": 0.8,
        "effect_size_dz": 0.4, "improved": 27, "same": 9, "worse": 12, "verdict": IMPROVED}
    # Depth: young people 4 -> 3, 5 -> 6, 3 -> 3; pairs 9, 20 -> 21, 15; improved 6, 9, 11 -> 12.
    assert trustee["depth"] == {
        "1": {"young_people": 3, "pairs": 9, "mean_change": 0.6, "share_improved": approx(6 / 9),
              "ci95_low": approx(0.0), "ci95_high": 1.1, "verdict": TOO_FEW},
        "2-4": {"young_people": 6, "pairs": 21, "mean_change": 0.1, "share_improved": approx(9 / 21),
                "ci95_low": -0.4, "ci95_high": 0.6, "verdict": NO_CLEAR},
        "5-9": {"young_people": 3, "pairs": 15, "mean_change": 0.9, "share_improved": approx(12 / 15),
                "ci95_low": 0.1, "ci95_high": 1.6, "verdict": IMPROVED},
        "10+": {"young_people": 0, "pairs": 0, "mean_change": None, "share_improved": None,
                "ci95_low": None, "ci95_high": None, "verdict": TOO_FEW},
    }


def test_trustee_pay_per_hour_from_protected_totals(trustee):
    # 87.50 pounds -> a multiple of 30: 90; 61.5 hours -> a multiple of 3: 63 (20.5 rounds up);
    # 90 / 63 = 1.428571 -> 1.43. Expenses 9.70 -> 0 (nearest multiple of 30). Paid records 7 -> 6
    # of 34 -> 33.
    assert trustee["remuneration"] == {"paid_total_gbp": 90.0, "paid_share": approx(6 / 33),
                                       "expenses_total_gbp": 0.0, "paid_per_hour_gbp": 1.43}
