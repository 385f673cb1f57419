"""Shared fixtures: the repository root, the seeds, and a CLI runner that never needs a shell."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pytest

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
    if env:
        full_env.update(env)
    return subprocess.run([sys.executable, "-m", "mtcheck.cli", *args], cwd=cwd or ROOT, input=stdin,
                          capture_output=True, env=full_env, timeout=300)


@pytest.fixture
def cli():
    return run_cli
