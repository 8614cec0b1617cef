"""Projects: facilities and sites the article tells news about, each with its figures and evidence.

A facility is found by the noun that names its kind (ГЭС, месторождение, железная дорога, сухой
порт …) and named, where the text names it, by an adjective before it ("Нурекская ГЭС"), a name
after it ("месторождение Кашаган", ГЭС «Рогун») or its ends ("участок Алтынколь – Жетыген"). Its
place is the town or region the sentence puts it in, else the place its name is made from, else
the country the sentence or the article is about — and the record says how precise that is
(`place_precision`: site, region or country).

Attributes come from the facility's sentence and the sentences that refer back to it: the next
two sentences, and later ones that say "проект", "станция", "объект", "линия" … before another
facility is introduced. Status is read from how news says it (строительство началось, введена в
эксплуатацию, заложен первый камень, ТЭО, тендер, приостановлен …), with the verb's tense: a
future or planned commissioning is a target, not an operating plant.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field, replace
from functools import lru_cache

from etl.extract.language import PLACE_ADJECTIVE, Grammar, adjective_stem, negated, person_name
from etl.extract.mentions import Context
from etl.grammars import cues

FOLLOW_SENTENCES = 2  # sentences after a facility's own that speak of it without saying so
ANAPHOR_SENTENCES = 8  # how far on "проект"/"станция" still refers back to it
GROUP_SENTENCES = 8  # how far on the plants a sentence counts ("четыре малые ГЭС") are named one by one
NAME_CHARS = r"A-ZА-ЯЁӘҒҚҢӨҰҮҺІ"
CAP_WORD = rf"[{NAME_CHARS}][\w\-]*"
DASH = r"\s*[–—]\s*|\s+-\s+"
LINE_ENDS = re.compile(rf"^\s*(?:«)?({CAP_WORD}(?:\s+{CAP_WORD})?)((?:(?:{DASH}|-)(?:{CAP_WORD}(?:\s+{CAP_WORD})?))+)")
OF_SECTION = re.compile(r"^\s+(?:на\s+)?(?:железнодорожн\w+\s+)?(?:участк\w*|лини\w+|магистрал\w+|дорог\w+)(?=\s)")
INTENT_AGREEMENTS = {"намерение", "взаимопонимание", "сотрудничество"}
FROM_TO = re.compile(rf"^\s+(?:от|из)\s+(?:станции\s+)?({CAP_WORD}(?:-{CAP_WORD})?)\s+(?:до|в|к)\s+(?:станции\s+)?"
                     rf"({CAP_WORD}(?:-{CAP_WORD})?)(?![\w-])")
QUOTED_NAME = re.compile(r"^\s*(?:-\s*\d+\s*)?(?:«([^»]{2,60})»|[“„\"]\s*([^”“\"]{2,60}?)\s*[”“\"])")
CAPITAL_NAME = re.compile(rf"^\s+((?:{CAP_WORD})(?:\s+(?:{CAP_WORD}|\d+))?)")
# "месторождения Сулукту, Карабулак и Ак-Улак", "месторождений: «Ак-Улак», «Тегене» и «Торугарт»": one head,
# several facilities of their own names.
LIST_NAME = rf"(?:«[^»]{{2,40}}»|[“„\"][^”“\"]{{2,40}}[”“\"]|{CAP_WORD}(?:\s+\d+)?)"
LISTED_NAMES = re.compile(rf"^\s*(?:(?:[а-яё]+\s+){{0,2}}[а-яё]+\s*:|:)?\s*({LIST_NAME}(?:\s*,\s*{LIST_NAME})+(?:\s*,?\s+и\s+{LIST_NAME})?"
                          rf"|{LIST_NAME}\s+и\s+{LIST_NAME})")
NOT_NAMES = {"ТОО", "АО", "ПАО", "ООО", "ОАО", "ЗАО", "ТОО«", "РК", "РФ", "В", "На", "И", "С", "По", "Для", "При",
             "Об", "О", "А", "Но", "Как", "Это", "Его", "Ее", "Её", "Их", "Он", "Она", "Они"}
MONTH_WORDS = (r"январ[еьяю]|феврал[еьяю]|март[еау]?|апрел[еьяю]|ма[йеяю]|июн[еьяю]|июл[еьяю]|август[еау]?|"
               r"сентябр[еьяю]|октябр[еьяю]|ноябр[еьяю]|декабр[еьяю]")
YEAR_TARGET = re.compile(
    r"\b(?P<prep>к|до|в|на)\s+(?:(?:(?:конц[уае]|середин[еуы]|начал[уае])(?:\s+(?:" + MONTH_WORDS + r"))?|перв(?:ой|ом|ую)\s+половин[еыу]|"
    r"втор(?:ой|ом|ую)\s+половин[еыу]|(?:перв|втор)(?:ом|ое|ому)\s+полугоди[иею]|"
    r"(?:перв|втор|трет|четв[её]рт)(?:ом|ий|ем|ый|ому|ьем|ому)\s+квартал[аеу]?|"
    r"[IV]+\s+квартал[аеу]?|\d\s*-?\s*(?:м|ом|му)?\s*квартал[аеу]?|"
    rf"(?:\d{{1,2}}\s+)?(?:{MONTH_WORDS})|\d{{4}}\s*[-–]\s*)\s*)?(?P<year>20\d\d)(?:\s*[-–]\s*(?P<until>(?:20)?\d\d))?"
    r"(?:\s*-?\s*(?:го|м|му|й))?\s*(?:г\.|год)",
    re.IGNORECASE)
GENDER_OF_ABBREVIATION = {"аэс": "femn", "гэс": "femn", "тэц": "femn", "грэс": "femn", "вэс": "femn",
                          "сэс": "femn", "фэс": "femn", "тэс": "femn", "мгэс": "femn", "лэп": "femn",
                          "пгу": "femn", "сэз": "femn", "нпз": "masc", "гпз": "masc", "гок": "masc"}


@dataclass
class Facility:
    head_start: int
    head_end: int
    first_token: int
    last_token: int
    sector: str
    subsector: str | None
    label: str
    head_ru: str  # the kind of facility in the nominative: "ГЭС", "ветровая электростанция"
    plural: bool
    name: str | None = None  # "Нурекская ГЭС", "месторождение Кашаган", "участок Алтынколь – Жетыген"
    name_key: str | None = None
    name_span: tuple[int, int] | None = None
    name_place: str | None = None  # the place word a name is made of ("Нурек" in "Нурекская ГЭС")
    ends: list[str] = field(default_factory=list)
    # A proper name of its own (quoted, or the line's ends): the same name in one article is the
    # same facility whatever word the sentence calls it by ("рудник" / "месторождение «…»").
    proper: bool = False
    # "фабрика Алмалыкского ГМК": the enterprise a facility belongs to, named after it, with its span.
    owner: tuple[str, int, int] | None = None


@lru_cache(maxsize=4)
def _index(nlp) -> tuple[dict, dict, dict]:
    """Facility words, bare line heads and subsector cues as the lemmatiser sees them, built once."""
    facilities = {tuple(nlp.lemma(w) for w in words): f for words, f in cues.FACILITIES.items()}
    bare = {tuple(nlp.lemma(w) for w in words): f for words, f in cues.BARE_LINE_HEADS.items()}
    subsectors = {nlp.lemma(w): f for w, f in cues.SUBSECTOR_CUES.items()}
    return facilities, bare, subsectors


def _name_by_ends(fac: Facility, parts: list[str], span: tuple[int, int]) -> None:
    """A line's proper name from its ends: "участок Алтынколь – Жетыген"."""
    fac.ends = parts
    fac.name = f"{fac.head_ru} {' – '.join(parts)}"
    fac.name_key = "-".join(_name_stem(p) for p in parts)
    fac.proper = True
    fac.name_span = span


def _place_normal(view, start: int, word: str, ctx: Context) -> str | None:
    """A place named in a case ("от Жезказгана") in the nominative: the mention found there, else the
    lemmatiser's normal form of a location."""
    for m in view.mentions:
        if m["start"] <= start < m["end"]:
            return m["normal"] if m["kind"] == "place" else None  # "на пути из Китая в Европу": states, no line
    if re.fullmatch(r"[А-ЯЁ][а-яё]+(?:ского|ской|ском|ским)", word):
        return None  # "до Паркентского района": a district told by an adjective is no line end
    normal = ctx.nlp.normal_form(word, "LOC")
    return normal[:1].upper() + normal[1:] if normal else None


def _name_stem(word: str) -> str:
    """The stem shared by a place and the adjective made from it: Рогун/Рогунская, Камбарата/Камбаратинская."""
    stem = adjective_stem(word)
    for suffix in ("инск", "енск", "овск", "евск", "ск", "цк"):
        if stem.endswith(suffix) and len(stem) - len(suffix) >= 3:
            return stem[: -len(suffix)]
    stem = word.lower().replace("ё", "е")
    return stem[:-1] if len(stem) > 4 and stem[-1] in "аеиоуыьяю" else stem


def _head_words(view, first: int, last: int, grammar: Grammar) -> tuple[str, bool]:
    """The facility noun phrase in the nominative ("ветровую электростанцию" → "ветровая электростанция")."""
    tokens = view.tokens[first:last + 1]
    noun = next((t for t in tokens if grammar.pos(t.text) == "NOUN" or t.text.isupper()), tokens[-1])
    plural = grammar.is_plural_noun(noun.text) and not noun.text.isupper()
    if not plural:
        # A count before the noun tells the number ("два угольных разреза", "3 ВЭС"); an abbreviation
        # does not decline, its adjectives tell it too ("четыре малые ГЭС", "крупных ТЭЦ").
        before = view.tokens[max(0, first - 2):first]
        plural = noun.text.isupper() and any(grammar.pos(t.text) in ("ADJF", "PRTF") and "plur" in grammar.tag(t.text)
                                             for t in [*before[-1:], *tokens] if t is not noun) \
            or any(grammar.pos(t.text) == "NUMR" and t.lower not in ("один", "одна", "одно") or
                   t.text.isdigit() and int(t.text) > 1 for t in before)
    base = re.sub(r"-\d+$", "", noun.text)
    gender = GENDER_OF_ABBREVIATION.get(base.lower()) or grammar.gender(grammar.nlp.lemma(base))
    words = []
    after_head = False
    for t in tokens:
        text = t.text
        if text.isupper() or re.fullmatch(r"[A-ZА-ЯЁ]{2,}-\d+", text):
            words.append(text)
        elif after_head:
            words.append(text.lower())  # "линия электропередачи": what follows the head keeps its case
        elif t is noun:
            words.append(grammar.nlp.lemma(text))
        elif grammar.pos(text) in ("ADJF", "PRTF"):
            words.append(grammar.nominative_adjective(text.lower(), gender))
        else:
            words.append(text.lower())
        if t is noun:
            after_head = True
    return " ".join(words), plural


def find_facilities(view, ctx: Context, grammar: Grammar) -> list[Facility]:
    """The facilities a sentence names, found once per sentence (projects and deals both ask)."""
    if view.facilities is None:
        view.facilities = _find_facilities(view, ctx, grammar)
    return list(view.facilities)


# An abbreviated facility head ("ГЭС", "ТЭЦ-2") and a proper name before it ("Ала-Буга", "Кара-Булун-1").
ABBREVIATED_HEAD = re.compile(r"[А-ЯЁ]{3,5}(?:-\d{1,2})?")
NAME_BEFORE = re.compile(r"[А-ЯЁ][а-яё]+(?:-[А-ЯЁа-яё][а-яё]+)*(?:-\d{1,2})?")


# What a deposit or a plant holds, as an adjective between its name and its head ("Кызылкумское
# уранованадиевое месторождение", "Кальмакырское медно-порфировое месторождение").
MINERAL_ADJECTIVE = re.compile(r"^(?:уран|медн|медно|золот|серебр|нефт|газо|газов|угол|уголь|полиметалл|вольфрам|"
                               r"молибден|лити|редкоземел|свинцов|цинков|желез|бокситов|фосфорит)[а-яё-]*(?:ый|ий|ой)$")
