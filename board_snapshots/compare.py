"""A snapshot against the one before: each figure then and now, its change, and a plain sentence.

Pure functions of two frozen snapshots: the comparison never looks at the store's live data, and
it is made only from the figures as stored, which are protected (`board_snapshots.freeze`): no
figure is worked out again from exact data.
"""

from dataclasses import dataclass, field, replace

import pandas as pd

from board_snapshots.saved import Snapshot
from board_snapshots.wording import SkillVerdict, has_pairs, quoted_name, skill_verdicts, too_few
from measures.formatting import NO_DATA, change_text, count, days, difference, figure, plural
from measures.health import COMPONENT_LABELS
from measures.pair_statistics import FEWEST_FOR_A_VERDICT, TOO_FEW
from measures.suppression import is_suppressed


@dataclass(frozen=True)
class Figure:
    path: str          # where it sits in the frozen figures, e.g. "engagement.attendance_rate"
    label: str         # short, for tables
    subject: str       # how a sentence names it
    kind: str          # see measures.formatting.PLACES
    better: str = "higher"  # "higher", "lower" or "neither": which way is good news


KEY_FIGURES = (
    Figure("engagement.active_young_people", "Young people taking part", "The number of young people taking part",
           "count"),
    Figure("engagement.returning_share", "Came back from the period before",
           "The share of young people who came back from the period before", "share"),
    Figure("engagement.attendance_rate", "Attendance (came, out of expected)", "Attendance", "share"),
    Figure("engagement.sessions_held", "Sessions held", "The number of sessions held", "count"),
    Figure("engagement.involvement_hours", "Hours young people took part", "Young people's hours of involvement",
           "hours"),
    Figure("engagement.youth_led_share", "Sessions led or co-led by young people",
           "The share of sessions led or co-led by young people", "share"),
    Figure("engagement.doing_with_share", "'Doing with' sessions (co-design, co-production)",
           "The share of 'doing with' sessions", "share"),
    Figure("feedback.raised", "Things young people raised", "The number of things young people raised", "count",
           "neither"),
    Figure("feedback.told_back_share", "Feedback told back", "The share of feedback told back to young people",
           "share"),
    Figure("feedback.open_over_30_days", "Feedback waiting over 30 days",
           "The number of feedback items waiting more than 30 days", "count", "lower"),
    Figure("remuneration.paid_total_gbp", "Paid to young people for their time", "Payments to young people",
           "money", "neither"),
)
# Valuing young people's expertise: what they were paid, per hour of their involvement, and their
# expenses (`remuneration`). A snapshot taken before pounds per hour were kept has 'no data' for it.
RESOURCING = (
    Figure("remuneration.paid_total_gbp", "Paid to young people for their time", "Payments to young people",
           "money", "neither"),
    Figure("remuneration.paid_per_hour_gbp", "Paid per hour of their involvement",
           "Payments per hour of young people's involvement", "rate", "neither"),
    Figure("remuneration.expenses_total_gbp", "Expenses paid back to young people",
           "Expenses paid back to young people", "money", "neither"),
)
# Health components that no key figure already speaks for, as shares in sentences.
COMPONENT_SUBJECTS = {
    "share_improved": "The share of young people whose skills improved",
    "principle_adherence": "The share of principle ratings of 4 or 5",
    "feedback_closed_within_30_days": "The share of feedback told back within 30 days",
}
GROUPS = (("better", "Better than last time"), ("worse", "Worse than last time"),
          ("changed", "Changed (neither better nor worse)"), ("same", "No change"),
          ("not_comparable", "Cannot be compared"))


@dataclass(frozen=True)
class Compared:
    label: str
    now: str
    before: str
    change: str
    verdict: str            # a GROUPS key; "first" without a previous snapshot; "no_data" with nothing either side
    sentence: str | None
    rated_by: str = ""      # for principles: "Young people" or "Staff"


@dataclass(frozen=True)
class Comparison:
    health: list[Compared] = field(default_factory=list)      # the index, then its components
    key_figures: list[Compared] = field(default_factory=list)
    principles: list[Compared] = field(default_factory=list)
    skills: list[Compared] = field(default_factory=list)
    extra: list[Compared] = field(default_factory=list)       # health components as shares
    notes: list[str] = field(default_factory=list)
    resourcing: list[Compared] = field(default_factory=list)  # payments, per hour, expenses (no sentences)
    # This snapshot's skills and all skills together with their verdicts; None when it was taken
    # before verdicts were kept.
    verdicts: list[SkillVerdict] | None = None

    def sentences(self, part: str = "headline") -> dict[str, list[str]]:
        """Sentences by group (GROUPS order), only groups that have some. The "headline" part is the
        health index and the key figures; the "detail" part the principles and skills."""
        rows = ([*self.health[:1], *self.key_figures, *self.extra] if part == "headline"
                else [*self.principles, *self.skills])
        grouped = {key: [c.sentence for c in rows if c.verdict == key and c.sentence] for key, _ in GROUPS}
        return {key: found for key, found in grouped.items() if found}


