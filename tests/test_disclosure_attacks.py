"""Disclosure attacks on the protected figures, tried the way a trustee would (docs/disclosure.md).

A trustee (or a young person, the staff forum, anyone reading an export) cannot ask for a group of
fewer than k young people: its figures come back null. So they ask for bigger groups and subtract:
- union: [G + another group] minus [the other group] alone;
- complement: everybody minus every other group shown;
- period difference: months 1+2 minus month 2 (and minus month 1);
- split against headline: the whole minus one programme gives the other programme.
On exact figures every one of these gives the hidden group back. On protected figures every count
is a multiple of k, so a difference of two counts is a multiple of k too and never a count in
1..k-1. The hidden figures are worked out here in plain Python from the generated organisation,
never through the code under test.

Each generated organisation is written to a fresh SQLite store in a temporary directory with plain
inserts (as tests/small_org.py does); `young_people_attendance` is kept by the store's triggers.
"""

import shutil
import tempfile
from calendar import monthrange
from collections import Counter
from datetime import date
from fractions import Fraction
from pathlib import Path
from typing import NamedTuple

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from sqlalchemy import insert, select

from measures.audiences import ADMIN, ONE_CHARACTERISTIC_AT_A_TIME, PROTECTED, QuestionRefused, check_question
from measures.filters import Filters, Period
from measures.report import measures_json
from models.schema import open_store
from models.tables import Attendance, Participant, Programme, ProgrammeSession
from models.vocab import YES_NO_PREFER

ROOT = Path(__file__).resolve().parent.parent
K = 5
YEAR = 2024  # a leap year: February has 29 days
BANDS = ("11_15", "16_18", "19_25")  # three bands, so that some hold only a few young people
DIMENSIONS = ("age_bands", "disability", "care_experienced")  # named as the fields of Filters
VALUES = {"age_bands": BANDS, "disability": YES_NO_PREFER, "care_experienced": YES_NO_PREFER}
SETTINGS = settings(max_examples=25, deadline=None, database=None)


# --- the generated organisation ------------------------------------------------------------------

class Person(NamedTuple):
    code: str
    age_bands: str | None  # one value each; the field names match Filters, for getattr
    disability: str | None
    care_experienced: str | None


class Session(NamedTuple):
    code: str
    programme: str
    day: date
    hours: float


class Record(NamedTuple):
    session: int  # index into Org.sessions
    person: int  # index into Org.people
    attended: bool
    paid: float | None


class Org(NamedTuple):
    programmes: tuple[str, ...]
    months: int  # sessions in January .. this month of YEAR
    people: tuple[Person, ...]
    sessions: tuple[Session, ...]
    records: tuple[Record, ...]


def month(number: int) -> Period:
    return Period(date(YEAR, number, 1), date(YEAR, number, monthrange(YEAR, number)[1]))


def months(first: int, last: int) -> Period:
    return Period(month(first).start, month(last).end)


@st.composite
def characteristic(draw, dimension: str, n_people: int) -> list:
    """One characteristic for each young person: a few people (0-6) with any value (or none
    recorded), the rest sharing 1-3 common values, in a random order. So some values are held by
    only a few young people: the groups a trustee cannot see."""
    values = (*VALUES[dimension], None)
    common = draw(st.lists(st.sampled_from(values), min_size=1, max_size=2, unique=True))
    rare = draw(st.integers(1, 5))
    column = [draw(st.sampled_from(values if i < rare else common)) for i in range(n_people)]
    return draw(st.permutations(column))


