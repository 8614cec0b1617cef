"""Projects, deals and routes measured against the development corpus's gold annotations.

    .venv/bin/python benchmarks/records_eval.py [--corpus PATH] [--baseline REF] [--details FILE] [--json FILE]

The corpus lives outside the repository: `--corpus PATH`, else the environment variable DEVCORPUS,
else `../devcorpus` beside the repository root. It holds `articles/<ID>.txt` (one article each) and
`gold/<ID>.json` (`projects`, `deals`, `routes`, as its GUIDE.md describes). Only articles with a gold
file count. Where the folder is absent the script says so and exits 0.

The counted articles are copied into a temporary folder and built into a warehouse
(`python -m etl build --no-cache`); with `--baseline REF` the code at REF builds the same articles
(in a temporary git worktree) and its figures are printed beside the current ones.

Matching is per article, one-to-one, greedy by score (best-scoring pairs first):
- project: predicted projects whose `article_ids` hold the article; a pair needs equal sectors and
  common name stems (gold name + place + region vs predicted `name_ru` + `place`), or, where either
  side has no name stems left, equal subsector and country. Score: common stems, +1 for equal subsector;
- deal: predicted deals of the article; a pair matches when the predicted sentence holds the gold
  quote (or ≥ 60 % of its stems), or when a party matches (common stems, or a gold party that is a
  state whose ISO3 is among the predicted `party_countries`) and the kinds are equal;
- route: predicted routes whose `article_ids` hold the article; a pair matches when the countries
  share ≥ 2 entries or a stem of the gold name or places is in the predicted `name_ru` (or in one of
  the names the gazetteer knows that corridor by: "Средний коридор" is the Trans-Caspian route).
Names are compared by 5-letter stems of their words, generic words left out (benchmarks/textmatch.py).

Attributes are scored on matched pairs where the gold value is set (a missing prediction is wrong).
A record told in several articles shows the latest article's status; each article is scored on the
status it claims itself (from the evidence table, by the rule the warehouse applies within an article).
"""

from __future__ import annotations

import argparse
import json
import math
import os
import re
import shutil
import sys
import tempfile
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
if __name__ == "__main__":  # run as a script: its own folder must not shadow packages of the same name
    sys.path[:] = [p for p in sys.path if Path(p or ".").resolve() != Path(__file__).resolve().parent]
if str(ROOT) not in sys.path:
    sys.path.insert(0, str(ROOT))

from benchmarks.textmatch import flat, name_stems, stems  # noqa: E402

DEFAULT_CORPUS = ROOT.parent / "devcorpus"
KINDS = ("projects", "deals", "routes")
FIELDS = {
    "projects": ("subsector", "status", "country", "capacity_mw", "cost", "target_year", "partners"),
    "deals": ("kind", "parties", "value", "date"),
    "routes": ("mode", "status", "countries"),
}
RECORD_ID = {"projects": "project_id", "deals": "deal_id", "routes": "route_id"}
MW_PER_UNIT = {"TW": 1e6, "GW": 1e3, "MW": 1.0, "kW": 1e-3}
QUOTE_SHARE = 0.6
CAPACITY_TOLERANCE = 0.02
MONEY_TOLERANCE = 0.05


# --- values ---------------------------------------------------------------------------------------------

def is_null(value) -> bool:
    if value is None:
        return True
    if isinstance(value, float) and math.isnan(value):
        return True
    if isinstance(value, (list, tuple, dict, str)) and len(value) == 0:
        return True
    try:
        import pandas as pd

        return value is pd.NA or value is pd.NaT
    except ImportError:  # pragma: no cover
        return False


def clean(value):
    """A warehouse cell as plain Python: arrays as lists, NaN/NA as None."""
    if hasattr(value, "tolist") and not isinstance(value, (str, bytes)):
        value = value.tolist()
    if isinstance(value, list):
        return [clean(v) for v in value]
    if not isinstance(value, (list, dict, str)) and is_null(value):
        return None
    return value


def as_list(value) -> list:
    value = clean(value)
    if value is None:
        return []
    return value if isinstance(value, list) else [value]


def close(value, target, tolerance: float) -> bool:
    if value is None or target is None:
        return False
    return abs(float(value) - float(target)) <= tolerance * abs(float(target))


