"""Load-time checks of the pattern kinds (``existence``, ``substitution``).

Why a module of its own: these run only when rule files are parsed (rule_schema), and
the stored rule set spares most runs that; the per-article module (phrases) stays as
small to import as it was.

What is checked, all of it crashes or silent no-ops before:

* a replacement template against the groups of every pattern it is used with
  (``\\g<town>`` with only ``(?P<city>…)``, ``\\2`` with one group, a lone ``\\``);
* ``target``, ``not_english``, ``truncated``, ``not_acronym``, ``not_name`` name a group some pattern
  has (a filter applies to the patterns that have its group: MT304's first pattern
  names its word ``tword`` so that ``truncated: word`` tests only the second);
* message fields that are groups: every pattern must have them, or a finding of the
  others prints ``{name}``;
* ``name_particles`` come with ``not_name`` (alone they would do nothing);
* named groups that would collide with Rule.finding's own arguments.

Patterns are compiled only when something needs their groups, so loading the built-in
rules compiles a handful of them (from stored programs: see rxprog).
"""

from __future__ import annotations

import re
from typing import Any

from ..rule_schema import BASE_FIELDS, replace_problem
from ..rules import RuleError
from .phrases import _Filters, _as_list, _tokens_pattern, compile_user_regex, swap_pattern

#: Named groups become keyword arguments of Rule.finding: these would collide with its
#: own (a TypeError per match, or a group's text taken as the finding's message).
RESERVED_GROUPS = frozenset({"self", "start", "end", "text", "replacements", "fix", "message", "severity",
                             "data"})
_GROUP_NAME = re.compile(r"(?<!\\)\(\?P?<([A-Za-z_]\w*)>")


def _sources(rule: Any) -> list[tuple[str, str, str]]:
    """(YAML key, pattern, label for messages) of every pattern of an existence rule."""
    pats = _as_list(rule.params.get("pattern"))
    out = [("pattern", p, f"pattern {i}" if len(pats) > 1 else "the pattern") for i, p in enumerate(pats, 1)]
    if rule.params.get("tokens"):
        out.append(("tokens", _tokens_pattern(rule.params["tokens"]), "the tokens"))
    return out


def _check_reserved(rule: Any, key: str, pattern: str) -> None:
    for name in _GROUP_NAME.findall(pattern):
        if name in RESERVED_GROUPS:
            raise RuleError(f"{rule.at(key)}: {rule.code}: the group name '{name}' is reserved "
                            f"({', '.join(sorted(RESERVED_GROUPS - {'self'}))} are a finding's own "
                            "fields); rename the group")


def _compiled(rule: Any, sources: list[tuple[str, str, str]]) -> list[tuple[str, str, Any]]:
    ic = bool(rule.params.get("ignorecase"))
    return [(key, label, compile_user_regex(src, ic, rule, key)) for key, src, label in sources]


def _check_particles(rule: Any) -> None:
    """``name_particles`` only serve ``not_name``: alone they would be silently ignored."""
    if rule.params.get("name_particles") and not rule.params.get("not_name"):
        raise RuleError(f"{rule.at('name_particles')}: {rule.code}: name_particles are used only with "
                        "not_name; add not_name: <group> or remove them")


def _check_group_keys(rule: Any, compiled: list[tuple[str, str, Any]]) -> None:
    everywhere = sorted({g for _k, _l, rx in compiled for g in rx.groupindex})
    for key in _Filters.GROUP_KEYS:
        group = rule.params.get(key)
        if group and not any(group in rx.groupindex for _k, _l, rx in compiled):
            has = f"named groups: {', '.join(everywhere)}" if everywhere else "it has no named groups"
            raise RuleError(f"{rule.at(key)}: {rule.code}: {key} names the group '{group}', which no "
                            f"pattern of the rule has ({has}): write (?P<{group}>…) in the pattern")


def validate_existence(rule: Any, asked: frozenset[str]) -> frozenset[str]:
    """Check an existence rule; return the message fields it fills besides the base ones
    (the named groups all its patterns have)."""
    sources = _sources(rule)
    if not sources:
        raise RuleError(f"{rule.at()}: {rule.code}: existence needs 'pattern' or 'tokens'")
    for key, src, _label in sources:
        _check_reserved(rule, key, src)
    _check_particles(rule)
    replace = rule.params.get("replace")
    wanted = asked - BASE_FIELDS
    if not (wanted or (replace and "\\" in replace) or any(rule.params.get(k) for k in _Filters.GROUP_KEYS)):
        return frozenset()   # nothing refers to a group: no need to compile anything
    compiled = _compiled(rule, sources)
    if replace:
        for _key, label, rx in compiled:
            problem = replace_problem(replace, rx)
            if problem is not None:
                where = f" ({label})" if len(compiled) > 1 else ""
                raise RuleError(f"{rule.at('replace')}: {rule.code}: {problem}{where}")
    _check_group_keys(rule, compiled)
    common = frozenset.intersection(*(frozenset(rx.groupindex) for _k, _l, rx in compiled))
    for name in sorted(wanted - common):
        lacking = [label for _k, label, rx in compiled if name not in rx.groupindex]
        if len(lacking) < len(compiled):
            raise RuleError(f"{rule.at('message')}: {rule.code}: message field {{{name}}} is a group of "
                            f"only some patterns ({', '.join(lacking)} lack it): their findings would "
                            f"show it unfilled")
    return common


def validate_substitution(rule: Any) -> frozenset[str]:
    """Check a substitution rule's swap templates and filter groups; its message fields
    are the base ones only (no group reaches Rule.finding)."""
    swap = rule.params["swap"]
    _check_particles(rule)
    filters = any(rule.params.get(k) for k in _Filters.GROUP_KEYS)
    ic = bool(rule.params.get("ignorecase"))
    compiled = []
    for wrong, right in swap.items():
        key = f"swap.{wrong}"
        pattern = swap_pattern(wrong)
        _check_reserved(rule, key, pattern)
        if "\\" not in right and not filters:
            continue
        rx = compile_user_regex(pattern, ic, rule, key)
        problem = replace_problem(right, rx)
        if problem is not None:
            raise RuleError(f"{rule.at(key)}: {rule.code}: swap of '{wrong}': {problem}")
        compiled.append((key, f"'{wrong}'", rx))
    if filters:
        _check_group_keys(rule, compiled)
    return frozenset()
