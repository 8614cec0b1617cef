"""Claims about routes, projects and deals in one article, each with the sentence it came from.

Reads the article (`article_id`, `text`, `published`) and its mentions; returns claim rows:
- `route_claims`: a named corridor (gazetteer) or a route stated as "из X через Y в Z", with the
  countries in order, a mode and the statuses the sentences claim;
- `project_claims`: one per site (facility × place), with capacity, cost, target year, partners,
  status — from the sentences around the site's mention; a figure stated for several sites
  together is kept once as a group figure;
- `deal_claims`: a transaction the sentence states (signing, investing, banning, sanctioning …),
  with parties, kind, value, date.
Each claim carries its evidence (field, value, offsets, quote). `etl.tabulate` merges claims from
all articles into the records of the warehouse.
"""

from __future__ import annotations

import datetime as dt
from bisect import bisect_left, bisect_right
from collections import Counter
import hashlib
import re
from dataclasses import dataclass, field
from functools import lru_cache
from itertools import zip_longest

from etl.extract.mentions import Context
from etl.grammars import cues
from etl.nlp import NLP, Sentence, Token

LEGAL_FORMS = re.compile(r"^(?:АО|ТОО|ПАО|ООО|ОАО|ЗАО|НАО|ОсОО|ГП|ГУП|НАК|НК|АК|ГК)\s+", re.UNICODE)
QUOTE_CHARS = "«»\"“”„"


def stable_id(*parts: str) -> str:
    return hashlib.sha1("|".join(parts).encode("utf-8")).hexdigest()[:12]


def org_name(m: dict) -> str:
    return m["normal"] if m.get("entity_id") else m.get("surface_full") or clean_org_name(m["surface"])


def clean_org_name(name: str) -> str:
    name = LEGAL_FORMS.sub("", name.strip())
    name = re.sub(r"\s+\d+(?:[.,]\d+)?$", "", name.strip())  # "Shenhua 40% доли": the share, not the name
    return name.strip(QUOTE_CHARS + " ,.")


@dataclass
class SentenceView:
    """One sentence with its tokens, lemmas and the mentions inside it."""

    index: int
    sentence: Sentence
    tokens: list[Token]
    lemmas: list[str]
    mentions: list[dict]
    paragraph: int
    facilities: list | None = None  # what `projects.find_facilities` found in it, kept for the deals

    @property
    def lemma_set(self) -> set[str]:
        return set(self.lemmas)


@dataclass
class Evidence:
    field: str
    value: str
    start: int
    end: int
    quote: str


@dataclass
class Claim:
    record_type: str
    key: str
    article_id: str
    published: dt.date | None
    data: dict = field(default_factory=dict)
    evidence: list[Evidence] = field(default_factory=list)

    def add(self, name: str, value, span_start: int, span_end: int, sentence: Sentence) -> None:
        self.data.setdefault(name, value)
        self.evidence.append(Evidence(name, str(value), span_start, span_end, sentence.text))


def near(views: list[SentenceView], view: SentenceView, back: int, ahead: int) -> list[SentenceView]:
    """The sentences from `back` before `view` to `ahead` after it, in order (views are indexed by position)."""
    return views[max(0, view.index - back):view.index + ahead + 1]


def view_at(views: list[SentenceView], view: SentenceView, offset: int) -> SentenceView:
    """The sentence holding the character at `offset`: looked for around `view` first (where a
    record's figures are read), then anywhere."""
    holds = lambda x: x.sentence.start <= offset < x.sentence.end  # noqa: E731
    return next((x for x in near(views, view, 2, 2) if holds(x)), None) or next(x for x in views if holds(x))


def _views(text: str, mentions: list[dict], ctx: Context) -> list[SentenceView]:
    sentences = ctx.nlp.sentences(text) or [Sentence(0, len(text), text)]
    tokens = ctx.nlp.tokens(text)
    views = []
    paragraph_starts = [0] + [m.end() for m in re.finditer(r"\n", text)]
    by_start = sorted(mentions, key=lambda m: m["start"])
    starts = [m["start"] for m in by_start]
    ti = 0
    for i, s in enumerate(sentences):
        toks = []
        while ti < len(tokens) and tokens[ti].start < s.end:
            if tokens[ti].start >= s.start:
                toks.append(tokens[ti])
            ti += 1
        inside = by_start[bisect_left(starts, s.start):bisect_left(starts, s.end)]
        paragraph = bisect_right(paragraph_starts, s.start) - 1
        views.append(SentenceView(i, s, toks, [ctx.nlp.lemma(t.text) for t in toks], inside, paragraph))
    return views


def _statuses(view: SentenceView, ctx: Context) -> list[tuple[str, Token]]:
    """(status, token) claims a sentence makes of a route; a negated cue claims nothing."""
    from etl.extract.projects import grammar_for

    grammar = grammar_for(ctx)
    words = [t.text for t in view.tokens]
    found = []
    for i, (tok, lemma) in enumerate(zip(view.tokens, view.lemmas)):
        if any(view.lemmas[j] in ("не", "ни") for j in range(max(0, i - 3), i)):
            continue
        status = cues.ROUTE_STATUS_WORDS.get(lemma)
        if lemma in ("первый", "пилотный", "тестовый") and _first_run(view, i):
            status = "launched"  # "первый контейнерный поезд", "пилотный рейс", "первый российский грузовой поезд"
        if status in ("operating", "launched") and grammar.pos(words[i]) in ("VERB", "INFN", "PRTS") \
                and grammar.is_future_or_plan(words, i):
            status = "planned"  # "позволит перевозить", "будет запущен": what is to come
        if status:
            found.append((status, tok))
    return found


FIRST_RUN_NOUNS = {"поезд", "рейс", "состав", "партия", "контейнерный", "грузовой", "паром", "маршрут", "отправка"}


def _first_run(view: SentenceView, i: int) -> bool:
    """"первый … поезд": the noun after "первый", across the adjectives between (up to two)."""
    for k in range(i + 1, min(len(view.lemmas), i + 4)):
        if view.lemmas[k] in FIRST_RUN_NOUNS:
            return True
        if not ADJECTIVE_END.search(view.tokens[k].lower):
            return False
    return False


def _countries(view: SentenceView, skip_adjectives: bool = False) -> list[dict]:
    return [m for m in view.mentions if m["kind"] == "country" and not (skip_adjectives and m.get("via") == "adjective")]


def _direction(surface: str, preposition: str, ctx: Context) -> str | None:
    """'origin', 'via' or 'destination' for a place named after a preposition, by its case."""
    if preposition in ("из", "от"):
        return "origin"
    if preposition in ("с", "со"):
        # "с" is "from" only with the genitive ("с Ираном" is "with Iran").
        cases = {p.tag.case for p in ctx.nlp.morph.parse(surface.split()[0])}
        return "origin" if "gent" in cases and "ablt" not in cases else None
    if preposition in ("через", "по"):
        return "via"
    if preposition in ("в", "во", "на", "до"):
        parses = ctx.nlp.morph.parse(surface.split()[0])
        cases = {p.tag.case for p in parses}
        if "accs" in cases and "loct" not in cases and "loc2" not in cases:
            return "destination"
        if "accs" in cases and parses and parses[0].tag.case == "accs":
            return "destination"
        if "accs" in cases and "Fixd" in parses[0].tag:
            return "destination-if-origin"  # "из КНР в РФ": an indeclinable name after an origin
    return None