def gold_money(money) -> tuple[float, str] | None:
    """(amount × scale, currency) of a gold `cost` / `value`, or None."""
    if not isinstance(money, dict) or money.get("amount") is None:
        return None
    scale = money.get("scale") or 1
    return float(money["amount"]) * float(scale), str(money.get("currency") or "").upper()


def money_right(gold, amount, currency, usd) -> bool:
    target = gold_money(gold)
    if target is None:
        return False
    value, cur = target
    if amount is not None and (currency or "").upper() == cur and close(amount, value, MONEY_TOLERANCE):
        return True
    return cur == "USD" and close(usd, value, MONEY_TOLERANCE)


def capacity_mw(record: dict) -> float | None:
    value, unit = record.get("capacity_value"), record.get("capacity_unit")
    if value is None or unit not in MW_PER_UNIT:
        return None
    return float(value) * MW_PER_UNIT[unit]


def human(amount, currency=None) -> str:
    if amount is None:
        return "—"
    amount = float(amount)
    for scale, word in ((1e12, "trn"), (1e9, "bn"), (1e6, "mn"), (1e3, "k")):
        if abs(amount) >= scale:
            text = f"{amount / scale:.4g} {word}"
            break
    else:
        text = f"{amount:.4g}"
    return f"{text} {currency}" if currency else text


# --- states among the parties ---------------------------------------------------------------------------

def country_names() -> dict[str, str]:
    """Folded country name or alias → ISO3, from the project's gazetteer (countries and the EU)."""
    from etl.gazetteer import load_gazetteer_tables

    names: dict[str, str] = {}
    for iso3, row in load_gazetteer_tables().countries.items():
        for name in [row.get("name_ru"), row.get("name_en"), *(row.get("aliases_ru") or "").split("|")]:
            if name and name.strip():
                names.setdefault(flat(name), iso3)
    return names


def state_iso3(name: str, states: dict[str, str]) -> str | None:
    return states.get(flat(name))


# --- matching -------------------------------------------------------------------------------------------

def project_score(gold: dict, pred: dict) -> int | None:
    """How well a predicted project fits a gold one; None when they do not match."""
    if gold.get("sector") != pred.get("sector"):
        return None
    same_subsector = gold.get("subsector") == pred.get("subsector")
    gold_stems = stems(gold.get("name"), gold.get("place"), gold.get("region"))
    pred_stems = stems(pred.get("name_ru"), pred.get("place"))
    common = gold_stems & pred_stems
    if common:
        return len(common) + int(same_subsector)
    if (not gold_stems or not pred_stems) and same_subsector and gold.get("country") == pred.get("country_iso3"):
        return 1
    return None


def quote_matches(quote: str | None, sentence: str | None) -> bool:
    """The sentence holds the quote, or at least 60 % of the quote's stems."""
    if not quote or not sentence:
        return False
    if flat(quote) in flat(sentence):
        return True
    quote_stems = stems(quote, significant=False)
    return bool(quote_stems) and len(quote_stems & stems(sentence, significant=False)) >= QUOTE_SHARE * len(quote_stems)


def party_matches(party: str, pred: dict, states: dict[str, str]) -> bool:
    """A gold party is among the predicted parties (common stems), or is a state among their countries."""
    party_stems = name_stems(party)
    if party_stems and any(party_stems & name_stems(p) for p in as_list(pred.get("parties"))):
        return True
    iso3 = state_iso3(party, states)
    return iso3 is not None and iso3 in as_list(pred.get("party_countries"))


def deal_score(gold: dict, pred: dict, states: dict[str, str]) -> int | None:
    quote = quote_matches(gold.get("quote"), pred.get("sentence"))
    parties = sum(party_matches(p, pred, states) for p in as_list(gold.get("parties")))
    same_kind = gold.get("kind") == pred.get("kind")
    if quote or (parties and same_kind):
        return 3 * int(quote) + parties + int(same_kind)
    return None


