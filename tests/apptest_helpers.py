"""Reading what AppTest rendered: metrics, and the data inside each Altair chart."""

import json

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
