"""The board pack: one snapshot, compared with the one before, as a PDF for board papers.

Title, meeting date and period; the health index with its components and status; key figures
with the change since last time; what young people were paid for their time; each skill's
verdict with its likely range; the plain-language summary; the core charts as PNG images
(fpdf2 cannot take vl-convert's SVG); a note on hidden small numbers; data version and dates.
"""

import io
import struct
import unicodedata
from pathlib import Path

import altair as alt
from fpdf import FPDF
from fpdf.enums import XPos, YPos
from fpdf.fonts import FontFace

from board_snapshots.compare import GROUPS, Compared, Comparison, compare
from board_snapshots.core_charts import CoreChart, core_charts
from board_snapshots.freeze import PROTECTED_FORMAT
from board_snapshots.saved import Snapshot, get_snapshot, previous_snapshot
from board_snapshots.wording import VERDICT_HEADINGS, verdicts_note
from charts.export import to_png
from measures import formatting
from measures.health import COMPONENT_LABELS, STATUS_WORDS

DEJAVU = Path("/usr/share/fonts/truetype/dejavu")
UNICODE_FONTS = {"": "DejaVuSans.ttf", "B": "DejaVuSans-Bold.ttf"}
# For the core PDF fonts (latin-1 only), when DejaVu is not installed.
LATIN_1 = str.maketrans({"\u2018": "'", "\u2019": "'", "\u201c": '"', "\u201d": '"', "\u2013": "-",
                         "\u2014": "-", "\u2212": "-", "\u2026": "...", "\u00a0": " ", "\u2022": "-"})
INK, GREY, RULE = (34, 34, 34), (90, 90, 90), (200, 200, 200)
WIDTH = 174  # mm of text on A4 with 18 mm margins
CHART_MAX_HEIGHT = 85
PRINT_PIXELS = 480  # single-view charts are drawn this wide, then printed WIDTH mm wide: larger labels
MM_PER_PIXEL = WIDTH / PRINT_PIXELS


def previous_words(before: Snapshot) -> str:
    """'Q2 2026' (board meeting 15 July 2026; 1 April 2026 to 30 June 2026), without saying the date twice."""
    meeting = formatting.day(before.meeting_date)
    said = "" if meeting in before.name else f"board meeting {meeting}; "
    return f"'{before.name}' ({said}{formatting.date_range(before.period.start, before.period.end)})"


def png_size(png: bytes) -> tuple[int, int]:
    """(width, height) in pixels, from the PNG header."""
    return struct.unpack(">II", png[16:24])


class BoardPack(FPDF):
    def __init__(self, footer_text: str, unicode_fonts: bool | None = None):
        super().__init__(format="A4")
        self.footer_text = footer_text
        self.set_margins(18, 16, 18)
        self.set_auto_page_break(True, margin=18)
        files = {style: DEJAVU / name for style, name in UNICODE_FONTS.items()}
        self.unicode = all(f.exists() for f in files.values()) if unicode_fonts is None else unicode_fonts
        if self.unicode:
            for style, path in files.items():
                self.add_font("DejaVu", style, str(path))
            self.family = "DejaVu"
            self.glyphs = set(self.fonts["dejavu"].cmap) & set(self.fonts["dejavuB"].cmap)
        else:
            self.family = "Helvetica"
        self.set_title(self.clean(footer_text))

    def clean(self, text) -> str:
        """Text the font can draw: control characters dropped; a character without a glyph becomes
        '?', except marks that only modify the one before (emoji variation selectors), dropped."""
        text = unicodedata.normalize("NFC", str(text))
        if not self.unicode:
            text = text.translate(LATIN_1)
        kept = []
        for ch in text:
            category = unicodedata.category(ch)
            if category.startswith("C") and ch != "\n":
                continue
            if ch != "\n" and not (ord(ch) in self.glyphs if self.unicode else ord(ch) < 256):
                if not category.startswith("M"):
                    kept.append("?")
                continue
            kept.append(ch)
        return "".join(kept)

    def footer(self) -> None:
        self.set_y(-13)
        self.style(8, colour=GREY)
        self.cell(0, 5, self.clean(f"{self.footer_text} - page {self.page_no()} of {{nb}}"), align="C")

    def style(self, size: float, bold: bool = False, colour=INK) -> None:
        self.set_font(self.family, "B" if bold else "", size)
        self.set_text_color(*colour)

    def text_block(self, text: str, size: float = 10.5, bold: bool = False, colour=INK, gap: float = 1.5) -> None:
        self.style(size, bold, colour)
        self.multi_cell(0, size * 0.5, self.clean(text), new_x=XPos.LMARGIN, new_y=YPos.NEXT, align="L")
        self.ln(gap)

    def heading(self, text: str) -> None:
        if self.will_page_break(30):
            self.add_page()
        self.ln(3)
        self.text_block(text, 14, bold=True, gap=0.5)
        self.set_draw_color(*RULE)
        self.line(self.l_margin, self.get_y(), self.l_margin + WIDTH, self.get_y())
        self.ln(2.5)

    def bullets(self, lines: list[str]) -> None:
        self.style(10.5)
        for line in lines:  # a hanging indent: wrapped lines start under the text, not the dash
            self.set_x(self.l_margin + 2)
            self.cell(4, 5.2, "-")
            self.multi_cell(WIDTH - 6, 5.2, self.clean(line), new_x=XPos.LMARGIN, new_y=YPos.NEXT, align="L")
            self.ln(0.8)

    def table_of(self, rows: list[list[str]], widths: tuple, aligns: tuple) -> None:
        self.style(9.5)
        self.set_draw_color(*RULE)
        heading = FontFace(emphasis="BOLD", fill_color=(235, 235, 235))
        with self.table(col_widths=widths, text_align=aligns, width=WIDTH, line_height=5, padding=1.2,
                        borders_layout="HORIZONTAL_LINES", headings_style=heading, align="LEFT") as table:
            for values in rows:
                row = table.row()
                for value in values:
                    row.cell(self.clean(value))
        self.ln(2)

    def chart(self, chart: CoreChart, png: bytes) -> None:
        pixels_wide, pixels_high = png_size(png)
        width = min(WIDTH, pixels_wide / 2 * MM_PER_PIXEL)  # exported at scale 2
        height = width * pixels_high / pixels_wide
        if height > CHART_MAX_HEIGHT:
            width, height = width * CHART_MAX_HEIGHT / height, CHART_MAX_HEIGHT
        if self.will_page_break(height + 28):
            self.add_page()
        self.text_block(chart.title, 12, bold=True, gap=1)
        self.image(io.BytesIO(png), w=width, h=height, alt_text=self.clean(chart.alt_text))
        self.ln(1.5)
        self.text_block(chart.alt_text, 8.5, colour=GREY, gap=0.5)
        if chart.note:
            self.text_block(chart.note, 8.5, colour=GREY, gap=0.5)
        self.ln(3)