MINERAL_STEMS = (("уран", ("mining", "uranium")), ("медн", ("mining", "copper")), ("медно", ("mining", "copper")),
                 ("золот", ("mining", "gold")), ("уголь", ("mining", "coal")), ("угол", ("mining", "coal")),
                 ("лити", ("mining", "lithium")), ("редкоземел", ("mining", "rare-earths")),
                 ("полиметалл", ("mining", "polymetals")), ("свинцов", ("mining", "polymetals")),
                 ("желез", ("mining", "iron")), ("нефт", ("energy", "oil-gas")), ("газо", ("energy", "oil-gas")))
MINERALS = (r"(?:редкоземельных\s+(?:металлов|элементов)|железной\s+руды|золота|урана|меди|лития|угля|нефти|газа|"
            r"свинца|цинка|вольфрама|железа|серебра|молибдена|никеля|кобальта|бокситов|фосфоритов|марганца|хрома|олова)")
MINERAL_AFTER = re.compile(rf"^\s+{MINERALS}(?:\s*(?:,|и)\s*{MINERALS})*(?=\s+[«\"“„{NAME_CHARS}])")


def _find_facilities(view, ctx: Context, grammar: Grammar) -> list[Facility]:
    facilities_index, bare_index, _ = _index(ctx.nlp)
    tokens, lemmas = view.tokens, view.lemmas
    heads, suffixes = [], []
    for t, lemma in zip(tokens, lemmas):
        m = re.fullmatch(r"(.+?)-(\d+)", t.text)
        if m:
            heads.append(ctx.nlp.lemma(m.group(1)))
            suffixes.append("-" + m.group(2))
        else:
            if (lemma,) not in facilities_index:
                # An unknown word's first guess may miss ("Ветропарки" → "ветропарка"): try its other forms.
                other = next((f for f in grammar.lemmas(t.text.lower()) if (f,) in facilities_index), None)
                lemma = other or lemma
            heads.append(lemma)
            suffixes.append("")
    text, base = view.sentence.text, view.sentence.start
    found: list[Facility] = []
    i = 0
    while i < len(tokens):
        match = None
        for length in (3, 2, 1):
            key = tuple(heads[i:i + length])
            if len(key) != length:
                continue
            if key in facilities_index:
                match = (length, facilities_index[key], False)
                break
            if key in bare_index:
                match = (length, bare_index[key], True)
                break
        if match is None and (heads[i],) in cues.PURPOSE_HEADS and PURPOSE.match(text[tokens[i].end - base:tokens[i].end - base + 60]):
            # "предприятие по переработке облепихи": a plant, by what it makes.
            match = (1, cues.PURPOSE_HEADS[(heads[i],)], False)
            key = (heads[i],)
        if match is None:
            project = _named_project(view, i, heads, ctx, grammar)
            if project is not None:
                found.append(project)
            i += 1
            continue
        length, (sector, subsector, label), bare = match
        first, last = i, i + length - 1
        head_start, head_end = tokens[first].start, tokens[last].end
        after = text[head_end - base:]
        ends = LINE_ENDS.match(after) if (set(key) & cues.LINE_HEADS or bare) else None
        skip = 0
        section = OF_SECTION.match(after) if ends is None and label == "second track" else None
        if section:
            # "вторые пути железнодорожного участка Достык – Мойынты": the track is named by its section.
            skip = section.end()
            ends = LINE_ENDS.match(after[skip:])
        if bare and ends is None and not FROM_TO.match(after):
            i += 1
            continue
        head_ru, plural = _head_words(view, first, last, grammar)
        head_ru = re.sub(r"-\d+$", "", head_ru)
        fac = Facility(head_start, head_end, first, last, sector, subsector, label, head_ru, plural)
        suffix = suffixes[last]
        # A name: the ends of a line, a quoted name, a capitalised name after, a place adjective before.
        if ends:
            parts = [p.strip(" «»") for p in re.split(DASH + "|-", ends.group(0).strip(" «")) if p.strip(" «»")]
            # "Усть-Каменогорск" is one place, not two ends: keep hyphenated names the gazetteer knows.
            parts = _rejoin_hyphenated(parts, ends.group(0), ctx)
            if len(parts) >= 2:
                _name_by_ends(fac, parts, (head_end + skip + ends.start(1), head_end + skip + ends.end(0)))
        between = FROM_TO.match(after) if not fac.name and set(key) & cues.LINE_HEADS else None
        if between:
            # "строительство железной дороги от Жезказгана до Бейнеу", "прокладка путей из Самарканда в
            # Ургут": a line named by its ends in their cases, told in the nominative.
            parts = [_place_normal(view, head_end + between.start(g), between.group(g), ctx) for g in (1, 2)]
            if all(parts) and parts[0] != parts[1]:
                _name_by_ends(fac, parts, (head_end + between.start(1), head_end + between.end(0)))
        mineral = MINERAL_AFTER.match(after) if label != "project" and sector in ("mining", "energy") else None
        if mineral and fac.name is None:
            # "месторождение золота Кумтор", "месторождением свинца и цинка «Балия»": the mineral, then the name.
            head_end += mineral.end()
            after = after[mineral.end():]
        if fac.name is None:
            quoted = QUOTED_NAME.match(after)
            if quoted and not re.search(r"\w", quoted.group(1) or quoted.group(2) or ""):
                quoted = None  # '", "' between two quoted names is no name
            if quoted:
                group = 1 if quoted.group(1) else 2
                inner = quoted.group(group).strip()
                fac.name = f"{head_ru}{suffix} «{inner}»"
                fac.name_key = "".join(_name_stem(w) for w in re.split(r"[\s–—-]+", inner) if w) + suffix
                fac.proper = True
                fac.name_span = (head_end + quoted.start(group), head_end + quoted.end(group))
                fac.name_place = _name_stem(inner.split()[0])
        inner: list[int] = []  # "Туркменбашинский международный морской порт": the adjectives between
        if fac.name is None and first > 1:
            k = first - 1
            while k > 0 and len(inner) < 3 and tokens[k].text[:1].islower() and (
                    lemmas[k] in cues.NAME_INNER_ADJECTIVES or MINERAL_ADJECTIVE.match(lemmas[k])) and lemmas[k] not in key:
                inner.insert(0, k)
                k -= 1
            if not (inner and PLACE_ADJECTIVE.match(tokens[k].text) and tokens[k].text[:1].isupper()):
                inner = []
        if fac.name is None and label != "project":
            # "завод №3", "2-я обогатительная фабрика": a plant by its number.
            number = re.match(r"^\s*(?:№|N|#)\s*(\d{1,3})\b", after)
            ordinal = first > 0 and re.fullmatch(r"(\d{1,2})-(?:я|й|е|ая|ий|ое|ой|ую|го|му|м)", tokens[first - 1].text)
            if number or ordinal:
                n = (number or ordinal).group(1)
                fac.name = f"{head_ru} №{n}" if number else f"{n}-я {head_ru}" if head_ru.endswith(("а", "я")) \
                    else f"{n}-й {head_ru}"
                fac.name_key = "".join(_name_stem(w) for w in head_ru.split()) + f"-{n}"
                fac.name_span = (head_end, head_end + number.end()) if number else (tokens[first - 1].start, head_end)
                if ordinal:
                    fac.head_start = tokens[first - 1].start
        if fac.name is None and first > 0:
            before = tokens[first - 1 - len(inner)]
            capitalised = PLACE_ADJECTIVE.match(before.text) and (first - 1 - len(inner) > 0 or not grammar.is_known(before.text)) \
                and ctx.nlp.lemma(before.text) not in _index(ctx.nlp)[2]
            # "павлодарский нефтехимический завод": a lower-case adjective made from a known place.
            lower = not capitalised and PLACE_ADJECTIVE.match(before.text.capitalize()) \
                and _adjective_place(before.text, ctx) is not None
            if capitalised or lower:
                plural_adj = False  # a facility's name is singular: "Кайраккумская ГЭС"
                noun = next((heads[k] for k in range(first, last + 1)
                             if grammar.pos(tokens[k].text) == "NOUN" or tokens[k].text.isupper()), heads[last])
                gender = GENDER_OF_ABBREVIATION.get(noun) or grammar.gender(noun)
                adjective = grammar.nominative_adjective(before.text, gender, plural_adj)
                adjective = adjective[:1].upper() + adjective[1:]
                between = " ".join(grammar.nominative_adjective(tokens[k].text, gender, plural_adj) for k in inner)
                fac.name = f"{adjective} {between + ' ' if between else ''}{head_ru}{suffix}"
                fac.name_key = _name_stem(before.text) + suffix
                fac.name_span = (before.start, head_end)
                fac.name_place = _name_stem(before.text)
                fac.head_start = before.start
        if fac.name is None and first > 0 and ABBREVIATED_HEAD.fullmatch(tokens[first].text):
            before = tokens[first - 1]
            # "Ала-Буга ГЭС", "Кара-Булун-1 ГЭС": a proper name standing before the abbreviation.
            if NAME_BEFORE.fullmatch(before.text) and before.end == tokens[first].start - 1 \
                    and grammar.pos(re.sub(r"-\d+$", "", before.text)) not in ("ADJF", "PRTF", "VERB", "PREP", "CONJ") \
                    and (first - 1 > 0 and not view.sentence.text[before.start - base - 2:before.start - base].strip(" ").endswith(".")
                         or not grammar.is_known(before.text)) \
                    and not any(m["start"] <= before.start < m["end"] and m["kind"] in ("country", "person", "org", "date", "money")
                                and not (m["kind"] == "org" and m["end"] >= head_end) for m in view.mentions):
                bare, number = re.fullmatch(r"(.+?)(-\d+)?", before.text).groups()
                fac.name = f"{before.text} {head_ru}{suffix}"
                fac.name_key = _name_stem(bare) + (number or "") + suffix
                fac.name_span = (before.start, head_end)
                fac.name_place = _name_stem(bare)
                fac.proper = True
                fac.head_start = before.start
        if fac.name is None:
            capital = CAPITAL_NAME.match(after)
            first_word = capital.group(1).split()[0] if capital else ""
            if capital and (first_word in NOT_NAMES or PLACE_ADJECTIVE.match(first_word) or (
                    grammar.pos(first_word) == "ADJF" and "nomn" not in grammar.cases(first_word))
                    or person_name(capital.group(1).split(), grammar.nlp)):
                # "терминал Бакинского порта", "месторождения Западной Сибири": what follows, not a name;
                # "глава дирекции АЭС Бахтиёр Абдуллаев": a person who runs it
                capital = None
            if capital:
                span = (head_end + capital.start(1), head_end + capital.end(1))
                covering = [m for m in view.mentions if m["start"] < span[1] and span[0] < m["end"]]
                if not any(m["kind"] in ("country", "person", "money", "date") or
                           (m["kind"] == "place" and m.get("subtype") in ("region", "country", "continent"))
                           for m in covering):
                    name = capital.group(1)
                    fac.name = f"{head_ru}{suffix} {name}"
                    fac.name_key = _name_stem(name.split()[0]) + suffix
                    fac.name_span = span
                    fac.name_place = _name_stem(name.split()[0])
        if fac.name is None and suffix:
            fac.name = f"{head_ru}{suffix}"
        listed = _listed(fac, after, head_end, view, grammar) if fac.plural or fac.name is None or \
            fac.name_span is not None and fac.name_span[0] - head_end <= 3 else []
        if listed:
            found.extend(listed)
            i = last + 1
            continue
        if found and 0 <= fac.head_start - found[-1].head_end <= 1 and found[-1].name_span is None:
            # "фабрика Балхашского медеплавильного комбината": the second names whose the first is.
            if fac.name and found[-1].owner is None:
                found[-1].owner = (fac.name, fac.head_start, (fac.name_span or (0, fac.head_end))[1])
            i = last + 1
            continue
        found.append(fac)
        i = last + 1
    return found


