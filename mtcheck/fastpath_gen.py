"""Derive the fast path's option table from the live Typer/Click commands.

    python -m mtcheck.fastpath_gen      # rewrites mtcheck/fastpath_spec.py

Why generated and committed, not kept in a disk memo: the table is then the same for
every run of a checkout, from its first one on (CI, a fresh pre-commit environment,
``MTCHECK_NO_RULE_CACHE``, a read-only home), shows in review when an option changes,
and a Typer-path run never has to build the Click command twice to store it.  It cannot
drift unnoticed: tests/test_fastpath.py fails, naming this command, when the committed
table differs from :func:`derive`'s, and at run time the fast path steps aside when the
signature module's checksum is not the one the table was derived from.

Only what the fast parser understands is accepted here (see mtcheck/fastpath.py); a
command whose signature uses anything else (an envvar, a callback, a prompt, a type
other than str/int/IntRange/Path/bool flags, more than one argument) raises
:class:`Unsupported`: teach the parser first, or leave that command to Typer.
"""

from __future__ import annotations

import importlib
import os
import pprint
import sys
from typing import Any

#: command -> (its Typer signature module, relative to mtcheck/; the body's module and
#: function, which the signature calls with every parameter).  tests/test_fastpath.py
#: checks that Typer really calls that body with what the fast path would pass.
COMMANDS: dict[str, tuple[str, str, str]] = {
    "lint": ("lint_cli.py", "mtcheck.lint_cmd", "lint"),
    "fix": ("commands/fix_cli.py", "mtcheck.commands.fix", "fix"),
}

PACKAGE = os.path.dirname(os.path.abspath(__file__))
SPEC_FILE = os.path.join(PACKAGE, "fastpath_spec.py")
REGENERATE = "python -m mtcheck.fastpath_gen"


class Unsupported(Exception):
    """A signature uses something the fast parser does not understand."""


def derive() -> dict[str, Any]:
    """The table, from the commands as Typer builds them now."""
    import typer.main

    from . import cli
    from .diskmemo import checksum

    cli.register_commands()
    group = typer.main.get_command(cli.app)
    if set(group.context_settings) - {"help_option_names"}:
        # (a subcommand's context inherits them: token_normalize_func, default_map, ...)
        raise Unsupported(f"the group's context settings {sorted(group.context_settings)}")
    help_names = tuple(group.context_settings.get("help_option_names") or ("--help",))
    commands = {}
    for name, (source, module, function) in COMMANDS.items():
        cmd = group.commands[name]
        with open(os.path.join(PACKAGE, source), "rb") as fh:
            digest = checksum(fh.read())
        argument, options = _params(name, cmd, help_names)
        commands[name] = {
            "source": source, "checksum": digest, "body": (module, function), "argument": argument,
            "defaults": _defaults(group, name, module, function, argument), "options": options,
        }
    return {"help": help_names, "commands": commands}


