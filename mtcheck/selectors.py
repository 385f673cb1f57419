"""Which configs a run applies, and whether their selectors name real rules.

Shared by lint, fix, score and entities: each input file is judged under its own
config (the nearest one up from it), so a selector typo in a project's config must be
reported wherever the command runs from, not only from the project's folder.
"""

from __future__ import annotations

from typing import Any

from .rules import RuleError, check_selectors


def configs_used(runner: Any, items: list[tuple[str, str | None]], stdin: bool) -> list:
    """The distinct configs the run applies: each input file's own, and the current
    directory's for standard input, or when no file was found (so a typo in flags or the
    local config is still reported)."""
    by_id: dict[int, Any] = {}
    for path, err in items:
        if not err:
            cfg = runner.config_for(path, is_file=True)
            by_id.setdefault(id(cfg), cfg)   # by identity: a Config per folder, no hashing per file
    if stdin or not by_id:
        cfg = runner.config_for(".")
        by_id.setdefault(id(cfg), cfg)
    out: list = []
    for cfg in by_id.values():
        if cfg not in out:
            out.append(cfg)
    return out


def check_run_selectors(runner: Any, configs: list, flags: dict[str, Any]) -> list:
    """Refuse (RuleError) selectors that match no rule, in every config of *configs*,
    each against that config's own rules (its rule-dirs may add some); return the rules
    of all of them, for the SARIF report.  *flags*: the command's --select/--ignore.  A
    selector from a config file is reported with the file's path: the config of a project
    linted from elsewhere is the one to mend, not the local one."""
    flagged = [s for key in ("select", "ignore") for s in (flags.get(key) or ())]
    rules: list = []
    codes: set[str] = set()
    for cfg in configs:
        ruleset = runner.linter_for(cfg).ruleset.rules
        unknown = check_selectors(flagged, ruleset)
        if unknown:
            raise RuleError(f"no rule matches {', '.join(map(repr, unknown))} (see `mtcheck rules`)")
        own = [s for key in ("select", "ignore") if flags.get(key) is None for s in getattr(cfg, key)]
        own += [code for _, group in cfg.per_file_ignores for code in group]
        unknown = check_selectors(own, ruleset)
        if unknown:
            raise RuleError(f"{cfg.source}: no rule matches {', '.join(map(repr, unknown))} (see `mtcheck rules`)")
        for rule in ruleset:
            if rule.code not in codes:
                codes.add(rule.code)
                rules.append(rule)
    return rules
