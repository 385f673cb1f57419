"""The gazetteer's name words are kept on disk for file-backed gazetteers: the stored
set equals the computed one and follows edits of the file."""

from __future__ import annotations

import os

from mtcheck import gazetteer as gz


def test_name_words_from_disk_follow_the_file(tmp_path, monkeypatch):
    monkeypatch.setenv("XDG_CACHE_HOME", str(tmp_path / "cache"))
    monkeypatch.delenv("MTCHECK_NO_RULE_CACHE", raising=False)
    monkeypatch.setattr(gz, "_MEMO", None)
    f = tmp_path / "names.yml"
    f.write_text("kind: gazetteer\npeople:\n  - name: Ivan Petrov\n    aliases: [Vanya Petrov-Vodkin]\n",
                 encoding="utf-8")
    g = gz.Gazetteer.from_ruleset(None, (str(f),))
    assert g.name_words == g._name_words() == {"Ivan", "Petrov", "Vanya", "Vodkin"}
    gz._MEMO.flush()
    monkeypatch.setattr(gz, "_MEMO", None)           # a new process: read from disk
    again = gz.Gazetteer.from_ruleset(None, (str(f),))
    assert again.name_words == {"Ivan", "Petrov", "Vanya", "Vodkin"}
    f.write_text("kind: gazetteer\npeople:\n  - name: Olga Smirnova\n", encoding="utf-8")
    os.utime(f, ns=(1, 1))                            # even with an old time: the size changed
    edited = gz.Gazetteer.from_ruleset(None, (str(f),))
    assert edited.name_words == {"Olga", "Smirnova"}


def test_in_memory_gazetteer_is_computed(monkeypatch):
    monkeypatch.setattr(gz, "_MEMO", None)
    g = gz.Gazetteer([gz.Entry("Anna Karenina", "people")])
    assert g.name_words == {"Anna", "Karenina"} and gz._MEMO is None


def test_an_edited_file_replaces_its_entry(tmp_path, monkeypatch):
    monkeypatch.setenv("XDG_CACHE_HOME", str(tmp_path / "cache"))
    monkeypatch.delenv("MTCHECK_NO_RULE_CACHE", raising=False)
    f = tmp_path / "names.yml"
    for i in range(5):
        monkeypatch.setattr(gz, "_MEMO", None)
        f.write_text(f"kind: gazetteer\npeople:\n  - name: Ivan Petrov{i}\n", encoding="utf-8")
        os.utime(f, ns=(i + 1, i + 1))
        assert gz.Gazetteer.from_ruleset(None, (str(f),)).name_words == {"Ivan", f"Petrov{i}"}
        gz._MEMO.flush()
    monkeypatch.setattr(gz, "_MEMO", None)
    gz.Gazetteer.from_ruleset(None, (str(f),)).name_words
    assert len(gz._MEMO._load()) == 1
