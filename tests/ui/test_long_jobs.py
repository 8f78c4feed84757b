"""Closing the app during a long job asks, cancels cleanly and leaves no partial output."""

import threading

from ta_desktop.core.domain.evidence import Progress
from ta_desktop.ui.jobs import JobRunner, run_with_progress, running_jobs


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
