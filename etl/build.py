"""build(): inputs in, warehouse out.

read (files → drafts, rejects) → identify (ids, de-duplication, continuation links) →
tabulate → check → write. Reading and writing are the only stages that touch files.
"""

from __future__ import annotations

import hashlib
import os
import time
from dataclasses import dataclass, field
from pathlib import Path

import pyarrow as pa

from etl import schema
from etl.read import DEFAULT_MAX_BYTES, Draft, Reject, iter_input_files, outside, read_path
from etl.read.common import normalise_for_identity
from etl.warehouse import read_manifest, write_warehouse

PACKAGE_ROOT = Path(__file__).resolve().parent


class BuildError(Exception):
    """A build that cannot produce a sound warehouse; the previous warehouse stays in place."""


@dataclass
class BuildSummary:
    files: int = 0
    items: int = 0
    articles: int = 0
    rejects: int = 0
    duplicates: int = 0
    rows: dict[str, int] = field(default_factory=dict)
    seconds: float = 0.0
    data_version: str = ""
    out: str = ""
    skipped_fresh: bool = False
    processed: int = 0
    cached: int = 0
    engine: str = ""
    extraction_errors: dict[str, str] = field(default_factory=dict)

    def render(self) -> str:
        if self.skipped_fresh:
            return f"warehouse {self.out} is up to date (data version {self.data_version}); nothing to do"
        lines = [
            f"inputs read: {self.files} files, {self.items} items",
            f"articles:    {self.articles}",
            f"rejects:     {self.rejects}" + (f" (of which {self.duplicates} duplicates)" if self.duplicates else ""),
            f"check:       {self.items} items = {self.articles} articles + {self.rejects} rejects",
            f"extraction:  {self.processed} articles processed ({self.engine}), {self.cached} unchanged from cache",
            *[f"extraction failed for article {aid}: {error} (the article is kept, with no records)"
              for aid, error in self.extraction_errors.items()],
            "rows:        " + ", ".join(f"{name} {n}" for name, n in self.rows.items()),
            f"data version {self.data_version} → {self.out}",
            f"seconds:     {self.seconds:.1f}",
        ]
        return "\n".join(lines)


def code_version() -> str:
    """A hash of the ETL's code and gazetteer: a change to either makes every output stale."""
    digest = hashlib.sha256()
    for path in sorted(PACKAGE_ROOT.rglob("*")):
        if path.is_file() and path.suffix in {".py", ".csv", ".json", ".tsv", ".gz"} and "__pycache__" not in path.parts:
            digest.update(path.relative_to(PACKAGE_ROOT).as_posix().encode())
            digest.update(path.read_bytes())
    return digest.hexdigest()[:12]


def _label(root: Path, path: Path) -> str:
    return f"{root.name}/{path.relative_to(root).as_posix()}" if root.is_dir() else path.name


def _input_files(inputs: list[Path]) -> list[tuple[Path, str, Path]]:
    """(path, label, input root) of every file under the inputs."""
    files = []
    for root in inputs:
        root = Path(root)
        if not root.exists():
            raise BuildError(f"input not found: {root}")
        files += [(path, _label(root, path), root) for path in iter_input_files([root])]
    return files


def data_version(files: list[tuple[Path, str, Path]], code: str) -> str:
    """The version of a warehouse: its inputs' names and contents, and the code (`code_version`) that read them."""
    digest = hashlib.sha256(code.encode())
    for path, label, root in sorted(files, key=lambda f: f[1]):
        digest.update(label.encode())
        if root.is_dir() and outside(path, root):  # never opened: only where it leads counts
            digest.update(f"outside:{os.path.realpath(path)}".encode())
            continue
        try:
            stat = path.stat()
            if stat.st_size <= DEFAULT_MAX_BYTES:
                digest.update(hashlib.sha256(path.read_bytes()).digest())
            else:
                digest.update(f"{stat.st_size}:{stat.st_mtime_ns}".encode())
        except OSError:
            digest.update(b"unreadable")
    return digest.hexdigest()[:12]


def article_id(text: str) -> str:
    return hashlib.sha256(normalise_for_identity(text).encode("utf-8")).hexdigest()[:16]


