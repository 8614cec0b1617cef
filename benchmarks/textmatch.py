"""Loose name matching for the evaluation benchmarks: folded words, 5-letter stems, generic words left out.

Russian names decline (Казахстан, Казахстана, Казахстаном), so two names are compared by the first
five letters of their words ("stems"), after lower-casing and folding ё into е. Words that name a
kind of thing rather than the thing (область, станция, компания, ГЭС, ТОО, правительство …) carry no
identity and are left out, so "Нурекская ГЭС" and "Рогунская ГЭС" share nothing.
"""

from __future__ import annotations

import re
from functools import lru_cache
from collections.abc import Iterable

WORD = re.compile(r"[^\W\d_]+")  # runs of letters (Cyrillic or Latin)
ALNUM = re.compile(r"\w+")
STEM = 5

# A word is generic when it starts with one of these (folded) prefixes …
GENERIC_PREFIXES: tuple[str, ...] = (
    # administrative units and the state's bodies
    "област", "район", "город", "поселок", "посел", "республик", "правительств", "министерств", "администрац",
    "ведомств", "комисси", "служб", "федеральн", "государствен", "национальн", "международн", "организаци",
    "отделени", "ассоциаци",
    # companies and their legal forms
    "компани", "корпорац", "холдинг", "групп", "предприяти", "товарищест", "акционерн", "ограниченн",
    "ответственност", "limited", "company", "group", "holding", "corporation",
    # projects and kinds of facility
    "проект", "строительств", "мощност", "станци", "электростанц", "гидроэлектр", "теплоэлектр", "завод",
    "комбинат", "фабрик", "месторожден", "рудник", "карьер", "терминал", "участк", "участок", "лини",
    "дорог", "автодорог", "магистрал", "трасс", "маршрут", "коридор", "транспортн", "железнодорожн",
    "автомобильн", "трубопровод", "газопровод", "нефтепровод", "электропередач", "объект", "сооружени",
    "комплекс", "кластер", "мегаватт", "гигаватт", "киловатт", "солнечн", "ветров", "атомн", "угольн",
    "тепловн", "гидравлич", "нефтеперераб", "газоперераб", "нефтегаз", "горно", "металлургич", "химическ",
    "индустриальн", "промышленн", "логистическ", "контейнерн", "энергетическ", "электрическ", "электроэнерг",
)
# … or is one of these words.
GENERIC_WORDS = frozenset({
    "село", "села", "селе", "селу", "селом", "сел", "аул", "аула", "ауле",
    "тоо", "пао", "ооо", "оао", "зао", "нао", "llc", "ltd", "inc", "jsc", "plc", "corp", "gmbh",
    "гэс", "аэс", "тэц", "тэс", "грэс", "вэс", "сэс", "гтэс", "пгу", "нпз", "гпз", "гок", "гмк", "лэп", "свэс",
    "мвт", "гвт", "квт", "млн", "млрд", "тыс", "год", "году", "года", "лет",
    "порт", "порта", "порту", "портом", "хаб", "хаба", "узел", "узла", "парк", "парка", "зона", "зоны", "зоне",
    "сухой", "сухого", "морской", "морского", "речной", "шахта", "шахты", "шахте", "шахту",
    "железная", "железной", "железную", "железные", "железных",
    "банк", "банка", "банку", "банком", "фонд", "фонда", "фонду", "фондом",
    "новый", "новая", "новой", "нового", "новое", "первый", "первая", "первой", "крупнейший", "крупнейшая",
    "крупнейшей", "мира", "мир", "миру",
    "для", "при", "под", "над", "без", "или", "как", "что", "это", "его", "также", "между", "около", "через",
    "после", "более", "рядом", "the", "and", "of",
})


def fold(text: str | None) -> str:
    """Lower case (casefold), ё as е."""
    return (text or "").casefold().replace("ё", "е")


def flat(text: str | None) -> str:
    """Folded words joined by single spaces: punctuation, quotes and line breaks ignored."""
    return " ".join(ALNUM.findall(fold(text)))


@lru_cache(maxsize=100_000)
def _normal(word: str) -> str:
    """A word's dictionary form (pymorphy2's first parse), lower case, ё as е."""
    parses = _morph().parse(word)
    return (parses[0].normal_form if parses else word).replace("ё", "е")


@lru_cache(maxsize=1)
def _morph():
    import yargy.morph  # noqa: F401  (patches pymorphy2 for Python 3.11)
    from pymorphy2 import MorphAnalyzer

    return MorphAnalyzer()


def words(text: str | None, min_len: int = 3) -> list[str]:
    return [w for w in WORD.findall(fold(text)) if len(w) >= min_len]


def is_generic(word: str) -> bool:
    return word in GENERIC_WORDS or word.startswith(GENERIC_PREFIXES)


def _texts(items: Iterable) -> Iterable[str]:
    for item in items:
        if item is None or isinstance(item, float):
            continue
        if isinstance(item, str):
            yield item
        else:
            yield from _texts(item)


def stems(*texts, significant: bool = True, min_len: int = 3) -> set[str]:
    """Stems of the words (≥ min_len letters) of the texts (strings or lists of them): the first five
    letters of each word as written and of its dictionary form, so that case endings do not part a
    name from itself ("Китая" and "Китай", "Полюсом" and "Полюс")."""
    found = set()
    for text in _texts(texts):
        for word in words(text, min_len):
            if not (significant and is_generic(word)):
                found.add(word[:STEM])
                found.add(_normal(word)[:STEM])
    return found


@lru_cache(maxsize=1)
def _gazetteer():
    from etl.gazetteer import load_gazetteer

    return load_gazetteer()


@lru_cache(maxsize=20_000)
def name_stems(name: str | None) -> frozenset[str]:
    """Stems of a name and of every name the gazetteer knows for the same organisation or place, so
    that a renamed or abbreviated company is itself ("Казтрансгаз" and "QazaqGaz", "КТК" and
    "Каспийский трубопроводный консорциум")."""
    found = set(stems(name))
    if not name:
        return frozenset(found)
    entry = _gazetteer().lookup(name)
    if entry is not None and entry.kind in ("org", "place"):
        rows = _gazetteer().orgs if entry.kind == "org" else _gazetteer().places
        row = rows.get(entry.entity_id) or {}
        names = [entry.name_ru, entry.name_en, *(row.get("aliases_ru") or "").split("|")]
        found |= stems(*[n for n in names if n])
        found.add("#" + entry.entity_id)
    return frozenset(found)
