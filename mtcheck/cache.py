"""On-disk cache of findings, so repeated runs skip unchanged files (as ruff does).

The key is a hash of the file's bytes, the mtcheck version and code, the effective
config, the rule data and any extra options (entities files, LanguageTool URL…): change
any of them and the file is linted again.  Entries are small JSON files written
atomically; the directory carries a CACHEDIR.TAG and a ``.gitignore`` and is always safe
to delete.
"""

from __future__ import annotations

import json
import os
from functools import lru_cache
from pathlib import Path
from typing import Any

from . import __version__
from .findings import Finding, Severity

DEFAULT_DIR = ".mtcheck_cache"


@lru_cache(maxsize=1)
def code_fingerprint() -> str:
    """Version plus size/mtime of the package's own files: a code change invalidates."""
    import hashlib  # here: --jobs runs import this module for finding_to_dict only (~8 ms)

    h = hashlib.sha256(__version__.encode())
    pkg = Path(__file__).resolve().parent
    for path in sorted(pkg.rglob("*")):
        if path.suffix in (".py", ".gz", ".json", ".yml", ".yaml") and "__pycache__" not in path.parts:
            st = path.stat()
            h.update(f"{path.relative_to(pkg)}:{st.st_size}:{st.st_mtime_ns}".encode())
    return h.hexdigest()


def files_fingerprint(paths: list[Path]) -> str:
    import hashlib

    h = hashlib.sha256()
    for p in sorted(paths):
        try:
            h.update(str(p).encode() + b"\0" + p.read_bytes())
        except OSError:
            h.update(str(p).encode() + b"\0missing")
    return h.hexdigest()


def finding_to_dict(f: Finding) -> dict[str, Any]:
    return {"rule": f.rule, "name": f.name, "category": f.category, "severity": f.severity.value,
            "message": f.message, "start": f.start, "end": f.end, "replacements": list(f.replacements),
            "fix": f.fix, "data": f.data}


def finding_from_dict(d: dict[str, Any]) -> Finding:
    return Finding(rule=d["rule"], name=d["name"], category=d["category"], severity=Severity(d["severity"]),
                   message=d["message"], start=d["start"], end=d["end"],
                   replacements=tuple(d["replacements"]), fix=d["fix"], data=d.get("data") or {})


class Cache:
    def __init__(self, directory: str | Path, context: str) -> None:
        self.dir = Path(directory)
        self.context = context
        self._ready = False
        self._marked = False

    def _prepare(self) -> None:
        if self._ready:
            return
        self.dir.mkdir(parents=True, exist_ok=True)
        self._mark()
        self._ready = True

    def _mark(self) -> None:
        """Keep the markers that tell backup tools (CACHEDIR.TAG) and git (.gitignore) to
        leave the directory alone; restored when missing (a directory deleted while a run
        was writing to it survives without them, and a warm run writes no entries)."""
        self._marked = True
        for name, text in (("CACHEDIR.TAG", "Signature: 8a477f597d28d172789f06886806bc55\n"
                                            "# mtcheck cache: safe to delete.\n"), (".gitignore", "*\n")):
            path = self.dir / name
            if not path.exists():
                try:
                    path.write_text(text)
                except OSError:
                    pass

    def key(self, data: bytes, path: str, rules: str = "", paired: str = "") -> str:
        """The entry of one file's findings.  *paired* names what else they depend on
        beyond the content and the run's context: with ``--source`` the original is
        paired by file name, so two files of the same text have different findings."""
        import hashlib

        h = hashlib.sha256(self.context.encode())
        h.update(Path(path).suffix.lower().encode())  # the format depends on the extension
        h.update(rules.encode() + b"\0")             # per-file ignores change the rule set
        if paired:
            h.update(b"paired\0" + paired.encode("utf-8", "surrogateescape") + b"\0")
        h.update(data)
        return h.hexdigest()

    def get(self, key: str) -> list[Finding] | None:
        p = self.dir / key[:2] / f"{key}.json"
        try:
            raw = json.loads(p.read_text(encoding="utf-8"))
            if not isinstance(raw, list):   # damaged ("{}" iterated as no findings)
                return None
            found = [finding_from_dict(d) for d in raw]
            if not self._marked and self.dir.is_dir():
                self._mark()
            return found
        except (OSError, ValueError, KeyError, TypeError):
            return None

    def put(self, key: str, findings: list[Finding]) -> None:
        try:
            self._prepare()
            d = self.dir / key[:2]
            d.mkdir(exist_ok=True)
            tmp = d / f".{key}.{os.getpid()}.tmp"
            tmp.write_text(json.dumps([finding_to_dict(f) for f in findings], ensure_ascii=False), encoding="utf-8")
            os.replace(tmp, d / f"{key}.json")
        except OSError:
            pass  # a read-only checkout still lints; it just does not cache
