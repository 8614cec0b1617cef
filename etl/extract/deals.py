"""Deals: transactions and official acts the article states, with their parties, kind, value and date.

A deal is a verb that is a transaction by itself (купил, инвестировала, запретил, расторгло) or a
noun that names one (соглашение, кредит, санкции, запрет, покупка) with an act beside it
(подписали, выделил, ввели, продлили). Its kind comes from what the words say it is about: an
agreement "о покупке доли" is an acquisition, "о кредите" a loan, one between governments an
intergovernmental agreement. Parties are the organisations and states of its clause and of the
sentence's subject, a capital standing for its state, "стороны"/"страны" for the parties just
named, and "компания"/"холдинг" for the company the article has just named.
"""

from __future__ import annotations

import csv
import re
from functools import lru_cache
from pathlib import Path

from etl.extract.language import negated
from etl.extract.records import _refers_to_occasion
from etl.extract.mentions import Context
from etl.extract.projects import LIST_ITEM, _names_a_facility, find_facilities, grammar_for
from etl.grammars import cues
from etl.nlp import fold

CAPITALS_FILE = Path(__file__).resolve().parents[1] / "gazetteer" / "capitals.csv"
# A capital after one of these is a place ("в Москве", "из Пекина"); otherwise it may stand for its state.
PLACE_PREPOSITIONS = {"в", "во", "на", "из", "до", "через", "под", "около", "близ", "возле", "от", "к", "ко", "по",
                      "у", "вблизи", "рядом", "неподалеку", "над"}


@lru_cache(maxsize=1)
def capitals() -> dict[str, str]:
    """Capital (folded) → ISO3 of its state."""
    with CAPITALS_FILE.open(encoding="utf-8") as handle:
        return {row["name_ru"].lower().replace("ё", "е"): row["iso3"] for row in csv.DictReader(handle)}


def capital_party(m: dict, view, ctx) -> tuple[str, str, dict] | None:
    """"Вашингтон ввёл", "Москва задолжала", "между ФИДЕ и Мехико": a capital standing for its state."""
    from etl.extract.records import _word_before

    if m["kind"] != "place" or m.get("subtype") not in ("city", None):
        return None
    iso3 = capitals().get((m.get("normal") or "").lower().replace("ё", "е"))
    if iso3 is None or _word_before(view, m["start"]) in PLACE_PREPOSITIONS:
        return None
    row = ctx.gazetteer.countries.get(iso3)
    return (row["name_ru"] if row else m["normal"]), iso3, {**m, "kind": "country", "entity_id": iso3, "via": "capital"}


DESCRIBING_ACTS = {"попасть", "оказаться", "подпасть", "находиться", "включить", "внести", "ввести", "привлечь"}
KIND_PRIORITY = ["sanctions", "ban", "contract-termination", "trade-target", "acquisition", "joint-venture", "loan",
                 "investment", "supply-contract", "declaration", "other", "agreement"]
SUBORDINATE = re.compile(r"(?:согласно|по данным|если|когда|хотя|чтобы|по словам|как сообщ)\b")
ABBREVIATED_NOUNS = {"сп": "СП", "sdn": "SDN", "ofac": "OFAC"}
LOCATIVE = ("в", "во", "на")
BAN_KINDS = {"ban", "contract-termination", "trade-target"}
# "Ещё один документ", "другое соглашение": one more, not the one told.
ANOTHER = re.compile(r"\b(?:ещё|еще)\s+(?:один|одна|одно|одного|одной|одним)\b|\bдруг(?:ой|ая|ое|ие|им|ого)\b",
                     re.IGNORECASE)
DEMONSTRATIVES = {"этот", "данный", "соответствующий", "указанный", "такой", "подписанный"}
ROLE_NOUNS = {"победитель", "подрядчик", "генподрядчик", "поставщик"}  # let through only beside a choice or a tender
VENUE_NOUNS = {"заседание", "форум", "саммит", "конференция", "сессия", "съезд", "совещание", "пленум", "выставка",
               "церемония"}
# A bank's money that is a stake or a gift, not a loan; the words that name financing itself.
NOT_LENT = {"акция", "доля", "капитал", "инвестировать", "вложить"} | cues.GRANT_WORDS
FINANCING_WORDS = {"финансирование", "профинансировать", "финансировать", "транш"}
JV_FOUNDING = {"создать", "создание", "учредить", "учреждение", "образовать", "образование", "основать", "зарегистрировать",
               "сформировать", "создаваться", "создаться", "доля", "уставный", "капитал", "партнёр", "партнер"}
SUBSOIL_WORDS = {"разведка", "недропользование", "недра", "добыча", "геологоразведка", "геологический", "разработка"}
GRANT_VERBS = {"получить", "предоставить", "выдать", "передать", "получение", "предоставление", "выдача", "передача",
               "оформить", "приобрести"}
SUPPLY_WORDS = {"поставка", "поставить", "поставлять", "подряд", "подрядчик", "генподрядчик", "epc", "оборудование",
                "закупка", "офтейк", "строительно-монтажный"}


EQUIPMENT = {"оборудование", "турбина", "гидроагрегат", "генератор", "трансформатор", "локомотив", "вагон",
             "реактор", "котёл", "котел", "электровоз", "тепловоз", "агрегат", "техника"}
SUSPEND_VERBS = {"приостановить", "прекратить", "остановить", "приостановка", "прекращение", "ограничить"}
PAYMENT_NOUNS = {"перевод", "платёж", "платеж", "обслуживание", "расчёт", "расчет", "транзакция", "эмиссия",
                 "корреспондентский", "карта"}
# Money earned or owed in the course of business ("получила чистую прибыль", "выплатит дивиденды"): a
# result, not money put into anything.
EARNINGS = {"прибыль", "выручка", "доход", "убыток", "дивиденд", "дивиденды", "налог", "зарплата", "пенсия"}
# A clause told as the reason for what the sentence says ("поскольку банки попали под санкции"): a setting.
CAUSE_CLAUSE = re.compile(r"\s*(?:поскольку|так\s+как|потому\s+что|ибо|оттого\s+что)\b", re.IGNORECASE)
# A body named by its kind alone ("между Правительствами Казахстана и …"): the states are the parties.
GENERIC_BODIES = {"правительство", "министерство", "ведомство", "сторона", "компания", "власть"}
# Supplies measured or chained ("объём поставок", "цепочки поставок"): goods moving, no contract.
SUPPLY_MEASURES = {"объём", "объем", "рост", "снижение", "цепочка", "цепь", "увеличение", "сокращение"}
CONDITION = re.compile(r"\bпри\s+условии\b", re.IGNORECASE)
# A sentence that tells the terms of the agreement just told, not a deal of its own.
TERMS_OF = re.compile(r"\s*(?:по\s+условиям|в\s+рамках|в\s+соответствии\s+с|согласно)\s+(?:(?:этого|данного|нового|"
                      r"подписанного|указанного)\s+)?(?:соглашени|договор|контракт|сделк|меморандум)\w*", re.IGNORECASE)