# A place's kind between the preposition and its name (lemmas): "из порта Актау", "на станцию Илецк".
FACILITY_BEFORE_PLACE = {"порт", "станция", "город", "г", "терминал", "территория", "столица"}
ADJECTIVE_END = re.compile(r"(?:ый|ий|ой|ая|яя|ое|ее|ую|юю|ые|ие|ых|их|ого|его|ому|ему|ым|им)$")


def _lemmas_before(view: SentenceView, start: int) -> list[tuple[Token, str]]:
    return [(t, lemma) for t, lemma in zip(view.tokens, view.lemmas) if t.end <= start]


def _case_word(view: SentenceView, m: dict) -> str:
    """The word whose case tells a place's role: the place's kind where one stands before it ("в порт
    Махачкалы" goes to the port), else the place's own name."""
    before = _lemmas_before(view, m["start"])
    if before and before[-1][1] in FACILITY_BEFORE_PLACE:
        return before[-1][0].text
    return m["surface"]


def _preposition_before(view: SentenceView, start: int) -> str | None:
    facility = False
    for tok, lemma in reversed(_lemmas_before(view, start)[-4:]):
        if tok.lower in ("из", "от", "через", "в", "во", "на", "до", "по", "с", "со"):
            return tok.lower
        if lemma in FACILITY_BEFORE_PLACE:  # "по территории РК", "из порта Актау"
            facility = True
            continue
        if facility and tok.text.islower() and ADJECTIVE_END.search(tok.lower):
            continue  # "в сухой порт Тегерана": the facility's own adjective
        if tok.text in QUOTE_CHARS:
            continue
        break
    return None


# Energy and raw goods whose sending or receiving by a state is a way between two countries; with no
# mode said, ordinary goods sent are trade, not a route.
SUPPLY_NOUNS = {"энергоснабжение", "электроснабжение", "газоснабжение"}  # lemmas
COMMODITY_FLOWS = {"электроэнергия", "электричество", "нефть", "газ", "нефтепродукт", "уголь", "уран"}
SENDING = {"экспортировать", "экспорт", "поставлять", "поставить", "поставка", "отправить", "отправлять",
           "отгрузить", "отгружать", "перекачивать", "прокачивать", "подавать", "транзит"}
RECEIVING = {"получать", "получить", "импортировать", "импорт", "закупать", "закупить", "закупка", "ввозить",
             "ввезти", "ввоз", "принимать", "принять"}


def _listed(view: SentenceView, m: dict) -> bool:
    """A place joined to the place before it ("в Казахстан и Китай"): it shares that place's role."""
    base = view.sentence.start
    return any(o is not m and o["kind"] in ("country", "place") and o["end"] <= m["start"]
               and re.fullmatch(r"\s*(?:,|и|,\s*и)\s*", view.sentence.text[o["end"] - base:m["start"] - base])
               for o in view.mentions)


def _as_subject(view: SentenceView, m: dict, ctx: Context) -> bool:
    """A state named with no preposition, in the nominative, not as the next item of a list."""
    if m["kind"] != "country" or _preposition_before(view, m["start"]) is not None or _listed(view, m):
        return False
    cases = {p.tag.case for p in ctx.nlp.morph.parse(m["surface"].split()[0])}
    return "nomn" in cases and not cases & {"gent", "datv", "ablt"}


def _nominative_country(view: SentenceView, ctx: Context) -> str | None:
    """The state a sentence names first as its likely subject."""
    return next((m["entity_id"] for m in view.mentions if m.get("via") != "adjective"
                 and m.get("entity_id") not in (None, "EU") and _as_subject(view, m, ctx)), None)


def _subject_country(view: SentenceView, places: list[dict], modes: list[str], ctx: Context,
                     told: str | None = None) -> tuple[str, str] | None:
    """(ISO3, 'origin' | 'destination') of a state named with no preposition, in the nominative, that sends
    or receives energy or raw goods (or anything by a named mode) in the sentence. "Страна" standing for
    the state is the state last told as a subject (`told`)."""
    lemmas = view.lemma_set
    if not (lemmas & COMMODITY_FLOWS or modes):
        return None
    role = "origin" if lemmas & SENDING else "destination" if lemmas & RECEIVING else None
    if role is None or lemmas & SENDING and lemmas & RECEIVING:
        return None
    subject = next((m for m in places if _as_subject(view, m, ctx)), None)
    if subject is not None:
        return subject["country_iso3"], role
    if told and any(t.lower in ("страна", "республика") for t in view.tokens):
        return told, role  # "страна экспортирует электроэнергию в …": the state the sentences before spoke of
    return None


ROUTE_STATUS_REACH = 120  # characters
LINE_WORDS = {"трубопровод", "нефтепровод", "газопровод", "трубопроводный", "система", "магистральный"}


@lru_cache(maxsize=4)
def _operated_lines(gazetteer) -> dict[str, str]:
    """Organisation id → the corridor named after it ("нефтепровод КТК" is the line of the consortium КТК):
    read from the corridors' names, so a line is known by its operator only where its name says so."""
    names: dict[str, str] = {}
    for org_id, row in gazetteer.orgs.items():
        for name in [row["name_ru"], *(row.get("aliases_ru") or "").split("|")]:
            if name:
                names[name.casefold()] = org_id
    lines: dict[str, str] = {}
    for route_id, row in gazetteer.corridors.items():
        for alias in [row["name_ru"], *(row.get("aliases_ru") or "").split("|")]:
            words = alias.split()
            if len(words) >= 2 and words[0].casefold() in LINE_WORDS:
                org = names.get(" ".join(w for w in words[1:] if w.casefold() not in LINE_WORDS).casefold())
                if org:
                    lines.setdefault(org, route_id)
    return lines


def _operators_as_lines(view, ctx: Context) -> list[dict]:
    """"КТК прокачал 60 млн тонн": the company that runs a line, told with what moves on it, is that line."""
    if not view.lemma_set & (cues.FLOW_CUES | COMMODITY_FLOWS):
        return []
    lines = _operated_lines(ctx.gazetteer)
    return [{**m, "kind": "route", "entity_id": lines[m["entity_id"]], "operator": True}
            for m in view.mentions if m["kind"] == "org" and m.get("entity_id") in lines]


BUILDING_STATUSES = {"construction", "pre-construction", "agreed", "shelved", "cancelled"}


