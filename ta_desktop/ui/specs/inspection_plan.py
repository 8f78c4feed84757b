"""The "Inspection plan" panel of the spec editor: an ISO 2859-1 sampling plan previewed from the
lot size and the AQL of each defect class, handed to the editor as the inspection clause."""

from __future__ import annotations

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import QComboBox, QFormLayout, QLabel, QPushButton, QSpinBox, QWidget

from ta_desktop.core.domain import aql
from ta_desktop.ui import formatting as fmt


class InspectionPlanPanel(QWidget):
    """``clause_ready(value)``: the inspection clause (without its heading) to write."""

    clause_ready = Signal(str)

    def __init__(self, parent: QWidget | None = None):
        super().__init__(parent)
        self._read_only = False
        form = QFormLayout(self)
        self.lot_spin = QSpinBox(self)
        self.lot_spin.setRange(aql.MIN_LOT, aql.MAX_LOT)
        self.lot_spin.setValue(1000)
        self.lot_spin.setGroupSeparatorShown(True)
        self.lot_spin.setSuffix(self.tr(" pcs"))
        form.addRow(self.tr("Lot size"), self.lot_spin)
        self.aql_combos: dict[str, QComboBox] = {}
        defaults = {"critical": "0.065", "major": "2.5", "minor": "4.0"}
        labels = {"critical": self.tr("Critical defects, AQL"),
                  "major": self.tr("Major defects, AQL"), "minor": self.tr("Minor defects, AQL")}
        for name in aql.CLASSES:
            combo = QComboBox(self)
            combo.addItem(self.tr("not inspected"), None)
            for value in aql.AQL_VALUES[:16]:  # up to 10: percent nonconforming
                combo.addItem(value, value)
            combo.setCurrentIndex(combo.findData(defaults[name]))
            combo.currentIndexChanged.connect(self._on_plan_changed)
            self.aql_combos[name] = combo
            form.addRow(labels[name], combo)
        self.lot_spin.valueChanged.connect(self._on_plan_changed)
        self.aql_preview = QLabel(self)
        self.aql_preview.setTextFormat(Qt.TextFormat.RichText)
        self.aql_preview.setWordWrap(True)
        form.addRow(self.aql_preview)
        self.aql_button = QPushButton(self.tr("Insert plan into specification"), self)
        self.aql_button.clicked.connect(self._on_insert_clicked)
        form.addRow(self.aql_button)
        note = QLabel(self.tr("ISO 2859-1, general inspection level II, single sampling, "
                              "normal inspection. Arrows in the table can change the sample "
                              "size per defect class."), self)
        note.setObjectName("hint")
        note.setWordWrap(True)
        form.addRow(note)
        self._on_plan_changed()

    def set_lot_size(self, quantity: int) -> None:
        """The lot the plan samples from: the order's quantity (within ISO 2859-1's table)."""
        self.lot_spin.setValue(max(aql.MIN_LOT, min(aql.MAX_LOT, quantity)))

    def set_read_only(self, read_only: bool) -> None:
        self._read_only = read_only
        self._on_plan_changed()

    def _plan(self) -> aql.InspectionPlan:
        chosen = {name: combo.currentData() for name, combo in self.aql_combos.items()
                  if combo.currentData()}
        return aql.inspection_plan(self.lot_spin.value(), chosen)

    def _on_plan_changed(self) -> None:
        plan = self._plan()
        rows = "".join(
            f"<tr><td>{p.defect_class.capitalize()}</td><td align='right'>{p.aql}</td>"
            f"<td align='right'>{fmt.number(p.sample_size)}{'*' if p.full_inspection else ''}</td>"
            f"<td align='right'>{p.accept}</td><td align='right'>{p.reject}</td></tr>"
            for p in plan.plans
        )
        self.aql_preview.setText(
            f"<p>{self.tr('Code letter')} <b>{plan.code_letter}</b></p>"
            "<table cellspacing='0' cellpadding='4'>"
            f"<tr><th align='left'>{self.tr('Class')}</th><th>AQL</th>"
            f"<th>{self.tr('Sample')}</th><th>Ac</th><th>Re</th></tr>{rows}</table>"
            + (f"<p>* {self.tr('every item of the lot')}</p>"
               if any(p.full_inspection for p in plan.plans) else "")
        )
        self.aql_button.setEnabled(bool(plan.plans) and not self._read_only)

    def _on_insert_clicked(self) -> None:
        clause = aql.plan_clause(self._plan())
        self.clause_ready.emit(clause.split(":", 1)[1])
