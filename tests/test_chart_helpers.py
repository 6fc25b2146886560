"""Unit tests of the shared chart pieces: safe CSV, mark cap, titles, alt text, exports."""

from __future__ import annotations

import io

import altair as alt
import pandas as pd
import pytest
from streamlit.testing.v1 import AppTest

from charts.base import MAX_MARKS, alt_text, check_marks, titled
from charts.export import EXPORT_WIDTH, export_spec, to_png, to_svg
from charts.palette import OKABE_ITO, categorical_scale
from data.exports.safe_csv import safe_csv


def _rows(csv: bytes) -> list[str]:
    return csv.decode("utf-8-sig").splitlines()


def _chart() -> alt.Chart:
    df = pd.DataFrame({"project": ["Art", "Music", "Sport"], "sessions": [7, 42, 12]})
    return titled(alt.Chart(df).mark_bar().encode(x="project:N", y="sessions:Q"), "Sessions", "2026")


# --- safe_csv -------------------------------------------------------------------------------


@pytest.mark.parametrize("cell", ["=1+1", "+1", "-2+3", "@SUM(A1)", "\tcmd", "\rcmd", '=HYPERLINK("x")'])
def test_safe_csv_neutralises_formula_text(cell):
    df = pd.DataFrame({"name": [cell]})
    back = pd.read_csv(io.BytesIO(safe_csv(df)), dtype=str, keep_default_na=False)
    assert back["name"][0] == "'" + cell


def test_safe_csv_keeps_numbers_as_numbers():
    df = pd.DataFrame({"change": [-3, 4, 0], "rate": [-0.5, 1.25, float("nan")], "ok": [True, False, True]})
    rows = _rows(safe_csv(df))
    assert rows == ["change,rate,ok", "-3,-0.5,True", "4,1.25,False", "0,,True"]


def test_safe_csv_leaves_plain_text_and_missing_alone():
    df = pd.DataFrame({"name": ["Youth club", "a=b", None, "O'Neill"], "n": [1, 2, 3, 4]})
    rows = _rows(safe_csv(df))
    assert rows == ["name,n", "Youth club,1", "a=b,2", ",3", "O'Neill,4"]


def test_safe_csv_neutralises_text_that_looks_like_a_negative_number():
    # A text cell is text: the quote stops a spreadsheet from re-reading it as a formula.
    df = pd.DataFrame({"label": ["-3"], "value": [-3]})
    assert _rows(safe_csv(df))[1] == "'-3,-3"


def test_safe_csv_neutralises_column_names_and_mixed_columns():
    df = pd.DataFrame({"=cmd()": ["x"], "mixed": pd.Series(["=2", 5], dtype=object)[:1]})
    rows = _rows(safe_csv(df))
    assert rows[0] == "'=cmd(),mixed"
    assert rows[1] == "x,'=2"


def test_safe_csv_categorical_and_dates():
    df = pd.DataFrame(
        {
            "group": pd.Categorical(["+a", "b"]),
            "day": pd.to_datetime(["2026-01-02", "2026-03-04"]),
        }
    )
    assert _rows(safe_csv(df)) == ["group,day", "'+a,2026-01-02", "b,2026-03-04"]


def test_safe_csv_quotes_line_breaks_so_no_row_starts_with_a_formula():
    df = pd.DataFrame({"note": ["ok\r=1+1", "ok\n@x"], "n": [1, 2]})
    raw = safe_csv(df)
    assert b'"ok\r=1+1"' in raw and b'"ok\n@x"' in raw
    back = pd.read_csv(io.BytesIO(raw), dtype=str)
    assert back.shape == (2, 2)


def test_safe_csv_does_not_change_the_frame_and_has_bom():
    df = pd.DataFrame({"name": ["=1"]})
    out = safe_csv(df)
    assert df["name"][0] == "=1"
    assert out.startswith(b"\xef\xbb\xbf")
    assert not safe_csv(df, bom=False).startswith(b"\xef\xbb\xbf")


# --- check_marks, titled, alt_text, palette -------------------------------------------------


def test_check_marks_allows_the_limit_and_returns_the_frame():
    df = pd.DataFrame({"x": range(MAX_MARKS)})
    assert check_marks(df) is df


def test_check_marks_rejects_more_than_the_limit():
    with pytest.raises(ValueError, match="5001 marks"):
        check_marks(pd.DataFrame({"x": range(MAX_MARKS + 1)}))
    with pytest.raises(ValueError):
        check_marks(pd.DataFrame({"x": range(11)}), limit=10)


def test_titled_sets_title_and_optional_subtitle():
    spec = _chart().to_dict()
    assert spec["title"] == {"text": "Sessions", "subtitle": "2026", "anchor": "start"}
    plain = titled(alt.Chart(pd.DataFrame({"a": [1]})).mark_point(), "Plain").to_dict()
    assert plain["title"] == {"text": "Plain", "anchor": "start"}
    with pytest.raises(ValueError):
        titled(alt.Chart(pd.DataFrame({"a": [1]})).mark_point(), " ")


def test_alt_text_names_highest_and_lowest():
    df = pd.DataFrame({"project": ["Art", "Music", "Sport"], "sessions": [7, 42, 12.5]})
    text = alt_text("Bar chart", "sessions by project", df, value="sessions", label="project")
    assert text == "Bar chart of sessions by project: 3 values. Highest: Music (42); lowest: Art (7)."
    empty = df.iloc[0:0]
    assert alt_text("Bar chart", "x", empty, value="sessions", label="project").endswith("no data to show.")
    one = df.iloc[1:2]
    assert alt_text("Bar chart", "x", one, value="sessions", label="project").endswith("All equal to 42.")


