"""Deal recall on the factRuEval-2016 development documents.

    .venv/bin/python benchmarks/factru_deals.py [--data PATH] [--baseline REF] [--details FILE]

Reads `../shared/eval/deals/factru_dev.jsonl` (relative to the repository root; `--data` for another
copy) in place: one JSON object per document, `{"id", "text", "deals": [{"type", "participants":
[[name, name, …], …], "modality"}]}`. Where the file is absent the script says so and exits 0. The
data are for evaluation only and never copied into the repository: each text is written to a
temporary folder as `<id>.txt` and built into a warehouse there (`python -m etl build --no-cache`);
with `--baseline REF` the code at REF builds the same texts in a temporary git worktree.

A gold Deal fact is found when one deal record of its document names at least two of its
participants (one, for a fact with a single participant), each by a different party. A participant is
named by a record when any of its names matches one of the record's parties — equal or contained once
case and ё are folded, or sharing a 5-letter stem of a significant word of ≥ 5 letters — or when the
name is a country (by the project's gazetteer) whose ISO3 is among the record's `party_countries`. The collection does not
annotate agreements, bans or trade targets, so only recall is measured.
"""

from __future__ import annotations

import argparse
import json
import sys
import tempfile
from collections import Counter
from collections.abc import Callable
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
if __name__ == "__main__":  # run as a script: its own folder must not shadow packages of the same name
    sys.path[:] = [p for p in sys.path if Path(p or ".").resolve() != Path(__file__).resolve().parent]
if str(ROOT) not in sys.path:
    sys.path.insert(0, str(ROOT))

from benchmarks.textmatch import flat, stems  # noqa: E402

DEFAULT_DATA = ROOT.parent / "shared" / "eval" / "deals" / "factru_dev.jsonl"
MIN_STEM_WORD = 5


# --- matching -------------------------------------------------------------------------------------------

def name_matches(name: str, party: str) -> bool:
    """A participant's name and a record's party: equal or contained (folded), or a common significant stem."""
    a, b = flat(name), flat(party)
    if not a or not b:
        return False
    if a == b or f" {a} " in f" {b} " or f" {b} " in f" {a} ":
        return True
    return bool(stems(name, min_len=MIN_STEM_WORD) & stems(party, min_len=MIN_STEM_WORD))


def _list(value) -> list:
    if value is None:
        return []
    if hasattr(value, "tolist") and not isinstance(value, str):
        value = value.tolist()
    return [v for v in (value if isinstance(value, list) else [value]) if isinstance(v, str)]


def _slots(record: dict, country_of: Callable[[str], str | None]) -> list[tuple[str | None, str | None]]:
    """What a record names, one slot per entity: (party, its ISO3 if it is a country) for each party, and
    (None, ISO3) for each party country no party stands for."""
    parties = _list(record.get("parties"))
    slots = [(p, country_of(p)) for p in parties]
    covered = {iso3 for _, iso3 in slots if iso3}
    slots += [(None, iso3) for iso3 in dict.fromkeys(_list(record.get("party_countries"))) if iso3 not in covered]
    return slots


def _names_slot(names: list[str], slot: tuple[str | None, str | None], country_of) -> bool:
    party, iso3 = slot
    if party is not None and any(name_matches(n, party) for n in names):
        return True
    return iso3 is not None and any(country_of(n) == iso3 for n in names)


def participant_named(names: list[str], record: dict, country_of: Callable[[str], str | None]) -> bool:
    """Any of the participant's names matches a party, or is a country among the record's party countries."""
    return any(_names_slot(names, slot, country_of) for slot in _slots(record, country_of))


def named_count(fact: dict, record: dict, country_of: Callable[[str], str | None]) -> int:
    """How many of the fact's participants the record names, each by a different party (or party country):
    a record whose only party is Belarus names "Белоруссия" or "правительство Белоруссии", not both."""
    slots = _slots(record, country_of)
    edges = [[j for j, slot in enumerate(slots) if _names_slot(names, slot, country_of)]
             for names in fact.get("participants") or []]
    owner: dict[int, int] = {}

    def augment(i: int, seen: set[int]) -> bool:  # Kuhn's augmenting path
        for j in edges[i]:
            if j not in seen:
                seen.add(j)
                if j not in owner or augment(owner[j], seen):
                    owner[j] = i
                    return True
        return False

    return sum(augment(i, set()) for i in range(len(edges)))


