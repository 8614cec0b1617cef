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
import hashlib
import re
from dataclasses import dataclass, field
from functools import lru_cache
from itertools import zip_longest

from etl.extract.mentions import Context
from etl.grammars import cues
from etl.nlp import NLP, Sentence, Token

ADJACENT_SENTENCES = 2
LEGAL_FORMS = re.compile(r"^(?:АО|ТОО|ПАО|ООО|ОАО|ЗАО|НАК|НК|АК|ГК)\s+", re.UNICODE)
QUOTE_CHARS = "«»\"“”„"


def stable_id(*parts: str) -> str:
    return hashlib.sha1("|".join(parts).encode("utf-8")).hexdigest()[:12]


def org_name(m: dict) -> str:
    return m["normal"] if m.get("entity_id") else m.get("surface_full") or clean_org_name(m["surface"])


def clean_org_name(name: str) -> str:
    name = LEGAL_FORMS.sub("", name.strip())
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


def _views(text: str, mentions: list[dict], ctx: Context) -> list[SentenceView]:
    sentences = ctx.nlp.sentences(text) or [Sentence(0, len(text), text)]
    tokens = ctx.nlp.tokens(text)
    views = []
    paragraph_starts = [0] + [m.end() for m in re.finditer(r"\n", text)]
    ti = 0
    for i, s in enumerate(sentences):
        toks = []
        while ti < len(tokens) and tokens[ti].start < s.end:
            if tokens[ti].start >= s.start:
                toks.append(tokens[ti])
            ti += 1
        inside = [m for m in mentions if s.start <= m["start"] < s.end]
        paragraph = sum(1 for p in paragraph_starts if p <= s.start) - 1
        views.append(SentenceView(i, s, toks, [ctx.nlp.lemma(t.text) for t in toks], inside, paragraph))
    return views


def _statuses(view: SentenceView, ctx: Context) -> list[tuple[str, Token]]:
    """(status, token) claims in a sentence; a negated cue claims nothing, except a negated build verb."""
    found = []
    for i, (tok, lemma) in enumerate(zip(view.tokens, view.lemmas)):
        negated = any(view.lemmas[j] == "не" for j in range(max(0, i - 3), i))
        if lemma in cues.BUILD_VERBS and negated:
            found.append(("stalled", tok))
            continue
        status = cues.STATUS_CUES.get(lemma)
        if status and not negated:
            found.append((status, tok))
    return found


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


def _preposition_before(view: SentenceView, start: int) -> str | None:
    before = [t for t in view.tokens if t.end <= start]
    for tok in reversed(before[-3:]):
        if tok.lower in ("из", "от", "через", "в", "во", "на", "до", "по", "с", "со"):
            return tok.lower
        if tok.lower == "территории":  # "по территории РК"
            continue
        if tok.text in QUOTE_CHARS:
            continue
        break
    return None


def route_claims(article: dict, views: list[SentenceView], ctx: Context) -> list[Claim]:
    claims: dict[str, Claim] = {}
    last_flow: tuple[str, str] | None = None
    for view in views:
        named = [m for m in view.mentions if m["kind"] == "route"]
        lemmas = view.lemma_set
        modes = [cues.ROUTE_MODE_CUES[l] for l in view.lemmas if l in cues.ROUTE_MODE_CUES]
        statuses = _statuses(view, ctx) + [(cues.ROUTE_STATUS_CUES[l], t) for t, l in zip(view.tokens, view.lemmas)
                                           if l in cues.ROUTE_STATUS_CUES and named]
        for m in named:
            corridor = ctx.gazetteer.corridors[m["entity_id"]]
            ends = corridor["countries"].split("|")
            last_flow = (ends[0], ends[-1])  # alternatives named later are alternatives to this corridor
            claim = claims.setdefault(m["entity_id"], Claim("route", m["entity_id"], article["article_id"],
                                                            article.get("published"), {"named": True}))
            claim.data.setdefault("countries", corridor["countries"].split("|"))
            claim.add("mention", m["surface"], m["start"], m["end"], view.sentence)
            for status, tok in statuses:
                claim.add("status", status, tok.start, tok.end, view.sentence)
            via = [c["entity_id"] for c in _countries(view, skip_adjectives=True)
                   if _preposition_before(view, c["start"]) == "через"]
            if via:
                claim.add("via", "|".join(via), m["start"], m["end"], view.sentence)
        if named or not (lemmas & cues.TRANSPORT_CUES):
            continue
        # A route stated in the sentence: "из Китая в Россию", "через Казахстан в Россию".
        # Seas stay in the list only to keep "через Казахстан, Каспийское море и Азербайджан" one list.
        places = [m for m in view.mentions if m["kind"] in ("country", "place") and m.get("via") != "adjective"
                  and (m.get("country_iso3") or m.get("subtype") == "sea") and m.get("subtype") != "continent"]
        legs: list[dict] = []
        current: dict = {"origin": None, "via": [], "destination": None, "start": None, "end": None}
        last: tuple[dict, str] | None = None
        for m in places:
            direction = _direction(m["surface"], _preposition_before(view, m["start"]) or "", ctx)
            if direction is None and last and last[1] == "via" and re.fullmatch(
                    r"\s*(?:,|и|,\s*и)\s*", view.sentence.text[last[0]["end"] - view.sentence.start:m["start"] - view.sentence.start]):
                direction = "via"  # "через Казахстан и Азербайджан": the list goes on
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
                current = {"origin": None, "via": [], "destination": None, "start": None, "end": None}
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
        for leg in legs:
            if leg["start"] is None:
                continue
            origin = leg["origin"] or (adjective_origin[0] if adjective_origin and leg["destination"] else None)
            destination = leg["destination"]
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
            if origin and destination:
                last_flow = (origin, destination)
    return list(claims.values())


