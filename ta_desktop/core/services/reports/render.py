"""Drawing the contract summary as a PDF (reportlab platypus), and saving it.

Qt-free, so the CLI, the app's "Save as PDF" and its print preview all use the same bytes. What
the summary says comes from ``core.domain.contract_summary``; this module only lays it out.
"""

from __future__ import annotations

import io
from pathlib import Path
from xml.sax.saxutils import escape

from reportlab.lib import colors
from reportlab.lib.enums import TA_RIGHT
from reportlab.lib.pagesizes import A4, LETTER
from reportlab.lib.styles import ParagraphStyle
from reportlab.lib.units import mm
from reportlab.pdfbase.pdfmetrics import stringWidth
from reportlab.pdfgen import canvas
from reportlab.platypus import (
    CondPageBreak,
    KeepTogether,
    Paragraph,
    SimpleDocTemplate,
    Spacer,
    Table,
    TableStyle,
)

from ta_desktop.core.domain.contract_summary import (
    ContractSummary,
    buyer_block,
    inspection_lines,
    payment_rows,
    risk_rows,
    supplier_block,
    terms,
)
from ta_desktop.core.domain.errors import ValidationError
from ta_desktop.core.services import fonts
from ta_desktop.core.services import formatting as fmt
from ta_desktop.core.storage.files import write_atomically

PAPERS = {"a4": A4, "letter": LETTER}

# --- typography -----------------------------------------------------------------------------


INK = colors.HexColor("#1B2430")
MUTED = colors.HexColor("#5C6672")
BAND = colors.HexColor("#1F3A5F")
ACCENT = colors.HexColor("#C8A24A")
RULE = colors.HexColor("#D5DAE1")
ZEBRA = colors.HexColor("#F4F6F9")
WARN = colors.HexColor("#8A4B08")
WARN_BG = colors.HexColor("#FDF5E6")

BASE = ParagraphStyle("base", fontName="Helvetica", fontSize=9, leading=12.5, textColor=INK)
STYLES = {
    "body": BASE,
    "small": ParagraphStyle("small", BASE, fontSize=8, leading=10.5, textColor=MUTED),
    "label": ParagraphStyle("label", BASE, fontName="Helvetica-Bold", fontSize=7, leading=9,
                            textColor=MUTED),
    "name": ParagraphStyle("name", BASE, fontName="Helvetica-Bold", fontSize=11, leading=15),
    "h2": ParagraphStyle("h2", BASE, fontName="Helvetica-Bold", fontSize=11.5, leading=15,
                         textColor=BAND, spaceBefore=14, spaceAfter=6),
    "cell": ParagraphStyle("cell", BASE, fontSize=8.5, leading=11),
    "num": ParagraphStyle("num", BASE, fontSize=8.5, leading=11, alignment=TA_RIGHT),
    "head": ParagraphStyle("head", BASE, fontName="Helvetica-Bold", fontSize=7.5, leading=10,
                           textColor=colors.white),
    "headnum": ParagraphStyle("headnum", BASE, fontName="Helvetica-Bold", fontSize=7.5,
                              leading=10, textColor=colors.white, alignment=TA_RIGHT),
    "spec": ParagraphStyle("spec", BASE, fontSize=9, leading=13, leftIndent=8),
    "warn": ParagraphStyle("warn", BASE, fontSize=8.5, leading=11.5, textColor=WARN),
}


def markup(text: str) -> str:
    """Paragraph markup for plain ``text``; runs Helvetica cannot show (Chinese, Japanese,
    symbols) in the shipped fallback font, embedded, so they render and stay extractable."""
    return fonts.pdf_markup(text)


def _p(text: str, style: str = "body") -> Paragraph:
    return Paragraph(markup(text), STYLES[style])


# A table cell's padding on each side (reportlab's default).
CELL_PADDING = 6


def _line_cell(text: str, width: float) -> Paragraph | str:
    """An order line's cell: the text itself when one line of Helvetica shows it (a plain
    string is drawn, not parsed and wrapped: with hundreds of lines, most of the summary's
    time), else a paragraph that wraps it and sets Chinese in the fallback font."""
    style = STYLES["cell"]
    if fonts.standard_font_shows(text) and "\n" not in text \
            and stringWidth(text, style.fontName, style.fontSize) <= width - 2 * CELL_PADDING:
        return text
    return _p(text, "cell")


# --- the document ---------------------------------------------------------------------------