def corridor_aliases() -> dict[str, list[str]]:
    """Route id → the other names the gazetteer knows the corridor by ("Средний коридор" is the
    Trans-Caspian route): a gold record that calls a corridor by another of its names is that corridor."""
    from etl.gazetteer import load_gazetteer_tables

    return {rid: [a for a in (row.get("aliases_ru") or "").split("|") if a.strip()]
            for rid, row in load_gazetteer_tables().corridors.items()}


def route_score(gold: dict, pred: dict) -> int | None:
    countries = set(as_list(gold.get("countries"))) & set(as_list(pred.get("countries")))
    gold_stems = stems(gold.get("name"), as_list(gold.get("places")))
    common = gold_stems & stems(pred.get("name_ru"))
    if not common and pred.get("aliases"):
        common = max((gold_stems & stems(a) for a in pred["aliases"]), key=len)
    if len(countries) >= 2 or common:
        return len(countries) + len(common) + int(gold.get("mode") == pred.get("mode"))
    return None


def greedy_match(gold: list[dict], pred: list[dict], score: Callable[[dict, dict], int | None]) -> list[tuple[int, int]]:
    """One-to-one pairs (gold index, predicted index), the best-scoring pairs taken first."""
    candidates = []
    for gi, g in enumerate(gold):
        for pi, p in enumerate(pred):
            s = score(g, p)
            if s is not None:
                candidates.append((-s, gi, pi))
    candidates.sort()
    used_gold, used_pred, pairs = set(), set(), []
    for _, gi, pi in candidates:
        if gi not in used_gold and pi not in used_pred:
            used_gold.add(gi)
            used_pred.add(pi)
            pairs.append((gi, pi))
    return sorted(pairs)


def scorer(kind: str, states: dict[str, str]) -> Callable[[dict, dict], int | None]:
    if kind == "projects":
        return project_score
    if kind == "deals":
        return lambda g, p: deal_score(g, p, states)
    return route_score


# --- attributes -----------------------------------------------------------------------------------------

def _share_matched(gold_names: list[str], matched: Callable[[str], bool]) -> bool:
    return 2 * sum(bool(matched(n)) for n in gold_names) >= len(gold_names)


def attributes(kind: str, gold: dict, pred: dict, states: dict[str, str]) -> dict[str, tuple[bool, object, object]]:
    """field → (right, gold value, predicted value), for the fields the gold record sets."""
    checks: dict[str, tuple[bool, object, object]] = {}

    def check(name: str, gold_value, pred_value, right) -> None:
        if not is_null(gold_value):
            checks[name] = (bool(right) and not is_null(pred_value), gold_value, pred_value)

    if kind == "projects":
        check("subsector", gold.get("subsector"), pred.get("subsector"), gold.get("subsector") == pred.get("subsector"))
        check("status", gold.get("status"), pred.get("status"), gold.get("status") == pred.get("status"))
        check("country", gold.get("country"), pred.get("country_iso3"), gold.get("country") == pred.get("country_iso3"))
        mw = capacity_mw(pred)
        shown_mw = mw if mw is not None else (
            f"{pred.get('capacity_value')} {pred.get('capacity_unit')}" if pred.get("capacity_value") is not None else None)
        check("capacity_mw", gold.get("capacity_mw"), shown_mw, close(mw, gold.get("capacity_mw"), CAPACITY_TOLERANCE))
        cost = pred.get("cost_amount")
        shown_cost = None if cost is None else f"{human(cost, pred.get('cost_currency'))} ({human(pred.get('cost_usd'), 'USD')})"
        gold_cost = gold_money(gold.get("cost"))
        check("cost", None if gold_cost is None else human(*gold_cost), shown_cost,
              money_right(gold.get("cost"), cost, pred.get("cost_currency"), pred.get("cost_usd")))
        year = pred.get("target_year")
        year = None if year is None else int(year)
        target = gold.get("target_year")
        check("target_year", target, year, target is not None and year == int(target))
        partners = as_list(pred.get("partners"))
        gold_partners = as_list(gold.get("partners"))
        check("partners", gold_partners, partners,
              _share_matched(gold_partners, lambda n: any(name_stems(n) & name_stems(p) for p in partners)))
    elif kind == "deals":
        check("kind", gold.get("kind"), pred.get("kind"), gold.get("kind") == pred.get("kind"))
        gold_parties = as_list(gold.get("parties"))
        check("parties", gold_parties, as_list(pred.get("parties")),
              _share_matched(gold_parties, lambda n: party_matches(n, pred, states)))
        value = gold_money(gold.get("value"))
        amount = pred.get("value_amount")
        check("value", None if value is None else human(*value),
              None if amount is None else human(amount, pred.get("value_currency")),
              money_right(gold.get("value"), amount, pred.get("value_currency"), pred.get("value_usd")))
        gold_date, pred_date = gold.get("date"), pred.get("date")
        check("date", gold_date, pred_date,
              gold_date and pred_date and (str(pred_date).startswith(str(gold_date)) or str(gold_date).startswith(str(pred_date))))
    else:
        check("mode", gold.get("mode"), pred.get("mode"), gold.get("mode") == pred.get("mode"))
        check("status", gold.get("status"), pred.get("status"), gold.get("status") == pred.get("status"))
        gold_countries = as_list(gold.get("countries"))
        pred_countries = as_list(pred.get("countries"))
        check("countries", gold_countries, pred_countries, set(gold_countries) == set(pred_countries))
    return checks


