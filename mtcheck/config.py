"""Configuration: ``[tool.mtcheck]`` in pyproject.toml or ``.mtcheck.toml``, merged with flags.

Found by walking up from each linted file (the nearest file wins, as with ruff), so a
newsroom can keep one config at the root of its article repository and override it in a
sub-folder.  Keys use the same names as the command-line flags.

Path patterns (``exclude``, the globs of ``per-file-ignores``) are relative to the folder
of the config file that defines them, as in ruff: the same config must mean the same files
whether mtcheck is run from that folder, from above it, or with absolute paths.
"""

from __future__ import annotations

import fnmatch
import os
from functools import lru_cache
from pathlib import Path
from typing import Any

from .diskmemo import DiskMemo
from .findings import Severity
from .records import fields, record, replace
from .source import DEFAULT_MAX_FILE_SIZE

DEFAULT_EXTENSIONS = (".txt", ".md", ".markdown", ".html", ".htm")

#: What the ``languagetool`` setting accepts (checks/languagetool.resolve_mode reads it;
#: the spellings of "off" are the ones it has always taken).
LANGUAGETOOL_VALUES = "a server URL (http://host:port or https://...), 'local', 'off' or 'auto'"
_LT_WORDS = frozenset({"auto", "local", "off", "false", "no", "none", "0"})


class ConfigError(Exception):
    """A config file or flag value that cannot be used; str() names file and key."""


@record(frozen=True)
class Config:
    select: tuple[str, ...] = ()
    ignore: tuple[str, ...] = ()
    fail_level: Severity = Severity.WARNING
    extensions: tuple[str, ...] = DEFAULT_EXTENSIONS
    exclude: tuple[str, ...] = ()
    max_file_size: int = DEFAULT_MAX_FILE_SIZE
    encoding: str | None = None
    rule_dirs: tuple[str, ...] = ()
    per_file_ignores: tuple[tuple[str, tuple[str, ...]], ...] = ()
    entities: tuple[str, ...] = ()
    languagetool: str = "auto"
    cache_dir: str | None = None  # default: .mtcheck_cache in the current directory
    source: str | None = None   # where this config came from, for `mtcheck config`
    # The folder of that config file (resolved): what ``exclude`` and ``per-file-ignores``
    # patterns are relative to.  None (no config file): the path as given.
    root: str | None = None

    def ignores_for(self, path: str) -> tuple[str, ...]:
        if not self.per_file_ignores:
            return self.ignore   # (most configs: no path arithmetic per linted file)
        extra: list[str] = []
        where = self._where(path)
        for pattern, codes in self.per_file_ignores:
            if _matches(where, pattern):
                extra.extend(codes)
        return self.ignore + tuple(extra)

    def excludes(self, path: str) -> bool:
        """Whether an ``exclude`` pattern matches *path* (a file found by walking)."""
        if not self.exclude:
            return False
        where = self._where(path)
        return any(_matches(where, pattern) for pattern in self.exclude)

    def _where(self, path: str) -> tuple[str, str | None, str]:
        """(file name, path relative to ``root`` or None when outside it, absolute path):
        what a pattern can be matched against, all in POSIX spelling."""
        name = os.path.basename(path)
        directory = os.path.abspath(os.path.dirname(path) or ".")
        absolute = os.path.join(directory, name)   # (POSIX spelling on POSIX systems)
        if self.root is None:   # no config file: the path as given (library callers)
            return name, Path(path).as_posix(), absolute
        rel_dir = _relative_dir(directory, self.root)
        return name, None if rel_dir is None else (f"{rel_dir}/{name}" if rel_dir else name), absolute

    def as_dict(self) -> dict[str, Any]:
        out = {}
        for f in fields(self):
            if f.name == "root":
                continue   # derived from source; not a setting
            v = getattr(self, f.name)
            if isinstance(v, Severity):
                v = v.value
            if f.name == "per_file_ignores":
                v = {k: list(c) for k, c in v}
            elif isinstance(v, tuple):
                v = list(v)
            out[f.name.replace("_", "-")] = v
        return out


def _matches(where: tuple[str, str | None, str], pattern: str) -> bool:
    """One pattern against one file: an absolute pattern against the absolute path, a
    relative one against the path under the config's folder, and any pattern against
    the bare file name (``*.md``, ``index.html``), as before patterns were scoped."""
    name, rel, absolute = where
    if pattern.startswith("/"):
        return fnmatch.fnmatch(absolute, pattern)
    return (rel is not None and fnmatch.fnmatch(rel, pattern)) or fnmatch.fnmatch(name, pattern)


@lru_cache(maxsize=4096)
def _relative_dir(directory: str, root: str) -> str | None:
    """*directory* (absolute) relative to *root* ('' for root itself), None outside it.

    Resolved as discovery resolves a folder (config.discover), so that a path spelled
    through a symlink or with ``..`` still lands under the folder its config came from.
    Cached: called for each file, but a run has few folders.
    """
    try:
        real = os.path.realpath(directory)
    except OSError:
        real = directory
    rel = os.path.relpath(real, root)
    if rel == ".":
        return ""
    if rel == ".." or rel.startswith("../"):
        return None
    return Path(rel).as_posix()