class _Builder:
    def __init__(self, summary: ContractSummary, width: float):
        self.s = summary
        self.width = width
        self.story: list = []

    def section(self, title: str) -> None:
        self.story.append(CondPageBreak(40 * mm))
        self.story.append(Paragraph(escape(title), STYLES["h2"]))

    def build(self) -> list:
        self.parties()
        self.terms()
        self.lines()
        self.payment()
        self.specification()
        self.inspection()
        self.attachments()
        self.key_dates()
        self.acceptance()
        return self.story

    def _block(self, label: str, name: str, details: list[str]) -> list:
        return [_p(label.upper(), "label"), Spacer(1, 2), _p(name, "name"),
                *(_p(line, "body") for line in details)]

    def parties(self) -> None:
        buyer_cells = self._block("Buyer", *buyer_block(self.s.buyer))
        supplier_cells = self._block("Supplier", *supplier_block(self.s.supplier))
        half = (self.width - 8 * mm) / 2
        table = Table([[buyer_cells, "", supplier_cells]], colWidths=[half, 8 * mm, half])
        table.setStyle(TableStyle([
            ("VALIGN", (0, 0), (-1, -1), "TOP"),
            ("BOX", (0, 0), (0, 0), 0.6, RULE), ("BOX", (2, 0), (2, 0), 0.6, RULE),
            ("LINEABOVE", (0, 0), (0, 0), 2, BAND), ("LINEABOVE", (2, 0), (2, 0), 2, BAND),
            ("LEFTPADDING", (0, 0), (-1, -1), 9), ("RIGHTPADDING", (0, 0), (-1, -1), 9),
            ("TOPPADDING", (0, 0), (-1, -1), 8), ("BOTTOMPADDING", (0, 0), (-1, -1), 9),
        ]))
        self.story.append(table)

    def terms(self) -> None:
        cells = [[_p(label.upper(), "label"), _p(value, "name")]
                 for label, value in terms(self.s.order)]
        table = Table([[cell for cell in cells]], colWidths=[self.width / 4] * 4)
        table.setStyle(TableStyle([
            ("VALIGN", (0, 0), (-1, -1), "TOP"),
            ("BACKGROUND", (0, 0), (-1, -1), ZEBRA),
            ("LINEBEFORE", (1, 0), (-1, -1), 0.6, colors.white),
            ("LEFTPADDING", (0, 0), (-1, -1), 9), ("TOPPADDING", (0, 0), (-1, -1), 7),
            ("BOTTOMPADDING", (0, 0), (-1, -1), 8),
        ]))
        self.story += [Spacer(1, 10), table]

    def lines(self) -> None:
        order = self.s.order
        cur = order.currency
        self.section(f"Order lines ({len(order.lines)})")
        head = [Paragraph("#", STYLES["head"]), Paragraph("SKU", STYLES["head"]),
                Paragraph("PRODUCT", STYLES["head"]), Paragraph("QTY", STYLES["headnum"]),
                Paragraph("UNIT", STYLES["head"]),
                Paragraph(f"UNIT PRICE<br/>{cur}", STYLES["headnum"]),
                Paragraph(f"TOTAL<br/>{cur}", STYLES["headnum"])]
        fixed = [8 * mm, 22 * mm, 0, 16 * mm, 11 * mm, 22 * mm, 26 * mm]
        fixed[2] = self.width - sum(fixed)
        rows = [head]
        for number, line in enumerate(order.lines, 1):
            rows.append([str(number), _line_cell(line.sku, fixed[1]),
                         _line_cell(line.product, fixed[2]), fmt.quantity(line.quantity),
                         line.unit, fmt.price(line.unit_price, cur), fmt.amount(line.total, cur)])
        # Quantities add up only per unit: bottles and gift boxes are never one number.
        totals = fmt.per_unit((line.quantity, line.unit) for line in order.lines) or [(0, "")]
        for i, (quantity, unit) in enumerate(totals):
            rows.append(["", "", Paragraph("<b>Order total</b>", STYLES["cell"]) if i == 0 else "",
                         fmt.quantity(quantity), unit, "",
                         fmt.money(order.total.amount, cur) if i == 0 else ""])
        table = Table(rows, colWidths=fixed, repeatRows=1)
        last, first = len(rows) - 1, len(rows) - len(totals)
        table.setStyle(TableStyle([
            ("FONT", (0, 1), (-1, -1), "Helvetica", 8.5, STYLES["cell"].leading),
            ("TEXTCOLOR", (0, 1), (-1, -1), INK),
            ("TEXTCOLOR", (0, 1), (0, -1), MUTED),
            ("BACKGROUND", (0, 0), (-1, 0), BAND),
            ("ALIGN", (3, 1), (3, -1), "RIGHT"), ("ALIGN", (5, 1), (-1, -1), "RIGHT"),
            ("VALIGN", (0, 0), (-1, 0), "BOTTOM"), ("VALIGN", (0, 1), (-1, -1), "TOP"),
            ("ROWBACKGROUNDS", (0, 1), (-1, first - 1), [colors.white, ZEBRA]),
            ("LINEBELOW", (0, 1), (-1, first - 1), 0.25, RULE),
            ("LINEABOVE", (0, first), (-1, first), 1, INK),
            ("FONT", (0, first), (-1, last), "Helvetica-Bold", 9),
            ("TOPPADDING", (0, 0), (-1, -1), 4), ("BOTTOMPADDING", (0, 0), (-1, -1), 4),
            ("TOPPADDING", (0, first), (-1, first), 6),
            # The total never stands alone on a page: it keeps the last lines with it.
            ("NOSPLIT", (0, max(1, first - 2)), (-1, last)),
        ]))
        self.story.append(table)

    def payment(self) -> None:
        self.section("Payment")
        self.story.append(self._pairs(payment_rows(self.s)))

    def _pairs(self, rows: list[tuple[str, str]]) -> Table:
        table = Table([[_p(label, "small"), _p(value, "body")] for label, value in rows],
                      colWidths=[48 * mm, self.width - 48 * mm])
        table.setStyle(TableStyle([
            ("VALIGN", (0, 0), (-1, -1), "TOP"),
            ("LINEBELOW", (0, 0), (-1, -1), 0.25, RULE),
            ("LEFTPADDING", (0, 0), (-1, -1), 0), ("TOPPADDING", (0, 0), (-1, -1), 4),
            ("BOTTOMPADDING", (0, 0), (-1, -1), 5),
        ]))
        return table

    def _note(self, text: str) -> Table:
        table = Table([[_p(text, "warn")]], colWidths=[self.width])
        table.setStyle(TableStyle([
            ("BACKGROUND", (0, 0), (-1, -1), WARN_BG),
            ("LINEBEFORE", (0, 0), (0, -1), 2.5, ACCENT),
            ("LEFTPADDING", (0, 0), (-1, -1), 9), ("TOPPADDING", (0, 0), (-1, -1), 6),
            ("BOTTOMPADDING", (0, 0), (-1, -1), 7),
        ]))
        return table

    def specification(self) -> None:
        self.section("Product specification")
        text = self.s.order.spec_text.strip()
        if not text:
            self.story.append(self._note(
                "No specification is written for this order. A contract without a clear, "
                "measurable specification loses quality disputes."))
            return
        for line in text.splitlines():
            label, sep, rest = line.partition(":")
            if sep and 0 < len(label) <= 32 and not label[0].isspace():
                html = f"<b>{markup(label)}:</b>{markup(rest)}"
            else:
                html = markup(line) or "&nbsp;"
            self.story.append(Paragraph(html, STYLES["spec"]))
        risks = self.s.risks
        if risks is None:
            return
        self.section("Open points in the specification")
        if not risks:
            self.story.append(_p("The specification check found no vague wording.", "body"))
            return
        self.story.append(_p("Each point below should be made measurable before the order is "
                             "confirmed.", "small"))
        self.story.append(Spacer(1, 4))
        self.story.append(self._pairs(risk_rows(risks)))

    def inspection(self) -> None:
        self.section("Inspection plan")
        lines = inspection_lines(self.s.order.spec_text)
        if lines:
            self.story.append(_p("How quality is judged, as the specification states it:",
                                 "small"))
            self.story += [_p(f"•  {line}", "spec") for line in lines]
        else:
            self.story.append(self._note(
                "No inspection is stated. Agree how quality is judged (golden sample, "
                "third-party pre-shipment inspection, AQL level) before the order is confirmed: "
                "problems found only after arrival are hard to claim."))

    def attachments(self) -> None:
        self.section("Attachments")
        files = self.s.attachments
        if not files:
            self.story.append(_p("No design files or contract file are recorded for this "
                                 "order.", "body"))
            return
        self.story.append(self._pairs([(a.kind.capitalize(), a.name) for a in files]))
        self.story.append(_p("No contract file is recorded in TA Desktop yet: the files above "
                             "belong with the contract the supplier uploads.", "small"))

    def key_dates(self) -> None:
        self.section("Key Trade Assurance dates")
        rows = [[Paragraph("DATE", STYLES["head"]), Paragraph("WHAT", STYLES["head"]),
                 Paragraph("RULE", STYLES["head"])]]
        for item in self.s.deadlines:
            what = f"<b>{markup(item.label)}</b>"
            if item.note:
                what += f"<br/><font color='#5C6672' size='8'>{markup(item.note)}</font>"
            rows.append([_p(fmt.day(item.when) if item.when else "to follow", "cell"),
                         Paragraph(what, STYLES["cell"]), _p(item.rule, "cell")])
        table = Table(rows, colWidths=[28 * mm, self.width - 56 * mm, 28 * mm], repeatRows=1)
        table.setStyle(TableStyle([
            ("BACKGROUND", (0, 0), (-1, 0), BAND), ("VALIGN", (0, 0), (-1, -1), "TOP"),
            ("LINEBELOW", (0, 1), (-1, -1), 0.25, RULE),
            ("TOPPADDING", (0, 0), (-1, -1), 4), ("BOTTOMPADDING", (0, 0), (-1, -1), 5),
        ]))
        self.story.append(table)
        self.story.append(Spacer(1, 3))
        self.story.append(_p(f"Dates follow the rule profile “{self.s.profile.name}” "
                             f"({self.s.profile.date}).", "small"))

    def acceptance(self) -> None:
        block = [Paragraph("Acceptance", STYLES["h2"]),
                 _p("Both parties confirm that this summary matches the Trade Assurance order "
                    "contract, including the specification and inspection plan above.", "body"),
                 Spacer(1, 10)]
        half = (self.width - 12 * mm) / 2

        def party(title: str, name: str) -> list:
            cells = [_p(title.upper(), "label"), _p(name, "body"), Spacer(1, 6)]
            for field in ("Name", "Signature", "Date"):
                cells += [Spacer(1, 18), _Line(half - 4), _p(field, "small")]
            return cells

        buyer = self.s.buyer.name or "Buyer"
        table = Table([[party("For the buyer", buyer), "",
                        party("For the supplier", self.s.supplier.name)]],
                      colWidths=[half, 12 * mm, half])
        table.setStyle(TableStyle([("VALIGN", (0, 0), (-1, -1), "TOP"),
                                   ("LEFTPADDING", (0, 0), (-1, -1), 0)]))
        block.append(table)
        self.story.append(KeepTogether(block))


