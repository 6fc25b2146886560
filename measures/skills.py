"""Skills gained (distance travelled): paired pre and post self-ratings, per skill.

For each (young person, skill, programme): the post is the latest `post` completed in the
period; the pre is the earliest `pre` completed on or before that post. Unpaired ratings never
enter the change; pre ratings still waiting for a post are counted apart.

Each measure's definition in plain words, as the forum explorer shows it: `measures/definitions.py`.
"""

import pandas as pd
from sqlalchemy import Integer, and_, case, cast, distinct, exists, func, literal, null, or_, select, true, union_all

from measures.filters import Filters, Period
from measures.kept_until_changed import kept_until_changed
from measures.pair_statistics import change_statistics
from measures.scope import P, in_period, programme_ids, young_people
from measures.suppression import SUPPRESSED, complete_hiding, guard_many, suppress_rows, too_few
from models.tables import Programme, Skill, SkillFirstPre, SkillPair
from models.vocab import YOUNG_PERSON

PAIRS, FIRST_PRES = SkillPair.__table__, SkillFirstPre.__table__
SK = Skill.__table__
PRG = Programme.__table__
KEY = ("participant_id", "skill_id", "programme_id")
# Every table the pair measures read (measures/kept_until_changed.py).
READS = ("skill_pairs", "skill_first_pres", "participants", "programmes", "skills")


def _young(e, filters: Filters):
    """Young people's ratings (and the programme filter), checked row by row: a lookup by
    primary key per row beats building the list of every young person's id at scale. Without a
    group filter, as "no participant who is not a young person": PostgreSQL hashes the ids it
    checks against, and there are far fewer others than young people (0.04 s against 0.13 s at
    scale XL). Every rating has its participant, whose role is never empty."""
    if filters.has_group:
        where = [exists(select(literal(1)).where(P.c.id == e.c.participant_id, young_people(filters)))]
    else:
        where = [~exists(select(literal(1)).where(P.c.id == e.c.participant_id, P.c.role != YOUNG_PERSON))]
    return and_(*where, _in_programmes(e, filters))


def _in_programmes(e, filters: Filters):
    return e.c.programme_id.in_(programme_ids(filters.programmes)) if filters.programmes else true()


def pairs_query(period: Period, filters: Filters, of_young_people_only: bool = True):
    """One row per pair: participant, skill, programme, pre score, post score, change, post date.
    Every participant's pairs (programme filter only) when not `of_young_people_only`: for a
    caller that joins them to young people in the chosen group itself.

    One range of `skill_pairs` (kept by triggers, migration 0014): its rows are the posts with a pre
    on or before them, each with its key's earliest pre. A key's pair in the period is its post in
    the period with no later post in the period: the one whose next post comes after the period's
    end, or never. A key has at most one rating per timepoint and date (`uq_evaluation_key`), so
    one row per pair.
    """
    return (select(*(PAIRS.c[c] for c in KEY), PAIRS.c.pre, PAIRS.c.post,
                   (PAIRS.c.post - PAIRS.c.pre).label("change"), PAIRS.c.post_on)
            .where(in_period(PAIRS.c.post_on, period),
                   _young(PAIRS, filters) if of_young_people_only else _in_programmes(PAIRS, filters),
                   or_(PAIRS.c.next_post_on.is_(None), PAIRS.c.next_post_on > period.end)))


def pair_aggregates(pairs) -> list:
    """Sums from which `measures.pair_statistics` works out the interval, d_z and verdict, and the
    pairs that went up, stayed the same and went down, each with the young people behind them."""
    change = pairs.c.change

    def pairs_where(condition):
        return func.coalesce(func.sum(case((condition, 1), else_=0)), 0)

    def people_where(condition):
        return func.count(distinct(case((condition, pairs.c.participant_id))))
    return [func.count().label("pairs"),
            func.count(distinct(pairs.c.participant_id)).label("people"),
            func.avg(change * literal(1.0)).label("mean_change"),
            func.coalesce(func.sum(change), 0).label("sum_change"),
            func.coalesce(func.sum(change * change), 0).label("sum_sq"),
            pairs_where(change > 0).label("improved"), people_where(change > 0).label("improved_people"),
            pairs_where(change == 0).label("same"), people_where(change == 0).label("same_people"),
            pairs_where(change < 0).label("worse"), people_where(change < 0).label("worse_people"),
            func.avg(pairs.c.pre * literal(1.0)).label("mean_pre"),
            func.avg(pairs.c.post * literal(1.0)).label("mean_post")]


