"""Text from the store shown through st.markdown without being read as markdown (no links,
images or formatting can be injected by data)."""

MARKDOWN_SPECIALS = set("\\`*_{}[]()#+-.!|<>~$:")


def escape_markdown(text: str | None) -> str:
    return "".join("\\" + c if c in MARKDOWN_SPECIALS else c for c in (text or ""))
