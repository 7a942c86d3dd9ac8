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
    "en": {"not_searched": "Not searched: the index's model does not read this language",
           "abstain": "Not in the report", "partial": "Partial answer: the report answers a neighbouring question",
           "see": "Closest paragraphs, see:"},
    "fr": {"not_searched": "Recherche impossible : le modèle de l'index ne prend pas en charge cette langue",
           "abstain": "Absent du rapport",
           "partial": "Réponse partielle : le rapport répond à une question voisine",
           "see": "Paragraphes les plus proches, voir :"},
    "es": {"not_searched": 'Sin búsqueda: el modelo del índice no admite este idioma',
           "abstain": "No figura en el informe",
           "partial": "Respuesta parcial: el informe responde a una pregunta cercana",
           "see": "Párrafos más cercanos, véase:"},
    "ru": {"not_searched": 'Поиск не выполнен: модель индекса не поддерживает этот язык',
           "abstain": "В докладе этого нет",
           "partial": "Частичный ответ: доклад отвечает на близкий вопрос",
           "see": "Ближайшие пункты, см.:"},
    "ar": {"not_searched": 'لم يُجرَ بحث: نموذج الفهرس لا يدعم هذه اللغة',
           "abstain": "غير وارد في التقرير",
           "partial": "إجابة جزئية: يجيب التقرير عن سؤال قريب",
           "see": "أقرب الفقرات، انظر:"},
    "zh": {"not_searched": '未检索：索引的模型不支持这种语言',
           "abstain": "报告中没有",
           "partial": "部分回答：报告回答的是一个相近的问题",
           "see": "最接近的段落，见："},
}


