"""Organisation settings kept in the store as JSON values, with defaults in one place."""

import json

from sqlalchemy import select
from sqlalchemy.engine import Engine

from models.tables import Setting

DEFAULTS = {
    "suppression_k": 5,
    "work_label": "co-production",
    "demo_data": False,
    "health_weights": {
        "attendance_rate": 1, "share_improved": 1, "principle_adherence": 1,
        "feedback_closed_within_30_days": 1, "youth_led_share": 1,
    },
    "health_thresholds": {"green": 70, "amber": 50},
    "upload_limit_mb": 20,
    # The address people reach the app at (e.g. https://dashboard.example.org), for rating links;
    # empty: the address of the browser that opens the link.
    "public_url": "",  # largest file the upload page accepts
    # When the overview raises an alert (see measures/alerts.py); `representation_ratio_below`
    # also marks groups on the "Who gets to lead" page (docs/measures.md, "Who gets to lead").
    "alert_thresholds": {"principle_mean_below": 3.0, "gap_above": 0.5, "active_drop_share": 0.25,
                         "representation_ratio_below": 0.8},
}


def get_setting(engine: Engine, key: str):
    with engine.connect() as conn:
        raw = conn.execute(select(Setting.value).where(Setting.key == key)).scalar()
    if raw is None:
        return DEFAULTS.get(key)
    value, default = json.loads(raw), DEFAULTS.get(key)
    # A group of settings saved before one of its keys existed gets that key's default.
    return {**default, **value} if isinstance(default, dict) and isinstance(value, dict) else value


def set_setting(engine: Engine, key: str, value) -> None:
    with engine.begin() as conn:
        _upsert(conn, key, json.dumps(value))


def _upsert(conn, key: str, raw: str) -> None:
    row = conn.execute(select(Setting.key).where(Setting.key == key)).first()
    if row:
        conn.execute(Setting.__table__.update().where(Setting.key == key).values(value=raw))
    else:
        conn.execute(Setting.__table__.insert().values(key=key, value=raw))
