"""The console entry point ends the process without interpreter teardown (console.finish):
output complete, exit codes as Click gives them, and atexit work (the disk memos) done."""

from __future__ import annotations

import json

from conftest import SEEDS, run_cli

SEED = str(SEEDS / "003_89b6859ef618faba.txt")


def test_output_exit_code_and_memos_survive_the_fast_exit(tmp_path):
    env = {"XDG_CACHE_HOME": str(tmp_path)}
    r = run_cli("lint", "--no-cache", "--languagetool", "off", "--format", "json", SEED, env=env)
    assert r.returncode == 1                                   # findings
    report = json.loads(r.stdout)                              # the whole JSON was flushed
    assert report["files"][0]["findings"]
    written = {p.name.split("-")[0] for p in (tmp_path / "mtcheck").iterdir()}
    assert {"regexprog", "casing", "rules"} <= written         # atexit handlers ran


def test_usage_error_and_clean_exit_codes(tmp_path):
    assert run_cli("lint", "--no-such-option", SEED).returncode == 2
    clean = tmp_path / "clean.txt"
    clean.write_text("The minister said the talks would resume on Monday.\n", encoding="utf-8")
    r = run_cli("lint", "--languagetool", "off", str(clean))
    assert r.returncode == 0 and b"Found 0 findings" in r.stdout


def test_an_internal_error_exits_2_not_1(tmp_path):
    """An uncaught exception left Python's exit status 1, which means "findings" to a
    script or CI job; an internal error is exit 2 (as in ruff), with its traceback."""
    import subprocess
    import sys

    from conftest import ROOT
    code = ("import sys\n"
            "import mtcheck.runner as r\n"
            "def boom(*a, **k):\n"
            "    raise RuntimeError('boom')\n"
            "r.Runner.files = boom\n"
            f"sys.argv = ['mtcheck', 'lint', '--languagetool', 'off', {SEED!r}]\n"
            "from mtcheck.cli import main\n"
            "main()\n")
    r = subprocess.run([sys.executable, "-c", code], cwd=tmp_path, capture_output=True, timeout=120,
                       env={**__import__("os").environ, "PYTHONPATH": str(ROOT)})
    assert r.returncode == 2
    assert b"RuntimeError: boom" in r.stderr and b"internal error" in r.stderr
