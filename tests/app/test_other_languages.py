"""A question in a language the main model does not read: the companion reads it, or a decline that says which
setting helps (app/other_languages.py)."""
import sys
from pathlib import Path

import pytest

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))
from doubles import HashEmbedder, write_synthetic_corpus  # noqa: E402

from app import Assistant  # noqa: E402
from app.types import AnswerStatus  # noqa: E402

FRENCH = "Combien d'États avaient adhéré à la Convention sur les rivières propres ?"
ENGLISH = "How many States had joined the Convention on Clean Rivers?"


def _english_only(model_id="test/english-only"):
    e = HashEmbedder(model_id=model_id)
    e.languages = frozenset({"en"})
    return e


def _load(tmp_path, embedder, **kw):
    corpus = tmp_path / "corpus"
    write_synthetic_corpus(corpus)
    return Assistant.load(index_dir=tmp_path / "index", corpus_dir=corpus, embedder=embedder, **kw)


def test_a_language_the_model_does_not_read_is_declined_with_the_fix(tmp_path):
    a = _load(tmp_path, _english_only())
    searched = []
    search = a.searcher.search
    a.searcher.search = lambda *args, **kw: searched.append(args) or search(*args, **kw)
    ans = a.ask(FRENCH)
    assert ans.status is AnswerStatus.NOT_SEARCHED and ans.abstained
    assert not ans.citations and not ans.hits and not searched
    assert ans.language == "fr" and "ne prend pas en charge le français" in ans.text
    assert "test/english-only" in ans.text and "PARACITE_COMPANION_MODEL=intfloat/multilingual-e5-small" in ans.text
    assert any("French" in n for n in ans.notes) and ans.to_json()["status"] == "not_searched"
    pieces = list(a.stream(FRENCH))
    assert pieces[0] == ans.text and pieces[-1].status is AnswerStatus.NOT_SEARCHED
    english = a.ask(ENGLISH)
    assert english.citations and searched  # English is read as before


def test_a_model_whose_card_says_nothing_reads_every_question(tmp_path):
    a = _load(tmp_path, HashEmbedder())  # no `languages`: trusted, as before
    ans = a.ask(FRENCH)
    assert ans.status is not AnswerStatus.NOT_SEARCHED and ans.hits


def test_the_companion_reads_what_the_main_model_cannot(tmp_path):
    other = HashEmbedder(model_id="test/multilingual", dim=48)
    other.languages = frozenset({"multilingual"})
    a = _load(tmp_path, _english_only(), companion_model="test/multilingual", companion_embedder=other)
    ans = a.ask(FRENCH)
    assert ans.hits and ans.status is not AnswerStatus.NOT_SEARCHED
    # the note says who read it, in the question's language
    assert "Question traitée par le modèle compagnon test/multilingual : le modèle principal, test/english-only, " \
           "ne prend pas en charge le français." in ans.notes
    reader = a.other_language_reader()
    assert reader.embedder.model_id == "test/multilingual" and reader.other_language_reader() is None
    asked = []
    search = reader.searcher.search
    reader.searcher.search = lambda *args, **kw: asked.append(args) or search(*args, **kw)
    hits = a.search(FRENCH)
    assert asked and hits and hits[0].score == pytest.approx(search(FRENCH, k=5)[0].score)
    assert not any("companion" in n for n in a.ask(ENGLISH).notes)
    info = a.info()  # `paracite info` says which model reads what
    assert info["embedding_languages"] == ["en"] and info["companion_languages"] == ["multilingual"]


def test_the_companions_reader_shares_the_llm_backends(tmp_path):
    """An LLM backend holds a loaded model: the reader of other languages uses the main assistant's, not a copy."""
    from app.answer import base

    made = []

    class Echo:
        name = "echo-llm"

        def generate(self, question, context):
            yield f"{context.paragraphs[0].text.split('. ')[0]}. [{context.paragraphs[0].label}]"

    base.register(base.Backend(name="echo-llm", make=lambda **_: made.append(1) or Echo(),
                               options=lambda settings, embedder: {}, configured=lambda settings: True,
                               description="a test double"))
    try:
        other = HashEmbedder(model_id="test/multilingual", dim=48)
        other.languages = frozenset({"multilingual"})
        a = _load(tmp_path, _english_only(), companion_model="test/multilingual", companion_embedder=other)
        a.ask(ENGLISH, backend="echo-llm")
        a.ask(FRENCH, backend="echo-llm")
        assert len(made) == 1
        assert a.other_language_reader().chain("echo-llm").answerer is a.chain("echo-llm").answerer
    finally:
        base.unregister("echo-llm")


def test_an_english_only_companion_does_not_help(tmp_path):
    a = _load(tmp_path, _english_only(), companion_model="test/also-english",
              companion_embedder=_english_only("test/also-english"))
    assert a.ask(FRENCH).status is AnswerStatus.NOT_SEARCHED