def _flow_claim(claims, article, view, sequence, modes, statuses, leg, alternative: bool = False) -> None:
    key = "flow:" + "-".join(sequence)
    claim = claims.setdefault(key, Claim("route", key, article["article_id"], article.get("published"),
                                         {"named": False, "countries": sequence}))
    claim.add("countries", "→".join(sequence), leg["start"], leg["end"], view.sentence)
    if modes:
        claim.add("mode", modes[0], leg["start"], leg["end"], view.sentence)
    if alternative:
        claim.add("status", "planned", leg["start"], leg["end"], view.sentence)
    for status, tok in statuses:
        claim.add("status", status, tok.start, tok.end, view.sentence)


@lru_cache(maxsize=1)
def _facility_index(nlp: NLP) -> dict[tuple[str, ...], tuple]:
    """The facility words as the lemmatiser sees them ("ветровой" → "ветровый"), built once."""
    return {tuple(nlp.lemma(w) for w in words): facility for words, facility in cues.FACILITIES.items()}


def _facilities(view: SentenceView, ctx: Context) -> list[tuple[int, int, tuple[str, str | None, str], list[str]]]:
    """(start, end, facility, surface) for every facility noun in the sentence."""
    index = _facility_index(ctx.nlp)
    found = []
    i = 0
    while i < len(view.tokens):
        for length in (2, 1):
            key = tuple(view.lemmas[i:i + length])
            if len(key) == length and key in index:
                found.append((view.tokens[i].start, view.tokens[i + length - 1].end, index[key],
                              [t.text for t in view.tokens[i:i + length]]))
                i += length
                break
        else:
            i += 1
    return found


def _sites(view: SentenceView, facility_end: int) -> list[dict]:
    """Places that hold the facility: named in the locative ("в посёлке Улкен", "в Кокшетау, Семее и
    Усть-Каменогорске") or right after the facility noun ("месторождении Колкудук")."""
    sites: list[dict] = []
    specific = [m for m in view.mentions if m["kind"] == "place" and m.get("subtype") not in ("continent", "sea", "region")]
    # Where the sentence names no town, the region is the site ("в Жамбылской области").
    # Regions inside a country (listed ones carry their country; NER's are unlisted), not "Central Asia".
    regions = [m for m in view.mentions if m["kind"] == "place" and m.get("subtype") == "region"
               and (m.get("country_iso3") or m.get("via") == "ner")]
    # A place before the facility noun says where something else happened ("Вчера в Астане
    # подписали меморандум о строительстве завода"); a basin may stand before the deposit it is.
    after = [m for m in specific or regions if m["start"] >= facility_end or m.get("subtype") == "basin"]
    for m in after:
        between = view.sentence.text[facility_end - view.sentence.start:m["start"] - view.sentence.start]
        right_after = 0 <= m["start"] - facility_end and not between.strip(" «»\"")
        preposition = _preposition_before(view, m["start"])
        locative = preposition in ("в", "во", "на")
        listed = bool(sites) and re.fullmatch(r"\s*(?:,|и|,\s*и)\s*", view.sentence.text[
            sites[-1]["end"] - view.sentence.start:m["start"] - view.sentence.start]) is not None
        village = _word_before(view, m["start"]) in ("поселке", "посёлке", "селе", "городе", "районе", "городе")
        if right_after or locative or listed or village:
            sites.append(m)
    return sites


