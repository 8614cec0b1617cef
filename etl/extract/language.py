"""Small pieces of Russian grammar the record extractors share: tense, number, case, negation.

Every answer comes from pymorphy2's parses of the word in front of us (cached per word form), not
from lists of word endings.
"""

from __future__ import annotations

import re
from functools import lru_cache

from etl.nlp import NLP

# A capitalised adjective that names a facility after a place ("Нурекская", "Экибастузской").
PLACE_ADJECTIVE = re.compile(
    r"^[А-ЯЁӘҒҚҢӨҰҮҺІ][а-яёәғқңөұүһі]+(?:-[А-ЯЁа-яё][а-яёәғқңөұүһі]+)*"
    r"(?:ск|цк|нск|ин|ов|ев)(?:ая|ий|ой|ое|ого|ому|ую|ом|ые|их|ым|ыми|ей|ая)$")
ADJECTIVE_ENDING = re.compile(r"(?:ая|яя|ий|ый|ой|ое|ее|ого|его|ому|ему|ую|юю|ом|ем|ые|ие|ых|их|ым|им|ыми|ими|ей)$")


def person_name(words: list[str], nlp: NLP) -> bool:
    """A first name and a surname ("Бахтиёр Абдуллаев"), not a place's or a plant's name."""
    def may_be(word: str, grammeme: str) -> bool:
        return any(grammeme in p.tag for p in nlp.morph.parse(word))

    return len(words) == 2 and all(w[:1].isupper() for w in words) and may_be(words[0], "Name") \
        and may_be(words[1], "Surn")


class Grammar:
    """Questions about one word form, answered from its most likely parse."""

    def __init__(self, nlp: NLP) -> None:
        self.nlp = nlp

    @lru_cache(maxsize=200_000)
    def tag(self, word: str):
        parses = self.nlp.morph.parse(word)
        return parses[0].tag if parses else None

    @lru_cache(maxsize=200_000)
    def lemmas(self, word: str) -> frozenset[str]:
        """Every dictionary form the word may have ("начала": начало or начать)."""
        return frozenset(p.normal_form.replace("ё", "е") for p in self.nlp.morph.parse(word))

    @lru_cache(maxsize=200_000)
    def verb_lemma(self, word: str) -> str | None:
        """The verb a word is a form of, where one of its parses is a verb ("начала" → начать)."""
        for p in self.nlp.morph.parse(word):
            if p.tag.POS in ("VERB", "INFN", "PRTS", "PRTF", "GRND"):
                return p.normal_form.replace("ё", "е")
        return None

    def pos(self, word: str) -> str | None:
        tag = self.tag(word)
        return tag.POS if tag is not None else None

    def tense(self, word: str) -> str | None:
        tag = self.tag(word)
        return tag.tense if tag is not None else None

    def is_plural_noun(self, word: str) -> bool:
        tag = self.tag(word)
        return tag is not None and tag.POS == "NOUN" and "plur" in tag and "Pltm" not in tag

    @lru_cache(maxsize=100_000)
    def cases(self, word: str) -> frozenset[str]:
        return frozenset(p.tag.case for p in self.nlp.morph.parse(word) if p.tag.case)

    @lru_cache(maxsize=50_000)
    def gender(self, word: str) -> str | None:
        for p in self.nlp.morph.parse(word):
            if p.tag.POS == "NOUN" and p.tag.gender:
                return p.tag.gender
        return None

    def is_known(self, word: str) -> bool:
        parses = self.nlp.morph.parse(word)
        return bool(parses) and parses[0].is_known

    def is_future_or_plan(self, words: list[str], i: int) -> bool:
        """The verb at `i` speaks of what is to come: a future form, an infinitive, or a "будет" before it."""
        word = words[i]
        tag = self.tag(word)
        if tag is None:
            return False
        if tag.tense == "futr" or tag.POS == "INFN":
            return True
        before = [w.lower() for w in words[max(0, i - 3):i]]
        return any(w in ("будет", "будут", "станет", "должна", "должен", "должно", "должны", "может", "могут")
                   for w in before)

    def nominative_adjective(self, word: str, gender: str | None, plural: bool = False) -> str:
        """"Нурекской" → "Нурекская" (with a feminine head); an unknown adjective by its ending."""
        for p in self.nlp.morph.parse(word.lower()):
            if p.is_known and p.tag.POS in ("ADJF", "PRTF"):
                grams = {"nomn", "plur"} if plural else {"nomn", gender or "masc"}
                inflected = p.inflect(grams)
                if inflected:
                    return inflected.word if word[:1].islower() else inflected.word.capitalize()
                break
        stem = ADJECTIVE_ENDING.sub("", word)
        if stem == word:
            return word
        if plural:
            return stem + ("ие" if stem[-1:] in "кгхжшчщ" else "ые")
        if gender == "femn":
            return stem + "ая"
        if gender == "neut":
            return stem + "ое"
        return stem + ("ий" if stem[-1:] in "кгхжшчщ" else "ый")


def adjective_stem(word: str) -> str:
    return ADJECTIVE_ENDING.sub("", word.lower().replace("ё", "е"))


def negated(lemmas: list[str], i: int, reach: int = 3) -> bool:
    """A "не"/"ни" just before the word; "нельзя не", "не может не" affirm it, and "не только …, но и"
    adds to it."""
    for j in range(max(0, i - reach), i):
        if lemmas[j] in ("не", "ни") and lemmas[j + 1] not in ("только", "лишь"):
            affirmed = j > 0 and lemmas[j - 1] in ("нельзя", "невозможно") or \
                j > 1 and lemmas[j - 1] in ("мочь", "смочь") and lemmas[j - 2] == "не"
            if not affirmed:
                return True
    return False
