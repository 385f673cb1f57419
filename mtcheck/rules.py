"""Loading rule data from ``rules/*.yml`` and validating it.

Rules are data (as in Vale): a YAML file holds a list of rules, each naming the check
*kind* (Python) that runs it plus the kind's parameters.  Validation happens at load
time so that a typo in a user's rule file is a ``path:line: what is wrong`` error and
exit 2, never a traceback in the middle of a run.  The checks themselves are in
rule_schema (imported only when rule files are parsed: the stored rule set spares
most runs both the parsing and the checking).
"""

from __future__ import annotations

import re
from functools import lru_cache
from pathlib import Path
from typing import Any


from .findings import Finding, Severity
from .records import field, record


class RuleError(Exception):
    """A rule file that cannot be used; str() is ``path:line: message``."""


@record
class Rule:
    code: str
    name: str
    category: str
    severity: Severity
    kind: str
    message: str
    why: str
    examples: dict[str, list[str]]
    params: dict[str, Any]
    fix: str | None = None
    default: bool = True
    path: str = ""
    line: int = 0
    # the line of each key of the rule ("pattern"), and of each entry of a mapping
    # parameter ("swap.Kiev"): an error names the line to edit, not the rule's first
    lines: dict[str, int] = field(default_factory=dict)
    _state: Any = field(default=None, repr=False, compare=False)

    def at(self, key: str | None = None) -> str:
        """``path:line`` of *key* in this rule's file ("swap.Kiev" falls back to "swap"),
        or of the rule itself: where a RuleError about that key points."""
        while key:
            if key in self.lines:
                return f"{self.path}:{self.lines[key]}"
            key = key.rpartition(".")[0]
        return f"{self.path}:{self.line}"

    @property
    def summary(self) -> str:
        """First sentence of the why-paragraph, for listings."""
        first = re.split(r"(?<=[.!?])\s", self.why.strip(), maxsplit=1)[0]
        return first

    def finding(self, start: int, end: int, text: str, *, replacements: tuple[str, ...] | list[str] = (),
                fix: str | None | bool = True, message: str | None = None, severity: Severity | None = None,
                data: dict | None = None, **fmt: Any) -> Finding:
        """Build a Finding of this rule; ``fix=True`` means "the rule's own fix kind"."""
        reps = tuple(replacements)
        fix_kind = self.fix if fix is True else (fix or None)
        if not reps:
            fix_kind = None
        values = {"text": text, "fix": reps[0] if reps else "", **fmt}
        msg = message if message is not None else self.message
        try:
            msg = msg.format(**values)
        except (KeyError, IndexError, ValueError):
            # a loaded rule's message uses only fields its kind supplies (checked at load
            # time by rule_schema); this guards messages given in code
            pass
        return Finding(rule=self.code, name=self.name, category=self.category,
                       severity=severity or self.severity, message=msg, start=start, end=end,
                       replacements=reps, fix=fix_kind, data=data or {})


# ---------------------------------------------------------------------------------
# YAML with line numbers.  PyYAML is imported on first parse only: a run served by the
# pickled rule cache (the usual case) never needs it, and importing it costs ~13 ms.
@lru_cache(maxsize=1)
def _line_loader() -> Any:
    import yaml

    class _LineLoader(getattr(yaml, "CSafeLoader", yaml.SafeLoader)):  # type: ignore[misc]
        pass

    def _construct_mapping(loader: Any, node: Any) -> dict:
        mapping = yaml.SafeLoader.construct_mapping(loader, node, deep=True)
        lines = {}
        for key_node, _ in node.value:
            lines[key_node.value] = key_node.start_mark.line + 1
        mapping["__line__"] = node.start_mark.line + 1
        mapping["__lines__"] = lines
        return mapping

    _LineLoader.add_constructor(yaml.resolver.BaseResolver.DEFAULT_MAPPING_TAG, _construct_mapping)
    return _LineLoader


def _strip_lines(value: Any) -> Any:
    if isinstance(value, dict):
        return {k: _strip_lines(v) for k, v in value.items() if k not in ("__line__", "__lines__")}
    if isinstance(value, list):
        return [_strip_lines(v) for v in value]
    return value


