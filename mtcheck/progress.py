"""A minimal progress bar on stderr, for long runs in a terminal only.

Never drawn when stderr is not a terminal, under pre-commit (which sets PRE_COMMIT=1),
or when the caller turned it off: machine-readable output must stay clean.
"""

from __future__ import annotations

import os
import sys
import time


def wanted(flag: bool | None, total: int) -> bool:
    """--progress forces the bar, --no-progress (False) forbids it; by default (None) it
    shows for runs of 20 files or more when stderr is a terminal, never under pre-commit."""
    if flag is not None:
        return flag
    if total < 20 or os.environ.get("PRE_COMMIT"):
        return False
    return bool(getattr(sys.stderr, "isatty", lambda: False)())


def for_report(flag: bool | None, total: int, machine_readable: bool, to_file: bool) -> "Progress":
    """The bar of a command that writes a report: as ``wanted``, except that a
    machine-readable report (JSON, SARIF, CSV...) on standard output gets none unless
    --progress asks for one, since whoever reads it is usually a program.  Shared by
    lint, score and entities so the three behave alike."""
    if machine_readable and not to_file and flag is None:
        flag = False
    return Progress(total, wanted(flag, total))


class Progress:
    """``[####....] 12/40 files`` redrawn in place on stderr (at most 10 times a second)."""

    def __init__(self, total: int, enabled: bool) -> None:
        self.total, self.enabled, self.done = total, enabled, 0
        self._last = 0.0

    def step(self, n: int = 1) -> None:
        self.done += n
        if not self.enabled:
            return
        now = time.monotonic()
        if now - self._last < 0.1 and self.done < self.total:
            return
        self._last = now
        width = 30
        filled = int(width * self.done / max(self.total, 1))
        sys.stderr.write(f"\r[{'#' * filled}{'.' * (width - filled)}] {self.done}/{self.total} files")
        sys.stderr.flush()

    def clear(self) -> None:
        """Wipe the bar (the next step redraws it): call before writing to a terminal,
        so a report streamed to stdout does not land after the bar's text on its line."""
        if self.enabled and self.done:
            sys.stderr.write("\r" + " " * 60 + "\r")
            sys.stderr.flush()
            self._last = 0.0

    def close(self) -> None:
        """Wipe the bar for good (safe to call twice: later steps draw nothing)."""
        if self.enabled:
            sys.stderr.write("\r" + " " * 60 + "\r")
            sys.stderr.flush()
            self.enabled = False