# --- scoring --------------------------------------------------------------------------------------------

@dataclass
class Counts:
    gold: int = 0
    predicted: int = 0
    matched: int = 0
    right: dict[str, int] = field(default_factory=dict)
    checked: dict[str, int] = field(default_factory=dict)

    @property
    def precision(self) -> float | None:
        return self.matched / self.predicted if self.predicted else None

    @property
    def recall(self) -> float | None:
        return self.matched / self.gold if self.gold else None

    @property
    def f1(self) -> float | None:
        if not (self.gold or self.predicted):
            return None
        p, r = self.precision or 0.0, self.recall or 0.0
        return 2 * p * r / (p + r) if p + r else 0.0

    def tick(self, name: str, right: bool) -> None:
        self.checked[name] = self.checked.get(name, 0) + 1
        self.right[name] = self.right.get(name, 0) + int(right)


@dataclass
class ArticleReport:
    misses: list[str] = field(default_factory=list)
    false_positives: list[str] = field(default_factory=list)
    wrong: list[str] = field(default_factory=list)


def describe_gold(kind: str, g: dict) -> str:
    if kind == "projects":
        where = ", ".join(x for x in (g.get("place"), g.get("region"), g.get("country")) if x)
        return f"{g.get('name')} [{g.get('sector')}/{g.get('subsector')}] ({where}) «{g.get('quote') or ''}»"
    if kind == "deals":
        return f"{g.get('kind')}: {', '.join(as_list(g.get('parties')))} «{g.get('quote') or ''}»"
    return (f"{g.get('name') or '(no name)'} [{g.get('mode')}] {' → '.join(as_list(g.get('places')))} "
            f"{as_list(g.get('countries'))} «{g.get('quote') or ''}»")


def label_gold(kind: str, g: dict) -> str:
    if kind == "deals":
        return f"{g.get('kind')} ({', '.join(as_list(g.get('parties')))})"
    return str(g.get("name") or " → ".join(as_list(g.get("places"))) or "(no name)")


def describe_pred(kind: str, p: dict) -> str:
    if kind == "projects":
        return f"{p.get('name_ru')} [{p.get('sector')}/{p.get('subsector')}] ({p.get('place')}, {p.get('country_iso3')})"
    if kind == "deals":
        return f"{p.get('kind')}: {', '.join(map(str, as_list(p.get('parties'))))} | {p.get('sentence')}"
    return f"{p.get('name_ru')} [{p.get('mode')}] {as_list(p.get('countries'))}"