def _word_before(view: SentenceView, start: int) -> str:
    before = [t for t in view.tokens if t.end <= start and t.text not in QUOTE_CHARS]
    return before[-1].lower if before else ""


def _partners(views: list[SentenceView]) -> list[dict]:
    seen, partners = set(), []
    for view in views:
        for m in view.mentions:
            if m["kind"] != "org" or m.get("subtype") in ("media", "bloc") :
                continue
            name = org_name(m)
            if name and name not in seen:
                seen.add(name)
                partners.append({"name": name, "mention": m, "view": view})
    return partners


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


def _attribution(view: SentenceView, start: int) -> bool:
    """A name inside "согласно сообщению Акорды" / "по данным …" is the source, not a party."""
    before = view.sentence.text[max(0, start - view.sentence.start - 40):start - view.sentence.start].lower()
    return bool(re.search(r"(?:согласно|по данным|по словам|по информации|сообщ\w*)\s+(?:\w+\s+){0,2}$", before))


MINING_SUBSECTORS = {"copper", "lithium", "titanium", "uranium", "rare-earths", "coal"}
RECENT_SENTENCES = 12  # how far back a figure with no place of its own looks for the sites it is about


def _subsector(sector: str, subsector: str | None, window: list[SentenceView]) -> tuple[str, str | None]:
    """A plant's fuel or a deposit's mineral from the words around it (nearest sentence first)."""
    if subsector is not None and sector != "mining":
        return sector, subsector
    for view in window:
        for lemma in view.lemmas:
            found = cues.SUBSECTOR_CUES.get(lemma)
            if not found:
                continue
            if sector == "mining" and found[0] == "mining" and found[1] in MINING_SUBSECTORS:
                return "mining", found[1]
            if sector == "energy" and found == ("mining", "coal"):
                return "energy", "coal-power"
            if sector == "energy" and found[0] == "energy":
                return "energy", found[1]
            if sector == "other":  # "завод по производству ядерного топлива": the industry it serves
                return found
    return sector, subsector if sector != "mining" else "other"


def project_claims(article: dict, views: list[SentenceView], ctx: Context) -> list[Claim]:
    claims: dict[str, Claim] = {}
    country_votes: dict[str, int] = {}
    for view in views:
        for c in _countries(view):
            country_votes[c["entity_id"]] = country_votes.get(c["entity_id"], 0) + 1
    home = max(country_votes, key=country_votes.get) if country_votes else None
    homes = org_homes(views)
    by_place: dict[str, list[Claim]] = {}
    anchored: dict[int, list[Claim]] = {}

    # Pass 1: sites — a facility noun and the places that hold it.
    for view in views:
        for f_start, f_end, (sector, subsector, label), surface in _facilities(view, ctx):
            label_key = tuple(ctx.nlp.lemma(w) for w in surface)
            sites = _sites(view, f_end)
            if not sites and sector == "mining":
                follow = re.match(r"\s+«?([А-ЯЁӘҒҚҢӨҰҮҺІA-Z][\w-]+)", view.sentence.text[f_end - view.sentence.start:])
                if follow:
                    name = follow.group(1)
                    sites = [{"kind": "place", "entity_id": None, "normal": name, "surface": name,
                              "start": f_end + follow.start(1), "end": f_end + follow.end(1),
                              "country_iso3": None, "subtype": "site"}]
            if not sites:
                continue
            window = sorted((v for v in views if abs(v.index - view.index) <= ADJACENT_SENTENCES),
                            key=lambda v: abs(v.index - view.index))
            sector_here, subsector_here = _subsector(sector, subsector, window)
            group = stable_id(article["article_id"], str(view.sentence.start), label) if len(sites) > 1 else None
            for site in sites:
                key = f"{subsector_here or sector_here}:{site.get('entity_id') or site['normal'].lower()}"
                claim = claims.get(key)
                if claim is None:
                    lat, lon = _coords(site, ctx)
                    claim = claims[key] = Claim("project", key, article["article_id"], article.get("published"), {
                        "sector": sector_here, "subsector": subsector_here, "label": label,
                        "facility_ru": _facility_name(label_key), "place": site["normal"], "place_id": site.get("entity_id"),
                        "country_iso3": site.get("country_iso3") or home, "group_id": group, "lat": lat, "lon": lon,
                    })
                    by_place.setdefault(site["normal"], []).append(claim)
                claim.add("mention", " ".join(surface), f_start, f_end, view.sentence)
                anchored.setdefault(view.index, [])
                if claim not in anchored[view.index]:
                    anchored[view.index].append(claim)
                paragraph = [v for v in views if v.paragraph == view.paragraph and abs(v.index - view.index) <= ADJACENT_SENTENCES]
                for v in paragraph:
                    for status, tok in _statuses(v, ctx):
                        claim.add("status", status, tok.start, tok.end, v.sentence)
                for partner in _partners(paragraph):
                    m = partner["mention"]
                    claim.add("partners", partner["name"], m["start"], m["end"], partner["view"].sentence)
                    country = org_country(m, partner["view"], homes)
                    if country:
                        claim.add("partner_countries", country, m["start"], m["end"], partner["view"].sentence)

    # Pass 2: figures — each sentence's capacity, cost and target year go to the sites it is about.
    recent: list[Claim] = []
    recent_index = -10
    for view in views:
        if view.index in anchored:
            recent, recent_index = anchored[view.index], view.index
        named = []
        for m in view.mentions:
            for claim in by_place.get(m.get("normal") or "", []):
                if claim not in named:
                    named.append(claim)
        lemmas = view.lemma_set
        each = any(view.lemmas[i] == "по" and i + 1 < len(view.tokens) and view.tokens[i + 1].text[:1].isdigit()
                   for i in range(len(view.lemmas)))
        if len(named) == 1:
            targets, group = named, False
        elif len(named) > 1:
            targets, group = (named, False) if each else (named, bool(lemmas & cues.GROUP_CUES))
            if not each and not group:
                continue
        elif recent and view.index - recent_index <= RECENT_SENTENCES and (
                _facilities(view, ctx) or lemmas & (cues.COST_CUES | cues.CAPACITY_CUES | cues.GROUP_CUES | cues.TARGET_CUES)
                or view.index == recent_index):
            targets = recent
            group = len(recent) > 1
            if group and not (lemmas & cues.GROUP_CUES):
                continue
        else:
            continue
        _figures(view, targets, group)
    return list(claims.values())