def lookup(figures: dict, path: str):
    for step in path.split("."):
        if not isinstance(figures, dict):
            return None
        figures = figures.get(step)
    return figures


def _verdict(diff, better: str) -> str:
    if diff == 0:
        return "same"
    if better == "neither":
        return "changed"
    return "better" if (diff > 0) == (better == "higher") else "worse"


def compare_values(label: str, subject: str, kind: str, now, before, k_now: int, k_before: int | None,
                   better: str = "higher", unit: str = "") -> Compared:
    """One figure now and in the previous snapshot (`k_before` None: there is none)."""
    now_text = figure(now, kind, k_now)
    if k_before is None:
        return Compared(label, now_text, "", "", "first", None)
    before_text = figure(before, kind, k_before)
    hidden_now, hidden_before = is_suppressed(now), is_suppressed(before)
    if hidden_now or hidden_before:
        where = ("either snapshot" if hidden_now and hidden_before
                 else "this snapshot" if hidden_now else "the previous snapshot")
        k = k_now if hidden_now else k_before
        return Compared(label, now_text, before_text, "cannot compare", "not_comparable",
                        f"{subject} cannot be compared: fewer than {k} young people in {where}.")
    if now_text == NO_DATA and before_text == NO_DATA:
        return Compared(label, now_text, before_text, "", "no_data", None)
    if NO_DATA in (now_text, before_text):
        where = "this snapshot" if now_text == NO_DATA else "the previous snapshot"
        return Compared(label, now_text, before_text, "cannot compare", "not_comparable",
                        f"{subject} cannot be compared: no data in {where}.")
    diff = difference(now, before, kind)
    if diff == 0:
        sentence = f"{subject} stayed at {now_text}{unit}."
    else:
        points = f" ({'up' if diff > 0 else 'down'} {plural(abs(diff), 'point')})" if kind == "share" else ""
        sentence = f"{subject} {'rose' if diff > 0 else 'fell'} from {before_text} to {now_text}{unit}{points}."
    return Compared(label, now_text, before_text, change_text(diff, kind), _verdict(diff, better), sentence)


def _health(now: Snapshot, before: Snapshot | None) -> list[Compared]:
    h_now = now.figures["health_index"]
    h_before = before.figures["health_index"] if before else {"value": None, "status": None, "components": {}}
    k_before = before.k if before else None
    index = compare_values("Health index (out of 100)", "The health index", "score", h_now["value"],
                           h_before["value"], now.k, k_before, unit=" out of 100")
    if index.sentence and h_now["status"] and h_before["status"]:
        status = (f"still {h_now['status']}" if h_now["status"] == h_before["status"]
                  else f"from {h_before['status']} to {h_now['status']}")
        index = Compared(index.label, index.now, index.before, index.change, index.verdict,
                         f"{index.sentence[:-1]} ({status}).")
    rows = [index]
    for name, label in COMPONENT_LABELS.items():
        value = h_now["components"].get(name, {}).get("value")
        earlier = h_before["components"].get(name, {}).get("value")
        rows.append(compare_values(label, label, "score", value, earlier, now.k, k_before, unit=" out of 100"))
    return rows


def _as_share(value):
    return value if value is None or is_suppressed(value) else value / 100


def _extra(now: Snapshot, before: Snapshot | None) -> list[Compared]:
    k_before = before.k if before else None
    rows = []
    for name, subject in COMPONENT_SUBJECTS.items():
        value = now.figures["health_index"]["components"].get(name, {}).get("value")
        earlier = before.figures["health_index"]["components"].get(name, {}).get("value") if before else None
        rows.append(compare_values(COMPONENT_LABELS[name], subject, "share", _as_share(value), _as_share(earlier),
                                   now.k, k_before))
    return rows


def _figures(now: Snapshot, before: Snapshot | None, chosen: tuple[Figure, ...]) -> list[Compared]:
    return [compare_values(f.label, f.subject, f.kind, lookup(now.figures, f.path),
                           lookup(before.figures, f.path) if before else None, now.k,
                           before.k if before else None, f.better) for f in chosen]


