"""recache stores what ``re`` compiles in a command-line run and primes ``re``'s cache
with it in the next: the primed patterns must be the patterns ``re`` would build, and
the command's output must not change."""

from __future__ import annotations

import json
import marshal
import os
import re
import subprocess
import sys
from pathlib import Path

import pytest

from mtcheck import recache

ROOT = Path(__file__).resolve().parent.parent

pytestmark = pytest.mark.skipif(not recache._supported(), reason="re internals differ on this Python")


def _run(args: list[str], env: dict) -> subprocess.CompletedProcess:
    return subprocess.run([sys.executable, "-m", "mtcheck", *args], env=env, cwd=ROOT,
                          capture_output=True, text=True)


def test_second_run_is_primed_and_answers_alike(tmp_path):
    env = dict(os.environ, XDG_CACHE_HOME=str(tmp_path))
    env.pop("MTCHECK_NO_RULE_CACHE", None)
    args = ["lint", "--no-cache", "--languagetool", "off", "--format", "json", "seeds"]
    first, second = _run(args, env), _run(args, env)
    assert first.returncode == second.returncode == 1, first.stderr
    assert first.stdout == second.stdout and json.loads(first.stdout)["files"]
    stored = list((tmp_path / "mtcheck").glob("recache-*.marshal"))
    assert len(stored) == 1
    programs = marshal.loads(stored[0].read_bytes())["programs"]
    assert len(programs) >= 30   # our modules' patterns at least
    # every stored program builds the pattern re's own compiler builds
    import _sre
    for (pattern, flags), args in programs.items():
        primed = _sre.compile(*args)
        fresh = re._compiler.compile(pattern, flags)
        assert (primed.pattern, primed.flags, primed.groups, primed.groupindex) == \
               (fresh.pattern, fresh.flags, fresh.groups, fresh.groupindex), pattern
        sample = "Mr. Smith said: “It's 10:30 on July 21,” – see https://example.com/a #tag @user."
        if isinstance(pattern, str):
            assert [m.span() for m in primed.finditer(sample)] == [m.span() for m in fresh.finditer(sample)]


def test_primed_run_compiles_nothing_it_stored(tmp_path):
    """In the second run the CLI's patterns come from the cache: re's compiler is not
    called for any stored pattern."""
    env = dict(os.environ, XDG_CACHE_HOME=str(tmp_path))
    env.pop("MTCHECK_NO_RULE_CACHE", None)
    code = (
        "import sys, re._compiler as C\n"
        "calls = []\n"
        "orig = C.compile\n"
        "C.compile = lambda p, f=0: (calls.append(p), orig(p, f))[1]\n"
        "from mtcheck import recache\n"
        "recache.prime()\n"
        "calls.clear()   # recache's own imports (pathlib -> urllib.parse) compile before it primes\n"
        "from mtcheck import cli\n"
        "import atexit\n"
        "atexit.register(lambda: sys.stderr.write('COMPILED %d\\n' % len(calls)))\n"
        "sys.argv = ['mtcheck', 'lint', '--no-cache', '--languagetool', 'off', 'seeds']\n"
        "cli.main()\n"
    )
    runs = [subprocess.run([sys.executable, "-c", code], env=env, cwd=ROOT, capture_output=True, text=True)
            for _ in range(2)]
    counts = [int(r.stderr.rsplit("COMPILED ", 1)[1].split()[0]) for r in runs]
    assert counts[0] >= 30 and counts[1] == 0, counts


def test_importing_the_cli_does_not_prime(tmp_path):
    env = dict(os.environ, XDG_CACHE_HOME=str(tmp_path))
    code = "import mtcheck.cli, mtcheck.recache as r; print(len(r._primed))"
    out = subprocess.run([sys.executable, "-c", code], env=env, cwd=ROOT, capture_output=True, text=True)
    assert out.stdout.strip() == "0" and not list(tmp_path.glob("**/recache-*"))


def test_each_command_primes_only_its_own_patterns(tmp_path):
    """The patterns a --help compiles (rich's) go to a file of their own: a later lint
    primes what lint runs compile, not everything any command ever did."""
    env = dict(os.environ, XDG_CACHE_HOME=str(tmp_path))
    env.pop("MTCHECK_NO_RULE_CACHE", None)
    lint = ["lint", "--no-cache", "--languagetool", "off", "seeds"]
    _run(lint, env)
    _run(["--help"], env)
    _run(["lint", "--help"], env)
    files = {f: marshal.loads(f.read_bytes())["programs"] for f in (tmp_path / "mtcheck").glob("recache-*.marshal")}
    assert len(files) == 2   # lint's, and the one for anything that is not a command name
    sizes = sorted(map(len, files.values()))
    code = ("import sys\nfrom mtcheck import recache\nrecache.prime(sys.argv[1])\n"
            "print(len(recache._primed))\n")
    primed = subprocess.run([sys.executable, "-c", code, "lint"], env=env, cwd=ROOT, capture_output=True,
                            text=True).stdout.strip()
    assert int(primed) in sizes and int(primed) < sum(sizes)


def test_command_names_match_the_cli():
    from mtcheck import cli
    from mtcheck.commands import NAMES
    assert set(NAMES) == set(cli._COMMANDS)
