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
- Pair statistics (per skill, all skills pooled, per depth band): the t interval and d_z with the
  variance worked out exactly from the integer changes; a skill's figures (interval, d_z and
  verdict included) are hidden with its pairs; improved, same and worse are each hidden on their
  own young people (0 stays 0). The share improved keeps its rule from before these counts
  existed (hidden with the pairs only): existing keys are unchanged, and the admin figures are the
  exact audience's, so a share that with the pairs gives back a hidden improved count is accepted
  there (protected audiences get shares from rounded counts).
- Representation: each count on its own young people; the leading share and the ratio are hidden
  with the group's taking-part or leading count (the totals of all groups are a basis, not figures).
- Depth: a young person's band counts their attended records of the filtered sessions in the
  period; the band's pairs are the period's skill pairs (all skills) of the young people in it.
- Stage coverage: every programme (or those of the programme filter); a programme's count is hidden
  when 1..k-1 young people are at its attended records that have a stage.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, timedelta
from fractions import Fraction
from math import sqrt

import pandas as pd
from scipy import stats

YOUNG_PERSON = "young_person"
YOUTH_LED = ("young_people", "co_led")
DOING_WITH = (6, 7)
HEALTH_COMPONENTS = (
    "attendance_rate", "share_improved", "principle_adherence",
    "feedback_closed_within_30_days", "youth_led_share",
)
GREEN, AMBER = 70, 50
LEADING_ROLES = ("co_facilitator", "lead")
STAGES = ("plan", "design", "deliver", "review")
# The import contract's values of each dimension, plus an empty cell.
DIMENSIONS = {
    "age_band": ("under_11", "11_15", "16_18", "19_25", "over_25"),
    "disability": ("yes", "no", "prefer_not_to_say"),
    "care_experienced": ("yes", "no", "prefer_not_to_say"),
}
NOT_RECORDED = "not_recorded"
DEPTH_BANDS = (("1", 1, 1), ("2-4", 2, 4), ("5-9", 5, 9), ("10+", 10, None))
FEWEST_FOR_A_VERDICT = 10
PAIR_STATISTICS = ("pairs", "mean_change", "share_improved", "ci95_low", "ci95_high", "effect_size_dz", "verdict")


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
    section["stage_coverage"] = _stage_coverage(tables, start, end, filters, attended, out)
    return section


def _stage_coverage(tables, start, end, filters, attended, out: _Out) -> dict:
    """Per programme, the stages with at least one attended young people's record in the period."""
    sessions = _sessions(tables, start, end, filters)
    staged = attended.merge(sessions[["id", "programme", "stage"]], left_on="session_id", right_on="id")
    staged = staged[staged["stage"].isin(STAGES)]
    codes = list(filters.programmes) if filters.programmes else list(tables.programmes["code"])
    coverage = {}
    for code in codes:
        mine = staged[staged["programme"] == code]
        coverage[code] = int(mine["stage"].nunique())
        out.guard(coverage, "engagement.stage_coverage", [code], mine["participant_id"].nunique())
    return coverage


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


def _change_statistics(changes: pd.Series) -> dict:
    """The t interval, d_z and verdict of a sample of (whole-number) changes.

    The variance comes exactly from integer sums, so a zero spread is exactly zero."""
    values = [int(change) for change in changes]
    n = len(values)
    mean = _mean(changes)
    low = high = dz = None
    if n >= 2:
        total, squares = sum(values), sum(value * value for value in values)
        variance = Fraction(n * squares - total * total, n * (n - 1))
        sd = sqrt(variance)
        half_width = float(stats.t.ppf(0.975, n - 1)) * sd / sqrt(n)
        low, high = mean - half_width, mean + half_width
        dz = None if variance == 0 else mean / sd
    if n < FEWEST_FOR_A_VERDICT:
        verdict = "too few to say"
    elif low > 0:
        verdict = "improved"
    elif high < 0:
        verdict = "declined"
    else:
        verdict = "no clear change"
    return {"ci95_low": low, "ci95_high": high, "effect_size_dz": dz, "verdict": verdict}


def _pair_section(pairs: pd.DataFrame, path: str, out: _Out) -> dict:
    """pairs, mean change, share improved, interval, d_z, verdict and improved/same/worse of `pairs`."""
    change = pairs["change"]
    section = {
        "pairs": len(pairs),
        "mean_change": _mean(change),
        "share_improved": _share(int((change > 0).sum()), len(pairs)),
        **_change_statistics(change),
        "improved": int((change > 0).sum()),
        "same": int((change == 0).sum()),
        "worse": int((change < 0).sum()),
    }
    people = pairs["participant_id"].nunique()
    # A skill hidden for small numbers hides every figure, its improved / same / worse included.
    out.guard(section, path, [*PAIR_STATISTICS, "improved", "same", "worse"], people)
    for name, part in (("improved", change > 0), ("same", change == 0), ("worse", change < 0)):
        out.guard(section, path, [name], pairs.loc[part, "participant_id"].nunique())
    return section


