"""What people said in the demo organisation: principle ratings of sessions (young people
anonymously, staff by code) and "you said, we did" items."""

import calendar
from datetime import date, timedelta

from data.demo.build import FRAMEWORK_ORDER, GAP, YP_OFFSET
from data.demo.people import COVID_START, START, add_months, clip, covid, poisson, trend, years
from data.demo.text import COMMENTS, FEEDBACK, FEEDBACK_WHEN

DEFAULT_GAP = 0.25
MIN_OVERDUE = 4


def make_ratings(rng, sessions: list, attended_by: dict, principles: dict) -> list:
    """For a growing share of sessions, every principle of one framework rated 1-5 by some of
    the young people who came and by the staff; staff rate power, responsibility and influence
    clearly higher than young people do, and both improve slowly."""
    frameworks = [f for f in FRAMEWORK_ORDER if principles.get(f)]
    rows = []
    for s, cycle in sessions:
        d, t = s["date"], trend(s["date"])
        young, staff = attended_by[s["code"]]
        share = (0.18 + 0.2 * t) * (0.8 if s["mode"] == "online" else 1.0)
        if not frameworks or not (young or staff) or rng.random() >= share:
            continue
        weights = [cycle.prog["frameworks"][FRAMEWORK_ORDER.index(f)] for f in frameworks]
        framework = rng.choices(frameworks, weights=weights)[0]
        rung = s["ladder_rung"] or 4
        effect = rng.gauss(0, 0.3) + (0.3 if rung >= 6 else -0.3 if rung <= 3 else 0.0) \
            - (0.25 if s["mode"] == "online" else 0.0)
        raters = [("young_person", None)] * (max(1, round(young * rng.uniform(0.4, 0.75)))
                                             if young else 0)
        raters += [("staff", code) for code in staff if rng.random() < 0.85]
        for role, code in raters:
            person = rng.gauss(0, 0.45)
            scores = []
            for principle in principles[framework]:
                mean = 3.15 + 0.7 * t + YP_OFFSET.get(principle, 0.0) + effect + person
                if role == "staff":
                    mean += GAP.get(principle, DEFAULT_GAP) * (1 - 0.3 * t)
                scores.append((principle, int(clip(round(mean + rng.gauss(0, 0.6)), 1, 5))))
            said = rng.randrange(len(scores)) if rng.random() < 0.12 else -1
            for i, (principle, score) in enumerate(scores):
                rows.append(dict(session=s["code"], framework=framework, principle=principle,
                                 rater_role=role, rater=code, score=score, rated_on=d,
                                 comment=rng.choice(COMMENTS[(role, score >= 4)])
                                 if i == said else None))
    return rows


def _fits(item: tuple, d: date, active: list) -> bool:
    said, _done, _why_not, programme = item
    first, last = FEEDBACK_WHEN.get(said, (None, None))
    return (programme is None or programme in active) and (first is None or d >= first) \
        and (last is None or d <= last)


def make_feedback(rng, programmes: list, end: date) -> list:
    """About two or three items a month (fewer in lockdown), mostly told back within 7-40 days,
    faster in later years; a few recent ones still open."""
    items, deck, month = [], [], START
    while month <= end:
        days = calendar.monthrange(month.year, month.month)[1]
        hi = min(month.replace(day=days), end)
        lam = 1.5 if covid(month) else 2.8 if month < COVID_START else 2.5 + 0.08 * years(month)
        for _ in range(poisson(rng, lam * ((hi - month).days + 1) / days)):
            d = month + timedelta(days=rng.randint(0, (hi - month).days))
            active = [p["code"] for p in programmes
                      if p["start"] <= d <= min(p["end"] or end, end)]
            fits = [i for i in deck if _fits(FEEDBACK[i], d, active)]
            if not fits:   # a fresh round of the usual concerns
                fresh = list(range(len(FEEDBACK)))
                rng.shuffle(fresh)
                deck += fresh
                fits = [i for i in deck if _fits(FEEDBACK[i], d, active)]
            if not fits:
                continue
            deck.remove(fits[0])
            items.append(_respond(rng, FEEDBACK[fits[0]], d, active, end))
        month = add_months(month, 1)
    _settle_open_items(items, end)
    items.sort(key=lambda it: it["raised_on"])
    for n, it in enumerate(items, start=1):
        it["code"] = f"FB{n:04d}"
    return items


def _respond(rng, item: tuple, d: date, active: list, end: date) -> dict:
    said, done, why_not, programme = item
    if programme is None and active and rng.random() < 0.75:
        programme = rng.choice(active)
    age = (end - d).days
    delay = round(rng.triangular(7, 40, 28 - 18 * trend(d))) if rng.random() > 0.08 \
        else rng.randint(41, 90)
    stuck = rng.random() < 0.16
    if stuck and age > 365:   # old items were answered in the end, late
        stuck, delay = False, rng.randint(60, 200)
    row = dict(programme=programme, raised_on=d, you_said=said, status="raised", we_did=None,
               responded_on=None)
    if not stuck and d + timedelta(days=delay) <= end:
        possible = not (why_not and rng.random() < 0.3)
        row.update(status="done" if possible else "not_possible",
                   we_did=done if possible else why_not, responded_on=d + timedelta(days=delay))
    elif age >= 21 and rng.random() < 0.7:   # picked up, though not told back yet
        row["status"] = "in_progress"
    return row


def _settle_open_items(items: list, end: date) -> None:
    """Make sure the demo shows the alert (a few items open for more than 30 days) and both
    open statuses: the newest open item just raised, an older one in progress."""
    def overdue(it):
        return it["responded_on"] is None and (end - it["raised_on"]).days >= 30
    missing = MIN_OVERDUE - sum(map(overdue, items))
    candidates = [it for it in items if it["responded_on"] and 30 <= (end - it["raised_on"]).days
                  <= 200]
    for it in sorted(candidates, key=lambda it: it["raised_on"], reverse=True)[:max(missing, 0)]:
        it.update(status="in_progress", we_did=None, responded_on=None)
    still_open = sorted((it for it in items if it["responded_on"] is None),
                        key=lambda it: it["raised_on"])
    if still_open and all(it["status"] != "raised" for it in still_open):
        still_open[-1]["status"] = "raised"
    older = [it for it in still_open[:-1] if (end - it["raised_on"]).days >= 21]
    if older and all(it["status"] != "in_progress" for it in older):
        older[-1]["status"] = "in_progress"
