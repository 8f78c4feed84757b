"""The spec editor as a user meets it: type, see findings and the score, fix, insert clauses."""

from datetime import date

import pytest
from PySide6.QtCore import QDate, QEvent, QPoint, Qt
from PySide6.QtGui import QHelpEvent
from PySide6.QtWidgets import QToolTip

from ta_desktop.core.domain.speclint import lint, lint_line
from ta_desktop.ui.specs.spec_editor import OFF_THREAD_CHARS, SpecEditorWidget
from ta_desktop.ui.tasks import SyncTaskRunner, TaskRunner

CLEAR = """Material: ABS plastic
Colour: Pantone 1935 D
Design per design_draft_a.pdf
Private label per label_b.pdf
Quantity: 1,000 pcs
Packaging: 50 pcs per 5-ply carton
Standards: RoHS (EU), CE
Inspection: AQL 2.5 major / 4.0 minor per ISO 2859-1
Shipment date: 15 January 2027
"""


@pytest.fixture
def editor(qtbot):
    widget = SpecEditorWidget()
    qtbot.addWidget(widget)
    widget.resize(1100, 650)
    widget.show()
    return widget


def rows(widget):
    model = widget.findings_model
    return [(model.index(r, 0).data(Qt.ItemDataRole.UserRole).rule, model.index(r, 1).data())
            for r in range(model.rowCount())]


def test_typing_a_vague_spec_lists_findings_and_lowers_the_score(qtbot, editor):
    with qtbot.waitSignal(editor.spec_changed):
        qtbot.keyClicks(editor.editor, "Colour: red, good quality. Ship ASAP")
    qtbot.waitUntil(lambda: len(rows(editor)) == 3, timeout=2000)
    assert rows(editor) == [("COLOUR-CODE", "red"), ("SUBJECTIVE", "good quality"),
                            ("DATE-VAGUE", "ASAP")]
    assert editor.findings_model.index(0, 0).data() == "No colour code"
    assert editor.score() < 50
    assert "Findings (3)" in editor.tabs.tabText(0)
    assert "quantity" in editor.missing_label.text()


def test_a_clear_complete_spec_has_no_findings_and_full_score(qtbot, editor):
    editor.set_text(CLEAR)
    assert rows(editor) == []
    assert editor.score() == 100
    assert editor.score_badge.score == 100
    assert "clear and complete" in editor.score_label.text()


def test_set_text_does_not_count_as_an_edit(qtbot, editor):
    with qtbot.assertNotEmitted(editor.spec_changed):
        editor.set_text("Colour: blue")
    assert editor.text() == "Colour: blue"


def test_typing_underlines_the_vague_words_in_the_current_line(qtbot, editor):
    qtbot.keyClicks(editor.editor, "Colour: navy")
    block = editor.editor.document().firstBlock()
    formats = block.layout().formats()
    assert any(
        f.start == 8 and f.length == 4 and f.format.underlineStyle().name == "WaveUnderline"
        for f in formats
    )


def test_clicking_a_finding_selects_its_words_in_the_text(qtbot, editor):
    editor.set_text("Material: ABS plastic\nShipment: July\n")
    row = next(r for r, (rule, _) in enumerate(rows(editor)) if rule == "DATE-VAGUE")
    index = editor.findings_model.index(row, 1)
    rect = editor.findings_view.visualRect(index)
    qtbot.mouseClick(editor.findings_view.viewport(), Qt.MouseButton.LeftButton,
                     pos=rect.center())
    assert editor.editor.textCursor().selectedText() == "July"


def test_applying_a_mechanical_suggestion_edits_the_text_and_can_be_undone(qtbot, editor):
    editor.set_text("Accessories: charger, cable, etc.\n")
    editor.findings_view.selectRow(0)
    assert editor.apply_button.isEnabled()
    qtbot.mouseClick(editor.apply_button, Qt.MouseButton.LeftButton)
    assert editor.text() == "Accessories: charger, cable\n"
    assert rows(editor) == []
    editor.editor.undo()
    assert editor.text() == "Accessories: charger, cable, etc.\n"


def test_non_mechanical_finding_cannot_be_applied(qtbot, editor):
    editor.set_text("Colour: red")
    editor.set_read_only(False)
    editor.findings_view.selectRow(0)
    assert not editor.apply_button.isEnabled()
    assert "Pantone" in editor.detail.text()


