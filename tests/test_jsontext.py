"""The fast JSON writer must produce exactly what json.dumps(indent=2) produces."""

import json

from hypothesis import given, settings
from hypothesis import strategies as st

from mtcheck.report.jsontext import Raw, Writer, dumps

scalars = st.one_of(st.none(), st.booleans(), st.integers(), st.floats(allow_nan=True, allow_infinity=True),
                    st.text())
values = st.recursive(scalars, lambda inner: st.one_of(st.lists(inner, max_size=4),
                                                       st.dictionaries(st.text(max_size=5), inner, max_size=4)),
                      max_leaves=25)


def _reference(obj):
    return json.dumps(obj, ensure_ascii=False, indent=2)


@settings(max_examples=300, deadline=None)
@given(values)
def test_same_text_as_json_dumps(obj):
    assert dumps(obj) == _reference(obj)


def test_shared_objects_at_different_depths_render_with_their_own_indentation():
    shared = {"value": 0.0, "count": 0, "cap": 40.0}
    obj = {"a": shared, "b": [shared, {"c": shared}], "d": [[shared]]}
    assert dumps(obj) == _reference(obj)


def test_escaping_and_special_numbers_match():
    obj = {"q": 'say "hi"\n\t\u2028 </script> é 😀', "nan": float("nan"), "inf": float("-inf"),
           "neg0": -0.0, "big": 10 ** 40, "t": (1, 2), "empty": [{}, []]}
    assert dumps(obj) == _reference(obj)


def test_raw_items_are_emitted_verbatim_at_their_depth():
    items = [{"path": "a.txt", "score": 97.5}, {"path": "b.txt", "score": 12.0, "x": [1, {}]}]
    w = Writer()
    pre = [Raw(w.value(it, 2)) for it in items]
    assert w.value({"version": 1, "files": pre}, 0) == _reference({"version": 1, "files": items})


def test_a_key_the_writer_does_not_handle_falls_back_to_the_standard_library():
    obj = {1: "one", "two": [None]}
    assert dumps(obj) == _reference(obj)


@settings(max_examples=200, deadline=None)
@given(values)
def test_pieces_join_to_the_same_text(obj):
    assert "".join(Writer().chunks(obj)) == _reference(obj)


def test_score_report_written_in_pieces_to_a_file_equals_stdout(tmp_path):
    """`score --format json -o FILE` streams its pieces to the file; same bytes as stdout."""
    import subprocess
    import sys
    from pathlib import Path
    root = Path(__file__).resolve().parent.parent
    out = tmp_path / "report.json"
    args = [sys.executable, "-m", "mtcheck.cli", "score", "--format", "json", "seeds"]
    to_stdout = subprocess.run(args, cwd=root, capture_output=True, timeout=300)
    to_file = subprocess.run(args + ["-o", str(out)], cwd=root, capture_output=True, timeout=300)
    assert to_file.returncode == to_stdout.returncode
    assert out.read_bytes() == to_stdout.stdout
    data = json.loads(out.read_text(encoding="utf-8"))
    assert [Path(f["path"]).name[:3] for f in data["files"]] == ["000", "003"]


def test_entries_rendered_where_linted_give_the_same_report(tmp_path):
    """lint --format json renders each file's entry in the worker (RunOptions.post):
    the joined report equals the one rendered in one piece, errors and notices included."""
    from mtcheck.report.json_report import entry_text, render_json
    from mtcheck.runner import RunOptions, Runner

    (tmp_path / "a.txt").write_text("The talks in USA ended,” – said the Ministry of foreign Affairs.\n"
                                    "Donald trump and Kim Jong-UN met. Read also: more\n", encoding="utf-8")
    (tmp_path / "b.txt").write_bytes("Москва, 21 июля.".encode("cp1251"))        # an input error
    (tmp_path / "c.txt").write_text("word " * 50, encoding="utf-8")              # a notice (too large)
    (tmp_path / "d.md").write_text("# Title\n\nText with \"quotes\" and ünïcode – fine.\n", encoding="utf-8")
    overrides = {"languagetool": "off", "max_file_size": 200}
    plain = Runner(RunOptions(overrides=overrides)).lint_all([str(tmp_path)])
    post = Runner(RunOptions(overrides=overrides, post=entry_text)).lint_all([str(tmp_path)])
    assert any(r.error for r in plain) and any(r.notice for r in plain) and any(r.findings for r in plain)
    assert all(r.extra is None for r in plain)
    assert all(r.extra is not None for r in post if r.doc is not None)
    assert render_json(post) == render_json(plain)