def route_claims(article: dict, views: list[SentenceView], ctx: Context) -> list[Claim]:
    from etl.extract.projects import _location_home, grammar_for, project_statuses
    from etl.extract.routes import chain_routes

    grammar = grammar_for(ctx)

    def project_statuses_of(view):
        return project_statuses(view, grammar)

    context_countries = {m["entity_id"] for v in views for m in v.mentions if m["kind"] == "country"}
    ranked = [iso3 for iso3, _ in Counter(m["entity_id"] for v in views for m in v.mentions
                                          if m["kind"] == "country" and m.get("entity_id") not in (None, "EU")).most_common()]
    home = _location_home(views)
    claims: dict[str, Claim] = {}
    passing: dict[str, list] = {}  # corridors named in passing before anything was said of them
    last_flow: tuple[str, str] | None = None
    told_subject: str | None = None  # the state last named as a sentence's subject
    pending: list = []  # lines inside one country told as being built: routes once goods are told on them
    for view in views:
        told_subject = _nominative_country(view, ctx) or told_subject
        named = [m for m in view.mentions if m["kind"] == "route"]
        named += [m for m in _operators_as_lines(view, ctx) if not any(n["entity_id"] == m["entity_id"] for n in named)]
        all_chains = chain_routes(view, ctx, context_countries, project_statuses_of, home) if named else None
        if named and all_chains:
            # "поезд Китай–Кыргызстан–Узбекистан–Афганистан": a chain that runs on past
            # a known corridor's name is a route of its own, through every place it names.
            named = [m for m in named if not any(c["start"] <= m["start"] and m["end"] <= c["end"]
                                                 and c["end"] - c["start"] > m["end"] - m["start"] + 2
                                                 for c in all_chains)]
        lemmas = view.lemma_set
        modes = [cues.ROUTE_MODE_CUES[l] for k, l in enumerate(view.lemmas) if l in cues.ROUTE_MODE_CUES
                 and not (l == "порт" and view.lemmas[k - 1:k] == ["сухой"])]  # a dry port is inland
        if len(set(modes) & {"rail", "road", "sea"}) >= 2:
            modes = ["multimodal"] + modes  # "поездом до Актау, паромом через Каспий": one way by several modes
        statuses = _statuses(view, ctx)
        flowing = bool(lemmas & cues.FLOW_CUES) or any(s in ("blocked", "disrupted", "restricted") for s, _ in statuses)
        building = {st for st, _ in project_statuses_of(view)} & BUILDING_STATUSES if named else set()
        for m in named:
            corridor = ctx.gazetteer.corridors[m["entity_id"]]
            planned = corridor["mode"] in ("rail", "pipeline", "power-line") and building and not flowing
            near_status = [(st, tok) for st, tok in statuses if abs(tok.start - m["start"]) <= ROUTE_STATUS_REACH
                           or abs(tok.start - m["end"]) <= ROUTE_STATUS_REACH]
            if m["entity_id"] not in claims and not flowing and not near_status and not planned \
                    and not lemmas & cues.ROUTE_TOPIC_WORDS:
                passing.setdefault(m["entity_id"], []).append((m, view))
                continue  # a corridor named in passing, nothing said of what moves on it or of its state
            ends = corridor["countries"].split("|")
            last_flow = (ends[0], ends[-1])  # alternatives named later are alternatives to this corridor
            claim = claims.setdefault(m["entity_id"], Claim("route", m["entity_id"], article["article_id"],
                                                            article.get("published"), {"named": True}))
            claim.data.setdefault("countries", corridor["countries"].split("|"))
            for earlier, where in passing.pop(m["entity_id"], []):
                claim.add("mention", earlier["surface"], earlier["start"], earlier["end"], where.sentence)
            claim.add("mention", m["surface"], m["start"], m["end"], view.sentence)
            if planned:
                # A line told of as being built or agreed, with nothing moving on it yet: a project, and
                # the corridor it makes is planned.
                claim.add("status", "planned", m["start"], m["end"], view.sentence)
                continue
            for status, tok in statuses:
                # A status word speaks of the corridor when it stands near its name, not anywhere.
                if abs(tok.start - m["start"]) <= ROUTE_STATUS_REACH or abs(tok.start - m["end"]) <= ROUTE_STATUS_REACH:
                    claim.add("status", status, tok.start, tok.end, view.sentence)
            via = [c["entity_id"] for c in _countries(view, skip_adjectives=True)
                   if _preposition_before(view, c["start"]) == "через"]
            if via:
                claim.add("via", "|".join(via), m["start"], m["end"], view.sentence)
        _crossing_claims(claims, article, view, ctx, grammar, modes, statuses, ranked)
        for pair, (b_start, b_end) in _border_pairs(view, ctx) if lemmas & cues.TRANSPORT_CUES else []:
            # "на кыргызско-казахской границе скопились фуры": the way across that border, whichever
            # state the sentence names first.
            if "flow:" + "-".join(reversed(pair)) in claims:
                pair = list(reversed(pair))
            _flow_claim(claims, article, view, pair, modes, statuses, {"start": b_start, "end": b_end})
            if "flow:" + "-".join(pair) in claims:  # not where a longer route took it in
                claims["flow:" + "-".join(pair)].data["border"] = True
        if all_chains is None:
            all_chains = chain_routes(view, ctx, context_countries, project_statuses_of, home)
        chains = [c for c in all_chains
                  if not any(m["start"] < c["end"] and c["start"] < m["end"] for m in named)]
        if pending and lemmas & cues.FLOW_CUES and lemmas & LINE_ANAPHORS:
            # "Грузы будут быстрее проходить по этой линии": what moves on the line told just before.
            abroad = {c["entity_id"] for c in _countries(view)}
            for chain, told_in, told_modes in pending:
                if view.index - told_in.index <= LINE_FOLLOW and abroad - set(chain["countries"]) \
                        and view.lemma_set & {"маршрут", "коридор"}:
                    _chain_claim(claims, article, told_in, chain, told_modes or modes, statuses, moving=view)
            pending = []
        for chain in chains:
            if not _chain_claim(claims, article, view, chain, modes, statuses):
                pending.append((chain, view, modes))
        if named or chains or not (lemmas & (cues.TRANSPORT_CUES | COMMODITY_FLOWS)):
            continue
        # A route stated in the sentence: "из Китая в Россию", "через Казахстан в Россию".
        # Seas stay in the list only to keep "через Казахстан, Каспийское море и Азербайджан" one list.
        places = [m for m in view.mentions if m["kind"] in ("country", "place") and m.get("via") != "adjective"
                  and (m.get("country_iso3") or m.get("subtype") == "sea") and m.get("subtype") != "continent"]
        legs: list[dict] = []
        current: dict = {"origin": None, "via": [], "destination": None, "start": None, "end": None, "points": {}}
        last: tuple[dict, str] | None = None
        for m in places:
            direction = _direction(_case_word(view, m), _preposition_before(view, m["start"]) or "", ctx)
            joined = last and re.fullmatch(
                r"\s*(?:,|и|,\s*и)\s*", view.sentence.text[last[0]["end"] - view.sentence.start:m["start"] - view.sentence.start])
            if direction is None and joined and last[1] == "via":
                direction = "via"  # "через Казахстан и Азербайджан": the list goes on
            elif direction is None and joined and last[1] == "destination" and current["origin"] is None:
                direction = "destination"  # "поставляет электроэнергию в Афганистан и Пакистан": two ways
            if direction is None and ctx.nlp.lemma(_word_before(view, m["start"])) in SUPPLY_NOUNS:
                direction = "destination"  # "обеспечивает энергоснабжение Афганистана": the state supplied
            if direction == "destination-if-origin":
                direction = "destination" if current["origin"] and not current["destination"] else None
            if direction is None:
                continue
            iso3 = m.get("country_iso3")
            if iso3 is None:  # a sea on the way
                last = (m, direction)
                continue
            if direction in ("origin", "destination") and current[direction]:
                legs.append(current)
                current = {"origin": None, "via": [], "destination": None, "start": None, "end": None, "points": {}}
            if m["kind"] == "place" and direction in ("origin", "destination"):
                # "из порта Актау в порт Астрахани": the towns the way runs between name it.
                current["points"][direction] = _point(m, ctx)
            elif m["kind"] == "place" and direction == "via":
                current["points"].setdefault("via", []).append(_point(m, ctx))
            if direction == "via":
                if iso3 not in current["via"]:
                    current["via"].append(iso3)
            else:
                current[direction] = iso3
            current["start"] = m["start"] if current["start"] is None else current["start"]
            current["end"] = m["end"]
            last = (m, direction)
        legs.append(current)
        adjective_origin = [m["country_iso3"] for m in view.mentions if m.get("via") == "adjective"]
        subject = _subject_country(view, places, modes, ctx, told_subject)
        for leg in legs:
            if leg["start"] is None:
                continue
            origin = leg["origin"] or (adjective_origin[0] if adjective_origin and leg["destination"] else None)
            destination = leg["destination"]
            if subject and (origin is None) != (destination is None):
                # "Узбекистан поставляет электроэнергию в Афганистан", "Киргизия получает
                # электроэнергию из Казахстана": the state that sends or receives is the other end.
                iso3, role = subject
                if role == "origin" and origin is None and iso3 != destination:
                    origin = iso3
                elif role == "destination" and destination is None and iso3 != origin:
                    destination = iso3
            if origin is None and destination is None and leg["via"]:
                if not last_flow:
                    continue
                # "новых маршрутов (через Армению, Монголию, Иран)": each an alternative way for the flow
                # (or corridor) just discussed, not one road through all three.
                for via in leg["via"]:
                    _flow_claim(claims, article, view, [last_flow[0], via, last_flow[1]], modes, statuses, leg,
                                alternative=True)
                continue
            sequence = [c for c in [origin, *leg["via"], destination] if c]
            if len(sequence) < 2 or len(set(sequence)) < 2:
                continue
            _flow_claim(claims, article, view, sequence, modes, statuses, leg)
            ends = [leg["points"].get("origin"), leg["points"].get("destination")]
            claim = claims.get("flow:" + "-".join(c for i, c in enumerate(sequence) if i == 0 or sequence[i - 1] != c))
            if claim is not None and None not in ends and ends[0]["name"] != ends[1]["name"] \
                    and not claim.data.get("places"):
                towns = [ends[0], *leg["points"].get("via", []), ends[1]]
                claim.data["places"] = towns
                claim.add("places", " – ".join(p["name"] for p in towns), leg["start"], leg["end"], view.sentence)
            if origin and destination:
                last_flow = (origin, destination)
    _through_borders(claims)
    _merge_shorter_flows(claims)
    _article_mode(claims, views)
    _fold_flows_into_pipelines(claims, ctx)
    routes = list(claims.values())
    return routes + flow_claims(article, views, routes, grammar)


