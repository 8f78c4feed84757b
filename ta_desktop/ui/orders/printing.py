"""Printing a PDF the core made, so paper and "Save as PDF" show the same document.

PySide6-Essentials has no QtPdf, and redrawing the summary with QPainter would be a second layout
to keep in step. So the PDF bytes are rasterised page by page with pdfium (pypdfium2, a wheel
with its own binary on every platform) at the printer's resolution and drawn onto the printer.
"""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtCore import QLocale, QRectF
from PySide6.QtGui import QImage, QPageLayout, QPageSize, QPainter
from PySide6.QtPrintSupport import QPrinter

POINTS_PER_INCH = 72
MAX_PRINT_DPI = 300  # enough for 7 pt text; keeps a 12-page job's images in memory small


def default_paper() -> str:
    """Letter where the locale measures in US units, A4 everywhere else."""
    us = QLocale().measurementSystem() == QLocale.MeasurementSystem.ImperialUSSystem
    return "letter" if us else "a4"


def paper_of(printer: QPrinter) -> str:
    size = printer.pageLayout().pageSize().id()
    return "letter" if size == QPageSize.PageSizeId.Letter else "a4"


def page_size_for(paper: str) -> QPageSize:
    return QPageSize(QPageSize.PageSizeId.Letter if paper == "letter" else QPageSize.PageSizeId.A4)


def pdf_page_images(data: bytes, dpi: float) -> list[QImage]:
    """Each page of the PDF ``data`` as an image at ``dpi``."""
    import pypdfium2 as pdfium  # loaded for the first print, not at start-up

    document = pdfium.PdfDocument(data)
    try:
        images = []
        for page in document:
            bitmap = page.render(scale=dpi / POINTS_PER_INCH)  # 3 bytes a pixel, BGR order
            image = QImage(bitmap.buffer, bitmap.width, bitmap.height, bitmap.stride,
                           QImage.Format.Format_BGR888)
            images.append(image.copy())  # own the pixels: pdfium frees its buffer
            bitmap.close()
            page.close()
        return images
    finally:
        document.close()


def print_pdf(printer: QPrinter, render: Callable[[str], bytes]) -> int:
    """Print the PDF that ``render(paper)`` makes for the printer's paper; returns the pages.

    The PDF carries its own margins, so the printer paints the full page.
    """
    printer.setFullPage(True)
    printer.setPageOrientation(QPageLayout.Orientation.Portrait)
    data = render(paper_of(printer))
    dpi = min(printer.resolution(), MAX_PRINT_DPI)
    images = pdf_page_images(data, dpi)
    painter = QPainter()
    if not painter.begin(printer):
        return 0
    try:
        target = QRectF(printer.paperRect(QPrinter.Unit.DevicePixel))
        target.moveTo(0, 0)
        painter.setRenderHint(QPainter.RenderHint.SmoothPixmapTransform)
        for number, image in enumerate(images):
            if number:
                printer.newPage()
            painter.drawImage(target, image)
    finally:
        painter.end()
    return len(images)
