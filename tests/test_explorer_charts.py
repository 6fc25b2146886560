"""The explorer's chart builder and words, on small hand-made results.

The frames are what the page hands the builder: `explore`'s answer after protection
(`measures.explorer.protected.protect`, k=5): young people in multiples of 5, shares in whole
percent, means to one decimal. `test_the_frames_are_protected_figures` works them out.
"""

import pandas as pd
import pytest

from charts.explorer import PICK, chart_data, explorer_alt_text, explorer_chart
from charts.export import to_png
from measures.explorer.protected import protect
from measures.explorer.words import few_pairs_note, format_value, hidden_note, numbers_table, sentence
from measures.suppression import SUPPRESSED

# Protected at k=5 (exact figures in test_the_frames_are_protected_figures): 12 young people -> 10,
# 9 -> 10; 6 -> 5, 8 -> 10; 7 -> 5, 6 -> 5, 5 -> 5.
BY_PROGRAMME = pd.DataFrame({
    "group": ["P1", "P2", "P3"], "label": ["Podcast Club", "Art", "Keeping It Social"],
    "value": [0.84, 0.62, None], "young_people": [10, 10, None], "suppressed": [False, False, True]})
BY_MONTH = pd.DataFrame({
    "group": ["2024-01", "2024-02", "2024-03"], "label": ["Jan 2024", "Feb 2024", "Mar 2024"],
    "start": ["2024-01-01", "2024-02-01", "2024-03-01"], "value": [0.7, None, 0.9],
    "young_people": [5, None, 10], "suppressed": [False, True, False]})
GRID = pd.DataFrame({
    "group": ["P1", "P1", "P2", "P2"], "label": ["Podcast Club"] * 2 + ["Art"] * 2,
    "group2": ["voice", "space"] * 2, "label2": ["Voice", "Space"] * 2,
    "value": [4.2, None, 3.1, 2.0], "young_people": [5, None, 5, 5], "suppressed": [False, True, False, False]})


def _objects(**columns) -> dict:
    return {name: pd.Series(values, dtype=object) for name, values in columns.items()}


def test_the_frames_are_protected_figures():
    # Exact, as `explore` gives them, with each share's records: attendance 104/124 (83.9%) ->
    # 105/125 (each to the nearest 5) = 84%, from 12 young people -> 10 (2.4 fives rounds to 2);
    # 156/251 -> 155/250 = 62%, from 9 -> 10 (1.8 fives -> 2). By month: 36/51 -> 35/50 = 70%,
    # from 6 -> 5 (1.2 -> 1); 46/52 -> 45/50 = 90%, from 8 -> 10 (1.6 -> 2). Principles: 4.1667
    # (25/6) from 7 -> 4.2, 5 (1.4 -> 1); 3.125 from 6 -> 3.1, 5; 2.0 from 5 -> 2.0, 5.
    by_programme = BY_PROGRAMME.assign(**_objects(value=[104 / 124, 156 / 251, None], young_people=[12, 9, None],
                                                  num=[104, 156, None], den=[124, 251, None]))
    by_month = BY_MONTH.assign(**_objects(value=[36 / 51, None, 46 / 52], young_people=[6, None, 8],
                                          num=[36, None, 46], den=[51, None, 52]))
    grid = GRID.assign(**_objects(value=[25 / 6, None, 3.125, 2.0], young_people=[7, None, 6, 5]))
    for exact, shown, measure in ((by_programme, BY_PROGRAMME, "attendance_rate"),
                                  (by_month, BY_MONTH, "attendance_rate"), (grid, GRID, "principle_mean")):
        protected = protect(exact, measure, 5)
        for column in ("value", "young_people"):
            assert _values(protected[column]) == _values(shown[column])


def _values(column: pd.Series) -> list:
    return [None if pd.isna(v) else v for v in column]


def layers(spec: dict) -> list[dict]:
    return spec.get("layer") or spec.get("spec", {}).get("layer") or [spec]


def data_rows(chart) -> list[dict]:
    return [row for rows in chart.to_dict().get("datasets", {}).values() for row in rows]