def _listed(fac: Facility, after: str, head_end: int, view, grammar: Grammar) -> list[Facility]:
    """The facilities a head names one by one after it, or [] where it names fewer than two."""
    m = LISTED_NAMES.match(after)
    if m is None:
        return []
    items = [(x.group(0), head_end + m.start(1) + x.start()) for x in re.finditer(LIST_NAME, m.group(1))]
    if len(items) < 2:
        return []
    found = []
    for surface, start in items:
        inner = surface.strip("«»“”„\" ")
        end = start + len(surface)
        first_word = inner.split()[0]
        quoted = surface[:1] in "«“„\""
        # A quoted name read as an organisation is still the name; bare, it may be who or where.
        not_names = ("country", "person", "money", "date") if quoted else ("country", "person", "money", "date", "org")
        if first_word in NOT_NAMES or not quoted and PLACE_ADJECTIVE.match(first_word) or any(
                x["start"] < end and start < x["end"] and (x["kind"] in not_names or
                                                           x["kind"] == "place" and x.get("subtype") in ("region", "country"))
                for x in view.mentions):
            return []  # "месторождения Казахстана и Узбекистана": where they are, not their names
        item = replace(fac, plural=False, name=f"{fac.head_ru} «{inner}»" if quoted else f"{fac.head_ru} {inner}",
                       name_key="".join(_name_stem(w) for w in re.split(r"[\s–—-]+", inner) if w),
                       name_span=(start, end), name_place=_name_stem(first_word), proper=quoted, ends=[])
        found.append(item)
    return found


PROJECT_NAME = re.compile(r"^\s+(?:«([^»]{2,40})»|([A-Z][\w-]*(?:\s+(?:[A-Z0-9][\w-]*)){0,3}))")


def _named_project(view, i: int, heads: list[str], ctx: Context, grammar: Grammar) -> Facility | None:
    """"проект Hyrasia One", "проект «Жана-Кала»": a project by its own name; its sector comes from the
    words around it (a project nothing places in a sector is not a facility)."""
    if heads[i] != "проект":
        return None
    tok = view.tokens[i]
    m = PROJECT_NAME.match(view.sentence.text[tok.end - view.sentence.start:])
    if m is None:
        return None
    name = (m.group(1) or m.group(2)).strip()
    start = tok.end + m.start(m.lastindex)
    fac = Facility(tok.start, tok.end, i, i, "other", None, "project", "проект", False, name=f"проект {name}",
                   name_key=_name_stem(name.split()[0]) + "|" + name.lower(), name_span=(start, start + len(name)))
    return fac


def _stations_again(view, order: list, grammar: Grammar) -> list[Facility]:
    """"В Таразе и Шу возведут две станции по 200 МВт": after a power plant is told,
    "станция" is another of its kind."""
    energy = next((c for c in reversed(order) if c.data["sector"] == "energy"), None)
    if energy is None:
        return []
    for i, (tok, lemma) in enumerate(zip(view.tokens, view.lemmas)):
        if lemma == "станция" and not (i and view.lemmas[i - 1] in ("железнодорожный", "компрессорный", "заправочный",
                                                                     "насосный", "базовый", "космический")):
            plural = grammar.is_plural_noun(tok.text)
            return [Facility(tok.start, tok.end, i, i, energy.data["sector"], energy.data["subsector"],
                             energy.data["label"], energy.data["facility_ru"], plural)]
    return []


def _place_candidates(word: str, stem: str | None = None) -> list[str]:
    """Names of the place a word is made from: "Жанаозенский" ← Жанаозен, "Камбаратинская" ← Камбарата,
    "Павлодарский" ← Павлодар (the stem with and without "ин"/"ен", and the endings a place name takes)."""
    written = adjective_stem(word)
    stems = [stem or _name_stem(word)] + [written[: -len(s)] for s in ("ск", "цк") if written.endswith(s)]
    return [(s + end).capitalize() for s in dict.fromkeys(stems) for end in ("", "а", "ь", "ы", "и", "о", "я")]


def _adjective_place(word: str, ctx: Context):
    """The place an adjective is made from, where the gazetteer knows it (Павлодарский → Павлодар)."""
    for candidate in _place_candidates(word):
        entry = ctx.gazetteer.lookup(candidate)
        if entry is not None and entry.kind == "place":
            return entry
    return None


def _rejoin_hyphenated(parts: list[str], raw: str, ctx: Context) -> list[str]:
    if "–" in raw or "—" in raw or " - " in raw:
        # Spaced or long dashes separate ends; a plain hyphen stays inside a name.
        pieces = [p.strip(" «»") for p in re.split(DASH, raw.strip(" «")) if p.strip(" «»")]
        return pieces
    if len(parts) == 2 and ctx.gazetteer.lookup("-".join(parts)) is not None:
        return ["-".join(parts)]
    if any(len(p) < 4 for p in parts):
        return ["-".join(parts)]
    return parts


# --- Status -----------------------------------------------------------------------------------

VERB_CUES = (cues.BUILD_ONGOING | cues.BUILD_DONE | cues.COMMISSION_VERBS | cues.OPERATE_VERBS | cues.BUILD_VERBS
             | cues.HANDLE_VERBS
             | cues.SIGN_VERBS | cues.PLAN_WORDS | set(cues.PROJECT_STATUS_WORDS) | cues.GROUNDBREAKING[0])


NOUN_CUES = cues.SERVICE_WORDS | cues.BUILD_NOUNS | cues.COMMISSION_NOUNS | cues.AGREEMENT_NOUNS


def project_statuses(view, grammar: Grammar) -> list[tuple[str, object]]:
    """(status, token) claims of a sentence about a facility, in text order."""
    words = [t.text for t in view.tokens]
    # A verb read as a noun ("начала" → начало) is matched as the verb it also is.
    lemmas = [grammar.verb_lemma(w) if grammar.verb_lemma(w) in VERB_CUES and l not in NOUN_CUES else l
              for w, l in zip(words, view.lemmas)]
    found: list[tuple[str, object]] = []

    def near(i: int, vocabulary: set[str], reach: int = 4) -> int | None:
        for j in range(max(0, i - reach), min(len(lemmas), i + reach + 1)):
            if j != i and lemmas[j] in vocabulary:
                return j
        return None

    plan_in_sentence = bool(set(lemmas) & cues.PLAN_WORDS)
    money = any(m["kind"] == "money" for m in view.mentions)
    for i, (tok, lemma) in enumerate(zip(view.tokens, lemmas)):
        if negated(lemmas, i):
            if lemma in cues.BUILD_VERBS or lemma in cues.BUILD_NOUNS or lemma in ("начать", "начаться"):
                found.append(("shelved", tok))  # "так и не был начат", "не построит"
            continue
        by = i - 1 if lemmas[i - 1:i] == ["по"] else i - 2 if lemmas[max(0, i - 2):i] == ["по", "вопрос"] else None
        if by is not None and any(lemmas[j] in cues.OFFICE_NOUNS for j in range(max(0, by - 2), by)):
            continue  # "директор по вопросам проектирования", "департамент по строительству": an office, not a stage
        status = cues.PROJECT_STATUS_WORDS.get(lemma)
        if status in ("shelved", "cancelled") and any(lemmas[j] in cues.OPERATION_NOUNS
                                                      for j in range(i + 1, min(len(lemmas), i + 4))):
            continue  # "приостановила приём зерна в порту": the port's traffic stopped, not its building
        if status == "cancelled" and any(lemmas[j] in cues.PARTICIPATION_NOUNS for j in range(i + 1, min(len(lemmas), i + 4))):
            continue  # "правительство отказалось от привлечения подрядчика": a partner dropped, not the project
        if status:
            found.append((status, tok))
            continue
        if lemma in cues.PRODUCTION_NOUNS:
            # "занимается добычей урана на месторождении", "ведёт переработку": a facility at work.
            j = near(i, cues.PRODUCTION_ONGOING, 8)
            if j is not None and not grammar.is_future_or_plan(words, j) and not plan_in_sentence:
                found.append(("operating", tok))
                continue
            if j is not None:
                found.append(("announced", tok))  # "добычу будут вести совместно": work to come
                continue
        if lemma in cues.COMPLETION_WORDS and (lemma != "вступить" or near(i, {"строй"}, 4) is not None) \
                and (lemma in ("достройка", "достраивать") or grammar.is_future_or_plan(words, i)
                     or near(i, cues.PLAN_WORDS | {"срок", "ожидаться"}, 4) is not None) \
                and not any(lemmas[j] in ("начать", "начало", "старт") for j in range(len(lemmas))) \
                and not any(lemmas[j] in cues.BUILD_VERBS and grammar.is_future_or_plan(words, j)
                            for j in range(len(lemmas))):
            # "ТЭЦ планируют завершить к 2029 году", "кредит на достройку ГЭС", "в строй вступит ГЭС":
            # the end of building is to come, so the building is under way.
            found.append(("construction", tok))
            continue
        if lemma == "реализация" and near(i, {"начать", "приступить", "стартовать"}, 2) is not None \
                and not grammar.is_future_or_plan(words, near(i, {"начать", "приступить", "стартовать"}, 2)) \
                and not plan_in_sentence:
            found.append(("construction", tok))  # "компания начала реализацию проекта"
            continue
        if lemma in cues.BUILD_NOUNS and lemma not in ("работа", "реализация") or \
                lemma in ("работа", "реализация") and near(i, {"строительный", "строительно-монтажный"}, 2) is not None:
            j = near(i, cues.BUILD_ONGOING, 6)
            if j is None:
                # "Строительство новой железной дороги «…» началось": the verb closes
                # the clause after the facility's whole name.
                j = _clause_verb(view, lemmas, i, CLAUSE_ONGOING)
            if j is not None and any(lemmas[k] in ("подготовка", "проектирование") for k in range(min(i, j), max(i, j))):
                found.append(("pre-construction", tok))  # "завершается подготовка работ по строительству"
                continue
            if j is not None and any(lemmas[k] in ("скорый", "предстоящий") for k in range(max(0, min(i, j) - 2), max(i, j))):
                found.append(("announced", tok))  # "о скором старте строительства": a start to come
                continue
            if j is not None:
                # "объявила о старте строительства": a start announced is a start, not a plan.
                announced_start = set(lemmas) & cues.PLAN_WORDS <= {"объявить", "анонсировать"} \
                    and grammar.pos(words[j]) == "NOUN"
                found.append(("announced" if grammar.is_future_or_plan(words, j) or plan_in_sentence and
                              not announced_start and grammar.tense(words[j]) != "past" else "construction", tok))
                continue
            # "завершено строительство" / "строительство газопровода «…» должно быть завершено".
            j = near(i, cues.BUILD_DONE, 3)
            if j is None:
                j = next((k for k in range(i + 1, min(len(lemmas), i + 9)) if lemmas[k] in cues.BUILD_DONE), None)
            if j is not None and not grammar.is_future_or_plan(words, j) and grammar.tense(words[j]) == "past" \
                    or j is not None and grammar.pos(words[j]) == "PRTS" and not grammar.is_future_or_plan(words, j):
                found.append(("operating", tok))
                continue
            if j is not None:
                found.append(("construction", tok))
                continue
            j = near(i, cues.PLAN_WORDS | cues.DISCUSS_WORDS, 5)
            if j is not None:
                found.append(("announced", tok))
            continue
        if lemma in cues.COMMISSION_VERBS:
            service = near(i, cues.SERVICE_WORDS, 5) is not None or lemma in ("запустить", "заработать", "открыться",
                                                                           "запуститься", "пустить")
            if not service:
                continue
            if grammar.is_future_or_plan(words, i) or near(i, cues.PLAN_WORDS | {"ожидаться", "срок"}, 4) is not None:
                continue  # a target: the year it is due comes from YEAR_TARGET
            found.append(("operating", tok))
            continue
        if lemma in cues.COMMISSION_NOUNS:
            j = near(i, {"состояться", "пройти", "произойти", "осуществить", "осуществиться"}, 3)
            if j is not None and grammar.tense(words[j]) == "past":
                found.append(("operating", tok))
            elif near(i, cues.CEREMONY_WORDS, 3) is not None and not plan_in_sentence and any(
                    grammar.tense(w) == "past" for w in words) and not any(
                    grammar.is_future_or_plan(words, k) for k in range(len(words))
                    if grammar.pos(words[k]) in ("VERB", "INFN")):
                # "приняли участие в церемонии запуска комбината", "торжества по случаю сдачи в эксплуатацию"
                found.append(("operating", tok))
            continue
        if lemma == "начать" and i + 1 < len(lemmas) and words[i + 1].lower() == "работу" and \
                (i + 2 >= len(lemmas) or lemmas[i + 2] not in ("по", "над")) and grammar.tense(words[i]) == "past" \
                and not negated(lemmas, i):
            # "разрез начал работу" is at work; "начаты работы по модернизации" is building.
            found.append(("operating", tok))  # "разрез начал работу"
            continue
        if lemma in cues.HANDLE_VERBS and near(i, cues.TRAFFIC_NOUNS, 6) is not None and \
                grammar.tense(words[i]) in ("pres", "past") and not grammar.is_future_or_plan(words, i) \
                and not plan_in_sentence:
            found.append(("operating", tok))  # "порт обработал 2 млн тонн грузов"
            continue
        if lemma in cues.OPERATE_VERBS and grammar.tense(words[i]) == "pres" and not plan_in_sentence:
            found.append(("operating", tok))
            continue
        if lemma == "разрабатывать" and grammar.pos(words[i]) == "VERB" and grammar.tense(words[i]) == "pres" \
                and not negated(lemmas, i) \
                and near(i, cues.WORKED_DEPOSITS, 10) is not None and not plan_in_sentence:
            found.append(("operating", tok))  # "компания разрабатывает месторождение": mined now (not "разрабатывает ТЭО")
            continue
        if lemma in cues.OPERATE_VERBS and grammar.is_future_or_plan(words, i):
            found.append(("announced", tok))  # "будут добывать уголь на месторождениях": work to come
            continue
        if lemma in cues.BUILD_VERBS and lemma not in cues.COMMISSION_VERBS:
            if lemma in ("создать", "реализовать") and grammar.pos(words[i]) == "PRTF":
                continue  # "созданное совместное предприятие", "реализуемые проекты": a description, not a stage
            if grammar.is_future_or_plan(words, i) or near(i, cues.PLAN_WORDS, 4) is not None:
                found.append(("announced", tok))
            elif grammar.tense(words[i]) == "pres":
                found.append(("construction", tok))
            elif lemma == "построить" and grammar.pos(words[i]) == "PRTF" and not grammar.is_future_or_plan(words, i):
                found.append(("operating", tok))  # "магистраль, построенная за годы Независимости": built
            elif grammar.tense(words[i]) == "past" or grammar.pos(words[i]) == "PRTS":
                # "построили ТЭЦ", "были построены три станции" are built; "возведено 92 моста", "построено 30 км
                # пути" are work on the way.
                built = lemma == "построить" and (near(i, cues.SERVICE_WORDS, 6) is not None
                                                  or near(i, cues.WORK_PARTS, 4) is None)
                found.append(("operating" if built else "construction", tok))
            continue
        if lemma in cues.GROUNDBREAKING[0] and near(i, cues.GROUNDBREAKING[1], 4) is not None:
            if not grammar.is_future_or_plan(words, i):  # "будет заложена капсула": a date set, not a start
                found.append(("construction", tok))
            continue
        for verbs, nouns in cues.PRECONSTRUCTION_PAIRS:
            if lemma in verbs and near(i, nouns, 3) is not None:
                found.append(("pre-construction", tok))
                break
        else:
            roadmap = near(i, {"карта"}, 4)
            if lemma in cues.SIGN_VERBS and roadmap is not None and lemmas[roadmap - 1] == "дорожный" \
                    and not grammar.is_future_or_plan(words, i):
                found.append(("announced", tok))  # "подписана дорожная карта по реализации проекта": a plan agreed
            elif lemma in cues.SIGN_VERBS and (near(i, cues.AGREEMENT_NOUNS, 6) is not None or lemma == "договориться"
                                             and near(i, cues.BUILD_NOUNS, 10) is not None) and \
                    not grammar.is_future_or_plan(words, i):
                # "подписали соглашение о строительстве", "договорился с компаниями об участии в строительстве";
                # "соглашение о финансировании": money arranged before building, pre-construction as the
                # trackers count it; "меморандум о взаимопонимании", "соглашение о сотрудничестве":
                # an intention, announced.
                k = near(i, cues.AGREEMENT_NOUNS, 6)
                after = set(lemmas[max(0, k - 1):k + 4]) if k is not None else set()
                if after & cues.FINANCING_AGREEMENTS:
                    found.append(("pre-construction", tok))
                elif k is not None and lemmas[k] == "меморандум" or INTENT_AGREEMENTS & after:
                    found.append(("announced", tok))
                else:
                    found.append(("agreed", tok))
            elif lemma in cues.PLAN_WORDS and near(i, cues.BUILD_VERBS | cues.BUILD_NOUNS, 4) is not None \
                    and near(i, cues.COMMISSION_VERBS | cues.COMMISSION_NOUNS, 4) is None:
                found.append(("announced", tok))
            elif (lemma in cues.FINANCING_NOUNS or lemma in cues.FUNDING_VERBS and money) \
                    and near(i, cues.PURPOSE_WORDS, reach := 3 if lemma in cues.FINANCING_NOUNS else 5) is not None \
                    and near(i, {"развитие"}, reach) is None \
                    and not set(lemmas) & cues.DISCUSS_WORDS:
                # "кредит для строительства фабрики", "выделят $277 млн на первую станцию": money being
                # arranged for the works, which have not begun; a verb reaches past the sum it moves
                # (money talked over, or for a sector's "развитие", arranges nothing for a facility).
                found.append(("pre-construction", tok))
    # "запустил строительство ГЭС", "открыли начало работ": what was launched is the
    # building, so the building is under way.
    index = {t.start: k for k, t in enumerate(view.tokens)}
    found = [("construction", tok) if status == "operating" and lemmas[index[tok.start]] not in cues.BUILD_DONE and any(
        lemmas[j] in WORKS_BEGUN for j in range(index[tok.start] + 1, min(len(lemmas), index[tok.start] + 4)))
        else (status, tok) for status, tok in found]
    # One claim per sentence: the furthest along among them.
    if len(found) > 1:
        best = min(found, key=lambda f: cues.PROJECT_PROGRESS.index(f[0]))
        found = [best]
    return found


