"""``lint --statistics`` and ``lint --score`` in every format (report/lint_report.py):
neither is silently dropped any more, and neither changes a field the JSON or SARIF
contract already had.

* json: ``--statistics`` adds a top-level ``statistics`` list (the v1 contract allows
  new fields); ``--score`` a ``score`` per file, as before.
* sarif: ``--score`` adds ``run.artifacts``, each scored file's fluency score in the
  artifact's property bag; ``--statistics`` prints the table on stderr.
* github: ``--statistics`` prints the table on stderr; ``--score`` one notice on stderr.
"""

from __future__ import annotations

import json

import pytest

from mtcheck.report.lint_report import SCORE_NOT_SHOWN

OFF = ("--languagetool", "off", "--no-cache")
A = "The talks of Vladimir Putin ended.\nREAD MORE: Another story entirely\n"
B = "Donald trump met Vladimir putin on Monday.\nЧитайте так же\n"
TABLE = ["2  MT201  lowercase-proper-name", "1  MT101  cyrillic-text", "1  MT301  read-also-line"]


@pytest.fixture
def stories(tmp_path):
    (tmp_path / "a.txt").write_text(A, encoding="utf-8")
    (tmp_path / "b.txt").write_text(B, encoding="utf-8")
    return tmp_path


def _lint(cli, cwd, *args):
    r = cli("lint", *OFF, *args, "a.txt", "b.txt", cwd=cwd)
    assert r.returncode == 1, r.stderr.decode()
    return r


def test_json_statistics_is_an_added_top_level_field(stories, cli):
    plain = json.loads(_lint(cli, stories, "--format", "json").stdout)
    stats = json.loads(_lint(cli, stories, "--format", "json", "--statistics").stdout)
    assert "statistics" not in plain
    assert stats["statistics"] == [{"rule": "MT201", "name": "lowercase-proper-name", "count": 2},
                                   {"rule": "MT101", "name": "cyrillic-text", "count": 1},
                                   {"rule": "MT301", "name": "read-also-line", "count": 1}]
    del stats["statistics"]
    assert stats == plain   # every other field as it was


def test_json_statistics_and_score_together(stories, cli):
    r = _lint(cli, stories, "--format", "json", "--statistics", "--score")
    data = json.loads(r.stdout)
    assert [s["count"] for s in data["statistics"]] == [2, 1, 1]
    assert all(isinstance(f["score"], float) for f in data["files"])
    assert r.stderr == b""


def test_text_statistics_table_is_unchanged(stories, cli):
    out = _lint(cli, stories, "--statistics").stdout.decode().splitlines()
    i = out.index(TABLE[0])
    assert out[i - 1] == "" and out[i:i + 3] == TABLE and out[i + 3].startswith("Found 4 findings in 2 files")


@pytest.mark.parametrize("fmt", ["github", "sarif"])
def test_statistics_go_to_stderr_beside_github_and_sarif(stories, cli, fmt):
    plain = _lint(cli, stories, "--format", fmt)
    stats = _lint(cli, stories, "--format", fmt, "--statistics")
    assert stats.stdout == plain.stdout   # the annotations / the log itself unchanged
    assert stats.stderr.decode().splitlines() == ["mtcheck: findings per rule (--statistics):", *TABLE]
    assert plain.stderr == b""


def test_github_score_is_one_notice_on_stderr(stories, cli):
    plain = _lint(cli, stories, "--format", "github")
    scored = _lint(cli, stories, "--format", "github", "--score")
    assert scored.stdout == plain.stdout
    assert scored.stderr.decode().splitlines() == [SCORE_NOT_SHOWN]
    assert "--format text, json, sarif or html" in SCORE_NOT_SHOWN


def test_sarif_score_is_in_each_artifacts_property_bag(stories, cli, root):
    """Placement: runs[0].artifacts[i].properties.fluencyScore, one artifact per file read,
    whose location.uri is the uri of that file's results; the score is the JSON report's;
    the log validates against the SARIF 2.1.0 schema; nothing else in it changes."""
    plain = json.loads(cli("lint", *OFF, "--format", "sarif", "a.txt", "b.txt", "gone.txt", cwd=stories).stdout)
    r = cli("lint", *OFF, "--format", "sarif", "--score", "a.txt", "b.txt", "gone.txt", cwd=stories)
    assert r.returncode == 2   # gone.txt
    doc = json.loads(r.stdout)
    scores = {f["path"]: f["score"] for f in json.loads(
        cli("lint", *OFF, "--format", "json", "--score", "a.txt", "b.txt", cwd=stories).stdout)["files"]}

    run = doc["runs"][0]
    assert run["artifacts"] == [
        {"location": {"uri": "a.txt"}, "roles": ["analysisTarget"], "properties": {"fluencyScore": scores["a.txt"]}},
        {"location": {"uri": "b.txt"}, "roles": ["analysisTarget"], "properties": {"fluencyScore": scores["b.txt"]}},
    ]
    assert 0 <= scores["b.txt"] < scores["a.txt"] <= 100
    uris = {loc["physicalLocation"]["artifactLocation"]["uri"] for res in run["results"] for loc in res["locations"]}
    assert uris == {a["location"]["uri"] for a in run["artifacts"]}
    del run["artifacts"]
    assert doc == plain

    jsonschema = pytest.importorskip("jsonschema")
    schema = json.loads((root / "tests" / "data" / "sarif-schema-2.1.0.json").read_text(encoding="utf-8"))
    validator = jsonschema.Draft202012Validator(schema)
    doc = json.loads(r.stdout)
    assert not list(validator.iter_errors(doc))
    doc["runs"][0]["artifacts"][0]["properties"] = ["not", "a", "bag"]   # the check must see the bag
    assert list(validator.iter_errors(doc))
