"""Dispute evidence bundle: a folder ready to upload, plus a PDF index for the buyer's records.

Layout of the result (built in a hidden staging folder, renamed into place at the end, so a
cancelled build leaves nothing behind)::

    dispute-<order>/
        upload/              at most EV-COUNT files, each passing the validator:
            claim-summary.png    one page: order, supplier, claim, broken terms, evidence list
            ...                  the evidence, made uploadable (shrunk, converted, zipped)
        evidence-index.pdf   for the buyer: every original with caption, capture date, SHA-256
"""

from __future__ import annotations

import io
from collections.abc import Generator
from dataclasses import dataclass, replace
from datetime import date
from pathlib import Path
from xml.sax.saxutils import escape

from ta_desktop.core.domain.evidence import (
    BundleCase,
    Progress,
    SetCheck,
    megabytes,
    safe_name,
    unique_name,
)
from ta_desktop.core.domain.rules import RuleProfile
from ta_desktop.core.services import formatting as fmt
from ta_desktop.core.services.evidence.check import (
    FileFacts,
    ImageRefused,
    check_set,
    file_facts,
    open_image,
)
from ta_desktop.core.services.evidence.fit import FitOptions, FitResult, fit_evidence, plan_fit
from ta_desktop.core.services.fonts import MixedFont, pdf_markup, wrap
from ta_desktop.core.storage.files import (
    check_output_folder,
    move_into_place,
    staging_folder,
    write_atomically,
)

SUMMARY_NAME = "claim-summary.png"
INDEX_NAME = "evidence-index.pdf"
UPLOAD_FOLDER = "upload"
# A4 at 150 dpi: sharp enough to read on screen and in print, small as a PNG.
_PAGE = (1240, 1754)
_MARGIN = 90


@dataclass
class BundleResult:
    folder: Path
    upload_dir: Path
    summary: Path
    index_pdf: Path
    fit: FitResult
    check: SetCheck

    @property
    def ok(self) -> bool:
        return self.fit.ok and self.check.ok


def build_bundle(
    case: BundleCase, out_dir: Path, profile: RuleProfile, options: FitOptions | None = None,
    today: date | None = None,
) -> Generator[Progress, None, BundleResult]:
    """Build the bundle under ``out_dir``; yields progress, returns the result.

    Stop iterating (``close()``) to cancel: nothing is left behind.
    """
    today = today or date.today()
    out_dir = check_output_folder(out_dir)
    out_dir.mkdir(exist_ok=True)
    # One place of the submission is kept for the claim summary.
    options = replace(options or FitOptions(), max_files=profile.evidence_max_files - 1)
    with staging_folder(out_dir, "bundle") as staging:
        upload = staging / UPLOAD_FOLDER
        facts = []
        for number, item in enumerate(case.files, start=1):
            yield Progress(number, len(case.files), f"Reading {item.label}")
            facts.append(file_facts(item.path, profile))
        plan = plan_fit([(f.path, f.label) for f in case.files], profile, options)
        fit = None
        job = fit_evidence(plan, upload)
        while fit is None:
            try:
                step = next(job)
            except StopIteration as stop:
                fit = stop.value
            else:
                yield Progress(step.done, step.total, step.message)
        yield Progress(0, 2, "Drawing the claim summary")
        with write_atomically(upload / SUMMARY_NAME) as out:
            out.write(render_summary(case, fit, today))
        yield Progress(1, 2, "Writing the evidence index")
        with write_atomically(staging / INDEX_NAME) as out:
            out.write(render_index(case, facts, fit, profile, today))
        final = out_dir / unique_name(safe_name(f"dispute {case.order_number}"),
                                      {p.name for p in out_dir.iterdir()})
        move_into_place(staging, final)
    yield Progress(2, 2, "Done")
    moved = final / UPLOAD_FOLDER
    fit = _moved_fit(fit, upload, moved)
    check = check_set(sorted(moved.iterdir()), profile)
    return BundleResult(final, moved, moved / SUMMARY_NAME, final / INDEX_NAME, fit, check)


