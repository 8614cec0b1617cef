"""Interface strings in English and Russian (`lang=en|ru`).

`t(key, lang)` returns a string of the interface; `label(kind, value, lang)` names a vocabulary value
(a sector, a status, a route mode, a deal kind). Missing Russian falls back to English, and a
missing key falls back to the key itself, so a gap shows up as text instead of an error.
"""

from __future__ import annotations

from etl.schema import DEAL_KINDS, ROUTE_MODES, SECTORS, STATUSES

STRINGS: dict[str, dict[str, str]] = {
    "app_title": {"en": "Central Asia monitor", "ru": "Монитор Центральной Азии"},
    "app_subtitle": {
        "en": "Corridors, projects and deals in Russian-language reporting on Kazakhstan and Central Asia",
        "ru": "Коридоры, проекты и сделки в русскоязычных источниках о Казахстане и Центральной Азии",
    },
    # pages
    "page_map": {"en": "Map", "ru": "Карта"},
    "page_timeseries": {"en": "Time series", "ru": "Динамика"},
    "page_tables": {"en": "Tables", "ru": "Таблицы"},
    "page_articles": {"en": "Articles", "ru": "Статьи"},
    "pages": {"en": "View", "ru": "Раздел"},
    # sidebar filters
    "filters": {"en": "Filters", "ru": "Фильтры"},
    "choose": {"en": "All", "ru": "Все"},
    "countries": {"en": "Countries", "ru": "Страны"},
    "sectors": {"en": "Sectors", "ru": "Отрасли"},
    "status": {"en": "Status", "ru": "Статус"},
    "date_from": {"en": "From", "ru": "С"},
    "date_to": {"en": "To", "ru": "По"},
    "search": {"en": "Search text", "ru": "Поиск по тексту"},
    "search_help": {
        "en": "Matches titles, article text, record names, places and partners (case and ё/е ignored).",
        "ru": "Ищет в заголовках, текстах статей, названиях, местах и партнёрах (регистр и ё/е не важны).",
    },
    "language": {"en": "Interface language", "ru": "Язык интерфейса"},
    "clear_filters": {"en": "Clear filters", "ru": "Сбросить фильтры"},
    "status_help": {
        "en": "Applies to corridors and projects (deals have no status).",
        "ru": "Относится к коридорам и проектам (у сделок нет статуса).",
    },
    "data_version": {"en": "Data version {v}, built {built}", "ru": "Версия данных {v}, собрана {built}"},
    "link_version_differs": {
        "en": "This link was made with data version {old}; the warehouse is now at {new}, so figures may differ.",
        "ru": "Ссылка сделана для версии данных {old}; сейчас загружена версия {new}, цифры могут отличаться.",
    },
    "share_hint": {
        "en": "The address bar holds this view: copy it to share exactly what you see.",
        "ru": "Адресная строка хранит этот вид: скопируйте её, чтобы поделиться.",
    },
    # empty states
    "no_warehouse": {
        "en": "No warehouse in `{folder}` yet. Build it from the seed articles with:",
        "ru": "В `{folder}` ещё нет хранилища. Соберите его из исходных статей командой:",
    },
    "no_warehouse_env": {
        "en": "The dashboard reads the folder named by the environment variable `WAREHOUSE_DIR` (default `data/warehouse`).",
        "ru": "Дашборд читает папку из переменной окружения `WAREHOUSE_DIR` (по умолчанию `data/warehouse`).",
    },
    "bad_warehouse": {
        "en": "The warehouse in `{folder}` could not be read ({error}). Rebuild it with:",
        "ru": "Хранилище в `{folder}` не читается ({error}). Пересоберите его командой:",
    },
    "nothing_matches": {
        "en": "Nothing matches these filters: {filters}. Widen or clear them.",
        "ru": "Под эти фильтры ничего не подходит: {filters}. Ослабьте или сбросьте их.",
    },
    "table_empty_in_warehouse": {
        "en": "The warehouse has no {table} yet: the articles have not yielded any.",
        "ru": "В хранилище пока нет записей «{table}»: из статей их не извлекли.",
    },
    "table_filtered_out": {
        "en": "No {table} match the filters ({total} in the warehouse).",
        "ru": "Нет записей «{table}» под эти фильтры (всего в хранилище: {total}).",
    },
    "assets_missing": {
        "en": "The map's offline assets are not installed (`dashboard/static/vendor/`). Run `make assets`.",
        "ru": "Офлайн-ресурсы карты не установлены (`dashboard/static/vendor/`). Выполните `make assets`.",
    },
    # tables (names)
    "routes": {"en": "corridors", "ru": "коридоры"},
    "projects": {"en": "projects", "ru": "проекты"},
    "deals": {"en": "deals", "ru": "сделки"},
    "articles": {"en": "articles", "ru": "статьи"},
    "Routes": {"en": "Corridors", "ru": "Коридоры"},
    "Projects": {"en": "Projects", "ru": "Проекты"},
    "Deals": {"en": "Deals", "ru": "Сделки"},
    "Articles": {"en": "Articles", "ru": "Статьи"},
    # map
    "layer_outlines": {"en": "Country outlines (offline)", "ru": "Границы стран (офлайн)"},
    "layer_osm": {"en": "OpenStreetMap tiles (needs internet)", "ru": "Тайлы OpenStreetMap (нужен интернет)"},
    "layer_coverage": {"en": "Countries by articles", "ru": "Страны по числу статей"},
    "layer_routes": {"en": "Corridors", "ru": "Коридоры"},
    "layer_projects": {"en": "Projects", "ru": "Проекты"},
    "legend_routes": {"en": "Corridors by status", "ru": "Коридоры по статусу"},
    "legend_projects": {"en": "Projects by sector", "ru": "Проекты по отрасли"},
    "legend_size": {
        "en": "Size: cost in USD, or capacity where no cost is known",
        "ru": "Размер: стоимость в USD, либо мощность, если стоимость неизвестна",
    },
    "legend_coverage": {"en": "Shade: articles mentioning the country", "ru": "Цвет: статьи, где упомянута страна"},
    "map_counts": {
        "en": "On the map: corridors {routes}, projects {projects}",
        "ru": "На карте коридоров: {routes}, проектов: {projects}",
    },
    "map_unplaced": {
        "en": "Projects without a known place, not on the map (see Tables): {n}",
        "ru": "У {n} проектов нет известного места, их нет на карте (см. «Таблицы»).",
    },
    "map_clustered": {
        "en": "{n} projects are grouped into clusters; zoom in to separate them.",
        "ru": "{n} проектов сгруппированы в кластеры; приблизьте карту, чтобы их разделить.",
    },
    "map_click_hint": {
        "en": "Click a corridor or project on the map, or pick one here, to see its record and evidence.",
        "ru": "Нажмите на коридор или проект на карте либо выберите его здесь, чтобы увидеть запись и подтверждения.",
    },
    "select_record": {"en": "Record", "ru": "Запись"},
    "none_selected": {"en": "— none —", "ru": "— не выбрано —"},
    "no_map_records": {
        "en": "No corridors or projects with a place to draw for these filters.",
        "ru": "Под эти фильтры нет коридоров и проектов с местом на карте.",
    },
    # record panel
    "evidence": {"en": "Evidence", "ru": "Подтверждения"},
    "no_evidence": {"en": "No quoted evidence for this record.", "ru": "Для этой записи нет цитат-подтверждений."},
    "sources": {"en": "Sources", "ru": "Источники"},
    "open_reader": {"en": "Open in reader", "ru": "Открыть в читалке"},
    "open_source": {"en": "original", "ru": "оригинал"},
    "record_not_found": {
        "en": "The selected record `{record}` is not in this warehouse.",
        "ru": "Выбранной записи `{record}` нет в этом хранилище.",
    },
    "record_filtered_out": {
        "en": "The selected record is hidden by the current filters.",
        "ru": "Выбранная запись скрыта текущими фильтрами.",
    },
    "conflict": {"en": "articles disagree", "ru": "статьи расходятся"},
    "shown_value": {"en": "shown", "ru": "показано"},
    # fields
    "name": {"en": "Name", "ru": "Название"},
    "name_ru": {"en": "Name (Russian)", "ru": "Название (рус.)"},
    "mode": {"en": "Mode", "ru": "Вид"},
    "sector": {"en": "Sector", "ru": "Отрасль"},
    "subsector": {"en": "Subsector", "ru": "Подотрасль"},
    "place": {"en": "Place", "ru": "Место"},
    "country": {"en": "Country", "ru": "Страна"},
    "partners": {"en": "Partners", "ru": "Партнёры"},
    "capacity": {"en": "Capacity", "ru": "Мощность"},
    "cost": {"en": "Cost", "ru": "Стоимость"},
    "cost_usd": {"en": "Cost, USD", "ru": "Стоимость, USD"},
    "target_year": {"en": "Target year", "ru": "Целевой год"},
    "n_articles": {"en": "Articles", "ru": "Статей"},
    "first_seen": {"en": "First seen", "ru": "Впервые"},
    "last_seen": {"en": "Last seen", "ru": "Последний раз"},
    "kind": {"en": "Kind", "ru": "Тип"},
    "parties": {"en": "Parties", "ru": "Стороны"},
    "value": {"en": "Value", "ru": "Сумма"},
    "value_usd": {"en": "Value, USD", "ru": "Сумма, USD"},
    "date": {"en": "Date", "ru": "Дата"},
    "sentence": {"en": "Sentence", "ru": "Предложение"},
    "field": {"en": "Field", "ru": "Поле"},
    "field_value": {"en": "Value", "ru": "Значение"},
    "quote": {"en": "Quote", "ru": "Цитата"},
    "title": {"en": "Title", "ru": "Заголовок"},
    "published": {"en": "Published", "ru": "Опубликовано"},
    "channel": {"en": "Channel / source", "ru": "Канал / источник"},
    "link": {"en": "Link", "ru": "Ссылка"},
    "source_link": {"en": "Source link", "ru": "Ссылка на источник"},
    "reader_link": {"en": "Reader", "ru": "Читалка"},
    "undated": {"en": "undated", "ru": "без даты"},
    # time series
    "ts_mentions": {"en": "Mentions per country", "ru": "Упоминания стран"},
    "ts_records": {"en": "Deals and projects by sector and kind", "ru": "Сделки и проекты по отраслям и типам"},
    "ts_values": {"en": "Deal values, USD", "ru": "Суммы сделок, USD"},
    "granularity": {"en": "Time step", "ru": "Шаг времени"},
    "month": {"en": "month", "ru": "месяц"},
    "year": {"en": "year", "ru": "год"},
    "ts_undated_articles": {
        "en": "{n} of {total} articles have no date and are not on the time axis (they are counted in every other view).",
        "ru": "У {n} из {total} статей нет даты, на оси времени их нет (в остальных разделах они учтены).",
    },
    "ts_excluded_undated": {
        "en": "{n} undated articles are left out because a date range is set.",
        "ru": "{n} статей без даты не показаны, потому что задан период.",
    },
    "ts_year_only": {
        "en": "{n} deals are dated only to the year and are not on the monthly axis; switch the time step to year to see them.",
        "ru": "{n} сделок датированы только годом и не показаны помесячно; переключите шаг на «год», чтобы их увидеть.",
    },
    "ts_undated_records": {
        "en": "{deals} deals and {projects} projects have no date and are not on the time axis.",
        "ru": "У {deals} сделок и {projects} проектов нет даты, на оси времени их нет.",
    },
    "ts_no_value": {
        "en": "{n} deals have no value in USD and are not in the value chart.",
        "ru": "У {n} сделок нет суммы в USD, в графике сумм их нет.",
    },
    "ts_no_mentions": {
        "en": "No country mentions in the filtered, dated articles yet.",
        "ru": "В отобранных датированных статьях пока нет упоминаний стран.",
    },
    "ts_no_records": {"en": "No dated deals or projects for these filters.", "ru": "Под эти фильтры нет датированных сделок и проектов."},
    "ts_no_values": {"en": "No deal values in USD for these filters.", "ru": "Под эти фильтры нет сумм сделок в USD."},
    "axis_period": {"en": "Period", "ru": "Период"},
    "axis_mentions": {"en": "Articles mentioning", "ru": "Статей с упоминанием"},
    "axis_count": {"en": "Records", "ru": "Записей"},
    "axis_usd": {"en": "USD", "ru": "USD"},
    "deals_by_kind": {"en": "Deals by kind", "ru": "Сделки по типу"},
    "projects_by_sector": {"en": "Projects by sector (first seen)", "ru": "Проекты по отрасли (впервые)"},
    # tables page
    "download_csv": {"en": "CSV", "ru": "CSV"},
    "download_geojson": {"en": "GeoJSON", "ru": "GeoJSON"},
    "download": {"en": "Download the filtered table", "ru": "Скачать отфильтрованную таблицу"},
    "rows": {"en": "{n} rows", "ru": "строк: {n}"},
    "table_select_hint": {
        "en": "Select a row to see its record and evidence below.",
        "ru": "Выберите строку, чтобы увидеть запись и подтверждения ниже.",
    },
    # articles page
    "articles_count": {
        "en": "{n} articles ({undated} without a date)",
        "ru": "Статей: {n} (без даты: {undated})",
    },
    "articles_page": {"en": "Page", "ru": "Страница"},
    "no_articles": {"en": "The warehouse has no articles yet.", "ru": "В хранилище пока нет статей."},
    "article_not_found": {
        "en": "The article `{article}` is not in this warehouse.",
        "ru": "Статьи `{article}` нет в этом хранилище.",
    },
    "back_to_list": {"en": "Back to the list", "ru": "Назад к списку"},
    "records_from_article": {"en": "Records drawn from this article", "ru": "Записи, извлечённые из статьи"},
    "no_records_from_article": {
        "en": "No corridors, projects, deals or evidence come from this article yet.",
        "ru": "Из этой статьи пока не извлечено ни коридоров, ни проектов, ни сделок.",
    },
    "mentions_legend": {"en": "Highlighted mentions", "ru": "Выделенные упоминания"},
    "stub": {"en": "cross-post stub", "ru": "анонс-заглушка"},
    "source_file": {"en": "File", "ru": "Файл"},
    "date_basis": {"en": "date from", "ru": "дата из"},
}