def _article_mode(claims: dict[str, Claim], views: list[SentenceView]) -> None:
    """A flow whose sentence names no way of carrying takes the article's, where the article names one
    only ("нефть из Казахстана поступит в Германию … по трубопроводу"): the sentence that names it is
    the evidence."""
    told = [(v, t, cues.ROUTE_MODE_CUES[lemma]) for v in views for t, lemma in zip(v.tokens, v.lemmas)
            if lemma in cues.ROUTE_MODE_CUES]
    if not told or len({mode for _, _, mode in told}) > 1:
        return
    view, token, mode = told[0]
    for claim in claims.values():
        if claim.key.startswith("flow:") and "mode" not in claim.data:
            claim.add("mode", mode, token.start, token.end, view.sentence)


def _through_borders(claims: dict[str, Claim]) -> None:
    """"Грузы из Китая в Россию … очередь на казахско-российской границе": goods between two states that
    stand at the border of a third state with one of them pass through that third state — one route."""
    for border in [c for c in claims.values() if c.data.get("border")]:
        first, second = border.data["countries"]
        flow = next((c for c in claims.values() if c.key.startswith("flow:") and not c.data.get("border")
                     and len(c.data["countries"]) >= 2 and (first in c.data["countries"]) != (second in c.data["countries"])
                     and (c.data["countries"][-1] in (first, second) or c.data["countries"][0] in (first, second))), None)
        if flow is None:
            continue
        countries = list(flow.data["countries"])
        if countries[-1] == second:
            countries.insert(len(countries) - 1, first)
        elif countries[-1] == first:
            countries.insert(len(countries) - 1, second)
        elif countries[0] == first:
            countries.insert(1, second)
        else:
            countries.insert(1, first)
        key = "flow:" + "-".join(countries)
        if key in claims:
            continue
        del claims[flow.key], claims[border.key]
        flow.key, flow.data["countries"] = key, countries
        _fold_into(flow, border)
        flow.evidence.append(Evidence("countries", "→".join(countries), border.evidence[0].start,
                                      border.evidence[0].end, border.evidence[0].quote))
        claims[key] = flow


def _fold_flows_into_pipelines(claims: dict[str, Claim], ctx: Context) -> None:
    """"Казахстанскую нефть поставят в Германию … по нефтепроводу «Дружба»": oil or gas sent by pipe to
    a state a pipeline the article names runs through goes by that pipeline, where it names one only."""
    named = [c for c in claims.values() if c.data.get("named")
             and (ctx.gazetteer.corridors.get(c.key) or {}).get("mode") == "pipeline"]
    if len(named) != 1:
        return
    pipeline = named[0]
    for flow in [c for c in claims.values() if c.key.startswith("flow:") and not c.data.get("named")]:
        if flow.data.get("mode") == "pipeline" and flow.data["countries"][-1] in pipeline.data.get("countries", []):
            _fold_into(pipeline, flow)
            del claims[flow.key]


def _merge_shorter_flows(claims: dict[str, Claim]) -> None:
    """"В Германию поступит нефть из Казахстана. … через территорию России": a flow between the same
    two ends that a later sentence tells through more states is one route, the longer one."""
    flows = [c for c in claims.values() if c.key.startswith("flow:") and not c.data.get("named")]
    for short in flows:
        ends = short.data["countries"]
        longer = next((c for c in flows if c is not short and c.key in claims and len(c.data["countries"]) > len(ends)
                       and c.data["countries"][0] == ends[0] and c.data["countries"][-1] == ends[-1]), None)
        if longer is None:
            continue
        _fold_into(longer, short)
        del claims[short.key]