def _moved_fit(fit: FitResult, old: Path, new: Path) -> FitResult:
    for made in fit.produced:
        made.path = new / made.path.relative_to(old)
    fit.out_dir = new
    return fit


# --- The one-page claim summary (PNG: an accepted evidence type) -----------------------------


def _evidence_lines(case: BundleCase, fit: FitResult) -> list[str]:
    """One line per uploaded file, and per file inside each zip, with the buyer's caption."""
    captions = {item.path: item.caption for item in case.files}
    lines = []
    for made in fit.produced:
        named = [f"{entry}: {captions[source]}" if captions.get(source) else entry
                 for source, entry in zip(made.sources, made.entries, strict=True)]
        if made.action == "zip":
            lines.append(f"{made.path.name}, a zip of {len(named)} file(s):")
            lines += [f"    {line}" for line in named]
        else:
            lines += named
    return lines


def render_summary(case: BundleCase, fit: FitResult, today: date) -> bytes:
    """The claim on one A4 page as a PNG, for the dispute team."""
    from PIL import Image, ImageDraw  # Pillow loads with the feature, not at start-up

    page = Image.new("RGB", _PAGE, "white")
    draw = ImageDraw.Draw(page)
    # Pillow's Latin font, with the shipped font for Chinese (never a system font).
    fonts = {size: MixedFont(size) for size in (46, 30, 25, 20)}
    width = _PAGE[0] - 2 * _MARGIN
    y = _MARGIN

    def text(line: str, size: int = 25, colour: str = "#222222", gap: int = 8) -> None:
        nonlocal y
        font = fonts[size]
        for part in wrap(line, font, width) or [""]:
            if y > _PAGE[1] - _MARGIN - size:
                return
            font.draw(draw, (_MARGIN, y), part, colour)
            y += int(size * 1.25)
        y += gap

    def heading(title: str) -> None:
        nonlocal y
        y += 14
        text(title, 30, "#0b3d91", 4)
        draw.line((_MARGIN, y, _PAGE[0] - _MARGIN, y), fill="#0b3d91", width=2)
        y += 12

    text("Trade Assurance dispute: claim summary", 46, "#0b3d91", 6)
    text(f"Order {case.order_number}" + (f" placed {fmt.long_day(case.order_date)}"
                                          if case.order_date else ""), 30, "#222222", 0)
    heading("Parties")
    supplier = case.supplier_name + (f" ({case.supplier_country})" if case.supplier_country else "")
    text(f"Supplier: {supplier}", gap=0)
    if case.buyer_name:
        text(f"Buyer: {case.buyer_name}", gap=0)
    if case.order_total:
        text(f"Order total: {case.order_total}", gap=0)
    if case.products:
        text("Products: " + "; ".join(case.products), gap=0)
    heading(f"Claim: {case.claim_type}")
    if case.amount_claimed:
        text(f"Amount claimed: {case.amount_claimed}")
    text(case.claim_text)
    if case.broken_terms:
        heading("Contract terms not met")
        for term in case.broken_terms:
            text(f"-  {term}", gap=2)
    heading("Evidence in this submission")
    for line in _evidence_lines(case, fit):
        text(line, 20, gap=2)
    y = max(y, _PAGE[1] - _MARGIN - 30)
    text(f"Prepared {fmt.long_day(today)}. Each file's SHA-256 is kept in the buyer's evidence "
         "index.", 20, "#666666")
    buffer = io.BytesIO()
    page.save(buffer, "PNG", optimize=True)
    return buffer.getvalue()


# --- The buyer's index (PDF) -----------------------------------------------------------------


