"""The demo organisation's activity: sessions, attendance, skill evaluations, principle ratings
and "you said, we did" items, as rows that refer to codes (data/demo/organisation.py turns codes into ids)."""

import calendar
from datetime import date, timedelta

from data.demo.people import (
    COVID_START, add_months, clip, covid, pick, poisson, programme_last_day, staff_pool, trend, years,
)
from data.demo.text import TITLES
from models.vocab import STAGES

DURATION = dict(workshop=2, steering_group=1.5, training=3, forum=2, governance=2,
                recruitment=3, delivery=2.5, social=2, other=1.5)
SKILL_START = dict(confidence=-0.3, public_speaking=-0.5, leadership=-0.3, listening=0.4,
                   empathy=0.4, teamwork=0.2)
# How young people's ratings sit against the average, and how much higher staff rate.
YP_OFFSET = dict(relate_and_respect=0.4, strengths_and_positivity=0.3, space=0.3,
                 recognise_contribution=0.1, influence=-0.4, power_and_inclusion=-0.3,
                 audience=-0.2, share_responsibility=-0.2, resources=-0.1)
GAP = dict(power_and_inclusion=0.95, share_responsibility=0.85, influence=0.95,
           negotiate_and_challenge=0.6, voice=0.5, audience=0.5, resources=0.4,
           rights_and_readiness=0.3, relate_and_respect=0.0)
FRAMEWORK_ORDER = ("voice_influence_charter", "core_principles", "lundy")


def _covid_keep(d: date) -> float:
    """Share of the usual sessions that still happened."""
    if not covid(d):
        return 1.0
    return 0.15 if d < date(2020, 7, 1) else 0.22 if d < date(2021, 7, 1) else 0.4


def _session_dates(rng, prog: dict, end: date) -> list:
    dates, used = [], set()
    month, last = prog["start"].replace(day=1), programme_last_day(prog, end)
    while month <= last:
        days = calendar.monthrange(month.year, month.month)[1]
        lo, hi = max(month, prog["start"]), min(month.replace(day=days), last)
        lam = prog["per_month"] * (1 + 0.06 * max(0.0, years(month) - 2.4)) \
            * {8: 0.45, 12: 0.7}.get(month.month, 1.0) * ((hi - lo).days + 1) / days
        for _ in range(poisson(rng, lam)):
            for _attempt in range(5):
                d = lo + timedelta(days=rng.randint(0, (hi - lo).days))
                if d.weekday() == 6 and rng.random() < 0.8:   # few Sunday sessions
                    d += timedelta(days=-1 if d > lo else 1 if d < hi else 0)
                if d not in used:
                    break
            if d not in used and rng.random() < _covid_keep(d):
                used.add(d)
                dates.append(d)
        month = add_months(month, 1)
    return sorted(dates)


def _mode(rng, d: date, activity: str) -> str:
    if d < COVID_START:
        return "online" if rng.random() < 0.04 else "in_person"
    if covid(d):
        return "in_person" if rng.random() < (0.1 if d < date(2021, 7, 1) else 0.3) else "online"
    hybrid = 0.35 if activity in ("governance", "steering_group") else 0.15
    in_person = min(0.5 + 0.05 * (years(d) - 2.3), 0.7)
    r = rng.random()
    return "hybrid" if r < hybrid else "in_person" if r < hybrid + in_person * (1 - hybrid) \
        else "online"


def _led_by(rng, d: date, prog: dict, activity: str) -> str:
    t, lift = trend(d), prog["led"] / 2
    young, co = max(0.07 + 0.25 * t + lift, 0.02), max(0.22 + 0.22 * t + lift, 0.05)
    if covid(d):
        young, co = young * 0.75, co * 0.75
    if activity == "governance":
        young *= 0.3
    if activity == "recruitment":
        co += 0.15
    r = rng.random()
    return "young_people" if r < young else "co_led" if r < young + co else "organisation"


def _rung(rng, d: date, led_by: str) -> int | None:
    if rng.random() < 0.02:
        return None
    m = 3.7 + 1.5 * trend(d) + dict(organisation=-0.7, co_led=0.5, young_people=1.0)[led_by] \
        - (0.3 if covid(d) else 0) + rng.gauss(0, 0.8)
    rung = int(clip(round(m), 1, 7))
    return rung if rung > 1 or rng.random() < 0.2 else 2


def make_sessions(rng, cycles: list, programmes: list, end: date) -> list:
    """(session row, its cycle) for every programme, in date order."""
    out = []
    for prog in programmes:
        own = [c for c in cycles if c.prog is prog]
        for n, d in enumerate(_session_dates(rng, prog, end), start=1):
            cycle = next(c for c in reversed(own) if c.start <= d)
            stage = cycle.stage_at(d)
            if rng.random() < 0.1:   # work does not keep strictly to its stages
                i = STAGES.index(stage) + rng.choice((-1, 1))
                stage = STAGES[min(max(i, 0), len(STAGES) - 1)]
            activity = pick(rng, prog["stages"][stage])
            title = rng.choice(TITLES[prog["code"]][activity])
            if prog["code"] == "PODCAST":
                title = f"Series {cycle.number}: {title}"
            mode = _mode(rng, d, activity)
            led_by = _led_by(rng, d, prog, activity)
            hours = DURATION[activity] + rng.choice((-0.5, 0, 0, 0.5, 1)) - (mode == "online") * 0.5
            out.append((dict(code=f"{prog['code']}-{n:04d}", programme=prog["code"], date=d,
                             title=title, activity_type=activity,
                             stage=None if rng.random() < 0.02 else stage, mode=mode,
                             led_by=led_by, ladder_rung=_rung(rng, d, led_by),
                             duration_hours=clip(hours, 1.0, 4.0)), cycle))
    out.sort(key=lambda sc: (sc[0]["date"], sc[0]["code"]))
    return out