CLAUSE_ONGOING = {"начаться", "стартовать", "вестись", "идти", "продолжаться", "начинаться"}
CLAUSE_REACH = 16  # tokens


def _clause_verb(view, lemmas: list[str], i: int, verbs: set[str]) -> int | None:
    """The first of `verbs` after token i in its clause (up to a comma, semicolon or colon)."""
    for k in range(i + 1, min(len(lemmas), i + CLAUSE_REACH)):
        if view.tokens[k].text in (",", ";", ":", ".", "!", "?"):
            return None
        if lemmas[k] in verbs:
            return k
    return None


def target_years(view, grammar: Grammar) -> list[tuple[int, int, int]]:
    """(year, start, end): "к 2030 году", "до конца 2025 года", "запланирован на 2019 год", and
    "в 2027 году" where the sentence speaks of what is to come."""
    lemmas = set(view.lemmas)
    if not lemmas & cues.TARGET_CUES:
        return []
    words = [t.text for t in view.tokens]
    future = any(grammar.is_future_or_plan(words, i) for i in range(len(words))
                 if grammar.pos(words[i]) in ("VERB", "INFN", "PRTS")) or bool(lemmas & (cues.PLAN_WORDS | {"ожидаться"}))
    found = []
    for m in YEAR_TARGET.finditer(view.sentence.text):
        prep = m.group("prep").lower()
        if prep in ("в", "на") and not future:
            continue
        if prep == "до" and not future and not lemmas & {"ввод", "ввести", "завершить", "запуск", "эксплуатация"}:
            continue
        start = view.sentence.start + m.start("year")
        year = int(m.group("year"))
        if m.group("until"):  # "в 2026-27 годах": due by the end of the range
            until = int(m.group("until")) if len(m.group("until")) == 4 else year // 100 * 100 + int(m.group("until"))
            year = max(year, until)
        found.append((year, start, view.sentence.start + m.end("until") if m.group("until") else start + 4))
    return found


# --- Records ------------------------------------------------------------------------------------

_GRAMMARS: dict[int, Grammar] = {}


def grammar_for(ctx: Context) -> Grammar:
    grammar = _GRAMMARS.get(id(ctx.nlp))
    if grammar is None:
        grammar = _GRAMMARS[id(ctx.nlp)] = Grammar(ctx.nlp)
    return grammar


LOCATIVE = ("в", "во", "на")
NEAR_WORDS = {"близ", "около", "вблизи", "возле", "районе", "окрестностях", "рядом", "недалеко", "поселке", "посёлке",
              "селе", "городе", "ауле", "станции", "пгт", "деревне", "урочище", "месторождении", "села", "поселка",
              "посёлка", "города", "аула", "деревни", "района", "станции", "месторождения", "под", "г.", "г", "с.", "вокруг", "у"}


def _overlaps(m: dict, span: tuple[int, int] | None) -> bool:
    return span is not None and m["start"] < span[1] and span[0] < m["end"]


def _sites(fac: Facility, view, ctx: Context) -> tuple[list[dict], str | None]:
    """The places that hold a facility, and how precise they are (site or region)."""
    from etl.extract.records import _preposition_before, _word_before

    text, base = view.sentence.text, view.sentence.start
    places = [_elided_region(m, ctx) for m in view.mentions if m["kind"] == "place"]
    places = [m for m in places if m.get("subtype") not in ("continent", "sea")
              and not (m.get("subtype") == "region" and not (m.get("country_iso3") or m.get("via") == "ner"))]
    regions = _coordinated_regions(view, ctx, fac.head_end)
    if len(regions) > 1:
        return regions, "region"
    named = [m for m in places if _overlaps(m, fac.name_span)]
    if named:
        return named[:1], "region" if named[0].get("subtype") == "region" else "site"
    signing = bool(set(view.lemmas) & cues.SIGN_VERBS)
    # "завод в Навои и рудник в Алмалыке": a place that follows another facility is that one's site
    # (unless it is that one's name: "На месторождении Тенгиз … завода" holds both).
    others = [g for g in view.facilities or [] if g.head_start != fac.head_start]
    for precision, pool in (("site", [m for m in places if m.get("subtype") != "region"]),
                            ("region", [m for m in places if m.get("subtype") == "region"])):
        sites: list[dict] = []
        for m in pool:
            if m["start"] >= fac.head_end or m.get("subtype") == "basin":
                if sites and any(fac.head_end <= g.head_start and g.head_end <= m["start"] for g in others):
                    continue
                between = text[fac.head_end - base:m["start"] - base]
                right_after = 0 <= m["start"] - fac.head_end and not between.strip(" «»\"")
                locative = _preposition_before(view, m["start"]) in LOCATIVE
                listed = bool(sites) and re.fullmatch(r"\s*(?:,|и|,\s*и|[—–-])\s*",
                                                      text[sites[-1]["end"] - base:m["start"] - base]) is not None
                near = _word_before(view, m["start"]) in NEAR_WORDS
                dash_list = re.fullmatch(r"[^.;:]{0,40}[—–]\s*(?:в\s+)?", between) is not None and sites == []
                new_clause = re.search(r",\s*(?:а\s+)?(?:в|во|на)\s*$", between) is not None and not listed \
                    or REPORTING_CLAUSE.search(between) is not None  # "…, отметил он на форуме в Москве"
                # "провёл в Астане встречу", "на форуме в Москве": where people met, not where it stands.
                meeting = MEETING.match(text[m["end"] - base:m["end"] - base + 40]) is not None \
                    or MET_AT.search(text[max(0, m["start"] - base - 30):m["start"] - base]) is not None
                if (right_after or locative or listed or near or dash_list) and len(between) <= 120 and not new_clause \
                        and not meeting:
                    sites.append(m)
            elif not signing and m["end"] <= fac.head_start and fac.head_start - m["end"] <= 80 \
                    and not any(g.head_end <= m["start"] and g.head_start < fac.head_start and not _overlaps(m, g.name_span)
                                for g in others) \
                    and not re.search(r",\s*а\s|[—–;]", text[m["end"] - base:fac.head_start - base]) and (
                    _preposition_before(view, m["start"]) in LOCATIVE or _word_before(view, m["start"]) in NEAR_WORDS
                    or sites and re.fullmatch(r"\s*(?:,|и|,\s*и)\s*", text[sites[-1]["end"] - base:m["start"] - base])):
                sites.append(m)  # "В Таразе и Шу возведут станции"
        if sites and precision == "region":
            # "в Байзакском районе Жамбылской области": a district and its region are one site.
            nested = [sites[0]]
            for m in sites[1:]:
                if text[nested[-1]["end"] - base:m["start"] - base].strip():
                    nested.append(m)
            sites = nested
        if sites:
            return sites, precision
    regions = _coordinated_regions(view, ctx, fac.head_end)
    if regions:
        return regions, "region"
    # "В Актюбинской области началась реализация проекта — строительство ВЭС": the place that opens
    # the sentence frames all of it.
    frame = [m for m in places if m["end"] <= fac.head_start and _preposition_before(view, m["start"]) in LOCATIVE
             and re.fullmatch(r"\s*(?:в|во|на)\s+", text[:m["start"] - base], re.IGNORECASE)]
    if frame and not signing:
        return frame, "region" if frame[0].get("subtype") == "region" else "site"
    return [], None


