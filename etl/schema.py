"""The warehouse contract: every table's columns, declared once.

The ETL writes these tables, the dashboard reads them, and `tests/test_docs.py` checks that the
README's "Tables" section lists exactly these columns. Vocabularies (sectors, statuses, kinds)
live here too so that the ETL and the dashboard share one definition.
"""

from __future__ import annotations

import pyarrow as pa

STR = pa.string()
INT = pa.int64()
FLOAT = pa.float64()
BOOL = pa.bool_()
DATE = pa.date32()
STR_LIST = pa.list_(pa.string())
# Geometry travels as WKB inside GeoParquet files; geopandas writes the "geo" metadata.
GEOM = pa.binary()

TABLES: dict[str, list[tuple[str, pa.DataType]]] = {
    "articles": [
        ("article_id", STR),
        ("source_file", STR),
        ("source_kind", STR),
        ("channel", STR),
        ("url", STR),
        ("title", STR),
        ("published", DATE),
        ("date_basis", STR),
        ("text", STR),
        ("n_chars", INT),
        ("is_stub", BOOL),
        ("content_sha256", STR),
        # Additions beyond the contract:
        ("source_item", STR),  # post number, message id or feed entry id inside the file
        ("continues", STR),  # article_id of the post this one continues ("Начало☝️")
        ("forwarded_from", STR),
        ("date_clue", STR),  # what `published` was read from: the date as written, a file name, two posts
    ],
    "rejects": [
        ("source_file", STR),
        ("reason", STR),
        ("detail", STR),
        ("source_item", STR),
    ],
    "mentions": [
        ("article_id", STR),
        ("kind", STR),  # MENTION_KINDS
        ("entity_id", STR),  # ISO3 (or EU) for countries, gazetteer id for places/orgs, null if unknown
        ("surface", STR),
        ("normal", STR),
        ("start", INT),
        ("end", INT),
        ("sentence", STR),
        ("value", FLOAT),  # money / capacity amount as a number
        ("unit", STR),  # currency (ISO 4217) or capacity unit
        ("qualifier", STR),  # почти / более / до / около …
        ("value_usd", FLOAT),
        ("country_iso3", STR),  # the country a place or organisation belongs to
    ],
    "countries": [
        ("iso3", STR),
        ("name_en", STR),
        ("name_ru", STR),
        ("lat", FLOAT),
        ("lon", FLOAT),
        ("n_articles", INT),
        ("n_mentions", INT),
        ("first_seen", DATE),
        ("last_seen", DATE),
    ],
    "routes": [
        ("route_id", STR),
        ("name_en", STR),
        ("name_ru", STR),
        ("mode", STR),
        ("status", STR),
        ("countries", STR_LIST),
        ("sector", STR),
        ("n_articles", INT),
        ("first_seen", DATE),
        ("last_seen", DATE),
        ("geometry", GEOM),
        ("status_conflict", BOOL),
        ("article_ids", STR_LIST),
    ],
    "projects": [
        ("project_id", STR),
        ("name_en", STR),
        ("name_ru", STR),
        ("sector", STR),
        ("subsector", STR),
        ("place", STR),
        ("country_iso3", STR),
        ("partners", STR_LIST),
        ("partner_countries", STR_LIST),
        ("capacity_value", FLOAT),
        ("capacity_unit", STR),
        ("cost_amount", FLOAT),
        ("cost_currency", STR),
        ("cost_usd", FLOAT),
        ("target_year", INT),
        ("status", STR),
        ("n_articles", INT),
        ("first_seen", DATE),
        ("last_seen", DATE),
        ("geometry", GEOM),
        ("group_id", STR),  # projects named together share a group; a group figure sits on the group
        ("conflicts", STR_LIST),  # fields where articles disagree
        ("article_ids", STR_LIST),
        ("place_precision", STR),  # site | region | country: how exactly the point is known
    ],
    "deals": [
        ("deal_id", STR),
        ("kind", STR),
        ("parties", STR_LIST),
        ("party_countries", STR_LIST),
        ("value_amount", FLOAT),
        ("value_currency", STR),
        ("value_usd", FLOAT),
        ("date", STR),  # ISO, partial allowed: 2025-05 or 2025
        ("sector", STR),
        ("project_id", STR),
        ("route_id", STR),
        ("article_id", STR),
        ("sentence", STR),
        ("value_qualifier", STR),  # почти / более / до … as the text qualifies the value
        ("date_basis", STR),  # text (the sentence dates it) | published (the reporting article's date)
    ],
    "flows": [  # cargo volumes stated for a route or a segment of it
        ("flow_id", STR),
        ("route_id", STR),
        ("segment", STR),
        ("period_start", DATE),
        ("period_end", DATE),
        ("period_label", STR),
        ("value", FLOAT),
        ("unit", STR),  # t | TEU | containers | trains | trips | wagons | trucks | m3
        ("per", STR),  # year | month | day for a rate ("10 млн тонн в год")
        ("qualifier", STR),
        ("kind", STR),  # actual | planned | capacity
        ("article_id", STR),
        ("start", INT),
        ("end", INT),
        ("quote", STR),
    ],
    "evidence": [
        ("record_type", STR),
        ("record_id", STR),
        ("field", STR),
        ("value", STR),
        ("article_id", STR),
        ("start", INT),
        ("end", INT),
        ("quote", STR),
        ("shown", BOOL),  # the value the record shows, where claims conflict
    ],
    "candidates": [
        ("kind", STR),  # org | place
        ("surface", STR),
        ("normal", STR),
        ("n_mentions", INT),
        ("n_articles", INT),
        ("examples", STR_LIST),
    ],
    # One event told by several outlets or channels (etl/stories.py); articles in no story are left out.
    "stories": [
        ("story_id", STR),
        ("article_ids", STR_LIST),  # earliest first
        ("outlets", STR_LIST),
        ("first_seen", DATE),
        ("last_seen", DATE),
        ("headline", STR),  # the earliest article's title
        # Additions beyond the contract:
        ("n_articles", INT),
        ("n_outlets", INT),
    ],
}

