"""The progress bar: on stderr, for long runs in a terminal, never in a machine-readable
report on standard output or under pre-commit; --progress / --no-progress decide."""

from __future__ import annotations

import os
import subprocess
import sys

import pytest

from conftest import ROOT, SEEDS

BAR = b"files"   # the bar reads "[####....] 12/40 files"


@pytest.fixture(scope="module")
def forty(tmp_path_factory):
    d = tmp_path_factory.mktemp("forty")
    text = sorted(SEEDS.glob("*.txt"))[0].read_text(encoding="utf-8")
    for i in range(40):
        (d / f"{i:02d}.txt").write_text(text, encoding="utf-8")
    return d


def _stderr(*args: str, tty: bool, env: dict | None = None) -> bytes:
    """Run `mtcheck lint ARGS` with stderr on a terminal (a pseudo-terminal) or a pipe."""
    full = {k: v for k, v in os.environ.items() if k != "PRE_COMMIT"}   # (tests may run under it)
    full.update(NO_COLOR="1", **(env or {}))
    cmd = [sys.executable, "-m", "mtcheck", "lint", "--no-cache", "--languagetool", "off", *args]
    if not tty:
        return subprocess.run(cmd, cwd=ROOT, env=full, capture_output=True, timeout=120).stderr
    import pty
    main, sub = pty.openpty()
    try:
        subprocess.run(cmd, cwd=ROOT, env=full, stdout=subprocess.DEVNULL, stderr=sub, timeout=120)
        os.close(sub)
        out = b""
        while True:
            try:
                chunk = os.read(main, 65536)
            except OSError:   # EIO: the terminal's other side is closed and drained
                break
            if not chunk:
                break
            out += chunk
        return out
    finally:
        os.close(main)


pytestmark = pytest.mark.skipif(sys.platform == "win32", reason="pseudo-terminals are POSIX")


def test_text_in_a_terminal_shows_the_bar_and_a_pipe_does_not(forty):
    assert BAR in _stderr(str(forty), tty=True)
    assert BAR not in _stderr(str(forty), tty=False)


def test_flags_decide(forty):
    assert BAR not in _stderr("--no-progress", str(forty), tty=True)
    assert BAR in _stderr("--progress", str(forty), tty=False)   # asked for: also into a log


def test_machine_readable_stdout_gets_none_unless_asked_a_file_does(forty, tmp_path):
    for fmt in ("json", "sarif"):
        assert BAR not in _stderr("--format", fmt, str(forty), tty=True)
        assert BAR in _stderr("--format", fmt, "--progress", str(forty), tty=True)
    assert BAR in _stderr("--format", "html", "-o", str(tmp_path / "r.html"), str(forty), tty=True)


def test_never_under_pre_commit(forty):
    assert BAR not in _stderr(str(forty), tty=True, env={"PRE_COMMIT": "1"})