def test_categorical_scale_is_okabe_ito_and_refuses_too_many_categories():
    scale = categorical_scale(["a", "b"]).to_dict()
    assert scale == {"domain": ["a", "b"], "range": list(OKABE_ITO[:2])}
    with pytest.raises(ValueError):
        categorical_scale([str(i) for i in range(len(OKABE_ITO) + 1)])


# --- exports --------------------------------------------------------------------------------


def test_to_png_returns_png_bytes():
    png = to_png(_chart())
    assert isinstance(png, bytes)
    assert png.startswith(b"\x89PNG\r\n\x1a\n")


def test_to_svg_returns_svg_text():
    svg = to_svg(_chart())
    assert isinstance(svg, str)
    assert "<svg" in svg
    assert "Sessions" in svg


def test_export_gives_page_width_charts_a_fixed_width():
    chart = _chart()
    assert export_spec(chart)["width"] == EXPORT_WIDTH
    assert export_spec(chart.properties(width="container"))["width"] == EXPORT_WIDTH
    assert export_spec(chart.properties(width=300))["width"] == 300
    assert "width" not in export_spec(alt.hconcat(chart, chart))
    assert "width" not in chart.to_dict()  # the chart itself is not changed
    width_px = int.from_bytes(to_png(chart, scale=1)[16:20], "big")
    assert EXPORT_WIDTH <= width_px < EXPORT_WIDTH + 200  # plot width plus axes


# --- the Streamlit panel --------------------------------------------------------------------


def _panel_app(protected: bool = True):
    import altair as alt
    import pandas as pd

    from components.chart_panel import show_chart

    df = pd.DataFrame({"project": ["Art", "=evil"], "sessions": [7, 42]})
    chart = alt.Chart(df).mark_bar().encode(x="project:N", y="sessions:Q")
    for key in ("one", "two"):  # two panels on a page: keys keep the widgets apart
        show_chart(
            chart,
            df,
            title="Sessions by project",
            alt_text="Bar chart of sessions.",
            key=key,
            kinds={"project": "label", "sessions": "exact"},
            k=5,
            protected=protected,
            note="Demo data",
        )


def test_show_chart_draws_title_chart_caption_table_and_downloads():
    at = AppTest.from_function(_panel_app, default_timeout=30).run()
    assert not at.exception
    assert [s.value for s in at.subheader] == ["Sessions by project"] * 2
    assert len(at.get("vega_lite_chart")) == 2
    # Captions are escaped markdown (alt text and notes may carry names from the store).
    assert [c.value.replace("\\", "") for c in at.caption] == ["Bar chart of sessions.", "Demo data"] * 2
    assert [e.label for e in at.expander] == ["Show the numbers"] * 2
    assert len(at.dataframe) == 2
    # Drawn from protected figures: the CSV and both images, per chart.
    assert [b.proto.label for b in at.get("download_button")] == [
        "Data (CSV, protected figures)", "Image (PNG)", "Image (SVG)"] * 2


def test_show_chart_offers_only_the_csv_beside_exact_figures():
    at = AppTest.from_function(_panel_app, kwargs={"protected": False}, default_timeout=30).run()
    assert not at.exception
    assert [b.proto.label for b in at.get("download_button")] == ["Data (CSV, protected figures)"] * 2


def _downloads(monkeypatch, data: pd.DataFrame, kinds: dict, k: int = 5) -> dict[str, object]:
    """Draw one panel outside a Streamlit run (bare mode: nothing is sent) and return each
    download's contents, built as a click would build them."""
    from streamlit.delta_generator import DeltaGenerator

    from components.chart_panel import show_chart

    built = {}

    def fake_download_button(self, label, data, **kwargs):
        built[kwargs["file_name"].rsplit(".", 1)[1]] = data() if callable(data) else data

    monkeypatch.setattr(DeltaGenerator, "download_button", fake_download_button)
    chart = alt.Chart(data).mark_bar().encode(x="group:N", y="young_people:Q")
    show_chart(chart, data, title="Young people by group", alt_text="Bar chart.", key="protect",
               kinds=kinds, k=k, protected=False)
    return built


def test_the_csv_download_holds_protected_figures(monkeypatch):
    data = pd.DataFrame({"group": ["A", "B", "C", "D"], "young_people": [12, 3, 0, 28],
                         "sessions": [3, 2, 1, 7], "suppressed": [False, True, False, False]})
    kinds = {"group": "label", "young_people": "count", "sessions": "exact", "suppressed": "label"}
    built = _downloads(monkeypatch, data, kinds)
    assert set(built) == {"csv"}  # exact figures on screen: no images
    back = pd.read_csv(io.BytesIO(built["csv"]), dtype=str, keep_default_na=False)
    assert back.columns.tolist() == ["group", "young_people", "sessions", "suppressed"]
    # 12 -> 10 and 28 -> 30 (multiples of k=5); 3 (1..k-1) is withheld; 0 stays 0.
    assert back["young_people"][0] == "10" and back["young_people"][2] == "0" and back["young_people"][3] == "30"
    assert back["young_people"][1] in ("", "SUPPRESSED")
    assert back["sessions"].tolist() == ["3", "2", "1", "7"]  # not about young people: exact
    assert back["suppressed"].tolist() == ["False", "True", "False", "False"]
    assert data["young_people"].tolist() == [12, 3, 0, 28]  # the frame drawn is not changed


def test_a_column_without_a_kind_is_refused(monkeypatch):
    data = pd.DataFrame({"group": ["A"], "young_people": [12], "hours": [3.5]})
    with pytest.raises(KeyError, match="hours"):
        _downloads(monkeypatch, data, {"group": "label", "young_people": "count"})
