"""Reading what AppTest rendered: metrics, and the data inside each Altair chart."""

import json
from pathlib import Path

import pandas as pd
import pyarrow as pa
from streamlit.testing.v1 import AppTest


def metrics(at: AppTest) -> dict[str, str]:
    return {m.label: m.value for m in at.metric}


def charts(at: AppTest) -> list[tuple[dict, list[pd.DataFrame]]]:
    """(spec, data frames) per chart; Streamlit ships chart data as Arrow datasets."""
    found = []
    for chart in at.get("vega_lite_chart"):
        frames = [pa.ipc.open_stream(d.data.data).read_pandas() for d in chart.proto.datasets]
        found.append((json.loads(chart.proto.spec), frames))
    return found


def chart_rows(frames: list[pd.DataFrame]) -> int:
    return sum(len(f) for f in frames)


PASSWORD = "a-long-password-1"
ROLES = ("admin", "staff", "trustee", "young_person")


def username_for(role: str) -> str:
    return "u-" + role.replace("_", "-")


def add_role_accounts(engine) -> None:
    """One account per role, password PASSWORD, named after the role (e.g. u-young-person)."""
    from auth.accounts import create
    for role in ROLES:
        create(engine, username_for(role), role, PASSWORD, display_name=f"Test {role}", actor="test")


def sign_in_as(at: AppTest, role: str) -> AppTest:
    """The test seam: a session already signed in (what the sign-in form leaves behind)."""
    from models.clock import utcnow
    at.session_state["authentication_status"] = True
    at.session_state["username"] = username_for(role)
    at.session_state["name"] = f"Test {role}"
    at.session_state["roles"] = [role]
    at.session_state["email"] = None
    at.session_state["logout"] = None
    at.session_state["signed_in_at"] = utcnow()
    at.session_state["session_version"] = 0  # a new account's; any sign-out or revocation ends the session
    return at


APP_PATH = str(Path(__file__).resolve().parent.parent / "app.py")


def open_deep_link(url: str, monkeypatch, page_file: str, role: str | None = "admin", **query) -> AppTest:
    """Open /<page>?<query> as a shared link would, signed in as `role` (None: nobody).

    The page is chosen before the first run: switching after a first run would start the new
    page's URL-bound filters from their defaults, not from the link.
    """
    monkeypatch.setenv("DATABASE_URL", url)
    at = AppTest.from_file(APP_PATH, default_timeout=60)
    if role:
        sign_in_as(at, role)
    for key, value in query.items():
        at.query_params[key] = value
    return at.switch_page(page_file).run()


def open_rating_link(token: str) -> AppTest:
    """The app as a young person's phone opens a session's rating link (`/?rate=TOKEN`)."""
    at = AppTest.from_file(APP_PATH, default_timeout=60)
    at.query_params["rate"] = token
    return at.run()
