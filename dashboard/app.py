"""The dashboard's entry script (a first page listing the articles of the warehouse)."""

from __future__ import annotations

import os
from pathlib import Path

import pandas as pd
import streamlit as st

WAREHOUSE_DIR = Path(os.environ.get("WAREHOUSE_DIR", "data/warehouse"))

st.set_page_config(page_title="Central Asia monitor", layout="wide")
st.title("Central Asia monitor")

articles_file = WAREHOUSE_DIR / "articles.parquet"
if not articles_file.exists():
    st.info(f"No warehouse in `{WAREHOUSE_DIR}` yet. Build it with:\n\n"
            "`python -m etl build --input seeds --out data/warehouse`")
    st.stop()

articles = pd.read_parquet(articles_file, columns=["title", "published", "channel", "source_file", "n_chars", "is_stub", "text"])
articles["title"] = articles["title"].fillna(articles["text"].str.slice(0, 90) + "…")
st.caption(f"{len(articles)} articles")
st.dataframe(articles.drop(columns=["text"]), hide_index=True, use_container_width=True)
