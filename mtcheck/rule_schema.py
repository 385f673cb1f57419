"""Checking one rule of a rule file, so that a mistake is ``path:line: what is wrong``.

Why here and not at lint time: a rule whose data the check code cannot use (a number
where a pattern belongs, a replacement naming a group the pattern lacks, a message
field nothing fills) used to surface as a traceback in the middle of a run, or worse as
a finding with a garbled message.  Everything that can be known from the rule file
alone is checked once, when the file is parsed; the result is stored with the parsed
rule set (rules._load_rules_cached), so a run served from that store pays nothing, and
no check runs per article.

This module is imported only when rule files are parsed.
"""

from __future__ import annotations

import re
from pathlib import Path
from typing import Any

from .checks import ListOf, MapOf, get_kind, kind_params
from .findings import CATEGORIES, Severity
from .rules import Rule, RuleError

_CODE_RE = re.compile(r"^[A-Z]{2,5}\d{2,4}$")
_NAME_RE = re.compile(r"^[a-z][a-z0-9]*(?:-[a-z0-9]+)*$")
_COMMON = {"code", "name", "category", "severity", "kind", "message", "why", "examples", "fix",
           "default"}
#: The format fields Rule.finding fills for every rule, whatever its kind.
BASE_FIELDS = frozenset({"text", "fix"})

_TYPE_NAMES = {str: ("a string", "strings"), list: ("a list", "lists"), dict: ("a mapping", "mappings"),
               bool: ("true/false", "true/false values"), int: ("a whole number", "whole numbers"),
               float: ("a number", "numbers")}


def shown(text: str) -> str:
    """A pattern or template quoted as the user wrote it: ``'\\bKiev'``, not the
    doubled backslashes of repr() (which match nothing in the rule file)."""
    return f"'{text}'"


# ---------------------------------------------------------------------------------
# Parameter types
def type_name(spec: Any, plural: bool = False) -> str:
    """What a PARAMS type asks for, in words ("a list of strings")."""
    if isinstance(spec, tuple):
        return " or ".join(type_name(t, plural) for t in spec)
    if isinstance(spec, ListOf):
        return ("lists of " if plural else "a list of ") + type_name(spec.item, True)
    if isinstance(spec, MapOf):
        return (("mappings of " if plural else "a mapping of ")
                + f"{type_name(spec.key, True)} to {type_name(spec.value, True)}")
    names = _TYPE_NAMES.get(spec)
    return names[plural] if names else getattr(spec, "__name__", str(spec))


def _what(value: Any) -> str:
    """A YAML value in words: "the whole number 42", "empty", "a list"."""
    if value is None:
        return "empty"
    if isinstance(value, bool):
        return f"the true/false value {str(value).lower()}"
    if isinstance(value, int):
        return f"the whole number {value}"
    if isinstance(value, float):
        return f"the number {value}"
    if isinstance(value, str):
        return f"the string '{value}'"
    return _TYPE_NAMES.get(type(value), ("a " + type(value).__name__,))[0]


def type_problem(value: Any, spec: Any) -> tuple[str, Any] | None:
    """None when *value* is of PARAMS type *spec*; else (detail, mapping key): the detail
    names the offending item ("" when the container itself is wrong) and the key says
    which entry of a mapping, so that the error can point at that entry's line."""
    if isinstance(spec, tuple):
        first = None
        for alt in spec:
            problem = type_problem(value, alt)
            if problem is None:
                return None
            if first is None and problem[0]:   # the right container with a wrong item
                first = problem
        return first or ("", None)
    if isinstance(spec, ListOf):
        if not isinstance(value, list):
            return ("", None)
        for i, item in enumerate(value, 1):
            problem = type_problem(item, spec.item)
            if problem is not None:
                return (f"item {i} is {_what(item)}" + (f": {problem[0]}" if problem[0] else ""), None)
        return None
    if isinstance(spec, MapOf):
        if not isinstance(value, dict):
            return ("", None)
        for key, item in value.items():
            if type_problem(key, spec.key) is not None:
                hint = "; quote it" if spec.key is str and not isinstance(key, (list, dict)) else ""
                return (f"the key is {_what(key)}{hint}", key)
            problem = type_problem(item, spec.value)
            if problem is not None:
                return (f"the value of '{key}' is {_what(item)}" + (f": {problem[0]}" if problem[0] else ""),
                        key)
        return None
    if isinstance(value, bool) and not (spec is bool):
        return ("", None)   # YAML's yes/no are not numbers
    return None if isinstance(value, spec) else ("", None)