def _fold_into(route: Claim, part: Claim) -> None:
    """A part's evidence joins the route it is part of: its countries become a mention of the route
    (the route's own countries stand), its other claims the route's where the route has none."""
    for e in part.evidence:
        if e.field == "countries":
            e = Evidence("mention", e.value, e.start, e.end, e.quote)
        elif e.field != "mention":
            route.data.setdefault(e.field, e.value)
        route.evidence.append(e)
    route.evidence.sort(key=lambda e: e.start)  # claims in the order the text makes them


FLOW_REACH = 3  # sentences back (or anywhere in its paragraph) a volume may refer to the route last told of


def flow_claims(article: dict, views: list[SentenceView], routes: list[Claim], grammar) -> list[Claim]:
    """Cargo volumes on the article's routes: "за 9 месяцев по коридору перевезли 3,6 млн тонн" — with
    the route of the sentence (or of the last sentences before it), the segment it names, the period
    it is counted over and whether it is actual, planned or a capacity."""
    from etl.grammars.volumes import find_volumes, flow_kind, kind_for_period, period_at

    starts = [v.sentence.start for v in views]
    told: dict[int, list[Claim]] = {}  # view index → the route claims with evidence in it
    for claim in routes:
        for e in claim.evidence:
            k = bisect_right(starts, e.start) - 1
            if claim not in told.setdefault(k, []):
                told[k].append(claim)
    out: list[Claim] = []
    published = article.get("published")
    # Read over the whole text: a sentence splitter cuts "15 тыс. ДФЭ" after its abbreviation.
    by_view: dict[int, list] = {}
    for v in find_volumes(article["text"]):
        by_view.setdefault(bisect_right(starts, v.start) - 1, []).append(v)
    for index, volumes in sorted(by_view.items()):
        view = views[max(0, index)]
        candidates: list[Claim] = []
        for k in range(view.index, -1, -1):
            if view.index - k > FLOW_REACH and views[k].paragraph != view.paragraph:
                break  # sentences come in order, so do paragraphs: nothing further back is in reach
            if k in told:
                candidates = told[k]
                break
        if not candidates:
            continue
        named = [c for c in candidates if c.data.get("named")]
        route = (named or candidates)[0]
        segment = next((" – ".join(p["name"] for p in c.data["places"]) for c in candidates
                        if c is not route and c.data.get("places")), None)
        words = [t.text for t in view.tokens]
        kind = flow_kind(words, view.lemmas, grammar.is_future_or_plan)
        for v in volumes:
            start, end = v.start, v.end
            span = period_at(view.sentence.text, max(0, start - view.sentence.start), published)
            claim = Claim("flow", route.key, article["article_id"], published, {
                "route_key": route.key, "route_named": bool(route.data.get("named")),
                "route_places": [p["name"] for p in route.data.get("places") or []],
                "route_countries": list(route.data.get("countries") or []),
                "segment": segment, "value": v.value, "unit": v.unit,
                "qualifier": v.qualifier, "per": v.per, "kind": kind_for_period(kind, span, published),
                "period_start": span.start if span else None, "period_end": span.end if span else None,
                "period_label": span.label if span else None,
            })
            claim.add("volume", v.surface, start, end, view.sentence)
            out.append(claim)
            if claim.data["kind"] == "actual" and not any(e.field == "status" for e in route.evidence):
                # "за год по маршруту перевезли 4 млн тонн": a way goods were carried on is at work.
                route.add("status", "operating", start, end, view.sentence)
    return out


def _point(m: dict, ctx: Context) -> dict:
    """A place mention as a point of a route: its name, state and coordinates."""
    row = ctx.gazetteer.places.get(m.get("entity_id") or "") or {}
    lat, lon = m.get("lat"), m.get("lon")
    if lat is None and row.get("lat"):
        lat, lon = float(row["lat"]), float(row["lon"])
    return {"name": m["normal"], "iso3": m.get("country_iso3"), "lat": lat, "lon": lon}


def _flow_claim(claims, article, view, sequence, modes, statuses, leg, alternative: bool = False) -> None:
    sequence = [c for i, c in enumerate(sequence) if i == 0 or sequence[i - 1] != c]
    if len(sequence) < 2:
        return
    key = "flow:" + "-".join(sequence)
    if key not in claims and not alternative:
        # "затем автотранспортом в Ош, после чего до туркменского порта": a leg of a route the article
        # has told already, through more of the same countries, is that route again.
        longer = next((c for c in claims.values() if set(sequence) <= set(c.data.get("countries") or [])
                       and len(c.data.get("countries") or []) > len(sequence)), None)
        if longer is not None:
            longer.add("mention", "→".join(sequence), leg["start"], leg["end"], view.sentence)
            return
    claim = claims.setdefault(key, Claim("route", key, article["article_id"], article.get("published"),
                                         {"named": False, "countries": sequence}))
    claim.add("countries", "→".join(sequence), leg["start"], leg["end"], view.sentence)
    if modes:
        claim.add("mode", modes[0], leg["start"], leg["end"], view.sentence)
    if alternative:
        claim.add("status", "planned", leg["start"], leg["end"], view.sentence)
    for status, tok in statuses:
        claim.add("status", status, tok.start, tok.end, view.sentence)


BORDER = re.compile(r"\b([а-яё]+)о-([а-яё]+(?:ой|ую|ая|ом|ий|ого|ое|ые|ых))\s+(?:государственн\w+\s+)?границ", re.IGNORECASE)


CROSSING_CUES = {"граница", "пересечь", "пересекать", "грузопоток", "проходимость", "пропускать", "фура", "грузовик",
                 "большегруз", "движение", "возобновить", "поезд", "вагон", "состав", "передача", "обмен", "очередь",
                 "скопиться", "скопление", "пропускной", "поток", "грузоперевозка"}


