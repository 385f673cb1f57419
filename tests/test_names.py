"""Name variants (MT601/MT602): the seeds, pairs that must never merge, romanization,
case endings, the gazetteer as canonical source, and real WMT23 MT output.

Names from the seed articles appear here only as test text, as the project rules allow.
"""

from __future__ import annotations

import json

import pytest

from mtcheck.api import Linter
from mtcheck.config import Config
from mtcheck.names.keys import NameRules

from conftest import DATA, SEEDS

LINTER = Linter(Config(select=("MT6",), languagetool="off"), {"languagetool": "off"})
RULES = NameRules.builtin()


def lint(text: str):
    return LINTER.lint_text(text)


def flagged(text: str, rule: str = "MT601") -> list[tuple[str, str, str | None]]:
    return [(text[f.start:f.end], f.replacements[0], f.fix) for f in lint(text) if f.rule == rule]


# -- the seeds ---------------------------------------------------------------------------
def test_seed_003_variants_flagged_with_canonical_form():
    text = (SEEDS / "003_89b6859ef618faba.txt").read_text(encoding="utf-8")
    findings = lint(text)
    got = sorted((text[f.start:f.end], f.replacements[0]) for f in findings)
    assert got == [("Butinai", "Butina"), ("Butinai", "Butina"), ("Butino", "Butina"), ("Butynol", "Butina")]
    assert all(f.rule == "MT601" and f.category == "name-variant" for f in findings)
    assert "Butina written 4 ways: Butina ×2, Butinai ×2, Butino, Butynol" in findings[0].message
    fixes = {text[f.start:f.end]: f.fix for f in findings}
    assert fixes["Butinai"] == "safe" and fixes["Butino"] == "safe"
    assert fixes["Butynol"] == "unsafe"  # an approximate ending: a person decides


def test_seed_000_has_no_name_variant():
    text = (SEEDS / "000_38480385f09d1fd0.txt").read_text(encoding="utf-8")
    assert lint(text) == []


# -- never merged ------------------------------------------------------------------------
@pytest.mark.parametrize("text", [
    "Anatoly Viktorov met Viktor Bout. Viktorov said Viktor was well.",
    "Vladimir Putin commented on Maria Butina. Putin said Butina was innocent.",
    "Viktor Bout and Maria Butina were both held. Bout and Butina are Russians.",
    "Donald Trump admired Harry Truman. Trump quoted Truman twice.",
    "Russia and the Russian delegation met. Russians said Russia would reply.",
    "Maria Ivanova met Marie Curie's biographer. Maria said Marie was a hero.",
    "Victor Hugo met Viktoriya Petrova. Victor wrote to Viktoriya.",
    "Ollie Richards praised Angelina Jolie. Richards said Jolie was brilliant.",
])
def test_different_names_are_not_merged(text):
    assert lint(text) == []


def test_given_names_compared_only_for_the_same_surname():
    # two men, each in the gazetteer with his own house spelling
    assert flagged("Sergei Shoigu met Sergey Lavrov. Shoigu and Lavrov spoke.") == []


# -- romanization and case endings -------------------------------------------------------
@pytest.mark.parametrize("a,b", [
    ("Yaroshenko", "Jaroshenko"), ("Dzyuba", "Dziuba"), ("Zelenskyy", "Zelenskiy"),
    ("Yevgeny", "Evgeny"), ("Fyodorov", "Fedorov"), ("Khodorkovsky", "Hodorkovsky"),
    ("Aleksei", "Alexei"), ("Gennady", "Gennadiy"), ("Andreyev", "Andreev"), ("Lawrow", "Lavrov"),
])
def test_romanization_variants_share_a_key(a, b):
    assert RULES.key(a) == RULES.key(b)


@pytest.mark.parametrize("a,b", [("Putin", "Butin"), ("Viktor", "Viktorov"), ("Jolie", "Ollie"),
                                 ("Trump", "Truman")])
def test_different_names_have_different_keys(a, b):
    assert RULES.key(a) != RULES.key(b)


