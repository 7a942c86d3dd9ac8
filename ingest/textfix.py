"""Repairing what PDF text extraction does to words: lines joined, split words rejoined, stray spaces removed.

Every join of two space-separated pieces is checked against a vocabulary built from the document itself (never a
fixed list of this report's words), so that real word pairs are left alone. Only regular spaces and tabs are
touched: non-breaking spaces, curly quotes and dashes are kept exactly as extracted.
"""
from __future__ import annotations

import re
from collections import Counter
from dataclasses import dataclass, field
from itertools import compress, count
from operator import methodcaller
from typing import Iterable

# A word: letters, optionally joined by inner hyphens or apostrophes ("anti-corruption", "Office’s", "d’Ivoire").
WORD_RE = re.compile(r"[^\W\d_]+(?:[-’'][^\W\d_]+)*")
_LETTERS = r"[^\W\d_]"
# split() with this gives [gap, word, gap, word, ..., gap]: WORD_RE's words and the exact text between them, in one
# C-level pass with no match object per word, and the text back by joining the pieces.
# Possessive quantifiers (no backtracking: a word's letters are never given back) and, for ASCII text (most
# paragraphs), ASCII classes, which the regex engine tests faster than Unicode categories; same words either way.
_WORD_SPLIT = re.compile(r"([^\W\d_]++(?:[-’'][^\W\d_]++)*+)")
_ASCII_WORD_SPLIT = re.compile(r"([A-Za-z]++(?:[-'][A-Za-z]++)*+)")


def _split_words(text: str) -> list[str]:
    """[gap, word, gap, word, ..., gap] of `text`: the words WORD_RE finds, and the exact text around them."""
    return (_ASCII_WORD_SPLIT if text.isascii() else _WORD_SPLIT).split(text)
_SPACES = re.compile(r"[ \t]+")
_ENDS_COMPOUND = re.compile(rf"{_LETTERS}-$")
_STARTS_LETTER = re.compile(_LETTERS)
_ENDS_HYPHEN = methodcaller("endswith", "-")
EDGE = " \t\r\n\f\v"  # str.strip() would also eat non-breaking spaces, which must be kept
# "anti -corruption": a space before a hyphen that is glued to the next word never happens in edited prose.
_SPACE_HYPHEN = re.compile(rf"(?<={_LETTERS}) -(?={_LETTERS})")
# "international cooperation , which", "Corruption .", "Israel ,": no space belongs before these marks.
_SPACE_PUNCT = re.compile(r"(?<=[\w”’)\]]) ([,.;:!?])(?=\s|$|[”’)\]])")
_SPACE_MARK = re.compile(r" [,.;:!?]")  # what _SPACE_PUNCT needs, found by a fast literal-first search
# "Office ’s": a possessive split from its word.
_SPACE_POSSESSIVE = re.compile(rf"(?<={_LETTERS}) ([’']s)(?!{_LETTERS})")


def clean_line(line: str) -> str:
    """One extracted line without its edge spaces and with inner runs of spaces/tabs collapsed."""
    line = line.strip(EDGE)
    if "  " in line or "\t" in line:  # the substitution only changes such runs; most lines have none
        return _SPACES.sub(" ", line)
    return line


def join_lines(lines: Iterable[str]) -> str:
    """Lines of one paragraph (or heading) as a single line.

    A line ending in a hyphen right after a letter is a compound broken at the line end ("cross-" + "border"):
    the hyphen is kept and no space is added. UN documents do not hyphenate plain words at line ends, so
    dropping the hyphen is left to `repair_words`, which does so only when the document supports it.
    """
    # The usual paragraph has no line ending in a hyphen: its lines join with single spaces in one C-level join.
    cleaned = [_SPACES.sub(" ", s) if ("  " in s or "\t" in s) else s for s in (raw.strip(EDGE) for raw in lines) if s]
    if not any(map(_ENDS_HYPHEN, cleaned)):
        return " ".join(cleaned)
    # Pieces are collected in a list and joined once, and the hyphen test looks at the previous line only (the
    # joined text ends with it): testing the growing string made a long paragraph quadratic in its length.
    pieces: list[str] = []
    prev = ""
    for line in cleaned:
        # only the last two characters can match, and a search over the whole line would scan all of it
        if pieces and not (_ENDS_COMPOUND.search(prev[-2:]) and _STARTS_LETTER.match(line)):
            pieces.append(" ")
        pieces.append(line)
        prev = line
    return "".join(pieces)