# Tables written as GeoParquet, with the name of their geometry column.
GEO_TABLES: dict[str, str] = {"routes": "geometry", "projects": "geometry"}

MENTION_KINDS = ("country", "place", "org", "person", "money", "capacity", "date")

# Sector → subsectors, fine enough to filter as an analyst does (wind and solar apart; rail, port,
# terminal and pipeline apart).
SECTORS: dict[str, tuple[str, ...]] = {
    "energy": ("nuclear", "coal-power", "gas-power", "hydro", "wind", "solar", "hydrogen", "oil-refining",
               "gas-processing", "oil-gas", "grid", "other"),
    "mining": ("copper", "lithium", "uranium", "rare-earths", "coal", "gold", "iron", "polymetals", "other"),
    "transport": ("rail", "road", "port", "terminal", "dry-port", "pipeline", "border-crossing", "logistics-hub",
                  "sea", "multimodal"),
    "industry": ("metallurgy", "chemicals", "manufacturing", "industrial-park", "other"),
    "defence": (),
    "trade": ("sanctions", "re-export", "export-ban", "tariffs"),
    "finance": (),
    "space": (),
    "other": (),
}
# Project statuses as the energy trackers use them (Global Energy Monitor), plus "agreed" and
# "exploration"; route statuses as news tells a corridor's state.
PROJECT_STATUSES = (
    "announced", "pre-construction", "agreed", "construction", "operating", "exploration", "shelved",
    "cancelled", "retired", "mothballed",
)
ROUTE_STATUSES = ("operating", "launched", "planned", "disrupted", "restricted", "blocked")
STATUSES = tuple(dict.fromkeys(PROJECT_STATUSES + ROUTE_STATUSES + ("unspecified",)))
FLOW_UNITS = ("t", "TEU", "containers", "trains", "trips", "wagons", "trucks", "m3")
FLOW_KINDS = ("actual", "planned", "capacity")
ROUTE_MODES = ("road", "rail", "pipeline", "sea", "multimodal", "power-line", "unspecified")
DEAL_KINDS = (
    "investment", "acquisition", "joint-venture", "loan", "supply-contract", "intergovernmental-agreement",
    "military-cooperation", "trade-target", "declaration", "sanctions", "ban", "contract-termination", "other",
)

SOURCE_KINDS = ("text", "telegram", "rss", "html", "pdf", "docx")
DATE_BASES = ("header", "metadata", "in-text", "inferred", "approximate", "neighbours", "file-name", "none")
# Bases whose `published` is a bound or an estimate from a weaker clue, never a stated day.
APPROXIMATE_DATE_BASES = ("approximate", "neighbours", "file-name")

# Reasons a whole input (or one item inside it) becomes a reject row.
REJECT_REASONS = {
    "empty": "the file holds no text",
    "too-large": "the file is over the size limit",
    "binary": "the file is binary, not text",
    "undecodable": "no text encoding fits the bytes",
    "malformed-json": "the JSON does not parse",
    "unsupported-json": "valid JSON, but not a Telegram chat export",
    "malformed-feed": "the RSS/Atom feed does not parse",
    "malformed-html": "no article text could be extracted from the HTML page",
    "no-text": "the item has no text (a photo, a sticker, a service message)",
    "duplicate": "the same text was already read as another article",
    "unreadable": "the file could not be read",
    "outside-input": "a symbolic link that leads outside the input folders; not followed",
    "no-text-layer": "a PDF without a text layer (a scan); it needs OCR first",
    "malformed-document": "the PDF or Word file is damaged or encrypted",
}


def arrow_schema(table: str) -> pa.Schema:
    return pa.schema([pa.field(name, dtype) for name, dtype in TABLES[table]])


def columns(table: str) -> list[str]:
    return [name for name, _ in TABLES[table]]
