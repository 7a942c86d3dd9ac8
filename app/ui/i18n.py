"""The interface's words in English, French and Spanish, and the answer titles in all six UN languages.

The interface language is the browser's (its Accept-Language header) until the reader picks another in the
selector. An answer's own titles ("Not in the report", "Partial answer") follow the language of the question it
answers (Answer.language), whatever the interface language.
"""
from __future__ import annotations

UI_LANGUAGES = ("en", "fr", "es")
UI_NAMES = {"en": "English", "fr": "Français", "es": "Español"}
DEFAULT = "en"

STRINGS: dict[str, dict[str, str]] = {
    "en": {
        "language": "Interface language",
        "conversation": "Conversation",
        "chat_placeholder": "Ask a question about the report. Answers cite numbered paragraphs: click a ¶ chip to see "
                            "the paragraph.",
        "question_placeholder": "Ask about the report, or a follow-up…",
        "ask": "Ask",
        "examples": "Example questions",
        "section": "Section",
        "answerer": "Answerer",
        "k": "Paragraphs to retrieve",
        "clear": "Clear chat",
        "download": "Download briefing note (.md)",
        "copy": "Copy briefing note",
        "note_box": "Briefing note (Markdown)",
        "note": "Briefing note",
    },
    "fr": {
        "language": "Langue de l'interface",
        "conversation": "Conversation",
        "chat_placeholder": "Posez une question sur le rapport. Les réponses citent des paragraphes numérotés : "
                            "cliquez sur une pastille ¶ pour voir le paragraphe.",
        "question_placeholder": "Posez une question sur le rapport, ou une question de suivi…",
        "ask": "Demander",
        "examples": "Exemples de questions",
        "section": "Section",
        "answerer": "Mode de réponse",
        "k": "Paragraphes à rechercher",
        "clear": "Effacer la conversation",
        "download": "Télécharger la note d'information (.md)",
        "copy": "Copier la note d'information",
        "note_box": "Note d'information (Markdown)",
        "note": "Note d'information",
    },
    "es": {
        "language": "Idioma de la interfaz",
        "conversation": "Conversación",
        "chat_placeholder": "Haga una pregunta sobre el informe. Las respuestas citan párrafos numerados: haga clic "
                            "en una etiqueta ¶ para ver el párrafo.",
        "question_placeholder": "Pregunte sobre el informe, o haga una pregunta de seguimiento…",
        "ask": "Preguntar",
        "examples": "Preguntas de ejemplo",
        "section": "Sección",
        "answerer": "Modo de respuesta",
        "k": "Párrafos que recuperar",
        "clear": "Borrar la conversación",
        "download": "Descargar la nota informativa (.md)",
        "copy": "Copiar la nota informativa",
        "note_box": "Nota informativa (Markdown)",
        "note": "Nota informativa",
    },
}

EXAMPLES: dict[str, tuple[str, ...]] = {
    "en": (
        "How many States were parties to the Organized Crime Convention?",
        "What did UNODC do to counter cybercrime?",
        "What does paragraph 68 say?",
        "How did UNODC support the fight against corruption?",
    ),
    "fr": (
        "Combien d'États sont parties à la Convention contre la criminalité organisée ?",
        "Qu'a fait l'ONUDC pour lutter contre la cybercriminalité ?",
        "Que dit le paragraphe 68 ?",
        "Comment l'ONUDC a-t-il soutenu la lutte contre la corruption ?",
    ),
    "es": (
        "¿Cuántos Estados son parte de la Convención contra la Delincuencia Organizada?",
        "¿Qué hizo la UNODC para combatir el delito cibernético?",
        "¿Qué dice el párrafo 68?",
        "¿Cómo apoyó la UNODC la lucha contra la corrupción?",
    ),
}

# Titles inside an answer, in the language of its question.
ANSWER_TITLES: dict[str, dict[str, str]] = {
    "en": {"abstain": "Not in the report", "partial": "Partial answer: the report answers a neighbouring question",
           "see": "Closest paragraphs, see:"},
    "fr": {"abstain": "Absent du rapport",
           "partial": "Réponse partielle : le rapport répond à une question voisine",
           "see": "Paragraphes les plus proches, voir :"},
    "es": {"abstain": "No figura en el informe",
           "partial": "Respuesta parcial: el informe responde a una pregunta cercana",
           "see": "Párrafos más cercanos, véase:"},
    "ru": {"abstain": "В докладе этого нет",
           "partial": "Частичный ответ: доклад отвечает на близкий вопрос",
           "see": "Ближайшие пункты, см.:"},
    "ar": {"abstain": "غير وارد في التقرير",
           "partial": "إجابة جزئية: يجيب التقرير عن سؤال قريب",
           "see": "أقرب الفقرات، انظر:"},
    "zh": {"abstain": "报告中没有",
           "partial": "部分回答：报告回答的是一个相近的问题",
           "see": "最接近的段落，见："},
}


def pick(accept_language: str | None) -> str:
    """The first interface language the browser asks for ("fr-FR,fr;q=0.9,en;q=0.8" -> "fr"); English otherwise."""
    ranked = []
    for i, part in enumerate((accept_language or "").split(",")):
        tag, _, params = part.strip().partition(";")
        q = 1.0
        if params.strip().startswith("q="):
            try:
                q = float(params.strip()[2:])
            except ValueError:
                q = 0.0
        ranked.append((-q, i, tag.strip().lower().split("-")[0]))
    for _, _, code in sorted(ranked):
        if code in UI_LANGUAGES:
            return code
    return DEFAULT


def text(lang: str, key: str) -> str:
    return STRINGS.get(lang, STRINGS[DEFAULT]).get(key) or STRINGS[DEFAULT][key]


def answer_title(lang: str | None, key: str) -> str:
    return ANSWER_TITLES.get(lang or DEFAULT, ANSWER_TITLES[DEFAULT])[key]