def _facility_name(lemmas: tuple[str, ...]) -> str:
    """The facility noun in its dictionary form: "АЭС", "теплоэлектроцентраль", "месторождение"."""
    return " ".join(w.upper() if len(w) <= 4 and w.isalpha() else w for w in lemmas)


def _coords(site: dict, ctx: Context) -> tuple[float | None, float | None]:
    if site.get("lat") is not None:
        return site["lat"], site["lon"]
    place = ctx.gazetteer.places.get(site.get("entity_id") or "")
    if place and place.get("lat"):
        return float(place["lat"]), float(place["lon"])
    return None, None


def _figures(view: SentenceView, targets: list[Claim], group: bool) -> None:
    lemmas = view.lemma_set
    for m in view.mentions:
        if m["kind"] == "capacity" and m.get("unit") in ("GW", "MW", "kW", "TW", "Gcal/h"):
            field_name = "heat_capacity" if m["unit"] == "Gcal/h" else "capacity"
            for claim in targets:
                if group:
                    claim.evidence.append(Evidence("group_" + field_name, m["normal"], m["start"], m["end"], view.sentence.text))
                else:
                    claim.add(field_name, (m["value"], m["unit"]), m["start"], m["end"], view.sentence)
        elif m["kind"] == "money" and lemmas & cues.COST_CUES:
            value = (m["value"], m.get("unit"), m.get("value_usd"))
            for claim in targets:
                if group:
                    claim.evidence.append(Evidence("group_cost", m["normal"], m["start"], m["end"], view.sentence.text))
                    claim.data.setdefault("group_cost", value)
                else:
                    claim.add("cost", value, m["start"], m["end"], view.sentence)
        elif m["kind"] == "date" and re.fullmatch(r"\d{4}", m.get("normal") or "") and lemmas & cues.TARGET_CUES \
                and re.search(r"(?:^|\s)(?:к|до)\s+" + m["normal"], view.sentence.text, re.IGNORECASE):
            for claim in targets:
                claim.add("target_year", int(m["normal"]), m["start"], m["end"], view.sentence)