_KEYS = {f.name.replace("_", "-"): f.name for f in fields(Config) if f.name not in ("source", "root")}


def _as_tuple(value: Any, where: str, key: str) -> tuple[str, ...]:
    if isinstance(value, str):
        value = [v.strip() for v in value.split(",") if v.strip()]
    if not isinstance(value, list) or not all(isinstance(v, str) for v in value):
        raise ConfigError(f"{where}: '{key}' must be a list of strings")
    return tuple(value)


def _pattern(pattern: str) -> str:
    """A path glob as matched: './drafts/*' is 'drafts/*' (paths under the root never
    start with './')."""
    while pattern.startswith("./"):
        pattern = pattern[2:]
    return pattern


def check_max_file_size(value: Any, what: str) -> int:
    """A byte limit: a whole number, 0 for none.  ``true`` is refused although bool is an
    int in Python (it would mean a 1-byte limit and skip every file), and so is a
    negative number (every file would be over it)."""
    if isinstance(value, bool) or not isinstance(value, int) or value < 0:
        raise ConfigError(f"{what} must be a whole number of bytes, 0 for no limit (got {value!r})")
    return value


def check_languagetool(value: Any, what: str) -> str:
    """The ``languagetool`` setting, refused when it is none of the values it can take:
    a typo such as 'offf' would otherwise only produce a notice at run time and leave
    the exit status alone."""
    if isinstance(value, str):
        low = value.strip().lower()
        if low in _LT_WORDS or (low.startswith(("http://", "https://")) and low.split("://", 1)[1]):
            return value
    raise ConfigError(f"{what} must be {LANGUAGETOOL_VALUES} (got {value!r})")


def check_encoding_setting(value: Any, what: str) -> str:
    """An ``encoding`` that can decode text: an unknown name, or a bytes-to-bytes codec
    that codecs.lookup accepts (rot13, base64), is refused once, up front, instead of
    failing on every file."""
    from .source import InputError, check_encoding
    if not isinstance(value, str):
        raise ConfigError(f"{what} must be a string")
    try:
        check_encoding(value)
    except InputError as exc:
        raise ConfigError(f"{what}: {exc}") from None
    return value


#: Flags checked by check_overrides, with the name the user typed.
_FLAG_CHECKS = {"max_file_size": ("--max-file-size", check_max_file_size),
                "languagetool": ("--languagetool", check_languagetool),
                "encoding": ("--encoding", check_encoding_setting)}


def check_overrides(overrides: dict[str, Any]) -> dict[str, Any]:
    """The flags given (not None), with the values a config file could not hold refused
    as usage errors naming the flag; what Runner lays over every file's config."""
    updates = {k: v for k, v in overrides.items() if v is not None}
    for key, (flag, check) in _FLAG_CHECKS.items():
        if key in updates:
            check(updates[key], flag)
    return updates


def parse_table(table: dict[str, Any], where: str, base: Config | None = None,
                root: Path | None = None) -> Config:
    """Turn a config table into a Config, validating every key; *root* is the folder of
    the config file (relative paths and patterns in it are relative to that folder)."""
    if not isinstance(table, dict):
        raise ConfigError(f"{where}: the mtcheck settings must be a table")
    cfg = base or Config()
    updates: dict[str, Any] = {}
    if root is not None:
        updates["root"] = str(root)
    for key, value in table.items():
        norm = key.replace("_", "-")
        if norm not in _KEYS:
            raise ConfigError(f"{where}: unknown key '{key}' (known: {', '.join(sorted(_KEYS))})")
        name = _KEYS[norm]
        if name in ("select", "ignore"):
            updates[name] = _as_tuple(value, where, key)
        elif name == "exclude":
            updates[name] = tuple(_pattern(p) for p in _as_tuple(value, where, key))
        elif name == "extensions":
            updates[name] = tuple(e if e.startswith(".") else "." + e for e in _as_tuple(value, where, key))
        elif name in ("rule_dirs", "entities"):
            paths = _as_tuple(value, where, key)
            updates[name] = tuple(str((root / p) if root and not Path(p).is_absolute() else p) for p in paths)
        elif name == "fail_level":
            try:
                updates[name] = Severity.parse(str(value))
            except ValueError as exc:
                raise ConfigError(f"{where}: fail-level: {exc}") from None
        elif name == "max_file_size":
            updates[name] = check_max_file_size(value, f"{where}: '{key}'")
        elif name == "cache_dir":
            if not isinstance(value, str):
                raise ConfigError(f"{where}: 'cache-dir' must be a string")
            updates[name] = str(root / value) if root and not Path(value).is_absolute() else value
        elif name == "encoding":
            updates[name] = check_encoding_setting(value, f"{where}: '{key}'")
        elif name == "languagetool":
            updates[name] = check_languagetool(value, f"{where}: '{key}'")
        elif name == "per_file_ignores":
            if not isinstance(value, dict):
                raise ConfigError(f"{where}: 'per-file-ignores' must be a table of glob = [codes]")
            updates[name] = tuple((_pattern(str(k)), _as_tuple(v, where, f"per-file-ignores.{k}"))
                                  for k, v in value.items())
    return replace(cfg, **updates)