def _crossing_claims(claims, article, view, ctx, grammar, modes, statuses, ranked: list[str]) -> None:
    """A border crossing goods pass ("грузопоток через КПП «Иркештам»", "грузовики пересекли границу через
    КПП …"): the way across that border, from the crossing's country to the state on the other side.
    Where the sentence names no state across, the article's most named other state is that side
    (`ranked`: the article's states, most named first)."""
    from etl.extract.projects import _coords, _sites, find_facilities

    lemmas = view.lemma_set
    if not lemmas & (cues.FLOW_CUES | CROSSING_CUES | cues.TRANSPORT_CUES - {"линия", "железнодорожный"}):
        return
    crossings = [f for f in find_facilities(view, ctx, grammar) if f.subsector == "border-crossing" and f.name]
    if not crossings:
        return
    others = [m["entity_id"] for m in view.mentions if m["kind"] == "country" and m.get("entity_id")
              and m["entity_id"] != "EU" and m.get("via") != "adjective"] + \
        [iso3 for pair, _ in _border_pairs(view, ctx) for iso3 in pair]
    text, base = view.sentence.text, view.sentence.start
    for fac in crossings:
        through = re.search(r"(?:через|сквозь)\s+(?:\w+\s+){0,2}$", text[max(0, fac.head_start - base - 40):fac.head_start - base])
        if not through and not lemmas & CROSSING_CUES:
            continue  # "конвейер, установленный на пункте пропуска": a place named, not a way across
        sites, _ = _sites(fac, view, ctx)
        site = next((m for m in sites if m.get("country_iso3")), None)
        home = (site or {}).get("country_iso3")
        across = [c for c in dict.fromkeys(others) if c != home]
        if home is None and len(across) >= 2:
            home, across = across[0], across[1:]
        if not across:
            # "на пункте пропуска «…» скопились фуры" in an article on one border: its two states.
            across = [c for c in ranked if c != home][:1 if home else 2]
            if home is None and len(across) == 2:
                home, across = across[0], across[1:]
        if home is None or not across:
            continue
        lat, lon = _coords(site, ctx) if site else (None, None)

        def country(iso3: str) -> dict:
            return {"name": ctx.gazetteer.countries.get(iso3, {}).get("name_ru", iso3), "iso3": iso3, "lat": None, "lon": None}

        places = [country(home), {"name": site["normal"] if site else fac.name, "iso3": home, "lat": lat, "lon": lon},
                  country(across[0])]
        key = "crossing:" + (fac.name_key or fac.name.lower())
        claim = claims.get(key)
        if claim is None:
            claim = claims[key] = Claim("route", key, article["article_id"], article.get("published"), {
                "named": False, "countries": [home, across[0]], "places": places})
        claim.add("places", fac.name, fac.head_start, fac.head_end, view.sentence)
        claim.add("countries", "→".join([home, across[0]]), fac.head_start, fac.head_end, view.sentence)
        rail = "железнодорожный" in {view.lemmas[i] for i, t in enumerate(view.tokens)
                                     if fac.head_start - 40 <= t.start < fac.head_end}
        claim.add("mode", "rail" if rail else (modes[0] if modes and modes[0] in ("rail", "road") else "road"),
                  fac.head_start, fac.head_end, view.sentence)
        near = [(status, tok) for status, tok in statuses
                if abs(tok.start - fac.head_start) <= ROUTE_STATUS_REACH or abs(tok.start - fac.head_end) <= ROUTE_STATUS_REACH]
        for status, tok in near:
            claim.add("status", status, tok.start, tok.end, view.sentence)
        if not near and lemmas & (cues.FLOW_CUES | CROSSING_CUES) - {"граница", "возобновить"}:
            # "за сутки через стыковой пункт прошло 20 составов": goods told passing, nothing said of a change: it works.
            claim.add("status", "operating", fac.head_start, fac.head_end, view.sentence)


BORDER_OF = re.compile(r"\bграниц[аеуыи]\w*\s+(?:между\s+)?$", re.IGNORECASE)


def _border_pairs(view: SentenceView, ctx: Context) -> list[tuple[list[str], tuple[int, int]]]:
    """Two countries a border is told between: by a compound adjective ("кыргызско-казахской границе" →
    KGZ, KAZ) or by their names ("на границе Казахстана и России", "на границе Казахстана с Китаем")."""
    found = []
    text, base = view.sentence.text, view.sentence.start
    states = [m for m in view.mentions if m["kind"] == "country" and m.get("via") != "adjective"
              and m.get("entity_id") not in (None, "EU")]
    for first, second in zip(states, states[1:]):
        if BORDER_OF.search(text[max(0, first["start"] - base - 30):first["start"] - base]) and \
                re.fullmatch(r"\s+(?:и|с|со)\s+", text[first["end"] - base:second["start"] - base]) and \
                first["entity_id"] != second["entity_id"]:
            found.append(([first["entity_id"], second["entity_id"]], (first["start"], second["end"])))
    for m in BORDER.finditer(view.sentence.text):
        first = m.group(1).lower() + "ий"
        second = m.group(2).lower()
        entries = [ctx.gazetteer.forms.get((w.replace("ё", "е"),)) for w in (first, second)]
        if all(e is not None and e.kind == "country" for e in entries) and entries[0].entity_id != entries[1].entity_id:
            start = view.sentence.start + m.start()
            found.append(([entries[0].entity_id, entries[1].entity_id], (start, view.sentence.start + m.end())))
    return found


LINE_ANAPHORS = {"линия", "дорога", "магистраль", "участок", "трасса", "ветка", "путь", "она"}
LINE_FOLLOW = 2  # sentences after the line's


def _chain_claim(claims, article, view, chain, modes, statuses, moving=None) -> bool:
    """The route of a chain of places; False where the chain is a line inside one country ("строительство
    участка Кызылжар – Мойынты", "открыто движение по участку …", "реконструкция трассы «…»"): that is a
    project, and a route once it is told as a route abroad (`moving`: the sentence that tells it: "эта
    линия станет частью маршрута в Узбекистан")."""
    names = [p["name"] for p in chain["places"]]
    key = "via:" + "-".join(n.lower() for n in names)
    if any(f.subsector == "border-crossing" and f.name_span and f.name_span[0] <= chain["start"] < f.name_span[1]
           and "crossing:" + (f.name_key or f.name.lower()) in claims for f in view.facilities or []):
        return True  # "через пограничный переход «Достык – Алашанькоу»": the crossing's own name, told as its route
    claim = claims.get(key)
    before = view.sentence.text[:chain["start"] - view.sentence.start]
    if not chain["countries"] and moving is None:
        return True  # "маршрут «Восток – Запад»": ends no map knows, a direction rather than a way
    if moving is None and len(set(chain["countries"])) < 2 and not re.search(r"маршрут\w*\s*[«\"]?\s*$", before):
        return False  # "контейнеры по маршруту Достык – Мойынты – Бейнеу" is a route told as one
    if claim is None:
        claim = claims[key] = Claim("route", key, article["article_id"], article.get("published"), {
            "named": False, "countries": chain["countries"],
            "places": [{k: p[k] for k in ("name", "iso3", "lat", "lon")} for p in chain["places"]]})
    claim.add("places", " – ".join(names), chain["start"], chain["end"], view.sentence)
    if chain["countries"]:
        claim.add("countries", "→".join(chain["countries"]), chain["start"], chain["end"], view.sentence)
    if moving is not None:
        # The word that refers back to the line, in the sentence that tells what moves on it.
        tok = next(t for t, lemma in zip(moving.tokens, moving.lemmas) if lemma in LINE_ANAPHORS)
        claim.add("mention", tok.text, tok.start, tok.end, moving.sentence)
        for status, at in statuses:
            claim.add("status", status, at.start, at.end, moving.sentence)
        if modes:
            claim.add("mode", modes[0], tok.start, tok.end, moving.sentence)
        return True
    if modes:
        claim.add("mode", modes[0], chain["start"], chain["end"], view.sentence)
    if chain.get("building"):
        # "строительство линии Бахты – Аягоз началось": the way is planned; what else the sentence
        # says ("запуск", "открытие") is of the building, not of traffic.
        claim.add("status", "planned", chain["start"], chain["end"], view.sentence)
        return True
    for status, tok in statuses:
        if abs(tok.start - chain["start"]) <= ROUTE_STATUS_REACH or abs(tok.start - chain["end"]) <= ROUTE_STATUS_REACH:
            claim.add("status", status, tok.start, tok.end, view.sentence)
    return True