def test_structured_field_writes_and_replaces_its_clause(qtbot, editor):
    editor.set_text("Colour: red\nMaterial: ABS\n")
    editor.tabs.setCurrentIndex(1)
    colour = editor.sections.fields["colour"].widgets[0]
    assert colour.text() == "red"
    colour.setText("Pantone 186 C")
    qtbot.mouseClick(editor.sections.buttons["colour"], Qt.MouseButton.LeftButton)
    assert editor.text() == "Colour: Pantone 186 C\nMaterial: ABS\n"
    assert not any(rule == "COLOUR-CODE" for rule, _ in rows(editor))


def test_dimension_and_weight_fields_compose_measurable_clauses(qtbot, editor):
    length, width, height, unit, tolerance = editor.sections.fields["dimensions"].widgets
    length.setValue(10)
    width.setValue(5)
    height.setValue(2)
    unit.setCurrentText("cm")
    tolerance.setValue(0.2)
    qtbot.mouseClick(editor.sections.buttons["dimensions"], Qt.MouseButton.LeftButton)
    value, _unit, low, high = editor.sections.fields["weight"].widgets
    value.setValue(217)
    low.setValue(215)
    high.setValue(219)
    qtbot.mouseClick(editor.sections.buttons["weight"], Qt.MouseButton.LeftButton)
    assert editor.text() == (
        "Dimensions: 10 x 5 x 2 cm ± 0.2 cm\nWeight: 217 g, accepted 215-219 g\n"
    )
    assert rows(editor) == []


def test_shipment_date_field_writes_an_exact_date(qtbot, editor):
    from PySide6.QtCore import QDate

    editor.sections.fields["shipment_date"].widgets[0].setDate(QDate(2027, 1, 15))
    qtbot.mouseClick(editor.sections.buttons["shipment_date"], Qt.MouseButton.LeftButton)
    assert editor.text() == "Shipment date: on or before 15 January 2027\n"
    assert "shipment_date" not in editor.report().missing


def test_template_adds_only_the_missing_sections(qtbot, editor):
    editor.set_text("Colour: Pantone 186 C\n")
    editor.template_combo.setCurrentIndex(editor.template_combo.findData("toys"))
    qtbot.mouseClick(editor.template_button, Qt.MouseButton.LeftButton)
    text = editor.text()
    assert text.startswith("Colour: Pantone 186 C\n")
    assert text.count("Colour") == 1
    assert "EN 71-3" in text
    assert any(rule == "PLACEHOLDER" for rule, _ in rows(editor))


def test_aql_plan_is_previewed_and_inserted_as_the_inspection_clause(qtbot, editor):
    editor.set_text("Inspection: as usual\nQuantity: 1,000 pcs\n")
    editor.inspection.lot_spin.setValue(1000)
    editor.inspection.aql_combos["critical"].setCurrentIndex(0)  # not inspected
    preview = editor.inspection.aql_preview.text()
    assert "Code letter" in preview and ">80<" in preview
    qtbot.mouseClick(editor.inspection.aql_button, Qt.MouseButton.LeftButton)
    text = editor.text()
    assert text.startswith("Inspection: third-party pre-shipment inspection per ISO 2859-1")
    assert "Major defects: AQL 2.5, sample 80 pcs" in text
    assert text.endswith("Quantity: 1,000 pcs\n")
    assert lint(text).findings == ()


def test_hovering_an_underline_explains_it(qtbot, editor):
    editor.set_text("Colour: red")
    cursor = editor.editor.textCursor()
    cursor.setPosition(9)
    pos = editor.editor.cursorRect(cursor).center()
    event = QHelpEvent(QEvent.Type.ToolTip, pos, editor.editor.viewport().mapToGlobal(pos))
    editor.editor.viewportEvent(event)
    assert "Pantone 186 C" in QToolTip.text()
    assert editor.editor.finding_at(cursor).rule == "COLOUR-CODE"
    assert editor.editor.finding_at(editor.editor.cursorForPosition(QPoint(2, 2))) is None


def test_read_only_editor_offers_no_edits(qtbot, editor):
    editor.set_text("Accessories: cable, etc.")
    editor.set_read_only(True)
    editor.findings_view.selectRow(0)
    assert editor.editor.isReadOnly()
    assert not editor.apply_button.isEnabled()
    assert not editor.inspection.aql_button.isEnabled()
    assert not editor.sections.buttons["colour"].isEnabled()


def test_findings_model_is_a_well_behaved_model(qtbot, qtmodeltester, editor):
    editor.set_text("Colour: red, good quality, ship ASAP")
    qtmodeltester.check(editor.findings_model)


