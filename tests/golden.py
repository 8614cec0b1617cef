"""Golden snapshot of the seed build: small CSVs a reviewer can read as a diff.

Regenerate explicitly (never as a side effect of tests) with `make golden` or
`python -m tests.golden`, then review `git diff tests/golden/`.
"""

from __future__ import annotations

import tempfile
from pathlib import Path

import pandas as pd

GOLDEN = Path(__file__).resolve().parent / "golden"
SNAPSHOTS = {
    "countries": ["iso3", "name_en", "n_articles", "n_mentions", "first_seen", "last_seen"],
    "mentions": ["article_id", "kind", "entity_id", "surface", "normal", "start", "end"],
    "routes": ["route_id", "name_en", "mode", "status", "countries", "sector", "n_articles", "status_conflict"],
    "projects": ["project_id", "name_en", "sector", "subsector", "place", "country_iso3", "partners",
                 "partner_countries", "capacity_value", "capacity_unit", "cost_amount", "cost_currency",
                 "target_year", "status", "group_id"],
    "deals": ["deal_id", "kind", "parties", "party_countries", "value_amount", "value_currency", "value_qualifier",
              "date", "sector", "project_id", "route_id", "article_id"],
    "evidence": ["record_type", "record_id", "field", "value", "article_id", "start", "end", "shown"],
}


def snapshot(warehouse: Path, table: str) -> str:
    frame = pd.read_parquet(warehouse / f"{table}.parquet", columns=SNAPSHOTS[table])
    for column in frame.columns:
        if frame[column].map(lambda v: hasattr(v, "__len__") and not isinstance(v, str)).any():
            frame[column] = frame[column].map(lambda v: "|".join(map(str, v)) if v is not None else "")
    frame = frame.sort_values(list(frame.columns)).reset_index(drop=True)
    return frame.to_csv(index=False, lineterminator="\n")


def main() -> None:
    from etl.build import build

    GOLDEN.mkdir(exist_ok=True)
    with tempfile.TemporaryDirectory() as tmp:
        out = Path(tmp) / "warehouse"
        build([Path(__file__).resolve().parents[1] / "seeds"], out)
        for table in SNAPSHOTS:
            (GOLDEN / f"{table}.csv").write_text(snapshot(out, table), encoding="utf-8")
    print(f"wrote {len(SNAPSHOTS)} snapshots to {GOLDEN}")


if __name__ == "__main__":
    main()
