"""How the "you said, we did" form names things, apart from Streamlit: an item's line in the
picker (its code, status and the start of what was said), and the participant codes that an
item's words name, once each."""

from collections.abc import Iterable

from data.forms.feedback import named_participants
from data.forms.words import FEEDBACK_STATUSES


def shortened(text, limit: int = 60) -> str:
    """`text` on one line, cut to `limit` characters with an ellipsis when longer."""
    text = " ".join(str(text).split())
    return text if len(text) <= limit else text[:limit - 1] + "…"


def item_line(code: str, status: str, you_said) -> str:
    """'FB4 · Raised (not started) · More trips in the summer'."""
    return f"{code} · {FEEDBACK_STATUSES[status]} · {shortened(you_said)}"


def codes_named(texts: Iterable[str | None], codes: Iterable[str]) -> list[str]:
    """Every code of `codes` that any of `texts` names, once: the first text's in the order of
    `codes`, then those only the next text names, and so on."""
    codes = list(codes)
    return list(dict.fromkeys(code for text in texts for code in named_participants(text, codes)))
