"""The check kinds: Python that runs rule data.

Each kind is a class with ``PARAMS`` (the YAML keys it accepts: name -> (types,
required), where a type may be :class:`ListOf`/:class:`MapOf` so that the elements are
checked too), ``prepare(rule, ctx)`` (compile once per rule, cached on the rule) and
``check(doc, rule, state, ctx)`` returning Findings.  Kinds are imported on demand
from this table so that start-up only pays for the kinds the selected rules use.

What a kind's message may use: ``FIELDS``, the format fields its findings supply
besides ``text`` and ``fix``; a kind whose fields depend on the rule (a pattern's named
groups, a detector's values) has ``validate(rule, asked)`` instead, which also checks
the rule's parameters.  Both are consulted when rule files are parsed (see
rule_schema), never per article.
"""

from __future__ import annotations

from importlib import import_module
from typing import Any, Iterable, Protocol

from ..document import Document
from ..findings import Finding

KINDS: dict[str, str] = {
    "existence": "mtcheck.checks.phrases:Existence",
    "substitution": "mtcheck.checks.phrases:Substitution",
    "capitalization": "mtcheck.checks.casing:Capitalization",
    "case-consistency": "mtcheck.checks.casing:CaseConsistency",
    "script": "mtcheck.checks.script:Script",
    "mixed-script": "mtcheck.checks.script:MixedScript",
    "consistency": "mtcheck.checks.consistency:Consistency",
    "balance": "mtcheck.checks.punctuation:Balance",
    "names": "mtcheck.checks.names:Names",
    "source": "mtcheck.checks.source:SourceCheck",
    "syntax": "mtcheck.checks.syntax:Syntax",
    "languagetool": "mtcheck.checks.languagetool:LanguageToolKind",
    "romanized": "mtcheck.checks.romanized:Romanized",
    "repetition": "mtcheck.checks.repetition:Repetition",
}


#: Kinds that have nothing to check without a run option: their rules are skipped, and
#: their module never imported, when the option is absent (the source-mismatch rules
#: need the Russian originals given with --source).
KIND_NEEDS: dict[str, str] = {
    "source": "source_texts",
}


class Kind(Protocol):
    PARAMS: dict[str, tuple[Any, bool]]

    def prepare(self, rule: Any, ctx: "CheckContext") -> Any: ...

    def check(self, doc: Document, rule: Any, state: Any, ctx: "CheckContext") -> Iterable[Finding]: ...


class ListOf:
    """A PARAMS type: a list whose every item is of *item* type (``ListOf(str)``).

    Why: a ``list`` check alone let ``pattern: ["Kiev", 42]`` through, and the 42 then
    crashed the first article with a TypeError instead of failing the rule file."""

    __slots__ = ("item",)

    def __init__(self, item: Any) -> None:
        self.item = item


class MapOf:
    """A PARAMS type: a mapping with keys of type *key* and values of type *value*."""

    __slots__ = ("key", "value")

    def __init__(self, key: Any, value: Any) -> None:
        self.key, self.value = key, value


_instances: dict[str, Kind] = {}


def get_kind(name: str) -> Kind:
    if name not in _instances:
        module, _, cls = KINDS[name].partition(":")
        _instances[name] = getattr(import_module(module), cls)()
    return _instances[name]


def kind_params(name: str) -> dict[str, tuple[Any, bool]] | None:
    if name not in KINDS:
        return None
    return get_kind(name).PARAMS


class CheckContext:
    """What checks may consult besides the document: shared data and options.

    Checks never read files or print; anything they need to tell the user (a rule that
    timed out, an unreachable LanguageTool) goes to ``notices``.  A plain class, not a
    dataclass: each ``@dataclass`` costs ~0.5 ms of every cold start.
    """

    def __init__(self, ruleset: Any = None, options: dict[str, Any] | None = None,
                 notices: list[str] | None = None, regex_timeout: float = 2.0,
                 _gazetteer: Any = None) -> None:
        self.ruleset = ruleset  # rules.RuleSet
        self.options: dict[str, Any] = {} if options is None else options
        self.notices: list[str] = [] if notices is None else notices
        self.regex_timeout = regex_timeout
        self._gazetteer = _gazetteer
        #: checks skipped on some article because of a failure that may pass (LanguageTool
        #: down, a rule timed out): a run that counts any is never cached (see skipped)
        self.incomplete = 0

    def __repr__(self) -> str:
        return (f"CheckContext(options={self.options!r}, notices={self.notices!r}, "
                f"regex_timeout={self.regex_timeout!r})")

    @property
    def gazetteer(self):
        if self._gazetteer is None:
            from ..gazetteer import Gazetteer
            extra = self.options.get("entities") or ()
            self._gazetteer = Gazetteer.from_ruleset(self.ruleset, tuple(extra))
        return self._gazetteer

    def notice(self, message: str) -> None:
        if message not in self.notices:
            self.notices.append(message)

    def skipped(self, message: str | None = None) -> None:
        """A check could not do its work on the current article (say why once, in
        *message*).  Counted per article, not per message: after LanguageTool fails once
        its later articles add no notice, yet each of them lacks the MT8xx findings, and
        the runner must not cache any of them as complete."""
        self.incomplete += 1
        if message is not None:
            self.notice(message)
