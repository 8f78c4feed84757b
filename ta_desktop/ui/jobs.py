"""Long core work (generators that yield ``Progress``) run off the GUI thread, cancellable.

``JobRunner.start(job)`` runs a ``Job`` on the global QThreadPool; its signals arrive on the GUI
thread. ``SyncJobRunner`` runs it at once, for tests. Cancelling sets a flag the worker reads
between steps and closes the generator, so the core cleans up after itself.
"""

from __future__ import annotations

import threading
from collections.abc import Generator
from typing import Any

from PySide6.QtCore import QObject, QRunnable, QThreadPool, Signal


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
