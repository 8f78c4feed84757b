"""The evidence panel: drop files, read the badges, caption, trash, make uploadable, bundle."""

from __future__ import annotations

import pytest
from PySide6.QtCore import QMimeData, QPointF, Qt, QUrl
from PySide6.QtGui import QDragEnterEvent, QDropEvent
from PySide6.QtWidgets import QApplication

from ta_desktop.core.domain.types import ClaimType
from ta_desktop.ui.evidence.evidence_dialogs import EvidenceTrashDialog
from ta_desktop.ui.evidence.evidence_model import CAPTION, CHECK, FILE
from ta_desktop.ui.evidence.evidence_panel import EvidencePanelWidget
from ta_desktop.ui.jobs import SyncJobRunner
from ta_desktop.ui.operations import Operations
from ta_desktop.ui.orders.extensions import ORDER_EXTENSIONS
from ta_desktop.ui.orders.order_detail import OrderDetailWidget
from ta_desktop.ui.tasks import TaskRunner
from tests.evidence_files import EXE_HEAD, image_bytes, image_file, padded_jpeg, pdf_file, write
from tests.factories import make_order, make_supplier


@pytest.fixture
def order(workspace):
    supplier = workspace.suppliers.save(make_supplier()).value
    return workspace.orders.save(make_order(supplier_id=supplier.id)).value


@pytest.fixture
def panel(qtbot, workspace, ops, order):
    widget = EvidencePanelWidget(workspace, ops, jobs=SyncJobRunner())
    qtbot.addWidget(widget)
    widget.set_order(order)
    widget.resize(1100, 600)
    widget.show()
    return widget


def choose_claim(dialog) -> None:
    dialog.claim_type.setCurrentIndex(dialog.claim_type.findData(ClaimType.QUALITY))


def drop(widget, paths) -> bool:
    """Drag files from a file manager and let go over the widget."""
    mime = QMimeData()
    mime.setUrls([QUrl.fromLocalFile(str(p)) for p in paths])
    where = QPointF(widget.width() / 2, widget.height() / 2)
    buttons, keys = Qt.MouseButton.LeftButton, Qt.KeyboardModifier.NoModifier
    enter = QDragEnterEvent(where.toPoint(), Qt.DropAction.CopyAction, mime, buttons, keys)
    QApplication.sendEvent(widget, enter)
    if not enter.isAccepted():
        return False
    QApplication.sendEvent(widget, QDropEvent(where, Qt.DropAction.CopyAction, mime, buttons, keys))
    return True


def badges(panel) -> dict[str, str]:
    model = panel.model
    return {model.index(r, FILE).data(Qt.ItemDataRole.EditRole): model.index(r, CHECK).data()
            for r in range(model.rowCount())}


def test_dropped_files_get_a_badge_saying_their_problem_in_words(panel, tmp_path, profile):
    files = [
        image_file(tmp_path, "carton 4.jpg"),
        write(tmp_path, "invoice.jpg", EXE_HEAD),
        padded_jpeg(tmp_path, "huge.jpg", profile.evidence_max_bytes + 1),
        write(tmp_path, "破损.jpg", image_bytes(size=(130, 90))),
        write(tmp_path, "screen.jpg", image_bytes("PNG")),
    ]
    assert drop(panel, files)
    assert badges(panel) == {
        "carton 4.jpg": "Ready to upload",
        "invoice.jpg": "Type not accepted",
        "huge.jpg": "Too big: 10.0 MB",
        "破损.jpg": "Name must change",
        "screen.jpg": "Accepted; see note",
    }
    row = panel.model.row_of(panel.model.items()[1].id)
    tooltip = panel.model.index(row, CHECK).data(Qt.ItemDataRole.ToolTipRole)
    assert "EV-TYPE" in tooltip and "program" in tooltip
    assert "3 the platform would refuse" in panel.summary.text()
    assert not panel.grab().isNull()


def test_a_dropped_folder_brings_its_files(panel, tmp_path):
    folder = tmp_path / "unboxing"
    folder.mkdir()
    image_file(folder, "a.jpg")
    pdf_file(folder, "report.pdf")
    assert drop(panel, [folder])
    assert set(badges(panel)) == {"a.jpg", "report.pdf"}
    assert badges(panel)["report.pdf"] == "Type not accepted"


def test_nothing_can_be_dropped_on_an_unsaved_order(qtbot, workspace, ops, tmp_path):
    widget = EvidencePanelWidget(workspace, ops)
    qtbot.addWidget(widget)
    assert not drop(widget, [image_file(tmp_path, "a.jpg")])
    assert "Save the order" in widget.summary.text()


