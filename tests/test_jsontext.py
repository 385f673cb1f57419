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