def _deal_date(view: SentenceView, views: list[SentenceView], published: dt.date | None) -> tuple[str | None, dict | None]:
    restating = [x for x in views if 0 < x.index - view.index <= 2
                 and {"соглашение", "сделка", "контракт", "договор", "документ"} & x.lemma_set
                 and x.lemma_set & cues.DEAL_ACTS]
    for v in [view] + restating:
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
                # A day without a year: the article's own year, moved back if that lands after publication.
                month_day = normal[2:]
                candidate = f"{published.year}-{month_day}"
                try:
                    if dt.date.fromisoformat(candidate) > published:
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


CLAUSE_BREAK = re.compile(r",(?=\s)|;|\s[—–]\s")
# Words that retell a deal already told rather than name a new one ("Документ был подписан в Лондоне").
GENERIC_DEAL_WORDS = {"документ", "соглашение", "договор", "договориться", "план"}
ANAPHORA = {"страна", "сторона"}  # "Страны намерены…": the parties are the countries just named


def _clauses(view: SentenceView) -> list[tuple[int, int]]:
    """Absolute (start, end) of the comma-separated clauses of a sentence."""
    bounds, last = [], view.sentence.start
    for m in CLAUSE_BREAK.finditer(view.sentence.text):
        bounds.append((last, view.sentence.start + m.start()))
        last = view.sentence.start + m.end()
    bounds.append((last, view.sentence.end))
    return [b for b in bounds if b[1] > b[0]]


def _party(m: dict, view: SentenceView, homes: dict[str, str]) -> tuple[str, str | None, dict] | None:
    if _attribution(view, m["start"]):
        return None
    if m["kind"] == "country" and m.get("via") != "adjective":
        return m["normal"], m["entity_id"], m
    if m["kind"] == "org" and m.get("subtype") not in ("media",):
        name = org_name(m)
        return (name, org_country(m, view, homes), m) if name else None
    return None


def deal_claims(article: dict, views: list[SentenceView], ctx: Context) -> list[Claim]:
    claims: list[Claim] = []
    published = article.get("published")
    homes = org_homes(views)
    for view in views:
        clauses = _clauses(view)
        if not clauses:
            continue
        opening = clauses[0]
        opening_text = article["text"][opening[0]:opening[1]].strip().lower()
        subject_clause = opening if not re.match(r"(?:согласно|по данным|если|когда|хотя|чтобы)\b", opening_text) else None
        for c_start, c_end in clauses:
            idx = [i for i, t in enumerate(view.tokens) if c_start <= t.start < c_end]
            lemmas = [view.lemmas[i] for i in idx]
            cue_tokens = [(view.tokens[i], view.lemmas[i]) for i in idx if view.lemmas[i] in cues.DEAL_CUES]
            # The act may sit in the clause or in the sentence's main clause ("объявило о заключении сделки").
            acts = [l for l in lemmas if l in cues.DEAL_ACTS] or (
                [l for l in view.lemmas if l in cues.DEAL_ACTS] if (c_start, c_end) != opening else [])
            cue_tokens = [(t, l) for t, l in cue_tokens if (l in cues.PLURAL_DEAL_NOUNS or not _plural(t, ctx))
                          and not _attributive(t, ctx)]
            if not cue_tokens or not acts:
                continue
            scope = [m for m in view.mentions if c_start <= m["start"] < c_end]
            if subject_clause and subject_clause != (c_start, c_end):
                scope += [m for m in view.mentions if subject_clause[0] <= m["start"] < subject_clause[1]]
            parties = [p for p in (_party(m, view, homes) for m in sorted(scope, key=lambda m: m["start"])) if p]
            recent_deal = next((c for c in reversed(claims) if view.index - c.data["sentence_index"] <= 3), None)
            inherited: list[str] = []
            if not parties and set(lemmas) & ANAPHORA and recent_deal is not None:
                # "стороны также подписали меморандум": the parties of the deal just told.
                parties = [(name, None, {"kind": "org", "subtype": None, "start": view.sentence.start,
                                         "end": view.sentence.end}) for name in recent_deal.data["parties"]]
                inherited = list(recent_deal.data["party_countries"])
            if not parties and set(lemmas) & ANAPHORA:
                # "страны подписали": the two countries the previous sentence names first, adjectives
                # included ("Французский лидер … Казахстану" → France and Kazakhstan).
                previous = [v for v in views if v.index == view.index - 1 and v.paragraph == view.paragraph]
                named: dict[str, tuple] = {}
                for v in previous:
                    for m in v.mentions:
                        if m["kind"] == "country" and not _attribution(v, m["start"]) and len(named) < 2:
                            named.setdefault(m["entity_id"], (m["normal"], m["entity_id"], m))
                parties = list(named.values())
            if not parties:
                continue
            kind = _deal_kind([cues.DEAL_CUES[l] for _, l in cue_tokens], view, parties)
            money = [m for m in view.mentions if m["kind"] == "money" and c_start <= m["start"] < c_end]
            if not money and kind in ("supply-contract", "investment", "intergovernmental-agreement"):
                # "Официальная сумма сделки превышает 32,2 млрд тенге": the value a sentence or two on.
                for v in views:
                    if 0 < v.index - view.index <= 2 and {"сумма", "стоимость"} & v.lemma_set and {"сделка", "контракт", "соглашение"} & v.lemma_set:
                        money = [m for m in v.mentions if m["kind"] == "money"][:1]
                        break
            # An investment clause with several sums states several investments (made, planned).
            values = money if kind == "investment" and len(money) > 1 else money[:1]
            for value in values or [None]:
                claim = _deal_claim(article, view, views, kind, parties, value, published)
                claim.data["cue"] = cue_tokens[0][1]
                claim.data["party_countries"] += [c for c in inherited if c not in claim.data["party_countries"]]
                # The same transaction told again ("Документ был подписан в Лондоне…") adds evidence only.
                same = next((c for c in claims if not value and not c.data.get("value_claimed")
                             and (set(claim.data["parties"]) <= set(c.data["parties"])
                                  or set(c.data["parties"]) <= set(claim.data["parties"]))
                             and (c.data["kind"] == claim.data["kind"] or claim.data["kind"] == "intergovernmental-agreement")
                             and (claim.data["cue"] in GENERIC_DEAL_WORDS or claim.data["cue"] == c.data["cue"])), None)
                if same is not None:
                    for name, iso3 in zip_longest(claim.data["parties"], claim.data["party_countries"]):
                        if name and name not in same.data["parties"]:
                            same.data["parties"].append(name)
                        if iso3 and iso3 not in same.data["party_countries"]:
                            same.data["party_countries"].append(iso3)
                    same.evidence += [e for e in claim.evidence if e.field != "kind"]
                    continue
                claim.data["value_claimed"] = value is not None
                claims.append(claim)
    return claims