MEETING = re.compile(r"^\s*(?:встреч|переговор|совещани|заседани|форум|саммит|брифинг|пресс-конференц|визит|"
                     r"конференци|выставк)\w*", re.IGNORECASE)
MET_AT = re.compile(r"(?:провел|провёл|провела|провели|прошл[аио]?|прош[её]л|состоял\w*|(?:форум|саммит|встреч|"
                    r"переговор|совещани|заседани|конференци|выставк)\w*)\s+(?:в|во|на)\s*$", re.IGNORECASE)


# ", — сказал министр", ", отметил он": the clause of who reports it, whose places are not the site's.
REPORTING_CLAUSE = re.compile(r"[,—–]\s*(?:[—–]\s*)?(?:отмети|сказа|заяви|сообщи|подчеркну|рассказа|добави|поясни|"
                              r"говори|уточни|напомни|передае|пише)\w*", re.IGNORECASE)


COORDINATED_REGIONS = re.compile(
    r"\b(?:в|во)\s+((?:[А-ЯЁ][а-яё-]+(?:ской|цкой)\s*,\s*)*[А-ЯЁ][а-яё-]+(?:ской|цкой)\s+и\s+[А-ЯЁ][а-яё-]+(?:ской|цкой))"
    r"\s+област(?:ях|и)\b")


def _coordinated_regions(view, ctx: Context, after: int) -> list[dict]:
    """"в Туркестанской, Павлодарской и Актюбинской областях": each region the shared noun names."""
    found = []
    for m in COORDINATED_REGIONS.finditer(view.sentence.text):
        if view.sentence.start + m.start() < after:
            continue
        for adjective in re.split(r"\s*,\s*|\s+и\s+", m.group(1)):
            entry = ctx.gazetteer.lookup(adjective[:-2] + "ая область")
            if entry is not None and entry.kind == "place":
                found.append({"kind": "place", "entity_id": entry.entity_id, "normal": entry.name_ru,
                              "country_iso3": entry.country_iso3, "subtype": "region", "lat": entry.lat,
                              "lon": entry.lon})
        if found:
            return found
    return found


def _elided_region(m: dict, ctx: Context) -> dict:
    """"ветровые — в Абайской, а солнечные — в Улытауской": a region's adjective whose noun is left
    out is that region, where the gazetteer knows it."""
    if m.get("entity_id") or not re.fullmatch(r"[А-ЯЁ][а-яё-]+(?:ской|цкой)", m.get("surface") or ""):
        return m
    entry = ctx.gazetteer.lookup(m["surface"][:-2] + "ая область")
    if entry is None or entry.kind != "place":
        return m
    return {**m, "entity_id": entry.entity_id, "normal": entry.name_ru, "country_iso3": entry.country_iso3,
            "subtype": "region", "lat": entry.lat, "lon": entry.lon}


def _place_from_name(fac: Facility, ctx: Context, countries: set[str]) -> dict | None:
    """"Нурекская ГЭС" stands at Нурек: the place its name is made from, where one is known."""
    if not fac.name_place:
        return None
    for candidate in _place_candidates(fac.name.split()[0], fac.name_place):
        entry = ctx.gazetteer.lookup(candidate)
        if entry is not None and entry.kind == "place":
            return {"kind": "place", "entity_id": entry.entity_id, "normal": entry.name_ru,
                    "country_iso3": entry.country_iso3, "subtype": entry.subtype,
                    "lat": entry.lat, "lon": entry.lon}
        place = ctx.geonames.resolve(candidate, countries)
        if place is not None and (not countries or place.country_iso3 in countries):
            return {"kind": "place", "entity_id": f"geonames:{place.geonameid}", "normal": candidate,
                    "country_iso3": place.country_iso3, "subtype": "city", "lat": place.lat, "lon": place.lon}
    return None


# What a launch can be the launch of, other than the facility's service: its building.
WORKS_BEGUN = {"строительство", "стройка", "работа", "возведение", "сооружение", "строительный", "начало"}
# Kinds of facility a state's adjective names as its whole network, not one facility.
NETWORKS = {"rail", "road", "grid"}


def _named_place_id(fac: Facility, ctx: Context, countries: set[str]) -> str | None:
    """The gazetteer or GeoNames id of the place a facility is named from: "Кокчетавская ТЭЦ" and
    "ТЭЦ «Кокшетау»" both name Kokshetau."""
    quoted = re.search(r"«([^»]+)»", fac.name or "")
    if quoted:
        entry = ctx.gazetteer.lookup(quoted[1])
        return entry.entity_id if entry is not None and entry.kind == "place" else None
    site = _place_from_name(fac, ctx, countries)
    return site.get("entity_id") if site else None


def _country_site(view, ctx: Context, home: str | None) -> tuple[dict | None, str | None]:
    """A facility placed only by its country: "в Кыргызстане" in its sentence, else the article's country."""
    from etl.extract.records import _attribution, _preposition_before

    for m in view.mentions:
        if m["kind"] == "country" and m.get("via") != "adjective" and not _attribution(view, m["start"]) \
                and not m.get("within") and _preposition_before(view, m["start"]) in LOCATIVE:
            return _country_row(m["entity_id"], ctx), m["entity_id"]
    return (_country_row(home, ctx), home) if home else (None, None)


def _country_row(iso3: str, ctx: Context) -> dict | None:
    info = ctx.gazetteer.countries.get(iso3) if hasattr(ctx.gazetteer, "countries") else None
    lat = lon = None
    if info is not None:
        lat, lon = (info.get("lat"), info.get("lon")) if isinstance(info, dict) else (getattr(info, "lat", None),
                                                                                      getattr(info, "lon", None))
    return {"kind": "country", "entity_id": iso3, "normal": iso3, "country_iso3": iso3, "subtype": "country",
            "lat": lat, "lon": lon}


def _refine(fac: Facility, window: list, ctx: Context) -> tuple[str, str | None]:
    """A plant's fuel, a deposit's mineral or a plant's industry from the words around it (nearest first)."""
    _, _, subsector_cues = _index(ctx.nlp)
    sector, subsector = fac.sector, fac.subsector
    if fac.label == "project":
        for view in window:
            for lemma in view.lemmas:
                found = subsector_cues.get(lemma)
                if found and found[0] in ("energy", "mining", "industry"):
                    return found
            # "строительство ГЭС … Речь идет о проекте «Камбар»": the project of the facility told beside it.
            told = [f for f in view.facilities or [] if f.label != "project" and f.subsector]
            if len(told) == 1:
                return told[0].sector, told[0].subsector
        return "other", None
    thermal = fac.label in ("combined heat and power plant", "thermal power plant")
    if subsector is not None and not thermal:
        return sector, subsector
    if sector == "mining" and fac.name:
        # "уранованадиевое месторождение": the mineral its name holds.
        for word in fac.name.lower().split():
            found = next((kind for stem, kind in MINERAL_STEMS if word.startswith(stem)), None)
            if found:
                return found
    for view in window:
        for lemma in view.lemmas:
            found = subsector_cues.get(lemma)
            if not found:
                continue
            if thermal:
                if found == ("energy", "gas-power"):
                    return "energy", "gas-power"
                if found == ("mining", "coal"):
                    return "energy", "coal-power"
                continue
            if sector == "mining":
                if found[0] == "mining":
                    return "mining", found[1]
            elif sector == "energy":
                if found[0] == "energy":
                    return "energy", found[1]
                if found == ("mining", "coal"):
                    return "energy", "coal-power"
            elif sector == "industry":
                if found == ("energy", "oil-gas"):
                    return "energy", "oil-refining"  # "завод по переработке нефти"
                if found == ("energy", "gas-power") and fac.label == "plant":
                    return "energy", "gas-processing"
                if found[0] == "industry":
                    return found
                if found[0] == "mining":
                    return "industry", "metallurgy"
                if found[0] == "energy" and found[1] in ("hydrogen", "nuclear", "solar", "wind", "gas-processing",
                                                          "oil-refining"):
                    return found  # "завод GTL", "завод по производству дизельного топлива"
    if sector == "mining":
        # A field of oil or gas, where no mineral is named near it.
        if any(subsector_cues.get(l) in (("energy", "oil-gas"), ("energy", "gas-power")) for v in window for l in v.lemmas):
            return "energy", "oil-gas"
    if thermal:
        return "energy", "coal-power"
    if subsector is None and sector in ("industry", "mining", "energy"):
        return sector, "manufacturing" if sector == "industry" else "other"
    return sector, subsector


# A list item: a line that starts with a bullet, a dash, a number, an emoji or a lower-case word.
LIST_ITEM = re.compile(r"^\s*(?:[-–—•·▪●*]|\d{1,2}[.)]|[^\w\s«\"(]|[а-яёa-z])")


# A sum in a sentence about lending is the loan's; one beside these words is the project's own cost.
LENDING_WORDS = {"кредит", "заём", "займ", "кредитный", "кредитование", "транш", "грант", "облигация"}
STATED_COST = {"стоимость", "стоить", "обойтись", "оцениваться", "смета", "стоимостью", "обошёлся", "затраты",
               "капиталовложение", "оценить"}
FIGURES = {"capacity", "cost", "target_year", "heat_capacity", "group_capacity", "group_cost", "partners"}
CONTAINER_SUBSECTORS = {"industrial-park", "logistics-hub", "port", "dry-port"}


def _container(fac: Facility, view) -> bool:
    """A zone, park, hub or port told as the ground another facility stands on ("на территории …")."""
    if fac.subsector not in CONTAINER_SUBSECTORS:
        return False
    before = view.sentence.text[max(0, fac.head_start - view.sentence.start - 40):fac.head_start - view.sentence.start]
    return re.search(r"(?:на\s+территории|в\s+пределах|на\s+базе|на\s+площадке)\s+(?:\w+\s+){0,3}$", before.lower()) is not None


PART_OF_GAP = re.compile(r"^[»\"”]?\s*(?:\([^()]{1,40}\)\s*)?(?:в\s+составе|в\s+рамках|на\s+участке)\s+$", re.I)
HOST_GAP = re.compile(r"^\s*(?:\([^()]{1,40}\)\s*)?(?:на|в|во)\s+(?:территории\s+|площадке\s+)?$", re.I)


