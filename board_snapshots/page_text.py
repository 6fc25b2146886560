"""The board snapshots page's texts and tables, apart from Streamlit: what a period covers, how
the figures are protected, the health index's words and the list of every snapshot.

Only dates and figures go into these texts; a snapshot's name, or who took it, is the page's to
add, escaped (it is typed text).
"""

import re

import pandas as pd

from board_snapshots.freeze import PROTECTED_FORMAT
from board_snapshots.saved import Snapshot
from measures.filters import Period
from measures.formatting import NO_CHANGE, count, date_range, day, days, hidden
from measures.health import STATUS_WORDS

ABOUT = ("A snapshot freezes the figures for a board meeting: they never change afterwards, whatever data comes "
         "in. Each one is compared with the snapshot before it. Only totals and averages are kept.")
FIRST = "This is the first snapshot: there is nothing earlier to compare it with."
NOT_A_CHANGE = ("", "cannot compare", NO_CHANGE)  # a health index change shown without an arrow

# The kind of every column of the core charts' tables (board_snapshots.core_charts), for their
# CSV files (measures.protected_frames). The figures are protected already when the snapshot is
# taken; protecting them again leaves them as they are (a multiple of k stays one).
CHART_KINDS = {
    "Component": "label", "Score (0-100)": "exact", "Weight (%)": "exact",  # scores made from protected shares
    "Month": "label", "Young people": "count",
    "Skill": "label", "Pairs": "count", "Before": "mean", "After": "mean", "Average change": "mean",
    "Likely change from": "mean", "Likely change to": "mean", "Verdict": "label",  # the verdict is words
    "Principle": "label", "Rated by": "label", "Average rating": "mean",
    "Month raised": "label", "Raised": "exact", "Told back within 30 days": "exact",  # feedback items
}


def covers(period: Period) -> str:
    """'Covers 1 January 2024 to 29 February 2024 (60 days).'"""
    return f"Covers {date_range(period.start, period.end)} ({days(period.days)})."


def widened(asked: Period, months: Period) -> str:
    """Why a snapshot of custom dates covers more: it covers the whole months they touch."""
    whole, touched = date_range(months.start, months.end), date_range(asked.start, asked.end)
    return f"Snapshots cover whole months, so this one will cover {whole}: the whole months that {touched} touch."


def meeting_line(snapshot: Snapshot) -> str:
    """The meeting and the period, as markdown (only dates in it)."""
    return (f"For the board meeting on **{day(snapshot.meeting_date)}**. Covers "
            f"{date_range(snapshot.period.start, snapshot.period.end)}.")


def is_protected(snapshot: Snapshot) -> bool:
    """Taken since figures were protected (format 2 on): counts rounded, chart images offered."""
    return snapshot.content.get("format", 1) >= PROTECTED_FORMAT


def protection_note(snapshot: Snapshot) -> str:
    """What is hidden and rounded, and when the snapshot was taken (who took it is the page's to add)."""
    k = snapshot.k
    rounded = (f" Counts of young people are rounded to a multiple of {count(k)}, and shares are worked out from "
               "the rounded counts." if is_protected(snapshot) else "")
    return (f"Figures resting on {hidden(k)} young people are not shown: they read '{hidden(k)}' and are left out "
            f"of the charts.{rounded} Taken on {day(snapshot.created_at)}")


def thresholds_note(thresholds: dict, k: int) -> str:
    return (f"Green from {count(thresholds['green'])}, amber from {count(thresholds['amber'])}, red below. The "
            "index is the weighted average of the components below; a component without data, or resting on "
            f"{hidden(k)} young people, is left out and the others weighted up.")


def index_value(health: dict, shown: str) -> str:
    """The health index as its box shows it: '50 out of 100', or 'no index'."""
    return f"{shown} out of 100" if health["value"] is not None else "no index"


def index_change(change: str) -> str | None:
    """The change shown beside the index (with an arrow), or None when there is none to show."""
    return None if change in NOT_A_CHANGE else change


def status_line(health: dict) -> str:
    """The index's status in words, as markdown (static words only)."""
    return f"**{STATUS_WORDS[health['status']]}**" if health["status"] else "No component had data."


def key_figures_title(has_before: bool) -> str:
    return "Key figures" + (" and the change since last time" if has_before else "")


def pack_file_name(name: str) -> str:
    """'board-pack-board-q1-2024.pdf': the snapshot's name in letters, digits and dashes."""
    stem = re.sub(r"[^A-Za-z0-9]+", "-", name).strip("-").lower()[:60] or "snapshot"
    return f"board-pack-{stem}.pdf"


def every_snapshot(listing: pd.DataFrame) -> pd.DataFrame:
    """The list of snapshots (board_snapshots.saved.list_snapshots) as the page shows it."""
    return pd.DataFrame({
        "Name": listing["name"],
        "Board meeting": [day(d) for d in listing["meeting_date"]],
        "Period covered": [date_range(a, b) for a, b in zip(listing["period_from"], listing["period_to"],
                                                            strict=True)],
        "Taken on": [day(d) for d in listing["created_at"]],
        "Taken by": listing["created_by"],
    })
