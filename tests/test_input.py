"""Reading input: every bad-input case gets one clear line, exit 2, and no traceback,
while the other files are still linted."""

from __future__ import annotations

import codecs
import json

import pytest

from mtcheck.source import InputError, SkipFile, decode_bytes, read_source

ARTICLE = "The talks of Vladimir Putin and Donald trump ended.\nREAD MORE: Other story\n"


def test_utf8_with_and_without_bom_give_same_text_and_offsets():
    plain = decode_bytes(ARTICLE.encode(), "a.txt")
    bom = decode_bytes(codecs.BOM_UTF8 + ARTICLE.encode(), "a.txt")
    assert plain.text == bom.text == ARTICLE
    assert bom.bom == codecs.BOM_UTF8 and plain.bom == b""
    assert bom.encode(bom.text) == codecs.BOM_UTF8 + ARTICLE.encode()


@pytest.mark.parametrize("codec,bom", [("utf-16-le", codecs.BOM_UTF16_LE), ("utf-16-be", codecs.BOM_UTF16_BE)])
def test_utf16_with_bom(codec, bom):
    src = decode_bytes(bom + ARTICLE.encode(codec), "a.txt")
    assert src.text == ARTICLE
    assert src.encode(src.text) == bom + ARTICLE.encode(codec)


def test_invalid_utf8_names_the_fix():
    with pytest.raises(InputError) as exc:
        decode_bytes("Читайте также".encode("cp1251"), "a.txt")
    assert "--encoding cp1251" in str(exc.value)


def test_explicit_encoding_decodes_cp1251():
    src = decode_bytes("Читайте также".encode("cp1251"), "a.txt", encoding="cp1251")
    assert src.text == "Читайте также"