def test_a_bad_report_filter_is_refused_before_the_language_is_looked_at(tmp_path):
    from app.errors import OptionError

    a = _load(tmp_path, _english_only())
    with pytest.raises(OptionError):
        a.ask(FRENCH, doc_id="no-such-report")


def test_a_companion_that_cannot_be_used_is_named_in_the_decline(tmp_path, monkeypatch, caplog):
    import app.other_languages as other_languages

    other = HashEmbedder(model_id="test/multilingual", dim=48)
    other.languages = frozenset({"multilingual"})
    a = _load(tmp_path, _english_only(), companion_model="test/multilingual", companion_embedder=other)

    def broken(*args, **kwargs):
        raise OSError("disk full")

    monkeypatch.setattr(other_languages, "companion_reader", broken)
    ans = a.ask(FRENCH)
    assert ans.status is AnswerStatus.NOT_SEARCHED
    assert "test/multilingual" in ans.text and "paracite ingest" in ans.text
    assert "disk full" in caplog.text
    assert a.ask(FRENCH).status is AnswerStatus.NOT_SEARCHED  # tried once, not on every question


def test_the_ui_and_the_cli_say_not_searched(tmp_path):
    from app.cli import STATUS_LINES
    from app.ui.export import briefing_note
    from app.ui.render import answer_html, evidence_html

    ans = _load(tmp_path, _english_only()).ask(FRENCH)
    assert "Recherche impossible" in answer_html(ans) and "Absent du rapport" not in answer_html(ans)
    assert "ne trouverait que du bruit" in evidence_html(ans)
    assert "Not searched" in briefing_note(ans) and "Not in the report" not in briefing_note(ans)
    assert STATUS_LINES[ans.status].startswith("NOT SEARCHED")


# ---- the real report, the real models ----------------------------------------------------------------------------
def test_the_default_assistant_answers_french_from_the_companion(assistant):
    """The product's default (all-MiniLM-L6-v2, English-only by its card, and the multilingual-e5-small companion):
    the issue's French question is answered from ¶7, with the French lead-in and the English quote."""
    ans = assistant.ask("Combien d'États sont parties à la Convention ?")
    assert ans.status is AnswerStatus.ANSWERED and ans.language == "fr"
    assert ans.text.startswith("Le rapport (en anglais) indique") and "189" in ans.text
    assert [c.paragraph for c in ans.citations][:1] == [7]
    assert any("multilingual-e5-small" in n for n in ans.notes)


def test_the_english_only_model_alone_declines_in_the_questions_language(tmp_path, real_corpus_dir, embedder):
    a = Assistant.load(index_dir=tmp_path / "index", corpus_dir=real_corpus_dir, embedder=embedder,
                       companion_model="none")
    ans = a.ask("¿Cuántos Estados son parte de la Convención contra la Delincuencia Organizada?")
    assert ans.status is AnswerStatus.NOT_SEARCHED and ans.language == "es" and "no admite el español" in ans.text
    assert "all-MiniLM-L6-v2" in ans.text and not ans.hits
    assert [c.paragraph for c in a.ask("How many States were parties to the Convention?").citations][:1] == [7]


def test_a_short_follow_up_is_read_in_the_conversations_language(tmp_path):
    """"Et en 2016 ?" alone reads as English (too short to tell); after a French question it is French, so the
    companion reads it and the answer is introduced in French."""
    other = HashEmbedder(model_id="test/multilingual", dim=48)
    other.languages = frozenset({"multilingual"})
    a = _load(tmp_path, _english_only(), companion_model="test/multilingual", companion_embedder=other)
    first = a.ask(FRENCH)
    follow = a.ask("Et en 2016 ?", history=[(FRENCH, first.text)])
    assert any(n.startswith("Question traitée par le modèle compagnon test/multilingual") for n in follow.notes)
    assert follow.language == "fr" and follow.hits
    assert "2016" in follow.standalone_question and "Convention" in follow.standalone_question
    alone = a.ask("Et en 2016 ?")
    assert alone.language == "en" and not any("companion" in n for n in alone.notes)


def test_a_follow_up_no_loaded_model_reads_is_declined_in_the_conversations_language(tmp_path):
    a = _load(tmp_path, _english_only())
    ans = a.ask("Et en 2016 ?", history=[(FRENCH, "")])
    assert ans.status is AnswerStatus.NOT_SEARCHED and ans.language == "fr"


@pytest.mark.parametrize("code, language", [("en", "English"), ("fr", "français"), ("es", "español"),
                                            ("ru", "русский"), ("ar", "العربية"), ("zh", "中文")])
def test_the_companions_note_is_worded_in_each_language(code, language):
    from app.other_languages import read_by_note

    note = read_by_note(code, "m/reader", "m/main")
    assert "m/reader" in note and "m/main" in note and language in note and "{" not in note
    if code == "ar":  # the model ids are left-to-right runs inside right-to-left text
        assert "\u2068m/reader\u2069" in note and "\u2068m/main\u2069" in note
