"""The shared words for incident kinds: what a duty officer types resolves to the catalogue's codes."""

import pytest

from commanddesk import vocabulary
from commanddesk.catalogues import catalogue
from commanddesk.vocabulary import VocabularyError, parse


@pytest.mark.parametrize("word, code", [
    ("山体滑坡", "natural.geohazard"),
    ("泥石流", "natural.geohazard"),
    ("地质灾害", "natural.geohazard"),
    ("台风", "natural.typhoon"),
    ("山火", "natural.forest_fire"),
    ("危险化学品爆炸", "accident.hazmat"),
    ("大面积停电", "accident.power_outage"),
    ("大面积停电事件", "accident.power_outage"),
    (" 山 体 滑 坡 ", "natural.geohazard"),
    ("accident.explosion", "accident.explosion"),
    ("explosion", "accident.explosion"),
])
def test_words_resolve_to_types(word, code):
    assert vocabulary.resolve_type(word) == code


def test_short_code_within_a_category():
    assert vocabulary.resolve_type("other", "natural") == "natural.other"
    assert vocabulary.resolve_type("other") is None  # several categories have an "other"


@pytest.mark.parametrize("word", ["", "   ", "火星撞地球", "事故"])
def test_unknown_or_empty_words_resolve_to_nothing(word):
    assert vocabulary.resolve_type(word) is None


@pytest.mark.parametrize("word, code", [("自然灾害", "natural"), ("事故", "accident"), ("公共卫生", "health"),
                                        ("social", "social"), ("天气", None)])
def test_categories(word, code):
    assert vocabulary.resolve_category(word) == code


def test_search_terms_find_the_types_they_are_about():
    assert vocabulary.types_about("滑坡") == {"natural.geohazard"}
    assert vocabulary.types_about("某村发生山体滑坡") == {"natural.geohazard"}
    assert vocabulary.types_about("堵漏") == set()


def test_every_type_has_its_label_first():
    words = vocabulary.vocabulary()
    for code, label in catalogue("incident_type").items():
        assert words.words(code)[0] == label.replace(" ", "")


def test_a_word_may_belong_to_one_type_only():
    with pytest.raises(VocabularyError, match="同时属于类型"):
        parse({"types": {"natural.flood": {"words": ["滑坡"]}, "natural.geohazard": {"words": ["滑坡"]}}})


@pytest.mark.parametrize("data, words", [
    ({"types": {"natural.volcano": {"words": ["火山"]}}}, "不是已知的事件类型"),
    ({"types": {"natural.flood": {"words": "洪水"}}}, "应为非空文字列表"),
    ({"types": {"natural.flood": {"words": ["  "]}}}, "应为非空文字列表"),
    ({"categories": {"weather": ["天气"]}}, "不是已知的事件类别"),
])
def test_bad_vocabulary_files_are_refused_with_the_entry_named(data, words):
    with pytest.raises(VocabularyError, match=words):
        parse(data)


def test_an_unreadable_file_is_refused(tmp_path):
    bad = tmp_path / "vocabulary.toml"
    bad.write_text("[types\n", encoding="utf-8")
    with pytest.raises(VocabularyError, match="无法读取"):
        vocabulary.load(bad)