def load_yaml(path: Path, what: str = "rule file") -> Any:
    """Parse a YAML file keeping line numbers (``__line__``/``__lines__`` keys)."""
    try:
        text = path.read_text(encoding="utf-8")
    except (OSError, UnicodeDecodeError) as exc:
        raise RuleError(f"{path}:1: cannot read {what}: {exc}") from None
    import yaml
    try:
        return yaml.load(text, Loader=_line_loader())
    except yaml.MarkedYAMLError as exc:
        mark = exc.problem_mark or exc.context_mark
        line = mark.line + 1 if mark else 1
        raise RuleError(f"{path}:{line}: invalid YAML: {exc.problem or exc}") from None
    except yaml.YAMLError as exc:
        raise RuleError(f"{path}:1: invalid YAML: {exc}") from None


# ---------------------------------------------------------------------------------
# Discovery
def builtin_rules_dir() -> Path:
    """The rules shipped with mtcheck: inside the wheel, or ``rules/`` of a checkout.

    The package folder is this file's (what ``importlib.resources.files("mtcheck")``
    gives for an installed package, without importing importlib.resources, zipfile and
    tempfile: ~6 ms of every cold run)."""
    packaged = Path(__file__).parent / "rules"
    if packaged.is_dir():
        return packaged
    return Path(__file__).resolve().parent.parent / "rules"


class RuleSet:
    """The loaded rules, and the parsed non-rule files (gazetteers...) by kind.
    (A plain class: each ``@dataclass`` costs ~0.5 ms of every cold start.)"""

    def __init__(self, rules: list[Rule], data: dict[str, list[tuple[Path, Any]]]) -> None:
        self.rules = rules
        self.data = data   # kind -> [(path, parsed data)] for non-rule files

    def __eq__(self, other: object) -> bool:
        return isinstance(other, RuleSet) and (self.rules, self.data) == (other.rules, other.data)

    __hash__ = None  # type: ignore[assignment]


def load_rules(extra_dirs: tuple[str, ...] = ()) -> RuleSet:
    """Load and validate built-in rules plus any extra rule directories (config ``rule-dirs``)."""
    return _load_rules_cached(tuple(str(Path(d).resolve()) for d in extra_dirs))


def _rule_files(dirs: list[Path]) -> list[Path]:
    files: list[Path] = []
    for d in dirs:
        if not d.is_dir():
            raise RuleError(f"{d}:1: rule directory not found")
        files.extend(sorted(list(d.glob("*.yml")) + list(d.glob("*.yaml"))))
    return files


def _disk_cache_path(files: list[Path]) -> Path | None:
    """Where the parsed rule set is stored (``.pickle``, or ``.marshal`` beside it): keyed by every rule file's path, size and
    mtime plus the mtcheck version, so any edit re-parses and re-validates."""
    from . import __version__
    from .diskmemo import cache_dir, checksum
    base = cache_dir()
    if base is None:
        return None
    parts = [__version__.encode()]
    for f in files:
        st = f.stat()
        # (ctime and inode as well: cp -p, rsync -a, tar x or touch -r can give a changed
        # file its old size and mtime, but not its old ctime)
        parts.append(f"{f.resolve()}:{st.st_size}:{st.st_mtime_ns}:{st.st_ctime_ns}:{st.st_ino}".encode())
    parts.append(Path(__file__).read_bytes())  # the schema itself
    parts.append((Path(__file__).parent / "rule_schema.py").read_bytes())   # and its checks
    key = checksum(*parts)
    return base / f"rules-{key}.pickle"


@lru_cache(maxsize=8)
def _load_rules_cached(extra_dirs: tuple[str, ...]) -> RuleSet:
    """Parse and validate once; later runs read the stored result (~3 ms instead of ~300 ms).

    Stored with marshal when the rule data allows it (plain YAML values): reading it back
    needs no ``pickle`` import (~3 ms of a cold run) and is a little faster.  Rule data
    marshal cannot hold (a YAML date, say) is pickled as before.
    """
    dirs = [builtin_rules_dir(), *map(Path, extra_dirs)]
    files = _rule_files(dirs)
    cache = _disk_cache_path(files)
    if cache is not None:
        cached = _read_cached(cache)
        if cached is not None:
            return cached
    ruleset = _parse_rules(dirs)
    if cache is not None:
        _write_cached(cache, ruleset)
    return ruleset


def _rule_fields() -> list[str]:
    from .records import fields
    return [f.name for f in fields(Rule) if f.name != "_state"]


