"""The specification editor: live underlines for vague requirements, the findings beside the
text, structured fields that write clauses, templates, an AQL plan inserter and the score.

Thin over ``core.domain.speclint``: the highlighter lints one text block at a time with the
memoised ``lint_line`` (so a keystroke re-lints only its own line), and a debounce timer runs the
whole-document ``lint`` shortly after typing stops to refresh the list, the score and the missing
sections. Nothing here blocks typing: a text longer than ``OFF_THREAD_CHARS`` is linted on the
task runner's worker thread (a stale result is dropped), and a line longer than
``LONG_BLOCK_CHARS`` (a pasted 50 KB line) is underlined from that background lint, never linted
on the GUI thread.
"""

from __future__ import annotations

from datetime import date

from PySide6.QtCore import (
    QModelIndex,
    QRectF,
    QSize,
    Qt,
    QTimer,
    Signal,
)
from PySide6.QtGui import (
    QColor,
    QFont,
    QPainter,
    QPen,
    QTextCursor,
)
from PySide6.QtWidgets import (
    QAbstractItemView,
    QComboBox,
    QFrame,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QPlainTextEdit,
    QPushButton,
    QSplitter,
    QTableView,
    QTabWidget,
    QVBoxLayout,
    QWidget,
)

from ta_desktop.core.domain.spec_templates import templates
from ta_desktop.core.domain.speclint import (
    Finding,
    LintReport,
    Severity,
    apply_fix,
    lint,
    lint_line,
)
from ta_desktop.core.domain.speclint.clauses import KINDS, clause_value, set_clause
from ta_desktop.ui.specs.inspection_plan import InspectionPlanPanel
from ta_desktop.ui.specs.spec_findings_model import SpecFindingsModel, finding_tooltip
from ta_desktop.ui.specs.spec_sections import SpecSectionsPanel
from ta_desktop.ui.specs.spec_text_edit import (
    LONG_BLOCK_CHARS,
    SpecHighlighter,
    SpecTextEdit,
    to_qt,
    utf16_offsets,
)
from ta_desktop.ui.tasks import TaskRunner
from ta_desktop.ui.theme import DANGER, SUCCESS, WARNING

LINT_DELAY_MS = 300  # the full lint runs this long after typing stops
OFF_THREAD_CHARS = 20_000  # a longer text is linted off the GUI thread


def lint_in_background(text: str, provided: frozenset[str]) -> tuple[LintReport, dict]:
    """The report, and the findings of each line too long to lint on the GUI thread (already in
    ``lint_line``'s cache after the lint)."""
    report = lint(text, provided)
    long_lines = {line: lint_line(line) for line in text.split("\n")
                  if len(line) > LONG_BLOCK_CHARS}
    return report, long_lines


class ScoreBadgeWidget(QWidget):
    """The dispute-readiness score as a ring: green from 80, amber from 50, red below."""

    def __init__(self, parent: QWidget | None = None):
        super().__init__(parent)
        self.score = 0
        self.setFixedSize(58, 58)

    def set_score(self, score: int) -> None:
        self.score = score
        self.setToolTip(self.tr("Dispute readiness: %1 of 100").replace("%1", str(score)))
        self.update()

    def colour(self) -> QColor:
        return SUCCESS if self.score >= 80 else WARNING if self.score >= 50 else DANGER

    def paintEvent(self, _event) -> None:
        painter = QPainter(self)
        painter.setRenderHint(QPainter.RenderHint.Antialiasing)
        rect = QRectF(self.rect()).adjusted(4, 4, -4, -4)
        track = QPen(self.palette().mid().color(), 5)
        painter.setPen(track)
        painter.drawEllipse(rect)
        painter.setPen(QPen(self.colour(), 5, Qt.PenStyle.SolidLine, Qt.PenCapStyle.RoundCap))
        painter.drawArc(rect, 90 * 16, -int(360 * 16 * self.score / 100))
        font = QFont(self.font())
        font.setPointSizeF(font.pointSizeF() * 1.25)
        font.setBold(True)
        painter.setFont(font)
        painter.setPen(self.palette().text().color())
        painter.drawText(rect, Qt.AlignmentFlag.AlignCenter, str(self.score))


