"""Notices (a rule that timed out on a file, LanguageTool unreachable ...) of a --jobs
run: each once, in the order of the files, as with --jobs 1."""

from __future__ import annotations

import os
import time

import pytest

from mtcheck.runner import Runner, RunOptions

pytestmark = pytest.mark.skipif(not hasattr(os, "fork"), reason="forked workers")


def _noting_check(original):
    """A check that also gives a notice naming the file (as a rule timing out does)."""
    def check(self, doc, rule, state, ctx):
        found = original(self, doc, rule, state, ctx)
        if rule.code == "MT601":
            n = int(os.path.basename(doc.path)[1:3])
            time.sleep(0.03 if n < 8 else 0)   # the first files finish last
            ctx.notice(f"note on {os.path.basename(doc.path)}")
        return found
    return check


@pytest.mark.parametrize("jobs", [1, 3])
def test_notices_come_in_file_order_whoever_linted_the_file(tmp_path, monkeypatch, jobs):
    """The parent kept a worker's notices in the order the processes finished, after
    them its own, so stderr differed from --jobs 1 (a rule timing out on f01..f08 was
    reported f01 f02 f05 f06 f07 f03 f04 f08); and every worker sent all the notices
    it had with every file.  Files are linted many at a time, rule by rule
    (Linter.lint_documents): each notice still goes with the file it was given on."""
    from mtcheck.checks.names import Names

    for i in range(24):
        (tmp_path / f"f{i:02}.txt").write_text(f"Story number {i} ended.\n", encoding="utf-8")
    monkeypatch.setattr(Names, "check", _noting_check(Names.check))
    runner = Runner(RunOptions(jobs=jobs, overrides={"languagetool": "off"}))
    results = runner.lint_all([str(tmp_path)])
    assert [os.path.basename(r.path) for r in results] == [f"f{i:02}.txt" for i in range(24)]
    notes = [n for n in runner.notices if n.startswith("note on")]
    assert notes == [f"note on f{i:02}.txt" for i in range(24)]
