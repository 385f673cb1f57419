"""What crosses between the processes of a parallel run: each result as plain data.

Workers (forked children, or spawned processes where fork is unavailable) lint with
the Runner in WORKER and send results back packed; the parent unpacks them into
FileResults with the same Documents a serial run builds (see runner.Runner._parallel).
Module-level functions, so that a process pool can pickle them by name.
"""

from __future__ import annotations

from typing import Any

from .api import FileResult
from .document import Document, Span

#: this process's Runner while a parallel run forks (set by Runner), or built by init_worker
WORKER: Any = None


def init_worker(opts: Any) -> None:
    """A spawned worker's Runner (where fork is unavailable)."""
    from .runner import Runner
    global WORKER
    WORKER = Runner(opts)


def same(value: Any) -> Any:
    return value


def map_call(args: tuple) -> Any:
    from .runner import Input
    fn, path, error = args
    assert WORKER is not None
    item = Input(path, WORKER.config_for(path), error=error) if error else WORKER.read(path)
    return fn(WORKER, item)


def new_notices(runner: Any) -> list[str]:
    """The notices *runner*'s linters gave since the last call in this process (each
    linter's list only grows).

    Why: a worker sent every notice it had with every file, the ones its parent gave
    before the fork included, so a run where a rule timed out on many files shipped and
    compared a growing list per file (quadratic), and the parent kept them in the order
    the processes happened to finish instead of file order (stderr differed from
    --jobs 1)."""
    sent: dict = runner.memo.setdefault("_notices_sent", {})
    out: list[str] = []
    for key, linter in runner._linters.items():
        notes = linter.ctx.notices
        start = sent.get(key, 0)
        if len(notes) > start:
            out += notes[start:]
            sent[key] = len(notes)
    return out


def lint_packed(path: str) -> tuple:
    """One file linted by this worker, packed (a spawned pool's task)."""
    assert WORKER is not None
    return _pack(WORKER.lint_one(path), new_notices(WORKER))


def lint_packed_many(paths: list[str]) -> list[tuple]:
    """A chunk of files linted by this worker together (Runner.lint_many), each packed
    with the notices linting it gave (a forked child's task)."""
    assert WORKER is not None
    return [_pack(r, notices) for r, notices in WORKER.lint_many(paths)]


def _pack(r: FileResult, notices: list[str]) -> tuple:
    from .cache import finding_to_dict
    src, doc = r.source, r.doc
    packed_src = None
    if src is not None and doc is not None:
        # the Document's views as plain data, so that the parent need not build them again
        packed_src = (src.text, src.encoding, src.bom, doc.fmt, None if doc.prose is src.text else doc.prose,
                      [tuple(s) for s in doc.markup], [tuple(s) for s in doc.protected])
    return (r.path, r.error, r.notice, packed_src, [finding_to_dict(f) for f in r.findings],
            notices, r.extra)


def unpack(packed: tuple) -> tuple[FileResult, list[str]]:
    from .cache import finding_from_dict
    from .source import Source
    path, error, notice, packed_src, findings, notices, extra = packed
    if packed_src is None:
        return FileResult(path, error=error, notice=notice), notices
    text, encoding, bom, fmt, prose, markup, protected = packed_src
    src = Source(path, text, encoding, bom)
    doc = Document(text=text, path=path, fmt=fmt, prose=text if prose is None else prose,
                   markup=[Span(*s) for s in markup], protected=[Span(*s) for s in protected])
    return FileResult(path, [finding_from_dict(f) for f in findings], doc=doc, source=src,
                      extra=extra), notices
