"""A SYNTHETIC warehouse of any size, written table by table, for load tests of the dashboard.

    python benchmarks/synthetic_warehouse.py --articles 1000000 --out /tmp/synthetic-warehouse-1m

Not built by the ETL: every table of `etl/schema.py` is written directly, with made-up records,
so a million articles take minutes rather than days. Texts are sentences of the seed files
recombined at random; ids, outlets, names and URLs say `synthetic` so no row passes for real
news. The folder gets a README saying so and a manifest whose data version starts with
`synthetic-`. Output only under /tmp (never the default warehouse).

Sizes scale with the articles: per article about 12 mentions (4 of countries), and per thousand
articles 0.5 corridors, 30 projects, 200 deals; about 4 evidence rows per record. The same
`--seed` gives the same warehouse.
"""

from __future__ import annotations

import argparse
import datetime as dt
import json
import re
import sys
import time
from pathlib import Path

import numpy as np
import pyarrow as pa
import pyarrow.parquet as pq

ROOT = Path(__file__).resolve().parents[1]
if str(ROOT) not in sys.path:
    sys.path.insert(0, str(ROOT))

from etl import schema  # noqa: E402

BATCH = 100_000
MENTIONS_PER_ARTICLE = 12
COUNTRY_MENTIONS = 4
# (ISO3, English, Russian, lat, lon, weight): the countries a synthetic article names, most often the first.
COUNTRIES = [
    ("KAZ", "Kazakhstan", "Казахстан", 48.0, 68.0, 30), ("RUS", "Russia", "Россия", 60.0, 90.0, 14),
    ("CHN", "China", "Китай", 35.0, 105.0, 14), ("UZB", "Uzbekistan", "Узбекистан", 41.4, 64.6, 8),
    ("KGZ", "Kyrgyzstan", "Киргизия", 41.2, 74.8, 5), ("TJK", "Tajikistan", "Таджикистан", 38.9, 71.3, 4),
    ("TKM", "Turkmenistan", "Туркменистан", 38.97, 59.6, 3), ("AZE", "Azerbaijan", "Азербайджан", 40.1, 47.6, 4),
    ("GEO", "Georgia", "Грузия", 42.3, 43.4, 2), ("TUR", "Turkey", "Турция", 39.0, 35.2, 3),
    ("IRN", "Iran", "Иран", 32.4, 53.7, 2), ("USA", "United States", "США", 39.0, -98.0, 3),
    ("DEU", "Germany", "Германия", 51.2, 10.4, 1), ("FRA", "France", "Франция", 46.6, 2.2, 1),
    ("GBR", "United Kingdom", "Великобритания", 54.0, -2.0, 1), ("IND", "India", "Индия", 21.0, 78.0, 1),
    ("PAK", "Pakistan", "Пакистан", 30.4, 69.3, 1), ("AFG", "Afghanistan", "Афганистан", 33.9, 67.7, 1),
    ("MNG", "Mongolia", "Монголия", 46.8, 103.0, 1), ("ARE", "United Arab Emirates", "ОАЭ", 23.4, 53.8, 1),
    ("KOR", "South Korea", "Южная Корея", 36.5, 127.9, 1), ("JPN", "Japan", "Япония", 36.2, 138.3, 1),
    ("EU", "European Union", "Евросоюз", 50.8, 4.4, 2), ("UKR", "Ukraine", "Украина", 49.0, 31.4, 1),
    ("BLR", "Belarus", "Беларусь", 53.7, 27.9, 1), ("ARM", "Armenia", "Армения", 40.1, 45.0, 1),
]
START = dt.date(2015, 1, 1)
DAYS = 11 * 365
OUTLETS = 300


def seed_sentences(seeds: Path = ROOT / "seeds") -> list[str]:
    """Sentences of the seed files, read as plain UTF-8 text (the material the texts are made of)."""
    sentences: set[str] = set()
    for path in sorted(seeds.glob("*.txt")):
        for line in path.read_text(encoding="utf-8", errors="replace").splitlines():
            for sentence in re.split(r"(?<=[.!?])\s+", line.strip()):
                if 40 <= len(sentence) <= 400:
                    sentences.add(sentence)
    return sorted(sentences) or ["Синтетическое предложение для нагрузочного теста."]


