"""Consistency: one article should pick one style (dates, spellings) and keep it.

Mixed styles inside one story are a sign of stitched MT output ("July 21" next to
"20 July").  The kind counts each style's matches and flags the minority ones; a tie
flags the style that appeared second.
"""

from __future__ import annotations

from typing import Any

from ..document import Document
from ..findings import Finding
from . import MapOf
from .phrases import _Pattern, run_patterns


class _Styles:
    """A consistency rule's styles (name, pattern), in the rule's order, and in how many
    articles each has been found so far in this process (the order to scan them in)."""

    __slots__ = ("styles", "found_in")

    def __init__(self, styles: list[tuple[str, _Pattern]]) -> None:
        self.styles = styles
        self.found_in = {name: 0 for name, _pat in styles}


class Consistency:
    PARAMS = {
        "styles": (MapOf(str, str), True),      # style name -> regex
        "ignorecase": (bool, False),
    }
    #: message fields besides text and fix (see the Rule.finding call in check)
    FIELDS = frozenset({"style", "major", "major_count", "count"})

    def validate(self, rule: Any, asked: frozenset[str]) -> frozenset[str]:
        """At load time: a style is a name for a regex, and one style cannot be mixed."""
        if len(rule.params["styles"]) < 2:
            from ..rules import RuleError
            raise RuleError(f"{rule.at('styles')}: {rule.code}: 'styles' needs at least two styles")
        return self.FIELDS

    def prepare(self, rule: Any, ctx: Any) -> "_Styles":
        self.validate(rule, frozenset())
        ic = bool(rule.params.get("ignorecase"))
        return _Styles([(name, _Pattern(p, ic, rule, f"styles.{name}"))
                        for name, p in rule.params["styles"].items()])

    def check(self, doc: Document, rule: Any, state: "_Styles", ctx: Any) -> list[Finding]:
        # A finding needs two styles in one article: when the strings a style needs (a
        # month name, say) leave fewer than two possible, no pattern runs at all.
        possible = [(name, pat) for name, pat in state.styles if pat.may_match(doc)]
        if len(possible) < 2:
            return []
        # The styles found in fewest articles so far are scanned first, and once too few
        # are left for two to be found the rest are not scanned: with dates, "20 July"
        # is rare in US-style copy, and a story without it needs no "July 20" scan
        # (the longer one).  The findings do not depend on the order: hits are put back
        # in the rule's order before they are ranked.
        found_in = state.found_in
        todo = sorted(possible, key=lambda style: found_in[style[0]])
        hits: dict[str, list[Any]] = {}
        for i, (name, pat) in enumerate(todo):
            if len(hits) + len(todo) - i < 2:
                return []   # too few styles left for two to be found: skip them
            ms = [m for m in run_patterns(doc, rule, [pat.rx], ctx) if not doc.is_protected(m.start(), m.end())]
            if ms:
                hits[name] = ms
                found_in[name] += 1
        if len(hits) < 2:
            return []
        hits = {name: hits[name] for name, _pat in possible if name in hits}
        order = sorted(hits, key=lambda n: (-len(hits[n]), hits[n][0].start()))
        major = order[0]
        out = []
        for name in order[1:]:
            for m in hits[name]:
                out.append(rule.finding(m.start(), m.end(), m.group(0), style=name, major=major,
                                        major_count=len(hits[major]), count=len(hits[name])))
        return out
