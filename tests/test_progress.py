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


def _stderr(*args: str, tty: bool, env: dict | None = None, command: tuple[str, ...] = ("lint", "--no-cache")) -> bytes:
    """Run `mtcheck lint ARGS` (or another *command*) with stderr on a terminal (a
    pseudo-terminal) or a pipe."""
    full = {k: v for k, v in os.environ.items() if k != "PRE_COMMIT"}   # (tests may run under it)
    full.update(NO_COLOR="1", **(env or {}))
    cmd = [sys.executable, "-m", "mtcheck", *command, *args]
    if command[0] != "entities":
        cmd[4:4] = ["--languagetool", "off"]
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


SCORE = ("score",)
ENTITIES = ("entities",)


def test_score_has_the_same_flags_and_defaults(forty, tmp_path):
    assert BAR in _stderr(str(forty), tty=True, command=SCORE)
    assert BAR not in _stderr(str(forty), tty=False, command=SCORE)
    assert BAR not in _stderr("--no-progress", str(forty), tty=True, command=SCORE)
    assert BAR in _stderr("--progress", str(forty), tty=False, command=SCORE)
    assert BAR not in _stderr("--format", "json", str(forty), tty=True, command=SCORE)
    assert BAR in _stderr("--format", "json", "-o", str(tmp_path / "s.json"), str(forty), tty=True, command=SCORE)
    assert BAR not in _stderr(str(forty), tty=True, env={"PRE_COMMIT": "1"}, command=SCORE)


def test_score_json_on_stdout_stays_clean_with_progress(forty):
    """--progress draws on stderr only: the JSON on stdout still parses."""
    import json
    full = {k: v for k, v in os.environ.items() if k != "PRE_COMMIT"}
    r = subprocess.run([sys.executable, "-m", "mtcheck", "score", "--languagetool", "off", "--progress",
                        "--format", "json", str(forty)], cwd=ROOT, env=full, capture_output=True, timeout=120)
    assert BAR in r.stderr
    assert len(json.loads(r.stdout)["files"]) == 40


def test_entities_has_the_same_flags_and_defaults(forty):
    assert BAR in _stderr(str(forty), tty=True, command=ENTITIES)
    assert BAR not in _stderr(str(forty), tty=False, command=ENTITIES)
    assert BAR not in _stderr("--no-progress", str(forty), tty=True, command=ENTITIES)
    assert BAR in _stderr("--progress", "--jobs", "2", str(forty), tty=False, command=ENTITIES)
    for fmt in ("json", "csv"):
        assert BAR not in _stderr("--format", fmt, str(forty), tty=True, command=ENTITIES)
