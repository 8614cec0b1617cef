"""Entity extraction measured on the NEREL test split, next to bare natasha NER.

    .venv/bin/python benchmarks/ner_eval.py [--path PATH] [--limit N] [--errors N]

Reads `../shared/eval/ner/ner_eval.jsonl` (relative to the repository root) by default: one JSON
object per line, `{"id", "text", "entities": [{"start", "end", "type", "text", "wikidata"?,
"nested"}]}`, offsets into `text`, `end` exclusive. Where the file is absent it says so and exits 0.
The file is for evaluation only: it is read in place, never copied.

Our mentions are mapped to NEREL types: country → COUNTRY; a place that is a city, town, village or
border crossing (or a GeoNames settlement, `via` `ner+geonames`) → CITY; a region or basin →
STATE_OR_PROVINCE; any other resolved place (continent, sea) → LOCATION; org → ORGANIZATION;
money → MONEY; date → DATE. Persons and capacities are not scored; an unresolved place (no
subtype) counts only in the "any location" row. natasha's ORG is scored as ORGANIZATION; its LOC,
which does not tell a country from a city, is scored against each location type in turn (every LOC
span a prediction of that type) and, like ours, in the "any location" row against the union of
COUNTRY, CITY, STATE_OR_PROVINCE and LOCATION gold spans.

A prediction matches a gold mention of the same type when the offsets are equal (exact) or
intersect (overlap); each gold mention and each prediction is matched at most once (a maximum
one-to-one matching per document and type). Scores are given against the outermost gold mentions
(`nested == false`, what a flat extractor can find) and against all of them.

Then: for gold COUNTRY mentions with a `wikidata` id of a country in `WIKIDATA_ISO3`, the share our
extractor resolved to that ISO3 (one of our country mentions overlapping it has the ISO3), with the
count of mentions whose id has no ISO3 here (former states, languages, parts of countries).
"""

from __future__ import annotations

import argparse
import json
import sys
import time
from collections import Counter, defaultdict
from dataclasses import dataclass
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
DEFAULT_PATH = ROOT.parent / "shared" / "eval" / "ner" / "ner_eval.jsonl"

LOCATION_TYPES = ("COUNTRY", "CITY", "STATE_OR_PROVINCE", "LOCATION")
ANY_LOCATION = "any location"
ROWS = ("COUNTRY", "CITY", "STATE_OR_PROVINCE", "LOCATION", "ORGANIZATION", "MONEY", "DATE", ANY_LOCATION)
MODES = ("exact", "overlap")
SYSTEMS = ("ours", "natasha")

CITY_SUBTYPES = {"city", "town", "village", "border-crossing"}
REGION_SUBTYPES = {"region", "basin"}
SIMPLE_KINDS = {"country": "COUNTRY", "org": "ORGANIZATION", "money": "MONEY", "date": "DATE"}
NATASHA_TYPES = {"ORG": ("ORGANIZATION",), "LOC": (*LOCATION_TYPES, ANY_LOCATION)}

# Wikidata items of sovereign countries (and the EU, which the product treats as one) → ISO 3166
# alpha-3. Identity data, not tuned: ids without an ISO3 (the USSR, the Russian Empire, England,
# languages, regions) are left out on purpose and counted as unmapped.
WIKIDATA_ISO3 = {
    "Q458": "EU",
    "Q16": "CAN", "Q17": "JPN", "Q20": "NOR", "Q27": "IRL", "Q28": "HUN", "Q29": "ESP", "Q30": "USA",
    "Q31": "BEL", "Q33": "FIN", "Q34": "SWE", "Q35": "DNK", "Q36": "POL", "Q37": "LTU", "Q38": "ITA",
    "Q39": "CHE", "Q40": "AUT", "Q41": "GRC", "Q43": "TUR", "Q45": "PRT", "Q55": "NLD", "Q79": "EGY",
    "Q96": "MEX", "Q142": "FRA", "Q145": "GBR", "Q148": "CHN", "Q155": "BRA", "Q159": "RUS",
    "Q183": "DEU", "Q184": "BLR", "Q189": "ISL", "Q191": "EST", "Q211": "LVA", "Q212": "UKR",
    "Q213": "CZE", "Q218": "ROU", "Q219": "BGR", "Q224": "HRV", "Q227": "AZE", "Q229": "CYP",
    "Q230": "GEO", "Q232": "KAZ", "Q237": "VAT", "Q252": "IDN", "Q258": "ZAF", "Q265": "UZB",
    "Q334": "SGP", "Q399": "ARM", "Q403": "SRB", "Q408": "AUS", "Q414": "ARG", "Q419": "PER",
    "Q423": "PRK", "Q668": "IND", "Q711": "MNG", "Q717": "VEN", "Q739": "COL", "Q750": "BOL",
    "Q766": "JAM", "Q794": "IRN", "Q796": "IRQ", "Q801": "ISR", "Q813": "KGZ", "Q817": "KWT",
    "Q833": "MYS", "Q842": "OMN", "Q843": "PAK", "Q846": "QAT", "Q851": "SAU", "Q858": "SYR",
    "Q863": "TJK", "Q865": "TWN", "Q869": "THA", "Q874": "TKM", "Q878": "ARE", "Q881": "VNM",
    "Q884": "KOR", "Q889": "AFG", "Q928": "PHL", "Q974": "COD", "Q1028": "MAR", "Q217": "MDA",
}