def _pay(rng, d: date, hours: float, role: str) -> float:
    if rng.random() >= min(0.55 + 0.1 * years(d), 0.96):   # the remuneration policy spreads
        return 0.0
    pay = 10.0 + 5.0 * int((hours - 1) // 1) + (2.5 if d >= date(2023, 4, 1) else 0)
    return min(pay + (5.0 if role != "participant" else 0), 30.0)


def make_attendance(rng, sessions: list, propensity: dict, workers: list, volunteers: list):
    """Attendance rows, and per session the attended young people and staff (for ratings)."""
    rows, attended_by = [], {}
    for s, cycle in sessions:
        d, t, lockdown = s["date"], trend(s["date"]), covid(s["date"])
        p_expect = (0.6 if lockdown else 0.85) * (0.8 if s["activity_type"] in (
            "delivery", "recruitment") else 1.0)
        expected = [m for m in cycle.members if rng.random() < p_expect]
        if len(expected) < min(3, len(cycle.members)):
            expected = rng.sample(cycle.members, min(3, len(cycle.members)))
        came = [m for m in expected if rng.random() < propensity[m] - 0.12 * lockdown + 0.02 * t]
        roles = {}
        if came and s["led_by"] == "young_people":
            roles[rng.choice(came)] = "lead"
        if came and s["led_by"] != "organisation" or len(came) > 4 and rng.random() < 0.2:
            roles.setdefault(rng.choice(came), "co_facilitator")
        travel = s["mode"] != "online"
        for m in expected:
            attended = m in came
            role = roles.get(m, "participant")
            expenses = round(rng.uniform(2.5, 15) * 2) / 2 if attended and travel \
                and rng.random() < 0.3 else None
            rows.append(dict(session=s["code"], participant=m, attended=attended,
                             role_in_session=role,
                             paid_gbp=_pay(rng, d, s["duration_hours"], role) if attended
                             else None, expenses_gbp=expenses))
        pool = staff_pool(workers, s["programme"], d)
        staff = rng.sample(pool, min(len(pool), 1 if rng.random() < 0.55 else 2))
        staff_came = []
        for i, w in enumerate(staff):
            role = "participant" if i or s["led_by"] == "young_people" else \
                "lead" if s["led_by"] == "organisation" else "co_facilitator"
            attended = rng.random() < 0.97
            staff_came += [w.code] if attended else []
            rows.append(dict(session=s["code"], participant=w.code, attended=attended,
                             role_in_session=role, paid_gbp=None, expenses_gbp=None))
        helpers = [v for v in volunteers if v.active(d) and s["programme"] in v.programmes]
        if helpers and s["activity_type"] in ("workshop", "social", "delivery") \
                and rng.random() < 0.25:
            rows.append(dict(session=s["code"], participant=rng.choice(helpers).code,
                             attended=rng.random() < 0.9, role_in_session="participant",
                             paid_gbp=None, expenses_gbp=None))
        attended_by[s["code"]] = (len(came), staff_came)
    return rows, attended_by


def make_evaluations(rng, cycles: list, skills, end: date) -> list:
    """pre when a young person joins a programme, post at the end of that round (often
    missing), sometimes a follow_up, and another post when they stay for later rounds."""
    rows, last_scores, last_on = [], {}, {}
    for c in cycles:
        prog = c.prog
        for m in c.members:
            key = (m, prog["code"])
            due = c.planned_end - timedelta(days=rng.randint(0, 14))
            if key in last_scores:   # a later round: sometimes asked again at its end
                if last_on[key] < due <= end and rng.random() < 0.5:
                    scores = {k: int(clip(round(v + rng.gauss(0.25, 0.5)), 1, 5))
                              for k, v in last_scores[key].items()}
                    rows += _eval_rows(m, prog, "post", due, scores)
                    last_scores[key], last_on[key] = scores, due
                continue
            pre_on = c.start + timedelta(days=rng.randint(0, 21))
            if pre_on > end:
                continue
            n = rng.randint(4, min(6, len(prog["skills"])))
            chosen = [k for k in prog["skills"] if k in skills]
            asked = rng.sample(chosen, min(n, len(chosen)))
            chosen = [k for k in chosen if k in asked]
            base, gain = rng.gauss(2.8, 0.6), rng.gauss(0.8, 0.5)
            pre = {k: int(clip(round(base + SKILL_START.get(k, 0) + rng.gauss(0, 0.6)), 1, 5))
                   for k in chosen}
            rows += _eval_rows(m, prog, "pre", pre_on, pre)
            last_scores[key], last_on[key] = pre, pre_on
            post_on = max(due, pre_on + timedelta(days=rng.randint(90, 150)))
            if post_on > end or rng.random() < (0.27 if covid(post_on) else 0.15):
                continue
            post = {k: int(clip(round(v + gain + rng.gauss(0, 0.8)), 1, 5)) for k, v in pre.items()}
            rows += _eval_rows(m, prog, "post", post_on, post)
            last_scores[key], last_on[key] = post, post_on
            follow_on = post_on + timedelta(days=rng.randint(120, 240))
            if follow_on <= end and rng.random() < 0.35:
                rows += _eval_rows(m, prog, "follow_up", follow_on, {
                    k: int(clip(round(v - 0.1 + rng.gauss(0, 0.5)), 1, 5)) for k, v in post.items()})
    return rows


def _eval_rows(participant: str, prog: dict, timepoint: str, on: date, scores: dict) -> list:
    return [dict(participant=participant, programme=prog["code"], timepoint=timepoint,
                 completed_on=on, skill=k, score=v) for k, v in scores.items()]
