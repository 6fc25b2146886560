"""The Skills gained page through the real app (AppTest), on the small organisation, Q1 2024.

Hand-worked pairs (tests/small_org.py, test_measures.py): confidence: Y1 2->5 (+3, Podcast),
Y3 4->3 (-1), Y4 2->2 (0), Y5 1->3 (+2), all Podcast; Y6 3->4 (+1, Keeping It Social).
So 5 pairs from 5 young people: mean before 12/5 = 2.4, after 17/5 = 3.4, change 5/5 = +1.0,
3 of 5 went up (60%; Y1, Y5, Y6), 1 the same (Y4), 1 down (Y3): each under k=5; deviations 2, -2,
-1, 1, 0 give variance 10/4, half-width t(0.975, 4) * sqrt(2.5 / 5) = 2.7764 * 0.7071 = 1.9632:
likely -0.96 to +2.96, and with 5 pairs (under 10) too few to say. Waiting for a post: Y2, Y7
(Podcast) and Y1 (Keeping It Social): 3 young people, under k=5. Teamwork: 1 pair (Y5, +1):
under k=5. Every other skill has no pairs.

Depth (sessions attended in Q1: A, B, C and F; D is in April, E in December): Y1 came to A, B
and F (3: "2 to 4"), Y2 to A and C (2); Y3 (F), Y4 (A), Y5 (B), Y6 (C; absent from B) and Y7 (C)
came once. Pairs by band, all skills: once: Y3 -1, Y4 0, Y5 +2 (confidence) and +1 (teamwork),
Y6 +1: 5 pairs from 4 young people, mean 3/5 = +0.6, variance (5 * 7 - 9) / 20 = 1.3, half-width
2.7764 * sqrt(1.3 / 5) = 1.4157: likely -0.82 to +2.02; 3 of 5 went up. 2 to 4 sessions: Y1's
+3 (Y2's post is in April): 1 pair. Nobody came 5 times or more.
"""

from pathlib import Path

import pandas as pd
from streamlit.testing.v1 import AppTest

from components.skills.tables import table_height
from models.schema import open_store
from models.settings import set_setting
from tests import small_org
from tests.apptest_helpers import add_role_accounts, chart_rows, charts, open_deep_link

APP = str(Path(__file__).resolve().parent.parent / "app.py")
Q1_2024 = {"period": "Custom dates", "from": "2024-01-01", "to": "2024-03-31"}


def open_skills(url: str, monkeypatch, **query) -> AppTest:
    at = open_deep_link(url, monkeypatch, "pages/skills.py", "staff", **{**Q1_2024, **query})
    assert not at.exception
    return at


def store_with_k(store_url, k: int | None = None) -> str:
    engine = open_store(store_url)
    small_org.build(engine)
    add_role_accounts(engine)
    if k is not None:
        set_setting(engine, "suppression_k", k)
    return store_url


def table(at: AppTest, first_columns: list[str]):
    return next(d.value for d in at.dataframe if list(d.value.columns[:len(first_columns)]) == first_columns)


def chart_data(at: AppTest, column: str):
    """The data frame of the one chart whose data holds `column`."""
    return next(frames[0] for _, frames in charts(at) if column in frames[0].columns)


def all_chart_frames(at: AppTest):
    return [frame for _, frames in charts(at) for frame in frames]


