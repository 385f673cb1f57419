"""The library face: text in, findings out.  The CLI, tests and benchmarks all call this.

``lint_text`` lints one string; ``lint_paths`` walks files and directories, reads them
(see source.py), and applies config, suppressions and the baseline.  Nothing here prints.
"""

from __future__ import annotations

from typing import Any, Iterable, Iterator, NamedTuple

from .checks import KIND_NEEDS, CheckContext, get_kind
from .checks import _instances as _kind_instances
from .config import Config, ConfigError, discover
from .document import Document, format_for_path
from .findings import Finding, Severity
from .records import field, record
from .rules import Rule, RuleError, RuleSet, load_rules, select_rules
from .source import InputError, SkipFile, Source, read_source
from .suppress import Baseline, apply_suppressions


@record
class FileResult:
    """What happened to one input: findings, or the reason it was not linted."""

    path: str
    findings: list[Finding] = field(default_factory=list)
    error: str | None = None      # could not lint (exit 2)
    notice: str | None = None     # skipped on purpose (too large)
    doc: Document | None = None
    source: Source | None = None
    extra: Any = None             # what RunOptions.post computed for this file (e.g. its score)


class Linter:
    """Rules loaded once, selected per config; runs every selected rule over a Document."""

    def __init__(self, config: Config | None = None, options: dict | None = None) -> None:
        self.config = config or Config()
        self.ruleset: RuleSet = load_rules(self.config.rule_dirs)
        self.ctx = CheckContext(ruleset=self.ruleset, options={"entities": self.config.entities,
                                                               "languagetool": self.config.languagetool,
                                                               **(options or {})})
        self._selected: dict[tuple, list[Rule]] = {}

    def rules_for(self, config: Config, path: str = "") -> list[Rule]:
        ignore = config.ignores_for(path) if path else config.ignore
        key = (config.select, ignore)
        if key not in self._selected:
            self._selected[key] = select_rules(self.ruleset.rules, list(config.select), list(ignore))
        return self._selected[key]

    def prepare(self, rule: Rule):
        if rule._state is None:
            rule._state = get_kind(rule.kind).prepare(rule, self.ctx)
        return rule._state

    def lint_document(self, doc: Document, rules: Iterable[Rule]) -> list[Finding]:
        """The findings of every rule of *rules* on *doc* (a batch of one: lint_documents)."""
        return self.lint_documents([doc], rules)[0].findings

    def lint_documents(self, docs: list[Document], rules: Iterable[Rule]) -> list[Linted]:
        """``lint_document`` of each of *docs*, with the notices and skipped checks each
        article's checks gave (:class:`Linted`), computed rule by rule: every rule over
        all the articles, then the next rule.

        Why: one rule's code and data (its memos, tables, patterns) stay in the CPU's
        caches across the articles instead of being pushed out by ~50 other rules before
        the next article: one ``--jobs 2`` worker's share of the bench corpus took 0.82-0.89
        of the CPU time in batches of 32, and a ``--jobs 2`` run over the corpus 0.87 of
        the wall time (bench/README.md, "Session 15").  The findings are
        the same: each article's are gathered in rule order, as lint_document gathers
        them, and no check depends on the article before it (per-article data lives in
        ``doc.memo``; per-process memos depend on the token or text alone)."""
        ctx = self.ctx
        options = ctx.options
        # ~50 rules: the prepared state and the kind's instance are read directly once
        # they exist (a method call and a function call less per rule: one worker's
        # share, valgrind, see the commit) -- the same calls otherwise.
        kinds = _kind_instances
        notices = ctx.notices
        found: list[list[Finding]] = [[] for _ in docs]
        said: list[list[str]] = [[] for _ in docs]
        skipped = [0] * len(docs)
        for rule in rules:
            kind = rule.kind
            need = KIND_NEEDS.get(kind)
            if need is not None and not options.get(need):
                continue  # e.g. MT9xx without --source: nothing to compare with
            state = rule._state
            if state is None:
                before = len(notices)
                state = self.prepare(rule)
                if len(notices) > before and docs:   # said while preparing: the first article's
                    said[0] += notices[before:]
            check = (kinds.get(kind) or get_kind(kind)).check
            for i, doc in enumerate(docs):
                before, was = len(notices), ctx.incomplete
                found[i].extend(check(doc, rule, state, ctx))
                if len(notices) > before:
                    said[i] += notices[before:]
                if ctx.incomplete != was:
                    skipped[i] += ctx.incomplete - was
        return [Linted(_settle(doc, f), n, k) for doc, f, n, k in zip(docs, found, said, skipped)]

    def lint_text(self, text: str, path: str = "<text>", fmt: str | None = None,
                  config: Config | None = None) -> list[Finding]:
        if not isinstance(text, str):   # bytes gave "a bytes-like object is required, not 'str'"
            raise TypeError(f"lint_text needs the article as str, not {type(text).__name__}"
                            + (" (decode bytes first, or use lint_file)" if isinstance(text, (bytes, bytearray)) else ""))
        doc = Document.from_text(text, path, fmt)
        return self.lint_document(doc, self.rules_for(config or self.config, path))

    def lint_file(self, path: str, config: Config | None = None,
                  baseline: Baseline | None = None) -> FileResult:
        cfg = config or self.config
        try:
            src, doc = read_document(path, cfg)
        except SkipFile as exc:
            return FileResult(path, notice=str(exc))
        except InputError as exc:
            return FileResult(path, error=str(exc))
        findings = self.lint_document(doc, self.rules_for(cfg, path))
        if baseline is not None:
            findings = baseline.filter(path, doc, findings)
        doc.release()  # keep text and positions; token views are rebuilt if asked for
        return FileResult(path, findings, doc=doc, source=src)


