"""What a later part of a question points back to: "How many activities did the cocaine route programme carry out, and
how many countries received its technical help?" asks the second part of the programme, not of its activities. The
subject of the first part, not the whole first part, is what "its" stands for: the first part's own predicate would
pull the second part to the first part's answer."""
from __future__ import annotations

import re

from app.text.words import (
    AUXILIARIES, BEFORE_NOUNS, FUNCTION_WORDS, LIGHT_VERBS, MODIFIER_PREPOSITIONS, PREPOSITIONS, WH_WORDS,
    spelled_plural,
)

# the question phrase, then the auxiliary the subject follows: "How many activities did", "Where was", "What kind of
# support did"
_ASKED = re.compile(r"^(?:(?:" + "|".join(PREPOSITIONS) + r")\s+)?(?:" + "|".join(WH_WORDS) + r")\b(?:\s+[\w’'-]+){0,3}?\s+"
                    r"(?P<aux>" + "|".join(AUXILIARIES) + r")\s+(?P<rest>.+)$", re.I)
_BE = frozenset(("is", "are", "was", "were"))
_TOKEN = re.compile(r"[\w’'-]+|[^\w\s]")
_QUOTES = frozenset("“”\"‘")
# a subject opens with a determiner or a name ("the programme", "UNODC", "Japan's"); not with a pronoun ("its
# partners" points back itself)
_OPENS = frozenset(("the", "a", "an", "this", "that", "these", "those"))
# where a clause of its own begins: the subject ended before it ("did the Council adopt when it took up ...")
_CLAUSE = frozenset("when while after before if since until because as whether".split())
# past participles not spelled -ed: the verb a passive question ends on ("Where was the meeting held?")
_IRREGULAR_PARTICIPLES = frozenset("""held made given taken set built run found won known seen sent spent brought led met
begun written chosen done put paid kept left shown told sold bought caught lost shut split spread struck""".split())
MAX_SUBJECT_WORDS = 14  # longer than this, the "subject" has run into the predicate


def subject_of(question: str) -> str | None:
    """The subject of a question asked with an auxiliary: "What did the cocaine route programme do with ...?" -> "the
    cocaine route programme"; "Where was the third expert meeting on X held?" -> "the third expert meeting on X";
    "What is the Blue Heart Campaign?" -> "the Blue Heart Campaign". None when the question has no such subject
    ("How many States have ratified it?") or it cannot be told from the verb without a tagger."""
    m = _ASKED.match(" ".join(question.split()).rstrip(" ?.!"))
    if not m:
        return None
    rest = m.group("rest")
    spans = list(_TOKEN.finditer(rest))
    tokens = [t.group(0) for t in spans]
    if not tokens or not (tokens[0].lower() in _OPENS or tokens[0][0].isupper()):
        return None
    end = _passive_verb(tokens) if m.group("aux").lower() in _BE else _bare_verb(tokens)
    subject = tokens[:end]
    if not subject or len(subject) > MAX_SUBJECT_WORDS or all(t.lower() in FUNCTION_WORDS or t in _QUOTES
                                                              for t in subject):
        return None
    return rest[:spans[end - 1].end()]  # as written, quotes and apostrophes in place


# after these a word is a verb rather than a noun followed by its modifier ("hold its", "carry out"; "meeting on" may be
# either)
_OBJECT_OPENS = frozenset("the a an its their his her this these those out up off down together online back away forward"
                           .split())


