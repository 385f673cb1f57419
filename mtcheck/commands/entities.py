"""``mtcheck entities``: the names of one article or a corpus, and their spellings.

Argument parsing and printing only; the data comes from mtcheck.names (per article)
and mtcheck.names.corpus (across articles, and ``--learn``).
"""

from __future__ import annotations

import csv
import io
from pathlib import Path
from typing import Any, List, Optional

import typer

JSON_VERSION = 1

HELP = (
    "List the names in articles and the ways each is spelled.\n\n"
    "Reports (1) names written several ways inside one article (what lint flags as "
    "MT601), and (2) names spelled differently in different articles, e.g. 'Dmitri "
    "Peskov' in one and 'Dmitry Peskov' in another: a house-style inconsistency. With "
    "--all every name is listed with its count and files.\n\n"
    "--learn FILE writes a gazetteer (kind: gazetteer) of the people found, most "
    "frequent spelling as the name and the other romanizations as aliases, for an editor "
    "to review and then use with `mtcheck lint --entities FILE`.\n\n"
    "Exit status: 0 (also when inconsistencies are found), 2 on usage or input errors."
)


def entities_cmd(
    paths: List[str] = typer.Argument(..., help="Articles or directories.", show_default=False),
    output_format: str = typer.Option("table", "--format", "-f", help="table (default), json or csv."),
    show_all: bool = typer.Option(False, "--all", help="List every name, not only those spelled several ways."),
    learn: Optional[Path] = typer.Option(None, "--learn", help="Write a gazetteer file learned from these articles."),
    min_count: int = typer.Option(2, "--min-count", help="With --learn: only names seen at least this often."),
    output: Optional[Path] = typer.Option(None, "--output", "-o", help="Write the report to this file."),
    config: Optional[str] = typer.Option(None, "--config", help="Use this config file instead of discovering one."),
    encoding: Optional[str] = typer.Option(None, "--encoding", help="Decode inputs with this encoding."),
    entities: Optional[List[str]] = typer.Option(None, "--entities", help="Extra gazetteer file(s) (kind: gazetteer)."),
    rules_dir: Optional[List[str]] = typer.Option(None, "--rules-dir", help="Extra directory of rule YAML files."),
    jobs: Optional[int] = typer.Option(None, "--jobs", "-j", min=1, help="Worker processes for reading and analysing articles (default: all cores); clustering across articles is the same for any value."),
    progress: Optional[bool] = typer.Option(None, "--progress/--no-progress", help="Progress bar on stderr: --progress always, --no-progress never (default: for 20+ files when stderr is a terminal and the report is a table or goes to a file with -o; never under pre-commit)."),
) -> None:
    from ..console import fail, write_output
    from ..config import ConfigError
    from ..names.corpus import CorpusBuilder, dump_learned, learn as learn_corpus
    from ..names.keys import NameRules
    from ..progress import for_report
    from ..rules import RuleError
    from ..runner import RunOptions, Runner

    fmt = output_format.lower()
    if fmt not in ("table", "text", "json", "csv"):
        raise fail(f"unknown --format {output_format!r}: use table, json or csv")
    overrides = {"encoding": encoding, "entities": tuple(entities) if entities else None,
                 "rule_dirs": tuple(rules_dir) if rules_dir else None}
    errors = 0
    try:
        runner = Runner(RunOptions(config_file=config, overrides=overrides))
        items = runner.files(paths)
        linter0 = _corpus_linter(runner, items)
        rules = runner.memo["name_rules"] = NameRules.from_ruleset(linter0.ruleset)
        builder = CorpusBuilder(rules, linter0.ctx.gazetteer)
        # a JSON or CSV report on stdout gets no bar unless asked, as in lint
        bar = for_report(progress, len(items), fmt in ("json", "csv"), output is not None)
        # the walked list: map_inputs finds the same files (and missing ones) without a second walk
        try:
            analysed = runner.map_inputs([p for p, _ in items], _analyze_input, jobs, progress=bar.step)
        finally:
            bar.close()
        for path, error, notice, names, written in analysed:
            if error:
                typer.echo(f"mtcheck: error: {path}: {error}", err=True)
                errors += 1
            elif notice:
                typer.echo(f"mtcheck: {path}: {notice}", err=True)
            else:
                builder.add(path, names, written)
    except (ConfigError, RuleError) as exc:
        raise fail(str(exc)) from None

    corpus = builder.corpus
    if learn is not None:
        learned, unsure = learn_corpus(corpus, linter0.ctx.gazetteer, rules, min_count=min_count)
        text = dump_learned(learned, corpus.files, unsure)
        write_output(text, learn)   # as a report: also /dev/stdout or a FIFO
        n = len(learned["people"])
        typer.echo(f"mtcheck: wrote {n} names to {learn}; review it, then use --entities {learn}", err=True)

    if fmt == "json":
        from ..report.jsontext import dumps
        report = dumps(_as_json(corpus, show_all)) + "\n"
    elif fmt == "csv":
        report = _as_csv(corpus, show_all)
    else:
        report = _as_table(corpus, show_all)
    write_output(report, output)
    raise typer.Exit(2 if errors else 0)