def test_paired_figures_per_skill_worked_out_by_hand(small_org_url, monkeypatch):
    at = open_skills(small_org_url, monkeypatch)
    assert "Skills gained" in [t.value for t in at.title]
    assert any("We only compare a young person's own before and after ratings" in m.value for m in at.markdown)
    dumbbell = chart_data(at, "low_text")[["skill_name", "pairs", "mean_pre", "mean_post"]]
    assert dumbbell.to_dict("records") == [{"skill_name": "Confidence", "pairs": 5, "mean_pre": 2.4,
                                            "mean_post": 3.4}]
    change = chart_data(at, "ci_low")
    assert change[["skill_name", "mean_change", "ci_low", "ci_high", "verdict"]].values.tolist() == [
        ["Confidence", 1.0, -0.96, 2.96, "too few to say"]]
    assert change["change_label"].tolist() == ["+1.0 (-1.0 to +3.0); too few to say"]
    assert chart_data(at, "improved_label")["share_improved"].tolist() == [0.6]
    rows = table(at, ["Skill", "Pairs"]).set_index("Skill")
    # Five pairs: never a bare average change, but with its likely range and "too few to say".
    assert rows.loc["Confidence"].to_dict() == {
        "Pairs": "5", "Change": "+1.0 (likely -1.0 to +3.0); too few to say", "Likely range": "-1.0 to +3.0",
        "Verdict": "Too few to say", "Size of change": "too few to say", "Went up": "60%",
        "Up": "fewer than 5", "Same": "fewer than 5", "Down": "fewer than 5", "Waiting for 'after'": "fewer than 5",
        "Before": "2.4", "After": "3.4"}
    assert rows.loc["Teamwork", "Pairs"] == "fewer than 5" and rows.loc["Teamwork", "Change"] == "\u2014"
    assert rows.loc["Teamwork", "Verdict"] == "\u2014"
    assert rows.loc["Teamwork", "Waiting for 'after'"] == "0"
    assert rows.loc["Empathy", "Pairs"] == "no pairs yet"
    assert len(rows) == 8                                  # every skill in the store, by its name
    notes = " ".join(m.value for m in at.markdown)
    assert "**No pairs yet:** Leadership, Listening well" in notes
    assert "**Fewer than 5 young people** (not shown): Teamwork." in notes


def test_suppressed_skills_and_programmes_are_in_no_chart(small_org_url, monkeypatch):
    at = open_skills(small_org_url, monkeypatch)
    drawn = charts(at)
    assert len(drawn) == 3                                  # by-programme: every cell under k=5
    assert all(chart_rows(frames) <= 5000 for _, frames in drawn)
    for frame in all_chart_frames(at):
        assert set(frame.get("skill_name", [])) <= {"Confidence"}
    assert any("Every programme's figures rest on fewer than 5" in i.value for i in at.info)
    by_programme = table(at, ["Programme", "Skill"])
    assert set(by_programme["Pairs"]) == {"fewer than 5"}


def test_programme_view_worked_out_by_hand_with_k_1(store_url, monkeypatch):
    at = open_skills(store_with_k(store_url, 1), monkeypatch)
    # One skill at a time, every programme on one set of axes: confidence first (5 pairs; teamwork 1).
    picker = at.selectbox(key="skill")
    assert picker.options == ["Confidence", "Teamwork"] and picker.value == "confidence"
    cells = chart_data(at, "programme_name")
    # Keeping It Social: Y6 +1 (one pair, no interval). Podcast confidence: +3, -1, 0, +2 -> +1.0,
    # half-width t(0.975, 3) * sqrt((10 / 3) / 4) = 3.1824 * 0.9129 = 2.9052. Podcast teamwork: Y5 +1.
    got = {(r["programme_name"], r["skill_name"]): (r["pairs"], r["mean_change"], r["ci_high"])
           for r in cells.to_dict("records")}
    assert got.keys() == {("Keeping It Social", "Confidence"), ("Podcast", "Confidence")}
    assert got[("Podcast", "Confidence")] == (4, 1.0, 3.91)
    assert got[("Keeping It Social", "Confidence")][:2] == (1, 1.0)
    # The numbers under the chart hold every programme and skill (in the store's order of skills).
    numbers = next(d.value for d in at.dataframe if list(d.value.columns[:2]) == ["programme_name", "skill_name"])
    assert numbers[["programme_name", "skill_name", "pairs"]].values.tolist() == [
        ["Keeping It Social", "Confidence", 1], ["Podcast", "Teamwork", 1], ["Podcast", "Confidence", 4]]
    teamwork = picker.set_value("teamwork").run()
    assert not teamwork.exception
    cells = chart_data(teamwork, "programme_name")
    assert cells[["programme_name", "skill_name", "pairs", "mean_change"]].values.tolist() == [
        ["Podcast", "Teamwork", 1, 1.0]]
    assert cells["change_label"].tolist() == ["+1.0 (one pair: no range); too few to say"]
    at = teamwork
    rows = table(at, ["Programme", "Skill"]).set_index(["Programme", "Skill"])
    assert rows.loc[("Podcast", "Confidence"), "Likely range"] == "-1.9 to +3.9"
    assert rows.loc[("Podcast", "Confidence"), "Change"] == "+1.0 (likely -1.9 to +3.9); too few to say"
    assert rows.loc[("Podcast", "Confidence"), "Verdict"] == "Too few to say"
    assert rows.loc[("Podcast", "Confidence"), "Went up"] == "50%"
    assert rows.loc[("Podcast", "Confidence"), "Waiting for 'after'"] == "2"          # Y2, Y7
    assert rows.loc[("Keeping It Social", "Confidence"), "Likely range"] == "one pair: no range"
    assert rows.loc[("Keeping It Social", "Confidence"), "Change"] == "+1.0 (one pair: no range); too few to say"
    assert rows.loc[("Keeping It Social", "Confidence"), "Waiting for 'after'"] == "1"  # Y1


