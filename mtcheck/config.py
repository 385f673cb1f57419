"""Configuration: ``[tool.mtcheck]`` in pyproject.toml or ``.mtcheck.toml``, merged with flags.

Found by walking up from each linted file (the nearest file wins, as with ruff), so a
newsroom can keep one config at the root of its article repository and override it in a
sub-folder.  Keys use the same names as the command-line flags.
"""

from __future__ import annotations

import fnmatch
from dataclasses import dataclass, fields, replace
from functools import lru_cache
from pathlib import Path
from typing import Any

from .diskmemo import DiskMemo
from .findings import Severity
from .source import DEFAULT_MAX_FILE_SIZE

DEFAULT_EXTENSIONS = (".txt", ".md", ".markdown", ".html", ".htm")


class ConfigError(Exception):
    """A config file or flag value that cannot be used; str() names file and key."""


@dataclass(frozen=True)
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

    def ignores_for(self, path: str) -> tuple[str, ...]:
        if not self.per_file_ignores:
            return self.ignore   # (most configs: no Path object per linted file)
        extra: list[str] = []
        posix = Path(path).as_posix()
        for pattern, codes in self.per_file_ignores:
            if fnmatch.fnmatch(posix, pattern) or fnmatch.fnmatch(Path(path).name, pattern):
                extra.extend(codes)
        return self.ignore + tuple(extra)

    def as_dict(self) -> dict[str, Any]:
        out = {}
        for f in fields(self):
            v = getattr(self, f.name)
            if isinstance(v, Severity):
                v = v.value
            if f.name == "per_file_ignores":
                v = {k: list(c) for k, c in v}
            elif isinstance(v, tuple):
                v = list(v)
            out[f.name.replace("_", "-")] = v
        return out


_KEYS = {f.name.replace("_", "-"): f.name for f in fields(Config) if f.name != "source"}


def _as_tuple(value: Any, where: str, key: str) -> tuple[str, ...]:
    if isinstance(value, str):
        value = [v.strip() for v in value.split(",") if v.strip()]
    if not isinstance(value, list) or not all(isinstance(v, str) for v in value):
        raise ConfigError(f"{where}: '{key}' must be a list of strings")
    return tuple(value)


def parse_table(table: dict[str, Any], where: str, base: Config | None = None,
                root: Path | None = None) -> Config:
    """Turn a config table into a Config, validating every key."""
    cfg = base or Config()
    updates: dict[str, Any] = {}
    for key, value in table.items():
        norm = key.replace("_", "-")
        if norm not in _KEYS:
            raise ConfigError(f"{where}: unknown key '{key}' (known: {', '.join(sorted(_KEYS))})")
        name = _KEYS[norm]
        if name in ("select", "ignore", "exclude"):
            updates[name] = _as_tuple(value, where, key)
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
            if not isinstance(value, int) or value < 0:
                raise ConfigError(f"{where}: 'max-file-size' must be a whole number of bytes")
            updates[name] = value
        elif name == "cache_dir":
            if not isinstance(value, str):
                raise ConfigError(f"{where}: 'cache-dir' must be a string")
            updates[name] = str(root / value) if root and not Path(value).is_absolute() else value
        elif name in ("encoding", "languagetool"):
            if not isinstance(value, str):
                raise ConfigError(f"{where}: '{key}' must be a string")
            updates[name] = value
        elif name == "per_file_ignores":
            if not isinstance(value, dict):
                raise ConfigError(f"{where}: 'per-file-ignores' must be a table of glob = [codes]")
            updates[name] = tuple((str(k), _as_tuple(v, where, f"per-file-ignores.{k}")) for k, v in value.items())
    return replace(cfg, **updates)


#: [tool.mtcheck] of pyproject.toml files, by path, size and mtime (see _pyproject_table)
# bounded: every edit (and every test's temp folder) is a new key
_PYPROJECT = DiskMemo("pyproject", __file__, limit=200)


@lru_cache(maxsize=256)
def _config_in_dir(directory: str) -> tuple[dict[str, Any], str] | None:
    d = Path(directory)
    dot = d / ".mtcheck.toml"
    if dot.is_file():
        return _read_toml(dot), str(dot)
    py = d / "pyproject.toml"
    if py.is_file():
        table = _pyproject_table(py)
        if table is not None:
            return table, f"{py} [tool.mtcheck]"
    return None


def _mtcheck_table(py: Path) -> Any:
    return _read_toml(py).get("tool", {}).get("mtcheck")


def _pyproject_table(py: Path) -> Any:
    """The ``[tool.mtcheck]`` table of a pyproject.toml (None without one).

    Why remembered on disk: most projects have a pyproject.toml, usually without our
    table, and reading it means importing the TOML parser (~3 ms) and parsing the file in
    every one-article run.  The answer is kept keyed by the file's path, size and mtime
    (as the rule cache keys rule files); a file that does not parse is never stored, so
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

    key = ("pyproject", str(py), st.st_size, st.st_mtime_ns)
    got = _PYPROJECT.get(key, compute)
    return _mtcheck_table(py) if got is None else got[0]


def _read_toml(path: Path) -> dict[str, Any]:
    # Imported here: most runs find no config file, and the parser costs ~6 ms to import.
    import tomllib
    try:
        with path.open("rb") as fh:
            data = tomllib.load(fh)
    except tomllib.TOMLDecodeError as exc:
        raise ConfigError(f"{path}: invalid TOML: {exc}") from None
    except OSError as exc:
        raise ConfigError(f"{path}: cannot read: {exc.strerror}") from None
    if path.name == ".mtcheck.toml":
        return data.get("tool", {}).get("mtcheck", data)
    return data


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