def _ids(prefix: str, numbers: np.ndarray, width: int) -> list[str]:
    return [f"{prefix}{n:0{width}d}" for n in numbers.tolist()]


def _dates(rng, n: int, null_share: float) -> pa.Array:
    days = rng.integers(0, DAYS, n)
    values = (np.datetime64(START) + days.astype("timedelta64[D]")).astype("datetime64[D]")
    mask = rng.random(n) < null_share
    return pa.array(values, type=pa.date32(), mask=mask)


def _writer(path: Path, name: str) -> pq.ParquetWriter:
    return pq.ParquetWriter(path, schema.arrow_schema(name), compression="zstd")


def _table(name: str, columns: dict) -> pa.Table:
    fields = schema.arrow_schema(name)
    n = len(next(iter(columns.values())))
    arrays = [columns[f.name] if f.name in columns else pa.nulls(n, f.type) for f in fields]
    return pa.Table.from_arrays([a if isinstance(a, pa.Array) else pa.array(a, type=f.type) for a, f in zip(arrays, fields)],
                                schema=fields)


def article_ids(numbers: np.ndarray) -> list[str]:
    return _ids("syn", numbers, 13)


def write_articles(out: Path, n: int, rng, sentences: list[str]) -> np.ndarray:
    """Articles in batches; returns each article's publication day (-1: undated) for the records."""
    published_days = np.full(n, -1, dtype=np.int64)
    pool = np.array(sentences, dtype=object)
    with _writer(out / "articles.parquet", "articles") as writer:
        for start in range(0, n, BATCH):
            numbers = np.arange(start, min(n, start + BATCH))
            m = len(numbers)
            picks = rng.integers(0, len(pool), (m, 6))
            lengths = rng.integers(3, 7, m)
            texts = [" ".join(pool[row[:k]]) for row, k in zip(picks, lengths)]
            titles = [f"Synthetic {i}: {pool[p][:70]}" for i, p in zip(numbers.tolist(), picks[:, 0].tolist())]
            days = rng.integers(0, DAYS, m)
            undated = rng.random(m) < 0.05
            published_days[numbers] = np.where(undated, -1, days)
            dates = pa.array((np.datetime64(START) + days.astype("timedelta64[D]")).astype("datetime64[D]"),
                             type=pa.date32(), mask=undated)
            outlet = rng.integers(0, OUTLETS, m)
            ids = article_ids(numbers)
            writer.write_table(_table("articles", {
                "article_id": ids,
                "source_file": [f"synthetic/part-{i // 10_000:04d}.txt" for i in numbers.tolist()],
                "source_kind": pa.array(np.where(outlet % 3 == 0, "telegram", "text").tolist()),
                "channel": [f"synthetic-outlet-{o:03d}" for o in outlet.tolist()],
                "url": [f"https://synthetic.example.org/{o:03d}/{i}" for o, i in zip(outlet.tolist(), numbers.tolist())],
                "title": titles,
                "published": dates,
                "date_basis": pa.array(np.where(undated, "none", "header").tolist()),
                "text": texts,
                "n_chars": pa.array([len(t) for t in texts], type=pa.int64()),
                "is_stub": pa.array(rng.random(m) < 0.02),
                "content_sha256": [f"{i:064x}" for i in numbers.tolist()],
            }))
    return published_days


def write_mentions(out: Path, n: int, rng) -> None:
    codes = np.array([c[0] for c in COUNTRIES], dtype=object)
    names = np.array([c[2] for c in COUNTRIES], dtype=object)
    weights = np.array([c[5] for c in COUNTRIES], dtype=float)
    weights /= weights.sum()
    other_kinds = np.array(["place", "org", "person", "money", "capacity", "date"], dtype=object)
    with _writer(out / "mentions.parquet", "mentions") as writer:
        for start in range(0, n, BATCH):
            numbers = np.arange(start, min(n, start + BATCH))
            m = len(numbers) * MENTIONS_PER_ARTICLE
            article = np.repeat(numbers, MENTIONS_PER_ARTICLE)
            slot = np.tile(np.arange(MENTIONS_PER_ARTICLE), len(numbers))
            country = rng.choice(len(codes), m, p=weights)
            is_country = slot < COUNTRY_MENTIONS
            kind = np.where(is_country, "country", other_kinds[rng.integers(0, len(other_kinds), m)])
            entity = np.where(is_country, codes[country], None)
            # Places and organisations belong to a country too.
            owner = np.where(is_country | np.isin(kind, ("place", "org")), codes[country], None)
            surface = np.where(is_country, names[country], "synthetic name")
            begin = slot * 40
            writer.write_table(_table("mentions", {
                "article_id": pa.array(article_ids(article)),
                "kind": pa.array(kind.tolist()).dictionary_encode().cast(pa.string()),
                "entity_id": pa.array(entity.tolist(), type=pa.string()),
                "surface": pa.array(surface.tolist(), type=pa.string()),
                "normal": pa.array(surface.tolist(), type=pa.string()),
                "start": pa.array(begin, type=pa.int64()),
                "end": pa.array(begin + 9, type=pa.int64()),
                "sentence": pa.array([""] * m, type=pa.string()),
                "country_iso3": pa.array(owner.tolist(), type=pa.string()),
            }))


