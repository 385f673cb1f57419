"""Running the linter over many inputs: config per file, cache, and parallel workers.

Shared by ``lint``, ``fix``, ``score`` and ``entities`` so that every command walks
files, reads config and reports bad input the same way.  Parallel runs give results
identical to a serial run, in input order: workers only compute findings; reading the
order, reporting and cross-file work stay in the parent process.
"""

from __future__ import annotations

import os
from collections import deque
from functools import partial
from pathlib import Path
from typing import Any, Callable, Iterable, Iterator

from . import gcpause, packing
from .api import FileResult, Linter, read_document
from .config import Config, check_overrides, discover, load_file
from .records import replace
from .walk import inputs, unique
from .document import Document
from .source import InputError, SkipFile, Source
from .suppress import Baseline

SERIAL_BELOW = 8  # a pool costs more than it saves on a handful of files
BATCH = 32        # files a serial run lints together (Runner.lint_many)
BATCH_CHARS = 1 << 21   # ... and at most this much of their text at once


class Input:
    """One input file: its config and decoded Document, or why it was not read.
    (A plain class: each ``@dataclass`` costs ~0.5 ms of every cold start.)"""

    __slots__ = ("path", "config", "source", "doc", "error", "notice")

    def __init__(self, path: str, config: Config, source: Source | None = None,
                 doc: Document | None = None, error: str | None = None,
                 notice: str | None = None) -> None:
        self.path, self.config, self.source, self.doc = path, config, source, doc
        self.error, self.notice = error, notice


class RunOptions:
    """Flags from the command line; ``None`` means "not given, use config".
    (A plain class: each ``@dataclass`` costs ~0.5 ms of every cold start.)"""

    def __init__(self, config_file: str | None = None, overrides: dict[str, Any] | None = None,
                 baseline: str | None = None, options: dict[str, Any] | None = None,
                 jobs: int | None = 1, use_cache: bool = False, cache_dir: str | None = None,
                 post: Callable[[FileResult], Any] | None = None) -> None:
        self.config_file = config_file
        self.overrides: dict[str, Any] = {} if overrides is None else overrides
        self.baseline = baseline
        self.options: dict[str, Any] = {} if options is None else options  # extra check options (languagetool…)
        self.jobs = jobs              # None: all cores
        self.use_cache = use_cache
        self.cache_dir = cache_dir
        # Per-file work after linting (a module-level function of the FileResult, returning
        # picklable data, stored as FileResult.extra): runs in the worker that linted the
        # file, so `score --jobs N` scores in parallel too.
        self.post = post