class _Line(Spacer):
    """A signature line."""

    def __init__(self, width: float):
        super().__init__(width, 2)

    def draw(self) -> None:
        self.canv.setStrokeColor(MUTED)
        self.canv.setLineWidth(0.6)
        self.canv.line(0, 0, self.width, 0)


# --- pages: header band, running header, footer with "page x of y" --------------------------

MARGIN = 18 * mm
BAND_HEIGHT = 34 * mm


def _draw_right(canv: canvas.Canvas, right: float, y: float, text: str, size: float) -> None:
    """``text`` ending at ``right``: Helvetica, with the fallback font for what it cannot show."""
    pieces = [(run, fonts.pdf_font() if wants else "Helvetica") for run, wants in fonts.runs(text)]
    x = right - sum(canv.stringWidth(run, font, size) for run, font in pieces)
    for run, font in pieces:
        canv.setFont(font, size)
        canv.drawString(x, y, run)
        x += canv.stringWidth(run, font, size)


class _Pages:
    def __init__(self, summary: ContractSummary):
        self.s = summary

    def first(self, canv: canvas.Canvas, doc) -> None:
        width, height = doc.pagesize
        order = self.s.order
        canv.saveState()
        canv.setFillColor(BAND)
        canv.rect(0, height - BAND_HEIGHT, width, BAND_HEIGHT, stroke=0, fill=1)
        canv.setFillColor(ACCENT)
        canv.rect(0, height - BAND_HEIGHT - 1.2 * mm, width, 1.2 * mm, stroke=0, fill=1)
        canv.setFillColor(colors.HexColor("#B9C6D8"))
        canv.setFont("Helvetica-Bold", 8)
        canv.drawString(MARGIN, height - 12 * mm, "CONTRACT SUMMARY  ·  TRADE ASSURANCE ORDER"
                        if order.online else "CONTRACT SUMMARY  ·  OFFLINE ORDER")
        canv.setFillColor(colors.white)
        canv.setFont("Helvetica-Bold", 22)
        canv.drawString(MARGIN, height - 23 * mm, order.order_number)
        canv.setFont("Helvetica", 9)
        canv.setFillColor(colors.HexColor("#DCE3EC"))
        canv.drawRightString(width - MARGIN, height - 12 * mm, f"Made {fmt.day(self.s.made_on)}")
        self._pill(canv, width - MARGIN, height - 24.5 * mm, order.status.label)
        canv.restoreState()
        self.footer(canv, doc)

    def _pill(self, canv: canvas.Canvas, right: float, y: float, text: str) -> None:
        canv.setFont("Helvetica-Bold", 8.5)
        w = canv.stringWidth(text, "Helvetica-Bold", 8.5) + 14
        canv.setFillColor(colors.white)
        canv.roundRect(right - w, y - 2.2 * mm, w, 7 * mm, 3.5 * mm, stroke=0, fill=1)
        canv.setFillColor(BAND)
        canv.drawCentredString(right - w / 2, y, text)

    def later(self, canv: canvas.Canvas, doc) -> None:
        width, height = doc.pagesize
        canv.saveState()
        canv.setFillColor(BAND)
        canv.setFont("Helvetica-Bold", 8.5)
        canv.drawString(MARGIN, height - 12 * mm,
                        f"Contract summary  ·  {self.s.order.order_number}")
        name = self.s.supplier.name
        canv.setFillColor(MUTED)
        _draw_right(canv, width - MARGIN, height - 12 * mm, name, 8.5)
        canv.setStrokeColor(RULE)
        canv.setLineWidth(0.6)
        canv.line(MARGIN, height - 14.5 * mm, width - MARGIN, height - 14.5 * mm)
        canv.restoreState()
        self.footer(canv, doc)

    def footer(self, canv: canvas.Canvas, doc) -> None:
        width, _ = doc.pagesize
        canv.saveState()
        canv.setStrokeColor(RULE)
        canv.setLineWidth(0.6)
        canv.line(MARGIN, 14 * mm, width - MARGIN, 14 * mm)
        canv.setFont("Helvetica", 7.5)
        canv.setFillColor(MUTED)
        canv.drawString(MARGIN, 9.5 * mm, f"{self.s.order.order_number}  ·  Made on "
                        f"{fmt.day(self.s.made_on)} with TA Desktop")
        canv.restoreState()