def _pair_stats(pairs, group_cols):
    return select(*group_cols, *pair_aggregates(pairs)).group_by(*group_cols)


def _awaiting_query(period: Period, filters: Filters, by: tuple[str, ...] = ("skill_id",)):
    """Keys whose earliest pre falls in the period, with no post on or before its end: one range
    of `skill_first_pres` (one row per key, on its earliest pre's date; migration 0014)."""
    return (select(*(FIRST_PRES.c[c] for c in by), func.count().label("awaiting_post"),
                   func.count(distinct(FIRST_PRES.c.participant_id)).label("people"))
            .where(in_period(FIRST_PRES.c.pre_on, period), _young(FIRST_PRES, filters),
                   or_(FIRST_PRES.c.first_post_on.is_(None), FIRST_PRES.c.first_post_on > period.end))
            .group_by(*(FIRST_PRES.c[c] for c in by)))


OUTCOMES = ("improved", "same", "worse")


def pair_figures(s, k: int, full: bool = False) -> dict:
    """The figures of one group of pairs (an aggregate row of `pair_aggregates`, or None for no
    pairs): pairs, mean change, share improved, before and after means, the interval, d_z and
    verdict (`measures.pair_statistics`), and the pairs that went up, stayed the same and went
    down, each suppressed on its own young people (`full`: as parts of the pairs, so that no
    hidden one is the pairs minus the others; docs/disclosure.md). `improved_pairs` is the exact
    numerator of the share, from which protected shares are made (never shown)."""
    n = s.pairs if s else 0
    figures = {"pairs": n, "mean_change": s.mean_change if s else None,
               "share_improved": s.improved / n if n else None,
               "mean_pre": s.mean_pre if s else None, "mean_post": s.mean_post if s else None,
               **change_statistics(n, s.sum_change if s else 0, s.sum_sq if s else 0),
               "improved_pairs": s.improved if s else 0}
    counts = pd.Series([getattr(s, o) if s else 0 for o in OUTCOMES], index=list(OUTCOMES))
    people = pd.Series([getattr(s, f"{o}_people") if s else 0 for o in OUTCOMES], index=list(OUTCOMES))
    alone = people.map(lambda m: too_few(m, k))
    hidden = complete_hiding(alone, people, k) if full else alone
    return {**figures, **{o: SUPPRESSED if hidden[o] else int(counts[o]) for o in OUTCOMES}}


def skills_by_skill(engine, period: Period, filters: Filters, k: int) -> pd.DataFrame:
    """Per skill in the store: pairs, mean change (with 95% CI), share improved, awaiting post."""
    return skills_and_pooled_share(engine, period, filters, k)[0]


@kept_until_changed(*READS)
def skills_and_pooled_share(engine, period: Period, filters: Filters, k: int,
                            full: bool = False, awaiting: bool = True) -> tuple[pd.DataFrame, dict]:
    """`skills_by_skill`, and over all skills pooled (for the health index) `share_improved`
    with its `improved` and `pairs`, from one reading of the pairs (finding the pairs is most of
    the work).

    With `full` (protected audiences) the skills are the parts of the pooled whole: when a skill
    is hidden, more are hidden until the hidden ones rest on at least k young people together;
    when that cannot be done, the pooled figures are hidden too (`suppression.complete_hiding`).
    Without `awaiting`, the waiting counts are not looked for and `awaiting_post` is None.
    """
    with engine.connect() as conn:
        skills = conn.execute(select(SK.c.id, SK.c.code, SK.c.name).order_by(SK.c.id)).all()
        stats = {r.skill_id: r for r in conn.execute(_stats_query(period, filters)).all()}
        waiting = {r.skill_id: r for r in conn.execute(_awaiting_query(period, filters)).all()} if awaiting else None
    return _skill_rows(skills, stats, waiting, k, full)


