"""PySide6, imported without its per-import source reading.

Importing PySide6 replaces ``__import__`` with a hook (for ``from __feature__ import
snake_case``) that, for every module imported afterwards, reads the module's whole source with
``inspect.getsource`` to see whether it mentions PySide6, and keeps it in ``linecache``. The app
selects no feature, so every module is treated as one that uses PySide6 without any feature
(what the hook decides for the app's own Qt modules anyway) and no source is read: start-up
loses some 8 MiB and the time spent reading sources. Imported by the app before anything else
from PySide6; when a PySide6 version lacks the private function, nothing changes.
"""

from __future__ import annotations

import sys
from types import ModuleType

import PySide6  # noqa: F401  (installs the import hook this module tames)


def _uses_pyside(_module: ModuleType) -> bool:
    return True


_feature = sys.modules.get("shibokensupport.feature")
if _feature is not None and callable(getattr(_feature, "_mod_uses_pyside", None)):
    _feature._mod_uses_pyside = _uses_pyside
