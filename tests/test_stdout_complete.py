"""A big report written to a pipe whose reader is slower than mtcheck arrives whole.

The rule-regex timer ticks with SIGALRM (rxtimeout) until the process exits; a tick
that interrupted the blocked write of the report made Python's buffered writer return
a short count, which sys.stdout.write ignores: the report was cut at a 64 KiB boundary,
silently, with the usual exit status.  `python -m mtcheck` (the real command, which
arms the timer), not `python -m mtcheck.cli`."""

from __future__ import annotations

import json
import os
import subprocess
import sys
import time

import pytest

from conftest import ROOT

pytestmark = pytest.mark.skipif(sys.platform == "win32", reason="SIGALRM is POSIX")


def _slow_read(args: list[str], stdin: bytes | None = None) -> tuple[int, bytes]:
    """Run mtcheck; once it has started writing (the first byte is here and the pipe is
    full), wait a second, several ticks of the timer, before reading the rest."""
    env = {**os.environ, "NO_COLOR": "1", "PYTHONPATH": str(ROOT)}
    p = subprocess.Popen([sys.executable, "-m", "mtcheck", *args], cwd=ROOT, env=env,
                         stdin=subprocess.PIPE if stdin is not None else subprocess.DEVNULL,
                         stdout=subprocess.PIPE, stderr=subprocess.DEVNULL)
    if stdin is not None:
        p.stdin.write(stdin)
        p.stdin.close()
    first = p.stdout.read(1)
    time.sleep(1.0)
    rest = p.stdout.read()
    return p.wait(timeout=300), first + rest


@pytest.fixture(scope="module")
def big(tmp_path_factory):
    path = tmp_path_factory.mktemp("big") / "story.txt"
    path.write_text("The president Donald trump spoke. " * 3000 + "\n", encoding="utf-8")
    return path


def test_json_report_arrives_whole(big):
    code, out = _slow_read(["lint", "--no-cache", "--languagetool", "off", "--format", "json", str(big)])
    assert code == 1
    assert len(json.loads(out)["files"][0]["findings"]) == 3000


def test_text_report_arrives_whole(big):
    code, out = _slow_read(["lint", "--no-cache", "--languagetool", "off", str(big)])
    assert code == 1
    assert out.endswith(b"Found 3000 findings in 1 file (3000 fixable with `mtcheck fix --write`).\n")


def test_fixed_standard_input_arrives_whole(big):
    data = big.read_bytes()
    code, out = _slow_read(["fix", "--languagetool", "off", "-"], stdin=data)
    assert code == 1
    assert out == data.replace(b"Donald trump", b"Donald Trump")