class Runner:
    def __init__(self, opts: RunOptions) -> None:
        self.opts = opts
        self._linters: dict[tuple, Linter] = {}
        self._explicit: Config | None = None
        self._configs: dict[str, Config] = {}
        self._caches: dict[tuple, Any] = {}
        self._worker_notices: list[str] = []
        self.memo: dict[str, Any] = {}  # per-run data commands build once (e.g. name rules)
        # the flags laid over every file's config, checked once (ConfigError naming the flag)
        self._updates = check_overrides(opts.overrides)
        if opts.config_file:
            self._explicit = load_file(opts.config_file)
        self.baseline = Baseline.load(opts.baseline) if opts.baseline else None

    def config_for(self, path: str, *, is_file: bool = False, is_dir: bool = False) -> Config:
        """The effective config of *path*; computed once per directory (a 1,000-file run
        would otherwise resolve every path and rebuild the same Config 1,000 times).
        *is_file* / *is_dir*: the caller knows what *path* names (a file found by
        ``files``, a folder it walks), which spares a ``stat`` per file (~2.5 µs)."""
        if is_dir:
            directory = path
        else:
            directory = (os.path.dirname(path) or ".") if is_file or not os.path.isdir(path) else path
        cfg = self._configs.get(directory)
        if cfg is None:
            base = self._explicit if self._explicit is not None else discover(directory)
            updates = self._updates
            cfg = self._configs[directory] = replace(base, **updates) if updates else base
        return cfg

    def linter_for(self, cfg: Config) -> Linter:
        key = (cfg.rule_dirs, cfg.entities, cfg.languagetool)
        if key not in self._linters:
            self._linters[key] = Linter(cfg, self.opts.options)
        return self._linters[key]

    def settle(self, items: list[tuple[str, str | None]]) -> None:
        """Resolve the config of every input of *items* (``self.files(...)``) and prepare
        its rules, raising ConfigError or RuleError now: a command that writes its report
        while files are linted (``score``) then fails before any output, not halfway."""
        seen: set[int] = set()
        for path, err in items:
            if err:
                continue
            cfg = self.config_for(path, is_file=True)
            linter = self.linter_for(cfg)
            if id(linter) not in seen:
                seen.add(id(linter))
                for rule in linter.rules_for(cfg):
                    linter.prepare(rule)

    def files(self, paths: Iterable[str]) -> list[tuple[str, str | None]]:
        """(path, error) for each input: a file as given (whatever its extension), a
        directory walked with the config of each of its folders (walk.walk); each file
        once, as first named (walk.unique), for every command."""
        return unique(inputs(paths, partial(self.config_for, is_dir=True)))

    def stdin_position(self, paths: list[str]) -> int:
        """How many inputs come before standard input (the first '-') in *paths*, as
        :meth:`files` lists them (each file once): where its result goes.  Why: reports
        follow the order of the arguments, '-' included (``lint a.txt - b.txt`` reported
        <stdin> last; ``fix`` wrote it first)."""
        before = paths[:paths.index("-")]
        return len(self.files(before)) if before else 0

    # -- one file ---------------------------------------------------------------------
    def _cache_for(self, cfg: Config):
        if not self.opts.use_cache:
            return None
        key = (cfg, tuple(sorted(self.opts.options.items(), key=str)))
        if key not in self._caches:
            from .cache import DEFAULT_DIR, Cache, code_fingerprint, files_fingerprint
            linter = self.linter_for(cfg)
            rule_files = [Path(p) for p, _ in self._rule_paths(linter)] + [Path(e) for e in cfg.entities]
            import json  # here: a --no-cache run never needs it

            from .checks.languagetool import cache_token
            context = json.dumps({"code": code_fingerprint(), "config": cfg.as_dict(),
                                  # auto mode resolves through the environment and local installs
                                  "languagetool": cache_token(cfg.languagetool),
                                  "options": {k: str(v) for k, v in self.opts.options.items()},
                                  "rules": files_fingerprint(rule_files)}, sort_keys=True)
            directory = self.opts.cache_dir or cfg.cache_dir or DEFAULT_DIR
            self._caches[key] = Cache(directory, context)
        return self._caches[key]

    @staticmethod
    def _rule_paths(linter: Linter) -> list[tuple[str, None]]:
        paths = {r.path for r in linter.ruleset.rules}
        for docs in linter.ruleset.data.values():
            paths.update(str(p) for p, _ in docs)
        return [(p, None) for p in sorted(paths)]

    def read(self, path: str) -> Input:
        """One file read and modelled under its own config, or the reason it cannot be."""
        cfg = self.config_for(path, is_file=True)
        try:
            src, doc = read_document(path, cfg)
        except SkipFile as exc:
            return Input(path, cfg, notice=str(exc))
        except InputError as exc:
            return Input(path, cfg, error=str(exc))
        return Input(path, cfg, src, doc)

    def inputs(self, paths: Iterable[str], files: list[tuple[str, str | None]] | None = None) -> Iterator[Input]:
        """Every input of a command, in order: what `fix` and `entities` iterate over;
        *files* is ``self.files(paths)`` when the caller walked it already."""
        for path, error in self.files(paths) if files is None else files:
            yield Input(path, self.config_for(path), error=error) if error else self.read(path)
            gcpause.settle()

    def _cache_key(self, item: Input) -> tuple[Any, str, list] | None:
        cache = self._cache_for(item.config)
        if cache is None:
            return None
        rules = self.linter_for(item.config).rules_for(item.config, item.path)
        src = item.source
        # with --source, the original (in the context) is the one paired with this file
        sources = self.opts.options.get("source_texts")
        if sources:
            from .checks.source import source_key
            paired = source_key(item.path, sources) or ""
        else:
            paired = ""
        return cache, cache.key(src.encode(src.text), item.path, ",".join(r.code for r in rules), paired), rules

    def _finish(self, item: Input, findings: list) -> FileResult:
        if self.baseline is not None:
            findings = self.baseline.filter(item.path, item.doc, findings)
        result = FileResult(item.path, findings, doc=item.doc, source=item.source)
        if self.opts.post is not None:
            result.extra = self.opts.post(result)
        item.doc.release()  # reporters need text and positions only; recomputed on demand
        return result

    def lint_one(self, path: str) -> FileResult:
        try:
            return self.lint_many([path])[0][0]
        finally:
            gcpause.settle()   # the command's start-up is over once a file is done

    def lint_many(self, paths: list[str]) -> list[tuple[FileResult, list[str]]]:
        """``lint_one`` of each of *paths*, in order, with the notices linting each file
        gave.  The files the cache does not hold are linted together, rule by rule
        (:meth:`Linter.lint_documents`: less CPU time than one file after another), as
        many at a time as hold BATCH_CHARS of text (their token and sentence views live
        until their batch is done)."""
        out: list[Any] = []
        batch: list[tuple[int, Input, Linter, list, Any]] = []
        size = 0
        for path in paths:
            item = self.read(path)
            if item.doc is None:
                out.append((FileResult(path, error=item.error, notice=item.notice), []))
                continue
            linter = self.linter_for(item.config)
            keyed = self._cache_key(item)
            findings = keyed[0].get(keyed[1]) if keyed else None
            if findings is not None:
                out.append((self._finish(item, findings), []))
                continue
            batch.append((len(out), item, linter, linter.rules_for(item.config, path), keyed))
            out.append(None)
            size += len(item.doc.text)
            if size >= BATCH_CHARS:
                self._lint_batch(batch, out)
                batch, size = [], 0
        if batch:
            self._lint_batch(batch, out)
        # Every notice came from a check or a rule's preparation, and went to its file;
        # anything else new (none is known) goes to the first file rather than nowhere.
        given = {n for _r, notes in out for n in notes}
        rest = [n for n in packing.new_notices(self) if n not in given]
        if rest and out:
            out[0] = (out[0][0], rest + out[0][1])
        return out

    def _lint_batch(self, batch: list[tuple[int, Input, Linter, list, Any]], out: list[Any]) -> None:
        """Lint the files of *batch* (read, not cached), those under one linter and rule
        selection together, and put each result at its place in *out*."""
        groups: dict[tuple[int, int], list[tuple[int, Input, Linter, list, Any]]] = {}
        for entry in batch:
            groups.setdefault((id(entry[2]), id(entry[3])), []).append(entry)
        for entries in groups.values():
            linter, rules = entries[0][2], entries[0][3]
            linted = linter.lint_documents([e[1].doc for e in entries], rules)
            for (k, item, _linter, _rules, keyed), got in zip(entries, linted):
                # A file whose checks had to tell the user something or skipped a check
                # (LanguageTool unreachable now or since an earlier file, a rule timed
                # out) is incomplete: never serve it from the cache later.
                if keyed and not got.notices and not got.skipped:
                    keyed[0].put(keyed[1], got.findings)
                out[k] = (self._finish(item, got.findings), got.notices)

    # -- many files ---------------------------------------------------------------------
    def lint_stdin(self, data: bytes) -> FileResult:
        """Standard input, under the config of the current directory, as plain text."""
        from .source import decode_bytes

        cfg = self.config_for(".")
        try:
            src = decode_bytes(data, "<stdin>", cfg.encoding)
        except InputError as exc:
            return FileResult("<stdin>", error=str(exc))
        linter = self.linter_for(cfg)
        doc = Document.from_text(src.text, "<stdin>", "text")
        return FileResult("<stdin>", linter.lint_document(doc, linter.rules_for(cfg)), doc=doc, source=src)

    def lint_all(self, paths: Iterable[str], progress: Callable[[int], None] | None = None,
                 files: list[tuple[str, str | None]] | None = None) -> list[FileResult]:
        """Lint every input; *files* is ``self.files(paths)`` when the caller walked it already."""
        return list(self.iter_all(paths, progress, files))

    def iter_all(self, paths: Iterable[str], progress: Callable[[int], None] | None = None,
                 files: list[tuple[str, str | None]] | None = None) -> Iterator[FileResult]:
        """Every input's result in input order, each as soon as it and all before it are
        done: a caller that writes and drops them (``score --format json``) holds a few
        results at a time, not a whole run's."""
        items = files if files is not None else self.files(paths)
        todo = [p for p, err in items if not err]
        jobs = self.opts.jobs or os.cpu_count() or 1
        ready: dict[str, list[FileResult]] = {}   # done, not yet handed out (a path may be given twice)
        pending = deque(items)

        def drain() -> Iterator[FileResult]:
            """The next inputs in order, as far as they are done (or could not be read)."""
            while pending and (pending[0][1] or pending[0][0] in ready):
                p, err = pending.popleft()
                yield FileResult(p, error=err) if err else self._take(ready, p)

        def finished(result: FileResult) -> Iterator[FileResult]:
            ready.setdefault(result.path, []).append(result)
            if progress:
                progress(1)
            yield from drain()

        if self.opts.use_cache:
            # Serve unchanged files from the cache here, so a warm run starts no workers.
            misses = []
            for p in todo:
                item = self.read(p)
                if item.doc is None:
                    yield from finished(FileResult(p, error=item.error, notice=item.notice))
                    continue
                keyed = self._cache_key(item)
                cached = keyed[0].get(keyed[1]) if keyed else None
                if cached is None:
                    misses.append(p)
                else:
                    yield from finished(self._finish(item, cached))
                    gcpause.settle()
            todo = misses
        if jobs > 1 and len(todo) >= SERIAL_BELOW:
            for result in self._parallel(todo, jobs):
                yield from finished(result)
        else:
            for start in range(0, len(todo), BATCH):
                for result, _notices in self.lint_many(todo[start:start + BATCH]):
                    yield from finished(result)
                gcpause.settle()
        yield from drain()   # inputs that could not be read, after the last result
        assert not pending, "an input was neither linted nor reported"

    @staticmethod
    def _take(ready: dict[str, list[FileResult]], path: str) -> FileResult:
        got = ready[path]
        result = got.pop(0)
        if not got:
            del ready[path]
        return result

    def _parallel(self, paths: list[str], jobs: int):
        """Lint the first file here, then fork workers that inherit everything it loaded.

        The first file loads the rules, the gazetteer, the lexicon and the models; forked
        workers share those pages instead of each loading its own copy (gc.freeze keeps
        the collector from touching, and so copying, them).  This process lints its share
        too (workers.fork_map).  Where fork is unavailable each worker of a pool builds
        its own Runner from the options.
        """
        import gc

        from .workers import fork_map
        from .workers import pool as worker_pool

        yield self.lint_one(paths[0])
        rest = paths[1:]
        if hasattr(os, "fork"):
            packing.WORKER = self
            gc.freeze()
            try:
                # each file's notices are taken as its result is handed out, so they come in
                # file order, as with --jobs 1, not in the order the processes finished
                self._note(self.notices)
                packing.new_notices(self)   # (children inherit the count: only new ones are sent)
                for result, notices in fork_map(rest, jobs, packing.lint_packed_many, self.lint_many, packing.unpack):
                    self._note(notices)
                    yield result
            finally:
                gc.unfreeze()
                packing.WORKER = None
            return
        chunk = max(1, min(32, len(rest) // (jobs * 4)))   # pragma: no cover - Windows/macOS spawn
        with worker_pool(jobs, initializer=packing.init_worker, initargs=(self.opts,)) as pool:
            for packed in pool.map(packing.lint_packed, rest, chunksize=chunk):
                result, notices = packing.unpack(packed)
                self._note(notices)
                yield result

    def _note(self, notices: list[str]) -> None:
        """Keep *notices* for the run's report, each once, in the order given."""
        for n in notices:
            if n not in self._worker_notices:
                self._worker_notices.append(n)

    def map_inputs(self, paths: Iterable[str], fn: Callable[["Runner", Input], Any], jobs: int | None = 1,
                   progress: Callable[[int], None] | None = None) -> list:
        """``fn(runner, input)`` for every input, in input order, in worker processes when
        there are many (``fn`` must be a module-level function returning picklable data).
        Used by commands whose per-file work is not linting (``entities``); cross-file work
        stays with the caller, so results do not depend on --jobs.  *progress* is called
        with 1 as each input is done (the progress bar)."""
        import gc

        from .workers import each, fork_map

        items = self.files(paths)
        jobs = jobs or os.cpu_count() or 1
        if jobs <= 1 or len(items) < SERIAL_BELOW or not hasattr(os, "fork"):
            out = []
            for p, err in items:
                out.append(fn(self, Input(p, self.config_for(p), error=err) if err else self.read(p)))
                if progress:
                    progress(1)
            return out
        first = fn(self, self.read(items[0][0]) if not items[0][1] else Input(items[0][0], self.config_for("."),
                                                                                 error=items[0][1]))
        if progress:
            progress(1)
        gcpause.settle()
        packing.WORKER = self
        gc.freeze()
        try:
            rest = []
            call = partial(each, packing.map_call)
            for value in fork_map([(fn, p, err) for p, err in items[1:]], jobs, call, call, packing.same):
                rest.append(value)
                if progress:
                    progress(1)
        finally:
            gc.unfreeze()
            packing.WORKER = None
        return [first, *rest]

    @property
    def notices(self) -> list[str]:
        out: list[str] = list(self._worker_notices)
        for linter in self._linters.values():
            for n in linter.ctx.notices:
                if n not in out:
                    out.append(n)
        return out

    def all_rules(self) -> list:
        cfg = self.config_for(".")
        return self.linter_for(cfg).ruleset.rules
