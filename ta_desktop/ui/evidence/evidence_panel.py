"""The evidence of one order: drop files or folders, caption them, see what the platform would
refuse and why, make the set uploadable, export a dispute bundle.

Slow work runs off the GUI thread: copying into the store, checks and thumbnails (the task runner,
one task per file, so files are copied and checked in parallel, a progress bar counting them),
fitting and bundling (``JobRunner``, with progress and cancel). Database writes stay on the GUI
thread, through ``run_op``: each file is attached as soon as it is copied, so its badge and
thumbnail fill in while the others are still on their way; the panel refreshes when a write
changed its order's evidence.
"""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import QCoreApplication, QModelIndex, QRectF, QSize, Qt, Signal
from PySide6.QtGui import QDragEnterEvent, QDropEvent, QImage, QPainter
from PySide6.QtWidgets import (
    QAbstractItemView,
    QCheckBox,
    QDialog,
    QFileDialog,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QProgressBar,
    QProgressDialog,
    QPushButton,
    QStyle,
    QStyledItemDelegate,
    QStyleOptionViewItem,
    QTableView,
    QVBoxLayout,
    QWidget,
)

from ta_desktop.core.domain.changes import Changes, Kind
from ta_desktop.core.domain.entities import Order
from ta_desktop.core.domain.evidence import EvidenceItem
from ta_desktop.core.domain.rules import RuleProfile
from ta_desktop.core.services.evidence.fit import FitOptions, FitPlan
from ta_desktop.core.services.evidence.service import ImportResult, expand_paths
from ta_desktop.core.services.workspace import Workspace
from ta_desktop.ui.evidence.evidence_dialogs import (
    BundleDialog,
    EvidenceTrashDialog,
    FitPlanDialog,
)
from ta_desktop.ui.evidence.evidence_model import (
    BADGE_ROLE,
    CAPTION,
    CHECK,
    FILE,
    THUMBNAIL_SIZE,
    Badge,
    EvidenceModel,
)
from ta_desktop.ui.jobs import JobRunner, run_with_progress
from ta_desktop.ui.operations import Operations
from ta_desktop.ui.orders.order_tab import LazyTab, OrderAction, OrderScreen, OrderTab
from ta_desktop.ui.theme import DANGER, NEUTRAL, SUCCESS, WARNING
from ta_desktop.ui.widgets.status_delegate import paint_pill

_BADGE_COLOURS = {Badge.CHECKING: NEUTRAL, Badge.READY: SUCCESS, Badge.WARNING: WARNING,
                  Badge.PROBLEM: DANGER}


class EvidenceBadgeDelegate(QStyledItemDelegate):
    """Paints the upload check as a coloured pill: green ready, amber note, red refused."""

    def paint(self, painter: QPainter, option: QStyleOptionViewItem, index: QModelIndex) -> None:
        background = QStyleOptionViewItem(option)
        self.initStyleOption(background, index)
        background.text = ""
        style = option.widget.style() if option.widget else None
        if style is not None:
            style.drawControl(QStyle.ControlElement.CE_ItemViewItem, background, painter,
                              option.widget)
        paint_pill(painter, QRectF(option.rect), index.data(),
                   _BADGE_COLOURS[index.data(BADGE_ROLE)], option.palette)

    def sizeHint(self, option: QStyleOptionViewItem, index: QModelIndex) -> QSize:
        hint = super().sizeHint(option, index)
        return QSize(option.fontMetrics.horizontalAdvance(index.data() or "") + 28,
                     hint.height())