def _host(fac: Facility, facilities: list[Facility], view) -> bool:
    """A facility named as the site of another one just before it: "ГПЗ на месторождении Кашаган",
    "хаб в порту Актау" — the deposit and the port are where the plant stands, not news of their own."""
    for other in facilities:
        if other is fac:
            continue
        end = max(other.head_end, (other.name_span or (0, 0))[1])
        if end <= fac.head_start and HOST_GAP.match(view.sentence.text[end - view.sentence.start:fac.head_start - view.sentence.start]):
            return True
        # "участок трассы «…» (км 12–240) в составе автодороги «…»": the whole the section is part of.
        if end <= fac.head_start and PART_OF_GAP.match(view.sentence.text[end - view.sentence.start:fac.head_start - view.sentence.start]):
            return True
        # "На месторождении Тенгиз начато строительство ГПЗ": the site told first, the plant after it.
        if other.head_start > fac.head_start and other.subsector != fac.subsector and not other.plural \
                and _locative_before(fac, view) and not _locative_before(other, view):
            return True
    return False


def _locative_before(fac: Facility, view) -> bool:
    before = view.sentence.text[max(0, fac.head_start - view.sentence.start - 30):fac.head_start - view.sentence.start]
    return re.search(r"(?:^|\s)(?:на|в|во)\s+(?:\w+\s+)?$", before.lower()) is not None and \
        not re.search(r"(?:^|\s)(?:на|в|во)\s+(?:строительств\w*|создани\w*|реконструкци\w*|модернизаци\w*)\s+$",
                      before.lower())


# The states the product follows, whose companies' own plants stand at home.
HOME_REGION = {"KAZ", "UZB", "KGZ", "TJK", "TKM", "MNG", "AZE"}


def _location_home(views: list) -> str | None:
    """The country an article's facilities most likely stand in: the states it names as nouns and
    the countries of the places it names count in full; a nationality adjective ("китайская
    компания", "турецкий подрядчик") or a partner ("совместно с Китаем") tells who builds, not
    where, and counts for little; a Central Asian company the gazetteer knows (a national railway, a
    uranium miner) works at home and counts for its state by half."""
    from etl.extract.records import _word_before

    score: dict[str, float] = {}
    for view in views:
        for m in view.mentions:
            iso3 = m.get("country_iso3") if m["kind"] in ("place", "org") else \
                m.get("entity_id") if m["kind"] == "country" else None
            if not iso3 or iso3 == "EU" or m.get("within"):
                continue
            partner = m["kind"] == "country" and _word_before(view, m["start"]) in ("с", "со")  # "совместно с Китаем"
            if m["kind"] == "org" and iso3 not in HOME_REGION:
                continue  # a foreign investor builds abroad: its home says nothing of where
            weight = 0.5 if m["kind"] == "org" else 0.25 if m.get("via") == "adjective" or partner else 1.0
            score[iso3] = score.get(iso3, 0.0) + weight
    return max(score, key=lambda k: score[k]) if score else None


def project_claims(article: dict, views: list, ctx: Context) -> list:
    from etl.extract.records import Claim, article_countries, org_homes, stable_id

    grammar = grammar_for(ctx)
    votes = article_countries(views)
    home = _location_home(views) or next(iter(votes), None)
    countries = set(votes)
    homes = org_homes(views)
    claims: dict[str, Claim] = {}
    order: list[Claim] = []
    focus: list[Claim] = []
    focus_index = chain_index = -100
    proper_names: dict[tuple[str, str], Claim] = {}  # (sector, name key) → the claim of that name
    place_named: dict[tuple[str, str], Claim] = {}  # (kind, place id) → the claim named from that place
    list_intro, list_paragraph = None, -1  # a line ending in a colon, and the list item being read

    groups: list[tuple[str, list, object]] = []  # (kind, statuses, sentence) told of several plants at once

    def kind_of(sector, subsector):
        return subsector or sector

    def new_claim(key, fac, site, precision, sector, subsector, group, view, purpose):
        if site and str(site.get("entity_id") or "").startswith("geonames:") and home \
                and site.get("country_iso3") not in countries:
            # A town of that name abroad, in a state the article never names ("Карабулак" in a story
            # about Kyrgyz coal): the name is kept, the point is the article's country's.
            site = {**site, "entity_id": None, "country_iso3": None, "lat": None, "lon": None}
        lat, lon = _coords(site, ctx) if site else (None, None)
        place = site["normal"] if site and site.get("kind") == "place" else None
        country = (site or {}).get("country_iso3") or home
        if lat is None and country:
            # A place with no known point stands at its country's, and says so.
            row = _country_row(country, ctx)
            if row and row.get("lat"):
                lat, lon, precision = float(row["lat"]), float(row["lon"]), "country"
        claim = Claim("project", key, article["article_id"], article.get("published"), {
            "sector": sector, "subsector": subsector, "label": fac.label, "purpose": purpose,
            "facility_ru": f"{fac.head_ru} {purpose}" if purpose else fac.head_ru,
            "name_ru": fac.name, "place": place, "place_id": (site or {}).get("entity_id") if place else None,
            "country_iso3": country, "group_id": group, "lat": lat, "lon": lon,
            "place_precision": precision if (lat is not None) else None, "named": fac.name is not None,
        })
        claims[key] = claim
        order.append(claim)
        for kind, stated, told in groups:
            if kind == kind_of(sector, subsector) and 0 < view.index - told.index <= GROUP_SENTENCES:
                for status, tok in stated:
                    claim.add("status", status, tok.start, tok.end, told.sentence)
        return claim

    list_head: Facility | None = None  # "открыли месторождения:" — the kind the list's lines name
    list_head_paragraph = -1
    for view in views:
        introduced: list[Claim] = []
        facilities = find_facilities(view, ctx, grammar)
        if list_head is not None and view.paragraph > list_head_paragraph and LIST_ITEM.match(view.sentence.text):
            item = None if facilities else _list_item(list_head, view)
            facilities = [item] if item else facilities
        else:
            list_head = None
        if view.sentence.text.rstrip().endswith(":"):
            heads = [f for f in facilities if f.plural and not f.name]
            if heads and heads[-1] is facilities[-1]:
                list_head, list_head_paragraph = heads[-1], view.paragraph
                facilities = facilities[:-1]  # the kind of the list, not a facility of its own
        facilities += [f for f in _stations_again(view, order, grammar)
                       if not any(g.head_start <= f.head_start < g.head_end for g in facilities)]
        grounds: list[tuple[int, int]] = []  # the spans of zones and ports other facilities stand on
        if len(facilities) > 1:
            # "на территории СЭЗ «…» начато строительство завода": the zone is where the plant stands.
            kept_facilities = [f for f in facilities if not _container(f, view) and not _host(f, facilities, view)] \
                or facilities
            grounds = [(f.head_start, (f.name_span or (0, f.head_end))[1]) for f in facilities if f not in kept_facilities]
            facilities = kept_facilities
        # A facility's own name read as an organisation («Ак-Улак») is nobody's partner.
        grounds += [f.name_span for f in facilities if f.name_span]
        for fac in facilities:
            # What a plant of no name makes is part of its name: "завод по производству кирпича".
            purpose = None if fac.name else _purpose(article["text"], fac.head_end, grammar)
            window = sorted(views[max(0, view.index - 2):view.index + 3], key=lambda v: abs(v.index - view.index))
            sector, subsector = _refine(fac, window, ctx)
            if fac.label == "project" and sector == "other":
                continue  # a named project nothing places in a sector
            if fac.name_span and not fac.ends and subsector in NETWORKS and any(
                    m["kind"] == "country" and m.get("via") == "adjective" and m["start"] == fac.name_span[0]
                    or m["kind"] == "org" and m.get("entity_id") and m["start"] <= fac.name_span[0] < m["end"]
                    for m in view.mentions):
                continue  # "Казахстанская железная дорога", "Грузинская железная дорога": a state's network or its operator
            sites, precision = _sites(fac, view, ctx)
            if sector == "mining" and any(m.get("subtype") == "oil-gas-field" for m in sites):
                sector, subsector = "energy", "oil-gas"  # a deposit at an oil or gas field is that field
            if fac.plural and not fac.name:
                # "введены в эксплуатацию четыре малые ГЭС": what happened to each of the plants the next
                # sentences name one by one.
                stated = project_statuses(view, grammar)
                if stated:
                    groups.append((kind_of(sector, subsector), stated, view))
                counted_again = fac.head_ru.split()[-1].isupper() and any(
                    (c.data["subsector"] or c.data["sector"]) == kind_of(sector, subsector) for c in order)
                if not sites and not counted_again:
                    continue  # talk about plants in general, not one plant ("трёх ТЭЦ" told before: those again)
            kind = subsector or sector
            if fac.name_key:
                key = f"{kind}:{fac.name_key}"
            elif sites:
                key = None
            else:
                # The same kind of facility told before in this article: it is that one again.
                earlier = next((c for c in reversed(order) if (c.data["subsector"] or c.data["sector"]) == kind
                                and (not purpose or c.data.get("purpose") in (None, purpose))), None)
                if earlier is not None:
                    # A group told together ("трёх ТЭЦ") is the whole group again.
                    again = [c for c in order if earlier.data.get("group_id") and
                             c.data.get("group_id") == earlier.data["group_id"]] or [earlier]
                    for c in again:
                        c.add("mention", fac.head_ru, fac.head_start, fac.head_end, view.sentence)
                        if c not in introduced:
                            introduced.append(c)
                    continue
                key = None
            if key is not None and key not in claims and fac.name_key:
                same = proper_names.get((sector, fac.name_key))
                if same is not None and not fac.proper and not same.data.get("proper") and \
                        {same.data["subsector"], subsector} - {None, "other"} and same.data["subsector"] != subsector \
                        and None not in (same.data["subsector"], subsector) and "other" not in (same.data["subsector"], subsector):
                    same = None  # "ТЭЦ Алматы" and "ГЭС Алматы": two facilities of one town's name
                if same is not None:
                    key = same.key
                    if same.data["subsector"] in (None, "other") and subsector not in (None, "other"):
                        same.data["subsector"] = subsector  # the more telling word names its kind
            if key is not None and key not in claims and fac.name_place and not re.search(r"\d", fac.name_key or ""):
                # "ТЭЦ «Кокшетау»" and then "Кокчетавская ТЭЦ": one plant named from one town, in two spellings.
                same = place_named.get((kind, _named_place_id(fac, ctx, countries)))
                if same is not None:
                    key = same.key
            if key is not None and key in claims:
                claim = claims[key]
                claim.add("mention", fac.name or fac.head_ru, fac.head_start, fac.head_end, view.sentence)
                introduced.append(claim)
                continue
            if not sites:
                site = _place_from_name(fac, ctx, countries)
                if site is not None:
                    sites, precision = [site], "site"
            if not sites:
                site, where = _country_site(view, ctx, None)
                if site is None and (fac.name or any(m["kind"] in ("capacity", "money") for m in view.mentions)
                                     or purpose):
                    # A facility with a name, figures or its product, placed by the article's country.
                    site, where = _country_site(view, ctx, home)
                if site is None and not fac.name:
                    continue  # nowhere the text says: talk about plants of its kind
                sites, precision = ([site], "country") if site else ([], None)
            group = stable_id(article["article_id"], str(view.sentence.start), fac.label) if len(sites) > 1 else None
            for site in sites or [None]:
                if key is not None and len(sites) <= 1:
                    site_key = key
                else:
                    where = (site or {}).get("entity_id") or ((site or {}).get("normal") or "").lower() or "?"
                    site_key = f"{kind}:{where}"
                    if fac.name and not fac.name_key:
                        site_key += ":" + fac.name.lower()  # "ТЭЦ-2 и ТЭЦ-3 в Алматы": two plants of one town
                    if purpose:
                        # Two plants of one country that make different things are two plants.
                        site_key += ":" + "".join(_name_stem(w) for w in purpose.split()[2:])
                claim = claims.get(site_key) or new_claim(site_key, fac, site, precision, sector, subsector, group, view, purpose)
                if fac.name_key:
                    # "месторождение Кумтор" and "рудник Кумтор": one facility by one name in one article.
                    proper_names.setdefault((sector, fac.name_key), claim)
                    if fac.name_place and not re.search(r"\d", fac.name_key) and site and site.get("entity_id") \
                            and _named_place_id(fac, ctx, countries) == site["entity_id"]:
                        place_named.setdefault((kind, site["entity_id"]), claim)
                    claim.data["proper"] = claim.data.get("proper") or fac.proper
                claim.add("mention", fac.name or fac.head_ru, fac.head_start, fac.head_end, view.sentence)
                if fac.owner and fac.owner[0] not in [e.value for e in claim.evidence if e.field == "partners"]:
                    claim.add("partners", fac.owner[0], fac.owner[1], fac.owner[2], view.sentence)
                if claim not in introduced:
                    introduced.append(claim)
        if view.sentence.text.rstrip().endswith(":"):
            list_intro = view  # "… банк профинансирует такие проекты:"
        elif list_intro is not None and view.paragraph > list_intro.paragraph:
            if LIST_ITEM.match(view.sentence.text) or view.paragraph == list_paragraph:
                list_paragraph = view.paragraph
                if introduced:
                    # Each item of the list is one of "the following": who and what stage the
                    # line before the list tells, every item has.
                    for status, tok in project_statuses(list_intro, grammar):
                        for claim in introduced:
                            claim.add("status", status, tok.start, tok.end, list_intro.sentence)
                    _partners(list_intro, introduced, grammar, homes)
            else:
                list_intro = None
        has_anaphor = bool(set(view.lemmas) & cues.ANAPHORS)
        named_here = [c for c in order if c.data.get("place") and c not in introduced and any(
            m.get("normal") == c.data["place"] for m in view.mentions if m["kind"] == "place")]
        if named_here and not introduced:
            # "Семей и Усть-Каменогорск — по 360 МВт": a sentence naming the sites speaks of them.
            _attributes(view, named_here, False, grammar, homes)
            continue
        if introduced:
            focus, focus_index, chain_index = introduced, view.index, view.index
            targets = introduced
        elif facilities and focus and any(f.plural and not f.name or f.subsector not in (None, "other") and all(
                t.data["subsector"] not in (None, "other", f.subsector) for t in focus) for f in facilities):
            continue  # "в области действуют ещё две ВЭС", "построены солнечные станции": other plants
        elif focus and (view.index - focus_index <= FOLLOW_SENTENCES
                        or has_anaphor and view.index - chain_index <= ANAPHOR_SENTENCES):
            targets = focus
            if has_anaphor:
                chain_index = view.index
        else:
            continue
        _attributes(view, targets, bool(introduced), grammar, homes, grounds=grounds,
                    partners=bool(introduced) or bool(set(view.lemmas) & cues.PARTNER_ROLES))

    # A facility placed only by its country, told beside one of its kind placed more exactly, is that one.
    for claim in list(order):
        if claim.data.get("place_precision") != "country" or claim.data.get("named"):
            continue
        kind = claim.data["subsector"] or claim.data["sector"]
        finer = [c for c in order if c is not claim and (c.data["subsector"] or c.data["sector"]) == kind
                 and c.data.get("country_iso3") == claim.data.get("country_iso3")
                 and c.data.get("place_precision") in ("site", "region")]
        if finer:
            # "ТЭЦ в Казахстане" beside the three plants it is about: their claims, not a fourth plant.
            for target in finer:
                target.evidence += claim.evidence
            order.remove(claim)
    # "электростанция в Кашкадарье", then "солнечная электростанция" and "комплекс в Гузарском районе":
    # an unnamed plant with no point of its own is the one other unnamed plant of its kind the article
    # places (a plant of no fuel said is of the one kind beside it; what each makes must agree).
    def vague(c) -> bool:
        return c.data["subsector"] in (None, "other")

    def akin(a, b) -> bool:
        return a.data["sector"] == b.data["sector"] and (
            a.data["subsector"] == b.data["subsector"] or vague(a) or vague(b)) \
            and a.data.get("country_iso3") == b.data.get("country_iso3") \
            and (a.data.get("purpose") is None or b.data.get("purpose") is None
                 or a.data["purpose"] == b.data["purpose"])

    for claim in list(order):
        if claim.data.get("named") or claim.data.get("place_precision") not in ("country", None):
            continue
        placed = [c for c in order if c is not claim and not c.data.get("named") and akin(claim, c)
                  and (c.data.get("place_precision") in ("site", "region")
                       or c.data.get("place") and not claim.data.get("place"))]
        others = [c for c in order if c is not claim and not c.data.get("named") and akin(claim, c)]
        if len(placed) != 1 or len(others) != 1:
            continue
        target = placed[0]
        if vague(target) and not vague(claim):
            for field_name in ("subsector", "label", "facility_ru"):
                target.data[field_name] = claim.data[field_name]
        target.data["purpose"] = target.data.get("purpose") or claim.data.get("purpose")
        target.evidence += claim.evidence
        order.remove(claim)
    # "Камбаратинская ГЭС-1" then "Камбаратинская ГЭС": the one numbered plant of that name the
    # article tells of, told again without its number.
    for claim in list(order):
        if not claim.data.get("named"):
            continue
        numbered = [c for c in order if c is not claim and c.data.get("named")
                    and c.data.get("facility_ru") == claim.data.get("facility_ru") and re.fullmatch(re.escape(claim.key) + r"[\s-]?\d{1,2}", c.key)]
        if len(numbered) == 1:
            numbered[0].evidence += claim.evidence
            order.remove(claim)
    # "АЭС «Балхаш»" then "атомная электростанция" placed only by its country: the one plant of that
    # kind the article names, told again by its kind. Placed by a region ("в Джалал-Абадской
    # области"), it is that plant when the named one has no place of its own; the region places it.
    for claim in list(order):
        by_region = claim.data.get("place_precision") == "region"
        if claim.data.get("named") or claim.data.get("place_precision") not in ("country", None, "region") \
                or claim.data.get("place") and not by_region:
            continue
        kind = claim.data["subsector"] or claim.data["sector"]
        # "электростанция" with no fuel said is the one named plant of its sector.
        vague = claim.data["subsector"] in (None, "other")
        same = [c for c in order if c is not claim and c.data.get("named")
                and ((c.data["subsector"] or c.data["sector"]) == kind or vague and c.data["sector"] == claim.data["sector"])
                and c.data.get("country_iso3") in (claim.data.get("country_iso3"), None)
                and not (by_region and c.data.get("place_precision") in ("site", "region"))]
        if len(same) == 1:
            if by_region:
                for field_name in ("place", "place_id", "lat", "lon", "place_precision", "country_iso3"):
                    same[0].data[field_name] = claim.data.get(field_name)
            same[0].evidence += claim.evidence
            order.remove(claim)
    # "ТЭЦ Кокшетау" and "ТЭЦ в Кокшетау" in one article: a facility told by its name and by its
    # place is one, when nothing else of its kind stands there.
    for claim in list(order):
        if claim.data.get("named") or not claim.data.get("place"):
            continue
        kind = claim.data["subsector"] or claim.data["sector"]
        same = [c for c in order if c is not claim and c.data.get("named") and c.data.get("place") == claim.data["place"]
                and (c.data["subsector"] or c.data["sector"]) == kind]
        if len(same) == 1:
            same[0].evidence += claim.evidence
            order.remove(claim)
    # Only what the article claims something about is a record: a status, a figure, a partner.
    # A named plant or mine is news by itself; a port or station named on the way is a route's point.
    # A crossing, port or station with only a company beside it ("на пункте пропуска «…», по данным
    # компании …") is a point on a way, not a project.
    def told_of(c) -> bool:
        said = {"mention", "partner_countries"} | ({"partners"} if c.data["sector"] == "transport" else set())
        return any(e.field not in said for e in c.evidence)

    kept = [c for c in order if told_of(c) or c.data.get("named") and c.data["sector"] not in ("transport",)]
    # A plant of no name placed only by its country ("ТЭС в Узбекистане") is a record when a figure
    # or a builder says which one it is; with a status alone it is as often talk of plants in general.
    # What it is to make says which one too ("завод по производству стекла в Таджикистане").
    kept = [c for c in kept if c.data.get("named") or c.data.get("place")
            or any(e.field in FIGURES for e in c.evidence) or _made_here(c, article["text"])]
    for claim in kept:
        _existing(claim, views, grammar)
        if not any(e.field == "partners" for e in claim.evidence):
            _partner_before(claim, views, grammar, homes)
    return kept


