"""What the "You said, we did" page says, apart from Streamlit: its headline figures, the chart's
description, and the lines of each item's card; in easy read (`easy`), the texts of
measures/easy_read.py. Every number through measures/formatting.py."""

from components.plain_text import escape_markdown
from measures import easy_read
from measures.filters import Period
from measures.formatting import count, date_range, day, days, noun, plural, share

NOT_SHOWN = "Not shown to young people and trustees yet"
STATUS_WORDS = {"raised": "Waiting for a response", "in_progress": "Being worked on", "done": "Done",
                "not_possible": "Not possible (we explain why)"}
# Already in short sentences: the same in easy read.
NOTHING_READY = ("Nothing raised in this period is ready to share yet. Choose a longer period in the filters "
                 "on the left.")


def about(period: Period, easy: bool = False) -> str:
    if easy:
        return easy_read.feedback_about(period)
    return f"What young people raised from {date_range(period.start, period.end)}, and what we did about it."


def headline(figures: dict, easy: bool = False) -> list[tuple[str, str, str | None]]:
    """(label, value, help) of the page's three figures (measures.feedback.feedback_figures)."""
    return [
        ("Things you raised", count(figures["raised"]), None),
        ("We told you what happened", share(figures["told_back_share"]), easy_read.TOLD_BACK_HELP if easy else
         "Of the things raised in this period, the share where we came back to you by its end."),
        ("Usual wait for an answer", days(figures["median_days_to_tell_back"]), easy_read.WAIT_HELP if easy else
         "The middle value: half of the answers came sooner, half later."),
    ]


def waiting(overdue: int, easy: bool = False) -> str | None:
    """'2 things you raised have waited more than 30 days for an answer.', or None."""
    if easy:
        return easy_read.waiting(overdue)
    if not overdue:
        return None
    return (f"{plural(overdue, 'thing')} you raised {noun(overdue, 'has', 'have')} waited more than 30 days for an "
            "answer.")


def chart_description(raised: int, told_back: int) -> str:
    return (f"Bars show things raised each month ({count(raised)} in all); dots show how many of them were told "
            f"back within 30 days ({count(told_back)} in all).")


def nothing_listed(waiting_for_approval: bool, easy: bool = False) -> str:
    """Why no item is listed: none raised, or (`waiting_for_approval`) none approved for this audience yet."""
    if waiting_for_approval:
        return NOTHING_READY
    return easy_read.NOTHING_RAISED if easy else ("Nothing was raised in this period. Choose a longer period in "
                                                  "the filters on the left.")


def every_item_note(easy: bool = False) -> str:
    """For admin and staff, who see every item: what the items marked NOT_SHOWN wait for."""
    if easy:
        return easy_read.not_shown_yet(NOT_SHOWN)
    return (f"You see every item. Those marked \"{NOT_SHOWN}\" wait for a member of staff to approve them on the "
            "Record page (You said, we did: Update an item), as their words could name a young person.")


def showing(first: int, shown: int, total: int) -> str:
    """'Showing 1 to 20 of 45, newest first.' (`first` counts from 0)."""
    return f"Showing {count(first + 1)} to {count(first + shown)} of {count(total)}, newest first."


def card_line(item) -> str:
    """'Raised on 1 January 2024 · Programme · Done', as markdown (the programme's name escaped)."""
    where = f" · {escape_markdown(item.programme)}" if item.programme else ""
    return f"Raised on {day(item.raised_on)}{where} · {STATUS_WORDS.get(item.status, item.status)}"


def we_did(item) -> str:
    """What was done, as markdown (the words escaped), with when it was told back."""
    if not item.we_did:
        return "**We did:** nothing to report yet."
    told = f" (told back on {day(item.responded_on)})" if item.responded_on else ""
    return f"**We did:** {escape_markdown(item.we_did)}{told}"