def read_document(path: str, config: Config) -> tuple[Source, Document]:
    """Read, decode and model one file as the config says (raises InputError/SkipFile)."""
    src = read_source(path, config.encoding, config.max_file_size)
    return src, Document.from_text(src.text, path, format_for_path(path))


class Linted(NamedTuple):
    """One article's outcome in :meth:`Linter.lint_documents`."""

    findings: list[Finding]
    notices: list[str]   # notices its checks gave (each notice is given once per run)
    skipped: int         # checks that could not do their work on it (CheckContext.skipped)


def _settle(doc: Document, findings: list[Finding]) -> list[Finding]:
    """An article's findings as reported: repeats dropped, suppressions applied, in order."""
    findings = apply_suppressions(doc, _dedupe(findings))
    findings.sort(key=lambda f: f.sort_key)
    return findings


def _dedupe(findings: list[Finding]) -> list[Finding]:
    """Drop exact repeats, and a weaker finding on the very span a stronger one covers
    with the same category (two rules agreeing is one problem for the editor)."""
    best: dict[tuple[int, int, str], Finding] = {}
    for f in findings:
        key = (f.start, f.end, f.category)
        cur = best.get(key)
        if cur is None or (f.severity.rank, bool(f.replacements)) > (cur.severity.rank, bool(cur.replacements)):
            best[key] = f
    kept = sorted(best.values(), key=lambda f: (f.category, f.start, -(f.end - f.start)))
    out: list[Finding] = []
    outer: dict[str, Finding] = {}
    for f in kept:
        o = outer.get(f.category)
        if o is not None and o.start <= f.start and f.end <= o.end and o.end - o.start > f.end - f.start:
            continue  # "security Council" inside "UN security Council": one problem
        out.append(f)
        if o is None or f.end > o.end:
            outer[f.category] = f
    return out


# ---------------------------------------------------------------------------------
def iter_files(paths: Iterable[str], config: Config) -> Iterator[tuple[str, str | None]]:
    """Yield (path, error) for each input: files as given, directories walked (sorted).

    A path given explicitly is always linted whatever its extension, and whatever it is
    short of a directory: a pipe or FIFO (``mtcheck lint <(curl ...)``, /dev/stdin) is
    read as a stream.  Directories are walked for the configured extensions, skipping
    hidden folders, excluded globs and anything that is not a regular file (a FIFO met
    while walking would block the run until something wrote to it).
    """
    from .walk import inputs   # the command line's, with one config for every folder
    return inputs(paths, lambda _folder: config, tidy=True)


def lint_text(text: str, path: str = "<text>", fmt: str | None = None,
              config: Config | None = None) -> list[Finding]:
    """Lint one string with the built-in rules (plus config); the simplest entry point."""
    return Linter(config).lint_text(text, path, fmt)


__all__ = ["Linter", "FileResult", "lint_text", "iter_files", "Config", "ConfigError", "RuleError",
           "Severity", "discover"]