def _skills(tables, pairs, awaiting, out: _Out) -> dict:
    result = {}
    for skill in tables.skills["code"]:
        p = pairs[pairs["skill"] == skill]
        a = awaiting[awaiting["skill"] == skill]
        section = _pair_section(p, f"skills.{skill}", out)
        section["awaiting_post"] = len(a)
        out.guard(section, f"skills.{skill}", ["awaiting_post"], a["participant_id"].nunique())
        result[skill] = section
    return result


def _representation(tables, start, end, filters, young, out: _Out) -> dict:
    """Per dimension and value: taking part, leading, doing with, leading share, representation ratio."""
    sessions = _sessions(tables, start, end, filters)
    records = _yp_records(tables, start, end, filters, young)
    attended = records[records["attended"]]
    rung = attended["session_id"].map(dict(zip(sessions["id"], sessions["ladder_rung"], strict=True)))
    taking_part = set(attended["participant_id"].tolist())
    leading = set(attended.loc[attended["role_in_session"].isin(LEADING_ROLES), "participant_id"].tolist())
    doing_with = set(attended.loc[rung.isin(DOING_WITH), "participant_id"].tolist())
    people = tables.participants.set_index("id")
    all_taking_part, all_leading = len(taking_part), len(leading)

    result: dict = {}
    for dimension, values in DIMENSIONS.items():
        recorded = people[dimension]
        empty = recorded.isna() | (recorded == "")
        result[dimension] = {}
        for value in (*values, NOT_RECORDED):
            group = set(people.index[empty if value == NOT_RECORDED else (recorded == value) & ~empty].tolist())
            part, lead, doing = len(taking_part & group), len(leading & group), len(doing_with & group)
            ratio = (None if all_leading == 0 or part == 0
                     else float(Fraction(lead, all_leading) / Fraction(part, all_taking_part)))
            section = {"taking_part": part, "leading": lead, "doing_with": doing,
                       "leading_share": _share(lead, part), "representation_ratio": ratio}
            path = f"representation.{dimension}.{value}"
            out.guard(section, path, ["doing_with"], doing)
            out.guard(section, path, ["leading", "leading_share", "representation_ratio"], lead)
            out.guard(section, path, ["taking_part", "leading_share", "representation_ratio"], part)
            result[dimension][value] = section
    return result


def _depth(tables, start, end, filters, young, pairs, out: _Out) -> dict:
    """Per band of sessions attended: the young people, and the pair figures of their skill pairs."""
    records = _yp_records(tables, start, end, filters, young)
    sessions_attended = records[records["attended"]].groupby("participant_id")["session_id"].nunique()
    result = {}
    for band, low, high in DEPTH_BANDS:
        in_band = sessions_attended[(sessions_attended >= low)
                                    & (sessions_attended <= (float("inf") if high is None else high))]
        band_pairs = pairs[pairs["participant_id"].isin(set(in_band.index.tolist()))]
        change = band_pairs["change"]
        statistics = _change_statistics(change)
        section = {
            "young_people": len(in_band),
            "pairs": len(band_pairs),
            "mean_change": _mean(change),
            "share_improved": _share(int((change > 0).sum()), len(band_pairs)),
            "ci95_low": statistics["ci95_low"],
            "ci95_high": statistics["ci95_high"],
            "verdict": statistics["verdict"],
        }
        out.guard(section, f"depth.{band}", ["young_people"], len(in_band))
        out.guard(section, f"depth.{band}", ["pairs", "mean_change", "share_improved", "ci95_low", "ci95_high",
                                             "verdict"], band_pairs["participant_id"].nunique())
        result[band] = section
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
    hours = float(attended["duration_hours"].sum())
    section["paid_per_hour_gbp"] = None if hours == 0 else section["paid_total_gbp"] / hours
    out.guard(section, "remuneration", ["paid_total_gbp", "paid_share", "expenses_total_gbp", "paid_per_hour_gbp"],
              attended["participant_id"].nunique())
    return section


def _health(engagement, pairs, ratings, out: _Out) -> dict:
    exact: dict[str, Fraction | None] = {}
    exact["attendance_rate"] = (None if engagement["attendance_rate"] is None
                                else out.exact["attendance_rate"])
    if "engagement.attendance_rate" in out.suppressed:
        out.suppressed.add("health_index.components.attendance_rate.value")

    exact["share_improved"] = _exact(int((pairs["change"] > 0).sum()), len(pairs))
    if "skills_pooled.share_improved" in out.suppressed:
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
    skills_pooled = _pair_section(pairs, "skills_pooled", out)
    representation = _representation(tables, start, end, filters, young, out)
    depth = _depth(tables, start, end, filters, young, pairs, out)
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
        "skills_pooled": skills_pooled,
        "representation": representation,
        "depth": depth,
        "principles": principles,
        "feedback": feedback,
        "remuneration": remuneration,
        "health_index": health,
    }
    return result, out.suppressed


def _iso(value: date) -> str:
    return value.isoformat()
