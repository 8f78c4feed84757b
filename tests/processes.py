"""Other processes for tests: Python with this checkout first on its path (not an installed
copy of the app), started from the checkout's root."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent


def python(*args: str, **kwargs) -> subprocess.Popen:
    """``python *args`` with pipes for stdin and stdout (text, line-buffered)."""
    path = os.pathsep.join(filter(None, [str(ROOT), os.environ.get("PYTHONPATH")]))
    return subprocess.Popen(
        [sys.executable, *args], cwd=ROOT, env={**os.environ, "PYTHONPATH": path},
        stdin=subprocess.PIPE, stdout=subprocess.PIPE, text=True, bufsize=1, **kwargs)