def test_romanization_variant_in_one_story():
    text = "Pavel Yarovenko was sentenced in 2011. Yarovenko appealed, and Jarovenko's lawyer spoke."
    assert flagged(text) == [("Jarovenko", "Yarovenko", "safe")]


def test_fuzzy_variant_is_unsafe():
    text = "Sailors left Kronstadt on Monday. Kronstadt is a naval base. The Kronshtadt port was closed."
    assert flagged(text) == [("Kronshtadt", "Kronstadt", "unsafe")]


def test_case_endings_on_a_known_stem():
    text = ("Irina Morozkina was detained on Monday. Lawyers for Morozkinoi said the charges were false. "
            "Police questioned Morozkinu. Morozkina denies everything.")
    assert flagged(text) == [("Morozkinoi", "Morozkina", "safe"), ("Morozkinu", "Morozkina", "safe")]


def test_one_single_letter_ending_against_one_nominative_is_only_a_guess():
    # seen once each, and Romanian names do end in -u: which one is right is a coin toss
    text = "The cast includes Mihai Dobreanu. Critics praised Dobrean for the role."
    got = flagged(text)
    assert len(got) == 1 and got[0][2] == "unsafe"


def test_case_ending_needs_the_stem_in_the_story():
    # "Morozkinoi" alone: nothing says it is a case form of anything
    assert lint("Lawyers for Morozkinoi said the charges were false.") == []


def test_feminine_surname_is_info_only():
    text = "Oleg Sorokin signed the contract. The words of Sorokina were confirmed by the ministry."
    findings = lint(text)
    assert [(f.rule, text[f.start:f.end], f.severity.value, f.fix) for f in findings] == [
        ("MT602", "Sorokina", "info", None)]


def test_ukrainian_style_feminine_surname_is_info_only():
    # (The feminine was "Oksana Dobrovska" here: with a given name of her own next to
    # "Pavel Dobrovsky" she is now taken as another person and not reported.)
    text = "Pavel Dobrovsky produced the film. Dobrovska played the lead."
    assert [(f.rule, text[f.start:f.end], f.fix) for f in lint(text)] == [("MT602", "Dobrovska", None)]


@pytest.mark.parametrize("text", [
    "Pavel Dobrovsky produced the film. Oksana Dobrovska played the lead.",
    "Oleg Sorokin signed the contract. Anna Sorokina, his lawyer, confirmed it.",
    "Jurors: Oleg Sorokin, Anna Sorokina, Ivan Petrov.",
    # a patronymic after the given name does not make the names alike
    "Ivan Petrovich Sorokin spoke. Anna Ivanovna Sorokina listened.",
])
def test_masculine_feminine_pair_with_different_given_names_is_two_people(text):
    assert lint(text) == []


@pytest.mark.parametrize("text", [
    # a feminine-looking form with no given name: a man's genitive, or his wife
    "Oleg Sorokin signed the contract. The words of Sorokina were confirmed by the ministry.",
    # an initial that fits the given name: maybe one person, her name left in a case MT dropped
    "Natalia Sorokina ran the plant. Her work inspired N. Sorokin.",
    # "Aleksandra Sorokina" may be the genitive of "Aleksandr Sorokin" ("the words of ...")
    "Aleksandr Sorokin signed the contract. The words of Aleksandra Sorokina were confirmed.",
    # given names that begin alike: MT garbles one name (Алеся as "Alesiya" and "Alena")
    "Alesiya Sorokina told reporters so. The words of Alena Sorokin were confirmed.",
])
def test_masculine_feminine_pair_with_compatible_given_names_stays_info(text):
    assert [(f.rule, f.severity.value) for f in lint(text)] == [("MT602", "info")]


