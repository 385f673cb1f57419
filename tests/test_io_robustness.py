"""Reading and writing files the way README promises: every encoding written back byte
for byte, odd inputs (pipes, links, long names) read or refused with one clear line.

Each test here was a bug found by a bug hunt: it failed before its fix."""

from __future__ import annotations

import codecs
import json
import sys

import pytest

from mtcheck.source import InputError, decode_bytes

ARTICLE = "Irina Morozkina was detained.\nLawyers for Morozkinoi appealed.\n"
FIXED = ARTICLE.replace("Morozkinoi", "Morozkina")
FIX = ("fix", "--write", "--select", "MT601", "--languagetool", "off")


# -- decoding: byte order, BOMs, codecs ---------------------------------------------------
@pytest.mark.parametrize("flag,bom,codec", [
    ("utf-16", codecs.BOM_UTF16_BE, "utf-16-be"),
    ("utf-16", codecs.BOM_UTF16_LE, "utf-16-le"),
    ("utf-16", b"", "utf-16-le" if sys.byteorder == "little" else "utf-16-be"),
    ("utf-32", codecs.BOM_UTF32_BE, "utf-32-be"),
    ("utf-32", b"", "utf-32-le" if sys.byteorder == "little" else "utf-32-be"),
    ("utf-8-sig", b"", "utf-8"),
    ("utf-8-sig", codecs.BOM_UTF8, "utf-8"),
    ("utf-16-le", codecs.BOM_UTF16_LE, "utf-16-le"),
    ("utf-16-be", codecs.BOM_UTF16_BE, "utf-16-be"),
    ("utf-32-be", codecs.BOM_UTF32_BE, "utf-32-be"),
])
def test_explicit_encoding_keeps_byte_order_and_bom(flag, bom, codec):
    """'utf-16' used to write the machine's byte order with a BOM whatever the file had
    (a BE file came back LE, every byte changed; a BOM-less file gained one), and an
    explicit 'utf-16-le' kept the file's BOM as U+FEFF in the text."""
    data = bom + ARTICLE.encode(codec)
    src = decode_bytes(data, "a.txt", flag)
    assert src.text == ARTICLE   # no U+FEFF: line-1 columns are right
    assert src.encode(src.text) == data
    assert src.encode(FIXED) == bom + FIXED.encode(codec)


def test_fix_write_utf16_be_changes_only_the_fixed_bytes(tmp_path, cli):
    f = tmp_path / "be.txt"
    f.write_bytes(codecs.BOM_UTF16_BE + ARTICLE.encode("utf-16-be"))
    r = cli(*FIX, "--encoding", "utf-16", str(f))
    assert r.returncode == 1, r.stderr
    assert f.read_bytes() == codecs.BOM_UTF16_BE + FIXED.encode("utf-16-be")


def test_explicit_encoding_matching_the_bom_gives_line_one_columns(tmp_path, cli):
    f = tmp_path / "le.txt"
    f.write_bytes(codecs.BOM_UTF16_LE + "Donald trump said so.\n".encode("utf-16-le"))
    r = cli("lint", "--languagetool", "off", "--no-cache", "--format", "json", "--encoding", "utf-16-le", str(f))
    finding = json.loads(r.stdout)["files"][0]["findings"][0]
    assert (finding["text"], finding["column"], finding["start"]) == ("Donald trump", 1, 0)


@pytest.mark.parametrize("bom,codec", [(codecs.BOM_UTF32_LE, "utf-32-le"), (codecs.BOM_UTF32_BE, "utf-32-be")])
def test_utf32_bom_is_detected(tmp_path, cli, bom, codec):
    """FF FE 00 00 used to be taken for a UTF-16 LE BOM: the article was linted as
    garbage and reported clean (and 00 00 FE FF as a binary file)."""
    src = decode_bytes(bom + ARTICLE.encode(codec), "a.txt")
    assert (src.text, src.encoding, src.bom) == (ARTICLE, codec, bom)
    f = tmp_path / "u32.txt"
    f.write_bytes(bom + ARTICLE.encode(codec))
    r = cli("lint", "--languagetool", "off", "--no-cache", "--format", "json", "--select", "MT601", str(f))
    assert [x["text"] for x in json.loads(r.stdout)["files"][0]["findings"]] == ["Morozkinoi"]
    r = cli(*FIX, str(f))
    assert r.returncode == 1, r.stderr
    assert f.read_bytes() == bom + FIXED.encode(codec)


@pytest.mark.parametrize("tail,reason", [(b"x", "truncated data"),                # odd length
                                         (b"\x00\xd8a\x00", "surrogate")])       # lone surrogate
def test_damaged_utf16_is_reported_as_utf16(tail, reason):
    """Used to say 'not valid UTF-8 ... pass --encoding cp1251' with a wrong position."""
    data = codecs.BOM_UTF16_LE + "ab\ncd\n".encode("utf-16-le") + tail
    with pytest.raises(InputError) as exc:
        decode_bytes(data, "a.txt")
    msg = str(exc.value)
    assert "not valid UTF-16 LE" in msg and "not valid UTF-8" not in msg and "cp1251" not in msg
    assert "line 3, byte 14" in msg and reason in msg   # 2 BOM bytes + 6 characters of 2 bytes


@pytest.mark.parametrize("codec", ["rot13", "base64", "hex"])
def test_non_text_codecs_are_an_input_error(tmp_path, cli, codec):
    """codecs.lookup accepts them; decoding with them raised LookupError: a traceback, exit 1."""
    with pytest.raises(InputError, match="not a text encoding"):
        decode_bytes(b"abc", "a.txt", codec)
    f = tmp_path / "a.txt"
    f.write_text(ARTICLE)
    runs = [cli("lint", "--languagetool", "off", "--encoding", codec, str(f)),
            cli("fix", "--languagetool", "off", "--encoding", codec, str(f)),
            cli("fix", "--languagetool", "off", "--encoding", codec, "-", stdin=ARTICLE.encode()),
            cli("lint", "--languagetool", "off", "--encoding", codec, "-", stdin=ARTICLE.encode())]
    for r in runs:
        out = (r.stdout + r.stderr).decode()
        assert r.returncode == 2 and "Traceback" not in out, out
        assert f"encoding {codec!r} is not a text encoding" in out
