"""Messages for the inspector: an error becomes words (Thai and English), never a traceback.

``Notices.report(error)`` logs the traceback for whoever reads the log and keeps the words;
the view shows the current notice in a banner until it is closed or replaced.
"""

from __future__ import annotations

import logging
import sqlite3
from dataclasses import dataclass

import flet as ft

from field_audit.domain.errors import DomainError, RecordError
from field_audit.storage.errors import AuditLocked, NotFound, StorageError
from field_audit.ui.i18n import tr

logger = logging.getLogger("field_audit.ui")


@dataclass(frozen=True)
class Notice:
    """One message in both languages; ``serial`` tells two equal messages apart."""

    th: str
    en: str
    serial: int

    def text(self, language: str) -> str:
        return self.en if language == "en" else self.th


LOGGED_AS_SHOWN = "shown to the inspector as a notice"
"""The log line before the traceback of an error the inspector was shown in words."""


@dataclass
class Notices(ft.Observable):
    current: Notice | None = None

    def report(self, error: Exception) -> None:
        """Show ``error`` in words; the traceback goes to the log only."""
        logger.error(LOGGED_AS_SHOWN, exc_info=error)
        if isinstance(error, RecordError):  # the rule has its own words in both languages
            self.tell(error.th, str(error))
            return
        key, values = describe(error)
        self.say(key, **values)

    def say(self, key: str, **values: object) -> None:
        self.tell(tr(key, "th", **values), tr(key, "en", **values))

    def tell(self, th: str, en: str) -> None:
        serial = self.current.serial + 1 if self.current else 1
        self.current = Notice(th, en, serial)

    def dismiss(self) -> None:
        self.current = None


def describe(error: Exception) -> tuple[str, dict[str, object]]:
    """The translation key (and its values) that explains ``error`` to an inspector."""
    if isinstance(error, AuditLocked):
        return "error.locked", {}
    if isinstance(error, NotFound):
        return "error.not_found", {"what": f"{error.kind} {error.key}"}
    if isinstance(error, DomainError | StorageError):
        return "error.rule", {"detail": str(error)}
    if _is_disk_error(error):
        return "error.disk", {}
    return "error.unexpected", {}


def _is_disk_error(error: Exception) -> bool:
    """SQLite or the file system refused; the database layer wraps SQLite's error as ``orig``."""
    cause = getattr(error, "orig", None)
    return isinstance(error, sqlite3.Error | OSError) or isinstance(cause, sqlite3.Error)
