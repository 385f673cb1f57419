"""Config files and flag values that cannot be used are errors naming the file or flag
(exit 2), never a traceback and never a setting quietly taken to mean something else:
a non-UTF-8 TOML file, ``max-file-size = true`` or a negative size, a ``languagetool``
value that is none of its forms; and ``--config`` takes the layouts discovery takes."""

from __future__ import annotations

from pathlib import Path

import pytest

from mtcheck.config import ConfigError

CASING = "The leader met Donald trump on Monday.\n"
CP1251_COMMENT = "# Настройки\n[tool.mtcheck]\nignore = [\"MT101\"]\n".encode("cp1251")
OFF = ("--languagetool", "off", "--no-cache")


@pytest.fixture
def story(tmp_path) -> Path:
    (tmp_path / "p").mkdir()
    path = tmp_path / "p" / "a.txt"
    path.write_text(CASING, encoding="utf-8")
    return path


def _usage_error(r, *words: str) -> str:
    err = r.stderr.decode()
    assert r.returncode == 2, (r.returncode, err)
    assert "Traceback" not in err and all(w in err for w in words), err
    return err


# -- bug 3: bytes that are not UTF-8 ----------------------------------------------------------
@pytest.mark.parametrize("name", ["pyproject.toml", ".mtcheck.toml"])
def test_non_utf8_config_file_is_a_config_error(story, cli, name):
    cfg = story.parent / name
    cfg.write_bytes(CP1251_COMMENT if name == "pyproject.toml" else CP1251_COMMENT.replace(b"[tool.mtcheck]\n", b""))
    for command in (["lint", *OFF], ["fix"], ["score"], ["entities"], ["config"]):
        r = cli(*command, str(story))
        _usage_error(r, str(cfg), "invalid TOML", "not UTF-8")


def test_non_utf8_config_flag_is_a_config_error(story, cli):
    bad = story.parent / "x.toml"
    bad.write_bytes(b"garbage \xff\xfe\x00\n")
    _usage_error(cli("lint", *OFF, "--config", str(bad), str(story)), "x.toml", "invalid TOML")


def test_non_utf8_pyproject_unit(tmp_path):
    from mtcheck.config import _pyproject_table
    py = tmp_path / "pyproject.toml"
    py.write_bytes(CP1251_COMMENT)
    with pytest.raises(ConfigError, match=r"pyproject.toml: invalid TOML: not UTF-8"):
        _pyproject_table(py)


# -- bug 4: max-file-size ------------------------------------------------------------------
@pytest.mark.parametrize("value", ["true", "-1", "1.5", '"big"'])
def test_max_file_size_must_be_a_whole_number(story, cli, value):
    cfg = story.parent / ".mtcheck.toml"
    cfg.write_text(f"max-file-size = {value}\n")
    err = _usage_error(cli("lint", *OFF, str(story)), str(cfg), "max-file-size")
    assert "skipped" not in err


def test_max_file_size_flag_must_not_be_negative(story, cli):
    for command in (["lint", *OFF], ["fix", "--languagetool", "off"]):
        r = cli(*command, "--max-file-size", "-1", str(story))
        assert b"skipped" not in r.stdout
        _usage_error(r, "--max-file-size", "whole number")
    assert cli("lint", *OFF, "--max-file-size", "0", str(story)).returncode == 1   # 0: no limit


# -- bug 5: --config layouts --------------------------------------------------------------
def test_config_flag_accepts_a_tool_mtcheck_table_in_any_file(story, cli):
    custom = story.parent / "custom.toml"
    custom.write_text('[project]\nname = "x"\n[tool.mtcheck]\nfail-level = "error"\n')
    r = cli("lint", *OFF, "--config", str(custom), str(story))
    assert r.returncode == 0 and b"MT201" in r.stdout, r.stderr
    custom.write_text('fail-level = "error"\n')   # the settings at the top level, as before
    assert cli("lint", *OFF, "--config", str(custom), str(story)).returncode == 0
    custom.write_text('[tool.black]\nline-length = 88\n')
    _usage_error(cli("lint", *OFF, "--config", str(custom), str(story)), "no [tool.mtcheck] table in", "custom.toml")


def test_config_flag_with_a_pyproject_without_our_table(story, cli, tmp_path):
    py = tmp_path / "pyproject.toml"
    py.write_text('[project]\nname = "x"\n')
    err = _usage_error(cli("lint", *OFF, "--config", str(py), str(story)), f"no [tool.mtcheck] table in {py}")
    assert "unknown key" not in err