def identify(drafts: list[Draft]) -> tuple[list[dict], list[Reject]]:
    """Article rows with stable ids; a text already seen becomes a `duplicate` reject."""
    rows: list[dict] = []
    duplicates: list[Reject] = []
    by_id: dict[str, dict] = {}
    ids: list[str | None] = []
    for draft in drafts:
        aid = article_id(draft.text)
        if aid in by_id:
            first = by_id[aid]
            duplicates.append(Reject(draft.source_file, "duplicate",
                                     f"same text as article {aid} from {first['source_file']}", draft.source_item))
            ids.append(aid)
            continue
        row = {
            "article_id": aid, "source_file": draft.source_file, "source_kind": draft.source_kind,
            "channel": draft.channel, "url": draft.url, "title": draft.title, "published": draft.published,
            "date_basis": draft.date_basis, "text": draft.text, "n_chars": len(draft.text),
            "is_stub": draft.is_stub, "content_sha256": hashlib.sha256(draft.text.encode("utf-8")).hexdigest(),
            "source_item": draft.source_item, "continues": None, "forwarded_from": draft.forwarded_from,
            "date_clue": draft.date_clue,
            "_continues_index": draft.continues_index,
        }
        by_id[aid] = row
        rows.append(row)
        ids.append(aid)
    for row in rows:
        index = row.pop("_continues_index")
        if index is not None:
            row["continues"] = ids[index]
    return rows, duplicates


def extract_all(articles: list[dict], *, engine: str = "auto", scheduler: str | None = None,
                workers: int | None = None, cache_dir: Path | None = None, stats: dict | None = None,
                code: str | None = None) -> dict:
    """Run the per-article extractors over every article (on the chosen engine, skipping cached
    articles) and tabulate the corpus-wide tables. Mentions stream into Arrow batches as they come."""
    from etl.engine import ResultCache, run
    from etl.gazetteer import load_gazetteer_tables
    from etl.flows import flow_table
    from etl.tabulate import candidate_table, country_table, deal_table, project_table, route_table

    gazetteer = load_gazetteer_tables()
    mention_batches: list[pa.Table] = []
    pending_mentions: list[dict] = []
    claims: list = []
    countries_acc: list[dict] = []

    def collect(index: int, result: dict) -> None:
        pending_mentions.extend(result["mentions"])
        claims.extend(result["claims"])
        # Keep only what the corpus-wide tables need from each mention row.
        countries_acc.extend({k: m.get(k) for k in ("kind", "entity_id", "country_iso3", "subtype", "article_id",
                                                    "normal", "surface", "sentence")}
                             for m in result["mentions"] if m["kind"] in ("country", "place", "org"))
        if len(pending_mentions) >= 50_000:
            mention_batches.append(to_table("mentions", pending_mentions))
            pending_mentions.clear()

    counts = run(articles, engine=engine, scheduler=scheduler, workers=workers,
                 cache=ResultCache(cache_dir, code or code_version()), on_result=collect)
    if stats is not None:
        stats.update(counts)
    mention_batches.append(to_table("mentions", pending_mentions))
    out: dict = {"mentions": pa.concat_tables(mention_batches)}
    out["countries"] = country_table(countries_acc, articles, gazetteer)
    out["candidates"] = candidate_table(countries_acc)
    route_claims = [c for c in claims if c.record_type == "route"]
    project_claims = [c for c in claims if c.record_type == "project"]
    out["routes"], route_evidence = route_table(route_claims, gazetteer)
    out["projects"], project_evidence = project_table(project_claims, gazetteer)
    out["deals"], deal_evidence = deal_table([c for c in claims if c.record_type == "deal"], out["projects"],
                                             project_claims, out["routes"])
    out["flows"], flow_evidence = flow_table([c for c in claims if c.record_type == "flow"], out["routes"])
    out["evidence"] = route_evidence + project_evidence + deal_evidence + flow_evidence
    return out


def read_inputs(files: list[tuple[Path, str, Path]], max_bytes: int) -> tuple[list[Draft], list[Reject]]:
    drafts: list[Draft] = []
    rejects: list[Reject] = []
    for path, label, root in files:
        file_drafts, file_rejects = read_path(path, max_bytes=max_bytes, label=label, root=root)
        # Continuation links are indices inside one file; shift them to the whole list.
        offset = len(drafts)
        for draft in file_drafts:
            if draft.continues_index is not None:
                draft.continues_index += offset
        drafts += file_drafts
        rejects += file_rejects
    return drafts, rejects