def test_a_lone_small_programme_hides_its_neighbour_with_k_3(store_url, monkeypatch):
    # Podcast confidence rests on 4 young people (enough at k=3), but Keeping It Social's one
    # pair could be worked out from the confidence total shown above, so both are hidden.
    at = open_skills(store_with_k(store_url, 3), monkeypatch)
    assert table(at, ["Skill", "Pairs"]).set_index("Skill").loc["Confidence", "Pairs"] == "5"
    assert not any("programme_name" in frame.columns for frame in all_chart_frames(at))
    rows = table(at, ["Programme", "Skill"]).set_index(["Programme", "Skill"])
    assert rows.loc[("Podcast", "Confidence"), "Pairs"] == "fewer than 3"
    assert rows.loc[("Keeping It Social", "Confidence"), "Pairs"] == "fewer than 3"


def test_programme_in_the_url_reproduces_the_filtered_view(store_url, monkeypatch):
    at = open_skills(store_with_k(store_url, 1), monkeypatch, programme=["Keeping It Social"])
    assert at.multiselect[0].value == ["P2"]
    # Only Y6's pair (3 -> 4) and Y1's pre waiting in Keeping It Social.
    dumbbell = chart_data(at, "low_text")[["skill_name", "pairs", "mean_pre", "mean_post"]]
    assert dumbbell.to_dict("records") == [{"skill_name": "Confidence", "pairs": 1, "mean_pre": 3.0, "mean_post": 4.0}]
    rows = table(at, ["Skill", "Pairs"]).set_index("Skill")
    assert rows.loc["Confidence", "Waiting for 'after'"] == "1"
    assert rows.loc["Teamwork", "Pairs"] == "no pairs yet"
    # With one programme chosen, a "by programme" section would only repeat the figures above.
    assert not any("programme_name" in frame.columns for frame in all_chart_frames(at))
    assert any("One programme is chosen" in c.value for c in at.caption)


def test_two_programmes_in_the_url_are_compared(store_url, monkeypatch):
    at = open_skills(store_with_k(store_url, 1), monkeypatch, programme=["Keeping It Social", "Podcast"])
    assert sorted(at.multiselect[0].value) == ["P1", "P2"]
    assert set(chart_data(at, "programme_name")["programme_name"]) == {"Keeping It Social", "Podcast"}


def test_the_skill_in_the_url_is_the_one_compared(store_url, monkeypatch):
    at = open_skills(store_with_k(store_url, 1), monkeypatch, skill="Teamwork")   # as the URL holds it: by name
    assert at.selectbox(key="skill").value == "teamwork"
    assert chart_data(at, "programme_name")[["programme_name", "skill_name"]].values.tolist() == [
        ["Podcast", "Teamwork"]]


def test_a_long_table_scrolls_and_a_short_one_is_drawn_whole():
    # A table with a fixed height scrolls: the browser draws only the rows in view.
    assert table_height(pd.DataFrame({"Skill": ["Confidence"] * 10})) == "content"
    assert table_height(pd.DataFrame({"Skill": ["Confidence"] * 11})) == 400