@st.composite
def organisations(draw) -> Org:
    """1-2 programmes, 8-30 young people with random (or no) age band, disability and care
    experience, 2-8 sessions over 2-3 whole months (every month has one), 3-12 young people
    expected at each with attended flags, pay in multiples of 2.50 up to 60 (or none), durations of 1 to 7.5 hours
    in half hours."""
    programmes = ("P1", "P2")[:draw(st.integers(1, 2))]
    n_months = draw(st.integers(2, 3))
    n_people = draw(st.integers(8, 30))
    columns = [draw(characteristic(dim, n_people)) for dim in DIMENSIONS]
    people = tuple(Person(f"Y{i}", *values) for i, values in enumerate(zip(*columns, strict=True)))
    sessions = []
    for j in range(draw(st.integers(n_months, 8))):
        number = j + 1 if j < n_months else draw(st.integers(1, n_months))
        day = draw(st.integers(1, monthrange(YEAR, number)[1]))
        sessions.append(Session(f"S{j}", draw(st.sampled_from(programmes)), date(YEAR, number, day),
                                draw(st.integers(2, 15)) / 2))
    pay = st.none() | st.integers(0, 24).map(lambda n: n * 2.5)
    came = st.integers(0, 3).map(lambda n: n < 3)  # three in four expected came (0, the simplest, did)
    records = tuple(Record(j, i, draw(came), draw(pay))
                    for j in range(len(sessions))
                    for i in draw(st.lists(st.integers(0, n_people - 1), unique=True, min_size=3, max_size=12)))
    return Org(programmes, n_months, people, tuple(sessions), records)


@pytest.fixture(scope="module")
def template(tmp_path_factory) -> Path:
    """An empty store at the newest schema, with the built-in frameworks and skills: copied for
    every generated organisation (migrating a new store each time took most of the run)."""
    path = tmp_path_factory.mktemp("template") / "store.db"
    open_store(f"sqlite:///{path}").dispose()  # the last connection closed: nothing left in a -wal file
    return path


def build_store(org: Org, directory: str, template: Path):
    """The organisation in a fresh store (a copy of the template, opened as every store is),
    plus one member of staff at every session (paid, so counting staff would show)."""
    shutil.copy(template, f"{directory}/store.db")
    engine = open_store(f"sqlite:///{directory}/store.db")
    with engine.begin() as conn:
        def ids(table):
            return dict(conn.execute(select(table.__table__.c.code, table.__table__.c.id)).all())

        conn.execute(insert(Programme), [{"code": c, "name": f"Programme {c}"} for c in org.programmes])
        conn.execute(insert(Participant), [
            *(dict(code=p.code, role="young_person", age_band=p.age_bands, disability=p.disability,
                   care_experienced=p.care_experienced) for p in org.people),
            dict(code="STAFF", role="staff", age_band="19_25", disability="no", care_experienced="no")])
        prog, person = ids(Programme), ids(Participant)
        conn.execute(insert(ProgrammeSession), [
            dict(code=s.code, programme_id=prog[s.programme], date=s.day, activity_type="workshop",
                 mode="in_person", led_by="organisation", duration_hours=s.hours) for s in org.sessions])
        sess = ids(ProgrammeSession)
        conn.execute(insert(Attendance), [
            *(dict(session_id=sess[org.sessions[r.session].code], participant_id=person[org.people[r.person].code],
                   attended=r.attended, paid_gbp=r.paid) for r in org.records),
            *(dict(session_id=sess[s.code], participant_id=person["STAFF"], attended=True, paid_gbp=40.0)
              for s in org.sessions)])
    return engine


# --- the true figures, in plain Python ----------------------------------------------------------

class Fig(NamedTuple):
    """The three figures an attack is after: young people taking part, their hours, their pay."""
    count: int | None
    hours: float | None
    pounds: float | None


def truth(org: Org, period: Period, group: dict[str, set] | None = None,
          programmes: tuple[str, ...] = ()) -> Fig:
    """Young people who came to a session in `period` (of `programmes`; whose value of each
    characteristic in `group` is in its set, None meaning "not recorded"), the hours of the
    sessions they came to and what they were paid for them."""
    people, hours, pounds = set(), 0.0, 0.0
    for r in org.records:
        s, p = org.sessions[r.session], org.people[r.person]
        if not r.attended or not period.start <= s.day <= period.end:
            continue
        if programmes and s.programme not in programmes:
            continue
        if group and any(getattr(p, dim) not in values for dim, values in group.items()):
            continue
        people.add(r.person)
        hours += s.hours
        pounds += r.paid or 0.0
    return Fig(len(people), hours, round(pounds, 2))


def to_multiple(value: float, base: int) -> float:
    """Half up to a multiple of `base`, in exact fractions (hours are halves, pounds 2.50s)."""
    return float(base * ((Fraction(value) / base + Fraction(1, 2)).__floor__()))