@dataclass
class Vocabulary:
    """Word counts of one document (lower-cased), and counts of adjacent word pairs, to judge repairs."""

    words: Counter = field(default_factory=Counter)
    pairs: Counter = field(default_factory=Counter)
    # should_join's verdicts on (left, right) pairs, for this vocabulary as it stands: split words recur (the same
    # word broken the same way on many lines), and add() clears them
    judged: dict[tuple[str, str], bool] = field(default_factory=dict, repr=False, compare=False)

    @classmethod
    def from_texts(cls, texts: Iterable[str]) -> "Vocabulary":
        vocab = cls()
        for text in texts:
            vocab.add(text)
        return vocab

    def add(self, text: str) -> None:
        # Counter.update, map and compress count in C: a per-word Python loop here was the parser's largest cost.
        self.judged.clear()
        pieces = _split_words(text)
        words = list(map(str.lower, pieces[1::2]))
        self.words.update(words)
        # parts of compounds are words too ("anti-corruption" -> "corruption")
        parts = [part for w in words if "-" in w for part in w.split("-")]
        if parts:
            self.words.update(parts)
        self.pairs.update(compress(zip(words, words[1:]), map(" ".__eq__, pieces[2:-1:2])))

    def knows(self, word: str) -> bool:
        return self.words.get(word.lower(), 0) > 0

    def standalone_elsewhere(self, word: str, left: str, right: str) -> bool:
        """`word` occurs in the document other than inside the pair (left, right) under judgement."""
        return self.words.get(word.lower(), 0) - self.pairs.get((left.lower(), right.lower()), 0) > 0


def should_join(left: str, right: str, vocab: Vocabulary) -> bool:
    """Is "left right" one word split by extraction?

    Yes when the joined form is a word of this document and the two pieces are not both words used on their
    own elsewhere in it ("Tra fficking", "investiga tors", "contac t"); "on going" stays two words when the
    document also uses "on" and "going" on their own.
    """
    if "-" in left or "-" in right or "’" in left or "'" in left:
        return False
    joined = left + right
    if not vocab.knows(joined):
        return False
    left_word = vocab.standalone_elsewhere(left, left, right)
    right_word = vocab.standalone_elsewhere(right, left, right)
    return not (left_word and right_word)


def _join_split_words(text: str, vocab: Vocabulary) -> str:
    pieces = _split_words(text)
    words = pieces[1::2]
    known = vocab.words  # a Counter: every key in it was counted at least once
    # Only a pair whose join is a word of the document can be joined (should_join's first real test); that filter
    # runs over all pairs with C-level map/lower, and the full judgement only on the few pairs left. Lower-casing
    # the pieces apart equals lower-casing their join except for a final sigma, hence the exact form then.
    if "Σ" in text:
        joined = [(a + b).lower() for a, b in zip(words, words[1:])]
    else:
        lows = list(map(str.lower, words))
        joined = list(map(str.__add__, lows, lows[1:]))
    if known.keys().isdisjoint(joined):
        return text
    joins = 0
    last = -2
    judged = vocab.judged
    for i in compress(count(), map(known.__contains__, joined)):
        if pieces[2 * i + 2] != " " or last == i - 1:
            continue  # not one space apart, or the left piece was just joined to the one before
        pair = (words[i], words[i + 1])
        verdict = judged.get(pair)
        if verdict is None:
            verdict = judged[pair] = should_join(*pair, vocab)
        if verdict:
            pieces[2 * i + 2] = ""  # drop the space
            joins += 1
            last = i
    return "".join(pieces) if joins else text


def _join_hyphen_gaps(text: str, vocab: Vocabulary) -> str:
    """"cross- border" -> "cross-border" only when the document spells the compound so elsewhere: a hyphen
    followed by a space is otherwise a real suspended hyphen ("pre- and post-ratification")."""

    def fix(m: re.Match) -> str:
        compound = f"{m.group(1)}-{m.group(2)}"
        return compound if vocab.knows(compound) else m.group(0)

    return re.sub(rf"({_LETTERS}+)- ({_LETTERS}+)", fix, text)


def repair_words(text: str, vocab: Vocabulary) -> str:
    """Split words rejoined and stray spaces before punctuation removed, judged against `vocab`."""
    # Each substitution runs only when the text holds the literal it needs: the patterns open with look-behinds,
    # which the regex engine tries at every character, and most paragraphs need none of these repairs.
    if " -" in text:
        text = _SPACE_HYPHEN.sub("-", text)
    if " ’s" in text or " 's" in text:
        text = _SPACE_POSSESSIVE.sub(r"\1", text)
    if _SPACE_MARK.search(text):
        text = _SPACE_PUNCT.sub(r"\1", text)
    if "- " in text:
        text = _join_hyphen_gaps(text, vocab)
    return _join_split_words(text, vocab)


def suspicious_splits(texts: Iterable[str], vocab: Vocabulary | None = None) -> list[tuple[str, str]]:
    """Adjacent pieces "a b" in `texts` that look like one split word: their join is a word of the document
    while neither piece is used on its own elsewhere. Used to check the parser's output (and by tests)."""
    texts = list(texts)
    vocab = vocab or Vocabulary.from_texts(texts)
    found = []
    for text in texts:
        tokens = list(WORD_RE.finditer(text))
        for a, b in zip(tokens, tokens[1:]):
            if text[a.end():b.start()] != " ":
                continue
            left, right = a.group(), b.group()
            if (vocab.knows(left + right) and not vocab.standalone_elsewhere(left, left, right)
                    and not vocab.standalone_elsewhere(right, left, right)):
                found.append((left, right))
    return found
