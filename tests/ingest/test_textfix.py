"""Split-word repair judged against the document's own vocabulary."""
import pytest

from ingest.textfix import Vocabulary, clean_line, join_lines, repair_words, should_join, suspicious_splits

DOC = ("Trafficking in persons and trafficking in firearms. The investigators met. The Office organized a "
       "meeting on contact points in many jurisdictions. The anti-corruption and multi-stakeholder work is "
       "ongoing. We went on going to the shop in to the night. Work went into the night. They are going home.")


@pytest.fixture
def vocab():
    return Vocabulary.from_texts([DOC])


@pytest.mark.parametrize("broken,fixed", [
    ("Address Tra fficking in Persons", "Address Trafficking in Persons"),
    ("prosecutors and investiga tors to", "prosecutors and investigators to"),
    ("traffi cking in persons", "trafficking in persons"),
    ("UNODC orga nized several", "UNODC organized several"),
    ("WACAP contac t points", "WACAP contact points"),
    ("a number of jur isdictions", "a number of jurisdictions"),
    ("various anti -corruption issues", "various anti-corruption issues"),
    ("interactive multi -stakeholder hearing", "interactive multi-stakeholder hearing"),
    ("new whistle -blower policy", "new whistle-blower policy"),
    ("of age -appropriate materials", "of age-appropriate materials"),
    ("the Office ’s work", "the Office’s work"),
    ("India, Israel , Italy", "India, Israel, Italy"),
    ("against Corruption .", "against Corruption."),
    ("international cooperation , which", "international cooperation, which"),
])
def test_repairs(vocab, broken, fixed):
    assert repair_words(broken, vocab) == fixed


@pytest.mark.parametrize("text", [
    "on going",  # both pieces are words used on their own in the document
    "in to the night",
    "Sao Tome and Principe",
    "pre- and post-ratification",  # a suspended hyphen
    "10–15 September",
    "“legal library”",
    "Côte d’Ivoire",
    "10\u00a0000 pages",
    "a\u00a0b",
])
def test_real_text_is_kept(vocab, text):
    assert repair_words(text, vocab) == text


def test_join_is_refused_without_document_support():
    vocab = Vocabulary.from_texts(["nothing relevant here"])
    assert not should_join("Tra", "fficking", vocab)
    assert repair_words("Tra fficking", vocab) == "Tra fficking"


def test_join_lines_keeps_compound_hyphens_and_nbsp():
    assert join_lines(["a five-day simultaneous cross-", "border police operation"]) == \
        "a five-day simultaneous cross-border police operation"
    assert join_lines(["the Global Programme against Money-", "Laundering jointly"]) == \
        "the Global Programme against Money-Laundering jointly"
    assert join_lines(["  held  in ", "", " Vienna\u00a0 "]) == "held in Vienna\u00a0"
    assert clean_line(" a \t b  ") == "a b"


def test_suspicious_splits_finds_what_repair_fixes(vocab):
    broken = "Address Tra fficking and investiga tors"
    assert suspicious_splits([broken, DOC]) == [("Tra", "fficking"), ("investiga", "tors")]
    assert suspicious_splits([repair_words(broken, vocab), DOC]) == []