def hidden(fig: Fig) -> bool:
    return 1 <= fig.count < K


def expected_protected(fig: Fig) -> Fig:
    """What a protected audience must be shown for a group with these true figures: nothing for
    1..k-1 young people; else the count to a multiple of k, hours to k and pounds to 10k (the
    totals here stay under 10,000, below the magnitude rule)."""
    if hidden(fig):
        return Fig(None, None, None)
    return Fig(int(to_multiple(fig.count, K)), to_multiple(fig.hours, K), to_multiple(fig.pounds, 10 * K))


def expected_admin(fig: Fig) -> Fig:
    return Fig(None, None, None) if hidden(fig) else fig


def minus(a: Fig, b: Fig) -> Fig:
    """What an attacker works out by subtracting; None where either figure is not shown."""
    return Fig(*(None if x is None or y is None else x - y for x, y in zip(a, b, strict=True)))


def plus(a: Fig, b: Fig) -> Fig:
    return Fig(*(None if x is None or y is None else x + y for x, y in zip(a, b, strict=True)))


# --- asking questions as an audience --------------------------------------------------------------

def assert_counts_protected(answer: dict) -> None:
    """Every figure counting young people (or their pairs, ratings) is null or a multiple of k;
    hours a multiple of k and pounds of 10k (all totals here are under 10,000)."""
    counts = [answer["engagement"]["active_young_people"]]
    counts += [s[key] for s in answer["skills"].values() for key in ("pairs", "awaiting_post")]
    counts += [f["ratings"] for fw in answer["principles"].values() for f in fw.values()]
    for value in counts:
        assert value is None or value % K == 0, answer
    hours = answer["engagement"]["involvement_hours"]
    assert hours is None or hours % K == 0, answer
    for key in ("paid_total_gbp", "expenses_total_gbp"):
        pounds = answer["remuneration"][key]
        assert pounds is None or pounds % (10 * K) == 0, answer


class Asker:
    """One audience asking questions through the front door: `check_question`, then the JSON."""

    def __init__(self, engine, audience: str):
        self.engine, self.audience, self.answers = engine, audience, {}

    def fresh(self, period: Period, **filters) -> dict:
        chosen = Filters(**{name: tuple(codes) for name, codes in filters.items()})
        check_question(self.audience, period, chosen)
        answer = measures_json(self.engine, period, chosen, k=K, audience=self.audience)
        if self.audience != ADMIN:
            assert_counts_protected(answer)
        return answer

    def ask(self, period: Period, **filters) -> dict:
        key = (period, tuple(sorted(filters.items())))
        if key not in self.answers:
            self.answers[key] = self.fresh(period, **filters)
        return self.answers[key]

    def figures(self, period: Period, **filters) -> Fig:
        answer = self.ask(period, **filters)
        return Fig(answer["engagement"]["active_young_people"], answer["engagement"]["involvement_hours"],
                   answer["remuneration"]["paid_total_gbp"])


class Tally:
    """How often an attack on a hidden group (1..k-1 young people) got each figure exactly."""

    def __init__(self):
        self.attempts, self.exact = Counter(), Counter()

    def record(self, attack: str, recovered: Fig, target: Fig) -> None:
        if not hidden(target) or recovered.count is None:
            return  # nothing hidden to recover, or a part of the sum was itself withheld
        self.attempts[attack] += 1
        for name in Fig._fields:
            self.exact[attack, name] += getattr(recovered, name) == getattr(target, name)
        # A difference of protected counts is a multiple of k, so never a count in 1..k-1 ...
        assert recovered.count % K == 0 and not 1 <= recovered.count < K, (attack, recovered, target)
        # ... and so never the hidden group's count, hours and pounds all at once.
        assert recovered != target, f"{attack} gave back a hidden group exactly: {target}"

    def count_exact(self) -> int:
        return sum(n for (_, name), n in self.exact.items() if name == "count")

    def report(self, audience: str) -> str:
        total = sum(self.attempts.values())
        rate = self.count_exact() / total if total else 0.0
        parts = ", ".join(f"{attack} {n} (hours exact {self.exact[attack, 'hours']}, "
                          f"pounds exact {self.exact[attack, 'pounds']})"
                          for attack, n in sorted(self.attempts.items()))
        return (f"\n[{audience}, k={K}] {total} attacks on hidden groups; hidden count exact "
                f"{self.count_exact()}/{total} = {rate:.0%}; by attack: {parts}")