def _names(corpus, show_all: bool):
    if not show_all:
        return corpus.across_files()
    return sorted(corpus.names.values(), key=lambda n: (-n.total, n.canonical))


def _as_json(corpus, show_all: bool) -> dict[str, Any]:
    return {
        "version": JSON_VERSION,
        "files": corpus.files,
        "in_document": [
            {"path": path, "canonical": g.canonical, "source": g.source,
             "spellings": [{"spelling": s, "count": n} for s, n in g.spellings],
             "flagged": sum(1 for f in g.flags if not f.gender)}
            for path, g in corpus.in_document
        ],
        "names": [
            {"canonical": n.canonical, "gazetteer": n.gazetteer is not None, "count": n.total,
             "files": len(n.all_files), "inconsistent": n.inconsistent,
             "written_inconsistent": n.written_inconsistent,
             "spellings": [{"spelling": s, "count": c, "files": f,
                            "written": [{"text": w, "count": wc, "files": wf}
                                        for w, wc, wf in n.written_forms(s)]}
                           for s, c, f in n.spellings()]}
            for n in _names(corpus, show_all)
        ],
    }


def _as_csv(corpus, show_all: bool) -> str:
    buf = io.StringIO()
    w = csv.writer(buf, lineterminator="\n")
    # "written": the forms as the articles write them ("Kim Jong-un ×2; Kim Jong Un ×1"),
    # a column added at the end so readers of the first five are unaffected
    w.writerow(["scope", "canonical", "spelling", "count", "files", "written"])
    for path, g in corpus.in_document:
        for s, n in g.spellings:
            w.writerow(["article", g.canonical, s, n, path, ""])
    for n in _names(corpus, show_all):
        for s, c, f in n.spellings():
            w.writerow(["corpus", n.canonical, s, c, ";".join(f),
                        "; ".join(f"{wt} ×{wc}" for wt, wc, _wf in n.written_forms(s))])
    return buf.getvalue()


def _as_table(corpus, show_all: bool) -> str:
    out: list[str] = []
    out.append(f"Names written several ways within one article ({len(corpus.in_document)}):")
    if not corpus.in_document:
        out.append("  none")
    for path, g in corpus.in_document:
        out.append(f"  {path}: {g.summary}" + (" [gazetteer]" if g.source == "gazetteer" else ""))
    names = _names(corpus, show_all)
    title = "All names" if show_all else "Names spelled differently across articles (house style)"
    out.append("")
    out.append(f"{title} ({len(names)}):")
    if not names:
        out.append("  none")
    for n in names:
        mark = " [gazetteer]" if n.gazetteer else ""
        out.append(f"  {n.canonical}{mark}: {n.total} mention{'s' * (n.total != 1)} in "
                   f"{len(n.all_files)} file{'s' * (len(n.all_files) != 1)}")
        if n.drifts or show_all:
            # the forms as written, grouped by folded spelling: "Kim Jong-un" and "Kim
            # Jong Un" are one spelling to the clustering but two house styles
            for s, _c, _files in n.spellings():
                for form, c, files in n.written_forms(s):
                    shown = ", ".join(files[:3]) + (f" and {len(files) - 3} more" if len(files) > 3 else "")
                    out.append(f"      {form} ×{c}  ({shown})")
    out.append("")
    out.append(f"{corpus.files} file{'s' * (corpus.files != 1)} read.")
    return "\n".join(out) + "\n"


def register(app: typer.Typer) -> None:
    app.command("entities", help=HELP)(entities_cmd)


def _corpus_linter(runner, items: list[tuple[str, str | None]]):
    """The linter whose gazetteer and name rules cluster names across articles: that of
    the inputs' own config (the nearest one up from them, with its ``entities``), not the
    current directory's, which may not apply to any input.  Inputs under configs with
    different gazetteers are clustered with the first input's, and the user is told."""
    from ..selectors import configs_used
    by_key: dict[tuple, Any] = {}
    for cfg in configs_used(runner, items, stdin=False):
        by_key.setdefault((cfg.rule_dirs, cfg.entities), cfg)
    configs = list(by_key.values())
    if len(configs) > 1:
        typer.echo(f"mtcheck: the inputs use {len(configs)} configs with different entities or rule-dirs; "
                   f"names are compared across articles with those of {configs[0].source or 'the defaults'}",
                   err=True)
    return runner.linter_for(configs[0])


def _analyze_input(runner, item):
    """Per-article work of `entities` (runs in a worker with --jobs): the names of one file."""
    from ..names.clusters import analyze
    from ..names.corpus import surfaces
    from ..names.keys import NameRules

    if item.doc is None:
        return item.path, item.error, item.notice, None, None
    linter = runner.linter_for(item.config)
    rules = runner.memo.get("name_rules")
    if rules is None:
        rules = runner.memo["name_rules"] = NameRules.from_ruleset(linter.ruleset)
    names = analyze(item.doc, linter.ctx.gazetteer, rules)
    # the prose view: Markdown/HTML markup inside a mention ("Kim *Jong-un*") is blanked
    return item.path, None, None, names, surfaces(item.doc.prose, names)