def _read_cached(cache: Path) -> RuleSet | None:
    marshalled = cache.with_suffix(".marshal")
    try:
        if marshalled.is_file():
            import marshal
            rules, data = marshal.loads(marshalled.read_bytes())
            names = _rule_fields()
            sev = names.index("severity")
            out = []
            for values in rules:
                kw = dict(zip(names, values))
                kw["severity"] = Severity(values[sev])
                out.append(Rule(**kw))
            return RuleSet(rules=out, data={k: [(Path(p), d) for p, d in v] for k, v in data.items()})
        if cache.is_file():
            import pickle
            with cache.open("rb") as fh:
                cached = pickle.load(fh)
            if isinstance(cached, RuleSet):
                return cached
    except Exception:  # a corrupt or foreign cache file: parse again
        pass
    return None


def _write_cached(cache: Path, ruleset: RuleSet) -> None:
    try:
        import marshal
        names = _rule_fields()
        rules = [tuple(r.severity.value if n == "severity" else getattr(r, n) for n in names)
                 for r in ruleset.rules]
        data = {k: [(str(p), d) for p, d in v] for k, v in ruleset.data.items()}
        blob: bytes | None = marshal.dumps((rules, data))
    except ValueError:   # a value marshal cannot store: pickle the rule set
        blob = None
    target = cache.with_suffix(".marshal") if blob is not None else cache
    if blob is None:
        import pickle
        blob = pickle.dumps(ruleset, protocol=pickle.HIGHEST_PROTOCOL)
    from .diskmemo import store
    store(target, blob, "rules-*.pickle", "rules-*.marshal")


def _parse_rules(dirs: list[Path]) -> RuleSet:
    from .rule_schema import validate_rule   # only a run that parses rule files needs it

    rules: list[Rule] = []
    data: dict[str, list[tuple[Path, Any]]] = {}
    seen: dict[tuple[str, str], str] = {}   # (what, value) -> where first defined
    for d in dirs:
        if not d.is_dir():
            raise RuleError(f"{d}:1: rule directory not found")
        for path in sorted(list(d.glob("*.yml")) + list(d.glob("*.yaml"))):
            doc = load_yaml(path)
            if not isinstance(doc, dict):
                raise RuleError(f"{path}:1: a rule file is a mapping with a 'rules:' list or a 'kind:' key")
            if "rules" in doc:
                items = doc["rules"]
                if not isinstance(items, list):
                    raise RuleError(f"{path}:{doc['__lines__'].get('rules', 1)}: 'rules' must be a list")
                for raw in items:
                    if not isinstance(raw, dict):
                        raise RuleError(f"{path}:{doc['__lines__'].get('rules', 1)}: each rule is a mapping")
                    rules.append(validate_rule(raw, path, seen))
            elif isinstance(doc.get("kind"), str):
                if doc["kind"] == "gazetteer":
                    from .gazetteer import check_doc
                    check_doc(doc, path)
                data.setdefault(doc["kind"], []).append((path, _strip_lines(doc)))
            else:
                raise RuleError(f"{path}:1: a rule file needs a 'rules:' list (or 'kind:' for data files)")
    rules.sort(key=lambda r: r.code)
    return RuleSet(rules=rules, data=data)


def select_rules(rules: list[Rule], select: list[str] | None, ignore: list[str] | None) -> list[Rule]:
    """Apply --select/--ignore: each item is a code, a code prefix, a category or a rule name.

    Rules with ``default: false`` run only when selected explicitly (by code, name or prefix).
    """
    def matches(rule: Rule, item: str) -> bool:
        item = item.strip()
        return (rule.code.startswith(item.upper()) or item.lower() in (rule.category, rule.name)
                or item.upper() == "ALL")

    out = []
    for rule in rules:
        if select:
            chosen = [s for s in select if matches(rule, s)]
            if not chosen:
                continue
            if not rule.default and all(s.upper() == "ALL" or s.lower() == rule.category for s in chosen):
                continue
        elif not rule.default:
            continue
        if ignore and any(matches(rule, i) for i in ignore):
            continue
        out.append(rule)
    return out


def check_selectors(items: list[str], rules: list[Rule]) -> list[str]:
    """Return the selectors that match no rule at all (a typo the user should hear about)."""
    bad = []
    for item in items:
        it = item.strip()
        if not it or it.upper() == "ALL":
            continue
        if not any(r.code.startswith(it.upper()) or it.lower() in (r.category, r.name) for r in rules):
            bad.append(item)
    return bad
