"""pyproject.toml's [tool.mtcheck] table remembered on disk (config._pyproject_table):
the same answers as parsing, edits seen, errors reported every time."""

from __future__ import annotations

import os

import pytest

from mtcheck import config
from mtcheck.config import ConfigError, _pyproject_table
from mtcheck.diskmemo import DiskMemo


@pytest.fixture
def memo(monkeypatch, tmp_path):
    monkeypatch.setenv("XDG_CACHE_HOME", str(tmp_path / "cache"))
    m = DiskMemo("pyproject-test", config.__file__)
    monkeypatch.setattr(config, "_PYPROJECT", m)
    return m


def test_table_is_remembered_and_edits_are_seen(memo, tmp_path):
    py = tmp_path / "pyproject.toml"
    py.write_text('[project]\nname = "x"\n', encoding="utf-8")
    assert _pyproject_table(py) is None
    assert len(memo._data) == 1
    assert _pyproject_table(py) is None          # from the memo
    py.write_text('[project]\nname = "x"\n[tool.mtcheck]\nignore = ["MT101"]\n', encoding="utf-8")
    st = py.stat()
    os.utime(py, ns=(st.st_atime_ns, st.st_mtime_ns + 1_000_000))
    assert _pyproject_table(py) == {"ignore": ["MT101"]}
    assert _pyproject_table(py) == {"ignore": ["MT101"]}
    assert len(memo._data) == 2


def test_broken_file_is_an_error_every_time(memo, tmp_path):
    py = tmp_path / "pyproject.toml"
    py.write_text("[tool.mtcheck\n", encoding="utf-8")
    for _ in range(2):
        with pytest.raises(ConfigError, match="invalid TOML"):
            _pyproject_table(py)
    assert not memo._data


def test_dates_are_parsed_not_stored(memo, tmp_path):
    py = tmp_path / "pyproject.toml"
    py.write_text("[tool.mtcheck]\nwhen = 2024-01-01\n", encoding="utf-8")
    first = _pyproject_table(py)
    assert str(first["when"]) == "2024-01-01" and _pyproject_table(py) == first
    assert list(memo._data.values()) == [None]


def test_a_file_replaced_with_the_same_size_and_mtime_is_read_again(memo, tmp_path):
    """cp -p, rsync -a, tar x and touch -r give a changed file its old size and mtime;
    the stored table must not outlive the change (the ctime and inode tell)."""
    py = tmp_path / "pyproject.toml"
    py.write_text('[tool.mtcheck]\nignore = ["MT307"]\n', encoding="utf-8")
    os.utime(py, ns=(1_700_000_000_000_000_000, 1_700_000_000_000_000_000))
    assert _pyproject_table(py) == {"ignore": ["MT307"]}
    new = tmp_path / "new.toml"
    new.write_text('[tool.mtcheck]\nignore = ["MT306"]\n', encoding="utf-8")   # same size
    os.utime(new, ns=(1_700_000_000_000_000_000, 1_700_000_000_000_000_000))   # same mtime
    os.replace(new, py)
    assert _pyproject_table(py) == {"ignore": ["MT306"]}
