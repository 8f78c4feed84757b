"""The specification text editor: wavy underlines from the per-line linter, and a tooltip that
explains the underline under the mouse. Qt counts UTF-16 code units where Python counts code
points; the helpers here convert where a line holds a character outside the BMP."""

from __future__ import annotations

from PySide6.QtCore import QEvent
from PySide6.QtGui import QColor, QSyntaxHighlighter, QTextCharFormat, QTextCursor, QTextDocument
from PySide6.QtWidgets import QPlainTextEdit, QToolTip, QWidget

from ta_desktop.core.domain.speclint import Finding, LineLint, Severity, lint_line
from ta_desktop.ui.specs.spec_findings_model import SEVERITY_COLOURS, finding_tooltip


def utf16_offsets(text: str) -> list[int] | None:
    """Qt counts UTF-16 code units, Python counts code points; they differ only after a
    character outside the BMP. None when they agree (the common case)."""
    if text.isascii() or max(text) <= "\uffff":
        return None
    offsets, position = [], 0
    for char in text:
        offsets.append(position)
        position += 2 if char > "\uffff" else 1
    offsets.append(position)
    return offsets


def to_qt(offsets: list[int] | None, index: int) -> int:
    return index if offsets is None else offsets[index]


def from_qt(offsets: list[int] | None, position: int) -> int:
    if offsets is None:
        return position
    return next((i for i, o in enumerate(offsets) if o >= position), len(offsets) - 1)


# A longer block is not linted on the GUI thread: its underlines come from the background lint.
LONG_BLOCK_CHARS = 5_000
_NOT_YET = LineLint(())


def _visible(findings: tuple[Finding, ...], waived: frozenset[str]) -> list[Finding]:
    return [f for f in findings if f.waived_by is None or f.waived_by not in waived]


class SpecHighlighter(QSyntaxHighlighter):
    """Wavy underlines under each finding of a block, coloured by severity."""

    def __init__(self, document: QTextDocument):
        super().__init__(document)
        self.waived: frozenset[str] = frozenset()  # document-wide facts from the last full lint
        self.long_lines: dict[str, LineLint] = {}  # long blocks, linted off the GUI thread
        self.formats = {}
        for severity, colour in SEVERITY_COLOURS.items():
            fmt = QTextCharFormat()
            fmt.setUnderlineStyle(QTextCharFormat.UnderlineStyle.WaveUnderline)
            fmt.setUnderlineColor(colour)
            if severity is not Severity.INFO:  # a faint tint makes the words findable at a glance
                tint = QColor(colour)
                tint.setAlpha(38)
                fmt.setBackground(tint)
            self.formats[severity] = fmt

    def set_waived(self, waived: frozenset[str]) -> None:
        if waived != self.waived:
            self.waived = waived
            self.rehighlight()

    def set_long_lines(self, long_lines: dict[str, LineLint]) -> None:
        """Findings of the long blocks, from a background lint: underline them now."""
        self.long_lines = long_lines
        block = self.document().firstBlock()
        while block.isValid():
            if block.length() > LONG_BLOCK_CHARS:
                self.rehighlightBlock(block)
            block = block.next()

    def line_lint(self, text: str) -> LineLint:
        """A block's findings: linted here if short, else from the last background lint."""
        if len(text) <= LONG_BLOCK_CHARS:
            return lint_line(text)
        return self.long_lines.get(text, _NOT_YET)

    def highlightBlock(self, text: str) -> None:
        findings = _visible(self.line_lint(text).findings, self.waived)
        if not findings:
            return
        offsets = utf16_offsets(text)
        for finding in findings:
            start = to_qt(offsets, finding.start)
            self.setFormat(start, to_qt(offsets, finding.end) - start,
                           self.formats[finding.severity])


class SpecTextEdit(QPlainTextEdit):
    """A plain-text editor that explains an underline when the mouse rests on it."""

    def __init__(self, parent: QWidget | None = None):
        super().__init__(parent)
        self.waived: frozenset[str] = frozenset()
        self.highlighter: SpecHighlighter | None = None

    def finding_at(self, cursor: QTextCursor) -> Finding | None:
        text = cursor.block().text()
        index = from_qt(utf16_offsets(text), cursor.positionInBlock())
        result = self.highlighter.line_lint(text) if self.highlighter else lint_line(text)
        for finding in _visible(result.findings, self.waived):
            if finding.start <= index < finding.end:
                return finding
        return None

    def viewportEvent(self, event: QEvent) -> bool:
        if event.type() == QEvent.Type.ToolTip:
            finding = self.finding_at(self.cursorForPosition(event.pos()))
            if finding is None:
                QToolTip.hideText()
            else:
                QToolTip.showText(event.globalPos(), finding_tooltip(finding), self)
            return True
        return super().viewportEvent(event)