# An office that speaks for a state ("президент", "глава МИД", "министр энергетики"); not a region's head.
OFFICE = re.compile(r"(?:президент|лидер|глав[аеуы]\b|премьер|министр|председател|посол|канцлер|эмир|корол|монарх)",
                    re.IGNORECASE)
STOPPING_VERBS = {"прекратить", "прекращать", "перестать", "переставать", "отказаться", "отказываться"}
FLOW_VERBS = {"вывозить", "вывезти", "ввозить", "ввезти", "экспортировать", "импортировать", "реэкспортировать",
              "торговля", "торговать", "продавать", "продажа", "поставлять", "транзит"}
WITNESS = re.compile(r"в\s+присутствии\s+(?:[\w-]+\s+){0,3}$", re.IGNORECASE)
CAUSE_BEFORE = re.compile(r"(?:из-за|вследствие|на фоне|в связи с|в обход|обхода|обход|в условиях|несмотря на)"
                          r"\s+(?:[\w-]+\s+){0,2}$")


def _said_as_cause(view, i: int) -> bool:
    start = view.tokens[i].start - view.sentence.start
    return CAUSE_BEFORE.search(view.sentence.text[max(0, start - 40):start].lower()) is not None


def _triggers(view, idx: list[int], grammar) -> list[tuple[object, str, str, bool]]:
    """(token, lemma, kind, is_verb) for every transaction word of a clause."""
    found = []
    lemmas, tokens = view.lemmas, view.tokens
    money = any(m["kind"] == "money" and tokens[idx[0]].start <= m["start"] < tokens[idx[-1]].end for m in view.mentions)
    for i in idx:
        lemma, word = lemmas[i], tokens[i].text
        if negated(lemmas, i, 2):
            continue
        pos = grammar.pos(word)
        verb = grammar.verb_lemma(word)
        if verb in cues.DEAL_VERBS and grammar.tag(word) is not None and (
                pos in ("VERB", "INFN", "PRTS", "GRND") or lemma not in cues.DEAL_NOUNS):
            if pos in ("PRTF", "ADJF") and cues.DEAL_VERBS[verb] in ("ban", "sanctions"):
                continue  # "запрещённой в России организации" describes, it does not ban
            if set(lemmas[max(0, i - 2):i]) & STOPPING_VERBS:
                continue  # "прекратили кредитовать", "перестали инвестировать": the deals stop, none is made
            if cues.DEAL_VERBS[verb] == "ban" and not any(lemmas[j] in cues.RESTRICTED_FLOWS | FLOW_VERBS or
                                                          (grammar.verb_lemma(tokens[j].text) or "") in FLOW_VERBS
                                                          for j in idx):
                continue  # "запрещена перепечатка": a ban is on goods crossing a border
            found.append((tokens[i], verb, cues.DEAL_VERBS[verb], True))
        elif verb in cues.MONEY_VERBS and money and pos in ("VERB", "INFN", "PRTS", "GRND"):
            if any(lemmas[j] in EARNINGS for j in range(max(0, i - 2), min(len(lemmas), i + 4))):
                continue
            found.append((tokens[i], verb, cues.MONEY_VERBS[verb], True))
        elif (verb in SUSPEND_VERBS or lemma in SUSPEND_VERBS) and any(
                lemmas[j] in PAYMENT_NOUNS for j in range(i + 1, min(len(lemmas), i + 5))) and (any(
                m["kind"] == "org" for m in view.mentions) or "«" in view.sentence.text) and not negated(lemmas, i, 2):
            # "Керемет банк приостановил переводы в рубли", "приостановлено обслуживание карт «Мир»": a
            # payment channel closed, an act of its own.
            found.append((tokens[i], verb or lemma, "other", True))
        elif (verb in cues.TERMINATION_VERBS or lemma in cues.TERMINATION_VERBS) and any(
                lemmas[j] in cues.TERMINATION_OBJECTS for j in range(i + 1, min(len(lemmas), i + 8))):
            # "расторгнуть контракт", "о прекращении с 1 мая 2026 года права недропользования": past the date
            found.append((tokens[i], verb or lemma, "contract-termination", True))
        elif lemma in cues.RESTRICTION_NOUNS and any(lemmas[j] in cues.RESTRICTED_FLOWS
                                                     for j in range(i + 1, min(len(lemmas), i + 4))):
            found.append((tokens[i], lemma, "ban", False))
        elif lemma in ("победитель", "подрядчик", "генподрядчик", "поставщик") and not any(
                lemmas[j] in ("тендер", "конкурс", "строительство", "подрядный", "назначить", "выбрать", "определить",
                              "стать", "выступить", "выступать", "назначение")
                for j in range(max(0, i - 5), min(len(lemmas), i + 9))):
            continue
        elif lemma in cues.INVESTMENT_NOUNS and any(lemmas[j] in cues.INVESTMENT_MEASURES for j in range(max(0, i - 3), i)):
            continue  # "общий объём инвестиций составил…", "привлечь инвестиции": a project's total or a goal, not a deal
        elif lemma == "поставка" and any(lemmas[j] in SUPPLY_MEASURES for j in range(max(0, i - 2), i)):
            continue  # "объём поставок нефти", "цепочки поставок": goods moving, not a contract
        elif lemma in cues.DEAL_NOUNS and _said_as_cause(view, i):
            continue  # "из-за западных санкций", "в обход санкций": a cause or a setting, not the act
        elif lemma in cues.DEAL_NOUNS and (pos == "NOUN" or word.upper() == ABBREVIATED_NOUNS.get(lemma)):
            counted = any(tokens[j].text[:1].isdigit() or grammar.pos(tokens[j].text) == "NUMR"
                          for j in range(max(0, i - 2), i))
            if lemma not in cues.PLURAL_DEAL_NOUNS and grammar.is_plural_noun(word) and not (
                    money or counted or _signed_with_named(view, i, lemmas)):
                continue  # "соглашения" in general: talk about deals, not a deal
            found.append((tokens[i], lemma, cues.DEAL_NOUNS[lemma], False))
        elif lemma == cues.JOINT_VENTURE[0] and i + 1 < len(lemmas) and lemmas[i + 1] == cues.JOINT_VENTURE[1]:
            found.append((tokens[i], "совместное предприятие", "joint-venture", False))
        elif verb == "поставить" and grammar.tense(word) == "past" and any(
                lemmas[j] in EQUIPMENT for j in range(max(0, i - 4), min(len(lemmas), i + 5))) and any(
                m["kind"] == "org" for m in view.mentions):
            found.append((tokens[i], verb, "supply-contract", True))  # "оборудование поставила компания Voith"
        elif lemma == "совместный" and i + 1 < len(lemmas) and lemmas[i + 1] in ("заявление", "декларация", "коммюнике"):
            found.append((tokens[i], "совместное заявление", "declaration", True))  # a joint statement is its own act
        elif lemma == "дорожный" and i + 1 < len(lemmas) and lemmas[i + 1] == "карта":
            found.append((tokens[i], "дорожная карта", "declaration", False))  # a roadmap signed or approved
        elif verb == "поручить" and any(lemmas[j] in cues.BUILD_NOUNS for j in range(max(0, i - 3), min(len(lemmas), i + 4))) \
                and any(m["kind"] == "org" and m["start"] > tokens[i].start for m in view.mentions):
            # "строительство поручено консорциуму компаний …": the builder chosen, a construction contract.
            found.append((tokens[i], verb, "supply-contract", True))
        elif lemma in ("право", "лицензия") and any(lemmas[j] in SUBSOIL_WORDS for j in range(i + 1, min(len(lemmas), i + 7))) \
                and any(lemmas[j] in GRANT_VERBS for j in range(max(0, i - 5), min(len(lemmas), i + 3))):
            # "получила право на разведку меди", "выдана лицензия на добычу": subsoil rights granted.
            found.append((tokens[i], lemma, "other", True))
        elif lemma in ("список", "перечень") and i > 0 and lemmas[i - 1] in ("санкционный", "черный", "чёрный"):
            found.append((tokens[i], "санкционный список", "sanctions", False))
    # "СП «Бекпак» не представило отчёт": a joint venture named as it goes about its work is
    # a company, not a venture being set up; only its founding, a signature or a stake is a deal.
    if not set(lemmas) & (JV_FOUNDING | cues.SIGN_VERBS) and not any(t.text == "%" for t in tokens):
        found = [f for f in found if not (f[2] == "joint-venture" and not f[3] and f[1] in ("совместное предприятие", "сп"))]
    # "приобрёл четыре парома", "покупка линейного ускорителя": goods bought, a supply, not a company or a stake.
    return [f if f[2] != "acquisition" or _acquires(view, f[0], lemmas) else (f[0], f[1], "supply-contract", f[3])
            for f in found]


