"""The command line as a user meets it: formats, selection, exit codes, config, rules."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from conftest import SEEDS

BAD = "The talks of Vladimir Putin ended.\nREAD MORE: Another story entirely\nЧитайте так же\n"
CLEAN = "The talks of Vladimir Putin and Donald Trump ended on Monday.\n"


@pytest.fixture
def articles(tmp_path):
    (tmp_path / "bad.txt").write_text(BAD, encoding="utf-8")
    (tmp_path / "clean.txt").write_text(CLEAN, encoding="utf-8")
    return tmp_path


def _json(r):
    return json.loads(r.stdout.decode())


def test_exit_codes(articles, cli):
    assert cli("lint", str(articles / "clean.txt")).returncode == 0
    assert cli("lint", str(articles / "bad.txt")).returncode == 1
    assert cli("lint", "--exit-zero", str(articles / "bad.txt")).returncode == 0
    assert cli("lint", "--no-such-flag", str(articles)).returncode == 2
    assert cli("lint", "--select", "MT999", str(articles)).returncode == 2


def test_text_output_has_location_code_and_excerpt(articles, cli):
    r = cli("lint", str(articles / "bad.txt"))
    out = r.stdout.decode()
    path = str(articles / "bad.txt")
    assert f"{path}:2:1: MT301 " in out
    assert f"{path}:3:1: MT101 " in out
    assert "READ MORE: Another story entirely" in out  # the excerpt
    assert "^^^^" in out
    assert "\033[" not in out  # no colour when not a terminal


def test_json_contract(articles, cli):
    r = cli("lint", "--format", "json", str(articles / "bad.txt"), str(articles / "clean.txt"))
    data = _json(r)
    assert data["version"] == 1
    assert [f["path"] for f in data["files"]] == [str(articles / "bad.txt"), str(articles / "clean.txt")]
    text = BAD
    for f in data["files"][0]["findings"]:
        assert set(f) >= {"rule", "name", "category", "severity", "message", "start", "end", "line", "column",
                          "end_line", "end_column", "text", "replacements", "fix"}
        assert f["text"] == text[f["start"]:f["end"]]
        line_start = sum(len(x) + 1 for x in text.split("\n")[:f["line"] - 1])
        assert f["start"] == line_start + f["column"] - 1
        assert f["severity"] in ("error", "warning", "info") and f["fix"] in ("safe", "unsafe", None)
    s = data["summary"]
    assert s["files"] == 2 and s["findings"] == len(data["files"][0]["findings"])
    assert s["by_category"] == {"boilerplate": 1, "untranslated": 1}


def test_select_and_ignore_by_code_prefix_category_and_name(articles, cli):
    p = str(articles / "bad.txt")

    def rules(*args):
        return sorted({f["rule"] for f in _json(cli("lint", "--format", "json", *args, p))["files"][0]["findings"]})

    assert rules() == ["MT101", "MT301"]
    assert rules("--select", "MT3") == ["MT301"]
    assert rules("--select", "untranslated") == ["MT101"]
    assert rules("--select", "read-also-line") == ["MT301"]
    assert rules("--ignore", "boilerplate") == ["MT101"]
    assert rules("--select", "MT101,MT301", "--ignore", "MT101") == ["MT301"]


def test_fail_level(articles, cli):
    p = articles / "info.txt"
    p.write_text("The minister  said the talks were useful.\n")  # MT402 is info
    assert cli("lint", str(p)).returncode == 0
    assert cli("lint", "--fail-level", "info", str(p)).returncode == 1
    assert cli("lint", "--fail-level", "bogus", str(p)).returncode == 2


def test_statistics(articles, cli):
    out = cli("lint", "--statistics", str(articles / "bad.txt")).stdout.decode()
    assert "1  MT101  cyrillic-text" in out and "1  MT301  read-also-line" in out


def test_github_annotations(articles, cli):
    out = cli("lint", "--format", "github", str(articles / "bad.txt")).stdout.decode().splitlines()
    assert any(line.startswith("::error file=") and "line=2,col=1" in line and "MT301" in line for line in out)


def test_sarif_validates_against_official_schema(articles, cli, root):
    jsonschema = pytest.importorskip("jsonschema")
    schema_path = root / "tests" / "data" / "sarif-schema-2.1.0.json"
    schema = json.loads(schema_path.read_text(encoding="utf-8"))
    r = cli("lint", "--format", "sarif", str(articles / "bad.txt"), str(SEEDS))
    doc = _json(r)
    # The official 2.1.0 schema has a pattern Python's re rejects ("^(?i)…" for `language`),
    # so validate documents directly instead of calling check_schema; mtcheck emits no `language`.
    validator = jsonschema.Draft202012Validator(schema)
    errors = sorted(validator.iter_errors(doc), key=str)
    assert not errors, errors[:3]
    assert "language" not in doc["runs"][0]
    broken = json.loads(json.dumps(doc))
    broken["runs"][0]["results"][0]["level"] = "fatal"  # not a SARIF level: the check must see it
    assert list(validator.iter_errors(broken))
    results = doc["runs"][0]["results"]
    assert {x["ruleId"] for x in results} >= {"MT101", "MT301"}
    ids = [rule["id"] for rule in doc["runs"][0]["tool"]["driver"]["rules"]]
    for x in results:
        assert ids[x["ruleIndex"]] == x["ruleId"]


def test_sarif_locations_are_uri_references(tmp_path, cli):
    """A file name with a space, comma, colon or '%' must become a valid URI reference
    (percent-encoded; a bare colon in the first segment would read as a scheme), and an
    absolute path a file: URI; columns are code points, which the run declares."""
    from urllib.parse import unquote, urlparse
    name = "odd, na:me 100%.txt"
    (tmp_path / name).write_text("Donald trump met the press.\n", encoding="utf-8")
    doc = _json(cli("lint", "--format", "sarif", "--languagetool", "off", name, cwd=tmp_path))
    run = doc["runs"][0]
    uri = run["results"][0]["locations"][0]["physicalLocation"]["artifactLocation"]["uri"]
    assert " " not in uri and ":" not in uri and urlparse(uri).scheme == "" and unquote(uri) == name
    assert run["columnKind"] == "unicodeCodePoints"
    doc = _json(cli("lint", "--format", "sarif", "--languagetool", "off", str(tmp_path / name)))
    uri = doc["runs"][0]["results"][0]["locations"][0]["physicalLocation"]["artifactLocation"]["uri"]
    assert uri.startswith("file:///") and unquote(urlparse(uri).path) == str(tmp_path / name)


def test_output_file(articles, cli):
    out = articles / "report.json"
    r = cli("lint", "--format", "json", "-o", str(out), str(articles / "bad.txt"))
    assert r.returncode == 1 and r.stdout == b""
    assert json.loads(out.read_text())["summary"]["findings"] == 2


def test_directory_walk_respects_extensions(tmp_path, cli):
    (tmp_path / "a.txt").write_text(BAD)
    (tmp_path / "b.md").write_text(BAD)
    (tmp_path / "c.py").write_text(BAD)
    (tmp_path / ".hidden").mkdir()
    (tmp_path / ".hidden" / "d.txt").write_text(BAD)
    paths = [f["path"] for f in _json(cli("lint", "--format", "json", str(tmp_path)))["files"]]
    assert [Path(p).name for p in paths] == ["a.txt", "b.md"]
    paths = [f["path"] for f in _json(cli("lint", "--format", "json", "--extensions", "py", str(tmp_path)))["files"]]
    assert [Path(p).name for p in paths] == ["c.py"]


def test_stdin(cli):
    r = cli("lint", "--format", "json", "-", stdin=BAD.encode())
    assert {f["rule"] for f in _json(r)["files"][0]["findings"]} == {"MT101", "MT301"}


# --- config -----------------------------------------------------------------------
def test_pyproject_config_is_found_walking_up(tmp_path, cli):
    (tmp_path / "pyproject.toml").write_text('[tool.mtcheck]\nignore = ["MT101"]\n')
    sub = tmp_path / "desk" / "politics"
    sub.mkdir(parents=True)
    (sub / "a.txt").write_text(BAD)
    r = cli("lint", "--format", "json", str(sub / "a.txt"))
    assert {f["rule"] for f in _json(r)["files"][0]["findings"]} == {"MT301"}
    # a nearer .mtcheck.toml wins
    (sub / ".mtcheck.toml").write_text('select = ["untranslated"]\n')
    r = cli("lint", "--format", "json", str(sub / "a.txt"))
    assert {f["rule"] for f in _json(r)["files"][0]["findings"]} == {"MT101"}
    shown = cli("config", str(sub / "a.txt")).stdout.decode()
    assert ".mtcheck.toml" in shown and 'select = ["untranslated"]' in shown


def test_per_file_ignores(tmp_path, cli):
    (tmp_path / ".mtcheck.toml").write_text('[per-file-ignores]\n"archive/*" = ["boilerplate"]\n')
    (tmp_path / "archive").mkdir()
    (tmp_path / "archive" / "old.txt").write_text(BAD)
    (tmp_path / "new.txt").write_text(BAD)
    r = cli("lint", "--format", "json", "archive", "new.txt", cwd=tmp_path)
    got = {f["path"]: {x["rule"] for x in f["findings"]} for f in _json(r)["files"]}
    assert got[str(Path("archive") / "old.txt")] == {"MT101"}
    assert got["new.txt"] == {"MT101", "MT301"}


def test_bad_config_is_exit_2_with_file_and_key(tmp_path, cli):
    (tmp_path / ".mtcheck.toml").write_text('selekt = ["MT1"]\n')
    (tmp_path / "a.txt").write_text(BAD)
    r = cli("lint", str(tmp_path / "a.txt"))
    assert r.returncode == 2
    err = r.stderr.decode()
    assert ".mtcheck.toml" in err and "selekt" in err and "Traceback" not in err
    (tmp_path / ".mtcheck.toml").write_text('select = [\n')
    r = cli("lint", str(tmp_path / "a.txt"))
    assert r.returncode == 2 and "invalid TOML" in r.stderr.decode()


# --- rules as data ----------------------------------------------------------------------
USER_RULE = """\
rules:
  - code: XY101
    name: house-word
    category: consistency
    severity: warning
    kind: substitution
    swap: {"Kiev": "Kyiv"}
    fix: safe
    message: "house style is '{fix}'"
    why: The style guide follows the Ukrainian government's romanization since 2019.
    examples:
      bad: ["He flew to Kiev."]
      good: ["He flew to Kyiv."]
      fixed: ["He flew to Kyiv."]
