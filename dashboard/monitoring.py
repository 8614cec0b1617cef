"""The About page's monitoring sections: the polled sources (last success, last error) and the saved views
with their Atom feeds, plus a form that saves the view the sidebar holds.

The watcher (`python -m etl watch`) writes `<WATCH_STATE_DIR>/status.json` after every round; this
module only reads it. Saved views and feeds: `dashboard.alerts`.
"""

from __future__ import annotations

import json
import os
from pathlib import Path

import pandas as pd
import streamlit as st

from dashboard import alerts
from dashboard.markup import esc, md_escape

WATCH_STATE_ENV, DEFAULT_WATCH_STATE = "WATCH_STATE_DIR", "data/watch"

TEXTS = {
    "sources": ("Sources polled", "Опрашиваемые источники"),
    "sources_none": ("No sources are polled on this instance: list feeds, Telegram channels and folders in "
                     "`sources.toml` and start `python -m etl watch` (or `WATCH=1 scripts/serve.sh`).",
                     "Источники здесь не опрашиваются: перечислите ленты, каналы Telegram и папки в `sources.toml` "
                     "и запустите `python -m etl watch` (или `WATCH=1 scripts/serve.sh`)."),
    "sources_round": ("Last round {at}: {n} new items.", "Последний опрос {at}: новых материалов — {n}."),
    "failing": ("{id} is failing since {since}: {error}. Last success: {success}.",
                "{id} не отвечает с {since}: {error}. Последний успешный опрос: {success}."),
    "build_failed": ("The last rebuild failed; the previous warehouse is still served: {error}",
                     "Последняя пересборка не удалась, показано прежнее хранилище: {error}"),
    "views": ("Saved views and their feeds", "Сохранённые виды и их ленты"),
    "views_text": ("Each saved view has an Atom feed of the corridors, projects, deals and stories that become "
                   "new to it after it was saved; subscribe in any feed reader or chat bot.",
                   "У каждого сохранённого вида есть лента Atom: коридоры, проекты, сделки и сюжеты, появившиеся в "
                   "нём после сохранения; на неё можно подписаться в любой читалке или чат-боте."),
    "views_none": ("No views are saved yet.", "Сохранённых видов пока нет."),
    "feed_pending": ("its feed appears after the watcher's next round", "лента появится после следующего опроса"),
    "save_name": ("Name of the current view", "Название текущего вида"),
    "save": ("Save this view and make its feed", "Сохранить вид и создать ленту"),
    "saved": ("Saved. Its feed: {url}", "Сохранено. Лента: {url}"),
    "columns": (("source", "kind", "address", "last success", "last error", "failures", "items"),
                ("источник", "тип", "адрес", "последний успех", "последняя ошибка", "ошибок подряд", "материалов")),
}


def tr(key: str, lang: str, **values) -> str:
    text = TEXTS[key][1 if lang == "ru" else 0]
    return text.format(**values) if values else text


def watch_status(environ=os.environ) -> dict:
    path = Path(environ.get(WATCH_STATE_ENV) or DEFAULT_WATCH_STATE) / "status.json"
    try:
        return json.loads(path.read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return {}


def show_sources(lang: str) -> None:
    st.subheader(tr("sources", lang), divider="gray")
    status = watch_status()
    sources = status.get("sources") or []
    if not sources:
        st.caption(tr("sources_none", lang))
        return
    for source in sources:
        if source.get("failures"):
            st.warning(md_escape(tr("failing", lang, id=source["id"], since=source.get("last_error_at") or "—",
                                    error=source.get("last_error") or "—", success=source.get("last_success") or "—")),
                       icon=":material/sync_problem:")
    build = status.get("build") or {}
    if build.get("error"):
        st.error(md_escape(tr("build_failed", lang, error=build["error"])), icon=":material/error:")
    names = tr("columns", lang)
    frame = pd.DataFrame([[s.get("id"), s.get("kind"), s.get("address"), s.get("last_success") or "",
                           s.get("last_error") or "", int(s.get("failures") or 0), int(s.get("items") or 0)]
                          for s in sources], columns=list(names))
    st.dataframe(frame, hide_index=True, width="stretch")
    round_ = status.get("round") or {}
    if round_:
        st.caption(tr("sources_round", lang, at=round_.get("at", "—"), n=round_.get("new_items", 0)))


def show_feeds(ctx) -> None:
    lang = ctx.lang
    st.subheader(tr("views", lang), divider="gray")
    st.caption(tr("views_text", lang))
    views = alerts.load_views()
    folder = alerts.feeds_dir()
    base = ctx.app_base.rstrip("/")
    if not views:
        st.caption(tr("views_none", lang))
    items = []
    for view in views:
        path = base + alerts.feed_path(view["id"])
        filters = ", ".join(f"{k}={v}" for k, v in view["query"].items()) or "—"
        if (folder / f"{view['id']}.xml").exists():
            link = f"<a href='{esc(path)}' target='_blank' rel='noopener'>{esc(path)}</a>"
        else:
            link = f"<span style='color:#777'>{esc(path)} ({esc(tr('feed_pending', lang))})</span>"
        items.append(f"<li><b>{esc(view['name'])}</b> <span style='color:#555'>({esc(filters)})</span><br>{link}</li>")
    if items:
        st.html("<ul class='ca-feeds' style='margin:0 0 0.5rem 0'>" + "".join(items) + "</ul>")
    with st.form("save_view", clear_on_submit=True, border=False):
        name = st.text_input(tr("save_name", lang), max_chars=alerts.NAME_CHARS, key="w_view_name")
        if st.form_submit_button(tr("save", lang), icon=":material/rss_feed:"):
            view = alerts.save_view(name, ctx.state.to_query())
            st.success(md_escape(tr("saved", lang, url=base + alerts.feed_path(view["id"]))),
                       icon=":material/check_circle:")