class SpecEditorWidget(QWidget):
    """Edit a specification; knows nothing about orders. ``set_text``/``text`` in and out.

    ``spec_changed`` is emitted on every user edit; ``report_changed(LintReport)`` after each
    full lint (shortly after typing stops).
    """

    spec_changed = Signal()
    report_changed = Signal(object)
    SECTIONS_TAB = 1

    def __init__(self, parent: QWidget | None = None, tasks: TaskRunner | None = None):
        super().__init__(parent)
        self._tasks = tasks if tasks is not None else TaskRunner()
        self._generation = 0  # which lint's result is still wanted
        self._report = lint("")
        self._loading = False
        self._provided: dict[str, str] = {}  # sections the contract states elsewhere -> where
        self._timer = QTimer(self)
        self._timer.setSingleShot(True)
        self._timer.setInterval(LINT_DELAY_MS)
        self._timer.timeout.connect(self._on_timer_timeout)

        self.editor = SpecTextEdit(self)
        self.editor.setPlaceholderText(self.tr(
            "Write the specification here, or start from a template: one requirement per line, "
            "each measurable (codes, units, tolerances, exact dates)."))
        self.editor.setLineWrapMode(QPlainTextEdit.LineWrapMode.WidgetWidth)
        self.editor.setTabChangesFocus(True)
        self.editor.document().setDocumentMargin(8)
        self.highlighter = SpecHighlighter(self.editor.document())
        self.editor.highlighter = self.highlighter
        self.editor.textChanged.connect(self._on_editor_text_changed)

        self.findings_model = SpecFindingsModel(self)
        self.findings_view = QTableView(self)
        self.findings_view.setModel(self.findings_model)
        self.findings_view.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.findings_view.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.findings_view.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.findings_view.setShowGrid(False)
        self.findings_view.setWordWrap(False)
        self.findings_view.verticalHeader().hide()
        self.findings_view.setAlternatingRowColors(True)
        header = self.findings_view.horizontalHeader()
        # A fixed width from the longest label: ResizeToContents would ask every row for its
        # size after each lint (thousands of findings on a long spec).
        header.setSectionResizeMode(0, QHeaderView.ResizeMode.Interactive)
        header.resizeSection(0, 28 + max(
            self.findings_view.fontMetrics().horizontalAdvance(label)
            for label in self.findings_model.labels.values()))
        header.setSectionResizeMode(1, QHeaderView.ResizeMode.Stretch)
        self.findings_view.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        self.findings_view.setTextElideMode(Qt.TextElideMode.ElideRight)
        self.findings_view.clicked.connect(self._on_findings_clicked)
        self.findings_view.selectionModel().currentRowChanged.connect(
            self._on_findings_current_changed)

        self.detail = QLabel(self)
        self.detail.setWordWrap(True)
        self.detail.setTextFormat(Qt.TextFormat.RichText)
        self.detail.setObjectName("hint")
        self.detail.setText(self.tr("Select a finding to see what to write instead."))
        self.apply_button = QPushButton(self.tr("Apply suggestion"), self)
        self.apply_button.setEnabled(False)
        self.apply_button.clicked.connect(self._on_apply_clicked)

        self.score_badge = ScoreBadgeWidget(self)
        self.score_label = QLabel(self)
        self.score_label.setObjectName("sectionTitle")
        self.score_label.setWordWrap(True)
        self.score_label.setMinimumWidth(240)
        self.missing_label = QLabel(self)
        self.missing_label.setWordWrap(True)
        self.missing_label.setTextFormat(Qt.TextFormat.RichText)
        self.missing_label.linkActivated.connect(self._on_missing_link_activated)

        self.template_combo = QComboBox(self)
        for item in templates():
            self.template_combo.addItem(self.tr(item.name), item.kind)
        self.template_button = QPushButton(self.tr("Add template"), self)
        self.template_button.setToolTip(self.tr(
            "Adds the sections of this product kind that the specification does not have yet."))
        self.template_button.clicked.connect(self._on_template_clicked)

        self.tabs = QTabWidget(self)
        self.tabs.setDocumentMode(True)
        self.tabs.addTab(self._build_findings_tab(), self.tr("Findings"))
        self.sections = SpecSectionsPanel(self)
        self.sections.section_set.connect(self.set_section)
        self.tabs.addTab(self.sections, self.tr("Sections"))
        self.inspection = InspectionPlanPanel(self)
        self.inspection.clause_ready.connect(self._on_inspection_clause_ready)
        self.tabs.addTab(self.inspection, self.tr("Inspection plan"))
        self.tabs.currentChanged.connect(self._on_tabs_current_changed)

        splitter = QSplitter(Qt.Orientation.Horizontal, self)
        splitter.addWidget(self._build_text_column())
        splitter.addWidget(self.tabs)
        splitter.setStretchFactor(0, 3)
        splitter.setStretchFactor(1, 2)
        splitter.setChildrenCollapsible(False)

        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self._build_header())
        layout.addWidget(splitter, 1)
        self._show_report(self._report)

    # ---- building -------------------------------------------------------------------------

    def _build_header(self) -> QWidget:
        header = QFrame(self)
        header.setObjectName("specHeader")
        row = QHBoxLayout(header)
        row.setContentsMargins(0, 0, 0, 6)
        row.addWidget(self.score_badge)
        texts = QVBoxLayout()
        texts.setSpacing(2)
        texts.addWidget(self.score_label)
        texts.addWidget(self.missing_label)
        row.addLayout(texts, 1)
        return header

    def _build_text_column(self) -> QWidget:
        column = QWidget(self)
        box = QVBoxLayout(column)
        box.setContentsMargins(0, 0, 0, 0)
        templates_row = QHBoxLayout()
        templates_row.addWidget(QLabel(self.tr("Template:"), column))
        templates_row.addWidget(self.template_combo, 1)
        templates_row.addWidget(self.template_button)
        box.addLayout(templates_row)
        box.addWidget(self.editor, 1)
        return column

    def _build_findings_tab(self) -> QWidget:
        page = QWidget(self)
        box = QVBoxLayout(page)
        box.setContentsMargins(6, 6, 6, 6)
        box.addWidget(self.findings_view, 1)
        card = QFrame(page)
        card.setFrameShape(QFrame.Shape.StyledPanel)
        card_box = QVBoxLayout(card)
        card_box.addWidget(self.detail)
        buttons = QHBoxLayout()
        buttons.addStretch(1)
        buttons.addWidget(self.apply_button)
        card_box.addLayout(buttons)
        box.addWidget(card)
        return page

    # ---- public API -----------------------------------------------------------------------

    def set_text(self, text: str) -> None:
        """Show ``text`` (not an edit: ``spec_changed`` is not emitted)."""
        self._loading = True
        try:
            self.editor.setPlainText(text)
        finally:
            self._loading = False
        self.relint()

    def text(self) -> str:
        return self.editor.toPlainText()

    def report(self) -> LintReport:
        return self._report

    def score(self) -> int:
        return self._report.score

    def set_read_only(self, read_only: bool) -> None:
        self.editor.setReadOnly(read_only)
        self.template_button.setEnabled(not read_only)
        self.sections.set_read_only(read_only)
        self.inspection.set_read_only(read_only)
        self._on_findings_current_changed(self.findings_view.currentIndex())

    def relint(self) -> None:
        """Run the full lint now (the debounce timer calls this after typing stops)."""
        self._timer.stop()
        self._generation += 1
        text, provided = self.text(), frozenset(self._provided)
        if len(text) <= OFF_THREAD_CHARS:
            self._show_report(lint(text, provided))
            return
        generation = self._generation
        self._tasks.run(lambda: lint_in_background(text, provided),
                        lambda result: self._on_background_lint_done(generation, result))

    def set_provided(self, provided: dict[str, str]) -> None:
        """Sections the contract states outside this text (e.g. the order's shipment date), each
        with where it is stated; they do not count as missing."""
        self._provided = dict(provided)
        self.relint()

    def set_contract_facts(self, shipment_date: date | None, quantity: int | None) -> None:
        """What the contract states outside this text, proposed by the panels: the shipment
        date field takes the contract's date, the inspection plan's lot its quantity."""
        if shipment_date is not None:
            self.sections.set_shipment_date(shipment_date)
        if quantity:
            self.inspection.set_lot_size(quantity)

    def sizeHint(self) -> QSize:
        return QSize(1040, 640)

    # ---- showing --------------------------------------------------------------------------

    def _show_report(self, report: LintReport) -> None:
        self._report = report
        self.editor.waived = report.facts
        self.highlighter.set_waived(report.facts)
        self.findings_model.set_findings(list(report.findings))
        if report.findings:
            self.findings_view.selectRow(0)
        self.tabs.setTabText(0, self.tr("Findings (%1)").replace("%1", str(len(report.findings))))
        self.score_badge.set_score(report.score)
        self.score_label.setText(self._score_text(report))
        self.missing_label.setText(self._missing_text(report))
        if self.tabs.currentIndex() == self.SECTIONS_TAB:
            self.sections.fill_from(self.text())  # else when shown: a long text costs a search each
        self._on_findings_current_changed(self.findings_view.currentIndex())
        self.report_changed.emit(report)

    def _score_text(self, report: LintReport) -> str:
        errors = report.count(Severity.ERROR)
        warnings = report.count(Severity.WARNING)
        if not self.text().strip():
            return self.tr("Dispute readiness: no specification yet")
        if not report.findings and not report.missing:
            return self.tr("Dispute readiness %1 · clear and complete").replace(
                "%1", str(report.score))
        return (self.tr("Dispute readiness %1 · %2 errors · %3 warnings")
                .replace("%1", str(report.score)).replace("%2", str(errors))
                .replace("%3", str(warnings)))

    def _missing_text(self, report: LintReport) -> str:
        elsewhere = "; ".join(
            f"{self._section_label(name)}: {where}" for name, where in self._provided.items())
        elsewhere = (" " + self.tr("On the order: %1.").replace("%1", elsewhere)
                     if elsewhere else "")
        if not report.missing:
            return self.tr("Every section is stated.") + elsewhere
        links = ", ".join(
            f"<a href='{name}'>{self._section_label(name)}</a>" for name in report.missing)
        return self.tr("Missing: %1.").replace("%1", links) + elsewhere

    def _section_label(self, name: str) -> str:
        return {
            "quantity": self.tr("quantity"), "packaging": self.tr("packaging"),
            "labelling": self.tr("labelling"), "standards": self.tr("standards"),
            "inspection": self.tr("inspection"), "shipment_date": self.tr("shipment date"),
            "design_files": self.tr("design files"),
        }[name]

    # ---- editing --------------------------------------------------------------------------

    def _replace_text(self, new_text: str) -> None:
        """Turn the document into ``new_text`` with one undoable edit of the changed range."""
        old = self.text()
        if new_text == old:
            return
        prefix = 0
        limit = min(len(old), len(new_text))
        while prefix < limit and old[prefix] == new_text[prefix]:
            prefix += 1
        suffix = 0
        while (suffix < limit - prefix
               and old[len(old) - 1 - suffix] == new_text[len(new_text) - 1 - suffix]):
            suffix += 1
        offsets = utf16_offsets(old)
        cursor = QTextCursor(self.editor.document())
        cursor.setPosition(to_qt(offsets, prefix))
        cursor.setPosition(to_qt(offsets, len(old) - suffix), QTextCursor.MoveMode.KeepAnchor)
        cursor.insertText(new_text[prefix:len(new_text) - suffix])
        self.relint()

    def select_finding(self, finding: Finding) -> None:
        offsets = utf16_offsets(self.text())
        cursor = self.editor.textCursor()
        cursor.setPosition(to_qt(offsets, finding.start))
        cursor.setPosition(to_qt(offsets, finding.end), QTextCursor.MoveMode.KeepAnchor)
        self.editor.setTextCursor(cursor)
        self.editor.ensureCursorVisible()
        self.editor.setFocus(Qt.FocusReason.OtherFocusReason)

    def apply_suggestion(self, finding: Finding) -> None:
        self._replace_text(apply_fix(self.text(), finding))

    def set_section(self, key: str, value: str) -> None:
        self._replace_text(set_clause(self.text(), key, value))

    # ---- slots ----------------------------------------------------------------------------

    def _on_editor_text_changed(self) -> None:
        if self._loading:
            return
        self._timer.start()
        self.spec_changed.emit()

    def _on_timer_timeout(self) -> None:
        self.relint()

    def _on_background_lint_done(self, generation: int,
                                 result: tuple[LintReport, dict]) -> None:
        if generation != self._generation:
            return  # the text changed since: a newer lint is on its way
        report, long_lines = result
        self.highlighter.set_long_lines(long_lines)
        self._show_report(report)

    def _on_findings_clicked(self, index: QModelIndex) -> None:
        finding = index.data(Qt.ItemDataRole.UserRole)
        if finding is not None:
            self.select_finding(finding)

    def _on_findings_current_changed(self, index: QModelIndex, _previous=None) -> None:
        finding = index.data(Qt.ItemDataRole.UserRole) if index.isValid() else None
        if finding is None:
            self.detail.setText(self.tr("Select a finding to see what to write instead."))
            self.apply_button.setEnabled(False)
            return
        self.detail.setText(finding_tooltip(finding))
        self.apply_button.setEnabled(
            finding.replacement is not None and not self.editor.isReadOnly())
        self.apply_button.setText(
            self.tr("Delete “%1”").replace("%1", finding.text) if finding.replacement == ""
            else self.tr("Replace with “%1”").replace("%1", finding.replacement or "")
            if finding.replacement else self.tr("Apply suggestion"))

    def _on_apply_clicked(self) -> None:
        index = self.findings_view.currentIndex()
        finding = index.data(Qt.ItemDataRole.UserRole) if index.isValid() else None
        if finding is not None and finding.replacement is not None:
            self.apply_suggestion(finding)

    def _on_template_clicked(self) -> None:
        kind = self.template_combo.currentData()
        chosen = next(t for t in templates() if t.kind == kind)
        text = self.text()
        for section in chosen.sections:
            known = section.key in KINDS
            if known and clause_value(text, section.key) is not None:
                continue
            if not known and section.heading.lower() + ":" in text.lower():
                continue
            text = text + ("" if not text or text.endswith("\n") else "\n")
            text += f"{section.heading}: {section.text}\n"
        self._replace_text(text)

    def _on_inspection_clause_ready(self, value: str) -> None:
        self.set_section("inspection", value)

    def _on_tabs_current_changed(self, index: int) -> None:
        if index == self.SECTIONS_TAB:
            self.sections.fill_from(self.text())

    def _on_missing_link_activated(self, name: str) -> None:
        if name in self.sections.fields:
            self.tabs.setCurrentIndex(self.SECTIONS_TAB)
            self.sections.focus_field(name)
