"""The Russian NLP stage on natasha: sentences, tokens with lemmas, named entities.

`load_nlp()` builds the models once per process (they take a second and ~100 MB); every stage
receives the `NLP` object instead of loading its own.
"""

from __future__ import annotations

from dataclasses import dataclass
from functools import lru_cache

import yargy.morph  # noqa: F401  (importing it patches pymorphy2 for Python 3.11: inspect.getargspec is gone)
from natasha import Doc, MorphVocab, NewsEmbedding, NewsMorphTagger, NewsNERTagger, Segmenter
from pymorphy2 import MorphAnalyzer
from razdel import sentenize, tokenize


@dataclass(frozen=True)
class Token:
    start: int
    end: int
    text: str
    lower: str  # lower case, ё as е: the key gazetteer forms are stored under


@dataclass(frozen=True)
class Sentence:
    start: int
    end: int
    text: str


@dataclass(frozen=True)
class NamedEntity:
    start: int
    end: int
    type: str  # PER, LOC, ORG
    text: str
    normal: str


def fold(text: str) -> str:
    return text.lower().replace("ё", "е")


class NLP:
    def __init__(self) -> None:
        self.segmenter = Segmenter()
        self.morph_vocab = MorphVocab()
        embedding = NewsEmbedding()
        self.ner_tagger = NewsNERTagger(embedding)
        # Normalising a span ("Париже" → "Париж") needs the morphology of its tokens.
        self.morph_tagger = NewsMorphTagger(embedding)
        # natasha's MorphVocab answers in UD tags; case inflection needs pymorphy2's own parses.
        self.morph = MorphAnalyzer()

    @staticmethod
    def sentences(text: str) -> list[Sentence]:
        """Sentences never cross a line break: a headline without a full stop is a sentence of its own."""
        found = []
        offset = 0
        for line in text.split("\n"):
            found += [Sentence(offset + s.start, offset + s.stop, s.text) for s in sentenize(line) if s.text.strip()]
            offset += len(line) + 1
        return found

    @staticmethod
    def tokens(text: str) -> list[Token]:
        return [Token(t.start, t.stop, t.text, fold(t.text)) for t in tokenize(text)]

    def entities(self, text: str) -> list[NamedEntity]:
        doc = Doc(text)
        doc.segment(self.segmenter)
        doc.tag_ner(self.ner_tagger)
        if doc.spans:
            doc.tag_morph(self.morph_tagger)
        found = []
        for span in doc.spans:
            try:
                span.normalize(self.morph_vocab)
                normal = span.normal or span.text
            except Exception:  # normalisation needs morphology tags that NER alone may not give
                normal = span.text
            found.append(NamedEntity(span.start, span.stop, span.type, span.text, normal))
        return found

    @lru_cache(maxsize=200_000)
    def lemma(self, word: str) -> str:
        parses = self.morph.parse(word)
        return fold(parses[0].normal_form) if parses else fold(word)

    def inflections(self, word: str) -> set[str]:
        """Every singular case form of a noun or adjective given in the nominative (plus the word)."""
        forms = {fold(word)}
        for parse in self.morph.parse(word):
            tag = parse.tag
            if "nomn" in tag and tag.POS in {"NOUN", "ADJF"}:
                for form in parse.lexeme:
                    ftag = str(form.tag)
                    # Names of places are singular; adjectives keep their plurals (китайских товаров).
                    if "plur" in ftag and tag.POS == "NOUN" and "Pltm" not in str(tag):
                        continue
                    if "COMP" in ftag or "Supr" in ftag or "ADJS" in ftag:
                        continue
                    forms.add(fold(form.word))
        return forms

    def phrase_inflections(self, words: list[str]) -> set[tuple[str, ...]]:
        """A multi-word name in every case, its words agreeing (Белый дом → Белого дома …)."""
        variants = {tuple(fold(w) for w in words)}
        parses = []
        for word in words:
            nominative = [p for p in self.morph.parse(word) if "nomn" in p.tag and p.tag.POS in {"NOUN", "ADJF", "PRTF"}]
            parses.append(nominative[0] if nominative else None)
        for case in ("gent", "datv", "accs", "ablt", "loct"):
            variant = []
            for word, parse in zip(words, parses):
                inflected = parse.inflect({case}) if parse is not None else None
                variant.append(fold(inflected.word) if inflected else fold(word))
            variants.add(tuple(variant))
        return variants


@lru_cache(maxsize=1)
def load_nlp() -> NLP:
    return NLP()