@settings(max_examples=200, deadline=None)
@given(st.lists(values, max_size=5), st.integers(0, 3))
def test_items_from_an_iterator_are_written_as_the_same_list(items, depth):
    """`Items` (a report's entries made while it is written) renders as the list would,
    empty included, at any depth where chunks() opens containers."""
    from mtcheck.report.jsontext import Items

    w = Writer()
    doc = {"version": 1, "files": Items(iter(items)), "after": [1]}
    assert "".join(w.chunks(doc, 0, stream_depth=max(2, depth))) == _reference(
        {"version": 1, "files": items, "after": [1]})


def test_score_json_stream_reads_lazily_and_stops_cleanly_on_errors(tmp_path):
    """`score --format json` writes each entry as its file is done: the stream is valid
    JSON with an unreadable input among the files (exit 2), and a bad rule file is an
    error before any output, not a report cut off halfway."""
    import subprocess
    import sys
    from pathlib import Path
    root = Path(__file__).resolve().parent.parent
    (tmp_path / "a.txt").write_text("Donald trump spoke in Moscow on Monday.\n", encoding="utf-8")
    (tmp_path / "b.txt").write_bytes("Москва, 21 июля.".encode("cp1251"))   # not UTF-8: an input error
    (tmp_path / "c.txt").write_text("The weather was mild.\n", encoding="utf-8")
    args = [sys.executable, "-m", "mtcheck.cli", "score", "--format", "json", "--languagetool", "off"]
    r = subprocess.run(args + [str(tmp_path)], cwd=root, capture_output=True, timeout=300)
    assert r.returncode == 2 and b"b.txt" in r.stderr
    data = json.loads(r.stdout)
    assert [Path(f["path"]).name for f in data["files"]] == ["a.txt", "c.txt"]

    sub = tmp_path / "desk"
    sub.mkdir()
    (sub / "d.txt").write_text("Text.\n", encoding="utf-8")
    (sub / ".mtcheck.toml").write_text("select = [\n", encoding="utf-8")   # broken TOML
    r = subprocess.run(args + [str(tmp_path)], cwd=root, capture_output=True, timeout=300)
    assert r.returncode == 2 and r.stdout == b"" and b".mtcheck.toml" in r.stderr


# A file entry as json_report.file_entry makes it: the template writer (_entry_json) must
# give the general writer's text, and hand anything else back to it.
_text = st.text(alphabet=st.characters(blacklist_categories=("Cs",)) | st.sampled_from(["\udcff", '"', "\\", "\n"]),
                max_size=12)
_finding = st.fixed_dictionaries({
    "rule": _text, "name": _text, "category": _text, "severity": _text, "message": _text,
    "start": st.integers(0, 10 ** 6), "end": st.integers(0, 10 ** 6), "line": st.integers(1, 9999),
    "column": st.integers(1, 999), "end_line": st.integers(1, 9999), "end_column": st.integers(1, 999),
    "text": _text, "replacements": st.lists(_text, max_size=3), "fix": st.none() | _text})
_entry = st.fixed_dictionaries({"path": _text, "error": st.none() | _text, "findings": st.lists(_finding, max_size=3)},
                               optional={"notice": _text})


@settings(max_examples=400, deadline=None)
@given(_entry)
def test_file_entries_written_by_the_template_as_by_the_writer(entry):
    from mtcheck.report.json_report import ENTRY_DEPTH, _entry_json

    assert _entry_json(entry) == Writer().value(entry, ENTRY_DEPTH)
    assert json.loads(_entry_json(entry)) == entry


@given(_entry, st.sampled_from([True, 1.5, {"x": 1}, ("a",), [1]]))
@settings(max_examples=50, deadline=None)
def test_file_entries_of_other_shapes_are_left_to_the_writer(entry, odd):
    from mtcheck.report.json_report import _entry_json

    assert _entry_json({**entry, "extra": odd}) is None
    if entry["findings"]:
        entry["findings"][0]["fix"] = odd
        assert _entry_json(entry) is None


def test_entry_text_of_real_results_is_the_writers(tmp_path):
    from pathlib import Path

    from mtcheck.report.json_report import ENTRY_DEPTH, entry_text, file_entry
    from mtcheck.runner import RunOptions, Runner

    root = Path(__file__).resolve().parent.parent
    results = Runner(RunOptions(overrides={"languagetool": "off"})).lint_all(
        [str(root / "seeds"), str(root / "tests" / "data" / "clean_en_sample.txt")])
    assert sum(len(r.findings) for r in results) > 20
    for r in results:
        assert entry_text(r) == Writer().value(file_entry(r), ENTRY_DEPTH)
