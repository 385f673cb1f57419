"""Notices (a rule that timed out on a file, LanguageTool unreachable ...) of a --jobs
run: each once, in the order of the files, as with --jobs 1."""

from __future__ import annotations

import os
import time

import pytest

from mtcheck.runner import Runner, RunOptions

pytestmark = pytest.mark.skipif(not hasattr(os, "fork"), reason="forked workers")


def _noting_lint_one(original):
    def lint_one(self, path):
        result = original(self, path)
        n = int(os.path.basename(path)[1:3])
        time.sleep(0.03 if n < 8 else 0)   # the first files finish last
        for linter in self._linters.values():
            linter.ctx.notice(f"note on {os.path.basename(path)}")
        return result
    return lint_one


@pytest.mark.parametrize("jobs", [1, 3])
def test_notices_come_in_file_order_whoever_linted_the_file(tmp_path, monkeypatch, jobs):
    """The parent kept a worker's notices in the order the processes finished, after
    them its own, so stderr differed from --jobs 1 (a rule timing out on f01..f08 was
    reported f01 f02 f05 f06 f07 f03 f04 f08); and every worker sent all the notices
    it had with every file."""
    for i in range(24):
        (tmp_path / f"f{i:02}.txt").write_text(f"Story number {i} ended.\n", encoding="utf-8")
    monkeypatch.setattr(Runner, "lint_one", _noting_lint_one(Runner.lint_one))
    runner = Runner(RunOptions(jobs=jobs, overrides={"languagetool": "off"}))
    results = runner.lint_all([str(tmp_path)])
    assert [os.path.basename(r.path) for r in results] == [f"f{i:02}.txt" for i in range(24)]
    notes = [n for n in runner.notices if n.startswith("note on")]
    assert notes == [f"note on f{i:02}.txt" for i in range(24)]
