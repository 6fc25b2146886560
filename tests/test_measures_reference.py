"""`measures_json` against an independent, naive pandas reference (tests/reference_measures.py),
figure by figure, on the demo organisation (data nobody tuned the measures to) and on a small seeded
organisation made of the awkward records the demo lacks. Every figure, and the `suppressed` list as a
set, must agree; a failure lists every discrepancy of its case."""

from datetime import date

import pytest

from data.demo.organisation import generate_demo
from measures.filters import Filters, Period
from measures.report import measures_json
from models.schema import open_store
from tests.reference_measures import load_tables, reference_measures

PERIODS = {
    "covid-month": Period(date(2020, 5, 1), date(2020, 5, 31)),
    "quarter": Period(date(2023, 1, 1), date(2023, 3, 31)),
    "year": Period(date(2022, 1, 1), date(2022, 12, 31)),
    "whole-range": Period(date(2019, 9, 1), date(2026, 11, 1)),
    "single-day": Period(date(2023, 3, 4), date(2023, 3, 4)),
    # Ends exactly 30 days after FB0005 was raised (2019-10-10, told back 2020-02-27): the
    # "raised at least 30 days before the period's end" boundary of open_over_30_days.
    "feedback-boundary": Period(date(2019, 10, 10), date(2019, 11, 9)),
}
PROGRAMMES = ("AMBASSADORS", "PANELS", "PODCAST", "SOCIAL", "TRAINING", "TRUSTEES")
FILTERS = {
    "none": Filters(),
    **{f"programme-{code}": Filters(programmes=(code,)) for code in PROGRAMMES},
    "activity-workshop": Filters(activity_types=("workshop",)),
    "mode-online": Filters(modes=("online",)),
    "care-experienced-yes": Filters(care_experienced=("yes",)),
}
# A few combinations beyond the single filters, on one period each.
EXTRA = [
    ("year", "two-programmes+hybrid", Filters(programmes=("PODCAST", "TRUSTEES"), modes=("hybrid",)), 5),
    ("whole-range", "age-16_18+disability-no", Filters(age_bands=("16_18",), disability=("no",)), 5),
    ("quarter", "training+care-yes", Filters(activity_types=("training",), care_experienced=("yes",)), 1),
    ("whole-range", "workshop+in_person+AMBASSADORS", Filters(programmes=("AMBASSADORS",),
                                                              activity_types=("workshop",),
                                                              modes=("in_person",)), 10),
]
KS = (1, 5, 10)

CASES = [
    pytest.param(period, filters, k, id=f"{period}-{filters}-k{k}")
    for period in PERIODS for filters in FILTERS for k in KS
] + [pytest.param(period, name, k, id=f"{period}-{name}-k{k}") for period, name, _, k in EXTRA]
EXTRA_FILTERS = {name: filters for _, name, filters, _ in EXTRA}


@pytest.fixture(scope="module")
def demo(tmp_path_factory):
    tmp = tmp_path_factory.mktemp("demo_reference")
    engine = open_store(f"sqlite:///{tmp}/demo.db")
    generate_demo(engine, end=date(2026, 11, 1))
    return engine, load_tables(engine)


def _flatten(value, prefix: str = "") -> dict:
    if isinstance(value, dict):
        flat = {}
        for key, inner in value.items():
            flat.update(_flatten(inner, f"{prefix}.{key}" if prefix else str(key)))
        return flat
    return {prefix: value}


def _same(expected, got) -> bool:
    if expected is None or got is None:
        return expected is None and got is None
    if isinstance(expected, str) or isinstance(got, str):
        return expected == got
    return got == pytest.approx(expected, rel=1e-9, abs=1e-12)


