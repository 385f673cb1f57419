"""Shared fixtures: the repository root, the seeds, and a CLI runner that never needs a shell."""

from __future__ import annotations

import atexit
import os
import shutil
import subprocess
import sys
import tempfile
from pathlib import Path

import pytest

# The suite's start-up caches (parsed rules, memos, stored regex programs) live in a
# directory of its own, shared by every test and subprocess of the session and deleted at
# its end: never the developer's ~/.cache/mtcheck, which the throw-away patterns of the
# tests would otherwise fill (and every later run would read them).
_CACHE_HOME = tempfile.mkdtemp(prefix="mtcheck-tests-cache-")
# pip follows XDG_CACHE_HOME too: keep its wheel cache (the pre-commit test installs the
# hook's environment with pip)
os.environ.setdefault("PIP_CACHE_DIR", str(Path(os.environ.get("XDG_CACHE_HOME") or Path.home() / ".cache") / "pip"))
os.environ["XDG_CACHE_HOME"] = _CACHE_HOME
atexit.register(shutil.rmtree, _CACHE_HOME, True)

ROOT = Path(__file__).resolve().parent.parent
SEEDS = ROOT / "seeds"
DATA = Path(__file__).resolve().parent / "data"


@pytest.fixture
def root() -> Path:
    return ROOT


def run_cli(*args: str, cwd: Path | None = None, stdin: bytes | None = None, env: dict | None = None):
    """Run `python -m mtcheck.cli ARGS` in a subprocess (real exit codes, real stdout/stderr)."""
    import os
    full_env = dict(os.environ)
    full_env.pop("MTCHECK_LANGUAGETOOL_URL", None)
    full_env["NO_COLOR"] = "1"
    # the mtcheck of this checkout, also with another cwd: `-m` puts the cwd first on
    # sys.path, and from a temporary folder an installed mtcheck (another checkout's
    # editable install) was found instead, so those tests ran someone else's code
    full_env["PYTHONPATH"] = os.pathsep.join(filter(None, [str(ROOT), full_env.get("PYTHONPATH")]))
    if env:
        full_env.update(env)
    return subprocess.run([sys.executable, "-m", "mtcheck.cli", *args], cwd=cwd or ROOT, input=stdin,
                          capture_output=True, env=full_env, timeout=300)


@pytest.fixture
def cli():
    return run_cli


_RULE_LINTERS: dict[str, object] = {}


def rule_findings(select: str, text: str) -> list:
    """The findings of the rules *select* names (a code or prefix, "MT405", "MT6") in
    *text*, LanguageTool off: the one linter per selection is built once per session."""
    linter = _RULE_LINTERS.get(select)
    if linter is None:
        from mtcheck.api import Linter
        from mtcheck.config import Config
        linter = _RULE_LINTERS[select] = Linter(Config(select=(select,), languagetool="off"),
                                                {"languagetool": "off"})
    return linter.lint_text(text)


@pytest.fixture(params=["automaton", "c"])
def literal_search(request, monkeypatch):
    """Run a test with each one-pass literal search (checks/literals.one_pass): the
    C module's, and the Aho-Corasick automaton that serves without it (the C one turned
    off).  The "c" case skips where the C module is not in use."""
    from mtcheck.checks import literals
    if request.param == "automaton":
        monkeypatch.setattr(literals, "_NATIVE", None)
    elif literals._NATIVE is None:
        pytest.skip("the C module is not in use here")
    return request.param