def _params(name: str, cmd: Any, help_names: tuple[str, ...]) -> tuple[str, dict[str, tuple]]:
    """The command's one nargs=-1 argument, and option string -> (parameter, kind,
    multiple, extra): kind 'flag' (extra: the value it sets), 'str', 'int' (extra: min,
    max, min_open, max_open) or 'path' (extra: whether an existing path must be readable)."""
    def refuse(what: str) -> Unsupported:
        return Unsupported(f"mtcheck {name}: {what}; mtcheck/fastpath.py does not parse that")

    if not cmd.allow_interspersed_args or cmd.ignore_unknown_options or cmd.allow_extra_args \
            or cmd.context_settings:
        raise refuse("the command's parsing settings differ from Click's defaults")
    argument = None
    options: dict[str, tuple] = {}
    for p in cmd.params:
        if (not p.expose_value or p.callback is not None or p.is_eager or p.envvar
                or getattr(p, "prompt", None) or getattr(p, "deprecated", False)):
            raise refuse(f"parameter {p.name!r} has a callback, envvar, prompt or is eager/deprecated")
        if p.param_type_name == "argument":
            if argument is not None or p.nargs != -1 or not p.required or _type(p) != "StringParamType":
                raise refuse("other arguments than one required nargs=-1 list of strings")
            argument = p.name
            continue
        if p.nargs != 1 or getattr(p, "count", False):
            raise refuse(f"option {p.name!r} takes nargs={p.nargs} or counts")
        if getattr(p, "is_flag", False):
            # (Click keeps the value a flag sets in flag_value, the Click Typer 0.28 vendors
            # in _depr_flag_value)
            sets = getattr(p, "flag_value", getattr(p, "_depr_flag_value", None))
            if _type(p) != "BoolParamType" or sets is not True or p.multiple:
                raise refuse(f"flag {p.name!r} is not a plain --x/--no-x boolean")
            specs = [(opt, (p.name, "flag", False, True)) for opt in p.opts]
            specs += [(opt, (p.name, "flag", False, False)) for opt in p.secondary_opts]
        else:
            if p.secondary_opts:
                raise refuse(f"option {p.name!r} has secondary names")
            kind, extra = _kind(p, refuse)
            specs = [(opt, (p.name, kind, bool(p.multiple), extra)) for opt in p.opts]
        for opt, spec in specs:
            if opt in options or opt in help_names or opt == "--" or not opt.startswith("-") \
                    or (not opt.startswith("--") and len(opt) != 2):
                raise refuse(f"option name {opt!r} clashes or is not -x / --name")
            options[opt] = spec
    if argument is None:
        raise refuse("no argument")
    return argument, options


def _type(p: Any) -> str:
    """The Click type's class name (the same in Click and in the Click Typer 0.28 vendors,
    whose type *names* differ: "str" there, "text" in Click)."""
    return type(p.type).__name__


def _kind(p: Any, refuse: Any) -> tuple[str, Any]:
    t, kind = p.type, _type(p)
    if kind == "StringParamType":
        return "str", None
    if kind == "IntParamType":
        return "int", (None, None, False, False)
    if kind == "IntRange":
        if t.clamp:
            raise refuse(f"option {p.name!r} clamps")
        return "int", (t.min, t.max, bool(t.min_open), bool(t.max_open))
    if kind in ("TyperPath", "Path"):
        if t.exists or not t.file_okay or not t.dir_okay or t.writable or t.resolve_path \
                or t.allow_dash or getattr(t, "executable", False) or t.type is not None:
            raise refuse(f"option {p.name!r} is a Path with checks")
        return "path", bool(t.readable)
    raise refuse(f"option {p.name!r} has type {t.name!r}")


def _defaults(group: Any, name: str, module: str, function: str, argument: str) -> dict[str, Any]:
    """What Typer passes the body for ``mtcheck NAME PATH``: every parameter's value when
    not given (the argument's too, replaced by the fast path), taken from a real call."""
    mod = importlib.import_module(module)
    real = getattr(mod, function)
    seen: dict[str, Any] = {}
    setattr(mod, function, lambda **kwargs: seen.update(kwargs))
    try:
        group.main([name, "PATH"], prog_name="mtcheck", standalone_mode=False)
    finally:
        setattr(mod, function, real)
    if seen.get(argument) != ["PATH"]:
        raise Unsupported(f"mtcheck {name}: Typer did not call {module}.{function}({argument}=['PATH'])")
    seen[argument] = None   # (always given: the fast path refuses a command line without it)
    for key, value in seen.items():
        if value is not None and type(value) not in (bool, int, str):
            raise Unsupported(f"mtcheck {name}: the default of {key!r} is a {type(value).__name__}")
    return seen


def render(spec: dict[str, Any]) -> str:
    return (f'"""The fast path\'s option table: GENERATED by `{REGENERATE}` from the Typer\n'
            'signatures (mtcheck/lint_cli.py, mtcheck/commands/fix_cli.py); do not edit.\n'
            'tests/test_fastpath.py fails when it is stale."""\n\n'
            f"SPEC = {pprint.pformat(spec, width=100, sort_dicts=False)}\n")


def main() -> None:
    text = render(derive())
    with open(SPEC_FILE, "w", encoding="utf-8") as fh:
        fh.write(text)
    print(f"wrote {os.path.relpath(SPEC_FILE)}", file=sys.stderr)


if __name__ == "__main__":
    main()