def _compare(got: dict, expected: dict, expected_suppressed: set[str]) -> None:
    """Every figure of the reference, and the suppressed list as a set; all differences at once."""
    flat_got = _flatten({key: value for key, value in got.items() if key != "suppressed"})
    problems = []
    for path, value in _flatten(expected).items():
        if path not in flat_got:
            problems.append(f"{path}: missing (expected {value!r})")
        elif not _same(value, flat_got[path]):
            problems.append(f"{path}: expected {value!r}, got {flat_got[path]!r}")
    got_suppressed = set(got.get("suppressed", []))
    for path in sorted(expected_suppressed - got_suppressed):
        problems.append(f"suppressed: {path} should be listed but is not")
    for path in sorted(got_suppressed - expected_suppressed):
        problems.append(f"suppressed: {path} is listed but should not be")
    assert not problems, f"{len(problems)} discrepancies:\n" + "\n".join(problems)


@pytest.mark.parametrize("period_name, filters_name, k", CASES)
def test_measures_json_matches_reference(demo, period_name, filters_name, k):
    engine, tables = demo
    period = PERIODS[period_name]
    filters = FILTERS.get(filters_name) or EXTRA_FILTERS[filters_name]

    _compare(measures_json(engine, period, filters, k), *reference_measures(tables, period, filters, k))


def test_reference_covers_every_figure_of_the_domain(demo):
    """The reference (and so the comparison) covers every key docs/measures.md requires."""
    _, tables = demo
    expected, _ = reference_measures(tables, PERIODS["year"], Filters(), 5)
    assert set(expected["engagement"]) >= {
        "active_young_people", "sessions_held", "attendance_rate", "returning_share",
        "involvement_hours", "youth_led_share", "doing_with_share"}
    assert set(expected["engagement"]["stage_coverage"]) == set(tables.programmes["code"])
    assert set(expected["skills"]) == set(tables.skills["code"])
    pair_figures = {"pairs", "mean_change", "share_improved", "ci95_low", "ci95_high", "effect_size_dz",
                    "improved", "same", "worse", "verdict"}
    for figures in expected["skills"].values():
        assert set(figures) == pair_figures | {"awaiting_post"}
    assert set(expected["skills_pooled"]) == pair_figures
    assert {dimension: set(values) for dimension, values in expected["representation"].items()} == {
        "age_band": {"under_11", "11_15", "16_18", "19_25", "over_25", "not_recorded"},
        "disability": {"yes", "no", "prefer_not_to_say", "not_recorded"},
        "care_experienced": {"yes", "no", "prefer_not_to_say", "not_recorded"}}
    for values in expected["representation"].values():
        for figures in values.values():
            assert set(figures) == {"taking_part", "leading", "doing_with", "leading_share",
                                    "representation_ratio"}
    assert set(expected["depth"]) == {"1", "2-4", "5-9", "10+"}
    for figures in expected["depth"].values():
        assert set(figures) == {"young_people", "pairs", "mean_change", "share_improved", "ci95_low",
                                "ci95_high", "verdict"}
    assert sum(len(p) for p in expected["principles"].values()) == len(tables.principles)
    assert set(expected["feedback"]) >= {"raised", "told_back_share", "median_days_to_tell_back",
                                         "open_over_30_days"}
    assert set(expected["remuneration"]) >= {"paid_total_gbp", "paid_share", "paid_per_hour_gbp",
                                             "expenses_total_gbp"}
    assert set(expected["health_index"]) == {"value", "status", "components"}


# ---------------------------------------------------------------- a small, seeded, awkward organisation
#
# The demo never has two pre ratings for one key, a pre after a post, young people's ratings with
# a rater code, ratings dated away from their session, or staff self-ratings of skills, so some rules
# cannot tell right from wrong there. This organisation is random (seeded) but full of exactly those
# records, small enough for k = 3 and 5 to bite, and compared with the same reference.

