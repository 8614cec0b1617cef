"""The Russian NLP stage on natasha: sentences, tokens with lemmas, named entities.

`load_nlp()` builds the models once per process (they take a second and ~100 MB); every stage
receives the `NLP` object instead of loading its own.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache

import yargy.morph  # noqa: F401  (importing it patches pymorphy2 for Python 3.11: inspect.getargspec is gone)
from natasha import Doc, MorphVocab, NewsEmbedding, NewsNERTagger, Segmenter
from pymorphy2 import MorphAnalyzer
from razdel import sentenize, tokenize


# An abbreviation with a case ending written after it ("ГОКа", "НПЗом", "АЭСе").
ABBREVIATION_CASE = re.compile(r"([А-ЯЁ]{2,})(?:а|у|ом|е|ы|ов|ам|ами|ах)")
# The first parts of compounds a dictionary may not hold whole ("ветропарк", "гидроузел").
COMPOUND_PREFIX = re.compile(r"(?:ветро|гидро|электро|энерго|газо|нефте|тепло|угле|авто|агро|гео|теплоэнерго|"
                             r"нефтегазо|горно|фото|био|радио|термо|водо)")


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


# NER runs on windows of at most this many characters, cut at line breaks, else at sentence ends,
# else at spaces: an article of normal length is one window.
WINDOW_CHARS = 20_000


def windows(text: str, size: int = WINDOW_CHARS) -> list[tuple[int, int]]:
    """(start, end) spans covering `text` in order, each at most `size` characters (a word longer
    than that excepted), cut where no name can run across: line breaks first, then sentence ends,
    then spaces."""
    if len(text) <= size:
        return [(0, len(text))] if text else []
    out: list[tuple[int, int]] = []
    start = 0
    for piece_start, piece_end in _pieces(text, size):
        if piece_end - start > size and piece_start > start:
            out.append((start, piece_start))
            start = piece_start
    if start < len(text):
        out.append((start, len(text)))
    return out


def _pieces(text: str, size: int):
    """Consecutive spans of `text` no longer than `size` where possible: its lines, a long line
    by its sentences, a long sentence by its words."""
    offset = 0
    for line in text.split("\n"):
        end = offset + len(line) + 1
        if len(line) < size:
            yield offset, min(end, len(text))
        else:
            for s in sentenize(line):
                a, b = offset + s.start, offset + s.stop
                if b - a < size:
                    yield a, b
                else:
                    for m in re.finditer(r"\S+\s*", text[a:b]):
                        yield a + m.start(), a + m.end()
            if end <= len(text):
                yield end - 1, end
        offset = end


# A line that breaks off mid-sentence: before a word in lower case, or after a preposition or "и".
WRAP_BEFORE = re.compile(r"[a-zа-яё]")
WRAP_AFTER = re.compile(r"(?:^|\s)(?:в|во|на|и|с|со|по|о|об|к|у|из|за|от|до|для|при|между)$")


def _unwrapped(text: str) -> str:
    """The text with its wrapping line breaks read as spaces (same length, same offsets)."""
    if "\n" not in text:
        return text
    chars = list(text)
    for m in re.finditer(r"\n", text):
        i = m.start()
        before, after = text[max(0, i - 20):i], text[i + 1:i + 2]
        if not before.strip() or not after.strip() or before[-1:] in ".!?…:;»\"”)":
            continue
        if WRAP_BEFORE.match(after) or WRAP_AFTER.search(before):
            chars[i] = " "
    return "".join(chars)


INNER_DASH = re.compile(r"(?<=\w)([–—])(?=\w)")


def split_dashes(tokens: list[Token]) -> list[Token]:
    """"Китай–Кыргызстан–Узбекистан" written without spaces is three names and two dashes, as it is
    with spaces; a hyphen stays inside its word ("Усть-Каменогорск")."""
    out: list[Token] = []
    for t in tokens:
        if "–" not in t.text and "—" not in t.text or len(t.text) < 3:
            out.append(t)
            continue
        pos = 0
        for part in INNER_DASH.split(t.text):
            if part:
                out.append(Token(t.start + pos, t.start + pos + len(part), part, fold(part)))
            pos += len(part)
    return out


class NLP:
    def __init__(self) -> None:
        self.segmenter = Segmenter()
        self.morph_vocab = MorphVocab()
        self.ner_tagger = NewsNERTagger(NewsEmbedding())
        # natasha's MorphVocab answers in UD tags; case inflection needs pymorphy2's own parses.
        self.morph = MorphAnalyzer()
        self._tokens: dict[str, list[Token]] = {}

    @staticmethod
    @lru_cache(maxsize=4)
    def sentences(text: str) -> list[Sentence]:
        """Sentences never cross a line break (a headline without a full stop is a sentence of its own),
        except where the text is wrapped: the line breaks off mid-sentence, before a word in lower case
        or after a preposition ("подписали соглашение о строительстве станции в\nЖамбылской области")."""
        found = []
        offset = 0
        for line in _unwrapped(text).split("\n"):
            found += [Sentence(offset + s.start, offset + s.stop, s.text) for s in sentenize(line) if s.text.strip()]
            offset += len(line) + 1
        return found

    def tokens(self, text: str) -> list[Token]:
        """razdel's tokens; NER's segmentation of the same text is reused when it ran first."""
        cached = self._tokens.get(text)
        if cached is None:
            cached = split_dashes([Token(t.start, t.stop, t.text, fold(t.text)) for t in tokenize(text)])
            self._remember(text, cached)
        return cached

    def _remember(self, text: str, tokens: list[Token]) -> None:
        if len(self._tokens) >= 4:  # the extractors of one article share it; older texts go
            self._tokens.pop(next(iter(self._tokens)))
        self._tokens[text] = tokens

    def entities(self, text: str) -> list[NamedEntity]:
        """natasha's names in `text`, run window by window (`windows`) so that a long text costs
        time and memory in proportion to its length; offsets are the text's own."""
        tokens: list[Token] = []
        found: list[NamedEntity] = []
        for start, end in windows(text):
            doc = Doc(text[start:end])
            doc.segment(self.segmenter)
            tokens += split_dashes([Token(start + t.start, start + t.stop, t.text, fold(t.text)) for t in doc.tokens])
            doc.tag_ner(self.ner_tagger)
            # Names are put in the nominative word by word with pymorphy (normal_form): tagging the
            # morphology of whole sentences with natasha's tagger would double the cost of NER.
            found += [NamedEntity(start + span.start, start + span.stop, span.type, span.text,
                                  self.normal_form(span.text, span.type)) for span in doc.spans]
        self._remember(text, tokens)
        return found

    def normal_form(self, text: str, kind: str) -> str:
        """A name in the nominative ("Париже" → "Париж", "Военной академии" → "Военная академия"):
        the head noun in the nominative, the adjectives before it agreeing with it, the words after
        it (a genitive tail: "сил воздушной обороны") and abbreviations and Latin words as written."""
        words = text.split(" ")
        if kind == "PER":
            return self._person(tuple(words))
        parses = [self._noun_or_adjective(w) for w in words]
        # "Кунградском районе": an unknown word with an adjective's ending before a noun is its adjective.
        for i, p in enumerate(parses[:-1]):
            if p is not None and p.tag.POS == "NOUN" and not p.is_known and _ADJECTIVE_TAIL.search(words[i]) \
                    and parses[i + 1] is not None and parses[i + 1].tag.POS == "NOUN":
                adjective = next((q for q in self.morph.parse(words[i]) if q.tag.POS == "ADJF"), None)
                if adjective is not None:
                    parses[i] = adjective
        head = next((i for i, p in enumerate(parses) if p is not None and p.tag.POS == "NOUN"), None)
        if head is None:
            return text
        head_parse = parses[head]
        head_nominative = head_parse.inflect({"nomn"}) or head_parse
        out = list(words)
        out[head] = _like(words[head], head_nominative.word)
        for i in range(head):
            p = parses[i]
            if p is None or p.tag.POS not in ("ADJF", "PRTF"):
                continue
            grams = {"nomn", "plur"} if "plur" in head_nominative.tag else {"nomn", head_nominative.tag.gender or "masc"}
            inflected = p.inflect(grams)
            if inflected:
                out[i] = _like(words[i], inflected.word)
        return " ".join(out)

    @lru_cache(maxsize=50_000)
    def _person(self, words: tuple[str, ...]) -> str:
        """A person's name in the nominative; the first name's gender decides for the surname, and
        a lone surname that could be either is read as masculine ("Путина" → "Путин")."""
        gender = None
        for word in words:
            for parse in self.morph.parse(word):
                if "Name" in parse.tag and parse.tag.gender:
                    gender = parse.tag.gender
                    break
            if gender:
                break
        out = []
        for word in words:
            parts = []
            for part in word.split("-"):
                parts.append(self._person_part(part, gender or "masc") if re.search("[а-яёА-ЯЁ]", part) else part)
            out.append("-".join(parts))
        return " ".join(out)

    def _person_part(self, part: str, gender: str) -> str:
        parses = [p for p in self.morph.parse(part) if p.tag.POS == "NOUN" and p.tag.number != "plur"]
        names = [p for p in parses if {"Name", "Surn", "Patr"} & set(p.tag.grammemes)] or \
            [p for p in parses if not p.is_known]
        fitting = [p for p in names if p.tag.gender is None or p.tag.gender == gender] or names
        if not fitting or any(p.tag.case == "nomn" for p in fitting) or \
                not names and any(p.tag.case == "nomn" for p in parses):
            return part
        inflected = fitting[0].inflect({"nomn"})
        return _like(part, inflected.word) if inflected else part

    @lru_cache(maxsize=100_000)
    def _noun_or_adjective(self, word: str):
        """The parse a name's word most likely has, or None for words that do not decline here."""
        if not re.search("[а-яёА-ЯЁ]", word) or word.isupper() or "." in word:
            return None
        parses = self.morph.parse(word)
        ranked = sorted(parses, key=lambda p: ("Geox" not in p.tag and "Orgn" not in p.tag,
                                               p.tag.POS not in ("NOUN", "ADJF", "PRTF")))
        return ranked[0] if ranked and ranked[0].tag.POS in ("NOUN", "ADJF", "PRTF") else None

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
        if parses and not parses[0].is_known:
            abbreviation = ABBREVIATION_CASE.fullmatch(word)
            if abbreviation:
                return fold(abbreviation[1].lower())  # "ГОКа", "НПЗом": the abbreviation, declined
            compound = COMPOUND_PREFIX.match(word.lower())
            if compound and len(word) - compound.end() >= 3:
                # "ветропарки" → ветропарк: the known noun after the prefix is declined, not the whole word
                nouns = sorted((p.normal_form for p in self.morph.parse(word.lower()[compound.end():])
                                if p.is_known and p.tag.POS == "NOUN"), key=len)
                if nouns:  # "парки": парк rather than парка
                    return fold(compound[0] + nouns[0])
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
        if len(forms) == 1 and word[:1].isupper() and re.fullmatch(r"[А-ЯЁ][а-яё]+[бвгджзклмнпрстфхцчшщ]", word):
            # A name the dictionary cannot decline ("Сарыагаш"): the endings of a masculine noun.
            stem = fold(word)
            forms |= {stem + e for e in ("а", "у", "е", "ем" if stem[-1] in "жшчщц" else "ом")}
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


_ADJECTIVE_TAIL = re.compile(r"(?:ск|цк)(?:ий|ая|ое|ой|ого|ому|ую|ом|ие|их|им|ими|ей)$")


def _like(original: str, word: str) -> str:
    """`word` with the capitals of `original`, part by part ("Санкт-Петербурге" → "Санкт-Петербург")."""
    parts, source = word.split("-"), original.split("-")

    def capitalised(part: str) -> bool:
        letters = [c for c in part if c.isalpha()]
        return bool(letters) and letters[0].isupper()

    out = []
    for i, part in enumerate(parts):
        if i < len(source) and capitalised(source[i]):
            j = next((k for k, c in enumerate(part) if c.isalpha()), 0)
            part = part[:j] + part[j:j + 1].upper() + part[j + 1:]
        out.append(part)
    return "-".join(out)


@lru_cache(maxsize=1)
def load_nlp() -> NLP:
    return NLP()