def _signed_with_named(view, i: int, lemmas: list[str]) -> bool:
    """"подписала меморандумы с ЕБРД и АБР": documents in the plural signed with named sides are one act."""
    if not any(lemmas[j] in cues.SIGN_VERBS for j in range(max(0, i - 3), i)):
        return False
    tokens = view.tokens
    for j in range(i + 1, min(len(lemmas), i + 3)):
        if tokens[j].text.lower() in ("с", "со"):
            after = tokens[j].end
            return any(m["kind"] in ("org", "country") and 0 <= m["start"] - after <= 12 for m in view.mentions)
    return False


# A total counted over years ("с 2005 года", "с момента вступления", "за годы независимости", "за
# последние десять лет", "с начала года"), or money of many investors at once with no sum
# ("китайские компании инвестируют в …").
RUNNING_SINCE = re.compile(r"(?:^|[\s,(])(?:с\s+(?:(?:19|20)\d\d\s*(?:года|г\.)|момента|начала\s+(?:года|сотрудничества|"
                           r"независимости|\w+\s+года)|тех\s+пор)|за\s+(?:годы|последние|всё\s+время|все\s+годы|время))",
                           re.IGNORECASE)
MANY_INVESTORS = {"компания", "предприятие", "предприниматель", "инвестор", "бизнес", "бизнесмен", "фирма"}


def _running_total(view, triggers, grammar) -> bool:
    if RUNNING_SINCE.search(view.sentence.text):
        return True
    if any(m["kind"] == "money" for m in view.mentions):
        return False  # "инвесторы из КНР вложат 134 млрд тенге": a pledge with its sum
    first = min(t.start for t, *_ in triggers)
    return any(lemma in MANY_INVESTORS and tok.start < first and grammar.is_plural_noun(tok.text)
               and not any(m["kind"] == "org" and m["start"] <= tok.start < m["end"] for m in view.mentions)
               for tok, lemma in zip(view.tokens, view.lemmas))


def _acquires(view, token, lemmas: list[str]) -> bool:
    """A company, a stake or an asset named as what is bought or sold, near the word."""
    i = next((k for k, t in enumerate(view.tokens) if t.start == token.start), None)
    if i is None:
        return True
    window = range(max(0, i - 4), min(len(lemmas), i + 7))
    if any(lemmas[j] in cues.ACQUIRED_THINGS or view.tokens[j].text == "%" for j in window):
        return True
    lo, hi = view.tokens[window.start].start, view.tokens[window.stop - 1].end
    return any(m["kind"] == "org" and lo <= m["start"] < hi and not (m["start"] <= token.start < m["end"])
               for m in view.mentions)


PAST_FORM = re.compile(r"(?:л|ла|ло|ли|лся|лась|лось|лись|г|гла|гло|гли)$")


def _aims(view) -> bool:
    """A target for trade: "довести до", "цель", "задача", or a rise still to come ("увеличат до $10 млрд");
    a rise told in the past ("увеличился на 14% и достиг $18 млрд") is a result, not a target."""
    for token, lemma in zip(view.tokens, view.lemmas):
        if lemma not in cues.TRADE_TARGET_VERBS:
            continue
        word = token.text.lower()
        if lemma in ("достичь", "достигнуть", "увеличить", "нарастить", "поднять") and PAST_FORM.search(word):
            continue
        return True
    return False