def not_whole_months(org: Org):
    """A period within the organisation's months that does not run from a 1st to a month's end
    (a whole-months draw starts on the 2nd instead)."""
    whole = months(1, org.months)

    @st.composite
    def periods(draw):
        start = draw(st.dates(whole.start, whole.end))
        end = draw(st.dates(start, whole.end))
        if start.day == 1 and end == month(end.month).end:
            start = start.replace(day=2)
        return Period(start, end)
    return periods()


# --- the attacks ------------------------------------------------------------------------------------

def choose(data, candidates, fallback, label: str):
    """A target for an attack: one that is hidden (and whose parts are shown) when there is one,
    so that most examples attack something; any of `fallback` otherwise."""
    return data.draw(st.sampled_from(list(candidates) or list(fallback)), label=label)


def attack(org: Org, data, asker: Asker, tally: Tally, expected) -> None:
    """Every attack of the module docstring on one organisation, for one audience. `expected`
    turns true figures into what the audience must be shown for them."""
    whole = months(1, org.months)
    dim = data.draw(st.sampled_from(DIMENSIONS), label="characteristic")
    values = VALUES[dim]

    def group(*codes):
        return {dim: set(codes)}

    def narrowed(v):
        """Filters and group for everybody (v None) or for the young people with value v."""
        return ({}, None) if v is None else ({dim: (v,)}, group(v))

    true_alone = {v: truth(org, whole, group(v)) for v in values}
    g = choose(data, [v for v in values if hidden(true_alone[v])], values, "hidden group")
    others = [v for v in values if v != g]
    other = choose(data, [v for v in others if not hidden(true_alone[v])], others, "other group")

    # Each group asked for directly: shown by the rules, or withheld when it is 1..k-1 young people.
    everybody = asker.figures(whole)
    assert everybody == expected(truth(org, whole))
    alone = {v: asker.figures(whole, **{dim: (v,)}) for v in values}
    for v in values:
        assert alone[v] == expected(true_alone[v]), (dim, v)

    # Union: [G + other] minus [other].
    both = asker.figures(whole, **{dim: (g, other)})
    assert both == expected(truth(org, whole, group(g, other)))
    tally.record("union", minus(both, alone[other]), true_alone[g])

    # The same question again, and with the codes in the other order: the identical JSON.
    assert asker.fresh(whole, **{dim: (g, other)}) == asker.ask(whole, **{dim: (g, other)})
    assert asker.fresh(whole, **{dim: (other, g)}) == asker.ask(whole, **{dim: (g, other)})

    # Complement: everybody minus every other group shown leaves the group and those with no value
    # recorded (who cannot be asked for on their own).
    for v in values:
        rest = Fig(0, 0.0, 0.0)
        for w in values:
            if w != v:
                rest = plus(rest, alone[w])
        tally.record("complement", minus(everybody, rest), truth(org, whole, group(v, None)))

    # Period difference (for everybody or one group): months 1+2 minus month 2 gives month 1, minus
    # month 1 gives month 2 (on exact figures: hours and pounds exactly; the count too when nobody
    # came in both months).
    def month_truths(v):
        return [truth(org, period, narrowed(v)[1]) for period in (month(1), month(2), months(1, 2))]
    attackable = [v for v, (one, two, together) in ((v, month_truths(v)) for v in (None, *values))
                  if (hidden(one) or hidden(two)) and not hidden(together)]
    v = choose(data, attackable, (None, *values), "group for the period attack")
    filters, _ = narrowed(v)
    true_first, true_second, true_both = month_truths(v)
    first, second = asker.figures(month(1), **filters), asker.figures(month(2), **filters)
    both_months = asker.figures(months(1, 2), **filters)
    assert (first, second, both_months) == tuple(map(expected, (true_first, true_second, true_both)))
    tally.record("period", minus(both_months, second), true_first)
    tally.record("period", minus(both_months, first), true_second)

    # A period that is not whole months (month 1 minus its first day, say) is refused outright.
    odd = data.draw(not_whole_months(org), label="not whole months")
    with pytest.raises(QuestionRefused, match="whole months"):
        asker.ask(odd, **filters)

    # Split against headline (for everybody or one group): the whole minus one programme gives the
    # other (on exact figures: hours and pounds exactly; the count when nobody came to both).
    if len(org.programmes) == 2:
        def split_truths(v):
            return {p: truth(org, whole, narrowed(v)[1], (p,)) for p in org.programmes}
        attackable = [v for v in (None, *values)
                      if any(map(hidden, split_truths(v).values())) and not hidden(truth(org, whole, narrowed(v)[1]))]
        v = choose(data, attackable, (None, *values), "group for the split")
        filters, chosen = narrowed(v)
        headline = asker.figures(whole, **filters)
        assert headline == expected(truth(org, whole, chosen))
        split = {p: asker.figures(whole, programmes=(p,), **filters) for p in org.programmes}
        for p, true_p in split_truths(v).items():
            assert split[p] == expected(true_p)
            other_programme = "P2" if p == "P1" else "P1"
            tally.record("split", minus(headline, split[other_programme]), true_p)

    # Two sensitive characteristics at once: refused except in an export (still protected there).
    crossed = {"age_bands": ("11_15",), "disability": ("yes",)}
    if asker.audience in ONE_CHARACTERISTIC_AT_A_TIME:
        with pytest.raises(QuestionRefused, match="one of age band"):
            asker.ask(whole, **crossed)
    else:  # an export may cross them; the crossed group is protected all the same
        both_groups = {"age_bands": {"11_15"}, "disability": {"yes"}}
        assert asker.figures(whole, **crossed) == expected(truth(org, whole, both_groups))


