"""Stories: one event told by several outlets or channels (reposts, rewrites) is one story.

Two tests decide whether two articles tell the same event:

- **near-duplicate**: the texts share most of their word 3-shingles (a MinHash estimate of their
  Jaccard similarity at least NEAR_DUPLICATE), they are dated at most REPOST_DAYS apart, and they do
  not state different figures (a daily report in a fixed template is not a repost of yesterday's);
- **same event**: a rewrite in other words, dated at most EVENT_DAYS apart, that states a figure of the
  other (a sum, a capacity, a day: «1,2 млрд» = «1,2 миллиарда»), names a place, organisation or person
  of the other (or two of its countries), and shares some of its vocabulary (word stems). Two articles
  on the same subject with different figures are different events; without figures they need two
  shared names and more shared vocabulary.

Candidate pairs come from MinHash bands (near-duplicates) and from figures and names shared by a few
articles, so the work grows with the corpus rather than with its square. Pairs that pass are joined
transitively (union-find); every group of two or more articles is a story.

`story_table(articles, mentions)` reads `articles` rows (`article_id`, `text`, `title`, `published`,
`channel`, `url`, `source_file`, `is_stub`) and the `mentions` table (`article_id`, `kind`,
`entity_id`, `normal`, `value`, `unit`) and returns the `stories` rows: `story_id`, `article_ids`
(earliest first), `outlets`, `first_seen`, `last_seen`, `headline`, `n_articles`, `n_outlets`.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import re
from collections import defaultdict
from dataclasses import dataclass
from urllib.parse import urlsplit

import numpy as np

SHINGLE_WORDS = 3
NUM_PERM = 64
BANDS = 16  # 16 bands of 4 rows: pairs above a Jaccard of about 0.5 share a band
NEAR_DUPLICATE = 0.5
REPOST_DAYS = 7
EVENT_DAYS = 3
MIN_STEM_SIMILARITY = 0.10  # with a shared figure and a shared name
MIN_STEM_SIMILARITY_NO_FIGURES = 0.25  # with two shared names and no figures at all
COMMON_KEY = 200  # a figure or name more articles share than this does not propose pairs
STEM_CHARS = 5
MIN_STEM_WORD = 4
HEADLINE_CHARS = 160

# Multiply-shift hashing of 64-bit shingle hashes: ((a·x + b) mod 2⁶⁴) >> 32 with a random odd `a` is a
# universal family, and numpy's uint64 arithmetic wraps modulo 2⁶⁴ by itself.
_RANDOM = np.random.default_rng(20250514)
_PERM_A = _RANDOM.integers(0, 1 << 63, size=NUM_PERM, dtype=np.uint64) * np.uint64(2) + np.uint64(1)
_PERM_B = _RANDOM.integers(0, 1 << 63, size=NUM_PERM, dtype=np.uint64)

WORD = re.compile(r"[0-9A-Za-zА-Яа-яЁёӘәҒғҚқҢңӨөҰұҮүҺһІі]+")
NUMBER = re.compile(r"(?<![\w.,])(\d{1,3}(?:[  ]\d{3})+|\d+)(?:[.,](\d+))?(?:\s*(%|[A-Za-zА-Яа-яЁё$]+\.?))?")
# Number words as one unit, so «1,2 млрд» and «1,2 миллиарда» are one figure.
UNIT_WORDS = (("миллиард", "млрд"), ("млрд", "млрд"), ("миллион", "млн"), ("млн", "млн"), ("тысяч", "тыс"),
              ("тыс", "тыс"), ("процент", "%"), ("%", "%"), ("мегаватт", "мвт"), ("мвт", "мвт"),
              ("гигаватт", "гвт"), ("гвт", "гвт"), ("тонн", "т"), ("километр", "км"), ("км", "км"),
              ("доллар", "usd"), ("$", "usd"), ("евро", "eur"), ("тенге", "kzt"), ("рубл", "rub"),
              ("январ", "m01"), ("феврал", "m02"), ("март", "m03"), ("апрел", "m04"),
              ("июн", "m06"), ("июл", "m07"), ("август", "m08"), ("сентябр", "m09"), ("октябр", "m10"),
              ("ноябр", "m11"), ("декабр", "m12"))
MONTH_FORMS = {"мая", "май"}
NAME_KINDS = ("place", "org", "person")


@dataclass
class Features:
    article_id: str
    published: dt.date | None
    outlet: str
    signature: np.ndarray  # MinHash of the word shingles
    stems: frozenset[str]
    names: frozenset[str]  # places, organisations, persons
    countries: frozenset[str]
    figures: frozenset[str]  # sums, capacities, counts, days; years are left out (every article has some)


def outlet_of(article: dict) -> str:
    """Who published it: the channel or feed title, else the site of its link, else its file."""
    for key in ("channel",):
        if isinstance(article.get(key), str) and article[key].strip():
            return article[key].strip()
    url = article.get("url")
    if isinstance(url, str) and url:
        host = urlsplit(url).hostname or ""
        if host:
            return host.removeprefix("www.")
    return str(article.get("source_file") or "")


def words(text: str) -> list[str]:
    return [w.lower().replace("ё", "е") for w in WORD.findall(text or "")]


def minhash(tokens: list[str]) -> np.ndarray:
    """A MinHash signature (NUM_PERM values) of the token shingles; blake2b keeps it the same in every process."""
    shingles = {" ".join(tokens[i:i + SHINGLE_WORDS]) for i in range(max(1, len(tokens) - SHINGLE_WORDS + 1))}
    hashes = np.fromiter((int.from_bytes(hashlib.blake2b(s.encode("utf-8"), digest_size=8).digest(), "little")
                          for s in shingles if s), dtype=np.uint64)
    if not len(hashes):
        return np.full(NUM_PERM, np.iinfo(np.uint32).max, dtype=np.uint64)
    with np.errstate(over="ignore"):
        permuted = (hashes[:, None] * _PERM_A[None, :] + _PERM_B[None, :]) >> np.uint64(32)
    return permuted.min(axis=0)


def estimated_jaccard(a: np.ndarray, b: np.ndarray) -> float:
    return float(np.mean(a == b))


def figures_of(text: str, money: list[tuple[float, str]]) -> frozenset[str]:
    """Figures as a text states them, the number with its unit word (spelled one way), plus money mentions."""
    found = set()
    for whole, fraction, unit in NUMBER.findall(text or ""):
        digits = re.sub(r"\D", "", whole)
        if not digits:
            continue
        number = digits.lstrip("0") or "0"
        if fraction and fraction.strip("0"):
            number += "." + fraction.rstrip("0")
        unit = (unit or "").lower().rstrip(".")
        unit = "m05" if unit in MONTH_FORMS else next((short for prefix, short in UNIT_WORDS
                                                      if unit.startswith(prefix)), "")
        if not unit and not fraction and len(digits) == 4 and 1900 <= int(digits) <= 2100:
            continue  # a year
        if not unit and not fraction and len(digits) <= 1:
            continue  # "в 2 этапа", list numbers: too common to tell events apart
        found.add(f"{number} {unit}".strip())
    for value, unit in money:
        if value and value == value:
            found.add(f"money {value:.4g} {unit or ''}".strip())
    return frozenset(found)


def article_features(articles: list[dict], mentions) -> list[Features]:
    """Features of every article that is not a stub. `mentions`: a pyarrow Table or DataFrame of mention rows."""
    by_article: dict[str, dict[str, list]] = defaultdict(lambda: {"names": [], "countries": [], "money": []})
    frame = mentions.to_pandas() if hasattr(mentions, "to_pandas") and not hasattr(mentions, "iloc") else mentions
    if frame is not None and len(frame):
        frame = frame[frame["kind"].isin(("country", "money", *NAME_KINDS))]
        for aid, kind, entity, normal, value, unit in zip(frame["article_id"], frame["kind"], frame["entity_id"],
                                                          frame["normal"], frame["value"], frame["unit"]):
            slot = by_article[aid]
            if kind == "country" and isinstance(entity, str):
                slot["countries"].append(entity)
            elif kind == "money":
                slot["money"].append((value, unit))
            elif kind in NAME_KINDS:
                name = entity if isinstance(entity, str) and entity else normal
                if isinstance(name, str) and name.strip():
                    slot["names"].append(name.strip().lower())
    features = []
    for article in articles:
        if article.get("is_stub"):
            continue
        text = "\n".join(p for p in (article.get("title"), article.get("text")) if isinstance(p, str))
        tokens = words(text)
        slot = by_article.get(article["article_id"], {"names": [], "countries": [], "money": []})
        published = article.get("published")
        features.append(Features(
            article_id=article["article_id"],
            published=published if isinstance(published, dt.date) else None,
            outlet=outlet_of(article),
            signature=minhash(tokens),
            stems=frozenset(w[:STEM_CHARS] for w in tokens if len(w) >= MIN_STEM_WORD and not w.isdigit()),
            names=frozenset(slot["names"]),
            countries=frozenset(slot["countries"]),
            figures=figures_of(article.get("text") or "", slot["money"]),
        ))
    return features


def _jaccard(a: frozenset, b: frozenset) -> float:
    return len(a & b) / len(a | b) if a or b else 0.0


def same_story(a: Features, b: Features) -> str | None:
    """Why two articles tell one event ("near-duplicate", "same-event"), or None."""
    days = abs((a.published - b.published).days) if a.published and b.published else None
    if days is not None and days > REPOST_DAYS:
        return None
    figures_differ = bool(a.figures) and bool(b.figures) and not (a.figures & b.figures)
    if estimated_jaccard(a.signature, b.signature) >= NEAR_DUPLICATE and not figures_differ:
        return "near-duplicate"
    if days is None or days > EVENT_DAYS or figures_differ:
        return None
    names, countries = len(a.names & b.names), len(a.countries & b.countries)
    similarity = _jaccard(a.stems, b.stems)
    if a.figures & b.figures and (names >= 1 or countries >= 2) and similarity >= MIN_STEM_SIMILARITY:
        return "same-event"
    if not a.figures and not b.figures and names >= 2 and similarity >= MIN_STEM_SIMILARITY_NO_FIGURES:
        return "same-event"
    return None


def candidate_pairs(features: list[Features]) -> set[tuple[int, int]]:
    """Pairs worth testing: a shared MinHash band, or a figure or name few articles share."""
    buckets: dict[tuple, list[int]] = defaultdict(list)
    rows = NUM_PERM // BANDS
    for i, f in enumerate(features):
        for band in range(BANDS):
            buckets[("band", band, f.signature[band * rows:(band + 1) * rows].tobytes())].append(i)
        for figure in f.figures:
            buckets[("figure", figure)].append(i)
        for name in f.names:
            buckets[("name", name)].append(i)
    pairs = set()
    for members in buckets.values():
        if 1 < len(members) <= COMMON_KEY:
            for x in range(len(members)):
                for y in range(x + 1, len(members)):
                    pairs.add((members[x], members[y]))
    return pairs


def group(features: list[Features]) -> list[list[int]]:
    """Indices of the articles of each story (two or more articles), by union-find over the pairs that pass."""
    parent = list(range(len(features)))

    def root(i: int) -> int:
        while parent[i] != i:
            parent[i] = parent[parent[i]]
            i = parent[i]
        return i

    for i, j in sorted(candidate_pairs(features)):
        if root(i) != root(j) and same_story(features[i], features[j]):
            parent[root(i)] = root(j)
    members: dict[int, list[int]] = defaultdict(list)
    for i in range(len(features)):
        members[root(i)].append(i)
    return [m for m in members.values() if len(m) > 1]


def _headline(article: dict) -> str:
    title = article.get("title")
    if isinstance(title, str) and title.strip():
        return title.strip()[:HEADLINE_CHARS]
    first = next((line.strip() for line in (article.get("text") or "").splitlines() if line.strip()), "")
    return first[:HEADLINE_CHARS]


def story_table(articles: list[dict], mentions) -> list[dict]:
    """The `stories` rows (see the module's docstring), in the order of their first article."""
    features = article_features(articles, mentions)
    by_id = {a["article_id"]: a for a in articles}
    rows = []
    for members in group(features):
        ordered = sorted((features[i] for i in members),
                         key=lambda f: (f.published is None, f.published or dt.date.min, f.article_id))
        dates = [f.published for f in ordered if f.published]
        outlets = list(dict.fromkeys(f.outlet for f in ordered if f.outlet))
        first = ordered[0]
        rows.append({
            "story_id": hashlib.sha256(f"story:{first.article_id}".encode()).hexdigest()[:16],
            "article_ids": [f.article_id for f in ordered], "outlets": outlets,
            "first_seen": min(dates) if dates else None, "last_seen": max(dates) if dates else None,
            "headline": _headline(by_id[first.article_id]), "n_articles": len(ordered), "n_outlets": len(outlets),
        })
    rows.sort(key=lambda r: (r["first_seen"] is None, r["first_seen"] or dt.date.min, r["story_id"]))
    return rows
