"""A deliberately naive reference for `measures_json`, written from the definitions alone (docs/measures.md).

It reads every table whole into pandas and computes each figure the obvious way, so that the
real implementation (SQL, caching, whatever it uses) can be checked against it figure by figure.
It returns the nested dict of "The measures as data", with None for missing or suppressed figures,
and the set of suppressed key paths ("skills.teamwork.mean_change").

Readings of the definitions followed here (the project's decisions where the definitions leave a choice):
- Session measures (sessions_held, youth_led_share, doing_with_share) use the session filters
  (programme, activity type, mode) only; doing_with_share's denominator is the sessions that have
  a ladder rung.
- Engagement, attendance rate, hours and remuneration use young people's attendance records
  (participants.role == young_person) of sessions dated in the period; the participant-group
  filter keeps only young people in the group.
- Returning: the previous period has the same number of days and ends the day before.
- Skills: young people's evaluations; the programme filter applies through the evaluation's own
  programme; activity type and mode do not apply. Every skill of the `skills` table is listed.
- Principles: ratings by `rated_on`, filtered through their session's programme/activity/mode.
  With a group filter, young people's ratings keep only those whose rater is a young person in
  the group (anonymous ones drop out); staff ratings stay. Every framework/principle is listed.
- Feedback: programme filter only.
- Suppression: a figure is suppressed when 1..k-1 young people stand behind it; with nobody
  behind it counts stay 0 and rates/means are None without being listed.
- Health index: five components on 0-100 with equal weights; a component without data or
  suppressed is left out (effective weight 0) and the others rescaled.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, timedelta
from fractions import Fraction

import pandas as pd

YOUNG_PERSON = "young_person"
YOUTH_LED = ("young_people", "co_led")
DOING_WITH = (6, 7)
HEALTH_COMPONENTS = (
    "attendance_rate", "share_improved", "principle_adherence",
    "feedback_closed_within_30_days", "youth_led_share",
)
GREEN, AMBER = 70, 50


@dataclass
class Tables:
    programmes: pd.DataFrame
    participants: pd.DataFrame
    sessions: pd.DataFrame
    attendance: pd.DataFrame
    skills: pd.DataFrame
    evaluations: pd.DataFrame
    frameworks: pd.DataFrame
    principles: pd.DataFrame
    ratings: pd.DataFrame
    feedback: pd.DataFrame


def _day(value) -> pd.Timestamp:
    return pd.Timestamp(value).normalize()


def _dates(frame: pd.DataFrame, *columns: str) -> pd.DataFrame:
    frame = frame.copy()
    for column in columns:
        frame[column] = pd.to_datetime(frame[column]).dt.normalize()
    return frame


def load_tables(engine) -> Tables:
    """Every table the measures read, whole, as pandas frames."""
    def read(name: str) -> pd.DataFrame:
        frame = pd.read_sql_table(name, engine)
        # Plain Python strings: pandas' string dtype is slower for the many small filters below.
        return frame.astype({c: object for c in frame.columns if isinstance(frame[c].dtype, pd.StringDtype)})
    programmes = read("programmes")
    prog_code = dict(zip(programmes["id"], programmes["code"], strict=True))
    participants = read("participants")
    sessions = _dates(read("sessions"), "date")
    sessions["programme"] = sessions["programme_id"].map(prog_code)
    attendance = read("attendance")
    attendance["attended"] = attendance["attended"].astype(bool)
    skills = read("skills")
    evaluations = _dates(read("evaluations"), "completed_on")
    evaluations["programme"] = evaluations["programme_id"].map(prog_code)
    evaluations["skill"] = evaluations["skill_id"].map(dict(zip(skills["id"], skills["code"], strict=True)))
    frameworks = read("frameworks")
    principles = read("principles")
    principles["framework"] = principles["framework_id"].map(
        dict(zip(frameworks["id"], frameworks["code"], strict=True)))
    ratings = _dates(read("principle_ratings"), "rated_on")
    feedback = _dates(read("feedback_items"), "raised_on", "responded_on")
    feedback["programme"] = feedback["programme_id"].map(prog_code)
    return Tables(programmes, participants, sessions, attendance, skills, evaluations,
                  frameworks, principles, ratings, feedback)


# ---------------------------------------------------------------- small helpers

def _share(numerator: int, denominator: int):
    return None if denominator == 0 else numerator / denominator


def _exact(numerator: int, denominator: int):
    """The share as an exact fraction: the health index is compared with its thresholds exactly
    (five shares averaged in floating point can land on 49.999... when the index is 50)."""
    return None if denominator == 0 else Fraction(numerator, denominator)


def _mean(values: pd.Series):
    return None if len(values) == 0 else float(values.mean())


def _too_few(people: int, k: int) -> bool:
    return 0 < people < k


class _Out:
    """Collects suppressed key paths while figures are guarded."""

    def __init__(self, k: int):
        self.k = k
        self.suppressed: set[str] = set()
        self.exact: dict[str, Fraction | None] = {}

    def guard(self, section: dict, path: str, names: list[str], people: int) -> None:
        if _too_few(people, self.k):
            for name in names:
                section[name] = None
                self.suppressed.add(f"{path}.{name}")


def _young_people(tables: Tables, filters) -> set[int]:
    """Ids of the young people in the participant group (all young people without a group filter)."""
    p = tables.participants
    keep = p["role"] == YOUNG_PERSON
    for column, wanted in (("age_band", filters.age_bands), ("disability", filters.disability),
                           ("care_experienced", filters.care_experienced)):
        if wanted:
            keep &= p[column].isin(list(wanted))
    return set(p.loc[keep, "id"].tolist())


def _sessions(tables: Tables, start: pd.Timestamp, end: pd.Timestamp, filters) -> pd.DataFrame:
    s = tables.sessions
    keep = (s["date"] >= start) & (s["date"] <= end)
    if filters.programmes:
        keep &= s["programme"].isin(list(filters.programmes))
    if filters.activity_types:
        keep &= s["activity_type"].isin(list(filters.activity_types))
    if filters.modes:
        keep &= s["mode"].isin(list(filters.modes))
    return s[keep]


def _yp_records(tables: Tables, start, end, filters, young: set[int]) -> pd.DataFrame:
    """Young people's attendance records of the filtered sessions dated in [start, end]."""
    sessions = _sessions(tables, start, end, filters)
    a = tables.attendance
    records = a[a["session_id"].isin(sessions["id"]) & a["participant_id"].isin(young)].copy()
    records["duration_hours"] = records["session_id"].map(dict(zip(sessions["id"], sessions["duration_hours"],
                                                                   strict=True)))
    return records


