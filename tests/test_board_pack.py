"""The PDF board pack: its text (pdftotext), its chart images (pdfimages), and its pages as PNG
(pdftoppm). Hand-worked (protected) figures: see tests/test_snapshot_compare.py (same two
snapshots, k = 3)."""

import copy
import re
import subprocess
from dataclasses import replace
from datetime import date

import pandas as pd
import pytest
from sqlalchemy import update

from board_snapshots.board_pack import board_pack_for, board_pack_pdf, chart_png, png_size
from board_snapshots.compare import compare
from board_snapshots.core_charts import core_charts
from board_snapshots.page_text import CHART_KINDS
from board_snapshots.saved import create_snapshot, get_snapshot
from charts.export import to_png
from measures.protected_frames import protect_frame
from models.tables import Principle
from tests.snapshot_helpers import EARLIER, LATER, Q1_2024, add_power_ratings, take_both

PNG_SIGNATURE = b"\x89PNG\r\n\x1a\n"


def pdf_text(path) -> str:
    """The PDF's text, laid out as printed (a table row on one line), with line breaks and runs of
    spaces as single spaces."""
    return " ".join(subprocess.run(["pdftotext", "-layout", str(path), "-"], check=True, capture_output=True,
                                   text=True).stdout.split())


def image_count(path) -> int:
    listing = subprocess.run(["pdfimages", "-list", str(path)], check=True, capture_output=True, text=True).stdout
    return len(listing.splitlines()) - 2  # two heading lines


@pytest.fixture
def two_snapshots(small_org):
    add_power_ratings(small_org)
    take_both(small_org, k=3)
    return small_org


def test_the_pack_holds_the_figures_the_summary_and_the_notes(two_snapshots, tmp_path):
    path = tmp_path / "pack.pdf"
    path.write_bytes(board_pack_for(two_snapshots, LATER))
    text = pdf_text(path)
    for expected in (
        "Co-production health: board snapshot", LATER, "Board meeting: 15 April 2024",
        "Period covered: 1 January 2024 to 31 March 2024 (91 days)",
        "Compared with: the previous snapshot, 'Board Q4 2023' (board meeting 15 January 2024; 1 October 2023 to "
        "31 December 2023)",
        "50 out of 100 - Amber: needs attention (last time 50; no change)",  # 50.43 and 50.0
        "Principles kept (ratings of 4 or 5) 57 100 -43 20%",   # component, now, before, change, weight
        "Young people taking part 6 fewer than 3 cannot compare",  # 7 -> 6
        "Attendance (came, out of expected) 75% 100% -25 points",  # 9/12 now, 3/3 before
        "Paid to young people for their time £90 fewer than 3 cannot compare",
        "No change", "The health index stayed at 50 out of 100 (still amber).",
        "Worse than last time", "Attendance fell from 100% to 75% (down 25 points).",
        "Young people's rating of 'power and inclusion' rose from 3.3 to 3.8.",
        "Staff rating of 'power and inclusion' fell from 5.0 to 4.0.",
        "Figures resting on fewer than 3 young people are not shown",
        "by u-admin", "What the health index is made of", "Young people taking part each month",
        "Principles, young people and staff side by side: Lundy model", "You said, we did: raised each month",
    ):
        assert expected in text, expected
    # Teamwork (one young person) and confidence with it are hidden: no skills chart.
    assert "Skills: average rating before and after" not in text
    snapshot = get_snapshot(two_snapshots, LATER)
    assert ("Data version (a fingerprint of the records when it was taken): "
            + snapshot.data_version.replace(";", "; ")) in text
    assert f"Taken on {snapshot.created_at.day} {snapshot.created_at:%B %Y}" in text
    assert "Y1" not in text.split() and "S1" not in text.split()