def test_groups_are_bars_largest_first_each_labelled_and_clickable():
    chart = explorer_chart(BY_PROGRAMME, "attendance_rate", "programme")
    spec = chart.to_dict()
    bars, labels = layers(spec)
    assert bars["mark"]["type"] == "bar" and labels["mark"]["type"] == "text"
    assert bars["encoding"]["y"]["sort"] == ["Podcast Club", "Art"]
    assert labels["encoding"]["text"]["field"] == "text"
    assert [r["text"] for r in data_rows(chart)] == ["84%", "62%"]
    assert spec["params"][0]["name"] == PICK and spec["params"][0]["select"]["fields"] == ["group"]
    # The hidden programme is not in the chart at all, not even its name.
    assert "Keeping It Social" not in str(spec) and "P3" not in str(spec)


def test_months_are_a_line_with_labelled_points():
    chart = explorer_chart(BY_MONTH, "attendance_rate", "month")
    line, points, labels = layers(chart.to_dict())
    assert (line["mark"]["type"], points["mark"]["type"], labels["mark"]["type"]) == ("line", "point", "text")
    assert points["encoding"]["x"]["field"] == "start" and points["encoding"]["x"]["timeUnit"] == "yearmonth"
    assert [r["label"] for r in data_rows(chart)] == ["Jan 2024", "Mar 2024"]   # February is hidden


def test_two_groupings_are_a_grid_with_the_value_written_in_each_square():
    chart = explorer_chart(GRID, "principle_mean", "programme", "principle")
    spec = chart.to_dict()
    squares, labels = layers(spec)
    assert squares["mark"]["type"] == "rect" and labels["encoding"]["text"]["field"] == "text"
    assert spec["params"][0]["select"]["fields"] == ["group", "group2"]
    assert [(r["label"], r["label2"], r["text"]) for r in data_rows(chart)] == [
        ("Podcast Club", "Voice", "4.2"), ("Art", "Voice", "3.1"), ("Art", "Space", "2.0")]


def test_a_grouping_over_time_is_one_small_line_chart_per_group():
    frame = BY_MONTH.assign(group2=BY_MONTH["group"], label2=BY_MONTH["label"], start2=BY_MONTH["start"],
                            group="P1", label="Podcast Club").drop(columns="start")
    spec = explorer_chart(frame, "attendance_rate", "programme", "month").to_dict()
    assert spec["facet"]["row"]["field"] == "label"
    assert [layer["mark"]["type"] for layer in spec["spec"]["layer"]] == ["line", "point", "text"]


def test_presentation_size_is_larger():
    small = layers(explorer_chart(BY_PROGRAMME, "attendance_rate", "programme").to_dict())[1]["mark"]
    large = layers(explorer_chart(BY_PROGRAMME, "attendance_rate", "programme", large=True).to_dict())[1]["mark"]
    assert large["fontSize"] >= 2 * small["fontSize"] - 2


def test_too_many_marks_are_refused():
    many = pd.DataFrame({"group": [str(i) for i in range(3000)], "label": [str(i) for i in range(3000)],
                         "value": [1.0] * 3000, "young_people": [9] * 3000, "suppressed": [False] * 3000})
    with pytest.raises(ValueError, match="marks"):
        explorer_chart(many, "attendance_rate", "programme")


def test_the_chart_exports_to_png():
    assert to_png(explorer_chart(BY_PROGRAMME, "attendance_rate", "programme"), scale=1)[:4] == b"\x89PNG"


@pytest.mark.parametrize(("value", "kind", "text"), [
    (0.845, "share", "85%"), (0.125, "share", "13%"), (3.25, "mean", "3.3"), (1.0, "change", "+1.0"),
    (-0.25, "change", "-0.3"), (0.0, "change", "0.0"), (1234, "count", "1,234"), (29.0, "days", "29 days"),
    (1.0, "days", "1 day"), (12.5, "days", "12.5 days"), (None, "share", "no data")])
def test_values_are_written_as_people_write_them(value, kind, text):
    assert format_value(value, kind) == text