def _article_lists(rng, n_records: int, n_articles: int, most: int) -> tuple[list[list[str]], np.ndarray]:
    sizes = np.minimum(rng.geometric(0.35, n_records), most)
    chosen = rng.integers(0, n_articles, sizes.sum())
    lists, at = [], 0
    for size in sizes.tolist():
        lists.append(sorted(set(article_ids(chosen[at: at + size]))))
        at += size
    return lists, chosen


def _span(rng, published_days: np.ndarray, lists_numbers: list[np.ndarray]):
    first, last = [], []
    for numbers in lists_numbers:
        days = published_days[numbers]
        days = days[days >= 0]
        first.append(START + dt.timedelta(days=int(days.min())) if len(days) else None)
        last.append(START + dt.timedelta(days=int(days.max())) if len(days) else None)
    return pa.array(first, type=pa.date32()), pa.array(last, type=pa.date32())


def write_records(out: Path, n: int, rng, published_days: np.ndarray) -> dict[str, int]:
    import geopandas as gpd
    import shapely

    codes = [c[0] for c in COUNTRIES]
    points = {c[0]: (c[4], c[3]) for c in COUNTRIES}
    n_routes, n_projects, n_deals = max(3, n // 2000), max(4, n * 30 // 1000), max(4, n * 200 // 1000)

    # Corridors: 2-5 countries in a row, a line through their points.
    route_countries = [list(rng.choice(codes[:12], rng.integers(2, 6), replace=False)) for _ in range(n_routes)]
    lists, _ = _article_lists(rng, n_routes, n, 40)
    numbers = [np.array([int(a[3:]) for a in ids]) for ids in lists]
    first, last = _span(rng, published_days, numbers)
    modes = [m for m in schema.ROUTE_MODES]
    routes = _table("routes", {
        "route_id": _ids("synthetic-route-", np.arange(n_routes), 5),
        "name_en": [f"Synthetic corridor {i}" for i in range(n_routes)],
        "name_ru": [f"Синтетический коридор {i}" for i in range(n_routes)],
        "mode": [modes[i % len(modes)] for i in range(n_routes)],
        "status": [schema.ROUTE_STATUSES[i % len(schema.ROUTE_STATUSES)] for i in range(n_routes)],
        "countries": route_countries, "sector": ["transport" if i % 4 else "energy" for i in range(n_routes)],
        "n_articles": pa.array([len(x) for x in lists], type=pa.int64()), "first_seen": first, "last_seen": last,
        "geometry": pa.array([shapely.to_wkb(shapely.LineString([points[c] for c in cs])) for cs in route_countries],
                             type=pa.binary()),
        "status_conflict": pa.array(rng.random(n_routes) < 0.1), "article_ids": lists,
    })

    # Projects: a sector and subsector, a country, a point near its centre (a tenth without a place).
    sectors = [s for s in schema.SECTORS if schema.SECTORS[s]]
    sector = [sectors[i % len(sectors)] for i in range(n_projects)]
    subsector = [schema.SECTORS[s][(i // len(sectors)) % len(schema.SECTORS[s])] for i, s in enumerate(sector)]
    weights = np.array([c[5] for c in COUNTRIES], dtype=float)
    country = rng.choice(len(codes), n_projects, p=weights / weights.sum())
    placed = rng.random(n_projects) > 0.1
    jitter = rng.normal(0, 2.0, (n_projects, 2))
    geometry = [shapely.to_wkb(shapely.Point(points[codes[c]][0] + dx, points[codes[c]][1] + dy)) if ok else None
                for c, (dx, dy), ok in zip(country.tolist(), jitter.tolist(), placed.tolist())]
    lists, _ = _article_lists(rng, n_projects, n, 30)
    numbers = [np.array([int(a[3:]) for a in ids]) for ids in lists]
    first, last = _span(rng, published_days, numbers)
    partner = rng.choice(len(codes), n_projects)
    capacity = np.round(rng.lognormal(5, 1.2, n_projects), 1)
    projects = _table("projects", {
        "project_id": _ids("synthetic-project-", np.arange(n_projects), 7),
        "name_en": [f"Synthetic project {i}" for i in range(n_projects)],
        "name_ru": [f"Синтетический проект {i}" for i in range(n_projects)],
        "sector": sector, "subsector": subsector,
        "place": [f"Synthetic town {i % 997}" for i in range(n_projects)],
        "country_iso3": [codes[c] for c in country.tolist()],
        "partners": [[f"Synthetic company {p}"] for p in partner.tolist()],
        "partner_countries": [[codes[p]] for p in partner.tolist()],
        "capacity_value": pa.array(np.where(np.array(sector) == "energy", capacity, np.nan), mask=np.array(sector) != "energy"),
        "capacity_unit": ["MW" if s == "energy" else None for s in sector],
        "cost_amount": pa.array(np.round(rng.lognormal(4, 1.5, n_projects), 1)),
        "cost_currency": ["USD"] * n_projects,
        "cost_usd": pa.array(np.round(rng.lognormal(4, 1.5, n_projects), 1) * 1e6),
        "target_year": pa.array(rng.integers(2020, 2035, n_projects), type=pa.int64()),
        "status": [schema.PROJECT_STATUSES[i % len(schema.PROJECT_STATUSES)] for i in range(n_projects)],
        "n_articles": pa.array([len(x) for x in lists], type=pa.int64()), "first_seen": first, "last_seen": last,
        "geometry": pa.array(geometry, type=pa.binary()),
        "conflicts": [["cost"] if i % 17 == 0 else [] for i in range(n_projects)], "article_ids": lists,
        "place_precision": ["site" if ok else None for ok in placed.tolist()],
    })

    # Deals: two parties (countries or companies), a value in a tenth, an article each.
    article = rng.integers(0, n, n_deals)
    days = published_days[article]
    party_a, party_b = rng.choice(len(codes), n_deals), rng.choice(len(codes), n_deals)
    dated = rng.random(n_deals) < 0.6
    deals = _table("deals", {
        "deal_id": _ids("synthetic-deal-", np.arange(n_deals), 8),
        "kind": [schema.DEAL_KINDS[i % len(schema.DEAL_KINDS)] for i in range(n_deals)],
        "parties": [[COUNTRIES[a][2], f"Synthetic company {b}"] for a, b in zip(party_a.tolist(), party_b.tolist())],
        "party_countries": [[codes[a], codes[b]] for a, b in zip(party_a.tolist(), party_b.tolist())],
        "value_amount": pa.array(np.round(rng.lognormal(3, 1.5, n_deals), 1), mask=rng.random(n_deals) > 0.3),
        "value_currency": ["USD"] * n_deals,
        "value_usd": pa.array(np.round(rng.lognormal(3, 1.5, n_deals), 1) * 1e6, mask=rng.random(n_deals) > 0.3),
        "date": [(START + dt.timedelta(days=int(d))).isoformat()[: 7 if i % 3 else 10] if ok and d >= 0 else None
                 for i, (d, ok) in enumerate(zip(days.tolist(), dated.tolist()))],
        "sector": [sectors[i % len(sectors)] for i in range(n_deals)],
        "project_id": [f"synthetic-project-{p:07d}" if p >= 0 else None
                       for p in np.where(rng.random(n_deals) < 0.3, rng.integers(0, n_projects, n_deals), -1).tolist()],
        "article_id": article_ids(article),
        "sentence": [f"Synthetic deal sentence {i}." for i in range(n_deals)],
        "date_basis": ["text" if ok else "published" for ok in dated.tolist()],
    })

    crs = "EPSG:4326"
    for name, table in (("routes", routes), ("projects", projects)):
        frame = table.to_pandas()
        frame["geometry"] = shapely.from_wkb(frame["geometry"].to_numpy())
        gpd.GeoDataFrame(frame, geometry="geometry", crs=crs).to_parquet(out / f"{name}.parquet", index=False)
    pq.write_table(deals, out / "deals.parquet", compression="zstd")

    # Evidence: a status and a name claim per corridor and project, a kind and value claim per deal.
    with _writer(out / "evidence.parquet", "evidence") as writer:
        for kind, table, key in (("route", routes, "route_id"), ("project", projects, "project_id")):
            ids = table.column(key).to_pylist()
            sources = table.column("article_ids").to_pylist()
            status = table.column("status").to_pylist()
            rows = [(rid, field, value, src[0]) for rid, src, st in zip(ids, sources, status) if src
                    for field, value in (("status", st), ("name", rid))]
            writer.write_table(_evidence(kind, rows))
        ids, kinds, articles = (deals.column(c).to_pylist() for c in ("deal_id", "kind", "article_id"))
        rows = [(rid, field, value, a) for rid, k, a in zip(ids, kinds, articles)
                for field, value in (("kind", k), ("parties", "synthetic"))]
        for at in range(0, len(rows), BATCH):
            writer.write_table(_evidence("deal", rows[at: at + BATCH]))
    return {"routes": n_routes, "projects": n_projects, "deals": n_deals}


def _evidence(kind: str, rows: list[tuple]) -> pa.Table:
    return _table("evidence", {
        "record_type": [kind] * len(rows), "record_id": [r[0] for r in rows], "field": [r[1] for r in rows],
        "value": [str(r[2]) for r in rows], "article_id": [r[3] for r in rows],
        "start": pa.array([0] * len(rows), type=pa.int64()), "end": pa.array([20] * len(rows), type=pa.int64()),
        "quote": ["Synthetic quote for a load test."] * len(rows), "shown": pa.array([True] * len(rows)),
    })


def write_small_tables(out: Path) -> None:
    pq.write_table(_table("countries", {
        "iso3": [c[0] for c in COUNTRIES], "name_en": [c[1] for c in COUNTRIES], "name_ru": [c[2] for c in COUNTRIES],
        "lat": pa.array([c[3] for c in COUNTRIES]), "lon": pa.array([c[4] for c in COUNTRIES]),
    }), out / "countries.parquet")
    for name in ("rejects", "candidates"):
        pq.write_table(schema.arrow_schema(name).empty_table(), out / f"{name}.parquet")


def generate(n: int, out: Path, seed: int = 13) -> dict:
    out = Path(out)
    if not str(out.resolve()).startswith("/tmp/"):
        raise SystemExit("a synthetic warehouse is written under /tmp only")
    out.mkdir(parents=True, exist_ok=True)
    rng = np.random.default_rng(seed)
    started = time.perf_counter()
    published_days = write_articles(out, n, rng, seed_sentences())
    write_mentions(out, n, rng)
    counts = write_records(out, n, rng, published_days)
    write_small_tables(out)
    version = f"synthetic-{n}-{seed}"
    rows = {"articles": n, "mentions": n * MENTIONS_PER_ARTICLE, **counts}
    (out / "manifest.json").write_text(json.dumps({
        "data_version": version, "built_at": "synthetic", "synthetic": True, "rows": rows, "inputs": [],
    }, indent=2), encoding="utf-8")
    (out / "README.md").write_text(
        "# SYNTHETIC warehouse for load tests\n\n"
        f"Written by benchmarks/synthetic_warehouse.py ({n:,} made-up articles, seed {seed}), table by table, "
        "not by the ETL. Texts are seed sentences recombined at random; every id, outlet, name and URL is "
        "synthetic. For benchmarks only: never serve it as data.\n", encoding="utf-8")
    return {"seconds": time.perf_counter() - started, "version": version, **rows}


def main(argv=None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--articles", type=int, default=1_000_000)
    parser.add_argument("--out", type=Path, default=None, help="default /tmp/synthetic-warehouse-<N>")
    parser.add_argument("--seed", type=int, default=13)
    args = parser.parse_args(argv)
    out = args.out or Path(f"/tmp/synthetic-warehouse-{args.articles}")
    summary = generate(args.articles, out, args.seed)
    print(json.dumps({"out": str(out), **summary}, indent=2))
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