def test_the_pack_holds_one_image_per_core_chart(two_snapshots, tmp_path):
    charts = core_charts(get_snapshot(two_snapshots, LATER))
    # Health components; January and March young people; no skills (teamwork rests on one young
    # person, and confidence is hidden with it); three sets of principles rated; feedback: 6 charts.
    assert [c.key for c in charts] == ["health-components", "active-by-month",
                                       "principles-voice_influence_charter", "principles-core_principles",
                                       "principles-lundy", "feedback-by-month"]
    # January 3 young people -> 3; March 5 -> 6 (5/3 = 1.67, half up to 2 x 3); February (2) is left out.
    assert charts[1].data.values.tolist() == [["2024-01", 3], ["2024-03", 6]]
    path = tmp_path / "pack.pdf"
    path.write_bytes(board_pack_for(two_snapshots, LATER))
    assert image_count(path) == 6
    assert path.read_bytes().count(b"/Subtype /Image") == 6


def test_each_chart_is_a_png_drawn_narrower_for_print(two_snapshots):
    chart = core_charts(get_snapshot(two_snapshots, LATER))[1]  # young people each month: no long labels
    png = chart_png(chart.chart)
    assert png.startswith(PNG_SIGNATURE)
    on_screen = to_png(chart.chart)  # the page's PNG download: 640 px wide plot
    assert png_size(png)[0] < png_size(on_screen)[0] and png_size(png)[0] >= 2 * 480


def test_the_pages_render_to_png(two_snapshots, tmp_path):
    path = tmp_path / "pack.pdf"
    path.write_bytes(board_pack_for(two_snapshots, LATER))
    subprocess.run(["pdftoppm", "-png", "-r", "50", str(path), str(tmp_path / "page")], check=True)
    pages = sorted(tmp_path.glob("page-*.png"))
    info = subprocess.run(["pdfinfo", str(path)], check=True, capture_output=True, text=True).stdout
    assert re.search(rf"^Pages:\s+{len(pages)}$", info, re.MULTILINE) and len(pages) >= 3
    assert all(p.read_bytes().startswith(PNG_SIGNATURE) and p.stat().st_size > 5_000 for p in pages)


def test_the_first_snapshot_says_there_is_nothing_to_compare(two_snapshots, tmp_path):
    path = tmp_path / "first.pdf"
    path.write_bytes(board_pack_for(two_snapshots, EARLIER))
    text = pdf_text(path)
    assert "Compared with: nothing yet. This is the first snapshot." in text
    assert "50 out of 100 - Amber: needs attention" in text  # (100 + 100 + 0 + 0) / 4
    assert "Last time" not in text and "What changed since last time" not in text
    assert "Young people taking part fewer than 3" in text


@pytest.mark.parametrize("unicode_fonts", [True, False])
def test_accents_curly_quotes_and_emoji_do_not_break_the_pack(small_org, tmp_path, unicode_fonts):
    with small_org.begin() as conn:
        conn.execute(update(Principle.__table__).where(Principle.__table__.c.code == "voice")
                     .values(name="Voix des jeunes \u00e9t\u00e9 \u201cfort\u201d \u2014 \U0001F600\ufe0f"))
    name = "R\u00e9union du conseil \u2013 \u201cQ1\u201d \u2728"
    snapshot = create_snapshot(small_org, name, Q1_2024, date(2024, 4, 15), "u-admin", k=1)
    charts = core_charts(snapshot)
    assert "skills-before-after" in [c.key for c in charts]  # k = 1: nothing hidden, every chart drawn
    pdf = board_pack_pdf(snapshot, None, compare(snapshot, None), charts, unicode_fonts=unicode_fonts)
    path = tmp_path / "accents.pdf"
    path.write_bytes(pdf)
    text = pdf_text(path)
    assert "R\u00e9union du conseil" in text and "Voix des jeunes \u00e9t\u00e9" in text
    if unicode_fonts:  # DejaVu draws the quotes, dashes and this emoji; '?' for the sparkles it lacks
        assert "R\u00e9union du conseil \u2013 \u201cQ1\u201d ?" in text
        assert "\u201cfort\u201d \u2014 \U0001F600" in text
    else:  # latin-1 core font: plain quotes and dashes, '?' for what it cannot draw
        assert "R\u00e9union du conseil - \"Q1\" ?" in text
        assert "\"fort\" - ?" in text
    assert image_count(path) == len(charts)