class _NumberedCanvas(canvas.Canvas):
    """Holds every page until the end so each footer can say "page x of y"."""

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self._pages: list[dict] = []

    def showPage(self) -> None:
        self._pages.append(dict(self.__dict__))
        self._startPage()

    def save(self) -> None:
        total = len(self._pages)
        for number, state in enumerate(self._pages, 1):
            self.__dict__.update(state)
            width = self._pagesize[0]
            self.setFont("Helvetica", 7.5)
            self.setFillColor(MUTED)
            self.drawRightString(width - MARGIN, 9.5 * mm, f"Page {number} of {total}")
            super().showPage()
        super().save()


def render_summary(summary: ContractSummary, paper: str = "a4") -> bytes:
    """The summary as PDF bytes on ``paper`` ("a4" or "letter")."""
    if paper.lower() not in PAPERS:
        raise ValidationError(f"Paper '{paper}' is not offered; choose a4 or letter.")
    pagesize = PAPERS[paper.lower()]
    buffer = io.BytesIO()
    order = summary.order
    doc = SimpleDocTemplate(
        buffer, pagesize=pagesize, leftMargin=MARGIN, rightMargin=MARGIN,
        topMargin=22 * mm, bottomMargin=20 * mm,
        title=f"Contract summary {order.order_number}", author=summary.buyer.name or "",
        subject=f"{order.order_number} with {summary.supplier.name}", creator="TA Desktop")
    # Flowables live inside the frame's own 6 pt padding on each side.
    story = _Builder(summary, doc.width - 12).build()
    # The first page's band is taller than the running header of later pages.
    story.insert(0, Spacer(1, BAND_HEIGHT - 22 * mm + 6 * mm))
    pages = _Pages(summary)
    doc.build(story, onFirstPage=pages.first, onLaterPages=pages.later,
              canvasmaker=_NumberedCanvas)
    return buffer.getvalue()


def write_summary(summary: ContractSummary, path: Path, paper: str = "a4") -> Path:
    """Render the summary and save it at ``path``, whole or not at all."""
    data = render_summary(summary, paper)
    with write_atomically(path) as out:
        out.write(data)
    return Path(path)