def fact_found(fact: dict, records: list[dict], country_of: Callable[[str], str | None]) -> bool:
    """One record names two of the fact's participants (its only one, if it has one)."""
    need = min(2, len(fact.get("participants") or []))
    return need > 0 and any(named_count(fact, r, country_of) >= need for r in records)


def gazetteer_countries() -> Callable[[str], str | None]:
    """name → ISO3 when the name is a country (or the EU) by the project's gazetteer, else None."""
    from etl.gazetteer import load_gazetteer

    gazetteer = load_gazetteer()
    cache: dict[str, str | None] = {}

    def country_of(name: str) -> str | None:
        if name not in cache:
            entry = gazetteer.lookup(name)
            if entry is None:  # an inflected or abbreviated form: the gazetteer's matcher over the whole name
                text = name.strip()
                hits = gazetteer.match(gazetteer.nlp.tokens(text))
                if len(hits) == 1 and hits[0][0] == 0 and hits[0][1] == len(text):
                    entry = hits[0][2]
            cache[name] = entry.entity_id if entry is not None and entry.kind == "country" else None
        return cache[name]

    return country_of


# --- data and warehouse ---------------------------------------------------------------------------------

def read_documents(path: Path) -> list[dict]:
    docs = []
    with open(path, encoding="utf-8") as handle:
        for line in handle:
            if line.strip():
                docs.append(json.loads(line))
    return docs


def write_texts(docs: list[dict], folder: Path) -> None:
    folder.mkdir(parents=True, exist_ok=True)
    for doc in docs:
        (folder / f"{doc['id']}.txt").write_text(doc["text"], encoding="utf-8")


def read_deals(warehouse: Path) -> dict[str, list[dict]]:
    """Deal records per document id (the stem of the article's source file)."""
    import pandas as pd

    articles = pd.read_parquet(warehouse / "articles.parquet", columns=["article_id", "source_file"])
    doc_of = {aid: Path(str(src)).stem for aid, src in zip(articles["article_id"], articles["source_file"])}
    deals = pd.read_parquet(warehouse / "deals.parquet")
    by_doc: dict[str, list[dict]] = {}
    for record in deals.to_dict("records"):
        doc = doc_of.get(record.get("article_id"))
        if doc is not None:
            by_doc.setdefault(doc, []).append(record)
    return by_doc


def evaluate(docs: list[dict], deals: dict[str, list[dict]], country_of: Callable[[str], str | None]) -> dict:
    facts = found = 0
    by_type: dict[str, list[int]] = {}
    kinds: Counter = Counter()
    rows = []
    for doc in docs:
        records = deals.get(doc["id"], [])
        kinds.update(str(r.get("kind")) for r in records)
        for fact in doc.get("deals") or []:
            hit = fact_found(fact, records, country_of)
            facts += 1
            found += hit
            tally = by_type.setdefault(fact.get("type") or "?", [0, 0])
            tally[0] += hit
            tally[1] += 1
            ranked = sorted(((named_count(fact, r, country_of), i) for i, r in enumerate(records)), reverse=True)
            closest = [(n, records[i]) for n, i in ranked[:2] if n > 0]
            rows.append({"doc": doc["id"], "fact": fact, "found": hit, "closest": closest,
                         "n_records": len(records)})
    n_records = sum(len(deals.get(doc["id"], [])) for doc in docs)
    return {"facts": facts, "found": found, "recall": found / facts if facts else None, "by_type": by_type,
            "records": n_records, "documents": len(docs),
            "documents_with_records": sum(1 for doc in docs if deals.get(doc["id"])),
            "kinds": kinds, "rows": rows}


# --- report ---------------------------------------------------------------------------------------------

