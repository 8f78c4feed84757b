"""Long core work (generators that yield ``Progress``) run off the GUI thread, cancellable.

``JobRunner.start(job)`` runs a ``Job`` on the global QThreadPool; its signals arrive on the GUI
thread. ``SyncJobRunner`` runs it at once, for tests. Cancelling sets a flag the worker reads
between steps and closes the generator, so the core cleans up after itself.
"""

from __future__ import annotations

import threading
from collections.abc import Generator
from typing import Any

from PySide6.QtCore import QObject, QRunnable, Qt, QThreadPool, Signal
from PySide6.QtWidgets import QProgressDialog, QWidget


class Job(QObject):
    progressed = Signal(int, int, str)  # done, total, what is happening
    finished = Signal(object)  # the generator's return value
    failed = Signal(object)  # the exception
    cancelled = Signal()

    def __init__(self, generator: Generator[Any, None, Any], parent: QObject | None = None):
        super().__init__(parent)
        self._generator = generator
        self._stop = threading.Event()

    def cancel(self) -> None:
        self._stop.set()

    def run(self) -> None:
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
    job = Job(generator)  # not parented: it may outlive its widget while its thread ends
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
