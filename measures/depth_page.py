"""The skills page's depth of involvement: `measures.depth`'s bands turned into one frame (one row
per band, protected for a protected audience) and into a table of text, with the same honest
statistics as the skills (docs/measures.md, "Depth of involvement and skills gained")."""

import pandas as pd

from measures import formatting
from measures.depth import BANDS
from measures.protected_frames import protect_frame
from measures.skills_page import NOTHING, change_text, likely_range, verdict_words
from measures.suppression import is_suppressed

SESSIONS = {"1": "1 session", "2-4": "2 to 4 sessions", "5-9": "5 to 9 sessions", "10+": "10 or more sessions"}
NO_PAIRS = "no pairs"
PAIR_COLUMNS = ["Pairs", "Change", "Likely range", "Went up", "Verdict"]
# The kind of every column of the bands' frame, for a protected audience (measures.protected_frames), as
# `measures.protected_figures` protects `depth`: counts of young people and pairs, means and the interval
# to one decimal, the share from the protected pairs that went up and the protected pairs, the verdict as
# words. The pairs that went up are only the share's numerator: rounded, never shown.
BAND_KINDS = {"band": "label", "sessions": "label", "young_people": "count", "pairs": "count", "mean_change": "mean",
              "ci95_low": "mean", "ci95_high": "mean", "share_improved": ("share_of", "improved_pairs", "pairs"),
              "improved_pairs": "rounded", "verdict": "label"}
# The chart's table (`charts.depth.plotted_bands`), for its protected CSV.
CHART_KINDS = {"sessions": "label", "young_people": "count", "pairs": "count", "mean_change": "mean",
               "ci_low": "mean", "ci_high": "mean", "improved": "count",
               "share_improved": ("share_of", "improved", "pairs"), "verdict": "label"}


def band_frame(bands: dict, k: int, protected: bool) -> pd.DataFrame:
    """One row per band, in order (`measures.depth.depth`'s figures, SUPPRESSED where hidden), with
    the band in words (`sessions`); for a protected audience every figure protected."""
    frame = pd.DataFrame([{"band": band, "sessions": SESSIONS[band], **bands[band]} for band in BANDS],
                         dtype=object)
    return protect_frame(frame, BAND_KINDS, k, keep_markers=True) if protected else frame


def band_table(frame: pd.DataFrame, k: int) -> pd.DataFrame:
    """The bands as text: young people, then the pairs' figures ('fewer than k' or 'no pairs'
    with nothing beside them), never a bare average change from fewer than 10 pairs."""
    rows = []
    for row in frame.itertuples():
        young = {"Sessions attended": row.sessions, "Young people": formatting.figure(row.young_people, "count", k)}
        if is_suppressed(row.pairs) or not row.pairs:
            pairs = formatting.hidden(k) if is_suppressed(row.pairs) else NO_PAIRS
            rows.append({**young, "Pairs": pairs, **dict.fromkeys(PAIR_COLUMNS[1:], NOTHING)})
            continue
        rows.append({**young, "Pairs": formatting.count(row.pairs),
                     "Change": change_text(row.mean_change, row.ci95_low, row.ci95_high, row.pairs),
                     "Likely range": likely_range(row.ci95_low, row.ci95_high),
                     "Went up": formatting.figure(row.share_improved, "share", k),
                     "Verdict": verdict_words(row.verdict)})
    return pd.DataFrame(rows)