def _stats_query(period: Period, filters: Filters, with_programmes: bool = False):
    """Pair aggregates per skill, over all skills (`skill_id` NULL) and, `with_programmes`, per
    programme and skill (`programme_id` set; NULL in the others): one statement, so the pairs
    are found once."""
    pairs = pairs_query(period, filters).cte("pairs").prefix_with("MATERIALIZED")
    none = cast(null(), Integer)  # typed: PostgreSQL cannot match an untyped NULL column to an integer one
    parts = [select(none.label("programme_id"), pairs.c.skill_id, *pair_aggregates(pairs)).group_by(pairs.c.skill_id),
             select(none.label("programme_id"), none.label("skill_id"), *pair_aggregates(pairs))]
    if with_programmes:
        parts.append(_pair_stats(pairs, [pairs.c.programme_id, pairs.c.skill_id]))
    return union_all(*parts)


def _skill_rows(skills, stats: dict, waiting: dict | None, k: int, full: bool) -> tuple[pd.DataFrame, dict]:
    """`skills_and_pooled_share`'s result from the skills in the store, the aggregate rows of
    `_stats_query` by skill id (None: all skills) and those of `_awaiting_query` (None: not
    looked for)."""
    people = pd.Series([stats[skill.id].people if skill.id in stats else 0 for skill in skills], dtype=int)
    alone = people.map(lambda n: too_few(n, k))
    hidden = complete_hiding(alone, people, k) if full else alone
    rows = []
    for i, skill in enumerate(skills):
        figures = pair_figures(stats.get(skill.id), k, full)
        if hidden[i]:
            figures = dict.fromkeys(figures, SUPPRESSED)
        if waiting is None:
            figures["awaiting_post"] = None
        else:
            w = waiting.get(skill.id)
            figures |= guard_many({"awaiting_post": w.awaiting_post if w else 0}, w.people if w else 0, k)
        rows.append({"skill": skill.code, "skill_name": skill.name, **figures})
    whole = stats[None]
    pooled = pair_figures(whole if whole.pairs else None, k, full)
    cannot_cover = full and alone.any() and (hidden.sum() < 2 or people[hidden].sum() < k)
    if cannot_cover:
        pooled = dict.fromkeys(pooled, SUPPRESSED)
    return pd.DataFrame(rows), guard_many(pooled, whole.people, k)


PAIR_FIGURES = ["pairs", "mean_change", "ci95", "share_improved", "mean_pre", "mean_post", "ci95_low", "ci95_high",
                "effect_size_dz", "verdict"]
PROGRAMME_COLUMNS = ["programme", "programme_name", "skill", "skill_name", *PAIR_FIGURES, "awaiting_post"]


def _hidden_parts(cells: pd.DataFrame, people_col: str, k: int) -> pd.Series:
    """Which cells to hide, each skill's cells taken as the parts of that skill's whole
    (`suppress_rows`, asked only about skills with a cell behind 1..k-1 young people: with none
    it hides nothing, and a pandas call per skill was most of this measure's time)."""
    hidden = pd.Series(False, index=cells.index)
    for skill_id in cells.loc[[too_few(n, k) for n in cells[people_col]], "skill_id"].unique():
        skill_cells = cells[cells["skill_id"] == skill_id]
        hidden[skill_cells.index] = suppress_rows(skill_cells[[people_col]], people_col, [], k)["suppressed"]
    return hidden