# The words around an answer (who answered it, what its evidence panel holds), in the language of its question too.
ANSWER_WORDS: dict[str, dict[str, str]] = {
    # English "extractive", "llm" and "unverified" are app/answer/base.py reader_label and render.py's own wording
    "en": {"read_as": "Read as: {question}",
           "see": "See", "cited": "Cited paragraphs ({n})", "related": "Also relevant ({n})",
           "abstain_box": "The report does not answer this question. The closest paragraphs are below: see them to "
                          "check.",
           "partial_box": "The cited paragraph gives the neighbouring fact, not the one asked.",
           "no_cites": "The answer cites no paragraph.", "none_close": "No paragraph came close.",
           "not_searched_box": "No paragraph was searched: a model that does not read the question would only find "
                               "noise. The answer says which setting helps."},
    "fr": {"read_as": "Question comprise ainsi : {question}",
           "extractive": "Réponse du lecteur extractif (les phrases mêmes du rapport)",
           "llm": "Réponse du modèle de langue ({llm}), vérifiée par rapport aux paragraphes cités",
           "unverified": "⚠ Phrases non vérifiées par rapport aux paragraphes cités : {n}. Contrôlez-les dans le "
                         "panneau des sources.",
           "routed": "{llm}, choisi par {router}",
           "see": "Voir", "cited": "Paragraphes cités ({n})", "related": "Également pertinents ({n})",
           "abstain_box": "Le rapport ne répond pas à cette question. Les paragraphes les plus proches figurent "
                          "ci-dessous : consultez-les pour vérifier.",
           "partial_box": "Le paragraphe cité donne le fait voisin, pas celui demandé.",
           "no_cites": "La réponse ne cite aucun paragraphe.", "none_close": "Aucun paragraphe n'est proche.",
           "not_searched_box": "Aucun paragraphe n'a été cherché : un modèle qui ne comprend pas la question ne "
                               "trouverait que du bruit. La réponse indique le réglage à changer."},
    "es": {"read_as": "Pregunta interpretada como: {question}",
           "extractive": "Respuesta del lector extractivo (las propias oraciones del informe)",
           "llm": "Respuesta del modelo de lenguaje ({llm}), verificada con los párrafos citados",
           "unverified": "⚠ Oraciones no verificadas con los párrafos citados: {n}. Compruébelas en el panel de "
                         "fuentes.",
           "routed": "{llm}, elegido por {router}",
           "see": "Véase", "cited": "Párrafos citados ({n})", "related": "También pertinentes ({n})",
           "abstain_box": "El informe no responde a esta pregunta. Los párrafos más cercanos figuran a "
                          "continuación: consúltelos para comprobarlo.",
           "partial_box": "El párrafo citado da el hecho cercano, no el que se pregunta.",
           "no_cites": "La respuesta no cita ningún párrafo.", "none_close": "No hay ningún párrafo cercano.",
           "not_searched_box": "No se buscó ningún párrafo: un modelo que no entiende la pregunta solo encontraría "
                               "ruido. La respuesta indica qué ajuste cambiar."},
    "ru": {"read_as": "Вопрос понят так: {question}",
           "extractive": "Ответ дан модулем извлечения (собственные предложения доклада)",
           "routed": "{llm}, выбран режимом {router}",
           "llm": "Ответ дан языковой моделью ({llm}) и проверен по цитируемым пунктам",
           "unverified": "⚠ Предложений, не подтвержденных цитируемыми пунктами: {n}. Проверьте их на панели "
                         "источников.",
           "see": "См.", "cited": "Цитируемые пункты ({n})", "related": "Также относятся к вопросу ({n})",
           "abstain_box": "В докладе нет ответа на этот вопрос. Ближайшие пункты приведены ниже: проверьте их.",
           "partial_box": "Цитируемый пункт содержит близкий факт, а не тот, о котором спрашивается.",
           "no_cites": "Ответ не ссылается ни на один пункт.", "none_close": "Близких пунктов не найдено.",
           "not_searched_box": "Поиск по пунктам не выполнялся: модель, не понимающая вопроса, нашла бы лишь "
                               "случайные пункты. В ответе указано, какую настройку изменить."},
    "ar": {"read_as": "فُهم السؤال على أنه: \u2068{question}\u2069",
           "extractive": "أجاب القارئ الاستخلاصي (جمل التقرير نفسها)",
           "llm": "أجاب النموذج اللغوي ({llm})، وتم التحقق من الإجابة مقابل الفقرات المستشهد بها",
           "unverified": "⚠ عدد الجمل التي تعذر التحقق منها مقابل الفقرات المستشهد بها: {n}. راجعها في لوحة "
                         "المصادر.",
           "see": "انظر", "cited": "الفقرات المستشهد بها ({n})", "related": "فقرات أخرى ذات صلة ({n})",
           "abstain_box": "لا يجيب التقرير عن هذا السؤال. أقرب الفقرات مبينة أدناه: راجعها للتحقق.",
           "partial_box": "تذكر الفقرة المستشهد بها الحقيقة القريبة، لا الحقيقة المطلوبة.",
           "routed": "{llm}، اختاره {router}",
           "no_cites": "لا تستشهد الإجابة بأي فقرة.", "none_close": "لا توجد فقرة قريبة.",
           "not_searched_box": "لم يُجرَ بحث في أي فقرة: النموذج الذي لا يفهم السؤال لن يجد إلا فقرات عشوائية. تذكر "
                               "الإجابة الإعداد الذي ينبغي تغييره."},
    "zh": {"read_as": "问题理解为：{question}",
           "extractive": "由抽取式阅读器回答（报告原句）",
           "llm": "由语言模型（{llm}）回答，已对照所引段落核实",
           "unverified": "⚠ 有 {n} 个句子无法对照所引段落核实：请在来源面板中查看。",
           "routed": "{llm}，由 {router} 选择",
           "see": "参见", "cited": "所引段落（{n}）", "related": "其他相关段落（{n}）",
           "abstain_box": "报告没有回答这个问题。最接近的段落如下：请查看核实。",
           "partial_box": "所引段落给出的是相近的事实，而不是所问的事实。",
           "no_cites": "回答未引用任何段落。", "none_close": "没有相近的段落。",
           "not_searched_box": "没有检索任何段落：不理解问题的模型只会找到无关的段落。回答中说明了应更改的设置。"},
}


def answer_words(lang: str | None, key: str, **values: object) -> str:
    """A word around an answer in the language of its question; a language without words of its own gets the
    English panel words (the English reader caption and unverified note are render.py's own wording)."""
    words = ANSWER_WORDS.get(lang or DEFAULT, ANSWER_WORDS[DEFAULT])
    return (words.get(key) or ANSWER_WORDS[DEFAULT][key]).format(**values)


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