def test_a_typed_caption_is_saved(qtbot, panel, workspace, order, tmp_path):
    drop(panel, [image_file(tmp_path, "carton.jpg")])
    index = panel.model.index(0, CAPTION)
    panel.view.setCurrentIndex(index)
    panel.view.edit(index)
    editor = QApplication.focusWidget()
    qtbot.keyClicks(editor, "Carton 4 crushed on arrival")
    qtbot.keyClick(editor, Qt.Key.Key_Return)
    qtbot.waitUntil(lambda: workspace.evidence.items(order.id)[0].caption != "")
    assert workspace.evidence.items(order.id)[0].caption == "Carton 4 crushed on arrival"


def test_trash_takes_files_off_and_restore_brings_them_back(panel, workspace, order, tmp_path):
    drop(panel, [image_file(tmp_path, "a.jpg"), image_file(tmp_path, "b.png", "PNG")])
    panel.view.selectRow(0)
    panel.trash_button.click()
    assert list(badges(panel)) == ["b.png"]
    assert panel.open_trash_button.text() == "Trash (1)…"

    dialog = EvidenceTrashDialog(workspace.evidence.trashed(order.id), panel)
    dialog.list.item(0).setCheckState(Qt.CheckState.Checked)
    dialog.restore_button.click()
    panel.handle_trash_dialog(dialog)
    assert sorted(badges(panel)) == ["a.jpg", "b.png"]


def test_make_uploadable_shows_the_plan_before_writing_anything(panel, ops, tmp_path):
    noted = []
    ops.noted.connect(lambda text, written: noted.append((text, written)))
    drop(panel, [image_file(tmp_path, f"photo {n}.webp", "WEBP") for n in range(7)])
    out = tmp_path / "upload"
    out.mkdir()
    panel.ask_folder = lambda _title: out

    panel.fit_button.click()

    assert panel.plan_dialog.isVisible()
    assert list(out.iterdir()) == []
    assert panel.plan_dialog.outputs.count() <= 5
    panel.plan_dialog.produce_button.click()
    assert 1 <= len(list(out.iterdir())) <= 5
    assert noted[-1][0].endswith(f"file(s) written to {out}.") and noted[-1][1] == out


def test_export_dispute_bundle_runs_with_progress_and_reports_where(panel, ops, tmp_path):
    noted = []
    ops.noted.connect(lambda text, written: noted.append((text, written)))
    drop(panel, [image_file(tmp_path, f"crack {n}.jpg") for n in range(3)])
    panel.ask_folder = lambda _title: tmp_path / "bundles"
    finished = []
    panel.bundle_finished.connect(finished.append)

    panel.bundle_button.click()
    choose_claim(panel.bundle_dialog)
    panel.bundle_dialog.claim_text.setPlainText("3 of 80 housings cracked.")
    panel.bundle_dialog.broken_terms.setPlainText("Material: ABS, no cracks")
    panel.bundle_dialog.export_button.click()

    [result] = finished
    assert result.ok and result.index_pdf.exists()
    assert noted[-1][0].startswith("Dispute bundle ready in ")
    assert noted[-1][1] == result.folder
    assert not panel.progress.isVisible()


def test_cancelling_the_bundle_leaves_nothing(panel, messages, tmp_path):
    class CancelAtOnce(SyncJobRunner):
        def start(self, job):
            job.progressed.connect(lambda *_: job.cancel())
            job.run()

    drop(panel, [image_file(tmp_path, "crack.jpg")])
    panel.jobs = CancelAtOnce()
    panel.ask_folder = lambda _title: tmp_path / "bundles"
    shown = len(messages.shown)
    panel.bundle_button.click()
    choose_claim(panel.bundle_dialog)
    panel.bundle_dialog.export_button.click()
    assert list((tmp_path / "bundles").iterdir()) == []
    assert len(messages.shown) == shown


def test_claim_text_in_other_letters_warns_ev_text(panel, tmp_path):
    drop(panel, [image_file(tmp_path, "a.jpg")])
    panel.bundle_button.click()
    panel.bundle_dialog.claim_text.setPlainText("货物破损")
    assert panel.bundle_dialog.text_warning.isVisible()
    assert panel.bundle_dialog.text_warning.text() == (
        "The claim text contains Chinese characters (货物破…); the platform accepts English only.")
    assert panel.bundle_dialog.text_warning.toolTip() == "EV-TEXT"