def skills_by_programme(engine, period: Period, filters: Filters, k: int) -> pd.DataFrame:
    """Per programme and skill with any pair or any pre awaiting a post: the figures of
    `skills_by_skill`, aggregated in SQL, each cell suppressed on its own young people.

    A skill's cells are the parts of that skill's whole (shown by `skills_by_skill`), so a lone
    suppressed cell takes the next smallest with it (`suppress_rows`). Pair figures and the
    awaiting count rest on different young people and are suppressed apart. Suppressed values
    are SUPPRESSED, as in `skills_by_skill`.
    """
    return skills_and_programmes(engine, period, filters, k)[1]


@kept_until_changed(*READS)
def skills_and_programmes(engine, period: Period, filters: Filters, k: int) -> tuple[pd.DataFrame, pd.DataFrame]:
    """`skills_by_skill` and `skills_by_programme` together, from one reading of the pairs."""
    by = ("programme_id", "skill_id")
    with engine.connect() as conn:
        skills = conn.execute(select(SK.c.id, SK.c.code, SK.c.name).order_by(SK.c.id)).all()
        stats_q = _stats_query(period, filters, with_programmes=True)
        rows = conn.execute(stats_q).all()
        waiting = {r.skill_id: r for r in conn.execute(_awaiting_query(period, filters)).all()}
        waiting_cells = pd.DataFrame(conn.execute(_awaiting_query(period, filters, by)).mappings().all(),
                                     columns=[*by, "awaiting_post", "people"])
        programmes = pd.DataFrame(conn.execute(select(PRG.c.id.label("programme_id"), PRG.c.code.label("programme"),
                                                      PRG.c.name.label("programme_name"))).all())
    by_skill = _skill_rows(skills, {r.skill_id: r for r in rows if r.programme_id is None}, waiting, k, False)[0]
    stats = pd.DataFrame([r._mapping for r in rows if r.programme_id is not None],
                         columns=list(stats_q.selected_columns.keys()))
    names = pd.DataFrame([(s.id, s.code, s.name) for s in skills], columns=["skill_id", "skill", "skill_name"])
    return by_skill, _programme_cells(stats, waiting_cells, programmes, names, k)


def _programme_cells(stats: pd.DataFrame, waiting: pd.DataFrame, programmes: pd.DataFrame, skills: pd.DataFrame,
                     k: int) -> pd.DataFrame:
    """`skills_by_programme` from the (programme, skill) rows of `_stats_query` and `_awaiting_query`."""
    by = ["programme_id", "skill_id"]
    cells = stats.merge(waiting.rename(columns={"people": "waiting_people"}), on=by, how="outer")
    if cells.empty:
        return pd.DataFrame(columns=PROGRAMME_COLUMNS)
    cells[["pairs", "people", "awaiting_post", "waiting_people"]] = (
        cells[["pairs", "people", "awaiting_post", "waiting_people"]].fillna(0).astype(int))
    cells["share_improved"] = [i / n if n else None for i, n in zip(cells["improved"], cells["pairs"], strict=True)]
    statistics = pd.DataFrame([change_statistics(n, t, q) for n, t, q in
                               zip(cells["pairs"], cells["sum_change"].fillna(0), cells["sum_sq"].fillna(0),
                                   strict=True)], index=cells.index)
    cells = cells.assign(**{column: statistics[column] for column in statistics.columns})
    cells = (cells.merge(programmes, on="programme_id").merge(skills, on="skill_id")
             .sort_values(["programme_name", "skill_id"]).reset_index(drop=True))
    out = cells.assign(hide_pairs=_hidden_parts(cells, "people", k),
                       hide_wait=_hidden_parts(cells, "waiting_people", k))
    out[PAIR_FIGURES] = out[PAIR_FIGURES].astype(object).where(out[PAIR_FIGURES].notna(), None)
    for col in PAIR_FIGURES:
        out[col] = out[col].where(~out["hide_pairs"], SUPPRESSED)
    out["awaiting_post"] = out["awaiting_post"].astype(object).where(~out["hide_wait"], SUPPRESSED)
    return out[PROGRAMME_COLUMNS].reset_index(drop=True)