class EvidencePanelWidget(OrderTab):
    fit_finished = Signal(object)  # FitResult
    bundle_finished = Signal(object)  # BundleResult

    def __init__(self, workspace: Workspace, ops: Operations, parent: QWidget | None = None,
                 jobs: JobRunner | None = None):
        super().__init__(parent)
        self.title = self.tr("Evidence")
        self.workspace = workspace
        self.service = workspace.evidence
        self.ops = ops
        self.jobs = jobs or JobRunner()
        self.order_id: int | None = None
        self.plan_dialog: FitPlanDialog | None = None
        self.bundle_dialog: BundleDialog | None = None
        self.progress: QProgressDialog | None = None
        self.setAcceptDrops(True)

        self.summary = QLabel()
        self.summary.setWordWrap(True)
        self.progress_bar = QProgressBar()
        self.progress_bar.setMinimumWidth(
            self.progress_bar.fontMetrics().horizontalAdvance(self.tr("Checking 99 of 99…")) + 48)
        self.progress_bar.hide()
        self._checking: set[int] = set()  # item ids being checked now
        self._checked = 0  # checks finished since the bar appeared
        self._copying = 0  # files still being copied into the store
        self._copy_total = 0
        self._skipped: list[tuple[Path, str]] = []
        self.drop_zone = QLabel(self.tr(
            "Drop photos, videos, documents or whole folders here. The files are copied into "
            "the app; your originals stay where they are."))
        self.drop_zone.setObjectName("dropZone")
        self.drop_zone.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.drop_zone.setWordWrap(True)
        self.drop_zone.setMinimumHeight(56)
        self.add_button = QPushButton(self.tr("Add files…"))
        self.add_button.clicked.connect(self._on_add_clicked)
        self.add_folder_button = QPushButton(self.tr("Add folder…"))
        self.add_folder_button.clicked.connect(self._on_add_folder_clicked)

        self.model = EvidenceModel(self)
        self.model.caption_edited.connect(self._on_model_caption_edited)
        self.view = QTableView()
        self.view.setModel(self.model)
        self.view.setIconSize(THUMBNAIL_SIZE)
        self.view.verticalHeader().hide()
        self.view.verticalHeader().setDefaultSectionSize(THUMBNAIL_SIZE.height() + 8)
        self.view.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.view.setEditTriggers(QAbstractItemView.EditTrigger.DoubleClicked
                                  | QAbstractItemView.EditTrigger.EditKeyPressed
                                  | QAbstractItemView.EditTrigger.SelectedClicked)
        self.view.setWordWrap(False)
        header = self.view.horizontalHeader()
        header.setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
        header.setSectionResizeMode(CAPTION, QHeaderView.ResizeMode.Stretch)
        header.setSectionResizeMode(FILE, QHeaderView.ResizeMode.Interactive)
        header.resizeSection(FILE, 280)
        header.setMinimumSectionSize(60)
        self.view.setItemDelegateForColumn(CHECK, EvidenceBadgeDelegate(self.view))

        self.trash_button = QPushButton(self.tr("Move to trash"))
        self.trash_button.clicked.connect(self._on_trash_clicked)
        self.open_trash_button = QPushButton()
        self.open_trash_button.clicked.connect(self._on_open_trash_clicked)
        self.strip_gps = QCheckBox(self.tr("Remove GPS location from photos"))
        self.fit_button = QPushButton(self.tr("Make uploadable…"))
        self.fit_button.setToolTip(self.tr(
            "Write a new set of at most {0} files the platform accepts; shows the plan first.")
            .format(workspace.profile.evidence_max_files))
        self.fit_button.clicked.connect(self._on_fit_clicked)
        self.bundle_button = QPushButton(self.tr("Export dispute bundle…"))
        self.bundle_button.clicked.connect(self._on_bundle_clicked)

        top = QHBoxLayout()
        top.addWidget(self.summary, 1)
        top.addWidget(self.progress_bar)
        top.addWidget(self.add_button)
        top.addWidget(self.add_folder_button)
        bottom = QHBoxLayout()
        bottom.addWidget(self.trash_button)
        bottom.addWidget(self.open_trash_button)
        bottom.addStretch()
        bottom.addWidget(self.strip_gps)
        bottom.addWidget(self.fit_button)
        bottom.addWidget(self.bundle_button)
        layout = QVBoxLayout(self)
        layout.addLayout(top)
        layout.addWidget(self.drop_zone)
        layout.addWidget(self.view, 1)
        layout.addLayout(bottom)
        self.set_order(None)
        ops.changed.connect(self._on_ops_changed)

    # --- hooks a test may replace -------------------------------------------------------------
    def ask_folder(self, title: str) -> Path | None:
        folder = QFileDialog.getExistingDirectory(self, title)
        return Path(folder) if folder else None

    def ask_files(self) -> list[Path]:
        files, _ = QFileDialog.getOpenFileNames(self, self.tr("Add evidence files"))
        return [Path(f) for f in files]

    # --- the order shown ------------------------------------------------------------------------
    def set_order(self, order: Order | None) -> None:
        self.order_id = order.id if order is not None else None
        enabled = self.order_id is not None
        for widget in (self.add_button, self.add_folder_button, self.view, self.trash_button,
                       self.open_trash_button, self.fit_button, self.bundle_button,
                       self.strip_gps):
            widget.setEnabled(enabled)
        self.refresh()

    def _on_ops_changed(self, changes: Changes) -> None:
        if self.order_id is not None and changes.has(Kind.EVIDENCE, self.order_id):
            self.refresh()

    def refresh(self) -> None:
        items = self.service.items(self.order_id) if self.order_id is not None else []
        self.model.set_items(items)
        self._check_unchecked()
        self._update_summary()

    def _check_unchecked(self) -> None:
        profile = self.workspace.profile  # read here: the worker threads stay off the database
        for item in self.model.unchecked():
            if item.id in self._checking:
                continue  # already on its way (a refresh while it is checked)
            self._checking.add(item.id)
            self._show_progress()
            self.ops.tasks.run(lambda item=item: self._check_and_thumbnail(item, profile),
                               lambda result, item=item: self._on_check_done(item, result),
                               lambda error, item=item: self._on_check_failed(item, error))

    def _check_and_thumbnail(self, item: EvidenceItem, profile: RuleProfile):
        """Runs off the GUI thread: the rules, and a thumbnail as a QImage (thread-safe)."""
        check = self.service.check(item, profile)
        data = self.service.thumbnail(item, THUMBNAIL_SIZE.width() * 2, profile)
        return check, QImage.fromData(data) if data else None

    def _on_check_done(self, item: EvidenceItem, result) -> None:
        check, thumbnail = result
        self._checking.discard(item.id)
        self._checked += 1
        self.model.set_check(item.id, check, thumbnail)
        self._show_progress()
        self._update_summary()

    def _on_check_failed(self, item: EvidenceItem, error: Exception) -> None:
        self._checking.discard(item.id)
        self._show_progress()
        self._on_task_failed(error)

    def _show_progress(self) -> None:
        """One bar for the files on their way: copied first, then checked."""
        bar = self.progress_bar
        if self._copying:
            bar.setRange(0, self._copy_total)
            bar.setValue(self._copy_total - self._copying)
            bar.setFormat(self.tr("Copying %v of %m…"))
        elif self._checking:
            bar.setRange(0, self._checked + len(self._checking))
            bar.setValue(self._checked)
            bar.setFormat(self.tr("Checking %v of %m…"))
        else:
            self._checked = 0
            bar.hide()
            return
        bar.show()

    def _update_summary(self) -> None:
        trashed = len(self.service.trashed(self.order_id)) if self.order_id is not None else 0
        self.open_trash_button.setText(self.tr("Trash ({0})…").format(trashed))
        count = self.model.rowCount()
        if self.order_id is None:
            self.summary.setText(self.tr("Save the order to attach evidence."))
            return
        badges = [self.model.badge(row)[0] for row in range(count)]
        problems = badges.count(Badge.PROBLEM)
        most = self.workspace.profile.evidence_max_files
        parts = [self.tr("{0} file(s)").format(count)]
        if problems:
            parts.append(self.tr("{0} the platform would refuse").format(problems))
        if count > most:
            parts.append(self.tr("EV-COUNT: more than {0} per submission").format(most))
        if count and not problems and count <= most and Badge.CHECKING not in badges:
            parts.append(self.tr("ready to upload as they are"))
        elif problems or count > most:
            parts.append(self.tr("Make uploadable fixes what it can"))
        self.summary.setText("  ·  ".join(parts))
        self.fit_button.setEnabled(count > 0)
        self.bundle_button.setEnabled(count > 0)
        self.trash_button.setEnabled(count > 0)

    def _on_task_failed(self, error: Exception) -> None:
        self.ops.show_error(self, error)

    # --- adding -------------------------------------------------------------------------------
    def add_paths(self, paths: list[Path]) -> None:
        """Copy files (and folders' files) into the store off the GUI thread, each on its own
        task, and attach each as soon as it is copied."""
        if self.order_id is None or not paths:
            return
        order_id = self.order_id
        self.summary.setText(self.tr("Looking at {0} item(s)…").format(len(paths)))
        self.ops.run_op(self, lambda: expand_paths(paths),
                        lambda found: self._copy_each(order_id, *found), slow=True)

    def _copy_each(self, order_id: int, files: list[Path],
                   outside: list[tuple[Path, str]]) -> None:
        self._skipped += outside
        self._copying += len(files)
        self._copy_total += len(files)
        self._show_progress()
        profile = self.workspace.profile
        for path in files:
            self.ops.run_op(self, lambda path=path: self.service.import_files([path], profile),
                            lambda result: self._on_copied(order_id, result), slow=True)
        if not files:
            self._on_all_copied()

    def _on_copied(self, order_id: int, result: ImportResult) -> None:
        self._skipped += result.skipped
        if result.files:
            self.ops.run_op(self, lambda: self.service.attach(order_id, result.files))
        self._copying -= 1
        self._show_progress()
        if not self._copying:
            self._on_all_copied()

    def _on_all_copied(self) -> None:
        self._copy_total = 0
        skipped, self._skipped = self._skipped, []
        self._show_progress()
        self._update_summary()  # the list itself follows the change broadcasts
        if skipped:
            self.ops.messages.error(self, self.tr("Some files were not added"), "\n".join(
                f"{path.name}: {why}" for path, why in skipped))

    def _on_add_clicked(self) -> None:
        self.add_paths(self.ask_files())

    def _on_add_folder_clicked(self) -> None:
        folder = self.ask_folder(self.tr("Add a folder of evidence"))
        if folder is not None:
            self.add_paths([folder])

    def dragEnterEvent(self, event: QDragEnterEvent) -> None:
        if self.order_id is not None and any(u.isLocalFile() for u in event.mimeData().urls()):
            event.acceptProposedAction()

    def dropEvent(self, event: QDropEvent) -> None:
        paths = [Path(u.toLocalFile()) for u in event.mimeData().urls() if u.isLocalFile()]
        if paths:
            event.acceptProposedAction()
            self.add_paths(paths)

    # --- captions and trash -------------------------------------------------------------------
    def _on_model_caption_edited(self, item_id: int, caption: str) -> None:
        version = self.model.item_at(self.model.row_of(item_id)).version  # the one captioned
        self.ops.run_op(self, lambda: self.service.set_caption(item_id, caption, version),
                        on_reload=self.refresh)

    def selected_items(self) -> list[EvidenceItem]:
        rows = sorted({index.row() for index in self.view.selectionModel().selectedRows()})
        return [self.model.item_at(row) for row in rows]

    def _on_trash_clicked(self) -> None:
        for item in self.selected_items():
            self.ops.run_op(self, lambda item_id=item.id: self.service.trash(item_id))

    def _on_open_trash_clicked(self) -> None:
        dialog = EvidenceTrashDialog(self.service.trashed(self.order_id), self)
        if dialog.exec() == QDialog.DialogCode.Accepted:
            self.handle_trash_dialog(dialog)

    def handle_trash_dialog(self, dialog: EvidenceTrashDialog) -> None:
        for item_id in dialog.restored:
            self.ops.run_op(self, lambda item_id=item_id: self.service.restore(item_id))
        order_id = self.order_id
        if dialog.empty_requested and self.ops.messages.confirm(
                self, self.tr("Empty trash"),
                self.tr("Delete the files in this order's trash for good?")):
            self.ops.run_op(self, lambda: self.service.empty_trash(order_id))

    # --- make uploadable ----------------------------------------------------------------------
    def _on_fit_clicked(self) -> None:
        folder = self.ask_folder(self.tr("Folder for the uploadable files"))
        if folder is None:
            return
        items, profile = self.model.items(), self.workspace.profile
        options = FitOptions(strip_gps=self.strip_gps.isChecked())
        self.summary.setText(self.tr("Working out what to write…"))
        self.ops.run_op(self, lambda: self.service.plan_fit(items, options, folder, profile),
                        lambda plan: self._show_plan(plan, folder), slow=True)

    def _show_plan(self, plan: FitPlan, folder: Path) -> None:
        self._update_summary()
        self.plan_dialog = FitPlanDialog(plan, str(folder), self)
        self.plan_dialog.accepted.connect(lambda: self._produce(plan, folder))
        self.plan_dialog.open()

    def _produce(self, plan: FitPlan, folder: Path) -> None:
        self._run_job(self.service.fit(plan, folder), self.tr("Writing uploadable files…"),
                      self._on_fit_done)

    def _on_fit_done(self, result) -> None:
        done = self.tr("{0} file(s) written to {1}.").format(len(result.produced),
                                                             result.out_dir)
        self.ops.note(done, result.out_dir)
        if result.unfit:
            self.ops.messages.info(self, self.tr("Make uploadable"), "\n".join([done, *(
                self.tr("Not included: {0}: {1}").format(u.name, u.reason)
                for u in result.unfit)]))
        self.fit_finished.emit(result)

    # --- dispute bundle -----------------------------------------------------------------------
    def _on_bundle_clicked(self) -> None:
        self.bundle_dialog = BundleDialog(self)
        self.bundle_dialog.accepted.connect(self._on_bundle_dialog_accepted)
        self.bundle_dialog.open()

    def _on_bundle_dialog_accepted(self) -> None:
        folder = self.ask_folder(self.tr("Folder for the dispute bundle"))
        if folder is None or self.order_id is None:
            return
        case = self.service.bundle_case(self.order_id, self.model.items(),
                                        **self.bundle_dialog.values())
        options = FitOptions(strip_gps=self.strip_gps.isChecked())
        generator = self.service.build_bundle(case, folder, options, self.workspace.profile)
        self._run_job(generator, self.tr("Building the dispute bundle…"), self._on_bundle_done)

    def _on_bundle_done(self, result) -> None:
        self.ops.note(self.tr("Dispute bundle ready in {0}: upload the files in its {1} "
                              "folder.").format(result.folder.name, result.upload_dir.name),
                      result.folder)
        if result.fit.unfit:
            text = self.tr("Upload the files in {0}.\nYour index of every file: {1}").format(
                result.upload_dir, result.index_pdf)
            text += "\n" + "\n".join(self.tr("Not included: {0}: {1}").format(u.name, u.reason)
                                     for u in result.fit.unfit)
            self.ops.messages.info(self, self.tr("Dispute bundle ready"), text)
        self.bundle_finished.emit(result)

    # --- long jobs ----------------------------------------------------------------------------
    def _run_job(self, generator, title: str, on_done) -> None:
        self.progress = run_with_progress(self, self.jobs, generator, title, on_done,
                                          self._on_task_failed)


def evidence_extension(_screen: OrderScreen, workspace: Workspace,
                       ops: Operations) -> list[OrderTab | OrderAction]:
    return [LazyTab(EvidencePanelWidget, lambda: EvidencePanelWidget(workspace, ops),
                    QCoreApplication.translate("EvidencePanelWidget", "Evidence"))]
