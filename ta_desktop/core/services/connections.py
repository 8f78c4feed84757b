"""Where a team's database is: server URLs without their password, and the password kept in the
system keyring (the ``keyring`` package), never in plain settings.

A URL is remembered as typed minus its password (``postgresql+psycopg://anna@db.local/ta``); the
password is stored under that URL in the keyring and put back when the connection is opened. On
a computer without a keyring backend (a bare Linux server, a container) nothing is stored: the
app asks for the password each time and says so.
"""

from __future__ import annotations

import logging

from sqlalchemy.engine import make_url
from sqlalchemy.exc import ArgumentError

from ta_desktop.core.domain.errors import StorageError

log = logging.getLogger(__name__)

KEYRING_SERVICE = "TA Desktop database"


def is_server(target: str) -> bool:
    """A URL of a database server (as opposed to a file path or a SQLite URL)."""
    return "://" in target and not target.startswith("sqlite")


def _url(target: str):
    try:
        return make_url(target)
    except ArgumentError:
        raise StorageError(f"'{target}' is not a database URL SQLAlchemy understands.") from None


def without_password(target: str) -> tuple[str, str | None]:
    """The URL to remember (no password in it) and the password it carried, if any."""
    if not is_server(target):
        return target, None
    url = _url(target)
    # URL.set() ignores None; a URL is a named tuple, so _replace takes the password out.
    return url._replace(password=None).render_as_string(hide_password=False), url.password


def with_password(target: str, password: str | None) -> str:
    if not password or not is_server(target):
        return target
    return _url(target).set(password=password).render_as_string(hide_password=False)


def needs_password(target: str) -> bool:
    return is_server(target) and _url(target).password is None


class PasswordStore:
    """The system keyring, or nothing where this computer has none."""

    def __init__(self, backend=None, *, system: bool = True):
        """``backend``: a keyring backend to use; by default the system's (none with
        ``system=False``, or where the system has none), looked up when first needed: opening
        a database file needs no keyring, and loading one takes start-up time."""
        self._given = backend
        self._system = system and backend is None
        self._found = False

    @property
    def _backend(self):
        if self._system and not self._found:
            self._found = True
            try:
                import keyring
                from keyring.backends import fail
            except ImportError:  # installed without the postgres extra
                return None
            found = keyring.get_keyring()
            self._given = None if isinstance(found, fail.Keyring) else found
        return self._given

    @property
    def available(self) -> bool:
        return self._backend is not None

    def get(self, target: str) -> str | None:
        if not self.available:
            return None
        try:
            return self._backend.get_password(KEYRING_SERVICE, without_password(target)[0])
        except Exception as error:  # a locked or broken keyring: ask instead
            log.warning("keyring read failed: %s", error)
            return None

    def put(self, target: str, password: str) -> bool:
        """Remember ``password`` for ``target``; False where there is no keyring."""
        if not self.available:
            return False
        try:
            self._backend.set_password(KEYRING_SERVICE, without_password(target)[0], password)
        except Exception as error:
            log.warning("keyring write failed: %s", error)
            return False
        return True

    def forget(self, target: str) -> None:
        if self.available:
            try:
                self._backend.delete_password(KEYRING_SERVICE, without_password(target)[0])
            except Exception as error:  # nothing stored: nothing to forget
                log.info("keyring delete: %s", error)

    def complete(self, target: str | None) -> str | None:
        """``target`` with its stored password put back when it names a server without one."""
        if target is None or not needs_password(target):
            return target
        return with_password(target, self.get(target))
