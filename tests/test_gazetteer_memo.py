"""The gazetteer's name words are kept on disk for file-backed gazetteers: the stored
set equals the computed one, follows edits of the file, and each set of source files
(each checkout or installation) has a memo file of its own."""

from __future__ import annotations

import os

from mtcheck import gazetteer as gz


def test_name_words_from_disk_follow_the_file(tmp_path, monkeypatch):
    monkeypatch.setenv("XDG_CACHE_HOME", str(tmp_path / "cache"))
    monkeypatch.delenv("MTCHECK_NO_RULE_CACHE", raising=False)
    monkeypatch.setattr(gz, "_MEMOS", {})
    f = tmp_path / "names.yml"
    f.write_text("kind: gazetteer\npeople:\n  - name: Ivan Petrov\n    aliases: [Vanya Petrov-Vodkin]\n",
                 encoding="utf-8")
    g = gz.Gazetteer.from_ruleset(None, (str(f),))
    assert g.name_words == g._name_words() == {"Ivan", "Petrov", "Vanya", "Vodkin"}
    _flush()
    monkeypatch.setattr(gz, "_MEMOS", {})           # a new process: read from disk
    again = gz.Gazetteer.from_ruleset(None, (str(f),))
    assert again.name_words == {"Ivan", "Petrov", "Vanya", "Vodkin"}
    f.write_text("kind: gazetteer\npeople:\n  - name: Olga Smirnova\n", encoding="utf-8")
    os.utime(f, ns=(1, 1))                            # even with an old time: the size changed
    edited = gz.Gazetteer.from_ruleset(None, (str(f),))
    assert edited.name_words == {"Olga", "Smirnova"}


def test_in_memory_gazetteer_is_computed(monkeypatch):
    monkeypatch.setattr(gz, "_MEMOS", {})
    g = gz.Gazetteer([gz.Entry("Anna Karenina", "people")])
    assert g.name_words == {"Anna", "Karenina"} and gz._MEMOS == {}


def test_an_edited_file_replaces_its_entry(tmp_path, monkeypatch):
    monkeypatch.setenv("XDG_CACHE_HOME", str(tmp_path / "cache"))
    monkeypatch.delenv("MTCHECK_NO_RULE_CACHE", raising=False)
    f = tmp_path / "names.yml"
    for i in range(5):
        monkeypatch.setattr(gz, "_MEMOS", {})
        f.write_text(f"kind: gazetteer\npeople:\n  - name: Ivan Petrov{i}\n", encoding="utf-8")
        os.utime(f, ns=(i + 1, i + 1))
        assert gz.Gazetteer.from_ruleset(None, (str(f),)).name_words == {"Ivan", f"Petrov{i}"}
        _flush()
    monkeypatch.setattr(gz, "_MEMOS", {})
    gz.Gazetteer.from_ruleset(None, (str(f),)).name_words
    (memo,) = gz._MEMOS.values()
    assert len(memo._load()) == 1
    assert len(list((tmp_path / "cache" / "mtcheck").glob("gazetteer-*.marshal"))) == 1


def test_each_checkout_reads_only_its_own_memo_file(tmp_path, monkeypatch):
    """Two copies of the same gazetteer at two paths (two checkouts, two virtual
    environments): two memo files, and a run reads the one of its own paths, whose
    size does not grow with the number of other copies."""
    monkeypatch.setenv("XDG_CACHE_HOME", str(tmp_path / "cache"))
    monkeypatch.delenv("MTCHECK_NO_RULE_CACHE", raising=False)
    text = "kind: gazetteer\npeople:\n  - name: Ivan Petrov\n"
    sizes = []
    for i in range(4):
        f = tmp_path / f"checkout{i}" / "names.yml"
        f.parent.mkdir()
        f.write_text(text, encoding="utf-8")
        monkeypatch.setattr(gz, "_MEMOS", {})
        assert gz.Gazetteer.from_ruleset(None, (str(f),)).name_words == {"Ivan", "Petrov"}
        _flush()
        sizes.append(gz._MEMOS[(str(f),)]._path.stat().st_size)
    files = list((tmp_path / "cache" / "mtcheck").glob("gazetteer-*.marshal"))
    assert len(files) == 4
    assert len(set(sizes)) == 1   # each holds one entry, however many checkouts came before


def _flush() -> None:
    for memo in gz._MEMOS.values():
        memo.flush()