def chart_png(chart: alt.TopLevelMixin) -> bytes:
    """The PNG for print: a single or layered view narrower than on screen, so that once printed
    across the page its labels read at the size of the text around it."""
    if isinstance(chart, (alt.Chart, alt.LayerChart)):
        chart = chart.properties(width=PRINT_PIXELS)
    return to_png(chart)


def _rows(compared: list[Compared], has_before: bool) -> list[list[str]]:
    if has_before:
        return [[c.label, c.now, c.before, c.change or "-"] for c in compared]
    return [[c.label, c.now] for c in compared]


def _figures_table(pdf: BoardPack, first: str, compared: list[Compared], has_before: bool) -> None:
    if has_before:
        pdf.table_of([[first, "This time", "Last time", "Change"], *_rows(compared, True)],
                     (78, 28, 28, 40), ("LEFT", "RIGHT", "RIGHT", "RIGHT"))
    else:
        pdf.table_of([[first, "This time"], *_rows(compared, False)], (124, 50), ("LEFT", "RIGHT"))


def _cover(pdf: BoardPack, snapshot: Snapshot, before: Snapshot | None) -> None:
    label = snapshot.content.get("work_label") or "co-production"
    pdf.text_block(f"{label[:1].upper()}{label[1:]} health: board snapshot", 20, bold=True, gap=1)
    pdf.text_block(snapshot.name, 14, colour=GREY, gap=3)
    pdf.text_block(f"Board meeting: {formatting.day(snapshot.meeting_date)}", 11, bold=True, gap=0.5)
    pdf.text_block(f"Period covered: {formatting.date_range(snapshot.period.start, snapshot.period.end)} "
                   f"({formatting.days(snapshot.period.days)})", 11, gap=0.5)
    if before is None:
        pdf.text_block("Compared with: nothing yet. This is the first snapshot.", 11, gap=0.5)
    else:
        pdf.text_block(f"Compared with: the previous snapshot, {previous_words(before)}.", 11, gap=0.5)
    pdf.text_block(f"Figures resting on fewer than {snapshot.k} young people are not shown: they read "
                   f"'fewer than {snapshot.k}' and are left out of the charts, so that no young person can be "
                   "identified. Only totals and averages appear here, never individual records.", 9.5, colour=GREY,
                   gap=1)


def _health(pdf: BoardPack, snapshot: Snapshot, comparison: Comparison, has_before: bool) -> None:
    pdf.heading("Health index")
    health = snapshot.figures["health_index"]
    if health["value"] is None:
        pdf.text_block("No component had data in this period, so there is no health index.")
    else:
        index = comparison.health[0]
        since = f" (last time {index.before}; {index.change})" if has_before and index.change else ""
        pdf.text_block(f"{index.now} out of 100 - {STATUS_WORDS[health['status']]}{since}", 13, bold=True, gap=1)
        t = health["thresholds"]
        pdf.text_block(f"Green from {formatting.count(t['green'])}, amber from {formatting.count(t['amber'])}, "
                       "red below. The index is the weighted average of the components below; a component without "
                       "data is left out and the others weighted up.", 9.5, colour=GREY)
    rows = [[c.label, c.now, *([c.before, c.change or "-"] if has_before else []), _weight(health, name)]
            for name, c in zip(COMPONENT_LABELS, comparison.health[1:], strict=True)]
    if has_before:
        pdf.table_of([["Component (score out of 100)", "This time", "Last time", "Change", "Weight"], *rows],
                     (64, 24, 24, 38, 24), ("LEFT", "RIGHT", "RIGHT", "RIGHT", "RIGHT"))
    else:
        pdf.table_of([["Component (score out of 100)", "This time", "Weight"], *rows], (114, 30, 30),
                     ("LEFT", "RIGHT", "RIGHT"))