VOCABULARY_RU: dict[str, dict[str, str]] = {
    "sector": {
        "energy": "энергетика", "mining": "добыча", "transport": "транспорт", "defence": "оборона",
        "trade": "торговля", "finance": "финансы", "space": "космос", "other": "другое",
    },
    "status": {
        "announced": "объявлен", "planned": "запланирован", "agreed": "согласован",
        "under-construction": "строится", "operational": "действует", "exploration": "разведка",
        "stalled": "заморожен", "cancelled": "отменён", "blocked": "заблокирован", "disrupted": "нарушен",
        "unspecified": "не указан",
    },
    "mode": {
        "road": "автодорога", "rail": "железная дорога", "pipeline": "трубопровод", "sea": "море",
        "multimodal": "мультимодальный", "power-line": "ЛЭП", "unspecified": "не указан",
    },
    "kind": {
        "investment": "инвестиции", "supply-contract": "контракт на поставку",
        "intergovernmental-agreement": "межправсоглашение", "military-cooperation": "военное сотрудничество",
        "trade-target": "торговая цель", "declaration": "декларация", "sanctions": "санкции", "ban": "запрет",
        "other": "другое",
    },
    "mention": {
        "country": "страна", "place": "место", "org": "организация", "person": "персона", "money": "деньги",
        "capacity": "мощность", "date": "дата",
    },
}
VOCABULARIES = {"sector": tuple(SECTORS), "status": STATUSES, "mode": ROUTE_MODES, "kind": DEAL_KINDS}


def t(key: str, lang: str = "en", **values) -> str:
    entry = STRINGS.get(key)
    text = key if entry is None else entry.get(lang) or entry["en"]
    return text.format(**values) if values else text


def label(kind: str, value: str | None, lang: str = "en") -> str:
    """A vocabulary value for people: `under-construction` → `under construction` / `строится`."""
    if value is None or value != value:  # None or NaN
        return "—"
    if lang == "ru":
        return VOCABULARY_RU.get(kind, {}).get(value, value)
    return str(value).replace("-", " ")


def bilingual(name_en: str | None, name_ru: str | None, lang: str = "en") -> str:
    """A record's name with its other-language name beside it: `Middle Corridor / Средний коридор`."""
    first, second = (name_ru, name_en) if lang == "ru" else (name_en, name_ru)
    parts = [p for p in (first, second) if isinstance(p, str) and p.strip()]
    if len(parts) == 2 and parts[0].strip() == parts[1].strip():
        parts = parts[:1]
    return " / ".join(parts) if parts else "—"
