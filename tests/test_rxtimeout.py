"""Rule regexes have a time limit: a catastrophically backtracking pattern is stopped,
reported and skipped, whether ``regex``'s own timeout or the command line's alarm clock
(mtcheck/rxtimeout.py) enforces it.  Each case runs in a fresh interpreter: the alarm
installs a SIGALRM handler, which belongs to that process alone."""

from __future__ import annotations

import json
import os
import subprocess
import sys
import textwrap
import time
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent

pytestmark = pytest.mark.skipif(not hasattr(__import__("signal"), "setitimer"), reason="no setitimer here")

# Backtracks on every word: never finishes on a few thousand words.
CATASTROPHIC = r"(\w+)(?:\s+\w+)*\s+\1\d"


def _python(code: str, timeout: float = 60) -> subprocess.CompletedProcess:
    return subprocess.run([sys.executable, "-c", textwrap.dedent(code)], cwd=ROOT, capture_output=True,
                          text=True, timeout=timeout)


def test_the_alarm_stops_a_runaway_search_and_searches_go_on():
    out = _python(f"""
        import os, signal, time, regex
        from mtcheck import rxtimeout
        assert rxtimeout.use_alarm()
        rx = regex.compile({CATASTROPHIC!r})
        text = "abcdefghij " * 3000
        def stopped():
            t = time.perf_counter()
            try:
                rxtimeout.findall(rx, text, 0.3)
            except TimeoutError:
                return time.perf_counter() - t
            return None
        took = stopped()
        ok = regex.compile(r"\\b(\\w)(\\w*)")
        same = rxtimeout.findall(ok, "Ivan said so. Olga agreed.", 2.0)
        assert [m.span() for m in same] == [m.span() for m in ok.finditer("Ivan said so. Olga agreed.")]
        time.sleep(0.6)   # ticks with no search running do nothing
        pid = os.fork()
        if pid == 0:      # a forked worker: the timer is not inherited; its own starts
            took_child = stopped()
            os._exit(0 if took_child is not None and took_child < 1.5 else 1)
        _, status = os.waitpid(pid, 0)
        print(round(took, 2), os.waitstatus_to_exitcode(status), signal.getsignal(signal.SIGALRM) is rxtimeout._on_alarm)
    """)
    assert out.returncode == 0, out.stderr
    took, child, ours = out.stdout.split()
    assert 0.3 <= float(took) < 1.5
    assert child == "0" and ours == "True"


def test_a_program_with_its_own_sigalrm_keeps_it_and_regex_times_out():
    out = _python(f"""
        import signal, regex
        from mtcheck import rxtimeout
        mine = lambda s, f: None
        signal.signal(signal.SIGALRM, mine)
        print(rxtimeout.use_alarm(), signal.getsignal(signal.SIGALRM) is mine)
        try:
            rxtimeout.findall(regex.compile({CATASTROPHIC!r}), "abcdefghij " * 3000, 0.3)
        except TimeoutError:
            print("timed out")
    """)
    assert out.returncode == 0, out.stderr
    assert out.stdout.split() == ["False", "True", "timed", "out"]


def test_library_use_keeps_regex_timeout():
    out = _python("""
        from mtcheck import rxtimeout
        import mtcheck.api, signal
        print(rxtimeout._alarm, signal.getsignal(signal.SIGALRM) is signal.SIG_DFL)
    """)
    assert out.stdout.split() == ["False", "True"]


def test_a_runaway_user_rule_is_reported_and_skipped_by_the_command(tmp_path):
    """End to end: `mtcheck lint` with a user rule that never finishes on this article
    ends in seconds, says which rule timed out where, and reports the other rules'
    findings as usual."""
    rules = tmp_path / "rules"
    rules.mkdir()
    (rules / "slow.yml").write_text(textwrap.dedent(f"""\
        rules:
          - code: MT990
            name: runaway-pattern
            category: garbled
            severity: warning
            kind: existence
            pattern: '{CATASTROPHIC}'
            message: "never reached"
            why: A pattern that backtracks on every word, to test the time limit.
            examples:
              bad: ["abc def abc1"]
              good: ["Nothing repeats here."]
        """), encoding="utf-8")
    article = tmp_path / "story.txt"
    article.write_text("The talks in USA ended on Friday.\n" + "abcdefghij " * 3000 + "\n", encoding="utf-8")
    env = dict(os.environ)
    env.pop("MTCHECK_NO_RULE_CACHE", None)
    env["XDG_CACHE_HOME"] = str(tmp_path / "cache")
    t = time.perf_counter()
    out = subprocess.run([sys.executable, "-m", "mtcheck", "lint", "--no-cache", "--languagetool", "off",
                          "--rules-dir", str(rules), "--format", "json", str(article)],
                         cwd=ROOT, env=env, capture_output=True, text=True, timeout=120)
    took = time.perf_counter() - t
    assert out.returncode == 1, out.stderr
    assert "rule MT990 timed out on" in out.stderr and "story.txt" in out.stderr
    codes = [f["rule"] for f in json.loads(out.stdout)["files"][0]["findings"]]
    assert "MT701" in codes and "MT990" not in codes
    assert took < 30


def test_a_normal_exit_after_searches_is_not_killed_by_the_timer():
    """A process that searched ends with its own exit status even when tearing the
    interpreter down takes many ticks: Python resets SIGALRM to its default (death)
    during teardown, so the timer must be stopped before that (found when a benchmark
    that returns normally died with SIGALRM)."""
    out = _python("""
        import regex
        from mtcheck import rxtimeout
        rxtimeout.TICK = 0.001            # a tick every millisecond
        assert rxtimeout.use_alarm()
        assert [m.group() for m in rxtimeout.findall(regex.compile(r"\\w+"), "a b", 2.0)] == ["a", "b"]
        keep = [[i] for i in range(2_000_000)]   # freed at teardown: many milliseconds
        print("done")
    """)
    assert out.returncode == 0, (out.returncode, out.stderr)
    assert out.stdout.split() == ["done"]