def test_the_sentence_names_the_highest_and_lowest_group():
    hidden = " 1 other group is not shown, to protect small numbers (fewer than 5 young people)."
    assert sentence(BY_PROGRAMME, "attendance_rate", "programme", None, 5) == (
        "Attendance rate was highest in Podcast Club (84%) and lowest in Art (62%)." + hidden)
    assert sentence(BY_MONTH, "attendance_rate", "month", None, 5) == (
        "Attendance rate went from 70% in Jan 2024 to 90% in Mar 2024; it was highest in Mar 2024 (90%)." + hidden)
    assert sentence(GRID, "principle_mean", "programme", "principle", 5) == (
        "Principles kept (average rating) was highest for Podcast Club, Voice (4.2) and lowest for Art, Space (2.0)."
        + hidden)
    assert sentence(BY_PROGRAMME.iloc[:2], "attendance_rate", "programme", None, 5) == (
        "Attendance rate was highest in Podcast Club (84%) and lowest in Art (62%).")
    everything_hidden = BY_PROGRAMME.assign(value=None, suppressed=True)
    assert sentence(everything_hidden, "attendance_rate", "programme", None, 5).startswith(
        "Nothing to show: every group rests on fewer than 5 young people")


def test_the_numbers_say_fewer_than_k_and_the_note_names_hidden_groups():
    table = numbers_table(BY_PROGRAMME, "attendance_rate", "programme", None, 5)
    assert table.to_dict("list") == {"Programme": ["Podcast Club", "Art", "Keeping It Social"],
                                     "Attendance rate": ["84%", "62%", "fewer than 5"],
                                     "Young people behind it": ["10", "10", "fewer than 5"]}
    assert hidden_note(BY_PROGRAMME, None, 5).endswith(": Keeping It Social.")
    assert explorer_alt_text(BY_PROGRAMME, "attendance_rate", "programme", None, 5) == (
        "Bar chart of attendance rate by programme: 2 values. Highest: Podcast Club (84%); lowest: Art (62%). "
        "1 group not shown, to protect small numbers.")
    sessions = numbers_table(BY_PROGRAMME.assign(value=[3, 2, 1], suppressed=False, young_people=None),
                             "sessions_held", "programme", None, 5)
    assert list(sessions.columns) == ["Programme", "Sessions held"]   # not a young-people figure


def test_chart_data_carries_words_not_hidden_rows():
    data = chart_data(BY_PROGRAMME, "attendance_rate")
    assert list(data.columns) == ["group", "label", "value", "text", "young_people"]
    assert len(data) == 2


# Who gets to lead by disability, protected at k=3 (tests/test_explorer.py works it out on
# tests/lead_org.py); a hidden figure stays SUPPRESSED in its cell, a hidden value is None.
WHO_LEADS = pd.DataFrame({
    "group": ["yes", "no", "not_recorded"], "label": ["Yes", "No", "Not recorded"],
    **_objects(value=[None, 2.0, None], taking_part=[SUPPRESSED, 6, SUPPRESSED], leading=[0, 6, 0],
               doing_with=[SUPPRESSED, 6, SUPPRESSED], leading_share=[SUPPRESSED, 1.0, SUPPRESSED]),
    "suppressed": [True, False, True]})
# Depth by band at k=3, and the same mean changes per skill (one hidden).
DEPTH = pd.DataFrame({
    "group": ["1", "2-4", "5-9"], "label": ["1 session", "2 to 4 sessions", "5 to 9 sessions"],
    **_objects(value=[0.6, 0.1, 0.9], band_young_people=[3, 6, 3], pairs=[9, 21, 15], ci95_low=[0.0, -0.4, 0.1],
               ci95_high=[1.1, 0.6, 1.6], share_improved=[6 / 9, 9 / 21, 0.8],
               verdict=["too few to say", "no clear change", "improved"]),
    "suppressed": [False, False, False]})
BY_SKILL = pd.DataFrame({
    "group": ["1", "2", "7"], "label": ["Leadership", "Teamwork", "Confidence"],
    **_objects(value=[None, 1.0, 1.0], young_people=[None, 9, 9], pairs=[SUPPRESSED, 9, 9],
               ci95_low=[SUPPRESSED, 1.0, 0.5], ci95_high=[SUPPRESSED, 1.0, 1.5],
               verdict=[SUPPRESSED, "improved", "too few to say"]),
    "suppressed": [True, False, False]})