@dataclass(frozen=True)
class Span:
    start: int
    end: int
    type: str
    text: str = ""


@dataclass
class Score:
    gold: int = 0
    pred: int = 0
    tp: int = 0

    def add(self, other: Score) -> None:
        self.gold += other.gold
        self.pred += other.pred
        self.tp += other.tp

    @property
    def precision(self) -> float | None:
        return self.tp / self.pred if self.pred else None

    @property
    def recall(self) -> float | None:
        return self.tp / self.gold if self.gold else None

    @property
    def f1(self) -> float | None:
        p, r = self.precision, self.recall
        if p is None and r is None:
            return None
        if not p or not r:
            return 0.0
        return 2 * p * r / (p + r)


# --- matching and scoring -------------------------------------------------------------------------

def _matches(g: tuple[int, int], p: tuple[int, int], mode: str) -> bool:
    if mode == "exact":
        return g == p
    if mode == "overlap":
        return g[0] < p[1] and p[0] < g[1]
    raise ValueError(f"unknown match mode {mode!r}")


def match(gold: list[tuple[int, int]], pred: list[tuple[int, int]], mode: str) -> list[tuple[int, int]]:
    """A maximum one-to-one matching of gold and predicted (start, end) spans: (gold index, pred index) pairs."""
    candidates = [[j for j, p in enumerate(pred) if _matches(g, p, mode)] for g in gold]
    pred_of: dict[int, int] = {}  # pred index → gold index

    def augment(i: int, seen: set[int]) -> bool:  # Kuhn's augmenting path
        for j in candidates[i]:
            if j in seen:
                continue
            seen.add(j)
            if j not in pred_of or augment(pred_of[j], seen):
                pred_of[j] = i
                return True
        return False

    for i in range(len(gold)):
        if candidates[i]:
            augment(i, set())
    return sorted((i, j) for j, i in pred_of.items())


def score_spans(gold: list[tuple[int, int]], pred: list[tuple[int, int]], mode: str) -> Score:
    return Score(gold=len(gold), pred=len(pred), tp=len(match(gold, pred, mode)))


def gold_by_row(entities: list[dict], outermost: bool) -> dict[str, list[Span]]:
    """Gold spans per table row; the "any location" row is the union (by offsets) of the location types."""
    rows: dict[str, list[Span]] = defaultdict(list)
    seen_locations: set[tuple[int, int]] = set()
    for e in entities:
        if outermost and e.get("nested"):
            continue
        span = Span(e["start"], e["end"], e["type"], e.get("text", ""))
        rows[e["type"]].append(span)
        if e["type"] in LOCATION_TYPES and (span.start, span.end) not in seen_locations:
            seen_locations.add((span.start, span.end))
            rows[ANY_LOCATION].append(span)
    return rows


def nerel_type(row: dict) -> str | None:
    """Our mention's NEREL type (None: not scored per type)."""
    kind = row["kind"]
    if kind in SIMPLE_KINDS:
        return SIMPLE_KINDS[kind]
    if kind == "place":
        subtype = row.get("subtype")
        if subtype in CITY_SUBTYPES or row.get("via") == "ner+geonames":
            return "CITY"
        if subtype in REGION_SUBTYPES:
            return "STATE_OR_PROVINCE"
        if subtype:
            return "LOCATION"
    return None


