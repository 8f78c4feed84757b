"""Long core work (generators that yield ``Progress``) run off the GUI thread, cancellable.

``JobRunner.start(job)`` runs a ``Job`` on the global QThreadPool; its signals arrive on the GUI
thread. ``SyncJobRunner`` runs it at once, for tests. Cancelling sets a flag the worker reads
between steps and closes the generator, so the core cleans up after itself (a bundle's
half-written folder goes). ``running_jobs()`` lists every job still working, whoever started it:
the main window asks before closing over one, and ``stop_all`` cancels them and waits.
"""

from __future__ import annotations

import threading
import weakref
from collections.abc import Generator
from typing import Any

from PySide6.QtCore import QCoreApplication, QObject, QRunnable, Qt, QThreadPool, Signal
from PySide6.QtWidgets import QProgressDialog, QWidget

from ta_desktop.ui.messages import Messages

_RUNNING: weakref.WeakSet[Job] = weakref.WeakSet()


def running_jobs() -> list[Job]:
    """The jobs started and not yet ended, of every runner."""
    return [job for job in list(_RUNNING) if not job.ended]


def may_close(parent: QWidget, messages: Messages) -> bool:
    """Before the app closes: nothing running, or the user chose to stop what runs (then it is
    cancelled, and what it half wrote removed, before this returns)."""
    jobs = running_jobs()
    if not jobs:
        return True
    names = ", ".join(dict.fromkeys(job.title.rstrip(".…") or parent.tr("A long job")
                                    for job in jobs))
    if not messages.confirm(parent, parent.tr("Quit TA Desktop"), parent.tr(
            "{0} is still running. Stop it and quit? What it has written so far is "
            "removed.").format(names)):
        return False
    stop_all()
    return True


def stop_all(wait_ms: int = 30_000) -> bool:
    """Cancel every running job and wait until their threads let go (the core removes what it
    half wrote as its generator closes). True when all ended in time."""
    for job in running_jobs():
        job.cancel()
    done = QThreadPool.globalInstance().waitForDone(wait_ms)
    # Their "cancelled" signals close progress dialogs: deliver them while those still exist.
    QCoreApplication.processEvents()
    return done


class Job(QObject):
    progressed = Signal(int, int, str)  # done, total, what is happening
    finished = Signal(object)  # the generator's return value
    failed = Signal(object)  # the exception
    cancelled = Signal()

    def __init__(self, generator: Generator[Any, None, Any], parent: QObject | None = None,
                 title: str = ""):
        super().__init__(parent)
        self._generator = generator
        self._stop = threading.Event()
        self.title = title  # what the user is told is still running
        self.ended = False
        _RUNNING.add(self)

    def cancel(self) -> None:
        self._stop.set()

    def run(self) -> None:
        try:
            self._run()
        finally:
            self.ended = True

    def _run(self) -> None:
        try:
            while True:
                if self._stop.is_set():
                    self._generator.close()
                    self.cancelled.emit()
                    return
                try:
                    step = next(self._generator)
                except StopIteration as stop:
                    self.finished.emit(stop.value)
                    return
                self.progressed.emit(step.done, step.total, step.message)
        except Exception as error:  # handed to the GUI thread, never swallowed
            self.failed.emit(error)


class _Runnable(QRunnable):
    def __init__(self, job: Job):
        super().__init__()
        self._job = job

    def run(self) -> None:
        self._job.run()


class JobRunner:
    def __init__(self) -> None:
        self._running: set[Job] = set()

    def start(self, job: Job) -> None:
        self._running.add(job)
        for signal in (job.finished, job.failed):
            signal.connect(lambda _value, j=job: self._running.discard(j))
        job.cancelled.connect(lambda j=job: self._running.discard(j))
        QThreadPool.globalInstance().start(_Runnable(job))


class SyncJobRunner(JobRunner):
    def start(self, job: Job) -> None:
        job.run()


def run_with_progress(parent: QWidget, jobs: JobRunner, generator: Generator[Any, None, Any],
                      title: str, on_done, on_error) -> QProgressDialog:
    """Run ``generator`` as a ``Job`` behind a window-modal progress dialog whose Cancel button
    cancels it; ``on_done(result)`` or ``on_error(exception)`` once it ends (nothing when it
    was cancelled). The dialog is returned (tests look at it)."""
    job = Job(generator, title=title)  # not parented: it may outlive its widget meanwhile
    progress = QProgressDialog(title, parent.tr("Cancel"), 0, 0, parent)
    progress.setWindowModality(Qt.WindowModality.WindowModal)
    progress.setMinimumDuration(300)
    progress.setAutoClose(False)
    progress.setAutoReset(False)
    progress.canceled.connect(job.cancel)

    def on_progress(done: int, total: int, message: str) -> None:
        progress.setMaximum(total)
        progress.setValue(done)
        progress.setLabelText(message)

    def close() -> None:
        progress.canceled.disconnect(job.cancel)
        progress.close()
        job.deleteLater()

    job.progressed.connect(on_progress)
    job.finished.connect(lambda result: (close(), on_done(result)))
    job.failed.connect(lambda error: (close(), on_error(error)))
    job.cancelled.connect(close)
    jobs.start(job)
    return progress