# ---------------------------------------------------------------------------------
# Templates
def format_fields(template: str, what: str) -> frozenset[str]:
    """The ``{name}`` fields of a str.format template (a message, a syntax ``replace``).

    Only plain names are allowed: ``{text[a]}`` raised a TypeError per finding,
    ``{text.upper}`` printed a bound method's repr, and a conversion or a format spec
    can fail per value.  Raises ValueError saying what is wrong."""
    from _string import formatter_parser   # what str.format parses with; no import of `string`
    names = set()
    try:
        parsed = list(formatter_parser(template))
    except ValueError as exc:
        raise ValueError(f"{what} {shown(template)} is not a valid template ({exc}); "
                         "write {{ and }} for a literal brace") from None
    for _literal, name, spec, conversion in parsed:
        if name is None:
            continue
        if not name.isidentifier():
            field_text = "{" + name + "}"
            raise ValueError(f"{what} field {field_text} is not a plain {{name}} field: "
                             "indexing, attributes and positions are not supported")
        if spec or conversion:
            field_text = "{" + name + (f"!{conversion}" if conversion else "") + (f":{spec}" if spec else "") + "}"
            raise ValueError(f"{what} field {field_text}: write it plain, as {{{name}}}")
        names.add(name)
    return frozenset(names)


def replace_problem(template: str, rx: Any) -> str | None:
    """What is wrong with a regex replacement template for compiled pattern *rx*, or None.

    Why at load time: a reference to a group the pattern lacks (``\\g<town>``, ``\\2``)
    or a lone trailing backslash raised IndexError or regex.error at the first match, in
    ``lint`` and ``fix`` alike.  Group references (all the built-in templates use) are
    checked here without the ``regex`` parser; anything else is left to ``regex``."""
    if "\\" not in template:
        return None
    refs = _group_refs(template)
    if refs is None:
        # the parser regex's engine calls back into for a template at the first match
        # (sub() of a text with no match never parses it)
        from regex import _main
        parse = getattr(_main, "_compile_replacement_helper", None)
        if parse is None:   # pragma: no cover - a regex without it: left to the first match
            return None
        try:
            parse(rx, template)
        except Exception as exc:   # regex.error, IndexError ("unknown group")
            return f"bad replace template {shown(template)}: {exc}{_groups_hint(rx)}"
        return None
    for ref in refs:
        if isinstance(ref, int) and ref > rx.groups:
            return (f"replace {shown(template)} refers to group {ref}, but the pattern has "
                    f"{rx.groups or 'no'} group{'s' if rx.groups != 1 else ''}{_groups_hint(rx)}")
        if isinstance(ref, str) and ref not in rx.groupindex:
            return f"replace {shown(template)} refers to group '{ref}', which the pattern does not have{_groups_hint(rx)}"
    return None


def _group_refs(template: str) -> list[int | str] | None:
    """The groups a template of plain text and group references refers to (the forms
    rxprog.expand fills itself); None for a template with anything else in it."""
    refs: list[int | str] = []
    for part in template.split("\\")[1:]:
        if part.startswith("g<"):
            close = part.find(">")
            name = part[2:close] if close > 2 else ""
            if name.isascii() and name.isdigit():
                refs.append(int(name))
                continue
            if name.isidentifier():
                refs.append(name)
                continue
        elif part[:1].isascii() and part[:1].isdigit() and part[:1] != "0" and not part[1:2].isdigit():
            refs.append(int(part[:1]))
            continue
        return None   # an escape, an octal, a malformed reference: regex decides
    return refs


def _groups_hint(rx: Any) -> str:
    names = sorted(rx.groupindex)
    return f" (its named groups: {', '.join(names)})" if names else ""


# ---------------------------------------------------------------------------------
# One rule
def validate_rule(raw: dict, path: Path, seen: dict[tuple[str, str], str]) -> Rule:
    """The Rule that the YAML mapping *raw* describes, or a RuleError naming the line of
    the offending key.  *seen* holds the codes and names defined so far (both select
    rules, so both must be unique)."""
    line = raw.get("__line__", 0)
    lines = raw.get("__lines__", {})

    def err(msg: str, key: str | None = None) -> RuleError:
        return RuleError(f"{path}:{lines.get(str(key), line) if key is not None else line}: {msg}")

    for key in ("code", "name", "category", "severity", "kind", "message", "why", "examples"):
        if key not in raw:
            raise err(f"{raw.get('code', 'rule')}: missing required key '{key}'")
    code = raw["code"]
    if not isinstance(code, str) or not _CODE_RE.match(code):
        raise err(f"code {code!r} must look like MT123 (capital letters then 2-4 digits)", "code")
    if ("code", code) in seen:
        raise err(f"{code}: duplicate rule code (first defined at {seen['code', code]})", "code")
    name = raw["name"]
    if not isinstance(name, str) or not _NAME_RE.match(name):
        raise err(f"{code}: name must be kebab-case, e.g. lowercase-proper-name", "name")
    if ("name", name) in seen:
        raise err(f"{code}: duplicate rule name '{name}' (first used by {seen['name', name]}); "
                  "names select rules as codes do, so each must be unique", "name")
    if raw["category"] not in CATEGORIES:
        raise err(f"{code}: unknown category {raw['category']!r}; use one of {', '.join(CATEGORIES)}",
                  "category")
    try:
        severity = Severity.parse(str(raw["severity"]))
    except ValueError as exc:
        raise err(f"{code}: {exc}", "severity") from None
    for key in ("message", "why"):
        if not isinstance(raw[key], str) or not raw[key].strip():
            raise err(f"{code}: '{key}' must be a non-empty string", key)
    fix = raw.get("fix", None)
    if fix in ("none", False):
        fix = None
    if fix not in (None, "safe", "unsafe"):
        raise err(f"{code}: fix must be safe, unsafe or none", "fix")
    default = raw.get("default", True)
    if not isinstance(default, bool):
        raise err(f"{code}: default must be true or false", "default")

    kind = raw["kind"]
    params_spec = kind_params(kind) if isinstance(kind, str) else None
    if params_spec is None:
        from .checks import KINDS
        raise err(f"{code}: unknown kind {kind!r}; use one of {', '.join(sorted(KINDS))}", "kind")
    params, key_lines = _params(raw, params_spec, code, err, path)
    examples = _examples(raw["examples"], code, err, path, line)

    seen["code", code] = f"{path}:{line}"
    seen["name", name] = f"{code} at {path}:{lines.get('name', line)}"
    key_lines.update({k: v for k, v in lines.items() if isinstance(k, str)})
    rule = Rule(code=code, name=name, category=raw["category"], severity=severity,
                kind=kind, message=raw["message"].strip(), why=" ".join(raw["why"].split()),
                examples=examples, params=params, fix=fix, default=default, path=str(path), line=line,
                lines=key_lines)
    _check_fields(rule)
    return rule