SMALL_PERIODS = {
    "jan": Period(date(2024, 1, 1), date(2024, 1, 31)),
    "mar": Period(date(2024, 3, 1), date(2024, 3, 31)),
    "q1": Period(date(2024, 1, 1), date(2024, 3, 31)),
    "q2": Period(date(2024, 4, 1), date(2024, 6, 30)),
    "year": Period(date(2024, 1, 1), date(2024, 12, 31)),
    "week": Period(date(2024, 5, 6), date(2024, 5, 12)),
    "day": Period(date(2024, 2, 14), date(2024, 2, 14)),
}
SMALL_FILTERS = {
    "none": Filters(),
    "P1": Filters(programmes=("P1",)),
    "P2": Filters(programmes=("P2",)),
    "workshop": Filters(activity_types=("workshop",)),
    "online": Filters(modes=("online",)),
    "care-yes": Filters(care_experienced=("yes",)),
    "age-16_18": Filters(age_bands=("16_18",)),
    "disability-yes": Filters(disability=("yes",)),
    "P1+care-yes": Filters(programmes=("P1",), care_experienced=("yes",)),
}
SMALL_KS = (1, 3, 5)
SMALL_CASES = [pytest.param(p, f, k, id=f"small-{p}-{f}-k{k}")
               for p in SMALL_PERIODS for f in SMALL_FILTERS for k in SMALL_KS]