# ---------------------------------------------------------------- sections

def _engagement(tables, start, end, filters, young, out: _Out) -> dict:
    sessions = _sessions(tables, start, end, filters)
    held = len(sessions)
    youth_led = int(sessions["led_by"].isin(YOUTH_LED).sum())
    with_rung = sessions[sessions["ladder_rung"].notna()]
    doing_with = int(with_rung["ladder_rung"].isin(DOING_WITH).sum())

    records = _yp_records(tables, start, end, filters, young)
    attended = records[records["attended"]]
    active = set(attended["participant_id"].tolist())

    days = (end - start).days + 1
    prev_end = start - timedelta(days=1)
    prev_start = prev_end - timedelta(days=days - 1)
    prev = _yp_records(tables, prev_start, prev_end, filters, young)
    prev_active = set(prev.loc[prev["attended"], "participant_id"].tolist())

    section = {
        "active_young_people": len(active),
        "sessions_held": held,
        "attendance_rate": _share(int(records["attended"].sum()), len(records)),
        "returning_share": _share(len(active & prev_active), len(active)),
        "involvement_hours": float(attended["duration_hours"].sum()),
        "youth_led_share": _share(youth_led, held),
        "doing_with_share": _share(doing_with, len(with_rung)),
    }
    out.exact["attendance_rate"] = _exact(int(records["attended"].sum()), len(records))
    out.exact["youth_led_share"] = _exact(youth_led, held)
    out.guard(section, "engagement", ["active_young_people", "returning_share", "involvement_hours"], len(active))
    out.guard(section, "engagement", ["attendance_rate"], records["participant_id"].nunique())
    return section