"""


def _house(tmp_path, text: str, name: str = "style.yml"):
    """A user rule directory holding one rule file."""
    rules = tmp_path / "house"
    rules.mkdir()
    (rules / name).write_text(text)
    return rules


def test_user_rule_directory(tmp_path, cli):
    rules = _house(tmp_path, USER_RULE)
    (tmp_path / "a.txt").write_text("The delegation arrived in Kiev on Monday.\n")
    r = cli("lint", "--format", "json", "--rules-dir", str(rules), "--select", "XY", str(tmp_path / "a.txt"))
    f = _json(r)["files"][0]["findings"]
    assert [(x["rule"], x["text"], x["replacements"]) for x in f] == [("XY101", "Kiev", ["Kyiv"])]


def test_substitution_keeps_an_acronyms_replacement_as_written(tmp_path, cli):
    """Capitals in the text are shouting only where the rule's own form is not in
    capitals: "USA" -> "the United States", but "KIEV" in a shouted line -> "KYIV"."""
    rules = _house(tmp_path, USER_RULE.replace('{"Kiev": "Kyiv"}', '{"Kiev": "Kyiv", "USA": "the United States"}\n    ignorecase: true'))
    (tmp_path / "a.txt").write_text("He visited USA last year.\nBREAKING: BLASTS IN KIEV\n")
    r = cli("lint", "--format", "json", "--rules-dir", str(rules), "--select", "XY", str(tmp_path / "a.txt"))
    f = _json(r)["files"][0]["findings"]
    assert [(x["text"], x["replacements"]) for x in f] == [("USA", ["the United States"]), ("KIEV", ["KYIV"])]


def test_fixes_that_never_settle_leave_the_file_alone(tmp_path, cli):
    """A replacement that holds what it replaces ("UN" -> "UN (United Nations)") would
    grow the text on every run: the file is not written, the rule is named, exit 2."""
    rules = _house(tmp_path, USER_RULE.replace('{"Kiev": "Kyiv"}', '{"UN": "UN (United Nations)"}')
                   .replace("He flew to Kiev.", "The UN met.").replace("He flew to Kyiv.", "The WHO met."))
    story = tmp_path / "a.txt"
    story.write_text("The UN said on Monday that talks would resume.\n")
    for args in (["fix", "--write"], ["lint", "--fix"], ["fix"]):
        r = cli(*args, "--rules-dir", str(rules), "--select", "XY", str(story))
        assert r.returncode == 2, (args, r.stderr)
        assert "did not settle" in r.stderr.decode() and "XY101" in r.stderr.decode()
        assert story.read_text() == "The UN said on Monday that talks would resume.\n"
        assert b"+++ " not in r.stdout   # no diff of a text that is not final
        if args[0] == "lint":   # ...but `lint --fix` reports what is left: the unfixed finding
            assert b"XY101" in r.stdout
        else:
            assert b"United Nations" not in r.stdout


@pytest.mark.parametrize("broken,line,words", [
    (USER_RULE.replace("    category: consistency\n", "    category: style\n"), 4, "unknown category"),
    (USER_RULE.replace("    kind: substitution\n", "    kind: magic\n"), 6, "unknown kind"),
    (USER_RULE.replace("    swap:", "    swop:"), 7, "unknown key 'swop'"),
    (USER_RULE.replace("      good: [\"He flew to Kyiv.\"]\n", ""), 11, "at least one 'bad' and one 'good'"),
    (USER_RULE.replace('  - code: XY101', '  - code: 101'), 2, "must look like MT123"),
    (USER_RULE + "  - [unclosed\n", 16, "invalid YAML"),
])
def test_bad_rule_file_reports_path_and_line(tmp_path, cli, broken, line, words):
    rules = _house(tmp_path, broken)
    (tmp_path / "a.txt").write_text("text\n")
    r = cli("lint", "--rules-dir", str(rules), str(tmp_path / "a.txt"))
    assert r.returncode == 2
    err = r.stderr.decode()
    assert f"style.yml:{line}:" in err and words in err, err
    assert "Traceback" not in err


def test_bad_user_regex_is_reported(tmp_path, cli):
    rules = _house(tmp_path, USER_RULE.replace('kind: substitution\n    swap: {"Kiev": "Kyiv"}',
                                               'kind: existence\n    pattern: "(unclosed"'))
    (tmp_path / "a.txt").write_text("text\n")
    r = cli("lint", "--rules-dir", str(rules), str(tmp_path / "a.txt"))
    assert r.returncode == 2 and "bad regular expression" in r.stderr.decode()


BALANCE_RULE = """\
rules:
  - code: XY201
    name: house-brackets
    category: punctuation
    severity: warning
    kind: balance
    pairs: ["()"]
    ignore: [":)"]
    message: "unbalanced bracket"
    why: A stray bracket is a cut sentence.
    examples:
      bad: ["He left (early."]
      good: ["He left (early).", "Nice :)"]