def _attributive(token: Token, ctx: Context) -> bool:
    """"запрещённой в России организации" describes, it does not ban: a participle is no act."""
    return ctx.nlp.morph.parse(token.text)[0].tag.POS in ("PRTF", "PRTS", "ADJF")


def _plural(token: Token, ctx: Context) -> bool:
    parse = ctx.nlp.morph.parse(token.text)[0]
    return parse.tag.POS == "NOUN" and "plur" in parse.tag


def _deal_kind(kinds: list[str], view: SentenceView, parties: list) -> str:
    kind = kinds[0]
    lemmas = view.lemma_set
    if "санкция" in lemmas:
        return "sanctions"
    if lemmas & cues.MILITARY_CUES and kind in ("agreement", "supply-contract", "declaration"):
        return "military-cooperation"
    if kind == "agreement":
        companies = [m for _, _, m in parties if m["kind"] == "org" and m.get("subtype") in ("company", None)]
        return "supply-contract" if companies else "intergovernmental-agreement"
    return kind


def _deal_claim(article, view, views, kind, parties, money, published) -> Claim:
    key = stable_id(article["article_id"], str(view.sentence.start), str(money["start"]) if money else "")
    claim = Claim("deal", key, article["article_id"], published, {"kind": kind})
    claim.data["parties"], claim.data["party_countries"] = [], []
    for name, country, m in parties:
        if name in claim.data["parties"]:
            continue
        claim.data["parties"].append(name)
        if country and country not in claim.data["party_countries"]:
            claim.data["party_countries"].append(country)
        claim.evidence.append(Evidence("parties", name, m["start"], m["end"], view.sentence.text))
    claim.evidence.append(Evidence("kind", kind, view.sentence.start, view.sentence.end, view.sentence.text))
    if money:
        v = next(x for x in views if x.sentence.start <= money["start"] < x.sentence.end)
        claim.add("value", (money["value"], money.get("unit"), money.get("value_usd"), money.get("qualifier")),
                  money["start"], money["end"], v.sentence)
    date, m = _deal_date(view, views, published)
    if date:
        v = next(x for x in views if x.sentence.start <= m["start"] < x.sentence.end)
        claim.add("date", date, m["start"], m["end"], v.sentence)
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
    canonical_orgs(mentions)
    views = _views(article["text"], mentions, ctx)
    return route_claims(article, views, ctx) + project_claims(article, views, ctx) + deal_claims(article, views, ctx)
