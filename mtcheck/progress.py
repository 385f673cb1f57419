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


class Progress:
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

    def close(self) -> None:
        if self.enabled:
            sys.stderr.write("\r" + " " * 60 + "\r")
            sys.stderr.flush()