def _principle_rows(snapshot: Snapshot) -> dict:
    frame = snapshot.frames["principles"]
    return {(r["framework"], r["principle"]): r for r in frame.to_dict("records") if r["has_ratings"]}


def _principles(now: Snapshot, before: Snapshot | None) -> list[Compared]:
    mine, theirs = _principle_rows(now), _principle_rows(before) if before else {}
    rows = []
    for key in [*mine, *(k for k in theirs if k not in mine)]:
        row = mine.get(key) or theirs[key]
        name = quoted_name(row["principle_name"])
        for who, subject, column in (("Young people", "Young people's", "young_people_mean"),
                                     ("Staff", "Staff", "staff_mean")):
            compared = compare_values(row["principle_name"], f"{subject} rating of {name}", "mean",
                                      mine.get(key, {}).get(column), theirs.get(key, {}).get(column), now.k,
                                      before.k if before else None)
            rows.append(replace(compared, rated_by=who))
    return rows


def _skill_rows(snapshot: Snapshot) -> dict:
    return {r["skill"]: r for r in snapshot.frames["skills"].to_dict("records") if has_pairs(r["pairs"])}


def _skills(now: Snapshot, before: Snapshot | None) -> list[Compared]:
    mine, theirs = _skill_rows(now), _skill_rows(before) if before else {}
    rows = []
    for key in [*mine, *(k for k in theirs if k not in mine)]:
        row = mine.get(key) or theirs[key]
        subject = f"Young people's average gain in {quoted_name(row['skill_name'])}"
        now_row, before_row = mine.get(key, {}), theirs.get(key, {})
        compared = compare_values(row["skill_name"], subject, "gain", now_row.get("mean_change"),
                                  before_row.get("mean_change"), now.k, before.k if before else None)
        rows.append(_few_pairs(compared, subject, now_row, before_row))
    return rows


def _few_pairs(compared: Compared, subject: str, now: dict, before: dict) -> Compared:
    """An average gain from fewer than 10 pairs is never shown or compared on its own: it reads
    'too few to say' (docs/measures.md, "Skills gained"). A hidden gain stays as it was."""
    if is_suppressed(now.get("mean_change")) or is_suppressed(before.get("mean_change")):
        return compared
    few_now, few_before = bool(now) and too_few(now), bool(before) and too_few(before)
    if not few_now and not few_before:
        return compared
    now_text = TOO_FEW if few_now else compared.now
    if compared.verdict == "first":
        return replace(compared, now=now_text)
    where = "either snapshot" if few_now and few_before else "this snapshot" if few_now else "the previous snapshot"
    return replace(compared, now=now_text, before=TOO_FEW if few_before else compared.before,
                   change="cannot compare", verdict="not_comparable",
                   sentence=f"{subject} cannot be compared: fewer than {count(FEWEST_FOR_A_VERDICT)} pairs in {where}.")


def _notes(now: Snapshot, before: Snapshot | None) -> list[str]:
    if before is None:
        return ["This is the first snapshot: there is nothing earlier to compare it with."]
    notes = []
    if max(now.period.days, before.period.days) > 1.1 * min(now.period.days, before.period.days):
        notes.append(f"The two snapshots cover periods of different lengths ({count(now.period.days)} and "
                     f"{days(before.period.days)}): compare counts, hours and payments with care.")
    if before.k != now.k:
        notes.append(f"Figures were hidden below {before.k} young people last time and below {now.k} now.")
    return notes


def compare(now: Snapshot, before: Snapshot | None) -> Comparison:
    return Comparison(health=_health(now, before), key_figures=_figures(now, before, KEY_FIGURES),
                      principles=_principles(now, before), skills=_skills(now, before),
                      extra=_extra(now, before), notes=_notes(now, before),
                      resourcing=_figures(now, before, RESOURCING),
                      verdicts=skill_verdicts(now.frames["skills"], now.figures.get("skills_pooled"), now.k))


def as_frame(rows: list[Compared], first: str, has_before: bool) -> pd.DataFrame:
    """A table of figures: this time and, when there is a previous snapshot, last time and the change."""
    frame = pd.DataFrame({first: [r.label for r in rows]})
    if any(r.rated_by for r in rows):
        frame["Rated by"] = [r.rated_by for r in rows]
    frame["This time"] = [r.now for r in rows]
    if has_before:
        frame["Last time"] = [r.before for r in rows]
        frame["Change"] = [r.change or "-" for r in rows]
    return frame