"""


def test_balance_ignore_skips_only_the_listed_sequences(tmp_path, cli):
    rules = _house(tmp_path, BALANCE_RULE, "b.yml")
    (tmp_path / "a.txt").write_text("Nice :) and (kind :-) staff.\n")
    r = cli("lint", "--format", "json", "--rules-dir", str(rules), "--select", "XY", str(tmp_path / "a.txt"))
    f = _json(r)["files"][0]["findings"]
    # ":)" is skipped; ":-)" is not listed, so its ")" closes the "(" and nothing is left open
    assert f == []
    (tmp_path / "a.txt").write_text("Nice :) and (kind :) staff.\n")
    r = cli("lint", "--format", "json", "--rules-dir", str(rules), "--select", "XY", str(tmp_path / "a.txt"))
    f = _json(r)["files"][0]["findings"]
    assert [(x["rule"], x["column"], x["message"]) for x in f] == [("XY201", 13, "opening '(' is never closed")]


def test_balance_ignore_without_a_mark_is_a_rule_error(tmp_path, cli):
    rules = _house(tmp_path, BALANCE_RULE.replace('ignore: [":)"]', 'ignore: [":D"]'), "b.yml")
    (tmp_path / "a.txt").write_text("text\n")
    r = cli("lint", "--rules-dir", str(rules), str(tmp_path / "a.txt"))
    err = r.stderr.decode()
    assert r.returncode == 2 and "b.yml:" in err and "':D'" in err and "Traceback" not in err, err


def test_rules_command(cli):
    out = cli("rules").stdout.decode()
    assert "MT201" in out and "casing" in out and "MT301" in out
    detail = cli("rules", "MT202").stdout.decode()
    assert "institution-casing" in detail and "Russian capitalizes only the first word" in detail
    assert "Flagged:" in detail and "Not flagged:" in detail
    assert cli("rules", "MT000").returncode == 2


def test_help_teaches(cli):
    out = cli("lint", "--help").stdout.decode()
    for flag in ("--select", "--ignore", "--format", "--fail-level", "--exit-zero", "--statistics",
                 "--baseline", "--encoding"):
        assert flag in out
    assert "Exit status" in out


# --- suppression and baseline -------------------------------------------------------------
def test_plain_text_inline_suppression(tmp_path, cli):
    p = tmp_path / "a.txt"
    p.write_text("READ MORE: Another story [mtcheck: ignore MT301]\nЧитайте так же\n")
    r = cli("lint", "--format", "json", str(p))
    assert {f["rule"] for f in _json(r)["files"][0]["findings"]} == {"MT101"}


def test_markdown_comment_suppression_and_blocks(tmp_path, cli):
    p = tmp_path / "a.md"
    p.write_text("<!-- mtcheck: ignore MT301 -->\nREAD MORE: Another story\n\n"
                 "<!-- mtcheck: disable=MT101 -->\nЧитайте так же\n<!-- mtcheck: enable=MT101 -->\n"
                 "Смотрите также\nREAD MORE: Third story\n")
    findings = _json(cli("lint", "--format", "json", str(p)))["files"][0]["findings"]
    assert [(f["rule"], f["line"]) for f in findings] == [("MT101", 7), ("MT301", 8)]


def test_markdown_positions_and_code_blocks(tmp_path, cli):
    p = tmp_path / "a.md"
    p.write_text("---\ntitle: Читайте также\n---\n# Headline\n\n```\nREAD MORE: code sample\n```\n"
                 "Some *text* here.\nREAD MORE: Another story\n")
    findings = _json(cli("lint", "--format", "json", str(p)))["files"][0]["findings"]
    assert [(f["rule"], f["line"], f["column"]) for f in findings] == [("MT301", 10, 1)]


def test_html_tags_are_not_prose(tmp_path, cli):
    p = tmp_path / "a.html"
    p.write_text('<p class="Читайте">The talks ended.</p>\n<p>READ MORE: Another story</p>\n')
    findings = _json(cli("lint", "--format", "json", str(p)))["files"][0]["findings"]
    assert [(f["rule"], f["line"], f["column"]) for f in findings] == [("MT301", 2, 4)]


def test_baseline_hides_known_findings_only(tmp_path, cli):
    p = tmp_path / "a.txt"
    p.write_text(BAD)
    base = tmp_path / "baseline.json"
    r = cli("lint", "--write-baseline", str(base), str(p), cwd=tmp_path)
    assert r.returncode == 0 and base.is_file()
    assert cli("lint", "--baseline", str(base), str(p), cwd=tmp_path).returncode == 0
    # a new problem above the old ones is still reported; the old ones stay hidden
    p.write_text("Смотрите также, new line\n" + BAD)
    r = cli("lint", "--format", "json", "--baseline", str(base), str(p), cwd=tmp_path)
    findings = _json(r)["files"][0]["findings"]
    assert [(f["rule"], f["line"]) for f in findings] == [("MT101", 1)]
    base.write_text("not json")
    r = cli("lint", "--baseline", str(base), str(p), cwd=tmp_path)
    assert r.returncode == 2 and "--write-baseline" in r.stderr.decode()
