"""The demo organisation's people: rounds of work (cycles) with their cohorts of young people,
and the staff, trainers and volunteers. Everything is drawn from one `random.Random`, and
only lists and insertion-ordered dicts are iterated, so the result never depends on hashing."""

import math
from dataclasses import dataclass, field
from datetime import date, timedelta

START = date(2019, 9, 1)
COVID_START = date(2020, 3, 16)
COVID_END = date(2021, 12, 31)
YOUNG_PEOPLE = 300
STAFF, TRAINERS, VOLUNTEERS = 18, 12, 5
CROSS_FROM = date(2020, 9, 1)   # from then on some cohort places go to young people of other programmes


def covid(d: date) -> bool:
    return COVID_START <= d <= COVID_END


def years(d: date) -> float:
    return (d - START).days / 365.25


def trend(d: date) -> float:
    """0 at the start, rising to 1 after seven years (the direction of travel)."""
    return min(max(years(d) / 7.0, 0.0), 1.0)


def add_months(d: date, months: int) -> date:
    y, m = divmod(d.month - 1 + months, 12)
    return date(d.year + y, m + 1, 1)


def poisson(rng, lam: float) -> int:
    limit, k, p = math.exp(-lam), 0, rng.random()
    while p > limit:
        k += 1
        p *= rng.random()
    return k


def clip(x: float, lo: float, hi: float) -> float:
    return lo if x < lo else hi if x > hi else x


def pick(rng, weights: dict):
    return rng.choices(list(weights), weights=list(weights.values()))[0]


@dataclass
class Cycle:
    """One round of a programme's work (a podcast series, a course, a year of office)."""
    prog: dict
    number: int
    start: date
    planned_end: date   # the round's stages follow this, even when the data stops earlier
    end: date           # last day in the data
    size: int
    kept: int = 0
    cross: int = 0
    new: int = 0
    members: list = field(default_factory=list)

    def stage_at(self, d: date) -> str:
        frac = (d - self.start).days / max((self.planned_end - self.start).days, 1)
        return "plan" if frac < 0.15 else "design" if frac < 0.4 else "deliver" if frac < 0.85 \
            else "review"


def programme_last_day(prog: dict, end: date) -> date:
    return min(prog["end"] or end, end)


def make_cycles(rng, programmes: list, end: date) -> list:
    cycles = []
    for prog in programmes:
        s, number, prev = prog["start"], 1, None
        last = programme_last_day(prog, end)
        while s <= last:
            months = rng.randint(*prog["cycle"])
            planned = max(add_months(s.replace(day=1), months) - timedelta(days=1),
                          s + timedelta(days=75))
            if prog["end"] and planned + timedelta(days=75) > prog["end"]:
                planned = max(prog["end"], s)   # the last round runs to the programme's end
            size = rng.randint(*prog["size"])
            if covid(s) or covid(s + (planned - s) / 2):   # few young people in lockdown
                size = max(4, round(size * 0.45))
            elif COVID_END < s < date(2022, 7, 1):   # and a slow recovery
                size = round(size * 0.8)
            c = Cycle(prog, number, s, planned, min(planned, last), size)
            if prev:
                c.kept = min(size, sum(rng.random() < prog["keep"] for _ in range(prev.size)))
                open_places = size - c.kept
                c.cross = sum(rng.random() < 0.15 for _ in range(open_places)) \
                    if s >= CROSS_FROM else 0
                c.new = open_places - c.cross
            else:
                c.new = size
            cycles.append(c)
            prev, s, number = c, planned + timedelta(days=1), number + 1
    cycles.sort(key=lambda c: (c.start, programmes.index(c.prog)))
    _fit_newcomers(rng, cycles)
    return cycles


def _fit_newcomers(rng, cycles: list) -> None:
    """Shift cohort places so that exactly YOUNG_PEOPLE young people join over the years."""
    demand = sum(c.new for c in cycles)
    late = [c for c in cycles if c.start >= CROSS_FROM and c.new > 0]
    while demand > YOUNG_PEOPLE and late:
        c = rng.choice(late)
        c.new, c.cross, demand = c.new - 1, c.cross + 1, demand - 1
        if c.new == 0:
            late.remove(c)
    weights = [c.size for c in cycles]
    while demand < YOUNG_PEOPLE:
        c = rng.choices(cycles, weights=weights)[0]
        c.new, c.size, demand = c.new + 1, c.size + 1, demand + 1