def test_masculine_case_forms_next_to_a_feminine_are_variants():
    text = ("Igor Sorokin won the race. The trophy was given to Sorokinu. Rivals praised Sorokina. "
            "Fans cheered Sorokinym.")
    got = [(f.rule, text[f.start:f.end], f.replacements[0], f.fix, f.severity.value) for f in lint(text)]
    assert got == [
        ("MT601", "Sorokinu", "Sorokin", "unsafe", "warning"),   # -u: also a feminine accusative
        ("MT602", "Sorokina", "Sorokin", None, "info"),
        ("MT601", "Sorokinym", "Sorokin", "safe", "warning"),    # -ym: only a man's instrumental
    ]


def test_masculine_case_form_targets_the_masculine_when_the_feminine_is_canonical():
    text = ("Natalia Sorokina ran the plant. Sorokina retired in May. Her deputy Sorokin "
            "thanked her, and the staff thanked Sorokinym.")
    got = [(f.rule, text[f.start:f.end], f.replacements[0]) for f in lint(text)]
    assert ("MT601", "Sorokinym", "Sorokin") in got and ("MT602", "Sorokin", "Sorokina") in got


def test_romanization_of_the_canonical_in_a_masculine_feminine_cluster_is_a_variant():
    text = "Natalia Alekseeva ran the plant. Alekseeva retired. Alekseyeva was thanked by N. Alekseev."
    got = [(f.rule, text[f.start:f.end], f.replacements[0], f.fix) for f in lint(text)]
    assert ("MT601", "Alekseyeva", "Alekseeva", "safe") in got
    assert ("MT602", "Alekseev", "Alekseeva", None) in got


# -- gazetteer --------------------------------------------------------------------------
def test_gazetteer_decides_the_canonical_form():
    # Sergei is the more frequent spelling here, but the gazetteer's name is Sergey Lavrov
    text = ("Sergei Lavrov arrived. Sergei Lavrov spoke to reporters. Later Sergey Lavrov left.")
    assert flagged(text) == [("Sergei", "Sergey", "safe"), ("Sergei", "Sergey", "safe")]


def test_consistent_alias_is_house_style_not_a_variant():
    assert lint("Michael Pompeo arrived. Pompeo met Michael Pompeo's staff.") == []


def test_learned_gazetteer_file_is_used(tmp_path):
    text = "Pavel Jarovenko spoke. Pavel Jarovenko left. Pavel Yarovenko returned."
    assert flagged(text) == [("Yarovenko", "Jarovenko", "safe")]
    learned = tmp_path / "learned.yml"
    learned.write_text("kind: gazetteer\npeople:\n  - {name: Pavel Yarovenko, aliases: [Pavel Jarovenko]}\n",
                       encoding="utf-8")
    linter = Linter(Config(select=("MT6",), languagetool="off", entities=(str(learned),)))
    findings = linter.lint_text(text)
    assert [(text[f.start:f.end], f.replacements[0], f.fix) for f in findings] == [
        ("Jarovenko", "Yarovenko", "safe"), ("Jarovenko", "Yarovenko", "safe")]


# -- mentions ---------------------------------------------------------------------------
def test_possessive_and_headline_and_protected_spans():
    text = ("Lawyers For Morozkinoi Appeal Against The Ruling\n"
            "Irina Morozkina was detained. Morozkinoi's lawyer spoke. "
            "See https://example.com/Morozkinu and #Morozkinu for more.")
    got = [(text[f.start:f.end], f.start) for f in lint(text) if f.rule == "MT601"]
    assert [g[0] for g in got] == ["Morozkinoi", "Morozkinoi"]   # headline and possessive, not the URL/hashtag
    assert text[got[1][1]:got[1][1] + 12] == "Morozkinoi's"


# -- real MT output (tests/data/names_wmt23.json, cut from WMT23 ru-en) --------------------
EXCERPTS = {(e["doc"], e["system"]): "\n".join(e["sentences"])
            for e in json.loads((DATA / "names_wmt23.json").read_text(encoding="utf-8"))["excerpts"]}


