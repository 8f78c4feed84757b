"""The "Sections" panel of the spec editor: structured fields (material, colour code, dimensions,
weight, …) that each compose one measurable clause and hand it to the editor to write."""

from __future__ import annotations

from collections.abc import Callable
from datetime import date

from PySide6.QtCore import QDate, Qt, Signal
from PySide6.QtWidgets import (
    QComboBox,
    QDateEdit,
    QDoubleSpinBox,
    QFormLayout,
    QFrame,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPushButton,
    QScrollArea,
    QSizePolicy,
    QWidget,
)

from ta_desktop.core.domain.speclint.clauses import clause_value


class ClauseField:
    """One structured field: its editors, how to compose the clause value, how to show one."""

    def __init__(self, key: str, widgets: list[QWidget], compose: Callable[[], str],
                 fill: Callable[[str], None] | None = None):
        self.key, self.widgets, self.compose, self.fill = key, widgets, compose, fill


def _number(spin: QDoubleSpinBox) -> str:
    return f"{spin.value():,.{spin.decimals()}f}".rstrip("0").rstrip(".")


def compose_dimensions(sizes: list[QDoubleSpinBox], unit: QComboBox,
                       tolerance: QDoubleSpinBox) -> str:
    if not all(spin.value() for spin in sizes):
        return ""
    text = " x ".join(_number(spin) for spin in sizes) + f" {unit.currentText()}"
    if tolerance.value():
        text += f" ± {_number(tolerance)} {unit.currentText()}"
    return text


def compose_weight(value: QDoubleSpinBox, unit: QComboBox, low: QDoubleSpinBox,
                   high: QDoubleSpinBox) -> str:
    if not value.value():
        return ""
    text = f"{_number(value)} {unit.currentText()}"
    if low.value() and high.value():
        text += f", accepted {_number(low)}-{_number(high)} {unit.currentText()}"
    return text