def test_the_pack_values_young_peoples_expertise_and_gives_each_skills_verdict(two_snapshots, tmp_path):
    """k = 3 (tests/test_snapshot_compare.py): £90 paid for 21 protected hours, £4.29 an hour;
    expenses £5 -> £0. Teamwork and confidence are hidden; all skills together: 6 pairs, +1.0,
    likely -0.5 to +2.5 (t-based), too few to say."""
    path = tmp_path / "pack.pdf"
    path.write_bytes(board_pack_for(two_snapshots, LATER))
    text = pdf_text(path)
    for expected in (
        "Valuing young people's expertise",
        "Paid per hour of their involvement £4.29 fewer than 3 cannot compare",
        "Expenses paid back to young people £0 fewer than 3 cannot compare",
        "Skills: did young people's ratings change?",
        "Skill Pairs Average change (likely range) Verdict",
        "Teamwork fewer than 3", "Confidence fewer than 3",
        "All skills together 6 +1.0 (likely -0.5 to +2.5) Too few to say",
        "The likely range is the 95% confidence interval",
    ):
        assert expected in text, expected


def test_a_verdict_from_ten_pairs_or_more(two_snapshots, tmp_path):
    later = get_snapshot(two_snapshots, LATER)
    content = copy.deepcopy(later.content)
    content["figures"]["skills_pooled"] |= {"pairs": 12, "mean_change": 0.8, "ci95_low": 0.2, "ci95_high": 1.4,
                                            "verdict": "improved"}
    snapshot = replace(later, content=content)
    path = tmp_path / "pack.pdf"
    path.write_bytes(board_pack_pdf(snapshot, None, compare(snapshot, None), []))
    assert "All skills together 12 +0.8 (likely +0.2 to +1.4) Improved" in pdf_text(path)


def before_verdicts(snapshot):
    """`snapshot` as it was saved before skills had verdicts and payments a rate per hour (content
    format 2 without the new keys)."""
    content = copy.deepcopy(snapshot.content)
    figures = content["figures"]
    for key in ("skills_pooled", "representation", "depth"):
        figures.pop(key, None)
    figures["remuneration"].pop("paid_per_hour_gbp")
    figures["engagement"].pop("stage_coverage", None)
    for skill in figures["skills"].values():
        for key in ("ci95_low", "ci95_high", "effect_size_dz", "improved", "same", "worse", "verdict"):
            skill.pop(key)
    content["frames"]["skills"] = content["frames"]["skills"].drop(columns=["ci95_low", "ci95_high", "verdict"])
    return replace(snapshot, content=content)


@pytest.mark.parametrize("k", [3, 1])
def test_a_snapshot_saved_before_verdicts_still_makes_a_pack(small_org, tmp_path, k):
    earlier, later = (before_verdicts(s) for s in take_both(small_org, k=k))
    charts = core_charts(later)
    assert ("skills-before-after" in [c.key for c in charts]) == (k == 1)  # teamwork hidden at k = 3
    path = tmp_path / "old.pdf"
    path.write_bytes(board_pack_pdf(later, earlier, compare(later, earlier), charts))
    text = pdf_text(path)
    assert "Paid to young people for their time £90" in text
    assert "Paid per hour of their involvement no data" in text
    assert "This snapshot was taken before verdicts and likely ranges were kept" in text
    assert "Skill Pairs Average change (likely range) Verdict" not in text
    if k == 1:  # confidence's 5 pairs: 'too few to say', never a bare average gain
        assert "Young people's average gain in 'confidence' cannot be compared: fewer than 10 pairs" in text


def test_the_skills_chart_numbers_give_the_likely_range_and_verdict(small_org):
    """k = 1: confidence 5 pairs, +1.0, likely -1.0 to +3.0; teamwork 1 pair, no range."""
    later = take_both(small_org, k=1)[1]
    skills = next(c for c in core_charts(later) if c.key == "skills-before-after").data
    rows = {r["Skill"]: r for r in skills.to_dict("records")}
    assert (rows["Confidence"]["Likely change from"], rows["Confidence"]["Likely change to"]) == (-1.0, 3.0)
    assert rows["Confidence"]["Verdict"] == "Too few to say"
    assert pd.isna(rows["Teamwork"]["Likely change from"])
    protect_frame(skills, CHART_KINDS, 1)  # every column has a kind for its CSV