def test_programme_in_the_url_with_default_k_shows_nothing_small(small_org_url, monkeypatch):
    at = open_skills(small_org_url, monkeypatch, programme=["Keeping It Social"])
    assert at.multiselect[0].value == ["P2"]
    assert charts(at) == []
    rows = table(at, ["Skill", "Pairs"]).set_index("Skill")
    assert rows.loc["Confidence", "Pairs"] == "fewer than 5"
    assert rows.loc["Confidence", "Waiting for 'after'"] == "fewer than 5"
    assert any("No skill has before-and-after pairs from at least 5" in i.value for i in at.info)


def test_session_filters_are_said_not_to_apply(small_org_url, monkeypatch):
    at = open_skills(small_org_url, monkeypatch, mode=["Online"])
    assert any("do not apply here" in c.value for c in at.caption)
    assert chart_data(at, "low_text")["pairs"].tolist() == [5]          # unchanged


def test_an_empty_period_says_what_to_do(small_org_url, monkeypatch):
    at = open_skills(small_org_url, monkeypatch, **{"from": "2030-01-01", "to": "2030-01-31"})
    assert any("No skill ratings in this period" in i.value for i in at.info)
    assert charts(at) == []
    assert set(table(at, ["Skill", "Pairs"])["Pairs"]) == {"no pairs yet"}


DASH = "\u2014"


def test_depth_of_involvement_worked_out_by_hand_with_k_1(store_url, monkeypatch):
    at = open_skills(store_with_k(store_url, 1), monkeypatch)
    assert "Does taking part more go with bigger gains?" in [h.value for h in at.header]
    assert any("an association, not a cause" in c.value for c in at.caption)
    bands = chart_data(at, "sessions")
    assert bands[["sessions", "young_people", "pairs", "mean_change", "ci_low", "ci_high", "share_improved",
                  "verdict"]].values.tolist()[0] == ["1 session", 5, 5, 0.6, -0.82, 2.02, 0.6, "too few to say"]
    assert bands["sessions"].tolist() == ["1 session", "2 to 4 sessions"]
    assert bands["change_label"].tolist() == ["+0.6 (-0.8 to +2.0); too few to say",
                                              "+3.0 (one pair: no range); too few to say"]
    rows = table(at, ["Sessions attended"]).set_index("Sessions attended")
    assert rows.to_dict("index") == {
        "1 session": {"Young people": "5", "Pairs": "5", "Change": "+0.6 (likely -0.8 to +2.0); too few to say",
                      "Likely range": "-0.8 to +2.0", "Went up": "60%", "Verdict": "Too few to say"},
        "2 to 4 sessions": {"Young people": "2", "Pairs": "1", "Change": "+3.0 (one pair: no range); too few to say",
                            "Likely range": "one pair: no range", "Went up": "100%", "Verdict": "Too few to say"},
        "5 to 9 sessions": {"Young people": "0", "Pairs": "no pairs", "Change": DASH, "Likely range": DASH,
                            "Went up": DASH, "Verdict": DASH},
        "10 or more sessions": {"Young people": "0", "Pairs": "no pairs", "Change": DASH, "Likely range": DASH,
                                "Went up": DASH, "Verdict": DASH}}
    assert any("**No pairs:** 5 to 9 sessions, 10 or more sessions." in m.value for m in at.markdown)


def test_depth_bands_under_k_are_listed_not_plotted(small_org_url, monkeypatch):
    # k=5: 5 young people came once, but their pairs rest on 4 (Y3, Y4, Y5, Y6); 2 came 2 to 4 times.
    at = open_skills(small_org_url, monkeypatch)
    assert not any("sessions" in frame.columns for frame in all_chart_frames(at))
    assert any("No group of young people by sessions attended" in i.value for i in at.info)
    rows = table(at, ["Sessions attended"]).set_index("Sessions attended")
    assert rows.loc["1 session", ["Young people", "Pairs", "Change"]].tolist() == ["5", "fewer than 5", DASH]
    assert rows.loc["2 to 4 sessions", ["Young people", "Pairs"]].tolist() == ["fewer than 5", "fewer than 5"]
    notes = " ".join(m.value for m in at.markdown)
    assert "**Fewer than 5 young people** (not shown): 1 session, 2 to 4 sessions." in notes
