"""Which files a directory argument stands for: one walker for the command line
(each folder under its own config) and the library (api.iter_files, one config).

Why scandir and not os.walk: its entries carry the file type, so special files (FIFOs,
sockets, devices) are left out without a system call per file; opening a FIFO blocks
until something writes to it, and one named ``*.txt`` hung the whole run.
"""

from __future__ import annotations

import os
from pathlib import Path
from typing import TYPE_CHECKING, Callable, Iterable, Iterator

if TYPE_CHECKING:
    from .config import Config

__all__ = ["inputs", "unique", "walk"]


def inputs(paths: Iterable[str], config_for: Callable[[str], Config], *,
           tidy: bool = False) -> Iterator[tuple[str, str | None]]:
    """(path, error) for each input: a path named explicitly as given, whatever its
    extension and whatever it is short of a folder (a pipe or FIFO is read once, as a
    stream), or why it cannot be read; a folder as its files (walk).  *tidy*: a folder
    spelt './a/' walks as 'a' (the library's spelling; the command line keeps the path
    as typed)."""
    import stat

    from .source import os_error_message

    for p in paths:
        try:
            st = os.stat(p)
        except OSError as exc:   # missing, a symlink loop, a folder we may not enter...
            yield p, os_error_message(exc)
            continue
        if stat.S_ISDIR(st.st_mode):
            yield from ((f, None) for f in walk(str(Path(p)) if tidy else p, config_for))
        else:
            yield p, None


def unique(items: Iterable[tuple[str, str | None]]) -> list[tuple[str, str | None]]:
    """*items* (``inputs``) with each file once, in first-seen order and spelt as first
    met: ``lint a.txt a.txt``, ``lint dir dir/a.txt``, ``./a.txt a.txt`` or a symlink next
    to its target name one file, whose findings were reported (and counted) twice, and
    whose fix was printed twice (a diff that no longer applied).  As ruff and codespell.

    Identity is the resolved real path, also for inputs that cannot be read (a missing
    file named twice is one error).  Why not ``os.path.realpath`` per file: it costs
    ~25 µs a file (an lstat per path component); the real path of each folder is
    resolved once and a file's own name only checked for being a link (~4 µs)."""
    items = items if isinstance(items, list) else list(items)
    if len(items) < 2:
        return items
    folders: dict[str, str] = {}
    links = _Links()
    seen: set[str] = set()
    out: list[tuple[str, str | None]] = []
    for item in items:
        key = _real(item[0], item[1] is not None, folders, links)
        if key not in seen:
            seen.add(key)
            out.append(item)
    return out


def _real(path: str, failed: bool, folders: dict[str, str], links: "_Links") -> str:
    """The real path of *path* (a file), by way of *folders* (folder as spelt -> its real
    path); normcase'd, so that Windows' case-blind names compare equal."""
    head, name = os.path.split(path)
    if failed or name in ("", ".", "..") or links.is_link(head, name, path):
        return os.path.normcase(os.path.realpath(path))
    real = folders.get(head)
    if real is None:
        real = folders[head] = os.path.realpath(head or os.curdir)
    return os.path.normcase(os.path.join(real, name))


class _Links:
    """Which named files are symbolic links, read off one listing of their folder (the
    entries' types come with it) once LIST_FROM of its files have been asked about: an
    ``lstat`` per file cost ~4 ms of a 1,000-file run's serial start.  The first few of
    a folder, and any name its listing lacks (created since, or spelt in another case
    on a case-blind disk), are tested one by one."""

    LIST_FROM = 8

    def __init__(self) -> None:
        self.asked: dict[str, int] = {}
        self.listed: dict[str, dict[str, bool]] = {}

    def is_link(self, head: str, name: str, path: str) -> bool:
        listed = self.listed.get(head)
        if listed is None:
            n = self.asked[head] = self.asked.get(head, 0) + 1
            if n >= self.LIST_FROM:
                try:
                    with os.scandir(head or os.curdir) as it:
                        listed = {e.name: e.is_symlink() for e in it}
                except OSError:
                    listed = {}
                self.listed[head] = listed
        got = listed.get(name) if listed else None
        return os.path.islink(path) if got is None else got


def walk(top: str, config_for: Callable[[str], Config]) -> Iterator[str]:
    """The files a directory argument stands for, in sorted order (a folder's own files
    before its subfolders'), hidden folders, node_modules and __pycache__ skipped.

    Each folder is walked under its own config, ``config_for(folder)`` (the nearest config
    up from it, or ``--config``): its ``extensions`` pick the files (ignoring case) and its
    ``exclude`` patterns, relative to that config's folder, drop some.  (A walk with one
    config for every folder, matching patterns against the path as typed, made a project's
    ``exclude`` do nothing unless mtcheck ran from the project's root.)
    """
    extensions: dict[tuple[str, ...], tuple[str, ...]] = {}
    for root, names in _tree(top):
        cfg = config_for(root)
        exts = extensions.get(cfg.extensions)
        if exts is None:
            exts = extensions[cfg.extensions] = tuple(e.lower() for e in cfg.extensions)
        for name in names:
            if name.lower().endswith(exts):
                full = os.path.join(root, name)
                if not (cfg.exclude and cfg.excludes(full)):
                    yield full


def _tree(top: str) -> Iterator[tuple[str, list[str]]]:
    """(folder, its file names sorted) for *top* and its subfolders, in os.walk's
    top-down order with sorted subfolders; folders that cannot be listed are passed over,
    as os.walk does.  Special files (FIFOs, sockets, devices) are left out: opening a FIFO
    blocks until something writes to it, so one named ``*.txt`` hung the whole run.
    Symbolic links that are not to a folder stay in, so a broken or looping one is
    reported when it is read; links to folders are not followed (as os.walk).

    A stack, not recursion: a tree a thousand folders deep ended the run in a
    RecursionError traceback (exit status 1, "findings")."""
    stack = [top]
    while stack:
        folder = stack.pop()
        listed = _list(folder)
        if listed is None:
            continue
        files, folders = listed
        yield folder, files
        stack.extend(reversed(folders))   # the first subfolder is walked next


def _list(top: str) -> tuple[list[str], list[str]] | None:
    """The file names and subfolder paths of *top*, sorted; None if it cannot be listed."""
    import stat

    try:
        with os.scandir(top) as it:
            entries = sorted(it, key=lambda e: e.name)
    except OSError:
        return None
    files: list[str] = []
    folders: list[str] = []
    for e in entries:
        try:
            if e.is_dir(follow_symlinks=False):
                if not e.name.startswith(".") and e.name not in ("node_modules", "__pycache__"):
                    folders.append(e.path)
            elif e.is_file(follow_symlinks=False):
                files.append(e.name)
            elif e.is_symlink():
                try:
                    mode = os.stat(e.path).st_mode
                except OSError:       # broken or looping: kept, reported when read
                    files.append(e.name)
                    continue
                if stat.S_ISREG(mode):
                    files.append(e.name)
        except OSError:
            continue
    return files, folders