def format_report(results: list[tuple[str, dict]], seconds: dict[str, float]) -> list[str]:
    labels = [label for label, _ in results]
    width = 24

    def line(title: str, cells: list[str]) -> str:
        return f"{title:<34}" + "".join(f"{c:>{width}}" for c in cells)

    lines = [line("", labels),
             line("build seconds", [f"{seconds[label]:.1f}" for label in labels]),
             line("deal facts found (recall)", [f"{r['found']}/{r['facts']} {r['recall']:.3f}" if r["facts"] else "—"
                                                for _, r in results])]
    types = sorted({t for _, r in results for t in r["by_type"]})
    for t in types:
        lines.append(line(f"  {t}", [f"{r['by_type'].get(t, [0, 0])[0]}/{r['by_type'].get(t, [0, 0])[1]}"
                                     for _, r in results]))
    lines.append(line("deal records", [str(r["records"]) for _, r in results]))
    lines.append(line("deal records per document", [f"{r['records'] / r['documents']:.2f}" if r["documents"] else "—"
                                                    for _, r in results]))
    lines.append(line("documents with a deal record", [f"{r['documents_with_records']}/{r['documents']}"
                                                       for _, r in results]))
    lines.append("records per kind:")
    for kind in sorted({k for _, r in results for k in r["kinds"]}):
        lines.append(line(f"  {kind}", [str(r["kinds"].get(kind, 0)) for _, r in results]))
    return lines


def _record(record: dict) -> str:
    return (f"{record.get('kind')}: parties {_list(record.get('parties'))}, countries "
            f"{_list(record.get('party_countries'))} | {str(record.get('sentence') or '')[:300]}")


def format_details(results: list[tuple[str, dict]]) -> str:
    out = []
    for label, result in results:
        out += [f"Deal facts and the closest deal records ({label} code)", ""]
        for row in result["rows"]:
            fact = row["fact"]
            names = "; ".join(" / ".join(p) for p in fact.get("participants") or [])
            modality = f", {fact['modality']}" if fact.get("modality") else ""
            out.append(f"{'FOUND ' if row['found'] else 'missed'} {row['doc']} [{fact.get('type')}{modality}] {names}")
            if row["closest"]:
                out += [f"    {n} named by {_record(r)}" for n, r in row["closest"]]
            else:
                out.append(f"    no deal record names a participant ({row['n_records']} deal records in the document)")
        out.append("")
    return "\n".join(out)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--data", type=Path, default=DEFAULT_DATA, help="factRuEval deals jsonl (default: %(default)s)")
    parser.add_argument("--baseline", metavar="REF", help="also build with the code at this git ref")
    parser.add_argument("--details", type=Path, metavar="FILE", help="write each fact with its closest records here")
    args = parser.parse_args(argv)

    if not args.data.is_file():
        print(f"factRuEval deal file not found at {args.data}: skipping the deal benchmark (give --data PATH).")
        return 0
    docs = read_documents(args.data)
    if not docs:
        print(f"No documents in {args.data}: nothing to measure.")
        return 0

    from benchmarks.builds import build_all, resolve_ref

    if args.baseline and resolve_ref(args.baseline) is None:
        print(f"--baseline {args.baseline}: not a commit of this repository", file=sys.stderr)
        return 2
    n_facts = sum(len(d.get("deals") or []) for d in docs)
    print(f"factRuEval-2016 dev: {len(docs)} documents, {n_facts} deal facts ({args.data})")
    results, seconds = [], {}
    with tempfile.TemporaryDirectory(prefix="factru-deals-") as tmp:
        tmp = Path(tmp)
        write_texts(docs, tmp / "texts")
        try:
            builds = build_all(tmp / "texts", tmp, args.baseline)
        except RuntimeError as exc:
            print(exc, file=sys.stderr)
            return 1
        country_of = gazetteer_countries()
        for build in builds:
            for failure in build.failures:
                print(f"{build.label}: {failure}")
            results.append((build.label, evaluate(docs, read_deals(build.warehouse), country_of)))
            seconds[build.label] = build.seconds
    print("\n".join(format_report(results, seconds)))
    if args.details:
        args.details.write_text(format_details(results) + "\n", encoding="utf-8")
        print(f"\nEach fact with its closest records: {args.details}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