def evaluate(gold: dict[str, dict], predicted: dict[str, dict[str, list[dict]]],
             states: dict[str, str]) -> tuple[dict[str, Counts], dict[str, ArticleReport]]:
    """Counts per record kind over all articles, and per article its misses, false positives and wrong fields."""
    counts = {kind: Counts() for kind in KINDS}
    reports: dict[str, ArticleReport] = {}
    for article in sorted(gold):
        report = reports.setdefault(article, ArticleReport())
        for kind in KINDS:
            gold_records = [g for g in as_list(gold[article].get(kind)) if isinstance(g, dict)]
            pred_records = predicted.get(article, {}).get(kind, [])
            pairs = greedy_match(gold_records, pred_records, scorer(kind, states))
            c = counts[kind]
            c.gold += len(gold_records)
            c.predicted += len(pred_records)
            c.matched += len(pairs)
            matched_gold = {gi for gi, _ in pairs}
            matched_pred = {pi for _, pi in pairs}
            report.misses += [f"{kind[:-1]}: {describe_gold(kind, g)}"
                              for gi, g in enumerate(gold_records) if gi not in matched_gold]
            report.false_positives += [f"{kind[:-1]}: {describe_pred(kind, p)}"
                                       for pi, p in enumerate(pred_records) if pi not in matched_pred]
            for gi, pi in pairs:
                for name, (right, gold_value, pred_value) in attributes(kind, gold_records[gi], pred_records[pi],
                                                                        states).items():
                    c.tick(name, right)
                    if not right:
                        report.wrong.append(f"{kind[:-1]} {label_gold(kind, gold_records[gi])} — {name}: "
                                            f"gold {gold_value!r}, predicted {pred_value!r}")
    return counts, reports


def overall(counts: dict[str, Counts], kinds=KINDS) -> tuple[int, int]:
    right = sum(sum(counts[k].right.values()) for k in kinds)
    checked = sum(sum(counts[k].checked.values()) for k in kinds)
    return right, checked


def figures(counts: dict[str, Counts]) -> dict:
    """The counts as plain JSON-ready figures."""
    out: dict = {"records": {}, "attributes": {}}
    for kind in KINDS:
        c = counts[kind]
        out["records"][kind] = {"gold": c.gold, "predicted": c.predicted, "matched": c.matched,
                                "precision": c.precision, "recall": c.recall, "f1": c.f1}
        fields = {}
        for name in FIELDS[kind]:
            n = c.checked.get(name, 0)
            fields[name] = {"right": c.right.get(name, 0), "checked": n, "share": c.right.get(name, 0) / n if n else None}
        right, checked = overall(counts, (kind,))
        fields["overall"] = {"right": right, "checked": checked, "share": right / checked if checked else None}
        out["attributes"][kind] = fields
    right, checked = overall(counts)
    out["attributes"]["all"] = {"right": right, "checked": checked, "share": right / checked if checked else None}
    return out


# --- corpus and warehouse -------------------------------------------------------------------------------

def read_gold(corpus: Path) -> tuple[dict[str, dict], list[str]]:
    """Gold annotations by article id (only those with an article file), and notes on files left out."""
    gold, notes = {}, []
    for path in sorted((corpus / "gold").glob("*.json")):
        article = corpus / "articles" / f"{path.stem}.txt"
        if not article.is_file():
            notes.append(f"{path.name}: no article {article.name}")
            continue
        try:
            data = json.loads(path.read_text(encoding="utf-8"))
        except (OSError, UnicodeDecodeError, json.JSONDecodeError) as exc:
            notes.append(f"{path.name}: not readable JSON ({exc.__class__.__name__})")
            continue
        if not isinstance(data, dict):
            notes.append(f"{path.name}: not a JSON object")
            continue
        gold[path.stem] = {kind: as_list(data.get(kind)) for kind in KINDS}
    return gold, notes


def _records(frame) -> list[dict]:
    frame = frame.drop(columns=[c for c in ("geometry",) if c in frame.columns])
    return [{k: clean(v) for k, v in row.items()} for row in frame.to_dict("records")]