def test_binary_is_rejected():
    with pytest.raises(InputError) as exc:
        decode_bytes(b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR", "a.png")
    assert "binary" in str(exc.value)


def test_size_limit(tmp_path):
    p = tmp_path / "big.txt"
    p.write_text("word " * 100)
    with pytest.raises(SkipFile):
        read_source(p, max_size=100)
    assert read_source(p, max_size=0).text.startswith("word")


def test_cli_bad_inputs_do_not_stop_other_files(tmp_path, cli):
    good = tmp_path / "good.txt"
    good.write_text(ARTICLE, encoding="utf-8")
    cp = tmp_path / "legacy.txt"
    cp.write_bytes("Москва, 21 июля.".encode("cp1251"))
    binary = tmp_path / "image.txt"
    binary.write_bytes(b"\x00\x01\x02binary\x00")
    empty = tmp_path / "empty.txt"
    empty.write_bytes(b"")
    missing = tmp_path / "missing.txt"
    r = cli("lint", "--format", "json", str(good), str(cp), str(binary), str(empty), str(missing))
    assert r.returncode == 2, r.stderr
    assert b"Traceback" not in r.stderr + r.stdout
    data = json.loads(r.stdout)
    by_path = {f["path"]: f for f in data["files"]}
    assert by_path[str(good)]["error"] is None and by_path[str(good)]["findings"]
    assert "--encoding cp1251" in by_path[str(cp)]["error"]
    assert "binary" in by_path[str(binary)]["error"]
    assert by_path[str(empty)]["error"] is None and by_path[str(empty)]["findings"] == []
    assert by_path[str(missing)]["error"]
    # each error is also one line on stderr naming the file
    for p in (cp, binary, missing):
        assert any(str(p) in line for line in r.stderr.decode().splitlines())


def test_cli_encoding_flag_lints_cp1251(tmp_path, cli):
    cp = tmp_path / "legacy.txt"
    cp.write_bytes("He said so.\nЧитайте также\n".encode("cp1251"))
    r = cli("lint", "--encoding", "cp1251", "--format", "json", str(cp))
    data = json.loads(r.stdout)
    assert data["files"][0]["error"] is None
    assert [f["rule"] for f in data["files"][0]["findings"]] == ["MT101"]


def test_cli_oversize_file_is_skipped_with_notice(tmp_path, cli):
    big = tmp_path / "big.txt"
    big.write_text("Donald trump. " * 50)
    r = cli("lint", "--max-file-size", "100", str(big))
    assert r.returncode == 0
    assert "skipped" in r.stdout.decode() and "--max-file-size" in r.stdout.decode()


def test_crlf_offsets_refer_to_decoded_text(tmp_path, cli):
    p = tmp_path / "crlf.txt"
    text = "First line.\r\nREAD MORE: other story\r\nThe end.\r\n"
    p.write_bytes(codecs.BOM_UTF8 + text.encode())
    r = cli("lint", "--format", "json", "--select", "MT301", str(p))
    f = json.loads(r.stdout)["files"][0]["findings"][0]
    assert text[f["start"]:f["end"]] == f["text"] == "READ MORE: other story"
    assert (f["line"], f["column"]) == (2, 1)


def test_utf16_file_positions(tmp_path, cli):
    p = tmp_path / "u16.txt"
    text = "Привет world.\nREAD MORE: other story\n"
    p.write_bytes(codecs.BOM_UTF16_LE + text.encode("utf-16-le"))
    r = cli("lint", "--format", "json", str(p))
    findings = json.loads(r.stdout)["files"][0]["findings"]
    rules = {f["rule"]: f for f in findings}
    assert rules["MT101"]["text"] == "Привет" and rules["MT101"]["column"] == 1
    assert rules["MT301"]["line"] == 2


def test_written_report_gets_normal_permissions(tmp_path, cli):
    import os
    import stat
    article = tmp_path / "a.txt"
    article.write_text("The talks ended.\n")
    out = tmp_path / "report.json"
    old = os.umask(0o022)
    try:
        cli("lint", "--format", "json", "-o", str(out), str(article))
    finally:
        os.umask(old)
    assert stat.S_IMODE(out.stat().st_mode) == 0o644


def test_read_source_bytes_and_errors(tmp_path):
    """The one-open fast path reads every byte (empty, exactly one read buffer, large)
    and leaves odd inputs to the checked path with its messages."""
    import os

    for size in (0, 1, 65535, 65536, 65537, 300_001):
        p = tmp_path / f"f{size}.txt"
        body = ("ab\r\nй" * (size // 5 + 1))[:size]
        p.write_bytes(body.encode("utf-8"))
        assert read_source(p).text == p.read_bytes().decode("utf-8")
    with pytest.raises(InputError, match="is a directory"):
        read_source(tmp_path)
    with pytest.raises(InputError, match="no such file"):
        read_source(tmp_path / "missing.txt")
    if hasattr(os, "geteuid") and os.geteuid() != 0:   # root reads anything
        locked = tmp_path / "locked.txt"
        locked.write_text("x")
        locked.chmod(0)
        with pytest.raises(InputError, match="permission denied"):
            read_source(locked)


@pytest.mark.parametrize("size", [0, 1, 65_535, 65_536, 65_537, 300_001])
def test_files_are_read_whole_whatever_their_size(tmp_path, size):
    """read_source stops at a short read (the end of a regular file) and reads on in
    64 KB chunks otherwise: every size around the chunk boundary comes back whole."""
    text = ("Moscow said on Monday. " * (size // 23 + 1))[:size]
    p = tmp_path / "a.txt"
    p.write_text(text, encoding="utf-8")
    assert read_source(p, max_size=0).text == text


@pytest.mark.parametrize("bad", [b"Donald trump", None, 5])
def test_lint_text_says_it_wants_a_str(bad):
    """bytes gave "a bytes-like object is required, not 'str'": the opposite of the fault."""
    from mtcheck.api import lint_text
    with pytest.raises(TypeError, match="needs the article as str, not " + type(bad).__name__):
        lint_text(bad)
