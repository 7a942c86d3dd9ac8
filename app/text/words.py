"""The word lists of the text layer, in one place: every module that needs function words, question words or
pronouns builds its patterns from these, so the lists cannot drift apart."""
from __future__ import annotations

import re

# English function words: no topic of their own (what BM25 drops too)
FUNCTION_WORDS = frozenset("""
a about above after again against all also am an and any are as at be been before being below between both but by can
could did do does doing done during each either few for from further had has have having he her here hers him his how
i if in into is it its itself just may me might more most my no nor not now of off on once only or other our out over
own per same she should so some such than that the their theirs them then there these they this those through to too
under until up very was we were what when where which while who whom whose why will with would you your yours
""".split())
# Words that frame a request for information ("Tell me ...", "List ...", "according to the report") rather than
# name what it is about
REQUEST_WORDS = frozenset("many much give tell list name say said show describe explain mention mentioned according "
                          "report reports".split())
WH_WORDS = ("how", "what", "which", "when", "where", "who", "whom", "whose", "why")
AUXILIARIES = ("is", "are", "was", "were", "do", "does", "did", "has", "have", "had", "can", "could", "will", "would",
               "should")
# words whose referent is in an earlier sentence or turn ("It ...", "their ...", "Such steps ...")
PRONOUNS = ("it", "its", "they", "them", "their", "this", "that", "these", "those", "there", "he", "she", "his", "her")
DETERMINERS_BACK = ("such", "both", "each")
# the prepositions a question part may open with ("..., and from how many countries?"), and that open a modifier
# after a noun ("the working groups on prevention")
PREPOSITIONS = ("from", "in", "at", "to", "with", "for", "by", "on", "of", "under", "since", "during")
MODIFIER_PREPOSITIONS = PREPOSITIONS + ("against", "about", "through", "behind", "between")
# comparatives that compare two things' sizes ("more", "bigger"): a comparison question, or a figure after "than"
COMPARATIVES = ("more", "fewer", "less", "bigger", "larger", "higher", "greater", "smaller", "lower", "longer", "shorter")
# verbs too light to say what was done ("What did UNODC do ...?"), and the words after which a word is a noun ("with
# the request", "take place"): how a question's verb is told from its subject without a tagger
LIGHT_VERBS = frozenset("do done doing be been get got make made take".split())
BEFORE_NOUNS = frozenset("a an the its their his her this that these those our your any some each every no in on at with "
                         "of for to from by into about take took".split())

# past forms that past_forms cannot spell (irregular verbs a report uses for things done)
IRREGULAR_PAST = {"hold": "held", "meet": "met", "send": "sent", "take": "took taken", "begin": "began begun",
                  "lead": "led", "build": "built", "bring": "brought", "give": "gave given", "pay": "paid",
                  "spend": "spent", "make": "made", "become": "became", "win": "won", "set": "set",
                  "put": "put", "find": "found", "tell": "told", "sell": "sold", "keep": "kept", "run": "ran",
                  "write": "wrote written", "choose": "chose chosen", "undertake": "undertook undertaken",
                  "seek": "sought", "teach": "taught", "draw": "drew drawn", "grow": "grew grown",
                  "come": "came come", "go": "went gone", "do": "did done", "get": "got gotten", "see": "saw seen",
                  "know": "knew known", "show": "showed shown", "speak": "spoke spoken", "break": "broke broken",
                  "rise": "rose risen", "fall": "fell fallen", "lose": "lost", "buy": "bought", "think": "thought"}

# nouns a question asks for without a plural ending that still ask for any number of things ("What training did ...
# deliver?"): plain English mass nouns, not any report's vocabulary
MASS_NOUNS = frozenset("training work help support assistance follow-up progress action research advice guidance "
                       "cooperation funding equipment information material outreach".split())


def spelled_plural(word: str) -> bool:
    """Ends in -s as a plural does: "groups", not "process", "focus" or "analysis"."""
    return word.endswith("s") and not word.endswith(("ss", "us", "is"))


def starts_with(words, flags: int = re.I) -> re.Pattern:
    """`^(w1|w2|...)\\b`: a sentence or question that opens with one of these words."""
    return re.compile(r"^(" + "|".join(words) + r")\b", flags)


def any_of(words, flags: int = re.I) -> re.Pattern:
    """`\\b(w1|w2|...)\\b`: one of these words anywhere."""
    return re.compile(r"\b(" + "|".join(words) + r")\b", flags)
