"""Running the linter over many inputs: config per file, one Linter per rule set.

Shared by ``lint``, ``fix``, ``score`` and ``entities`` so that every command walks
files, reads config and reports bad input the same way.
"""

from __future__ import annotations

from dataclasses import dataclass, field, replace
from pathlib import Path
from typing import Any, Iterable

from .api import FileResult, Linter, iter_files
from .config import Config, ConfigError, discover, parse_table, _read_toml
from .suppress import Baseline


@dataclass
class RunOptions:
    """Flags from the command line; ``None`` means "not given, use config"."""

    config_file: str | None = None
    overrides: dict[str, Any] = field(default_factory=dict)
    baseline: str | None = None
    options: dict[str, Any] = field(default_factory=dict)  # extra check options (languagetool…)


class Runner:
    def __init__(self, opts: RunOptions) -> None:
        self.opts = opts
        self._linters: dict[tuple, Linter] = {}
        self._explicit: Config | None = None
        if opts.config_file:
            path = Path(opts.config_file)
            if not path.is_file():
                raise ConfigError(f"{path}: config file not found")
            data = _read_toml(path)
            table = data.get("tool", {}).get("mtcheck", data) if path.name == "pyproject.toml" else data
            self._explicit = replace(parse_table(table, str(path), root=path.parent.resolve()), source=str(path))
        self.baseline = Baseline.load(opts.baseline) if opts.baseline else None

    def config_for(self, path: str) -> Config:
        base = self._explicit if self._explicit is not None else discover(path)
        updates = {k: v for k, v in self.opts.overrides.items() if v is not None}
        return replace(base, **updates) if updates else base

    def linter_for(self, cfg: Config) -> Linter:
        key = (cfg.rule_dirs, cfg.entities, cfg.languagetool)
        if key not in self._linters:
            self._linters[key] = Linter(cfg, self.opts.options)
        return self._linters[key]

    def files(self, paths: Iterable[str]) -> list[tuple[str, str | None]]:
        cwd_cfg = self.config_for(".")
        return list(iter_files(paths, cwd_cfg))

    def lint_all(self, paths: Iterable[str]) -> list[FileResult]:
        results = []
        for path, error in self.files(paths):
            if error:
                results.append(FileResult(path, error=error))
                continue
            cfg = self.config_for(path)
            results.append(self.linter_for(cfg).lint_file(path, cfg, self.baseline))
        return results

    @property
    def notices(self) -> list[str]:
        out: list[str] = []
        for linter in self._linters.values():
            for n in linter.ctx.notices:
                if n not in out:
                    out.append(n)
        return out

    def all_rules(self) -> list:
        cfg = self.config_for(".")
        return self.linter_for(cfg).ruleset.rules