def ours_by_row(mentions: list[dict], text: str = "") -> dict[str, list[Span]]:
    rows: dict[str, list[Span]] = defaultdict(list)
    for m in mentions:
        t = nerel_type(m)
        span = Span(m["start"], m["end"], t or m["kind"], text[m["start"]:m["end"]] if text else m.get("surface", ""))
        if t is not None:
            rows[t].append(span)
        if m["kind"] in ("country", "place"):
            rows[ANY_LOCATION].append(span)
    return rows


def natasha_by_row(entities) -> dict[str, list[Span]]:
    rows: dict[str, list[Span]] = defaultdict(list)
    for ent in entities:
        for t in NATASHA_TYPES.get(ent.type, ()):
            rows[t].append(Span(ent.start, ent.end, t, ent.text))
    return rows


def score_document(gold: dict[str, list[Span]], pred: dict[str, list[Span]], mode: str) -> dict[str, Score]:
    result = {}
    for row in ROWS:
        g = [(s.start, s.end) for s in gold.get(row, [])]
        p = [(s.start, s.end) for s in pred.get(row, [])]
        result[row] = score_spans(g, p, mode)
    return result


def country_resolution(gold_entities: list[dict], mentions: list[dict], tally: Counter) -> None:
    """Adds one document's gold COUNTRY mentions with a wikidata id to `tally`."""
    ours = [(m["start"], m["end"], m.get("entity_id") or m.get("country_iso3"))
            for m in mentions if m["kind"] == "country"]
    for e in gold_entities:
        if e["type"] != "COUNTRY" or not e.get("wikidata"):
            continue
        tally["with wikidata"] += 1
        iso3 = WIKIDATA_ISO3.get(e["wikidata"])
        if iso3 is None:
            tally["unmapped"] += 1
            tally[("unmapped id", e["wikidata"])] += 1
            continue
        tally["mapped"] += 1
        found = [m_iso3 for s, t, m_iso3 in ours if s < e["end"] and e["start"] < t]
        if found:
            tally["found"] += 1
        if iso3 in found:
            tally["resolved"] += 1
        elif found:
            tally[("wrong", iso3, "→".join(sorted({str(f) for f in found})))] += 1


# --- reading and printing -------------------------------------------------------------------------

def read_documents(path: Path, limit: int | None = None) -> list[dict]:
    docs = []
    with path.open(encoding="utf-8") as f:
        for line in f:
            if limit is not None and len(docs) >= limit:
                break
            if line.strip():
                docs.append(json.loads(line))
    return docs


def _fmt(x: float | None) -> str:
    return " n/a " if x is None else f"{x:.3f}"


def format_table(title: str, scores: dict[str, dict[str, dict[str, Score]]]) -> list[str]:
    """scores[system][mode][row] → lines of one table block."""
    head = f"{'type':<18} {'match':<8}{'gold':>6} | {'ours':>5} {'P':>5} {'R':>5} {'F1':>5} | {'natasha':>7} {'P':>5} {'R':>5} {'F1':>5}"
    lines = [title, head, "-" * len(head)]
    for row in ROWS:
        for mode in MODES:
            o, n = scores["ours"][mode][row], scores["natasha"][mode][row]
            lines.append(
                f"{row:<18} {mode:<8}{o.gold:>6} | {o.pred:>5} {_fmt(o.precision)} {_fmt(o.recall)} {_fmt(o.f1)} |"
                f" {n.pred:>7} {_fmt(n.precision)} {_fmt(n.recall)} {_fmt(n.f1)}"
            )
    return lines


def _empty_scores() -> dict[str, dict[str, dict[str, Score]]]:
    return {s: {m: {r: Score() for r in ROWS} for m in MODES} for s in SYSTEMS}


