"""Results of pure functions kept on disk between runs (the start-up cache for analyses).

Why: a one-article ``mtcheck lint`` is a fresh process, and some prepare-time work is
the same in every run — reading the literal strings a rule's regex needs, for example,
takes ~10 ms for the built-in rules, every time.  Such a function depends only on its
arguments and on its own code, so its answers can be stored next to the parsed rule set
(``~/.cache/mtcheck``) and looked up instead.

The file is keyed by a hash of the code files that compute the answers, the mtcheck
version and the Python version, so editing the code (or upgrading Python, whose regex
parser the analyses use) starts a fresh memo.  It is read once, lazily; new answers are
written back once, atomically, when the process that read it exits (never from forked
workers, which leave with ``os._exit``).  Deleting the directory is always safe, and
``MTCHECK_NO_RULE_CACHE=1`` turns the disk side off.  Values must be marshal-able
(str, int, float, None, tuple, list, dict, set, frozenset).
"""

from __future__ import annotations

import os
import sys
from pathlib import Path
from typing import Any, Callable, Hashable

__all__ = ["DiskMemo", "cache_dir", "checksum", "store"]

_MISSING = object()
KEEP = 8  # files of one kind kept in the cache directory (older versions are pruned)


class DiskMemo:
    """``memo.get(key, compute)``: the stored answer, or ``compute()`` remembered.

    With *limit*, at most that many answers are kept: storing one more drops the oldest
    (keys that pile up, such as every edit of a user's pattern or every test's temporary
    pyproject.toml, must not make the file every run reads grow without end, and once
    full the memo must still learn the answers a run needs now; a dropped answer is only
    recomputed).  Marshal keeps a dict's order, so "oldest" holds across runs.

    *salt* names what else the answers are valid for (one installation of a library,
    one set of data files): each salt gets a file of its own, so a run reads only the
    answers it can use.  Answers for other installations or checkouts sharing the cache
    directory would otherwise sit in the same file, which every run reads whole; the
    pruning of old files (KEEP per kind) bounds how many salts are kept."""

    def __init__(self, name: str, *code_files: str, limit: int | None = None, salt: str = "") -> None:
        self.name = name
        self.code_files = code_files
        self.limit = limit
        self.salt = salt
        self._data: dict[Hashable, Any] | None = None
        self._dirty = False
        self._path: Path | None = None
        self._pid = os.getpid()

    def get(self, key: Hashable, compute: Callable[[], Any]) -> Any:
        data = self._load()
        value = data.get(key, _MISSING)
        if value is _MISSING:
            value = compute()
            self.put(key, value)
        return value

    def peek(self, key: Hashable, default: Any = None) -> Any:
        """The stored answer for *key*, or *default* (nothing is computed)."""
        return self._load().get(key, default)

    def put(self, key: Hashable, value: Any) -> None:
        """Store *value* under *key*, replacing what was there (an answer gone stale)."""
        data = self._load()
        if self.limit is not None and key not in data:
            while data and len(data) >= self.limit:
                del data[next(iter(data))]   # the oldest answer makes room
        data[key] = value
        if not self._dirty and self._path is not None:
            self._dirty = True
            import atexit
            atexit.register(self.flush)

    # -- disk ---------------------------------------------------------------------------
    def _load(self) -> dict[Hashable, Any]:
        if self._data is not None:
            return self._data
        self._data = {}
        self._path = _memo_path(self.name, self.code_files, self.salt)
        if self._path is not None and self._path.is_file():
            import marshal
            try:
                stored = marshal.loads(self._path.read_bytes())
                if isinstance(stored, dict):
                    self._data = stored
            except (OSError, ValueError, EOFError, TypeError):
                pass  # unreadable or corrupt: recompute and overwrite
        return self._data

    def flush(self) -> None:
        """Write new answers back (atomic replace); errors are ignored: a cache is optional."""
        if not self._dirty or self._path is None or os.getpid() != self._pid or self._data is None:
            return
        import marshal
        try:
            blob = marshal.dumps(self._data)
        except ValueError:
            return
        if store(self._path, blob, f"{self.name}-*.marshal"):
            self._dirty = False


def _memo_path(name: str, code_files: tuple[str, ...], salt: str = "") -> Path | None:
    base = cache_dir()
    if base is None:
        return None
    from . import __version__
    try:
        key = checksum(f"{__version__}|{sys.version}".encode(), *(Path(f).read_bytes() for f in code_files),
                       *((b"salt:" + salt.encode("utf-8", "surrogatepass"),) if salt else ()))
    except OSError:
        return None
    return base / f"{name}-{key}.marshal"


def cache_dir() -> Path | None:
    """``$XDG_CACHE_HOME/mtcheck`` (default ``~/.cache/mtcheck``), where every start-up
    cache lives; None when ``MTCHECK_NO_RULE_CACHE`` is set."""
    if os.environ.get("MTCHECK_NO_RULE_CACHE"):
        return None
    return Path(os.environ.get("XDG_CACHE_HOME") or Path.home() / ".cache") / "mtcheck"


def store(path: Path, data: bytes, *kinds: str, keep: int = KEEP) -> bool:
    """Write a cache file atomically (readers see the old file or the new one, never half),
    then delete all but the *keep* newest files matching the glob patterns *kinds*: every
    edit of a rule file or of the code makes a new entry.  A process still about to read a
    deleted file just rebuilds.  Returns False when the directory cannot be written: a
    cache is optional."""
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        tmp = path.with_name(f"{path.name}.{os.getpid()}.tmp")
        tmp.write_bytes(data)
        os.replace(tmp, path)
    except OSError:
        return False
    files = []
    for pattern in kinds:
        for p in path.parent.glob(pattern):
            try:
                files.append((p.stat().st_mtime_ns, str(p), p))
            except OSError:
                continue
    for _mtime, _name, p in sorted(files, reverse=True)[keep:]:
        try:
            p.unlink()
        except OSError:
            pass
    return True


def checksum(*parts: bytes) -> str:
    """A 64-bit hex checksum of *parts* (CRC-32 and Adler-32 side by side), for cache keys.

    Why not hashlib: importing it loads OpenSSL, ~4 ms of every cold run, and these keys
    only have to tell versions of our own files apart, not resist an adversary."""
    import zlib

    crc, adler = 0, 1
    for part in parts:
        crc = zlib.crc32(part, crc)
        adler = zlib.adler32(part, adler)
    return f"{crc:08x}{adler:08x}"