def test_text_beyond_the_bmp_keeps_underlines_in_place(qtbot, editor):
    editor.set_text("📦 Colour: red")
    finding = editor.report().findings[0]
    editor.select_finding(finding)
    assert editor.editor.textCursor().selectedText() == "red"


def test_set_buttons_stay_inside_the_sections_panel_at_a_laptop_size(qtbot, editor):
    editor.resize(900, 600)
    editor.tabs.setCurrentIndex(editor.SECTIONS_TAB)
    qtbot.wait(10)
    viewport = editor.sections.viewport()
    for key, button in editor.sections.buttons.items():
        left = button.mapTo(viewport, QPoint(0, 0)).x()
        assert left >= 0 and left + button.width() <= viewport.width(), key
        assert button.width() >= button.sizeHint().width(), key
    assert editor.sections.horizontalScrollBar().maximum() == 0


def test_the_panels_take_the_contracts_shipment_date_and_quantity(qtbot, editor):
    editor.set_contract_facts(date(2026, 12, 1), 2_500)
    assert editor.sections.shipment_edit.date() == QDate(2026, 12, 1)
    assert editor.inspection.lot_spin.value() == 2_500
    qtbot.mouseClick(editor.sections.buttons["shipment_date"], Qt.MouseButton.LeftButton)
    assert editor.text() == "Shipment date: on or before 1 December 2026\n"


def test_an_inserted_sampling_plan_fills_inspection_not_standards(qtbot, editor):
    editor.set_text("Colour: Pantone 186 C\n")
    assert {"inspection", "standards"} <= set(editor.report().missing)
    qtbot.mouseClick(editor.inspection.aql_button, Qt.MouseButton.LeftButton)
    assert "ISO 2859-1" in editor.text()
    assert "inspection" not in editor.report().missing
    assert "standards" in editor.report().missing


class DeferredRunner(TaskRunner):
    """Holds each task until the test lets the 'worker thread' run it."""

    def __init__(self):
        super().__init__()
        self.pending = []

    def run(self, func, on_done, on_error=None):
        self.pending.append((func, on_done))

    def finish(self):
        while self.pending:
            func, on_done = self.pending.pop(0)
            on_done(func())


def test_a_pasted_50_kb_line_is_linted_off_the_gui_thread(qtbot, monkeypatch):
    from ta_desktop.core.domain.speclint import engine
    from ta_desktop.ui.specs import spec_text_edit

    runner = DeferredRunner()
    widget = SpecEditorWidget(tasks=runner)
    qtbot.addWidget(widget)
    widget.show()
    linted = []
    for module in (engine, spec_text_edit):
        monkeypatch.setattr(module, "lint_line", lambda text: linted.append(text) or (
            lint_line(text)))
    line = "Colour: red, " + "1.1." * 12_500
    widget.set_text(line)
    assert line not in linted  # the GUI thread did not lint it
    assert len(runner.pending) == 1 and widget.report().findings == ()
    runner.finish()
    assert line in linted
    assert ("COLOUR-CODE", "red") in rows(widget)
    assert widget.editor.document().firstBlock().layout().formats()  # underlined now
    cursor = widget.editor.textCursor()
    cursor.setPosition(9)
    assert widget.editor.finding_at(cursor).rule == "COLOUR-CODE"


def test_a_stale_background_lint_is_dropped(qtbot):
    runner = DeferredRunner()
    widget = SpecEditorWidget(tasks=runner)
    qtbot.addWidget(widget)
    widget.set_text("Colour: red\n" + "x" * 30_000)
    widget.set_text("Colour: Pantone 186 C\n" + "x" * 30_000)
    runner.finish()
    assert not any(rule == "COLOUR-CODE" for rule, _ in rows(widget))


def test_a_keystroke_in_a_long_text_relints_only_its_line(qtbot):
    widget = SpecEditorWidget(tasks=SyncTaskRunner())
    qtbot.addWidget(widget)
    widget.show()
    text = "\n".join(f"Item {n}: colour red, {n} pcs per carton" for n in range(1_000))
    assert len(text) > OFF_THREAD_CHARS
    widget.set_text(text)
    cursor = widget.editor.textCursor()
    cursor.setPosition(text.index("Item 500") + len("Item 500"))
    widget.editor.setTextCursor(cursor)
    before = lint_line.cache_info().misses
    qtbot.keyClick(widget.editor, "0")
    widget.relint()
    assert lint_line.cache_info().misses - before == 1
    assert len(widget.report().findings) == 1_000