def render_index(
    case: BundleCase, facts: list[FileFacts], fit: FitResult, profile: RuleProfile, today: date
) -> bytes:
    from reportlab.lib import colors
    from reportlab.lib.pagesizes import A4
    from reportlab.lib.styles import getSampleStyleSheet
    from reportlab.lib.units import mm
    from reportlab.platypus import Image as PdfImage
    from reportlab.platypus import Paragraph, SimpleDocTemplate, Spacer, Table, TableStyle

    styles = getSampleStyleSheet()
    body, small = styles["BodyText"], styles["BodyText"].clone("small", fontSize=7, leading=9)

    def para(value: str, style=body) -> Paragraph:
        return Paragraph("<br/>".join(pdf_markup(part) for part in value.split("\n")), style)

    uploaded_in = {
        source: made.path.name if made.action != "zip" else f"{made.path.name} / {entry}"
        for made in fit.produced
        for source, entry in zip(made.sources, made.entries, strict=True)
    }
    unfit = {u.path: u.reason for u in fit.unfit}
    story = [
        Paragraph(f"Evidence index: order {escape(case.order_number)}", styles["Title"]),
        para(f"Supplier: {case.supplier_name}"
             + (f" ({case.supplier_country})" if case.supplier_country else "")),
        para(f"Claim: {case.claim_type}" + (f", {case.amount_claimed}" if case.amount_claimed
                                             else "")),
        para(case.claim_text),
    ]
    if case.order_date or case.order_total:
        story.append(para(" ".join(filter(None, [
            f"Ordered {fmt.long_day(case.order_date)}." if case.order_date else "",
            f"Total {case.order_total}." if case.order_total else ""]))))
    if case.broken_terms:
        story.append(Paragraph("Contract terms not met", styles["Heading2"]))
        story += [para(f"\u2022 {term}") for term in case.broken_terms]
    story.append(Paragraph("Files", styles["Heading2"]))
    rows = [[para(h, small) for h in ("", "File and caption", "Taken", "Size", "SHA-256",
                                      "Uploaded as")]]
    for item, fact in zip(case.files, facts, strict=True):
        where = uploaded_in.get(item.path) or f"not uploaded: {unfit.get(item.path, '')}"
        rows.append([
            _thumbnail(item.path, profile, PdfImage, 18 * mm),
            para(f"{item.label}\n{item.caption}".strip(), small),
            para(fmt.moment(fact.captured_at) if fact.captured_at else "not recorded",
                 small),
            para(megabytes(fact.size), small),
            para(" ".join(fact.sha256[i:i + 16] for i in range(0, 64, 16)), small),
            para(where, small),
        ])
    table = Table(rows, colWidths=[20 * mm, 52 * mm, 22 * mm, 16 * mm, 42 * mm, 28 * mm],
                  repeatRows=1)
    table.setStyle(TableStyle([
        ("GRID", (0, 0), (-1, -1), 0.25, colors.grey),
        ("BACKGROUND", (0, 0), (-1, 0), colors.HexColor("#e8eef8")),
        ("VALIGN", (0, 0), (-1, -1), "TOP"),
    ]))
    story += [table, Spacer(1, 6 * mm), para(
        f"Made {fmt.long_day(today)} by TA Desktop. The upload folder holds "
        f"{len(fit.produced) + 1} file(s), the claim summary included, within the platform's "
        f"limit of "
        f"{profile.evidence_max_files} files of {megabytes(profile.evidence_max_bytes)}.", small)]
    buffer = io.BytesIO()
    SimpleDocTemplate(buffer, pagesize=A4, title=f"Evidence index {case.order_number}",
                      leftMargin=12 * mm, rightMargin=12 * mm).build(story)
    return buffer.getvalue()


def _thumbnail(path: Path, profile: RuleProfile, pdf_image, size: float):
    try:
        with open_image(path, profile) as image:
            image.draft("RGB", (256, 256))
            image.thumbnail((256, 256))
            buffer = io.BytesIO()
            image.convert("RGB").save(buffer, "JPEG", quality=80)
            ratio = image.height / image.width
    except (ImageRefused, OSError, ValueError):
        return ""
    buffer.seek(0)
    return pdf_image(buffer, width=size, height=size * ratio)