@pytest.mark.parametrize("audience", PROTECTED)
def test_no_attack_recovers_a_hidden_group(audience, template):
    tally = Tally()

    @SETTINGS
    @given(org=organisations(), data=st.data())
    def run(org, data):
        with tempfile.TemporaryDirectory() as directory:
            engine = build_store(org, directory, template)
            try:
                attack(org, data, Asker(engine, audience), tally, expected_protected)
            finally:
                engine.dispose()

    run()
    print(tally.report(audience))
    assert sum(tally.attempts.values()) > 0, "no generated organisation had a hidden group to attack"
    assert tally.count_exact() == 0


def test_the_same_attacks_recover_exact_admin_figures(template):
    """The control: on the admin's exact figures the union and complement attacks give a hidden
    group back exactly whenever the figures they subtract are shown (so the attacks above are
    real ones, and the true figures worked out here agree with the store)."""
    recovered = Counter()

    @SETTINGS
    @given(org=organisations(), data=st.data())
    def run(org, data):
        whole = months(1, org.months)
        dim = data.draw(st.sampled_from(DIMENSIONS), label="characteristic")
        values = VALUES[dim]
        true_alone = {v: truth(org, whole, {dim: {v}}) for v in values}
        g = choose(data, [v for v in values if hidden(true_alone[v])], values, "hidden group")
        other = data.draw(st.sampled_from([v for v in values if v != g]), label="other group")
        with tempfile.TemporaryDirectory() as directory:
            engine = build_store(org, directory, template)
            try:
                asker = Asker(engine, ADMIN)
                everybody = asker.figures(whole)
                assert everybody == expected_admin(truth(org, whole))
                alone = {v: asker.figures(whole, **{dim: (v,)}) for v in values}
                assert alone == {v: expected_admin(t) for v, t in true_alone.items()}
                got = minus(asker.figures(whole, **{dim: (g, other)}), alone[other])
                if hidden(true_alone[g]) and got.count is not None:
                    assert got == true_alone[g]
                    recovered["union"] += 1
                for v in values:
                    rest = Fig(0, 0.0, 0.0)
                    for w in values:
                        if w != v:
                            rest = plus(rest, alone[w])
                    got, target = minus(everybody, rest), truth(org, whole, {dim: {v, None}})
                    if hidden(target) and got.count is not None:
                        assert got == target
                        recovered["complement"] += 1
            finally:
                engine.dispose()

    run()
    print(f"\n[admin] attacks that gave a hidden group back exactly: {dict(recovered)}")
    assert sum(recovered.values()) > 0
