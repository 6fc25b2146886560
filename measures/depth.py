"""Depth of involvement and skills gained: young people banded by the sessions they attended in
the period (1, 2-4, 5-9, 10+), and the skill pairs of each band, all skills pooled
(docs/measures.md, "Depth of involvement").

Whether deeper involvement goes with bigger gains is a question of association, not cause:
the page says so beside the figures. The definition in plain words, as the forum explorer shows
it: `measures/definitions.py` ("depth").
"""

import pandas as pd
from sqlalchemy import case, func, null, select, union_all

from measures.filters import Filters, Period
from measures.scope import Y, young_people_attendance
from measures.skills import pair_aggregates, pair_figures, pairs_query
from measures.suppression import SUPPRESSED, complete_hiding, too_few

BANDS = ("1", "2-4", "5-9", "10+")
PAIR_KEYS = ("pairs", "mean_change", "share_improved", "ci95_low", "ci95_high", "verdict")


def _bands(period: Period, filters: Filters):
    """One row per active young person and their band."""
    joined, where = young_people_attendance(period, filters)
    sessions = func.count()  # one record per session and young person (uq_attendance_session_participant)
    band = case((sessions == 1, BANDS[0]), (sessions <= 4, BANDS[1]), (sessions <= 9, BANDS[2]), else_=BANDS[3])
    return (select(Y.c.participant_id, band.label("band")).select_from(joined)
            .where(where, Y.c.attended.is_(True)).group_by(Y.c.participant_id))


def depth(engine, period: Period, filters: Filters, k: int, full: bool = False) -> dict:
    """{band: {young_people, pairs, mean_change, share_improved, ci95_low, ci95_high, verdict,
    improved_pairs}}: `improved_pairs` is the exact numerator of the share, from which protected
    shares are made (never shown). Young people and pair figures are suppressed apart, each on
    its own young people; with `full` the bands are the parts of a whole (`complete_hiding`)."""
    people = _bands(period, filters).cte("people").prefix_with("MATERIALIZED")
    # Joined to `people`, young people in the chosen group already, so not checked twice.
    pairs = pairs_query(period, filters, of_young_people_only=False).subquery("pairs")
    # One statement, so the period's attendance is read once for both (docs/decisions.md, 23):
    # rows with `young_people` count a band's young people, the others its pairs.
    in_band = (select(people.c.band, null().label("young_people"), *pair_aggregates(pairs))
               .select_from(pairs.join(people, pairs.c.participant_id == people.c.participant_id))
               .group_by(people.c.band))
    young_q = select(people.c.band, func.count().label("young_people"),
                     *(null().label(column) for column in in_band.selected_columns.keys()[2:])).group_by(people.c.band)
    with engine.connect() as conn:
        rows = conn.execute(union_all(in_band, young_q)).all()
    young = {r.band: r.young_people for r in rows if r.young_people is not None}
    stats = {r.band: r for r in rows if r.young_people is None}
    counts = pd.Series([young.get(b, 0) for b in BANDS], index=list(BANDS))
    pair_people = pd.Series([stats[b].people if b in stats else 0 for b in BANDS], index=list(BANDS))
    hide = complete_hiding if full else (lambda alone, _people, _k: alone)
    hidden_young = hide(counts.map(lambda n: too_few(n, k)), counts, k)
    hidden_pairs = hide(pair_people.map(lambda n: too_few(n, k)), pair_people, k)
    figures = {}
    for band in BANDS:
        paired = pair_figures(stats.get(band), k)
        shown = {key: paired[key] for key in (*PAIR_KEYS, "improved_pairs")}
        if hidden_pairs[band]:
            shown = dict.fromkeys(shown, SUPPRESSED)
        figures[band] = {"young_people": SUPPRESSED if hidden_young[band] else int(counts[band]), **shown}
    return figures
