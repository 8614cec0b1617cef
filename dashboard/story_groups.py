"""Stories in the dashboard: the articles list groups the articles of one story, and a record's page counts its
independent sources (the articles of one story — reposts, rewrites — count once).

Reads the warehouse's `stories` table (`etl/stories.py`) beside the DuckDB catalog; a warehouse built
before stories existed has none, and then every article is its own source.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path

import pandas as pd
import streamlit as st

from dashboard.markup import app_anchor, esc

TEXTS = {
    "story": ("One story: {n} articles from {m} outlets", "Один сюжет: {n} материалов из {m} источников"),
    "also": ("also told by", "также"),
    "independent": ("{n} {articles}, {k} {sources}: the articles of one story (reposts, rewrites) count once.",
                    "Материалов: {n}, независимых источников: {k} — материалы одного сюжета (репосты, пересказы) "
                    "считаются один раз."),
}


def tr(key: str, lang: str, **values) -> str:
    if lang != "ru" and "n" in values and "k" in values:  # English counts: "1 article, 1 independent source"
        values = {**values, "articles": "article" if values["n"] == 1 else "articles",
                  "sources": "independent source" if values["k"] == 1 else "independent sources"}
    return TEXTS[key][1 if lang == "ru" else 0].format(**values)


@dataclass
class StoryIndex:
    story_of: dict[str, str] = field(default_factory=dict)  # article_id → story_id
    stories: dict[str, dict] = field(default_factory=dict)  # story_id → row

    def independent_sources(self, article_ids) -> int:
        """Distinct stories among the articles, an article in no story counting as one of its own."""
        return len({self.story_of.get(a, f"article:{a}") for a in article_ids})


def read_index(resolved: Path) -> StoryIndex:
    path = Path(resolved) / "stories.parquet"
    if not path.exists():
        return StoryIndex()
    frame = pd.read_parquet(path, columns=["story_id", "article_ids", "outlets", "headline"])
    index = StoryIndex()
    for row in frame.itertuples(index=False):
        ids = [str(a) for a in row.article_ids] if row.article_ids is not None else []
        outlets = [str(o) for o in row.outlets] if row.outlets is not None else []
        index.stories[row.story_id] = {"article_ids": ids, "outlets": outlets, "headline": row.headline}
        for article in ids:
            index.story_of[article] = row.story_id
    return index


@st.cache_resource(show_spinner=False, max_entries=4)
def story_index(resolved: str, version: str) -> StoryIndex:
    """Per build (shared read-only by every session)."""
    return read_index(Path(resolved))


def index_of(ctx) -> StoryIndex:
    return story_index(str(ctx.info.resolved), ctx.info.version)


def page_groups(ctx, shown: pd.DataFrame) -> tuple[set[str], dict[str, str]]:
    """For one page of the articles list: the articles shown under an earlier one of their story (not listed
    again), and for each first article of a story, the HTML line that groups the others under it."""
    from dashboard.ui import reader_href

    index, lang = index_of(ctx), ctx.lang
    if not index.stories:
        return set(), {}
    members = {a for article in shown["article_id"] if article in index.story_of
               for a in index.stories[index.story_of[article]]["article_ids"]}
    titles = {}
    if members:
        found = ctx.wh.articles_by_id(sorted(members), "article_id, display_title")
        titles = dict(zip(found["article_id"], found["display_title"]))
    skip, notes, done = set(), {}, set()
    for article in shown["article_id"]:
        story_id = index.story_of.get(article)
        if story_id is None:
            continue
        if story_id in done:
            skip.add(article)
            continue
        done.add(story_id)
        story = index.stories[story_id]
        others = [a for a in story["article_ids"] if a != article]
        links = ", ".join(app_anchor(reader_href(ctx, a), esc(titles.get(a) or a)) for a in others[:8])
        notes[article] = (f"<div class='ca-story' style='font-size:0.85rem;margin:-0.3rem 0 0.5rem 2rem;"
                          f"border-left:3px solid #1f5f8b;padding-left:0.5rem'>"
                          f"<b>{esc(tr('story', lang, n=len(story['article_ids']), m=len(story['outlets'])))}</b>"
                          f" · {esc(', '.join(story['outlets']))}<br>{esc(tr('also', lang))}: {links}</div>")
    return skip, notes


def independent_caption(ctx, article_ids) -> None:
    ids = list(dict.fromkeys(a for a in article_ids if isinstance(a, str)))
    if ids:
        st.caption(tr("independent", ctx.lang, n=len(ids), k=index_of(ctx).independent_sources(ids)))