def _kind(triggers, clause_lemmas: set[str], sentence_lemmas: set[str], parties, view) -> str | None:
    kinds = {k for _, _, k, _ in triggers}
    if "trade-target" in kinds:
        money = any(m["kind"] == "money" for m in view.mentions)
        if money and _aims(view):
            return "trade-target"
        kinds.discard("trade-target")
        if not kinds:
            return None
    if "contract-termination" in kinds and not sentence_lemmas & cues.TERMINATION_OBJECTS:
        kinds.discard("contract-termination")
        if not kinds:
            return None
    specific = [k for k in KIND_PRIORITY if k in kinds and k not in ("agreement", "declaration", "supply-contract")]
    if specific:
        kind = specific[0]
    elif "declaration" in kinds and not (clause_lemmas & set(cues.AGREEMENT_KIND_CUES)):
        kind = "declaration"
    elif "инвестиционный" in clause_lemmas and "agreement" in kinds and "межправительственный" not in clause_lemmas:
        kind = "investment"  # "заключили инвестиционное соглашение": what it is, whoever signs it
    elif parties and all(m.get("kind") == "country" or m.get("subtype") == "government" for _, _, m in parties) \
            and (len(parties) >= 2 or "supply-contract" not in kinds):
        # An agreement between states is an intergovernmental one, whatever it is about (supplies too).
        kind = "intergovernmental-agreement"
    else:
        cued = [cues.AGREEMENT_KIND_CUES[l] for l in clause_lemmas if l in cues.AGREEMENT_KIND_CUES] or \
               [cues.AGREEMENT_KIND_CUES[l] for l in sentence_lemmas if l in cues.AGREEMENT_KIND_CUES]
        ranked = [k for k in KIND_PRIORITY if k in cued]
        if "supply-contract" in kinds:
            kind = ranked[0] if ranked and ranked[0] in ("acquisition", "loan", "joint-venture", "investment") \
                else "supply-contract"
        elif "declaration" in kinds and not ranked:
            kind = "declaration"
        elif ranked:
            kind = ranked[0]
        else:
            companies = [m for _, _, m in parties if m.get("kind") == "org" and m.get("subtype") not in ("government", "bloc")]
            kind = "supply-contract" if companies else "intergovernmental-agreement"
    if sentence_lemmas & cues.MILITARY_CUES and kind in ("intergovernmental-agreement", "supply-contract", "declaration"):
        return "military-cooperation"
    if kind in ("intergovernmental-agreement", "supply-contract") and _memorandum(triggers, view):
        # "меморандум о сотрудничестве в сфере …", "соглашение о намерениях": an intent, not yet a
        # contract or a treaty, where no money is stated with it.
        return "declaration"
    lender = any(_is_lender(name, m) for name, _, m in parties)
    if kind in ("investment", "supply-contract") and lender and sentence_lemmas & cues.LOAN_WORDS and \
            not sentence_lemmas & {"акция", "доля", "капитал"}:
        return "loan"  # "кредит ЕБРР", "средства займа, привлечённого от ИБР"
    # The state is a party, or the country the money goes to ("выделит $1,5 млрд на строительство ГЭС в
    # Кыргызстане").
    state = any(m.get("kind") == "country" or m.get("subtype") == "government" for _, _, m in parties) or any(
        m["kind"] == "country" and m.get("via") != "adjective" for m in view.mentions)
    # A development bank or fund lends wherever the money goes ("ЕБРР выделит до $195 млн на строительство
    # электростанции в Кашкадарье", "фонд развития выделил $5 млн на модернизацию депо").
    state = state or any(_develops(name, m) for name, _, m in parties)
    if kind == "investment" and lender and state and not sentence_lemmas & NOT_LENT and \
            any(lemma in cues.MONEY_VERBS or lemma in FINANCING_WORDS for _, lemma, _, _ in triggers):
        # "АБР выделит Узбекистану $3,5 млрд", "Казахстан получит $95 млн от ЕБРР": a development bank's
        # money to a state is lent (sovereign financing), unless the text calls it a grant.
        return "loan"
    if kind == "supply-contract" and lender and not clause_lemmas & SUPPLY_WORDS:
        return "investment"  # a bank's memorandum or agreement is about its money, not about supplies
    return kind


DEVELOPMENT_WORDS = ("развит", "development", "реконструкц", "reconstruction")


@lru_cache(maxsize=1)
def _development_lenders() -> frozenset[str]:
    """Gazetteer organisations whose own names say they are development banks or funds."""
    from etl.gazetteer import load_gazetteer_tables

    found = set()
    for org_id, row in load_gazetteer_tables().orgs.items():
        if row.get("kind") not in ("bank", "state-fund", "fund"):
            continue
        names = " ".join(str(row.get(k) or "") for k in ("name_ru", "aliases_ru", "name_en")).lower()
        if any(w in names for w in DEVELOPMENT_WORDS):
            found.add(org_id)
    return frozenset(found)


def _develops(name: str, m: dict) -> bool:
    """A development bank or fund: named so, or known so to the gazetteer (ЕБРР, АБР, РКФР)."""
    lowered = name.lower()
    return any(w in lowered for w in DEVELOPMENT_WORDS) or (m.get("entity_id") or "") in _development_lenders()


INTENT_WORDS = {"намерение", "взаимопонимание"}


def _memorandum(triggers, view) -> bool:
    """The act is a memorandum or an agreement of intent, and the sentence states no sum."""
    if any(m["kind"] == "money" for m in view.mentions):
        return False
    words = {lemma for _, lemma, _, _ in triggers}
    if words - {"меморандум", "соглашение", "подписать", "заключить", "подписание"}:
        return False
    return "меморандум" in words or bool(view.lemma_set & INTENT_WORDS)


def _is_lender(name: str, m: dict) -> bool:
    words = {w.lower() for w in re.findall(r"\w+", name)}
    return m.get("subtype") == "bank" or bool(words & cues.LENDER_WORDS) or _develops(name, m)