def test_the_bundle_needs_a_claim_type_chosen(panel, tmp_path):
    drop(panel, [image_file(tmp_path, "a.jpg")])
    asked = []
    panel.ask_folder = lambda title: asked.append(title)
    panel.bundle_button.click()
    dialog = panel.bundle_dialog
    assert dialog.claim_type.currentText() == ""
    dialog.export_button.click()
    assert dialog.isVisible() and asked == []
    assert dialog.claim_error.text() == "Choose the claim: what went wrong."
    choose_claim(dialog)
    dialog.export_button.click()
    assert not dialog.isVisible() and len(asked) == 1


def test_evidence_model_passes_qt_model_tester(qtmodeltester, panel, tmp_path):
    drop(panel, [image_file(tmp_path, "a.jpg"), write(tmp_path, "empty.png", b"")])
    qtmodeltester.check(panel.model)


def order_screen(qtbot, workspace, ops):
    detail = OrderDetailWidget(workspace, ops, ORDER_EXTENSIONS)
    qtbot.addWidget(detail)
    detail.resize(1100, 700)
    detail.show()
    return detail


def test_order_page_has_an_evidence_tab_that_follows_the_order(qtbot, workspace, ops, order):
    detail = order_screen(qtbot, workspace, ops)
    titles = [detail.tabs.tabText(n) for n in range(detail.tabs.count())]
    assert "Evidence" in titles
    detail.open_order(order.id)
    assert detail.extension(EvidencePanelWidget).order_id == order.id


def test_badges_arrive_from_background_threads_on_the_order_page(qtbot, workspace, messages,
                                                                 order, tmp_path):
    detail = order_screen(qtbot, workspace, Operations(messages, TaskRunner()))
    detail.open_order(order.id)
    panel = detail.extension(EvidencePanelWidget)
    detail.tabs.setCurrentWidget(panel)
    assert drop(panel, [image_file(tmp_path, "a.jpg"), write(tmp_path, "b.jpg", EXE_HEAD)])
    qtbot.waitUntil(lambda: sorted(badges(panel).values()) == ["Ready to upload",
                                                              "Type not accepted"], timeout=10000)
    row = panel.model.row_of(panel.model.items()[0].id)
    icon = panel.model.index(row, FILE).data(Qt.ItemDataRole.DecorationRole)
    assert not icon.isNull()


def test_a_files_tooltip_says_which_member_added_it(panel, workspace, tmp_path):
    workspace.member = "Chen Wei"
    assert drop(panel, [image_file(tmp_path, "carton 4.jpg")])
    tooltip = panel.model.index(0, FILE).data(Qt.ItemDataRole.ToolTipRole)
    assert "Added Chen Wei, " in tooltip


class Deferred(TaskRunner):
    """Tasks wait until the test runs them, one at a time, as worker threads would finish."""

    def __init__(self):
        super().__init__()
        self.waiting = []

    def run(self, func, on_done, on_error=None):
        self.waiting.append((func, on_done, on_error))

    def finish_one(self):
        func, on_done, _on_error = self.waiting.pop(0)
        on_done(func())


def test_files_are_copied_and_checked_each_on_its_own_task_with_a_progress_bar(
        qtbot, workspace, messages, order, tmp_path):
    tasks = Deferred()
    panel = EvidencePanelWidget(workspace, Operations(messages, tasks), jobs=SyncJobRunner())
    qtbot.addWidget(panel)
    panel.set_order(order)
    panel.show()
    panel.add_paths([image_file(tmp_path, f"photo {n}.jpg", size=(120 + n, 90)) for n in range(3)])
    tasks.finish_one()  # the folder walk
    assert len(tasks.waiting) == 3, "one copy task per file, run in parallel"
    assert panel.progress_bar.isVisible() and panel.progress_bar.text() == "Copying 0 of 3…"
    tasks.finish_one()  # the first file is copied: attached at once, its check starts
    assert panel.model.rowCount() == 1 and panel.progress_bar.text() == "Copying 1 of 3…"
    tasks.finish_one()
    tasks.finish_one()
    assert panel.model.rowCount() == 3
    assert panel.progress_bar.text() == "Checking 0 of 3…"
    assert len(tasks.waiting) == 3, "one check per file, none twice"
    tasks.finish_one()
    assert list(badges(panel).values()).count("Ready to upload") == 1, "filled in as it came"
    assert panel.progress_bar.text() == "Checking 1 of 3…"
    while tasks.waiting:
        tasks.finish_one()
    assert set(badges(panel).values()) == {"Ready to upload"}
    assert not panel.progress_bar.isVisible()