def _weight(health: dict, name: str) -> str:
    weight = health["components"].get(name, {}).get("weight") or 0
    return formatting.share(weight) if weight else "left out"


def _expertise(pdf: BoardPack, comparison: Comparison, has_before: bool) -> None:
    pdf.heading("Valuing young people's expertise")
    pdf.text_block("What young people were paid for their time and expertise at the sessions they came to, per "
                   "hour of their involvement, and the expenses paid back to them (travel and the like).", 9.5,
                   colour=GREY)
    _figures_table(pdf, "Figure", comparison.resourcing, has_before)


def _skills(pdf: BoardPack, comparison: Comparison) -> None:
    """Each skill and all skills together: the verdict and the likely range, never a bare average."""
    if comparison.verdicts is None:
        if comparison.skills:
            pdf.heading("Skills: did young people's ratings change?")
            pdf.text_block("This snapshot was taken before verdicts and likely ranges were kept, so it gives no "
                           "verdict on skills.", 9.5, colour=GREY)
        return
    if not comparison.verdicts:
        return
    pdf.heading("Skills: did young people's ratings change?")
    pdf.table_of([VERDICT_HEADINGS, *(row.cells() for row in comparison.verdicts)], (52, 24, 60, 38),
                 ("LEFT", "RIGHT", "LEFT", "LEFT"))
    pdf.text_block(verdicts_note(), 9, colour=GREY)


def _summary(pdf: BoardPack, comparison: Comparison) -> None:
    pdf.heading("What changed since last time")
    for note in comparison.notes:
        pdf.text_block(note, 10, colour=GREY)
    _grouped(pdf, comparison.sentences("headline"))
    detail = comparison.sentences("detail")
    if detail:
        pdf.heading("Principles and skills since last time")
        _grouped(pdf, detail)


def _grouped(pdf: BoardPack, sentences: dict[str, list[str]]) -> None:
    for key, title in GROUPS:
        if key in sentences:
            pdf.text_block(title, 11, bold=True, gap=0.5)
            pdf.bullets(sentences[key])
            pdf.ln(1)


def _about(pdf: BoardPack, snapshot: Snapshot) -> None:
    pdf.heading("About these figures")
    taken = snapshot.created_at
    pdf.text_block(f"Taken on {formatting.day(taken)} at {formatting.clock(taken)} (UTC) by {snapshot.created_by}. "
                   "The figures "
                   "were frozen then and never change, whatever data comes in later.", 9.5)
    pdf.text_block("Data version (a fingerprint of the records when it was taken): "
                   + snapshot.data_version.replace(";", "; "), 8.5, colour=GREY)
    pdf.text_block(f"Figures resting on fewer than {snapshot.k} young people are not shown."
                   + (f" These are protected figures: other counts of young people are rounded to the nearest "
                      f"{snapshot.k}, hours and pounds likewise, and shares are worked out from the rounded counts, "
                      "so that nobody can be worked out by comparing figures."
                      if snapshot.content.get("format", 1) >= PROTECTED_FORMAT else ""), 9.5)


def board_pack_pdf(snapshot: Snapshot, before: Snapshot | None, comparison: Comparison, charts: list[CoreChart],
                   pngs: list[bytes] | None = None, unicode_fonts: bool | None = None) -> bytes:
    """The PDF bytes. `pngs` (one per chart) saves rendering them again when the caller has them."""
    pngs = pngs if pngs is not None else [chart_png(c.chart) for c in charts]
    pdf = BoardPack(f"Board snapshot '{snapshot.name}'", unicode_fonts)
    pdf.add_page()
    has_before = before is not None
    _cover(pdf, snapshot, before)
    _health(pdf, snapshot, comparison, has_before)
    pdf.heading("Key figures" + (" and the change since last time" if has_before else ""))
    _figures_table(pdf, "Figure", comparison.key_figures, has_before)
    _expertise(pdf, comparison, has_before)
    _skills(pdf, comparison)
    if has_before:
        _summary(pdf, comparison)
    _about(pdf, snapshot)
    if charts:
        pdf.add_page()
        pdf.heading("Charts")
        for chart, png in zip(charts, pngs, strict=True):
            pdf.chart(chart, png)
    return bytes(pdf.output())


def board_pack_for(engine, name: str, unicode_fonts: bool | None = None) -> bytes:
    """The board pack of the snapshot called `name` (SnapshotProblem when there is none)."""
    snapshot = get_snapshot(engine, name)
    before = previous_snapshot(engine, snapshot)
    return board_pack_pdf(snapshot, before, compare(snapshot, before), core_charts(snapshot),
                          unicode_fonts=unicode_fonts)