def deal_claims(article: dict, views: list, ctx: Context) -> list:
    from etl.extract.records import (
        ANAPHORA, GENERIC_DEAL_WORDS, Evidence, _attribution, _clauses, _deal_claim, _party, _preposition_before,
        _word_before, org_homes,
    )

    grammar = grammar_for(ctx)
    claims: list = []
    published = article.get("published")
    homes = org_homes(views)
    home = _home_country(views)
    officials = _officials(views, ctx)
    list_intro, list_paragraph = None, -1  # "были подписаны следующие документы:" and the item being read
    for view in views:
        clauses = _clauses(view)
        if not clauses:
            continue
        in_list = False
        facility_names = None  # the names of the facilities the sentence tells, found when a deal is read
        if view.sentence.text.rstrip().endswith(":") and view.lemma_set & cues.DEAL_ACTS:
            list_intro = view
        elif list_intro is not None and view.paragraph > list_intro.paragraph:
            if LIST_ITEM.match(view.sentence.text) or view.paragraph == list_paragraph:
                list_paragraph, in_list = view.paragraph, True
            else:
                list_intro = None
        opening = clauses[0]
        opening_text = article["text"][opening[0]:opening[1]].strip().lower()
        subject_clause = opening if not SUBORDINATE.match(opening_text) else None
        sentence_lemmas = view.lemma_set
        verbs = [grammar.verb_lemma(t.text) for t in view.tokens]
        for c_start, c_end in clauses:
            idx = [i for i, t in enumerate(view.tokens) if c_start <= t.start < c_end]
            if not idx:
                continue
            lemmas = [view.lemmas[i] for i in idx]
            if CAUSE_CLAUSE.match(article["text"][c_start:c_end]):
                continue  # "…, поскольку банки попали под санкции": the reason told, not the act
            triggers = _triggers(view, idx, grammar)
            if not triggers or any(view.lemmas[i] in cues.DEAL_MODALITY and not _said_as_cause(view, i) for i in idx):
                continue  # "грозит санкциями", "риск запрета"; "ввёл запрет из-за угрозы санкций" is still an act
            if any(view.lemmas[i] in cues.PAST_INTENT and grammar.tense(view.tokens[i].text) == "past" for i in idx):
                continue  # "собиралась инвестировать": meant, and told as past
            if any(view.lemmas[i] in cues.INTENT_WORDS for i in idx) and not any(k == "trade-target" for *_, k, _ in triggers):
                continue  # "намерена инвестировать": intended, not yet done
            if CONDITION.search(article["text"][c_start:c_end]):
                continue  # "получит $92 млн при условии отказа …": on a condition, not yet done
            before = [i for i, t in enumerate(view.tokens) if t.start < c_start]
            if re.match(r"\s*что\b", article["text"][c_start:c_end]) and any(
                    view.lemmas[i] in cues.DEAL_MODALITY | cues.INTENT_WORDS for i in before[-4:]):
                continue  # "Ожидается, что инвесторы вложат …": what the clause before expects
            def acting(i: int) -> list[str]:
                # "попавшей под санкции компании" describes; "не вводит никаких санкций" denies.
                if negated(view.lemmas, i, 2) or grammar.pos(view.tokens[i].text) in ("PRTF", "ADJF") and \
                        verbs[i] in DESCRIBING_ACTS:
                    return []
                return [l for l in (view.lemmas[i], verbs[i]) if l in cues.DEAL_ACTS]

            first_cue = min(t.start for t, *_ in triggers)
            # "не ведёт переговоров о покупке": the clause's verb denied denies the deal it names;
            # "о чём договорились": a question.
            denied = any(view.lemmas[i] in ("никакой", "ни") for i in idx) or all(not is_verb for *_, is_verb in triggers) \
                and any(view.lemmas[i] == "не" and i + 1 < len(view.tokens) and view.tokens[i + 1].start < first_cue
                        and grammar.pos(view.tokens[i + 1].text) in ("VERB", "PRTS") for i in idx) \
                or re.search(r"\bо\s+ч[её]м\b", article["text"][c_start:c_end], re.IGNORECASE) is not None
            acts = [l for i in idx for l in acting(i)] or (
                [l for i in range(len(view.tokens)) for l in acting(i)] if (c_start, c_end) != opening else [])
            if not acts and any(lemma in ROLE_NOUNS and "ablt" in grammar.cases(t.text) for t, lemma, _, _ in triggers):
                # "подрядчиком выступит …", "стал победителем тендера": the role taken is the act ("Казахстан как
                # поставщик титана" names no role taken).
                acts = ["выбрать"]
            if in_list and not acts:
                # "• Соглашение между правительствами о …;": an item of what the line before says was signed.
                acts = [l for l in list_intro.lemmas if l in cues.DEAL_ACTS][:1]
            if denied:
                continue
            money_here = [m for m in view.mentions if m["kind"] == "money" and c_start <= m["start"] < c_end]
            orgs_here = [m for m in view.mentions if m["kind"] == "org" and c_start <= m["start"] < c_end]
            takeover = any(k == "acquisition" for _, _, k, _ in triggers) and len(orgs_here) >= 2
            if not any(is_verb for *_, is_verb in triggers) and not acts and not money_here and not takeover:
                continue
            scope = [m for m in view.mentions if c_start <= m["start"] < c_end]
            if subject_clause and subject_clause != (c_start, c_end):
                scope += [m for m in view.mentions if subject_clause[0] <= m["start"] < subject_clause[1]]
            quoted = _quoted_names(view, c_start, c_end, scope, ctx)
            # «Казахтелекома» read as a person is the quoted organisation.
            scope = [m for m in scope if not (m["kind"] == "person" and any(
                q["start"] <= m["start"] and m["end"] <= q["end"] for q in quoted))]
            scope = sorted(scope + quoted, key=lambda m: m["start"])
            parties, located, persons = [], [], []
            if facility_names is None:
                facility_names = [f.name_span for f in find_facilities(view, ctx, grammar) if f.name_span]
            for m in scope:
                if any(a < m["end"] and m["start"] < b for a, b in facility_names):
                    continue  # «Ак-Улак» after "месторождений": the deposit's name, not a party
                if m.get("within"):
                    continue  # "правительство Казахстана": the organisation is the party, with its country
                if m["kind"] == "org" and _names_a_facility(m, grammar):
                    continue  # "Рогунской ГЭС" read as an organisation is the project, not a party
                if m["kind"] == "org" and not m.get("entity_id") and all(
                        grammar.nlp.lemma(w) in GENERIC_BODIES for w in m["surface"].lower().split()):
                    continue  # "между Правительствами …": the body of the states named after it, not a name
                if m["kind"] == "org" and grammar.nlp.lemma(_word_before(view, m["start"])) in VENUE_NOUNS:
                    continue  # "на заседании Совета управляющих", "в рамках форума": where, not who
                p = _party(m, view, homes) or capital_party(m, view, ctx)
                if p is None and m["kind"] == "person" and not _attribution(view, m["start"]) and not WITNESS.search(
                        view.sentence.text[max(0, m["start"] - view.sentence.start - 60):m["start"] - view.sentence.start]):
                    state = officials.get(_surname(m))
                    if state is not None:
                        # An official the article titles signs for the state ("Жапаров и Рахмон подписали").
                        p = (state[0], state[1], {**m, "kind": "country", "entity_id": state[1], "via": "official"})
                    else:
                        persons.append((m["normal"], None, m))  # "в присутствии премьер-министра …" only witnesses
                if p is None:
                    continue
                if m["kind"] == "country" and _preposition_before(view, m["start"]) in LOCATIVE and \
                        "loct" in grammar.cases(m["surface"].split()[0]) | grammar.cases(m["surface"].split()[-1]):
                    located.append(p)  # "в Казахстане": where it happens, a party only for want of another
                    continue
                parties.append(p)
            anchor = list_intro.index if in_list else view.index  # a list's items are as near as its lead
            recent = next((c for c in reversed(claims) if anchor - c.data["sentence_index"] <= 3), None)
            if in_list:
                # A list's items are between the parties its lead names, not those of the item before.
                recent = next((c for c in reversed(claims) if not c.data.get("list_item")
                               and 0 <= anchor - c.data["sentence_index"] <= 3), recent)
            inherited: list[str] = []
            clause_lemmas = set(lemmas)
            first_trigger = min(t.start for t, *_ in triggers)
            subject_noun = any(view.lemmas[i] in cues.ORG_NOUNS and view.tokens[i].start < first_trigger
                               and not any(m["kind"] == "org" and m["start"] <= view.tokens[i].end + 2 and
                                           m["end"] > view.tokens[i].start for m in view.mentions)
                               for i in idx)
            named_before = any(m.get("kind") == "org" and m["start"] < first_trigger for _, _, m in parties)
            if clause_lemmas & cues.ORG_NOUNS and (not any(m.get("kind") == "org" for _, _, m in parties)
                                                   or subject_noun and not named_before):
                # "Холдинг планирует купить…": the company the article has just named.
                org = _recent_org(views, view, {name for name, _, _ in parties})
                if org is not None:
                    p = _party(org[0], org[1], homes)
                    if p is not None:
                        parties.insert(0, (p[0], p[1], {**p[2], "start": view.sentence.start, "end": view.sentence.end}))
            between_them = any(view.lemmas[i] == "между" and i + 1 < len(view.lemmas) and
                               view.lemmas[i + 1] in ANAPHORA | {"правительство"} for i in idx)
            if in_list and recent is not None and len(recent.data["parties"]) >= 2 and (
                    between_them or len(parties) < 2 and (not parties or parties[0][0] in recent.data["parties"])):
                parties = []  # an item of the list is between the parties the list's lead named
            if not parties and ((clause_lemmas | sentence_lemmas) & ANAPHORA or in_list) and recent is not None \
                    and len(recent.data["parties"]) >= 2:
                states = set(recent.data.get("state_names", []))
                parties = [(name, None, {"kind": "country" if name in states else "org", "subtype": None,
                                         "start": view.sentence.start, "end": view.sentence.end})
                           for name in recent.data["parties"]]
                inherited = list(recent.data["party_countries"])
            signed_by_none = any(grammar.pos(view.tokens[i].text) == "PRTS" and
                                 grammar.verb_lemma(view.tokens[i].text) in cues.SIGN_VERBS for i in idx) \
                and _refers_to_occasion(view) and not any(m["kind"] in ("org", "country") for m in view.mentions)
            if not parties and ((clause_lemmas | sentence_lemmas) & ANAPHORA or signed_by_none):
                # "стороны подписали …", and "были подписаны …" with no one named: the states just told of.
                previous = views[view.index - 1:view.index] if view.index else []
                named: dict[str, tuple] = {}
                for v in previous:
                    for m in v.mentions:
                        if m["kind"] == "country" and not _attribution(v, m["start"]) and len(named) < 2:
                            named.setdefault(m["entity_id"], (m["normal"], m["entity_id"], m))
                parties = list(named.values())
            # "договор с турецкими строителями": the states their adjectives name, where no side is named;
            # the states of a compound adjective ("таджикско-китайское соглашение") are sides in any case.
            none_named = not parties
            for m in scope:
                if m["kind"] == "country" and m.get("via") == "adjective" and (none_named or m.get("compound")) \
                        and not _attribution(view, m["start"]):
                    name = m.get("country_name") or ctx.gazetteer.countries.get(m["entity_id"], {}).get("name_ru")
                    if name and name not in [p[0] for p in parties]:
                        parties.append((name, m["entity_id"], m))
            if len(parties) < 2 and persons and not any(m.get("kind") == "country" for _, _, m in parties):
                # A person signs or buys where fewer than two organisations or states are named.
                parties += [p for p in persons if p[0] not in [q[0] for q in parties]]
            subject_lemmas = {view.lemmas[i] for i, t in enumerate(view.tokens)
                              if subject_clause and subject_clause[0] <= t.start < subject_clause[1]}
            if len(parties) == 1 and parties[0][2].get("kind") == "country" and \
                    (clause_lemmas | subject_lemmas) & ANAPHORA:
                # "по договору между двумя странами": the other state, named just before.
                other = next((m for v in reversed(views[max(0, view.index - 2):view.index])
                              for m in v.mentions if m["kind"] == "country" and m.get("via") != "adjective"
                              and m["entity_id"] != parties[0][1] and not _attribution(v, m["start"])), None)
                if other is not None:
                    parties.append((other["normal"], other["entity_id"], other))
            kind = _kind(triggers, clause_lemmas, sentence_lemmas, parties, view)
            if kind is None:
                continue
            if kind in BAN_KINDS | {"sanctions"}:
                # "инициатором запрета выступил вице-премьер …": a state or a body bans, a person proposes.
                parties = [p for p in parties if p[2].get("kind") != "person"]
            if kind in ("investment", "loan") and _running_total(view, triggers, grammar):
                continue  # "с 2005 года китайские компании вложили $27 млрд": a running total, not one deal
            lent_before = next((c for c in reversed(claims) if c.data["kind"] == "loan"
                                and 0 < view.index - c.data["sentence_index"] <= 2), None)
            if kind == "investment" and lent_before is not None and money_here \
                    and not any(_is_lender(name, m) for name, _, m in parties) and not sentence_lemmas & NOT_LENT \
                    and any(lemma in cues.MONEY_VERBS for _, lemma, _, _ in triggers):
                # "ЕБРР организовал два кредита … На первую станцию выделят $277 млн": a part of the loan
                # just told, from the same lender.
                kind = "loan"
                states = set(lent_before.data.get("state_names", []))
                parties = parties + [(name, None, {"kind": "country" if name in states else "org", "subtype": None,
                                                   "start": view.sentence.start, "end": view.sentence.end})
                                     for name in lent_before.data["parties"]
                                     if _is_lender(name, {}) and name not in [p[0] for p in parties]]
            if kind == "intergovernmental-agreement" and money_here and not clause_lemmas & cues.TRADE_TARGET_VERBS \
                    and "межправительственный" not in clause_lemmas:
                kind = "investment"  # "подписали соглашения на $20 млрд": agreements counted by what they invest
            if located and (not any(p[1] for p in parties) or kind in BAN_KINDS):
                parties = located[:1] + parties
            # "подписали соглашения на $20 млрд": documents counted by their sum (not "инвестиции", a plural by nature).
            counted = bool(money_here) and any(grammar.is_plural_noun(t.text) and lemma in cues.AGREEMENT_NOUNS | {"документ"}
                                               for t, lemma, _, is_verb in triggers if not is_verb)
            if not parties and (kind in BAN_KINDS | {"sanctions"} or counted) and home:
                parties = [(home[0], home[1], {"kind": "country", "start": view.sentence.start,
                                               "end": view.sentence.end})]
            if not parties:
                continue
            money = money_here
            if not money and kind in ("supply-contract", "investment", "intergovernmental-agreement", "acquisition",
                                      "loan", "joint-venture"):
                if not money:
                    for v in views[view.index + 1:view.index + 3]:
                        if {"сумма", "стоимость", "оцениваться", "оценить", "стоить"} & v.lemma_set and \
                                {"сделка", "контракт", "соглашение", "кредит", "заём"} & v.lemma_set:
                            money = [m for m in v.mentions if m["kind"] == "money"][:1]
                            break
            # "$24,8 млн (около 10 млрд тенге)": the sum again in another currency, not a second sum.
            money = [m for m in money if not _conversion(m, money, article["text"])]
            # "вложит $100 млн в завод и $50 млн в рудник": sums for different things; "привлёк €600 млн и
            # 3 трлн сумов": the parts of one sum, joined by "и" alone.
            money = [m for k, m in enumerate(money) if k == 0 or
                     article["text"][money[k - 1]["end"]:m["start"]].strip(" ,") not in ("и", "")]
            values = money if kind == "investment" and len(money) > 1 else money[:1]
            cue = triggers[0][1]
            for value in values or [None]:
                claim = _deal_claim(article, view, views, kind, parties, value, published)
                claim.data["cue"] = cue
                if kind == "ban":
                    claim.data["goods"] = _goods(view, grammar)
                if in_list:
                    claim.data["list_item"] = f"{article['article_id']}:{view.sentence.start}"
                claim.data["summary"] = value is None and any(
                    not is_verb and lemma in GENERIC_DEAL_WORDS and (grammar.is_plural_noun(t.text) or _counted(view, t, grammar))
                    for t, lemma, _, is_verb in triggers)  # "подписали четыре документа", "ряд соглашений"
                claim.data["party_countries"] += [c for c in inherited if c not in claim.data["party_countries"]]
                same = _same_deal(claims, claim, value, GENERIC_DEAL_WORDS)
                another = ANOTHER.search(view.sentence.text) is not None
                if same is not None and another and not clause_lemmas & DEMONSTRATIVES:
                    same = None  # "Ещё один документ – План …", "другое соглашение": not the one told
                last = claims[-1] if claims and view.index - claims[-1].data["sentence_index"] <= 6 else None
                if same is None and not in_list and last is not None and not another and (
                        value is None and cue in GENERIC_DEAL_WORDS and (cue == "документ" or clause_lemmas & DEMONSTRATIVES)
                        or TERMS_OF.match(view.sentence.text)):
                    # "Документ должны одобрить…", "данные соглашения откроют…", "По условиям соглашения, … будет
                    # создано СП", "В рамках соглашения агентство получит $70 млн": the deal just told, its terms.
                    same = last
                if in_list and same is not None and (same.data["cue"] != cue or cue in GENERIC_DEAL_WORDS
                                                     or same.data.get("list_item")):
                    same = None  # each item of a list of signed documents is a document of its own
                if same is not None:
                    for name in claim.data["parties"]:
                        if name not in same.data["parties"]:
                            same.data["parties"].append(name)
                    for iso3 in claim.data["party_countries"]:
                        if iso3 not in same.data["party_countries"]:
                            same.data["party_countries"].append(iso3)
                    if value is not None and not same.data.get("value_claimed"):
                        same.data["value_claimed"] = True
                        same.data["sum"] = (value.get("value"), value.get("unit"))
                        same.evidence += [e for e in claim.evidence if e.field == "value"]
                    for name in claim.data.get("state_names", []):
                        if name not in same.data.setdefault("state_names", []):
                            same.data["state_names"].append(name)
                    if same.data["kind"] == "investment" and claim.data["kind"] in ("loan", "acquisition", "joint-venture") \
                            or same.data["kind"] in ("intergovernmental-agreement", "declaration") and \
                            claim.data["kind"] in MONEY_KINDS:
                        # "договорились о строительстве ГЭС", then "заключили инвестиционное соглашение о …":
                        # "выделит $1,3 млрд" told again as "заём в $1,3 млрд": the telling that says what it is.
                        same.data["kind"] = claim.data["kind"]
                        same.evidence = [e for e in same.evidence if e.field != "kind"] + \
                            [e for e in claim.evidence if e.field == "kind"]
                    same.evidence += [e for e in claim.evidence if e.field not in ("kind", "value")]
                    if same.data.get("date_basis") != "text" and claim.data.get("date_basis") == "text":
                        # "Запрет … будет продлён. Запрет будет действовать с 26 ноября": the date told
                        # again with the deal is its own, not its article's.
                        same.data["date"], same.data["date_basis"] = claim.data["date"], "text"
                    continue
                claim.data["value_claimed"] = value is not None
                claim.data["sum"] = (value.get("value"), value.get("unit")) if value is not None else None
                claims.append(claim)
    # "запрет на вывоз …, кроме поставок по договорам": the supplies a ban or sanctions speak of are what is
    # stopped or let through, not a contract of their own.
    measured = {c.data["sentence_start"] for c in claims if c.data["kind"] in BAN_KINDS | {"sanctions"}}
    claims = [c for c in claims if not (c.data["kind"] == "supply-contract" and c.data["sentence_start"] in measured
                                        and c.data.get("cue") in SUPPLY_WORDS)]
    # "Подписаны четыре документа" above the list of them: the documents are the deals, not the count.
    listed = [c for c in claims if c.data.get("list_item")]
    return [c for c in claims if not (c.data.get("summary") and any(
        set(c.data["parties"]) <= set(item.data["parties"]) for item in listed))]