def to_table(table: str, rows: list[dict]):
    """Rows to a typed table: a pyarrow Table, or a GeoDataFrame (EPSG:4326) for geometry tables."""
    geometry = schema.GEO_TABLES.get(table)
    names = [n for n in schema.columns(table) if n != geometry]
    arrow_schema = pa.schema([f for f in schema.arrow_schema(table) if f.name != geometry])
    data = pa.Table.from_pylist([{k: row.get(k) for k in names} for row in rows], schema=arrow_schema)
    if not geometry:
        return data
    import geopandas as gpd

    frame = data.to_pandas()
    shapes = gpd.GeoSeries([row.get(geometry) for row in rows], crs="EPSG:4326")
    return gpd.GeoDataFrame(frame, geometry=shapes.values, crs="EPSG:4326")


def check_tables(tables: dict, n_items: int) -> None:
    """Collect every contract violation, then fail once with all of them."""
    problems = []
    for name, table in tables.items():
        have = set(table.column_names if isinstance(table, pa.Table) else table.columns)
        missing = [c for c in schema.columns(name) if c not in have]
        if missing:
            problems.append(f"{name}: missing columns {missing}")
    articles, rejects = tables["articles"], tables["rejects"]
    ids = articles.column("article_id").to_pylist()
    if len(ids) != len(set(ids)):
        problems.append("articles: article_id is not unique")
    if articles.num_rows + rejects.num_rows != n_items:
        problems.append(f"{n_items} inputs but {articles.num_rows} articles + {rejects.num_rows} rejects")
    if problems:
        raise BuildError("the warehouse fails its checks:\n- " + "\n- ".join(problems))


def build(inputs: list[Path], out: Path, *, max_bytes: int = DEFAULT_MAX_BYTES, if_stale: bool = False,
          engine: str = "auto", scheduler: str | None = None, workers: int | None = None,
          cache: bool = True) -> BuildSummary:
    """Build (or incrementally update) the warehouse at `out` from `inputs`.

    Articles whose text, date and extractor version are unchanged come from the result cache
    beside the warehouse (`.<out>.cache/`), so a rebuild only processes what is new."""
    started = time.perf_counter()
    out = Path(out)
    files = _input_files([Path(p) for p in inputs])
    code = code_version()
    version = data_version(files, code)
    summary = BuildSummary(files=len(files), data_version=version, out=str(out))
    if if_stale:
        manifest = read_manifest(out)
        if manifest and manifest.get("data_version") == version:
            summary.skipped_fresh = True
            return summary

    drafts, rejects = read_inputs(files, max_bytes)
    articles, duplicates = identify(drafts)
    rejects += duplicates
    n_items = len(drafts) + len(rejects) - len(duplicates)
    stats: dict = {}
    extracted = extract_all(articles, engine=engine, scheduler=scheduler, workers=workers,
                            cache_dir=out.parent / f".{out.name}.cache" if cache else None, stats=stats, code=code)
    tables = {name: extracted[name] if isinstance(extracted.get(name), pa.Table) else to_table(name, extracted.get(name, []))
              for name in schema.TABLES}
    tables["articles"] = to_table("articles", articles)
    tables["rejects"] = to_table("rejects", [vars(r) for r in rejects])
    from etl.stories import story_table  # the same event across outlets

    tables["stories"] = to_table("stories", story_table(articles, tables["mentions"]))
    check_tables(tables, n_items)
    summary.items = n_items
    summary.articles, summary.rejects, summary.duplicates = len(articles), len(rejects), len(duplicates)
    summary.rows = {name: (t.num_rows if isinstance(t, pa.Table) else len(t)) for name, t in tables.items()}
    summary.processed, summary.cached, summary.engine = stats.get("processed", 0), stats.get("cached", 0), stats.get("engine", "")
    summary.extraction_errors = stats.get("errors", {})
    summary.seconds = time.perf_counter() - started
    manifest = {
        "data_version": version, "code_version": code,
        "built_at": time.strftime("%Y-%m-%dT%H:%M:%SZ", time.gmtime()),
        "inputs": [label for _, label, _ in files], "rows": summary.rows,
        "articles": summary.articles, "rejects": summary.rejects, "seconds": round(summary.seconds, 2),
        "extraction_errors": summary.extraction_errors,
    }
    write_warehouse(tables, out, manifest)
    return summary