def read_predictions(warehouse: Path, ids) -> tuple[dict[str, dict[str, list[dict]]], list[str]]:
    """Predicted records per gold article id (by the stem of the article's source file), and ids not read."""
    import pandas as pd

    articles = pd.read_parquet(warehouse / "articles.parquet", columns=["article_id", "source_file"])
    by_stem: dict[str, set[str]] = {}
    for aid, source in zip(articles["article_id"], articles["source_file"]):
        by_stem.setdefault(Path(str(source)).stem, set()).add(aid)
    rejects_path = warehouse / "rejects.parquet"
    if rejects_path.exists():  # a text read twice is one article: the copy points at the first
        rejects = pd.read_parquet(rejects_path)
        for row in rejects[rejects["reason"] == "duplicate"].to_dict("records"):
            found = re.search(r"article (\w+)", str(row.get("detail") or ""))
            if found:
                by_stem.setdefault(Path(str(row["source_file"])).stem, set()).add(found.group(1))

    aliases = corridor_aliases()
    by_article: dict[str, dict[str, list[dict]]] = {kind: {} for kind in KINDS}
    for kind in KINDS:
        for record in _records(pd.read_parquet(warehouse / f"{kind}.parquet")):
            if kind == "routes":
                record["aliases"] = aliases.get(record.get("route_id"), [])
            aids = as_list(record.get("article_ids")) if kind != "deals" else as_list(record.get("article_id"))
            for aid in aids:
                by_article[kind].setdefault(aid, []).append(record)

    told = _statuses_told(warehouse)
    predicted, unread = {}, []
    for gid in ids:
        aids = by_stem.get(gid, set())
        if not aids:
            unread.append(gid)
        predicted[gid] = {}
        for kind in KINDS:
            seen, records = set(), []
            for aid in sorted(aids):
                for record in by_article[kind].get(aid, []):
                    key = record.get(RECORD_ID[kind]) or id(record)
                    if key not in seen:
                        seen.add(key)
                        records.append(_as_told(kind, record, aids, told))
            predicted[gid][kind] = records
    return predicted, unread


def _statuses_told(warehouse: Path) -> dict[tuple[str, str, str], list[str]] | None:
    """(record type, record id, article id) → the statuses that article claims, in text order."""
    import pandas as pd

    if not (warehouse / "evidence.parquet").exists():
        return None  # a warehouse without its evidence: records are scored as they are shown
    evidence = pd.read_parquet(warehouse / "evidence.parquet",
                               columns=["record_type", "record_id", "field", "value", "article_id", "start"])
    evidence = evidence[evidence["field"] == "status"].sort_values("start")
    told: dict[tuple[str, str, str], list[str]] = {}
    for row in evidence.itertuples(index=False):
        told.setdefault((row.record_type, row.record_id, row.article_id), []).append(row.value)
    return told


def _as_told(kind: str, record: dict, aids: set[str], told: dict) -> dict:
    """A record seen in several articles shows the latest one's status; the article is scored on the
    status it claims itself, chosen by the same rule the warehouse applies within one article."""
    from etl.tabulate import _first_news, _status_rank

    if told is None or kind == "deals" or len(as_list(record.get("article_ids"))) < 2:
        return record
    rtype = kind[:-1]
    values = [v for aid in sorted(aids) for v in told.get((rtype, record[RECORD_ID[kind]], aid), [])]
    if not values:
        return {**record, "status": "unspecified"}
    status = _first_news(values) if kind == "projects" else sorted(set(values), key=_status_rank)[0]
    return {**record, "status": status}


# --- report ---------------------------------------------------------------------------------------------

def _f(x: float | None) -> str:
    return "   —" if x is None else f"{x:.3f}"


def format_report(results: list[tuple[str, dict]], seconds: dict[str, float]) -> list[str]:
    labels = [label for label, _ in results]
    lines = ["Builds: " + ", ".join(f"{label} {seconds[label]:.1f} s" for label in labels), "",
             "Records (one-to-one per article)",
             f"{'kind':<10}{'code':<12}{'gold':>6}{'pred':>6}{'match':>7}{'P':>8}{'R':>8}{'F1':>8}"]
    for kind in KINDS:
        for label, fig in results:
            r = fig["records"][kind]
            lines.append(f"{kind:<10}{label:<12}{r['gold']:>6}{r['predicted']:>6}{r['matched']:>7}"
                         f"{_f(r['precision']):>8}{_f(r['recall']):>8}{_f(r['f1']):>8}")
    lines += ["", "Attributes on matched pairs (right / checked where the gold value is set)",
              f"{'kind':<10}{'field':<13}" + "".join(f"{label:>20}" for label in labels)]

    def cell(a: dict) -> str:
        return f"{a['right']}/{a['checked']} {_f(a['share'])}"

    for kind in KINDS:
        for name in (*FIELDS[kind], "overall"):
            lines.append(f"{kind:<10}{name:<13}" + "".join(f"{cell(fig['attributes'][kind][name]):>20}"
                                                          for _, fig in results))
    lines.append(f"{'all':<10}{'overall':<13}" + "".join(f"{cell(fig['attributes']['all']):>20}" for _, fig in results))
    return lines