QUOTED = re.compile(r"«([^«»\n]{2,60})»|\"([^\"\n]{2,60})\"")
FACILITY_BEFORE = {"проект", "гэс", "аэс", "тэц", "месторождение", "завод", "станция", "порт", "терминал", "рудник",
                   "комбинат", "фабрика", "газопровод", "нефтепровод", "трубопровод", "дорога", "линия", "программа",
                   "форум", "издание", "газета", "агентство", "телеканал", "портал", "журнал", "сайт", "канал",
                   "концепция", "стратегия", "закон", "указ", "приказ", "операция", "акция", "марка", "бренд"}


def _quoted_names(view, start: int, end: int, scope: list[dict], ctx) -> list[dict]:
    """Names in quotes the NER left out (news puts companies in quotes: «Казахтелеком», «парижский клуб»),
    as organisations of the clause; a quoted name after "ГЭС", "проект", "газета" is not a party."""
    from etl.extract.records import _word_before

    text, base = view.sentence.text, view.sentence.start
    found = []
    for m in QUOTED.finditer(text[start - base:end - base]):
        name = (m.group(1) or m.group(2)).strip()
        s, e = start + m.start(), start + m.end()
        words = name.split()
        if not words or len(words) > 4 or name[-1:] in ".!?:":
            continue
        name_lemmas = {ctx.nlp.lemma(w) for w in words}
        if not name[:1].isupper() and not name_lemmas & (cues.ORG_NOUNS | {"клуб", "союз"}):
            continue  # a quoted phrase, not a name: «восточной многовекторности»
        if name_lemmas & (set(cues.DEAL_NOUNS) | {"карта", "план", "программа", "стратегия"}):
            continue  # «Дорожную карту», «Соглашение о партнёрстве»: the document, not a side to it
        if any(x["start"] < e and s < x["end"] and x["kind"] in ("org", "country", "place", "money", "date")
               for x in scope):
            continue
        if ctx.nlp.lemma(_word_before(view, s)) in FACILITY_BEFORE:
            continue
        found.append({"kind": "org", "entity_id": None, "surface": name, "normal": ctx.nlp.normal_form(name, "ORG"),
                      "start": s, "end": e, "country_iso3": None, "via": "quotes", "subtype": None})
    return found