def test_who_gets_to_lead_in_words_and_numbers():
    # The ratio to two decimals; every figure hidden on its own says "fewer than 3"; 0 is 0.
    table = numbers_table(WHO_LEADS, "representation", "disability", None, 3)
    assert table.to_dict("list") == {
        "Disability / SEND": ["Yes", "No", "Not recorded"],
        "Taking part": ["fewer than 3", "6", "fewer than 3"],
        "Led or co-led a session": ["0", "6", "0"],
        "In 'doing with' sessions": ["fewer than 3", "6", "fewer than 3"],
        "Share who led": ["fewer than 3", "100%", "fewer than 3"],
        "Representation ratio (1 is fair)": ["fewer than 3", "2.00", "fewer than 3"]}
    assert sentence(WHO_LEADS, "representation", "disability", None, 3) == (
        "Representation ratio (1 is fair) was 2.00 for No. 2 other groups are not shown, to protect small "
        "numbers (fewer than 3 young people).")
    chart = explorer_chart(WHO_LEADS, "representation", "disability")
    assert [r["text"] for r in data_rows(chart) if "text" in r] == ["2.00"]
    assert {"fair": 1.0} in data_rows(chart)  # a rule at 1: fair
    assert format_value(0.8, "ratio") == "0.80" and format_value(1.125, "ratio") == "1.13"


def test_depth_says_each_bands_interval_and_verdict():
    table = numbers_table(DEPTH, "depth", "depth_band", None, 3)
    assert table.to_dict("list") == {
        "Sessions attended": ["1 session", "2 to 4 sessions", "5 to 9 sessions"],
        "Young people": ["3", "6", "3"], "Pairs": ["9", "21", "15"],
        "Change in skills (average)": ["+0.6", "+0.1", "+0.9"],
        "95% interval": ["0.0 to +1.1", "-0.4 to +0.6", "+0.1 to +1.6"],
        "Skills improved": ["67%", "43%", "80%"],
        "Verdict": ["too few to say", "no clear change", "improved"]}
    assert sentence(DEPTH, "depth", "depth_band", None, 3) == (
        "Change in skills (average) was highest for 5 to 9 sessions (+0.9, improved) and lowest for "
        "2 to 4 sessions (+0.1, no clear change).")
    # Bars in the bands' own order (fewest sessions first), each mean change with its verdict.
    assert [r["text"] for r in data_rows(explorer_chart(DEPTH, "depth", "depth_band"))] == [
        "+0.6 (too few to say)", "+0.1 (no clear change)", "+0.9 (improved)"]
    assert few_pairs_note(DEPTH).startswith("'Too few to say': fewer than 10 before-and-after pairs")


def test_a_mean_change_is_never_said_without_its_verdict():
    table = numbers_table(BY_SKILL, "mean_skill_change", "skill", None, 5)
    assert table.to_dict("list") == {
        "Skill": ["Leadership", "Teamwork", "Confidence"],
        "Change in skills (average)": ["fewer than 5", "+1.0", "+1.0"],
        "95% interval": ["fewer than 5", "+1.0 to +1.0", "+0.5 to +1.5"], "Pairs": ["fewer than 5", "9", "9"],
        "Verdict": ["fewer than 5", "improved", "too few to say"],
        "Young people behind it": ["fewer than 5", "9", "9"]}
    hidden = " 1 other group is not shown, to protect small numbers (fewer than 5 young people)."
    assert sentence(BY_SKILL, "mean_skill_change", "skill", None, 5) == (
        "Change in skills (average) was +1.0 (the table gives each group's verdict) in every group shown." + hidden)
    assert sentence(BY_SKILL.iloc[[0, 1]], "mean_skill_change", "skill", None, 5) == (
        "Change in skills (average) was +1.0 (improved) for Teamwork." + hidden)
    months = BY_SKILL.assign(label=["Jan 2024", "Feb 2024", "Mar 2024"], start=["2024-01-01", "2024-02-01",
                                                                                "2024-03-01"], value=[None, 1.0, 0.5])
    assert sentence(months, "mean_skill_change", "month", None, 5) == (
        "Change in skills (average) went from +1.0 (improved) in Feb 2024 to +0.5 (too few to say) in Mar 2024; "
        "it was highest in Feb 2024 (+1.0, improved)." + hidden)
    assert few_pairs_note(BY_SKILL) is not None and few_pairs_note(BY_SKILL.iloc[:2]) is None
    assert few_pairs_note(BY_PROGRAMME) is None   # no verdicts: not a mean change