def evaluate(docs: list[dict], ctx, errors: int = 0) -> list[str]:
    from etl.extract.mentions import extract_mentions

    blocks = {"outermost": _empty_scores(), "all": _empty_scores()}
    resolution: Counter = Counter()
    fp: dict[str, Counter] = defaultdict(Counter)
    fn: dict[str, Counter] = defaultdict(Counter)
    seconds = {"ours": 0.0, "natasha": 0.0}

    for doc in docs:
        text = doc["text"]
        t0 = time.perf_counter()
        mentions = extract_mentions(text, None, ctx)
        t1 = time.perf_counter()
        entities = ctx.nlp.entities(text)
        t2 = time.perf_counter()
        seconds["ours"] += t1 - t0
        seconds["natasha"] += t2 - t1

        preds = {"ours": ours_by_row(mentions, text), "natasha": natasha_by_row(entities)}
        for block, outermost in (("outermost", True), ("all", False)):
            gold = gold_by_row(doc["entities"], outermost)
            for system in SYSTEMS:
                for mode in MODES:
                    for row, s in score_document(gold, preds[system], mode).items():
                        blocks[block][system][mode][row].add(s)
            if errors and outermost:
                for row in ROWS:
                    g, p = gold.get(row, []), preds["ours"].get(row, [])
                    pairs = match([(s.start, s.end) for s in g], [(s.start, s.end) for s in p], "overlap")
                    gi, pj = {i for i, _ in pairs}, {j for _, j in pairs}
                    fn[row].update(s.text for i, s in enumerate(g) if i not in gi)
                    fp[row].update(s.text for j, s in enumerate(p) if j not in pj)
        country_resolution(doc["entities"], mentions, resolution)

    n_gold = sum(len(d["entities"]) for d in docs)
    lines = [f"NEREL test split: {len(docs)} documents, {n_gold} gold entities", ""]
    lines += format_table("Against outermost gold mentions (nested == false)", blocks["outermost"])
    lines.append("")
    lines += format_table("Against all gold mentions (nested included)", blocks["all"])
    lines.append("")
    lines.append("ours: our mentions mapped to NEREL types; natasha: bare NER, LOC scored as each location type.")
    lines.append("")

    mapped, resolved, found = resolution["mapped"], resolution["resolved"], resolution["found"]
    unmapped_ids = sorted(k[1] for k in resolution if isinstance(k, tuple) and k[0] == "unmapped id")
    lines.append("Country normalisation (gold COUNTRY mentions with a wikidata id, nested included)")
    lines.append(f"  with wikidata id: {resolution['with wikidata']}; mapped to ISO3: {mapped}; "
                 f"unmapped: {resolution['unmapped']} mentions of {len(unmapped_ids)} ids")
    if mapped:
        lines.append(f"  resolved to the right ISO3: {resolved}/{mapped} = {resolved / mapped:.1%}")
        lines.append(f"  found as a country at all: {found}/{mapped} = {found / mapped:.1%}; "
                     f"right ISO3 among found: " + (f"{resolved / found:.1%}" if found else "n/a"))
    else:
        lines.append("  resolved to the right ISO3: n/a (no mapped mentions)")
    wrong = [(k, v) for k, v in resolution.items() if isinstance(k, tuple) and k[0] == "wrong"]
    if wrong:
        lines.append("  wrong ISO3 (gold → ours): " + ", ".join(f"{k[1]}→{k[2]} ×{v}" for k, v in sorted(wrong, key=lambda kv: -kv[1])))
    lines.append("")
    lines.append(f"Timings: ours {seconds['ours']:.1f} s (NER, gazetteer, grammars), natasha NER alone "
                 f"{seconds['natasha']:.1f} s, for {len(docs)} documents")

    if errors:
        lines.append("")
        lines.append(f"Most frequent errors of ours (overlap, outermost gold), top {errors} per type")
        for row in ROWS:
            lines.append(f"  {row}: false negatives {fn[row].most_common(errors)}")
            lines.append(f"  {row}: false positives {fp[row].most_common(errors)}")
    return lines


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--path", type=Path, default=DEFAULT_PATH, help="NEREL jsonl (default: %(default)s)")
    parser.add_argument("--limit", type=int, default=None, help="only the first N documents")
    parser.add_argument("--errors", type=int, default=0, help="also list the N most frequent misses per type")
    args = parser.parse_args(argv)

    if not args.path.is_file():
        print(f"NEREL evaluation file not found at {args.path}: skipping the NER benchmark.")
        return 0
    docs = read_documents(args.path, args.limit)
    if not docs:
        print(f"No documents in {args.path}: nothing to measure.")
        return 0

    if str(ROOT) not in sys.path:
        sys.path.insert(0, str(ROOT))
    from etl.extract import load_context

    t0 = time.perf_counter()
    ctx = load_context()
    load_seconds = time.perf_counter() - t0
    lines = evaluate(docs, ctx, args.errors)
    lines.append(f"Loading the NLP context and gazetteers: {load_seconds:.1f} s")
    print("\n".join(lines))
    return 0


if __name__ == "__main__":
    sys.exit(main())