def _build_small_org(engine, seed: int = 20240101) -> None:
    import random

    from sqlalchemy import insert, select

    from models.tables import (
        Attendance, Evaluation, FeedbackItem, Framework, Participant, Principle, PrincipleRating, Programme,
        ProgrammeSession, Skill,
    )

    rnd = random.Random(seed)
    # Stages from a stream of their own, so adding them left every other draw as it was.
    stage_rnd = random.Random(seed + 1)
    day0 = date(2023, 10, 1)

    def some_day(span: int = 460) -> date:
        return date.fromordinal(day0.toordinal() + rnd.randrange(span))

    with engine.begin() as conn:
        conn.execute(insert(Skill), [dict(code="resilience", name="Resilience")])
        fid = conn.execute(insert(Framework).values(code="own_policy", name="Our policy")
                           .returning(Framework.id)).scalar_one()
        conn.execute(insert(Principle), [dict(framework_id=fid, code="listen_first", name="Listen first",
                                              position=1)])
        programmes = {code: conn.execute(insert(Programme).values(code=code, name=code)
                                         .returning(Programme.id)).scalar_one() for code in ("P1", "P2", "P3")}
        people = {}
        for i in range(14):
            people[f"Y{i}"] = conn.execute(insert(Participant).values(
                code=f"Y{i}", role="young_person",
                age_band=rnd.choice(["11_15", "16_18", "19_25", None]),
                disability=rnd.choice(["yes", "no", None]),
                care_experienced=rnd.choice(["yes", "yes", "no", "prefer_not_to_say", None]),
            ).returning(Participant.id)).scalar_one()
        for code, role in (("S0", "staff"), ("S1", "staff"), ("T0", "trainer"), ("V0", "volunteer")):
            people[code] = conn.execute(insert(Participant).values(code=code, role=role)
                                        .returning(Participant.id)).scalar_one()
        young = [code for code in people if code.startswith("Y")]
        adults = [code for code in people if not code.startswith("Y")]

        sessions = []
        for i in range(70):
            on = date(2024, 2, 14) if i < 3 else some_day()
            sessions.append(conn.execute(insert(ProgrammeSession).values(
                code=f"S{i:03d}", programme_id=programmes[rnd.choice(["P1", "P1", "P2", "P3"])], date=on,
                activity_type=rnd.choice(["workshop", "training", "forum", "steering_group"]),
                mode=rnd.choice(["in_person", "online", "hybrid"]),
                led_by=rnd.choice(["young_people", "co_led", "organisation"]),
                ladder_rung=rnd.choice([None, 1, 3, 4, 5, 6, 7]),
                duration_hours=rnd.choice([0.5, 1.0, 1.5, 2.0, 3.0]),
                stage=stage_rnd.choice([None, "plan", "design", "deliver", "review"]),
            ).returning(ProgrammeSession.id)).scalar_one())
            who = rnd.sample(young, rnd.randint(0, 7)) + rnd.sample(adults, rnd.randint(0, 2))
            if not who:
                continue
            conn.execute(insert(Attendance), [dict(
                session_id=sessions[-1], participant_id=people[code], attended=rnd.random() < 0.75,
                role_in_session=rnd.choice(["participant", "co_facilitator", "lead"]),
                paid_gbp=rnd.choice([None, 0.0, 10.0, 12.5, 25.0]),
                expenses_gbp=rnd.choice([None, None, 0.0, 3.2, 7.5])) for code in who])

        skills = dict(conn.execute(select(Skill.code, Skill.id)).all())
        # A dict, not a set: its order (and so the scores drawn below) must not depend on string hashing.
        evaluations = {}
        for _ in range(260):
            evaluations.setdefault((rnd.choice(young + ["S0"]), rnd.choice(["P1", "P2"]),
                                    rnd.choice(["pre", "pre", "post", "post", "follow_up"]), some_day(),
                                    rnd.choice(["teamwork", "confidence", "leadership"])))
        conn.execute(insert(Evaluation), [dict(
            participant_id=people[who], programme_id=programmes[prog], timepoint=tp, completed_on=on,
            skill_id=skills[skill], score=rnd.randint(1, 5)) for who, prog, tp, on, skill in evaluations])
        # Resilience clearly declines (the random skills never do): on P3, twelve young people each
        # fall by 1 to 3 by May, and all by exactly 2 by August (a zero spread over enough pairs).
        falls = (2, 2, 2, 1, 1, 3, 2, 2, 1, 2, 3, 2)
        conn.execute(insert(Evaluation), [dict(
            participant_id=people[f"Y{i}"], programme_id=programmes["P3"], timepoint=tp, completed_on=on,
            skill_id=skills["resilience"], score=score)
            for i, fall in enumerate(falls)
            for tp, on, score in (("pre", date(2024, 4, 2), 5), ("post", date(2024, 5, 20), 5 - fall),
                                  ("post", date(2024, 8, 10), 3))])

        principles = [pid for (pid,) in conn.execute(select(Principle.id))]
        conn.execute(insert(PrincipleRating), [dict(
            session_id=rnd.choice(sessions), principle_id=rnd.choice(principles[:6]),
            rater_role=role,
            rater_id=(people[rnd.choice(young)] if role == "young_person" and rnd.random() < 0.6
                      else people[rnd.choice(adults)] if role == "staff" and rnd.random() < 0.7 else None),
            score=rnd.randint(1, 5), rated_on=some_day())
            for role in rnd.choices(["young_person", "staff"], k=500)])

        items = []
        for i in range(60):
            raised = some_day()
            answered = rnd.random() < 0.7
            items.append(dict(code=f"F{i:03d}", programme_id=rnd.choice([None, *programmes.values()]),
                              raised_on=raised, you_said="something", status="raised",
                              responded_on=(date.fromordinal(raised.toordinal() + rnd.choice([0, 5, 29, 30, 31, 60]))
                                            if answered else None)))
        # Boundaries for periods ending 2024-03-31: raised exactly 30 and 29 days before, unanswered.
        items += [dict(code="F-30", programme_id=programmes["P1"], raised_on=date(2024, 3, 1), you_said="x",
                       status="raised", responded_on=None),
                  dict(code="F-29", programme_id=programmes["P1"], raised_on=date(2024, 3, 2), you_said="x",
                       status="raised", responded_on=None)]
        conn.execute(insert(FeedbackItem), items)


@pytest.fixture(scope="module")
def small(tmp_path_factory):
    tmp = tmp_path_factory.mktemp("small_reference")
    engine = open_store(f"sqlite:///{tmp}/small.db")
    _build_small_org(engine)
    return engine, load_tables(engine)


@pytest.mark.parametrize("period_name, filters_name, k", SMALL_CASES)
def test_small_awkward_org_matches_reference(small, period_name, filters_name, k):
    engine, tables = small
    period, filters = SMALL_PERIODS[period_name], SMALL_FILTERS[filters_name]
    _compare(measures_json(engine, period, filters, k), *reference_measures(tables, period, filters, k))