def _word_before(view: SentenceView, start: int) -> str:
    before = [t for t in view.tokens if t.end <= start and t.text not in QUOTE_CHARS]
    return before[-1].lower if before else ""


ORG_COUNTRY_REACH = 60  # characters: "канадской корпорации Ivanhoe Mines", "Telf AG, швейцарской компанией"


def org_country(m: dict, view: SentenceView, homes: dict[str, str] | None = None) -> str | None:
    """An organisation's home country: the gazetteer's; else a country adjective beside it
    ("канадской корпорации Ivanhoe Mines", "Telf AG, швейцарской компанией"), here or elsewhere in
    the article; else the nearest country name in the same sentence that is not a source."""
    if m.get("country_iso3"):
        return m["country_iso3"]
    near = _nearby_countries(m, view)
    adjacent = [iso3 for d, iso3, via in near if d <= 1 and via != "adjective"]
    if adjacent:  # "Минфин США", "правительство Казахстана": the country named right after it
        return adjacent[0]
    adjectives = [(d, iso3) for d, iso3, via in near if via == "adjective"]
    if adjectives:
        return min(adjectives)[1]
    name = org_name(m)
    if homes and name in homes:
        return homes[name]
    names = [(d, iso3) for d, iso3, via in near if via != "adjective"]
    return min(names)[1] if names else None


def _nearby_countries(m: dict, view: SentenceView) -> list[tuple[int, str, str]]:
    found = []
    for c in view.mentions:
        if c["kind"] != "country" or c is m or _attribution(view, c["start"]):
            continue
        distance = m["start"] - c["end"] if c["end"] <= m["start"] else c["start"] - m["end"]
        if 0 <= distance <= ORG_COUNTRY_REACH:
            found.append((distance, c["entity_id"], c.get("via")))
    return found


def canonical_orgs(mentions: list[dict]) -> None:
    """"Condor" after "Condor Energies" in one article is the same company: give it the full name."""
    names = {clean_org_name(m["surface"]) for m in mentions if m["kind"] == "org" and not m.get("entity_id")}
    for m in mentions:
        if m["kind"] != "org" or m.get("entity_id"):
            continue
        short = clean_org_name(m["surface"])
        longer = [n for n in names if n != short and n.startswith(short + " ")]
        if len(longer) == 1:
            m["surface_full"] = longer[0]


def org_homes(views: list[SentenceView]) -> dict[str, str]:
    """Home countries the article itself gives its organisations through adjectives."""
    homes: dict[str, str] = {}
    for view in views:
        for m in view.mentions:
            if m["kind"] == "org" and not m.get("country_iso3"):
                adjectives = [(d, iso3) for d, iso3, via in _nearby_countries(m, view) if via == "adjective"]
                if adjectives:
                    homes.setdefault(org_name(m), min(adjectives)[1])
    return homes


def article_countries(views: list[SentenceView]) -> dict[str, list[str]]:
    """The states an article names (an organisation's own country included: "правительство РК"), most
    named first, each with the forms it is named by."""
    named: dict[str, list[str]] = {}
    for view in views:
        for m in view.mentions:
            if m["kind"] == "country" and m.get("entity_id") not in (None, "EU"):
                named.setdefault(m["entity_id"], []).append(m["normal"])
    return dict(sorted(named.items(), key=lambda item: -len(item[1])))


def _attribution(view: SentenceView, start: int) -> bool:
    """A name inside "согласно сообщению Акорды" / "по данным …" is the source, not a party."""
    before = view.sentence.text[max(0, start - view.sentence.start - 60):start - view.sentence.start].lower()
    return bool(re.search(
        r"(?:согласно|по данным|по словам|по информации|сообщ\w*|со ссылкой на|передает|передаёт|пишет|пишут|"
        r"информирует)\s+(?:\w+\s+){0,2}[«\"„“]?$", before)
        or re.search(r"\bкак\s+(?:уточня\w*|отмеча\w*|поясня\w*|пиш\w*|переда\w*|сообща\w*)\s+[«\"„“]?$", before)
        or re.search(r"(?:агентств\w*|издани\w*|газет\w*|портал\w*|телеканал\w*|сайт\w*)\s+[«\"„“]?$", before)
        # "Вестник – Компания …": a dateline, the outlet that opens the text with a dash
        or not view.sentence.text[:start - view.sentence.start].strip() and re.match(
            r"[«\"„“]?[\w .-]{1,30}?[»\"”]?\s+[—–-]\s", view.sentence.text[start - view.sentence.start:]) is not None
        # "как «Вестник» писал ранее", "«Вестник» сообщил, что …": the outlet that reported it
        or re.match(r"[«\"„“]?[\w .-]{1,30}[»\"”]?\s+(?:писал|писала|писали|пишет|сообщал\w*|сообщил\w*|сообщает)\b",
                    view.sentence.text[start - view.sentence.start:]))


def _deal_date(view: SentenceView, views: list[SentenceView], published: dt.date | None) -> tuple[str | None, dict | None]:
    restating = [x for x in near(views, view, 0, 2)[1:]
                 if {"соглашение", "сделка", "контракт", "договор", "документ"} & x.lemma_set
                 and x.lemma_set & cues.DEAL_ACTS]
    # "25 марта в Ташкенте прошёл бизнес-форум. В ходе форума подписаны …": the occasion told just
    # before, with its date, dates what was signed at it.
    occasion = [x for x in reversed(near(views, view, 2, 0)[:-1]) if _tells_occasion(x)
                and (_tells_occasion(view) or _refers_to_occasion(view))][:1]
    for v in [view] + restating + occasion:
        for m in v.mentions:
            if m["kind"] != "date" or m.get("qualifier") == "target":
                continue
            normal = m["normal"]
            if re.fullmatch(r"--\d\d", normal):
                if published:
                    month = int(normal[2:])
                    year = published.year if month <= published.month else published.year - 1
                    return f"{year}-{month:02d}", m
                continue
            if normal.startswith("--") and published:
                # A day without a year: the article's own year, moved back where that lands well after
                # publication ("с 26 ноября" in a story of 20 November is this November, a date just ahead).
                month_day = normal[2:]
                candidate = f"{published.year}-{month_day}"
                try:
                    if dt.date.fromisoformat(candidate) > published + dt.timedelta(days=DAYS_AHEAD):
                        candidate = f"{published.year - 1}-{month_day}"
                except ValueError:
                    continue
                return candidate, m
            if not normal.startswith("-"):
                return normal, m
    if published:
        # "сегодня подписали", "вчера объявили": relative to the article's own date.
        for i, lemma in enumerate(view.lemmas):
            shift = RELATIVE_DAYS.get(lemma)
            if shift is not None:
                token = view.tokens[i]
                day = (published - dt.timedelta(days=shift)).isoformat()
                return day, {"start": token.start, "end": token.end}
    return None, None


