"""A question in a language the main embedding model does not read: answered by the companion model when that one
reads it, else declined in the question's language with the setting that fixes it.

Why: the default model, all-MiniLM-L6-v2, is English-only (its model card says `language: en`). A question in
Russian, Arabic or Chinese is embedded as noise, and the answer quoted a wrong paragraph with confidence (translated
test questions: hit@1 0.12-0.16, unanswerable questions declined 0.05; eval/MULTILINGUAL.md). The default companion,
multilingual-e5-small, already has its own complete index of the same paragraphs beside the main one
(ingest/companion.py), so a question in another language is answered from that index with the whole cross-language
path (app/multilingual.py), exactly as `PARACITE_EMBEDDING_MODEL=intfloat/multilingual-e5-small` would answer it.
English questions are untouched. A model whose card says nothing is trusted with every language, as before.
"""
from __future__ import annotations

from dataclasses import replace
from typing import Any, Iterator

from app.language import ENGLISH_NAMES, LANGUAGES
from app.types import Answer, AnswerStatus
from ingest.model_card import reads

# Said in the question's language; {model} is the model that cannot read it, {fix} the setting that helps.
UNREAD = {
    "en": "This index's embedding model ({model}) does not support questions in {name}, so no search was made in the "
          "report. Ask in a language it supports, or set a multilingual model: {fix}",
    "fr": "Le modèle d'embedding de cet index ({model}) ne prend pas en charge le français : aucune recherche n'a donc "
          "été faite dans le rapport. Posez la question en anglais, ou choisissez un modèle multilingue : {fix}",
    "es": "El modelo de embeddings de este índice ({model}) no admite el español, así que no se hizo ninguna búsqueda "
          "en el informe. Haga la pregunta en inglés o elija un modelo multilingüe: {fix}",
    "ru": "Модель эмбеддингов этого индекса ({model}) не поддерживает русский язык, поэтому поиск по докладу не "
          "выполнялся. Задайте вопрос на английском языке или выберите многоязычную модель: {fix}",
    # the model id and the setting are left-to-right runs inside right-to-left text: isolated (U+2068 ... U+2069)
    "ar": "نموذج التضمين في هذا الفهرس (\u2068{model}\u2069) لا يدعم اللغة العربية، لذلك لم يُجرَ أي بحث في التقرير. "
          "اطرح السؤال بالإنكليزية، أو اختر نموذجًا متعدد اللغات: \u2068{fix}\u2069",
    "zh": "本索引的嵌入模型（{model}）不支持中文，因此没有在报告中检索。请用英文提问，或选择多语言模型：{fix}",
}


# Under an answer the companion read, in the question's language: who read it, and why not the main model.
READ_BY = {
    "en": "Answered by the companion model, {reader}: the main model, {main}, does not support {name}.",
    "fr": "Question traitée par le modèle compagnon {reader} : le modèle principal, {main}, ne prend pas en charge le "
          "français.",
    "es": "Pregunta procesada por el modelo complementario {reader}: el modelo principal, {main}, no admite el "
          "español.",
    "ru": "Вопрос обработан вспомогательной моделью {reader}: основная модель {main} не поддерживает русский язык.",
    "ar": "عالج السؤالَ النموذجُ المرافق (\u2068{reader}\u2069): النموذج الرئيسي (\u2068{main}\u2069) لا يدعم اللغة "
          "العربية.",
    "zh": "由辅助模型 {reader} 处理：主模型 {main} 不支持中文。",
}


def read_by_note(code: str, reader_model: str, main_model: str) -> str:
    """The note under an answer the companion's reader gave, in the question's language."""
    return READ_BY.get(code, READ_BY["en"]).format(reader=reader_model, main=main_model,
                                                   name=ENGLISH_NAMES.get(code, code))


def _card_reads(embedder: Any, code: str) -> bool | None:
    """What the embedder's model card says of language `code` (None: it does not say; test doubles have no card)."""
    return reads(getattr(embedder, "languages", None), code)


def misses_a_language(embedder: Any) -> bool:
    """The embedder's model card leaves out one of the six languages: a companion may have to read questions."""
    return any(unreads_language(embedder, code) for code in LANGUAGES)


def unreads_language(embedder: Any, code: str) -> bool:
    """The embedder's model card leaves language `code` out (a card that says nothing leaves nothing out)."""
    return _card_reads(embedder, code) is False


def reads_language(embedder: Any, code: str) -> bool:
    """The embedder's model card names this language (or says multilingual)."""
    return bool(_card_reads(embedder, code))


def unread_answer(question: str, code: str, model_id: str, fix: str) -> Answer:
    """The decline for a question no loaded model reads: no search, no citations, no see-also (a search in a language
    the model does not read would only name unrelated paragraphs)."""
    text = UNREAD.get(code, UNREAD["en"]).format(model=model_id, name=ENGLISH_NAMES.get(code, code), fix=fix)
    return Answer(question=question, text=text, status=AnswerStatus.NOT_SEARCHED, backend="none",
                  standalone_question=question, language=code,
                  notes=[f"not searched: the model card of {model_id} does not name {ENGLISH_NAMES.get(code, code)}"])


def companion_reader(settings: Any, view: Any, index_dir: Any, *, progress: bool = False,
                     answerers: Any = None) -> Any:
    """An Assistant that answers from the companion's index with the companion's model as its main one (None when
    there is no companion view), sharing `answerers` (app/assistant.py Answerers: one loaded LLM for both). The
    first call for a multilingual model embeds the report's sentences and words (~1 min for the 2018 report) and
    keeps them in the companion's folder; `paracite ingest` does it ahead."""
    from app.assistant import Assistant
    from app.multilingual import prepare
    from app.retrieval.searcher import Searcher
    from ingest.companion import companion_dir

    stored = getattr(view, "stored", None)
    if stored is None:
        return None
    where = companion_dir(index_dir, view.model_id)
    own = replace(settings, embedding_model=view.model_id, companion_model="none", index_dir=where)
    embedder, extra = prepare(stored, view.embedder, where, progress=progress, translate_words=own.translate_words)
    # store None: the companion's own flat FAISS file (exact), so nothing is written to a configured Milvus for it
    searcher = Searcher(stored, embedder, mode=own.retrieval_mode, fusion=own.fusion, **extra)
    return Assistant(own, stored, embedder, searcher, answerers)


def noted(pieces: Iterator[str | Answer], note: str) -> Iterator[str | Answer]:
    """The stream with `note` added to its final Answer."""
    for piece in pieces:
        yield replace(piece, notes=[*piece.notes, note]) if isinstance(piece, Answer) else piece
