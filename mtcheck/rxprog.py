"""``regex`` patterns without importing ``regex`` in most runs: programs kept on disk.

Why: the ``regex`` module is two parts, a C matching engine and ~4,000 lines of Python
that parse a pattern into the engine's program.  Importing the Python part costs ~13 ms
and parsing a large pattern 1-4 ms, in every fresh process, and a one-article
``mtcheck lint`` needs a dozen patterns.  What the parser hands the engine depends only on
the pattern, the flags and the installed ``regex``: it is stored (``~/.cache/mtcheck``)
and, in later runs, handed straight to the engine, which is loaded on its own.  The
result is the very pattern object ``regex.compile`` builds — same matches, groups and
timeouts (tests/test_regex_programs.py compares them on every built-in pattern).

The Python part is imported only when something needs it: a pattern not yet stored, a
bad pattern (its error message), or a replacement template more complex than group
references (``expand``).  Everything unusual falls back to ``regex.compile``.
"""

from __future__ import annotations

import os
from typing import Any

from .diskmemo import DiskMemo

__all__ = ["IGNORECASE", "MULTILINE", "compile", "escape", "expand"]

# The flag values of the installed ``regex`` (checked against it before anything is
# stored: see _program), so callers need not import the module for its constants.
IGNORECASE = 2
MULTILINE = 8
_LOCALE = 4

#: The engine program of each compiled pattern, kept between runs, in a file per
#: installation of ``regex`` (made on first use: see _programs).  Bounded: the built-in
#: rules have a few dozen patterns; users' edits pile up.
_PROGRAMS: DiskMemo | None = None
_LIMIT = 400

# Characters regex.escape() escapes (it escapes every whitespace character too)
_SPECIAL = frozenset("#$&()*+-.?[\\]^{|}~")

_engine_module: Any = None
_install: tuple | None = None


def escape(text: str) -> str:
    """``regex.escape(text)`` (its defaults), without importing ``regex``: a backslash
    before each special and each whitespace character (a test compares the two)."""
    if text.isalnum():
        return text
    return "".join("\\" + c if c in _SPECIAL or c.isspace() else c for c in text)


def compile(pattern: str, flags: int = 0) -> Any:  # noqa: A001 - mirrors regex.compile
    """``regex.compile(pattern, flags)``, from the stored program when there is one."""
    install = _installation()
    if install is not None:
        args = _programs(install).get(("prog", pattern, int(flags)), lambda: _program(pattern, flags))
        if args is not None:
            try:
                return engine().compile(*args)
            except Exception:  # pragma: no cover - a stored program this engine rejects
                pass
    import regex
    return regex.compile(pattern, flags)


def expand(match: Any, template: str) -> str:
    """``match.expand(template)``; templates of plain text and group references
    (``\\g<name>``, ``\\g<2>``, ``\\2``) are filled here, since the engine would import the
    whole ``regex`` module to parse them.  Anything else goes to ``match.expand``."""
    if "\\" not in template:
        return template
    parts = template.split("\\")
    out = [parts[0]]
    for part in parts[1:]:
        if part.startswith("g<"):
            close = part.find(">")
            name = part[2:close] if close > 2 else ""
            if not name or not (name.isdigit() or name.isidentifier()):
                return match.expand(template)
            rest = part[close + 1:]
        elif part[:1].isdigit() and part[:1] != "0" and not part[1:2].isdigit():
            name, rest = part[:1], part[1:]
        else:
            return match.expand(template)   # escapes, "\\\\", octal: regex decides
        try:
            value = match.group(int(name) if name.isdigit() else name)
        except (IndexError, KeyError):
            return match.expand(template)   # regex raises its own error for these
        out.append(value or "")
        out.append(rest)
    return "".join(out)


def engine() -> Any:
    """The C engine of ``regex``, loaded without the Python parser around it."""
    global _engine_module
    if _engine_module is None:
        import sys
        mod = sys.modules.get("regex._regex")
        if mod is None:
            path = _files()[0]
            from importlib.machinery import ExtensionFileLoader
            from importlib.util import module_from_spec, spec_from_file_location
            loader = ExtensionFileLoader("regex._regex", path)
            spec = spec_from_file_location("regex._regex", path, loader=loader)
            if spec is None:   # pragma: no cover
                raise ImportError(path)
            mod = module_from_spec(spec)
            loader.exec_module(mod)
            # ``import regex`` later finds and reuses this very module
            sys.modules["regex._regex"] = mod
        _engine_module = mod
    return _engine_module


def _files() -> tuple[str, str, str]:
    """The engine, the parser and the package entry of the installed ``regex``."""
    from importlib.util import find_spec
    spec = find_spec("regex")
    if spec is None or not spec.submodule_search_locations:
        raise ImportError("regex")
    folder = spec.submodule_search_locations[0]
    engines = sorted(f for f in os.listdir(folder) if f.startswith("_regex.") and f.endswith((".so", ".pyd")))
    if len(engines) != 1:
        raise ImportError("regex engine")
    return (os.path.join(folder, engines[0]), os.path.join(folder, "_regex_core.py"),
            os.path.join(folder, "_main.py"))


def _programs(install: tuple) -> DiskMemo:
    """The memo of stored programs for this installation of ``regex``.

    Why a file per installation: every virtual environment (every fresh checkout's, every
    CI run's) installs ``regex`` anew, and with the installation only in the key each one
    added its few dozen programs to one shared file, which every run reads whole: 12
    installations had made it 480 kB (~2 ms to read) and brought it near its bound, past
    which new patterns would no longer have been stored."""
    global _PROGRAMS
    if _PROGRAMS is None:
        _PROGRAMS = DiskMemo("regexprog", __file__, limit=_LIMIT, salt=repr(install))
    return _PROGRAMS


def _installation() -> tuple | None:
    """Which ``regex`` is installed (its files' sizes and times): stored programs are
    valid for that installation only.  None when it cannot be told: compile normally."""
    global _install
    if _install is None:
        try:
            stats = [os.stat(f) for f in _files()]
        except (OSError, ImportError):
            _install = ()
        else:
            _install = tuple(v for s in stats for v in (s.st_size, s.st_mtime_ns))
    return _install or None


def _program(pattern: str, flags: int) -> tuple | None:
    """The arguments ``regex`` hands its C engine for *pattern* (ints, strings, dicts:
    storable with marshal), or None when they should not be stored."""
    import regex
    from regex import _main
    if (regex.IGNORECASE, regex.MULTILINE, regex.LOCALE) != (IGNORECASE, MULTILINE, _LOCALE):
        return None   # pragma: no cover - a regex whose flag values differ: never store
    from .recache import engine_calls
    # regex.compile raises regex.error for a bad pattern (and nothing is stored)
    seen = engine_calls(_main, "_regex", lambda: regex.compile(pattern, flags, cache_pattern=False))
    if len(seen) != 1 or len(seen[0]) != 11:
        return None
    args = tuple(int(a) if isinstance(a, int) else a for a in seen[0])   # RegexFlag -> int
    if args[5] or args[6] or args[1] & _LOCALE:   # named lists, locale: not a pure function
        return None
    import marshal
    try:
        marshal.dumps(args)
    except ValueError:
        return None
    return args