def format_details(reports: dict[str, ArticleReport], label: str) -> str:
    out = [f"Misses, false positives and wrong attributes per article ({label} code)", ""]
    for article, report in sorted(reports.items()):
        if not (report.misses or report.false_positives or report.wrong):
            out += [f"== {article}: all matched, all attributes right", ""]
            continue
        out.append(f"== {article}")
        for title, items in (("missed (gold, unmatched)", report.misses),
                             ("false positives (predicted, unmatched)", report.false_positives),
                             ("wrong attributes", report.wrong)):
            if items:
                out.append(f"  {title}:")
                out += [f"    - {item}" for item in items]
        out.append("")
    return "\n".join(out)


def corpus_path(arg: Path | None) -> Path:
    if arg is not None:
        return arg
    if os.environ.get("DEVCORPUS"):
        return Path(os.environ["DEVCORPUS"])
    return DEFAULT_CORPUS


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--corpus", type=Path, default=None,
                        help=f"development corpus (default: $DEVCORPUS, else {DEFAULT_CORPUS})")
    parser.add_argument("--baseline", metavar="REF", help="also build with the code at this git ref")
    parser.add_argument("--details", type=Path, metavar="FILE", help="write misses and errors per article here")
    parser.add_argument("--json", type=Path, metavar="FILE", help="write the figures as JSON here")
    args = parser.parse_args(argv)

    corpus = corpus_path(args.corpus)
    if not corpus.is_dir():
        print(f"Development corpus not found at {corpus}: nothing to measure "
              "(give --corpus PATH or set DEVCORPUS). Skipping the records benchmark.")
        return 0
    gold, notes = read_gold(corpus)
    for note in notes:
        print(f"left out: {note}")
    if not gold:
        print(f"No gold annotations with their articles in {corpus}: nothing to measure.")
        return 0

    from benchmarks.builds import build_all, resolve_ref

    if args.baseline and resolve_ref(args.baseline) is None:
        print(f"--baseline {args.baseline}: not a commit of this repository", file=sys.stderr)
        return 2
    states = country_names()
    n = {kind: sum(len(g[kind]) for g in gold.values()) for kind in KINDS}
    print(f"Corpus {corpus}: {len(gold)} articles with gold ({n['projects']} projects, {n['deals']} deals, "
          f"{n['routes']} routes)")

    results, seconds, reports = [], {}, {}
    with tempfile.TemporaryDirectory(prefix="records-eval-") as tmp:
        tmp = Path(tmp)
        inputs = tmp / "articles"
        inputs.mkdir()
        for gid in gold:
            shutil.copy2(corpus / "articles" / f"{gid}.txt", inputs / f"{gid}.txt")
        try:
            builds = build_all(inputs, tmp, args.baseline)
        except RuntimeError as exc:
            print(exc, file=sys.stderr)
            return 1
        for build in builds:
            predicted, unread = read_predictions(build.warehouse, gold)
            if unread:
                print(f"{build.label}: no article read from {', '.join(unread)}")
            for failure in build.failures:
                print(f"{build.label}: {failure}")
            counts, article_reports = evaluate(gold, predicted, states)
            results.append((build.label, figures(counts)))
            seconds[build.label] = build.seconds
            reports[build.label] = article_reports

    print("\n".join(format_report(results, seconds)))
    if args.details:
        args.details.write_text(format_details(reports["current"], "current") + "\n", encoding="utf-8")
        print(f"\nDetails per article: {args.details}")
    if args.json:
        payload = {"corpus": str(corpus), "articles": sorted(gold),
                   "builds": {label: {"seconds": seconds[label], **fig} for label, fig in results}}
        args.json.write_text(json.dumps(payload, ensure_ascii=False, indent=2) + "\n", encoding="utf-8")
        print(f"Figures as JSON: {args.json}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
