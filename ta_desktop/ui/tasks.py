"""Run slow work off the GUI thread and hand the result back on it.

``TaskRunner.run(func, on_done, on_error)`` uses the global QThreadPool; ``SyncTaskRunner`` runs
the same calls at once, for tests. Keep database writes on the GUI thread's services: SQLite
wants one writer.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from PySide6.QtCore import QObject, QRunnable, QThreadPool, Signal


class _Relay(QObject):
    finished = Signal(object)
    failed = Signal(object)


class _Task(QRunnable):
    def __init__(self, func: Callable[[], Any], relay: _Relay):
        super().__init__()
        self._func = func
        self._relay = relay

    def run(self) -> None:
        try:
            result = self._func()
        except Exception as error:  # handed to the GUI thread, never swallowed
            self._relay.failed.emit(error)
        else:
            self._relay.finished.emit(result)


class TaskRunner:
    def __init__(self) -> None:
        self._relays: set[_Relay] = set()

    def run(
        self,
        func: Callable[[], Any],
        on_done: Callable[[Any], None],
        on_error: Callable[[Exception], None] | None = None,
    ) -> None:
        relay = _Relay()
        self._relays.add(relay)

        def finish(handler, value):
            self._relays.discard(relay)
            if handler is not None:
                handler(value)
            elif isinstance(value, Exception):
                raise value

        relay.finished.connect(lambda value: finish(on_done, value))
        relay.failed.connect(lambda error: finish(on_error, error))
        QThreadPool.globalInstance().start(_Task(func, relay))


class SyncTaskRunner(TaskRunner):
    def run(self, func, on_done, on_error=None) -> None:
        try:
            result = func()
        except Exception as error:
            if on_error is None:
                raise
            on_error(error)
        else:
            on_done(result)