@pytest.mark.parametrize("doc,system,variant,canonical", [
    ("em1-6", "ONLINE-A", "Iovovich", "Jovovich"),          # Milla Jovovich
    ("em1-1", "ONLINE-W", "Liebesmanu", "Liebesman"),       # dative case left in
    ("ogirk.ru.8556", "Lan-BridgeMT", "Alexei", "Alexey"),  # Alexei/Alexey Shilo
])
def test_real_mt_variants(doc, system, variant, canonical):
    got = flagged(EXCERPTS[(doc, system)])
    assert got and all(v == variant and c == canonical for v, c, _fix in got)


def test_real_mt_romanization_pair_is_one_cluster():
    # Makhachev / Mahachev (ONLINE-M): one fighter; which spelling wins is a frequency call
    text = EXCERPTS[("rt-russian.115542", "ONLINE-M")]
    findings = lint(text)
    assert findings and {f.data["canonical"] for f in findings} <= {"Makhachev", "Mahachev"}
    spellings = {c["spelling"] for c in findings[0].data["cluster"]}
    assert spellings == {"Makhachev", "Mahachev"}


def test_real_mt_feminine_pair_with_two_given_names_is_not_reported():
    # "Sergey Mezenov, Larisa Mezenova": two people in a list of film critics.  (This test
    # asserted an MT602 info here before; different given names now say "two people".)
    text = EXCERPTS[("em2-0", "ONLINE-A")]
    assert lint(text) == []


@pytest.mark.parametrize("doc", ["rt-russian.115542", "em1-6"])
def test_human_references_have_no_variants(doc):
    assert lint(EXCERPTS[(doc, "reference")]) == []


@pytest.mark.parametrize("text,flagged", [
    ("Talks in Kiev ended. Officials in Kyiv said more talks are planned.", [("Kiev", "Kyiv")]),
    ("Fighting near Kharkov went on. Kharkiv officials said Kharkiv was calm.", [("Kharkov", "Kharkiv")]),
    # one spelling throughout is a house style, not a variant
    ("Talks in Kiev ended. Officials in Kiev said more talks are planned.", []),
    # a word of a multi-word alias is no variant of a one-word alias of the same entry
    ("Rosgvardia said so. The Russian National Guard said so too.", []),
])
def test_gazetteer_aliases_of_one_entry_are_one_name(text, flagged):
    """Two spellings the gazetteer lists for one one-word entry are one name written two
    ways, although their keys are too far apart for romanization or fuzzy matching; the
    gazetteer's canonical spelling wins."""
    from mtcheck.api import Linter
    from mtcheck.document import Document

    linter = Linter()
    for first in (True, False):   # the first story of a process skips the pre-check
        doc = Document.from_text(("The weather was mild.\n" if not first else "") + text)
        findings = [f for f in linter.lint_document(doc, linter.rules_for(linter.config)) if f.rule == "MT601"]
        assert [(doc.text[f.start:f.end], f.replacements[0]) for f in findings] == flagged


@pytest.mark.parametrize("text", [
    "Governor Pavel Ivanov opened a factory in Ivanovo on Monday.\nIvanov said Ivanovo needed jobs, and Ivanov promised more.\n",
    "Oleg Borodin spoke about the battle of Borodino. Borodin said Borodino mattered to him.\n",
    "Mayor Sergei Pushkin visited Pushkino. Pushkin said Pushkino would get a new school.\n",
])
def test_a_place_named_after_a_surname_is_no_case_form_of_it(text):
    """-ovo/-evo/-ino after the stem is a place name's nominative, never a case ending of
    the masculine surname: the safe fix renamed the city ("a factory in Ivanov")."""
    assert [f for f in lint(text) if f.rule in ("MT601", "MT602")] == []


def test_a_garbled_feminine_in_o_is_still_her_name():
    """The -o reading stays open to a feminine surname: MT's "Butino"-like leftovers of -oi."""
    text = ("Investigators questioned Maria Sorokina on Monday.\n"
            "Lawyers for Sorokino said the arrest of Sorokina was unlawful.\n")
    found = [(f.rule, text[f.start:f.end]) for f in lint(text) if f.rule == "MT601"]
    assert ("MT601", "Sorokino") in found