LIST_ITEM_NAME = re.compile(r"^\s*(?:[-–—•·▪●*]|\d{1,2}[.)])?\s*(?P<name>[«\"“]?[А-ЯЁA-Z][\w-]*(?:\s+[\w-]+){0,3}?[»\"”]?)"
                            r"\s*(?:[—–-]\s*\d[\d\s,.]*)?\s*(?:[;.,:]|$)")


def _list_item(head: Facility, view) -> Facility | None:
    """A line of a list led by a plural head ("открыли месторождения:" then "• Бешбурхан;"): that kind
    of facility, by the name the line gives it."""
    text = view.sentence.text
    m = LIST_ITEM_NAME.match(text)
    if m is None:
        return None
    name = m.group("name").strip("«»\"“” ")
    start = view.sentence.start + m.start("name")
    end = view.sentence.start + m.end("name")
    if any(x["start"] < end and start < x["end"] and (x["kind"] in ("country", "money", "date") or
                                                      x["kind"] in ("person", "org") and not start <= x["start"] < x["end"] <= end)
           for x in view.mentions):
        return None  # a state or a sum, or a person or company the line tells of: no facility's name
    number = re.search(r"[—–-]\s*(\d{1,2})\s*(?:[;.,:]|$)", text)
    suffix = f"-{number.group(1)}" if number else ""
    return replace(head, head_start=start, head_end=end, first_token=0, last_token=0, plural=False,
                   name=f"{head.head_ru} «{name}{suffix}»", name_key="".join(_name_stem(w) for w in re.split(r"[\s-]+", name) if w) + suffix,
                   name_span=(start, end), name_place=_name_stem(name.split()[0]), proper=True)


PURPOSE_VERBS = r"(?:производству|выпуску|переработке|сборке|изготовлению|выработке|обогащению|выплавке)"
PURPOSE = re.compile(r"^\s*(?:\S+\s+){0,2}по\s+" + PURPOSE_VERBS + r"\s+[а-яё]", re.I)
# "завод по производству минеральных удобрений в …": the product, up to a preposition, a figure or a clause.
PURPOSE_PHRASE = re.compile(r"^\s*(?:[а-яё]+\s+){0,2}(?P<phrase>по\s+" + PURPOSE_VERBS + r"(?:\s+(?!(?:в|во|на|с|со|и|а|для|из|"
                            r"под|при|к|у|до|от|по|мощностью|стоимостью|площадью|общей|объемом|объёмом|котор\w*|что|"
                            r"будет|будут|стоимость|мощность)\b)[а-яё-]+){1,3})", re.I)


def _purpose(text: str, end: int, grammar: Grammar) -> str | None:
    """What a plant of no name is to make, told right after its head: "по производству кирпича"; a verb
    or an adjective left without its noun ends it ("по производству ферросплавов начал работу", "по
    выпуску пищевой, …")."""
    m = PURPOSE_PHRASE.match(text[end:end + 80])
    if m is None:
        return None
    words = m.group("phrase").split()
    verb = next((k for k in range(2, len(words)) if grammar.pos(words[k]) in ("VERB", "INFN", "PRTS", "GRND", "ADVB")),
                len(words))
    words = words[:verb]
    while len(words) > 2 and grammar.pos(words[-1]) in ("ADJF", "PRTF"):
        words.pop()
    return " ".join(words) if len(words) > 2 else None


def _made_here(claim, text: str) -> bool:
    """A plant told with what it makes, right after its head: one plant of one product, not talk of plants."""
    return any(e.field == "mention" and PURPOSE.match(text[e.end:e.end + 60]) for e in claim.evidence)