def _same_deal(claims: list, claim, value, generic_words: set[str]):
    """The same transaction told again in the article ("Документ был подписан…", "Сумма сделки…",
    "Керемет банк, попавший под санкции США, …"): a party in common and no sum that differs."""
    for c in claims:
        if value is not None and c.data.get("value_claimed"):
            # Two sums: the same deal only when they are the same sum ("АБР выделит $3,5 млрд" in the title,
            # "АБР предоставит правительству $3,5 млрд" in the lead), of kinds that both move money.
            if _sum_of(c) == (value.get("value"), value.get("unit")) and (
                    c.data["kind"] == claim.data["kind"] or {c.data["kind"], claim.data["kind"]} <= MONEY_KINDS):
                return c
            continue
        parties, other = _known_as(claim.data["parties"]), _known_as(c.data["parties"])
        shared = parties & other
        organisations = shared - set(claim.data.get("state_names", [])) - set(c.data.get("state_names", []))
        states = set(claim.data.get("state_names", []))
        newcomers = parties - other - states
        if c.data["kind"] == claim.data["kind"] == "sanctions":
            # Sanctions told again: the same targets, or the same authority with no target of its own
            # ("Великобритания ввела санкции против банка…", "…и против криптобиржи": two designations).
            targets, earlier = parties - states, other - set(c.data.get("state_names", []))
            if shared and (targets & earlier or not targets) and states <= set(c.data.get("state_names", [])) | earlier:
                return c
            continue
        if c.data["kind"] == claim.data["kind"] == "ban":
            goods, earlier = claim.data.get("goods", set()), c.data.get("goods", set())
            if _told_as_before(claim, c):
                continue  # "Ранее запрет продлевали в феврале": the ban's earlier term, a deal of its own
            if shared and (not goods or not earlier or goods & earlier):
                return c  # a ban on the same goods told again; a ban on other goods is another ban
            continue
        if c.data["kind"] == claim.data["kind"] and (organisations or len(shared) >= 2) and not newcomers:
            return c
        dated_apart = claim.data.get("date_basis") == "text" and str(claim.data.get("date")) != str(c.data.get("date"))
        if c.data["kind"] == claim.data["kind"] and organisations and _headline(c) and not dated_apart:
            return c  # the headline's deal told in full in the lead: "Казатомпром продал Китаю долю" → "… CGNPC 49%"
        if not (parties <= other or other <= parties or len(shared) >= 2):
            continue
        if c.data["kind"] == claim.data["kind"] or claim.data["cue"] in generic_words | {"сделка"} \
                or claim.data["kind"] == "intergovernmental-agreement":
            if claim.data["cue"] in generic_words | {"сделка"} or claim.data["cue"] == c.data["cue"] \
                    or c.data["kind"] == claim.data["kind"]:
                return c
    return None