def _skill_pairs(tables, start, end, filters, young) -> tuple[pd.DataFrame, pd.DataFrame]:
    """(pairs counted in the period, awaiting keys), each with participant_id and skill columns."""
    ev = tables.evaluations
    ev = ev[ev["participant_id"].isin(young)]
    if filters.programmes:
        ev = ev[ev["programme"].isin(list(filters.programmes))]
    key = ["participant_id", "skill", "programme_id"]

    posts = ev[(ev["timepoint"] == "post") & (ev["completed_on"] >= start) & (ev["completed_on"] <= end)]
    latest_post = posts.sort_values("completed_on").groupby(key, as_index=False).last()
    pres = ev[ev["timepoint"] == "pre"]
    candidates = latest_post.merge(pres, on=key, suffixes=("_post", "_pre"))
    candidates = candidates[candidates["completed_on_pre"] <= candidates["completed_on_post"]]
    earliest_pre = candidates.sort_values("completed_on_pre").groupby(key, as_index=False).first()
    pairs = earliest_pre[key].copy()
    pairs["change"] = earliest_pre["score_post"] - earliest_pre["score_pre"]

    first_pre = pres.groupby(key, as_index=False)["completed_on"].min()
    first_pre = first_pre[(first_pre["completed_on"] >= start) & (first_pre["completed_on"] <= end)]
    posted = ev[(ev["timepoint"] == "post") & (ev["completed_on"] <= end)][key].drop_duplicates()
    marked = first_pre.merge(posted, on=key, how="left", indicator=True)
    awaiting = marked.loc[marked["_merge"] == "left_only", key]
    return pairs, awaiting


def _skills(tables, pairs, awaiting, out: _Out) -> dict:
    result = {}
    for skill in tables.skills["code"]:
        p = pairs[pairs["skill"] == skill]
        a = awaiting[awaiting["skill"] == skill]
        section = {
            "pairs": len(p),
            "mean_change": _mean(p["change"]),
            "share_improved": _share(int((p["change"] > 0).sum()), len(p)),
            "awaiting_post": len(a),
        }
        out.guard(section, f"skills.{skill}", ["pairs", "mean_change", "share_improved"],
                  p["participant_id"].nunique())
        out.guard(section, f"skills.{skill}", ["awaiting_post"], a["participant_id"].nunique())
        result[skill] = section
    return result


def _ratings(tables, start, end, filters, young) -> pd.DataFrame:
    """Ratings in the period, through their session's filters, with the group filter applied."""
    r = tables.ratings
    r = r[(r["rated_on"] >= start) & (r["rated_on"] <= end)]
    s = tables.sessions
    keep = pd.Series(True, index=s.index)
    if filters.programmes:
        keep &= s["programme"].isin(list(filters.programmes))
    if filters.activity_types:
        keep &= s["activity_type"].isin(list(filters.activity_types))
    if filters.modes:
        keep &= s["mode"].isin(list(filters.modes))
    r = r[r["session_id"].isin(set(s.loc[keep, "id"].tolist()))]
    if filters.has_group:
        staff = r["rater_role"] != YOUNG_PERSON
        in_group = r["rater_id"].isin(young)
        r = r[staff | in_group]
    return r


def _rating_people(ratings: pd.DataFrame) -> int:
    yp = ratings[ratings["rater_role"] == YOUNG_PERSON]
    return int(yp["rater_id"].dropna().nunique() + yp["rater_id"].isna().sum())


def _principles(tables, ratings, out: _Out) -> dict:
    result: dict = {}
    by_principle = dict(list(ratings.groupby("principle_id")))
    empty = ratings.iloc[0:0]
    for framework in tables.frameworks["code"]:
        result[framework] = {}
        principles = tables.principles[tables.principles["framework"] == framework]
        for pid, code in zip(principles["id"], principles["code"], strict=True):
            r = by_principle.get(pid, empty)
            yp = r[r["rater_role"] == YOUNG_PERSON]["score"]
            st = r[r["rater_role"] == "staff"]["score"]
            yp_mean, st_mean = _mean(yp), _mean(st)
            section = {
                "mean": _mean(r["score"]),
                "share_4_5": _share(int((r["score"] >= 4).sum()), len(r)),
                "young_people_mean": yp_mean,
                "staff_mean": st_mean,
                "gap": None if yp_mean is None or st_mean is None else st_mean - yp_mean,
                "ratings": len(r),
            }
            out.guard(section, f"principles.{framework}.{code}",
                      ["young_people_mean", "gap", "mean", "share_4_5", "ratings"], _rating_people(r))
            result[framework][code] = section
    return result