def _existing(claim, views: list, grammar: Grammar) -> None:
    """A facility the article tells no stage of, but speaks of as at work — an accident at it, ore
    mined at it, people working at it, it changing hands: it is operating. A deposit told as found
    ("обнаружили месторождение", "одним из открытий стало месторождение") is being explored."""
    if any(e.field == "status" for e in claim.evidence):
        return
    starts = {e.start for e in claim.evidence if e.field == "mention"}
    for view in views:
        if not any(view.sentence.start <= s < view.sentence.end for s in starts):
            continue
        words = [t.text for t in view.tokens]
        if set(view.lemmas) & cues.PLAN_WORDS:
            continue

        verbs = [k for k, w in enumerate(words) if grammar.pos(w) == "VERB"]
        # "Добычу на руднике начнут в 2027 году": every finite verb of the sentence is a future one.
        future_only = bool(verbs) and all(grammar.tense(words[k]) == "futr" for k in verbs)

        def planned(i: int) -> bool:  # "будет добываться": a verb of the future beside the word
            return future_only or any(grammar.is_future_or_plan(words, k)
                                      for k in range(max(0, i - 5), min(len(words), i + 6))
                                      if grammar.pos(words[k]) in ("VERB", "INFN"))

        for i, lemma in enumerate(view.lemmas):
            if planned(i):
                continue
            if lemma in cues.DISCOVERY_WORDS and claim.data["sector"] == "mining" and not negated(view.lemmas, i):
                tok = view.tokens[i]
                claim.add("status", "exploration", tok.start, tok.end, view.sentence)
                return
            if (lemma in cues.EXISTING_WORDS or words[i].lower().startswith(cues.EXISTING_STEMS)) \
                    and not negated(view.lemmas, i):
                tok = view.tokens[i]
                claim.add("status", "operating", tok.start, tok.end, view.sentence)
                return


def _coords(site: dict, ctx: Context) -> tuple[float | None, float | None]:
    if site.get("lat") is not None:
        return float(site["lat"]), float(site["lon"])
    place = ctx.gazetteer.places.get(site.get("entity_id") or "")
    if place and place.get("lat"):
        return float(place["lat"]), float(place["lon"])
    return None, None


ELECTRIC_UNITS = ("GW", "MW", "kW", "TW")


def _names_a_facility(m: dict, grammar: Grammar) -> bool:
    facilities, _, _ = _index(grammar.nlp)
    words = re.findall(r"[\w-]+", m.get("surface") or "")
    lemmas = {grammar.nlp.lemma(re.sub(r"-\d+$", "", w)) for w in words}
    return any(len(key) == 1 and key[0] in lemmas for key in facilities)


def _attributes(view, targets: list, own: bool, grammar: Grammar, homes, partners: bool = True,
                grounds: list[tuple[int, int]] = ()) -> None:
    """Status, figures and partners of one sentence, given to the facilities it speaks of."""
    from etl.extract.records import Evidence

    text = view.sentence.text
    group = len(targets) > 1
    lemmas = view.lemma_set
    # Several sites in view: a sentence naming some of their places speaks of those.
    if group:
        named = [c for c in targets if c.data.get("place") and any(
            m.get("normal") == c.data["place"] for m in view.mentions if m["kind"] == "place")]
        each = any(view.lemmas[i] == "по" and i + 1 < len(view.tokens) and view.tokens[i + 1].text[:1].isdigit()
                   for i in range(len(view.lemmas)))
        if named and not own:
            targets, group = named, len(named) > 1 and not each
        elif each:
            group = False
        elif not lemmas & cues.GROUP_CUES:
            group = None  # figures for several sites with no word that they are a total: nobody's
    for status, tok in project_statuses(view, grammar):
        for claim in targets:
            claim.add("status", status, tok.start, tok.end, view.sentence)
    base = view.sentence.start
    mentioned = [(e.end, claim) for claim in targets for e in claim.evidence
                 if e.field == "mention" and base <= e.start < view.sentence.end]
    for m in view.mentions:
        if m["kind"] == "capacity":
            after = text[m["end"] - view.sentence.start:m["end"] - view.sentence.start + 14].lower()
            if "кажд" in after:
                continue  # "40 турбин мощностью 2,5 МВт каждая": one turbine's, not the plant's
            # "Кок-Джар ГЭС в 120 МВт, Ак-Суу ГЭС 95 МВт", "ТЭЦ «А» (240 МВт)": a figure right after
            # one of the facilities a sentence lists is that facility's.
            right_after = [claim for end, claim in mentioned if 0 <= m["start"] - end <= 40 and
                           re.fullmatch(r"(?:\s*[«\"“][^»\"”]{1,40})?[»\"”]?\s*(?:\([^()]{0,12}\)\s*)?(?:в|на|[—–-])?\s*\(?\s*"
                                        r"(?:мощностью)?\s*",
                                        text[end - base:m["start"] - base])]
            if len(targets) > 1 and len(right_after) == 1 and m.get("unit") in ELECTRIC_UNITS:
                right_after[0].add("capacity", (m["value"], m.get("unit")), m["start"], m["end"], view.sentence)
                continue
            unit = m.get("unit")
            for claim in targets:
                electric = claim.data["sector"] == "energy" and claim.data["subsector"] not in (
                    "oil-refining", "gas-processing", "oil-gas")
                if unit == "Gcal/h":
                    field_name = "heat_capacity"
                elif unit in ELECTRIC_UNITS:
                    field_name = "capacity"
                elif unit in ("t/y", "m3") and not electric:
                    field_name = "capacity"
                else:
                    continue
                if group is None:
                    continue
                if group:
                    claim.evidence.append(Evidence("group_" + field_name, m["normal"], m["start"], m["end"], text))
                else:
                    claim.add(field_name, (m["value"], unit), m["start"], m["end"], view.sentence)
        elif m["kind"] == "money":
            before = text[max(0, m["start"] - view.sentence.start - 24):m["start"] - view.sentence.start].lower()
            # "… мощностью 300 МВт — $270 млн": a sum set after a dash beside the facility it introduces.
            dashed = own and re.search(r"\s[—–-]\s*$", before)
            if not (lemmas & cues.COST_CUES or re.search(r"(?:стоимостью|на сумму|в размере|на|за)\s*$", before)
                    or dashed):
                continue
            if m.get("qualifier") == "по" or re.search(r"(?:^|\s)по\s*$", before):
                continue  # "займы по $500 млн каждой стране": a sum each, not the project's
            if lemmas & LENDING_WORDS and not lemmas & STATED_COST:
                continue  # "ЕБРР выделит кредит в $200 млн на проект": money lent, not what the project costs
            value = (m["value"], m.get("unit"), m.get("value_usd"))
            for claim in targets:
                if group is None:
                    continue
                if group:
                    claim.evidence.append(Evidence("group_cost", m["normal"], m["start"], m["end"], text))
                    claim.data.setdefault("group_cost", value)
                else:
                    claim.add("cost", value, m["start"], m["end"], view.sentence)
                    if lemmas & STATED_COST and not claim.data.get("cost_stated"):
                        # "Стоимость проекта оценивается в $4 млрд" outranks a sum put in by one investor.
                        claim.data.update(cost=value, cost_stated=True)
                        mine = claim.evidence.pop()
                        first = next(k for k, e in enumerate(claim.evidence + [mine]) if e.field == "cost")
                        claim.evidence.insert(first, mine)
    # A year is due for each facility the sentence names ("в 2026 году введут линии «А» и «Б»"),
    # unlike a figure, which may be a total.
    for year, start, end in target_years(view, grammar):
        for claim in targets:
            claim.add("target_year", year, start, end, view.sentence)
    if partners:
        _partners(view, targets, grammar, homes, grounds)


PARTNER_BEFORE = 2  # sentences


LEGISLATURE = re.compile(r"(?:Мажилис|Сенат|Парламент|Жогорку\s+Кенеш|Олий\s+Мажлис|Маджлиси|Меджлис|Госдум|"
                         r"Верховн\w+\s+Совет|Милли\s+Меджлис)", re.IGNORECASE)


def _add_partner(claim, name: str, m: dict, view, homes) -> None:
    """An organisation as a partner of a facility, with its home country where one is known."""
    from etl.extract.records import org_country

    if LEGISLATURE.match(name):
        return  # "Мажилис одобрил …": a parliament passes the law, it is no partner of the plant
    claim.add("partners", name, m["start"], m["end"], view.sentence)
    country = org_country(m, view, homes)
    if country:
        claim.add("partner_countries", country, m["start"], m["end"], view.sentence)


def _partner_before(claim, views: list, grammar: Grammar, homes) -> None:
    """A facility no sentence of its own gives a partner: the company the sentences just before it are
    about ("«Кыргызкомур» подвёл итоги года. … открыли разрезы"), named as their subject."""
    from bisect import bisect_right

    from etl.extract.records import _attribution, _preposition_before, org_name

    starts = [v.sentence.start for v in views]
    first = min(e.start for e in claim.evidence if e.field == "mention")
    here = bisect_right(starts, first) - 1
    for view in reversed(views[max(0, here - PARTNER_BEFORE):here + 1]):
        for m in view.mentions:
            if m["start"] >= first and view.index == here:
                break
            if m["kind"] != "org" or m.get("subtype") in ("media", "bloc") or _attribution(view, m["start"]) \
                    or _preposition_before(view, m["start"]) is not None or _names_a_facility(m, grammar):
                continue
            if "nomn" not in grammar.cases(m["surface"].split()[0]) and m["surface"][:1] not in "«\"" \
                    and not re.fullmatch(r"[A-Z][\w&.\- ]+", m["surface"]):
                continue
            name = org_name(m)
            if not name or name in (claim.data.get("name_ru") or ""):
                continue
            _add_partner(claim, name, m, view, homes)
            return


def _partners(view, targets: list, grammar: Grammar, homes, grounds: list[tuple[int, int]] = ()) -> None:
    """The organisations a sentence names, as partners of the facilities it speaks of."""
    from etl.extract.records import _attribution as attribution, _word_before, org_name

    names = [c.evidence[0] for c in targets if c.data.get("named") and c.evidence]
    for m in view.mentions:
        if m["kind"] != "org" or m.get("subtype") in ("media", "bloc") or attribution(view, m["start"]):
            continue
        inside_name = any(m["start"] < e.end and e.start < m["end"] for e in names) or \
            any(m["start"] < b and a < m["end"] for a, b in grounds)
        if _names_a_facility(m, grammar) or inside_name and not (m.get("entity_id") and m.get("kind") == "org"):
            # A facility's name read as an organisation ("Нурекской ГЭС", "СЭЗ «…»"); a company the
            # gazetteer knows that gives the facility its name ("комбинат Qarmet") runs it.
            continue
        if grammar.nlp.lemma(_word_before(view, m["start"])) in cues.TITLE_WORDS:
            continue  # "председатель Сената", "глава Минэнерго": a person's office, not a partner
        name = org_name(m)
        if not name:
            continue
        for claim in targets:
            if name in [e.value for e in claim.evidence if e.field == "partners"] or \
                    name in (claim.data.get("name_ru") or ""):
                continue  # already a partner, or the project's own name
            _add_partner(claim, name, m, view, homes)
    for m in view.mentions:
        # "совместно с Китаем", "при участии Турции": a state that builds or works it with others.
        if m["kind"] == "country" and m.get("via") != "adjective" and not m.get("within") \
                and STATE_PARTNER_BEFORE.search(view.sentence.text[:m["start"] - view.sentence.start]):
            for claim in targets:
                if m["normal"] not in [e.value for e in claim.evidence if e.field == "partners"]:
                    claim.add("partners", m["normal"], m["start"], m["end"], view.sentence)
                    claim.add("partner_countries", m["entity_id"], m["start"], m["end"], view.sentence)


STATE_PARTNER_BEFORE = re.compile(r"(?:совместно|вместе)\s+с[о]?\s+$|при\s+участии\s+$|с\s+участием\s+$|при\s+поддержке\s+$",
                                  re.IGNORECASE)