def test_mtcheck_table_must_be_a_table(story, cli):
    (story.parent / "pyproject.toml").write_text("[tool]\nmtcheck = 3\n")
    _usage_error(cli("lint", *OFF, str(story)), "pyproject.toml", "must be a table")


# -- bug 6: languagetool ------------------------------------------------------------------
@pytest.mark.parametrize("value", ["bogus", "ftp://x", "offf", "http://"])
def test_bad_languagetool_flag_is_a_usage_error(story, cli, value):
    for command in ("lint", "score", "fix"):
        r = cli(command, "--languagetool", value, str(story))
        _usage_error(r, "--languagetool", repr(value), "'local'", "'off'", "'auto'", "http")
        assert r.stdout == b""


def test_bad_languagetool_config_value_is_a_config_error(story, cli):
    cfg = story.parent / ".mtcheck.toml"
    cfg.write_text('languagetool = "offf"\n')
    _usage_error(cli("lint", str(story)), str(cfg), "languagetool", "'offf'")
    cfg.write_text("languagetool = false\n")
    _usage_error(cli("lint", str(story)), str(cfg), "languagetool")


def test_languagetool_values_accepted():
    from mtcheck.config import check_languagetool, check_overrides
    for good in ("off", "OFF", " off ", "none", "auto", "local", "http://localhost:8081", "HTTPS://lt.example"):
        assert check_languagetool(good, "x") == good
    assert check_overrides({"languagetool": None, "max_file_size": 0, "select": None}) == {"max_file_size": 0}
    with pytest.raises(ConfigError, match="--max-file-size"):
        check_overrides({"max_file_size": -3})


def test_an_encoding_that_cannot_decode_text_is_refused_once_up_front(tmp_path, cli):
    """rot13 and base64 pass codecs.lookup; they were reported once per file (as each
    failed to decode), and from a config file only then too."""
    for i in range(3):
        (tmp_path / f"{i}.txt").write_text("Donald trump said so.\n", encoding="utf-8")
    r = cli("lint", "--languagetool", "off", "--encoding", "rot13", str(tmp_path))
    err = r.stderr.decode()
    assert r.returncode == 2 and err.count("not a text encoding") == 1 and "--encoding" in err, err
    (tmp_path / ".mtcheck.toml").write_text('encoding = "base64"\n', encoding="utf-8")
    r = cli("lint", "--languagetool", "off", str(tmp_path))
    err = r.stderr.decode() + r.stdout.decode()
    assert r.returncode == 2 and ".mtcheck.toml" in err and err.count("not a text encoding") == 1, err


def test_config_command_refuses_what_lint_refuses(tmp_path, cli):
    """`mtcheck config` showed a config naming a missing entities file (exit 0) that lint
    then refused, and the defaults for a path that does not exist."""
    (tmp_path / "pyproject.toml").write_text('[tool.mtcheck]\nentities = ["names.yml"]\n', encoding="utf-8")
    r = cli("config", cwd=tmp_path)
    assert r.returncode == 2 and "names.yml" in r.stderr.decode() and "cannot read entities file" in r.stderr.decode()
    r = cli("config", str(tmp_path / "missing" / "x.txt"))
    assert r.returncode == 2 and "no such file" in r.stderr.decode()
    (tmp_path / "pyproject.toml").unlink()
    assert cli("config", cwd=tmp_path).returncode == 0


def test_config_output_is_toml_that_config_accepts(tmp_path, cli):
    """`mtcheck config` printed JSON values ("encoding = null", per-file-ignores as
    {"a/*": [...]}), so its output could not be saved and used with --config."""
    import tomllib

    (tmp_path / "pyproject.toml").write_text(
        '[tool.mtcheck]\nignore = ["MT3"]\n[tool.mtcheck.per-file-ignores]\n"drafts/*.txt" = ["casing"]\n')
    (tmp_path / "a.txt").write_text("The president Donald trump spoke.\n")
    shown = cli("config", "a.txt", cwd=tmp_path).stdout.decode()
    data = tomllib.loads(shown)
    assert data["per-file-ignores"] == {"drafts/*.txt": ["casing"]} and data["ignore"] == ["MT3"]
    assert "encoding" not in data   # unset: shown as a comment
    (tmp_path / "saved.toml").write_text(shown)
    again = cli("config", "--config", "saved.toml", "a.txt", cwd=tmp_path)
    assert again.returncode == 0, again.stderr
    assert tomllib.loads(again.stdout.decode()) == data