RELATIVE_DAYS = {"сегодня": 0, "вчера": 1, "позавчера": 2}
DAYS_AHEAD = 45  # how far past its article's date a day without a year may still be this year's
OCCASION_NOUNS = {"форум", "саммит", "визит", "переговоры", "встреча", "заседание", "конференция", "выставка",
                  "церемония", "совещание", "сессия"}


ABOUT_OCCASION = re.compile(r"(?:^|\s)(?:в ходе|в рамках|на полях|по итогам|по результатам|там же|тогда же)\b")


def _tells_occasion(view: SentenceView) -> bool:
    return any(lemma.rsplit("-", 1)[-1] in OCCASION_NOUNS for lemma in view.lemmas)  # "бизнес-форум" too


def _refers_to_occasion(view: SentenceView) -> bool:
    """"В ходе …", "в рамках …", "на полях …", "там же": a sentence that goes on about an occasion just told."""
    return ABOUT_OCCASION.search(view.sentence.text.lower()) is not None


CLAUSE_BREAK = re.compile(r",(?=\s)|;|\s[—–]\s")
# Words that retell a deal already told rather than name a new one ("Документ был подписан в Лондоне").
GENERIC_DEAL_WORDS = {"документ", "соглашение", "договор", "договориться", "план"}
ANAPHORA = {"страна", "сторона", "государство"}  # "Страны намерены…": the parties are the countries just named


def _clauses(view: SentenceView) -> list[tuple[int, int]]:
    """Absolute (start, end) of the comma-separated clauses of a sentence."""
    bounds, last = [], view.sentence.start
    for m in CLAUSE_BREAK.finditer(view.sentence.text):
        bounds.append((last, view.sentence.start + m.start()))
        last = view.sentence.start + m.end()
    bounds.append((last, view.sentence.end))
    return [b for b in bounds if b[1] > b[0]]


# Where a person comes from or whose citizen he is ("уроженец Узбекистана"): no side of anything.
ORIGIN = re.compile(r"(?:урожен(?:ец|ц|к)|выход(?:ец|ц)|граждан)\w*\s+$", re.IGNORECASE)


def _party(m: dict, view: SentenceView, homes: dict[str, str]) -> tuple[str, str | None, dict] | None:
    if _attribution(view, m["start"]):
        return None
    if m["kind"] == "country" and ORIGIN.search(view.sentence.text[max(0, m["start"] - view.sentence.start - 20):
                                                                   m["start"] - view.sentence.start]):
        return None
    if m["kind"] == "country" and m.get("via") != "adjective":
        return m["normal"], m["entity_id"], m
    if m["kind"] == "org" and m.get("subtype") not in ("media",):
        name = org_name(m)
        return (name, org_country(m, view, homes), m) if name else None
    return None


def _deal_claim(article, view, views, kind, parties, money, published) -> Claim:
    key = stable_id(article["article_id"], str(view.sentence.start), str(money["start"]) if money else "")
    claim = Claim("deal", key, article["article_id"], published, {"kind": kind})
    claim.data["parties"], claim.data["party_countries"] = [], []
    for name, country, m in parties:
        if name in claim.data["parties"]:
            continue
        claim.data["parties"].append(name)
        if m.get("kind") == "country":
            claim.data.setdefault("state_names", []).append(name)
        if country and country not in claim.data["party_countries"]:
            claim.data["party_countries"].append(country)
        claim.evidence.append(Evidence("parties", name, m["start"], m["end"], view.sentence.text))
    claim.evidence.append(Evidence("kind", kind, view.sentence.start, view.sentence.end, view.sentence.text))
    if money:
        v = view_at(views, view, money["start"])
        claim.add("value", (money["value"], money.get("unit"), money.get("value_usd"), money.get("qualifier")),
                  money["start"], money["end"], v.sentence)
    date, m = _deal_date(view, views, published)
    if date:
        v = view_at(views, view, m["start"])
        claim.add("date", date, m["start"], m["end"], v.sentence)
        claim.data["date_basis"] = "text"
    elif published:
        # Told with no date of its own: the deal is dated by the article that reports it, and says so.
        claim.data["date"] = published.isoformat()
        claim.data["date_basis"] = "published"
    lemmas = view.lemmas
    sector = next((cues.SUBSECTOR_CUES[l][0] for l in lemmas if l in cues.SUBSECTOR_CUES), None)
    if kind == "military-cooperation":
        sector = "defence"
    elif kind in ("sanctions", "ban", "trade-target"):
        sector = sector or "trade"
    claim.data.update(sector=sector, sentence=view.sentence.text, sentence_index=view.index,
                      sentence_start=view.sentence.start,
                      routes=[m["entity_id"] for m in view.mentions if m["kind"] == "route"],
                      places=[m["normal"] for m in view.mentions if m["kind"] == "place"
                              and m.get("subtype") not in ("continent", "region", "sea")])
    return claim


def extract_records(article: dict, mentions: list[dict], ctx: Context) -> list[Claim]:
    from etl.extract.deals import deal_claims
    from etl.extract.projects import project_claims

    canonical_orgs(mentions)
    views = _views(article["text"], mentions, ctx)
    projects = project_claims(article, views, ctx)
    deals = deal_claims(article, views, ctx)
    _signatories_as_partners(projects, deals)
    return route_claims(article, views, ctx) + projects + deals


PARTNERING_DEALS = {"investment", "loan", "supply-contract", "intergovernmental-agreement", "joint-venture",
                    "acquisition", "declaration"}


def _signatories_as_partners(projects: list[Claim], deals: list[Claim]) -> None:
    """"Кыргызстан и Китай подписали соглашение о разработке месторождения …": who signs to build,
    finance or work a facility in the sentence that names it is its partner."""
    names = [p.data.get("name_ru") or "" for p in projects]
    for deal in deals:
        if deal.data["kind"] not in PARTNERING_DEALS:
            continue
        start = deal.data["sentence_start"]
        end = start + len(deal.data["sentence"])
        parties = [e for e in deal.evidence if e.field == "parties" and start <= e.start < end]
        if not parties:
            continue
        for project in projects:
            if not any(e.field == "mention" and start <= e.start < end for e in project.evidence):
                continue
            known = {e.value for e in project.evidence if e.field == "partners"}
            added = False
            for e in parties:
                if e.value not in known and not any(e.value in name for name in names):  # not a facility's name
                    project.evidence.append(Evidence("partners", e.value, e.start, e.end, e.quote))
                    project.data.setdefault("partners", e.value)
                    known.add(e.value)
                    added = True
            if added:
                countries = {e.value for e in project.evidence if e.field == "partner_countries"}
                for iso3 in deal.data["party_countries"]:
                    if iso3 not in countries:
                        project.evidence.append(Evidence("partner_countries", iso3, start, end, deal.data["sentence"]))
                        countries.add(iso3)
