"""``mtcheck rules`` and ``mtcheck config``: what rules exist, and what config applies."""

from __future__ import annotations

import json
from typing import Any, List, Optional

import typer

RULES_FORMATS = ("text", "json")


def rules_cmd(
    code: Optional[str] = typer.Argument(None, help="A rule code (MT201) or name to explain; omit to list all."),
    output_format: str = typer.Option("text", "--format", "-f", help="text or json."),
    all_rules: bool = typer.Option(True, "--all/--default-only", help="Include opt-in rules (default: yes)."),
    rules_dir: Optional[List[str]] = typer.Option(None, "--rules-dir",
                                                  help="Extra directory of rule YAML files; repeat for several (as for lint: replaces the config's rule-dirs)."),
    config: Optional[str] = typer.Option(None, "--config", help="Use this config file instead of discovering pyproject.toml/.mtcheck.toml."),
) -> None:
    from .console import fail
    from .config import ConfigError
    from .rules import RuleError
    from .runner import RunOptions, Runner

    fmt = output_format.lower()
    if fmt not in RULES_FORMATS:
        raise fail(f"unknown --format {output_format!r}: use one of {', '.join(RULES_FORMATS)}")
    try:
        # The rules lint would load here: the current directory's config (its rule-dirs),
        # or --config, with --rules-dir replacing rule-dirs as it does for lint.
        overrides = {"rule_dirs": tuple(rules_dir) if rules_dir else None}
        rules = Runner(RunOptions(config_file=config, overrides=overrides)).all_rules()
    except (ConfigError, RuleError) as exc:
        raise fail(str(exc)) from None
    if not all_rules:
        rules = [r for r in rules if r.default]
    if code:
        match = [r for r in rules if r.code == code.upper() or r.name == code.lower()]
        if not match:
            raise fail(f"no rule {code!r} (see `mtcheck rules`)")
        r = match[0]
        if fmt == "json":
            typer.echo(json.dumps(_rule_dict(r), ensure_ascii=False, indent=2))
            return
        lines = [f"{r.code} {r.name}", f"  category: {r.category}   severity: {r.severity.value}   "
                 f"kind: {r.kind}   fix: {r.fix or 'none'}{'' if r.default else '   (opt-in: select it to run it)'}",
                 f"  defined in: {r.path}:{r.line}", "", _wrap(r.why), ""]
        for key, label in (("bad", "Flagged"), ("good", "Not flagged"), ("fixed", "After fix")):
            if r.examples.get(key):
                lines.append(f"{label}:")
                lines.extend(f"  - {e}" for e in r.examples[key])
        typer.echo("\n".join(lines))
        return
    if fmt == "json":
        typer.echo(json.dumps([_rule_dict(r) for r in rules], ensure_ascii=False, indent=2))
        return
    width = max((len(r.name) for r in rules), default=10)
    for r in rules:
        opt = "" if r.default else " (opt-in)"
        typer.echo(f"{r.code}  {r.category:<15} {r.severity.value:<8} {r.name:<{width}}  {r.summary}{opt}")


def _rule_dict(r) -> dict:
    return {"code": r.code, "name": r.name, "category": r.category, "severity": r.severity.value,
            "kind": r.kind, "fix": r.fix, "default": r.default, "why": r.why, "message": r.message,
            "examples": r.examples, "path": r.path, "line": r.line}


def _wrap(text: str, width: int = 88) -> str:
    import textwrap
    return textwrap.fill(text, width=width)


def config_cmd(
    path: str = typer.Argument(".", help="File or directory whose effective config to show."),
    config: Optional[str] = typer.Option(None, "--config", help="Use this config file instead of discovery."),
) -> None:
    from .console import fail
    import os

    from .config import ConfigError
    from .rules import RuleError
    from .runner import RunOptions, Runner

    if path != "." and not os.path.exists(path):
        raise fail(f"{path}: no such file or directory")
    try:
        runner = Runner(RunOptions(config_file=config))
        cfg = runner.config_for(path)
        # load what the config names (rule folders, entities files), as lint would: a
        # config that lint refuses must not be shown as if it were fine
        runner.linter_for(cfg).ctx.gazetteer  # noqa: B018 - loads and checks the entities files
    except (ConfigError, RuleError) as exc:
        raise fail(str(exc)) from None
    data = cfg.as_dict()
    source = data.pop("source") or "(defaults: no pyproject.toml [tool.mtcheck] or .mtcheck.toml found)"
    typer.echo(f"# effective config for {path}\n# from: {source}")
    for key, value in data.items():
        if value is None:   # TOML has no null: an unset key is shown as a comment
            typer.echo(f"# {key} = (not set)")
        else:
            typer.echo(f"{key} = {_toml_value(value)}")


def _toml_value(value: Any) -> str:
    """*value* written as TOML, so `mtcheck config` output can be saved and used with
    --config: it was JSON ("encoding = null", per-file-ignores as {"a/*": [...]}), which
    no TOML reader accepts.  JSON strings, numbers, booleans and arrays are TOML too."""
    if isinstance(value, dict):
        return "{" + ", ".join(f"{json.dumps(k, ensure_ascii=False)} = {_toml_value(v)}"
                               for k, v in value.items()) + "}"
    if isinstance(value, list):
        return "[" + ", ".join(_toml_value(v) for v in value) + "]"
    return json.dumps(value, ensure_ascii=False)