def _params(raw: dict, spec: dict[str, tuple[Any, bool]], code: str, err: Any,
            path: Path) -> tuple[dict[str, Any], dict[str, int]]:
    """The kind's parameters of *raw*, type-checked down to the items; and the lines of
    the entries of mapping parameters ("swap.Kiev")."""
    from .rules import _strip_lines

    kind = raw["kind"]
    params: dict[str, Any] = {}
    entry_lines: dict[str, int] = {}
    for key, value in raw.items():
        if isinstance(key, str) and (key in _COMMON or key.startswith("__")):
            continue
        if key not in spec:
            allowed = ", ".join(sorted(spec)) or "none"
            raise err(f"{code}: unknown key '{key}' for kind {kind} (allowed: {allowed})", key)
        types, _required = spec[key]
        clean = _strip_lines(value)
        problem = type_problem(clean, types)
        if problem is not None:
            detail, entry = problem
            sub = value.get("__lines__", {}) if isinstance(value, dict) else {}
            where = sub.get(str(entry)) if entry is not None else None
            msg = f"{code}: '{key}' must be {type_name(types)}" + (f" ({detail})" if detail else "")
            if where is not None:
                raise RuleError(f"{path}:{where}: {msg}")
            raise err(msg, key)
        if isinstance(value, dict):
            entry_lines.update({f"{key}.{k}": n for k, n in value.get("__lines__", {}).items()})
        params[key] = clean
    for key, (_types, required) in spec.items():
        if required and key not in params:
            raise err(f"{code}: kind {kind} needs '{key}'")
    return params, entry_lines


def _examples(examples: Any, code: str, err: Any, path: Path, line: int) -> dict[str, list[str]]:
    if not isinstance(examples, dict):
        raise err(f"{code}: examples must be a mapping with bad/good/fixed lists", "examples")
    ex_lines = examples.get("__lines__", {})
    clean: dict[str, list[str]] = {}
    for key in ("bad", "good", "fixed"):
        value = examples.get(key, [])
        if isinstance(value, str):
            value = [value]
        if not isinstance(value, list) or not all(isinstance(v, str) for v in value):
            raise RuleError(f"{path}:{ex_lines.get(key, line)}: {code}: examples.{key} must be a list of strings")
        clean[key] = value
    extra = set(examples) - {"bad", "good", "fixed", "__line__", "__lines__"}
    if extra:
        raise err(f"{code}: unknown examples key(s): {', '.join(sorted(map(str, extra)))} (use bad, good, fixed)",
                  "examples")
    if not clean["bad"] or not clean["good"]:
        raise err(f"{code}: examples need at least one 'bad' and one 'good' text", "examples")
    if clean["fixed"] and len(clean["fixed"]) != len(clean["bad"]):
        raise err(f"{code}: examples.fixed must have one entry per 'bad' example", "examples")
    return clean


def _check_fields(rule: Rule) -> None:
    """The kind's own load-time checks, then: does the message ask only for fields the
    rule's findings fill?  (A missing one was printed as "{town}" and, through the
    KeyError it raised, kept "{fix}" from being filled too.)"""
    try:
        asked = format_fields(rule.message, "message")
    except ValueError as exc:
        raise RuleError(f"{rule.at('message')}: {rule.code}: {exc}") from None
    kind = get_kind(rule.kind)
    validate = getattr(kind, "validate", None)
    offered = validate(rule, asked) if validate is not None else getattr(kind, "FIELDS", frozenset())
    if offered is None:   # the kind cannot tell (it reports the rule's problem at prepare)
        return
    unknown = sorted(asked - BASE_FIELDS - offered)
    if unknown:
        usable = ", ".join("{" + f + "}" for f in sorted(BASE_FIELDS | offered))
        raise RuleError(f"{rule.at('message')}: {rule.code}: message field {{{unknown[0]}}} is not one "
                        f"this rule fills (it can use {usable})")
