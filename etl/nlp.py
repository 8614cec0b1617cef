"""The Russian NLP stage on natasha: sentences, tokens with lemmas, named entities.

`load_nlp()` builds the models once per process (they take a second and ~100 MB); every stage
receives the `NLP` object instead of loading its own.
"""

from __future__ import annotations

import re
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
        self.morph_tagger = NewsMorphTagger(embedding)
        # natasha's MorphVocab answers in UD tags; case inflection needs pymorphy2's own parses.
        self.morph = MorphAnalyzer()

    @staticmethod
    @lru_cache(maxsize=4)
    def sentences(text: str) -> list[Sentence]:
        """Sentences never cross a line break: a headline without a full stop is a sentence of its own."""
        found = []
        offset = 0
        for line in text.split("\n"):
            found += [Sentence(offset + s.start, offset + s.stop, s.text) for s in sentenize(line) if s.text.strip()]
            offset += len(line) + 1
        return found

    @staticmethod
    @lru_cache(maxsize=4)
    def tokens(text: str) -> list[Token]:
        # Cached: the mention and record extractors of one article share one tokenisation.
        return [Token(t.start, t.stop, t.text, fold(t.text)) for t in tokenize(text)]

    def entities(self, text: str) -> list[NamedEntity]:
        doc = Doc(text)
        doc.segment(self.segmenter)
        doc.tag_ner(self.ner_tagger)
        # Morphology for the sentences that hold a name, not for the whole text: it is what the
        # normal form of a name needs ("Касыма-Жомарта Токаева" → "Касым-Жомарт Токаев").
        sents = [sent for sent in doc.sents if sent.spans]
        if sents:
            markups = self.morph_tagger.map([[t.text for t in sent.tokens] for sent in sents])
            for sent, markup in zip(sents, markups):
                for token, tagged in zip(sent.tokens, markup.tokens):
                    token.pos, token.feats = tagged.pos, tagged.feats
        found = []
        for span in doc.spans:
            try:
                span.normalize(self.morph_vocab)
                normal = span.normal or self.normal_form(span.text, span.type)
            except Exception:  # a token the tagger left without features
                normal = self.normal_form(span.text, span.type)
            found.append(NamedEntity(span.start, span.stop, span.type, span.text, normal))
        return found

    def normal_form(self, text: str, kind: str) -> str:
        """A name in the nominative, word by word ("Робертом Фридландом" → "Роберт Фридланд",
        "Париже" → "Париж"); Latin words as written. Cheaper than tagging the whole text's morphology."""
        words = text.split(" ")
        out = []
        for word in words:
            if not re.search("[а-яёА-ЯЁ]", word) or "-" in word and kind != "LOC":
                out.append(word)
                continue
            out.append(self._nominative(word, kind))
        return " ".join(out)

    @lru_cache(maxsize=100_000)
    def _nominative(self, word: str, kind: str) -> str:
        parses = self.morph.parse(word)
        if not parses:
            return word
        if kind == "PER":
            # Only a word the dictionary knows as a name is put in the nominative; an unknown one
            # ("Токаев") stays as written rather than be taken for a plural of something else.
            names = [p for p in parses if any(g in p.tag for g in ("Name", "Surn", "Patr")) and "sing" in p.tag]
            if not names or any("nomn" in p.tag for p in names):
                return word
            inflected = names[0].inflect({"nomn"})
            normal = inflected.word if inflected else word.lower()
        else:
            ranked = sorted(parses, key=lambda p: ("Geox" not in p.tag and "Orgn" not in p.tag, p.tag.POS != "NOUN"))
            parse = ranked[0]
            if parse.tag.POS not in ("NOUN", "ADJF"):
                return word
            normal = parse.normal_form
        # Keep the capitals the text used, part by part ("Санкт-Петербурге" → "Санкт-Петербург").
        parts, original = normal.split("-"), word.split("-")
        return "-".join(p[:1].upper() + p[1:] if i < len(original) and original[i][:1].isupper() else p
                        for i, p in enumerate(parts))

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
