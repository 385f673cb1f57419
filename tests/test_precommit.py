"""The pre-commit hook, exercised the way a newsroom uses it: `pre-commit try-repo`
against this repository from a separate git repository with an article staged."""

from __future__ import annotations

import os
import shutil
import subprocess
import sys

import pytest

from conftest import ROOT, SEEDS

CLEAN = "The talks of Vladimir Putin and Donald Trump ended on Monday in Helsinki.\n"


def _git(cwd, *args):
    subprocess.run(["git", *args], cwd=cwd, check=True, capture_output=True,
                   env={**os.environ, "GIT_AUTHOR_NAME": "t", "GIT_AUTHOR_EMAIL": "t@example.org",
                        "GIT_COMMITTER_NAME": "t", "GIT_COMMITTER_EMAIL": "t@example.org"})


@pytest.fixture(scope="module")
def precommit_home(tmp_path_factory):
    if shutil.which("git") is None:
        pytest.skip("git is not installed")
    pytest.importorskip("pre_commit")
    return tmp_path_factory.mktemp("pre-commit-home")


def _try_repo(repo, home):
    env = {**os.environ, "PRE_COMMIT_HOME": str(home), "NO_COLOR": "1"}
    return subprocess.run([sys.executable, "-m", "pre_commit", "try-repo", str(ROOT), "mtcheck", "--verbose"],
                          cwd=repo, capture_output=True, text=True, env=env, timeout=1200)


def test_hook_fails_on_seed_and_passes_on_clean_article(tmp_path, precommit_home):
    repo = tmp_path / "articles"
    repo.mkdir()
    _git(repo, "init", "-q")
    shutil.copy(SEEDS / "003_89b6859ef618faba.txt", repo / "story.txt")
    _git(repo, "add", "story.txt")
    r = _try_repo(repo, precommit_home)
    out = r.stdout + r.stderr
    assert r.returncode == 1, out
    assert "story.txt:" in out and "MT202" in out and "Failed" in out

    _git(repo, "rm", "-q", "--cached", "story.txt")
    (repo / "story.txt").unlink()
    (repo / "clean.txt").write_text(CLEAN, encoding="utf-8")
    _git(repo, "add", "clean.txt")
    r = _try_repo(repo, precommit_home)
    assert r.returncode == 0, r.stdout + r.stderr
    assert "Passed" in r.stdout