def _headline(c) -> bool:
    """The article's first sentence, or a title line among its first few (no full stop; a page's menu
    words may stand above it)."""
    return c.data["sentence_index"] == 0 or c.data["sentence_index"] <= 3 and \
        not c.data["sentence"].rstrip().endswith((".", "!", "?", ":", ";", "»", "\""))


def _known_as(names: list[str]) -> set[str]:
    """Parties with the short names the text gives them in brackets: "Nova Resources B.V. (Bidco)" is Bidco too."""
    known = set(names)
    for name in names:
        m = re.fullmatch(r"(.+?)\s*\(([^()]{2,40})\)", name)
        if m:
            known |= {m.group(1).strip(), m.group(2).strip()}
    return known


def _told_as_before(claim, c) -> bool:
    """A later sentence that tells an earlier act: "Ранее …"/"Напомним, …", or a month of its own before
    the act just told ("в сентябре 2022 года ввели запрет")."""
    if re.match(r"\W*(?:ранее|напомним|прежде)\b", claim.data["sentence"].lower()):
        return True
    mine, theirs = str(claim.data.get("date") or ""), str(c.data.get("date") or "")
    return claim.data.get("date_basis") == "text" and len(mine) >= 7 and len(theirs) >= 7 and mine[:7] < theirs[:7]


def _conversion(m: dict, money: list[dict], text: str) -> bool:
    """A sum in brackets just after another sum: the same money in another currency."""
    return any(o is not m and o["end"] <= m["start"] and
               re.fullmatch(r"\s*[(\[]\s*(?:около|порядка|примерно|более|свыше|почти|~|≈)?\s*", text[o["end"]:m["start"]])
               for o in money)


def _goods(view, grammar) -> set[str]:
    """What a ban stops: the nouns after "вывоз", "экспорт", "ввоз" ("запрет на вывоз скота и сжиженного газа")."""
    found: set[str] = set()
    named = [(m["start"], m["end"]) for m in view.mentions if m["kind"] in ("country", "place", "org")]
    for i, lemma in enumerate(view.lemmas):
        if lemma in cues.RESTRICTED_FLOWS:
            # "на вывоз с территории Кыргызской Республики скота, лошадей": the goods, not where from
            for j in range(i + 1, min(len(view.lemmas), i + 12)):
                tok = view.tokens[j]
                if tok.text in (";", ".", ":") or view.lemmas[j] in ("исключение", "кроме"):
                    break
                if grammar.pos(tok.text) == "NOUN" and view.lemmas[j] not in NOT_GOODS \
                        and not any(a <= tok.start < b for a, b in named):
                    found.add(view.lemmas[j])
    return found


# Where goods go from or how long a ban lasts, said between "вывоз" and the goods.
NOT_GOODS = {"территория", "срок", "страна", "республика", "государство", "граница", "регион", "область", "месяц",
             "год", "день", "период", "рубеж", "пределы", "предел"}


def _counted(view, token, grammar) -> bool:
    """A number just before the noun: "четыре документа", "10 соглашений"."""
    i = next((k for k, t in enumerate(view.tokens) if t.start == token.start), None)
    return i is not None and any(view.tokens[j].text[:1].isdigit() or grammar.pos(view.tokens[j].text) == "NUMR"
                                 for j in range(max(0, i - 2), i))


MONEY_KINDS = {"investment", "loan", "acquisition", "joint-venture", "supply-contract"}


def _sum_of(claim) -> tuple | None:
    """(amount, currency) of a deal's stated value, or None."""
    return claim.data.get("sum")


def _recent_org(views: list, view, taken: set[str]):
    """The organisation last named before this sentence (within two sentences back), or in it before the cue."""
    from etl.extract.records import org_name

    for v in reversed(views[max(0, view.index - 2):view.index + 1]):
        orgs = [m for m in v.mentions if m["kind"] == "org" and m.get("subtype") not in ("media",)
                and org_name(m) not in taken]
        if v is view:
            continue
        if orgs:
            return orgs[0], v
    return None


def _surname(m: dict) -> str:
    return fold(str(m.get("normal") or m["surface"]).split()[-1])


def _officials(views: list, ctx: Context) -> dict[str, tuple[str, str]]:
    """The state each official of the article stands for, by surname, from the article's own words:
    "президент Кыргызстана Садыр Жапаров", "Таджикский лидер Эмомали Рахмон", "министр энергетики КР …"
    — so "Жапаров и Рахмон подписали заявление" is between Kyrgyzstan and Tajikistan."""
    found: dict[str, tuple[str, str]] = {}
    for v in views:
        base, text = v.sentence.start, v.sentence.text
        countries = [m for m in v.mentions if m["kind"] == "country" and m.get("entity_id") not in (None, "EU")
                     and not re.search(r"\b(?:в|во)\s+$", text[max(0, m["start"] - base - 4):m["start"] - base])]
        persons = [m for m in v.mentions if m["kind"] == "person"]
        for p in persons:
            c = next((c for c in reversed(countries) if c["end"] <= p["start"]), None)
            if c is None or p["start"] - c["end"] > 40:
                continue
            between = text[c["end"] - base:p["start"] - base]
            if re.search(r"[,;:—–()]", between) or any(c["end"] <= q["start"] < p["start"] for q in persons):
                continue
            if not OFFICE.search(text[max(0, c["start"] - base - 30):p["start"] - base]):
                continue
            name = ctx.gazetteer.countries.get(c["entity_id"], {}).get("name_ru") or c["normal"]
            found.setdefault(_surname(p), (name, c["entity_id"]))
    return found


def _home_country(views: list) -> tuple[str, str] | None:
    from etl.extract.records import article_countries

    named = article_countries(views)
    iso3 = next(iter(named), None)
    return (named[iso3][0], iso3) if iso3 else None