def _feedback(tables, start, end, filters, out: _Out) -> dict:
    f = tables.feedback
    if filters.programmes:
        f = f[f["programme"].isin(list(filters.programmes))]
    raised = f[(f["raised_on"] >= start) & (f["raised_on"] <= end)]
    told = raised[raised["responded_on"].notna() & (raised["responded_on"] <= end)]
    days = (told["responded_on"] - told["raised_on"]).dt.days
    within_30 = int((days <= 30).sum())
    no_response = f["responded_on"].isna() | (f["responded_on"] > end)
    old_enough = f["raised_on"] <= end - timedelta(days=30)
    out.exact["feedback_closed_within_30_days"] = _exact(within_30, len(raised))
    return {
        "raised": len(raised),
        "told_back_share": _share(len(told), len(raised)),
        "median_days_to_tell_back": None if len(told) == 0 else float(days.median()),
        "open_over_30_days": int((no_response & old_enough).sum()),
        "closed_within_30_days_share": _share(within_30, len(raised)),
    }


def _remuneration(tables, start, end, filters, young, out: _Out) -> dict:
    records = _yp_records(tables, start, end, filters, young)
    attended = records[records["attended"]]
    section = {
        "paid_total_gbp": float(attended["paid_gbp"].fillna(0).sum()),
        "paid_share": _share(int((attended["paid_gbp"].fillna(0) > 0).sum()), len(attended)),
        "expenses_total_gbp": float(attended["expenses_gbp"].fillna(0).sum()),
    }
    out.guard(section, "remuneration", ["paid_total_gbp", "paid_share", "expenses_total_gbp"],
              attended["participant_id"].nunique())
    return section


def _health(engagement, pairs, ratings, out: _Out) -> dict:
    exact: dict[str, Fraction | None] = {}
    exact["attendance_rate"] = (None if engagement["attendance_rate"] is None
                                else out.exact["attendance_rate"])
    if "engagement.attendance_rate" in out.suppressed:
        out.suppressed.add("health_index.components.attendance_rate.value")

    exact["share_improved"] = _exact(int((pairs["change"] > 0).sum()), len(pairs))
    if _too_few(pairs["participant_id"].nunique(), out.k):
        exact["share_improved"] = None
        out.suppressed.add("health_index.components.share_improved.value")

    exact["principle_adherence"] = _exact(int((ratings["score"] >= 4).sum()), len(ratings))
    if _too_few(_rating_people(ratings), out.k):
        exact["principle_adherence"] = None
        out.suppressed.add("health_index.components.principle_adherence.value")

    exact["feedback_closed_within_30_days"] = out.exact["feedback_closed_within_30_days"]
    exact["youth_led_share"] = out.exact["youth_led_share"]

    present = [name for name in HEALTH_COMPONENTS if exact[name] is not None]
    components = {}
    for name in HEALTH_COMPONENTS:
        components[name] = {
            "value": None if exact[name] is None else float(100 * exact[name]),
            "weight": float(Fraction(1, len(present))) if name in present else 0,
        }
    if present:
        index = sum(100 * exact[name] for name in present) / len(present)
        status = "green" if index >= GREEN else "amber" if index >= AMBER else "red"
        index = float(index)
    else:
        index, status = None, None
    return {"value": index, "status": status, "components": components}


def reference_measures(tables: Tables, period, filters, k: int) -> tuple[dict, set[str]]:
    """(the measures JSON as a dict without `suppressed`, the set of suppressed key paths)."""
    start, end = _day(period.start), _day(period.end)
    out = _Out(k)
    young = _young_people(tables, filters)
    engagement = _engagement(tables, start, end, filters, young, out)
    pairs, awaiting = _skill_pairs(tables, start, end, filters, young)
    skills = _skills(tables, pairs, awaiting, out)
    ratings = _ratings(tables, start, end, filters, young)
    principles = _principles(tables, ratings, out)
    feedback = _feedback(tables, start, end, filters, out)
    remuneration = _remuneration(tables, start, end, filters, young, out)
    health = _health(engagement, pairs, ratings, out)
    result = {
        "period": {"from": _iso(period.start), "to": _iso(period.end)},
        "k": k,
        "engagement": engagement,
        "skills": skills,
        "principles": principles,
        "feedback": feedback,
        "remuneration": remuneration,
        "health_index": health,
    }
    return result, out.suppressed


def _iso(value: date) -> str:
    return value.isoformat()
