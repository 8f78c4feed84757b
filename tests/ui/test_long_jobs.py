"""Closing the app during a long job asks, cancels cleanly and leaves no partial output."""

import threading

from PySide6.QtCore import Qt

from ta_desktop.core.domain.evidence import Progress
from ta_desktop.ui.evidence.evidence_panel import EvidencePanelWidget
from ta_desktop.ui.jobs import JobRunner, run_with_progress, running_jobs
from tests.evidence_files import image_file
from tests.factories import make_order, make_supplier


def slow_export(folder, started: threading.Event, release: threading.Event):
    """A job that half-writes a hidden staging folder and removes it when closed early."""
    staging = folder / ".bundle-partial"
    staging.mkdir()
    try:
        for step in range(1000):
            (staging / f"{step}.part").write_bytes(b"x")
            started.set()
            release.wait(0.01)
            yield Progress(step, 1000, "Building the dispute bundle…")
        staging.rename(folder / "bundle")
    finally:
        if staging.exists():
            for part in staging.iterdir():
                part.unlink()
            staging.rmdir()


def start(qtbot, window, folder):
    folder.mkdir()
    started, release = threading.Event(), threading.Event()
    run_with_progress(window, JobRunner(), slow_export(folder, started, release),
                      "Building the dispute bundle…", lambda _r: None, lambda _e: None)
    assert started.wait(10)
    return release


def test_closing_during_a_job_asks_then_cancels_and_removes_partial_output(
        qtbot, window, messages, tmp_path):
    start(qtbot, window, tmp_path / "out")
    messages.answer_confirm = True
    assert window.close()
    kind, title, text = messages.shown[-1]
    assert kind == "confirm" and title == "Quit TA Desktop"
    assert text.startswith("Building the dispute bundle is still running. Stop it and quit?")
    assert running_jobs() == []
    assert list((tmp_path / "out").iterdir()) == [], "no hidden half-written folder"


def test_the_user_may_keep_the_job_and_the_window(qtbot, window, messages, tmp_path):
    release = start(qtbot, window, tmp_path / "out")
    messages.answer_confirm = False
    assert not window.close()
    assert window.isVisible() and running_jobs()
    for job in running_jobs():
        job.cancel()
    release.set()
    qtbot.waitUntil(lambda: not running_jobs(), timeout=10_000)


class HoldAtFirstStep(JobRunner):
    """Threads as in the app; the job waits at its first step until it is cancelled, so the
    window closes while the bundle is half written."""

    def start(self, job):
        job.progressed.connect(lambda *_: job._stop.wait(20), Qt.ConnectionType.DirectConnection)
        super().start(job)


def test_closing_during_export_dispute_bundle_leaves_no_folder(qtbot, window, messages,
                                                               workspace, tmp_path):
    supplier = workspace.suppliers.save(make_supplier()).value
    order = workspace.orders.save(make_order(supplier_id=supplier.id)).value
    workspace.evidence.add_files(order.id, [image_file(tmp_path, f"crack {n}.jpg",
                                                       size=(100 + n, 80)) for n in range(3)])
    window.open_order(order.id)
    panel = window.orders_page.detail.extension(EvidencePanelWidget)
    panel.jobs = HoldAtFirstStep()
    out = tmp_path / "bundles"
    out.mkdir()
    panel.ask_folder = lambda _title: out
    panel.bundle_button.click()
    panel.bundle_dialog.claim_type.setCurrentIndex(0)
    panel.bundle_dialog.export_button.click()
    qtbot.waitUntil(lambda: any(out.iterdir()), timeout=10_000)  # the hidden staging folder

    messages.answer_confirm = True
    assert window.close()
    assert "Building the dispute bundle is still running" in messages.shown[-1][2]
    assert running_jobs() == []
    assert list(out.iterdir()) == []