#: [tool.mtcheck] of pyproject.toml files, by path, size and mtime (see _pyproject_table)
# bounded: every edit (and every test's temp folder) is a new key
_PYPROJECT = DiskMemo("pyproject", __file__, limit=200)


@lru_cache(maxsize=256)
def _config_in_dir(directory: str) -> tuple[dict[str, Any], str] | None:
    d = Path(directory)
    dot = d / ".mtcheck.toml"
    if dot.is_file():
        return _settings(_read_toml(dot), dot), str(dot)
    py = d / "pyproject.toml"
    if py.is_file():
        table = _pyproject_table(py)
        if table is not None:
            return table, f"{py} [tool.mtcheck]"
    return None


def _mtcheck_table(py: Path) -> Any:
    tool = _read_toml(py).get("tool")
    return tool.get("mtcheck") if isinstance(tool, dict) else None


def _settings(data: dict[str, Any], path: Path) -> dict[str, Any]:
    """The mtcheck settings of a config file that is not a pyproject.toml: its
    ``[tool.mtcheck]`` table when it has one (the pyproject layout, whatever the file is
    called: other tables are then someone else's), else its top level."""
    tool = data.get("tool")
    if isinstance(tool, dict):
        if "mtcheck" not in tool:
            raise ConfigError(f"no [tool.mtcheck] table in {path}")
        return tool["mtcheck"]
    return data


def load_file(name: str) -> Config:
    """The config of ``--config FILE``: a pyproject.toml (its ``[tool.mtcheck]`` table,
    which it must have) or any TOML file with the settings at the top level or under
    ``[tool.mtcheck]``; relative paths and patterns in it are relative to its folder."""
    path = Path(name)
    if not path.is_file():
        raise ConfigError(f"{path}: config file not found")
    data = _read_toml(path)
    if path.name == "pyproject.toml" and not isinstance(data.get("tool"), dict):
        raise ConfigError(f"no [tool.mtcheck] table in {path}")   # (its top level is someone else's)
    where = f"{path} [tool.mtcheck]" if path.name == "pyproject.toml" else str(path)
    return replace(parse_table(_settings(data, path), where, root=path.parent.resolve()), source=str(path))


def _pyproject_table(py: Path) -> Any:
    """The ``[tool.mtcheck]`` table of a pyproject.toml (None without one).

    Why remembered on disk: most projects have a pyproject.toml, usually without our
    table, and reading it means importing the TOML parser (~3 ms) and parsing the file in
    every one-article run.  The answer is kept keyed by the file's path, size, mtime,
    ctime and inode (as the rule cache keys rule files: cp -p, rsync -a, tar x and touch -r
    restore a size and mtime, never a ctime); a file that does not parse is never stored, so
    its error is reported every time, and a table marshal cannot store (TOML dates) is
    parsed every time.
    """
    try:
        st = py.stat()
    except OSError:
        return _mtcheck_table(py)

    def compute() -> tuple[Any] | None:
        import marshal
        table = _mtcheck_table(py)
        try:
            marshal.dumps(table)
        except ValueError:
            return None
        return (table,)

    key = ("pyproject", str(py), st.st_size, st.st_mtime_ns, st.st_ctime_ns, st.st_ino)
    got = _PYPROJECT.get(key, compute)
    return _mtcheck_table(py) if got is None else got[0]


def _read_toml(path: Path) -> dict[str, Any]:
    """The parsed file, or ConfigError naming it.  TOML is UTF-8 by definition: tomllib
    raises UnicodeDecodeError (not TOMLDecodeError) on other bytes, such as a cp1251
    comment, and that must be a config error too, not a traceback."""
    # Imported here: most runs find no config file, and the parser costs ~6 ms to import.
    import tomllib
    try:
        with path.open("rb") as fh:
            return tomllib.load(fh)
    except tomllib.TOMLDecodeError as exc:
        raise ConfigError(f"{path}: invalid TOML: {exc}") from None
    except UnicodeDecodeError as exc:
        raise ConfigError(f"{path}: invalid TOML: not UTF-8 (byte 0x{exc.object[exc.start]:02x} "
                          f"at offset {exc.start}); save the file as UTF-8") from None
    except OSError as exc:
        raise ConfigError(f"{path}: cannot read: {exc.strerror}") from None


def discover(start: str | Path) -> Config:
    """The config that applies to *start* (a file or directory): nearest file up the tree."""
    p = Path(start).resolve()
    d = p if p.is_dir() else p.parent
    return _discover_from(str(d))


@lru_cache(maxsize=1024)
def _discover_from(directory_name: str) -> Config:
    """The config for every file in *directory_name*: one lookup per directory, not per file
    (a 1,000-file run otherwise re-parses the same table 1,000 times)."""
    d = Path(directory_name)
    for directory in (d, *d.parents):
        found = _config_in_dir(str(directory))
        if found is not None:
            table, where = found
            cfg = parse_table(table, where, root=directory)
            return replace(cfg, source=where)
    return Config()