def _young_person(rng, code: str, prog: dict, joined: date) -> dict:
    age = rng.choices(("11_15", "16_18", "19_25", "over_25"), weights=prog["ages"])[0]
    care = "yes" if rng.random() < prog["care"] else pick(
        rng, {"no": 0.86, "prefer_not_to_say": 0.06, None: 0.08})
    return dict(code=code, role="young_person", joined_on=joined,
                age_band=None if rng.random() < 0.04 else age,
                disability=pick(rng, {"yes": 0.17, "no": 0.66, "prefer_not_to_say": 0.07,
                                      None: 0.10}),
                care_experienced=care, consent_data_use=rng.random() > 0.015)


def fill_cohorts(rng, cycles: list) -> tuple[list, dict]:
    """Give every cycle its members: some stay from the last round, some come from other
    programmes, the rest are new. Returns the young people's rows and their attendance odds."""
    people, propensity, previous = [], {}, {}
    for c in cycles:
        code = c.prog["code"]
        prev = previous.get(code)
        members = rng.sample(prev.members, min(c.kept, len(prev.members))) if prev else []
        if c.cross:
            recent = c.start - timedelta(days=540)
            pool = list(dict.fromkeys(
                m for o in cycles if o.prog is not c.prog and o.start < c.start
                and o.end >= recent for m in o.members))
            pool = [m for m in pool if m not in members]
            members += rng.sample(pool, min(c.cross, len(pool)))
        while len(members) < c.size:
            yp = f"YP{len(people) + 1:04d}"
            first_round = c.number == 1 and c.start < date(2020, 1, 1)
            joined = c.start - timedelta(days=rng.randint(0, 700 if first_round else 35))
            people.append(_young_person(rng, yp, c.prog, joined))
            propensity[yp] = clip(rng.gauss(0.8, 0.1), 0.45, 0.98)
            members.append(yp)
        c.members = members
        previous[code] = c
    return people, propensity


@dataclass
class Worker:
    code: str
    role: str
    hired: date
    left: date | None
    programmes: list

    def active(self, d: date) -> bool:
        return self.hired <= d and (self.left is None or d < self.left)


def make_workers(rng, programmes: list, end: date) -> tuple[list, list, list]:
    """Staff and trainers (ST001...) and volunteers (VL001...): rows and who works where."""
    codes = [p["code"] for p in programmes]
    trainer_weights = [{"TRAINING": 4, "PANELS": 2, "PODCAST": 2, "SOCIAL": 2}.get(c, 1)
                       for c in codes]
    roles = ["staff"] * STAFF + ["trainer"] * TRAINERS
    rng.shuffle(roles)
    span = max((end - START).days - 90, 30)
    hires = sorted(START - timedelta(days=rng.randint(30, 2500)) if i < 13
                   else START + timedelta(days=rng.randint(0, span)) for i in range(len(roles)))
    workers, rows = [], []
    for i, (role, hired) in enumerate(zip(roles, hires, strict=True)):
        weights = trainer_weights if role == "trainer" else [1] * len(codes)
        homes = [codes[i]] if i < len(codes) else []
        while len(homes) < rng.choice((1, 2, 2)):
            c = rng.choices(codes, weights=weights)[0]
            homes += [] if c in homes else [c]
        left = hired + timedelta(days=rng.randint(700, 1800)) if rng.random() < 0.4 else None
        w = Worker(f"ST{i + 1:03d}", role, hired, left if left and left < end else None, homes)
        workers.append(w)
        rows.append(dict(code=w.code, role=role, joined_on=hired,
                         age_band=pick(rng, {"over_25": 0.85, "19_25": 0.1, None: 0.05}),
                         disability=None, care_experienced=None, consent_data_use=True))
    volunteers = []
    for i in range(VOLUNTEERS):
        hired = START + timedelta(days=rng.randint(0, span))
        v = Worker(f"VL{i + 1:03d}", "volunteer", hired, None,
                   [rng.choice(("PODCAST", "SOCIAL", "AMBASSADORS"))])
        volunteers.append(v)
        rows.append(dict(code=v.code, role="volunteer", joined_on=hired,
                         age_band=pick(rng, {"over_25": 0.6, "19_25": 0.4}), disability=None,
                         care_experienced=None, consent_data_use=True))
    return rows, workers, volunteers


def staff_pool(workers: list, programme: str, d: date) -> list:
    pool = [w for w in workers if w.active(d) and programme in w.programmes]
    return pool or [w for w in workers if w.active(d)] or [w for w in workers if w.hired <= d] \
        or workers[:2]