class SpecSectionsPanel(QScrollArea):
    """``section_set(key, value)`` when the user presses a field's "Set" button."""

    section_set = Signal(str, str)

    def __init__(self, parent: QWidget | None = None):
        super().__init__(parent)
        self.fields: dict[str, ClauseField] = {}
        self.buttons: dict[str, QPushButton] = {}
        form_widget = QWidget(self)
        form = QFormLayout(form_widget)
        form.setFieldGrowthPolicy(QFormLayout.FieldGrowthPolicy.ExpandingFieldsGrow)
        # A label goes above its fields when the row would not fit: the panel shares the width
        # with the text, and a "Set" button must never end up past the right edge.
        form.setRowWrapPolicy(QFormLayout.RowWrapPolicy.WrapLongRows)

        def text_field(key: str, label: str, placeholder: str) -> None:
            edit = QLineEdit(form_widget)
            edit.setPlaceholderText(placeholder)

            def fill(value: str) -> None:
                edit.setText(value)
                edit.setCursorPosition(0)

            self._add_field(form, label, ClauseField(
                key, [edit], lambda: edit.text().strip(), fill=fill))

        text_field("material", self.tr("Material"),
                   "ABS plastic; stainless steel 304; 100% combed cotton")
        text_field("colour", self.tr("Colour code"), "Pantone 186 C / RAL 9016 / #C8102E")

        sizes = [_spin(form_widget, 0, 100000, 1) for _ in range(3)]
        size_unit = QComboBox(form_widget)
        size_unit.addItems(["mm", "cm", "m", "in"])
        size_tol = _spin(form_widget, 0, 1000, 2)
        self._add_field(form, self.tr("Dimensions (L × W × H, ±)"), ClauseField(
            "dimensions", [*sizes, size_unit, size_tol],
            lambda: compose_dimensions(sizes, size_unit, size_tol)))

        weight, weight_min, weight_max = (_spin(form_widget, 0, 1e6, 1) for _ in range(3))
        weight_unit = QComboBox(form_widget)
        weight_unit.addItems(["g", "kg", "lb", "oz"])
        self._add_field(form, self.tr("Weight (value, min, max)"), ClauseField(
            "weight", [weight, weight_unit, weight_min, weight_max],
            lambda: compose_weight(weight, weight_unit, weight_min, weight_max)))

        text_field("quantity", self.tr("Quantity"), "2,000 pcs (500 pcs per SKU)")
        text_field("packaging", self.tr("Packaging"),
                   "24 pcs per 5-ply carton, 40 x 30 x 25 cm, max 20 kg")
        text_field("labelling", self.tr("Labelling"), "private label per label_b.pdf; EAN-13")
        text_field("standards", self.tr("Standards"), "CE, RoHS (EU) 2011/65/EU, REACH")
        text_field("inspection", self.tr("Inspection"),
                   "third-party pre-shipment inspection, see the Inspection plan tab")

        shipment = self.shipment_edit = QDateEdit(form_widget)
        shipment.setCalendarPopup(True)
        shipment.setDisplayFormat("d MMMM yyyy")
        shipment.setDate(QDate.currentDate().addDays(60))
        self._add_field(form, self.tr("Shipment date"), ClauseField(
            "shipment_date", [shipment],
            lambda: "on or before " + shipment.date().toString("d MMMM yyyy")))
        text_field("design_files", self.tr("Design files"),
                   "design_draft_a.pdf; design_draft_dimensions.pdf")

        hint = QLabel(self.tr("“Set” writes the line into the specification, or replaces the "
                              "line with the same heading."), form_widget)
        hint.setObjectName("hint")
        hint.setWordWrap(True)
        form.addRow(hint)
        self.setWidgetResizable(True)
        self.setFrameShape(QFrame.Shape.NoFrame)
        self.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        self.setWidget(form_widget)
        # Never narrower than the widest row of fields and its button (the splitter gives the
        # text column less instead); rows only scroll vertically.
        self.setMinimumWidth(form_widget.minimumSizeHint().width()
                             + self.verticalScrollBar().sizeHint().width())

    def _add_field(self, form: QFormLayout, label: str, field: ClauseField) -> None:
        row = QHBoxLayout()
        for widget in field.widgets:
            row.addWidget(widget, 1 if isinstance(widget, QLineEdit | QDateEdit | QDoubleSpinBox)
                          else 0)
        button = QPushButton(self.tr("Set"), self)
        button.setSizePolicy(QSizePolicy.Policy.Fixed, QSizePolicy.Policy.Fixed)
        button.setToolTip(self.tr("Write this into the specification"))
        button.clicked.connect(lambda: self._on_field_set(field.key))
        row.addWidget(button)
        form.addRow(label, row)
        self.fields[field.key] = field
        self.buttons[field.key] = button

    def fill_from(self, text: str) -> None:
        """Show what ``text`` states for each field (not the one the user is typing in)."""
        for field in self.fields.values():
            if field.fill is None or any(w.hasFocus() for w in field.widgets):
                continue
            value = clause_value(text, field.key)
            field.fill("" if value is None else value.split("\n")[0])

    def set_shipment_date(self, day: date) -> None:
        """The date the shipment field proposes: the order's own shipment date."""
        self.shipment_edit.setDate(QDate(day.year, day.month, day.day))

    def set_read_only(self, read_only: bool) -> None:
        for button in self.buttons.values():
            button.setEnabled(not read_only)

    def focus_field(self, key: str) -> bool:
        if key not in self.fields:
            return False
        self.fields[key].widgets[0].setFocus(Qt.FocusReason.OtherFocusReason)
        return True

    def _on_field_set(self, key: str) -> None:
        value = self.fields[key].compose()
        if value:
            self.section_set.emit(key, value)


def _spin(parent: QWidget, low: float, high: float, decimals: int) -> QDoubleSpinBox:
    spin = QDoubleSpinBox(parent)
    spin.setRange(low, high)
    spin.setDecimals(decimals)
    spin.setSpecialValueText("–")
    spin.setButtonSymbols(QDoubleSpinBox.ButtonSymbols.NoButtons)
    spin.setMinimumWidth(56)
    return spin