def _bare_verb(tokens: list[str]) -> int:
    """Where the verb after did/does/has/will is, before any clause of its own ("... adopt when it took up ..."): the
    first light verb ("do"); the word after a bare name ("UNODC help"); the first word (not a name, not after an
    article or preposition) that an object or a particle follows or that ends the question ("carry out", "hold its",
    "reach?"); else the last such word a preposition follows ("recommend to ...", not "group on ...")."""
    weak = []
    limit = len(tokens)
    for i, t in enumerate(tokens[1:], 1):
        w = t.lower()
        if t in _QUOTES:
            continue  # a quoted name is part of the subject ("the “Blue Heart” campaign")
        if not t[0].isalnum() or w in _CLAUSE:
            limit = i
            break
        if t[0].isupper() or tokens[i - 1].lower() in BEFORE_NOUNS or (w in FUNCTION_WORDS and w not in LIGHT_VERBS) \
                or _inflected(w):
            continue  # after did/does/will the verb is bare: "groups", "meeting", "funded" are not it
        if w in LIGHT_VERBS or (i == 1 and tokens[0][0].isupper() and "-" not in tokens[0]
                                and not tokens[0].endswith(("’s", "'s"))):
            return i
        following = tokens[i + 1].lower() if i + 1 < len(tokens) else None
        # ... but not the last word of a phrase an article or preposition opens ("decide at its last session?")
        in_phrase = following is None and weak and any(t.lower() in BEFORE_NOUNS for t in tokens[max(0, i - 2):i])
        if (following is None and not in_phrase) or following in _OBJECT_OPENS or \
                (following is not None and not following[0].isalnum() and following not in _QUOTES):
            return i
        if following in FUNCTION_WORDS:
            weak.append(i)
    return weak[-1] if weak else limit


def _inflected(word: str) -> bool:
    """A plural, -ing or -ed form: never the bare verb that follows did/does ("groups on", "meeting on")."""
    return spelled_plural(word) or word.endswith("ing") or (word.endswith("ed") and not word.endswith("eed"))


def _passive_verb(tokens: list[str]) -> int:
    """Where the participle after was/were/is/are is ("held", "launched"): the last one that ends the question or a
    function word follows; the whole rest when there is none ("What is the Blue Heart Campaign?")."""
    for i in range(len(tokens) - 1, 0, -1):
        t, w = tokens[i], tokens[i].lower()
        if t[0].isupper() or tokens[i - 1].lower() in BEFORE_NOUNS or w in FUNCTION_WORDS:
            continue
        following = tokens[i + 1].lower() if i + 1 < len(tokens) else None
        ends = following is None or following in FUNCTION_WORDS or not following[0].isalnum()
        if (w.endswith("ed") or w in _IRREGULAR_PARTICIPLES) and ends:
            return i
        if w.endswith("ing") and following is None:  # "When were the groups meeting?"
            return i
    return next((i for i, t in enumerate(tokens) if t.lower() in _CLAUSE or not t[0].isalnum()), len(tokens))


# lower case, or capitalised opening a part: "IT experts" is no pronoun
_BACK = re.compile(r"\b([Ii]t|[Ii]ts|[Tt]hey|[Tt]hem|[Tt]heir)\b(?!\s+(?:is|was)\s+(?:a|an)\b)")


def with_subject(part: str, first: str) -> str | None:
    """The part with its first pronoun replaced by the first part's subject ("when did it hold its first workshop?" ->
    "when did the cocaine route programme hold its first workshop?"); None when the first part has no subject or the
    part points back with no pronoun that a subject can replace ("there", "this")."""
    subject = subject_of(first)
    m = _BACK.search(part)
    if subject is None or m is None or (m.group(1).lower() in ("it", "its")) == _plural(subject):
        return None  # "where were they held?" after "Which meetings did the network host?": they are the meetings
    pronoun = m.group(1).lower()
    said = subject + ("’" if subject.endswith("s") else "’s") if pronoun in ("its", "their") else subject
    return part[:m.start()] + said + part[m.end():]


def _plural(subject: str) -> bool:
    """Whether a subject's head noun is plural: its last word before any modifier ("the working groups on
    prevention": groups); a name or acronym ("UNODC") is one thing."""
    head = re.split(r"\s+(?:" + "|".join(MODIFIER_PREPOSITIONS) + r")\s+", subject, maxsplit=1)[0]
    last = head.split()[-1].rstrip("’'")
    return last.islower() and spelled_plural(last)
