"""Interface strings in English and Russian (`lang=en|ru`).

`t(key, lang)` returns a string of the interface; `label(kind, value, lang)` names a vocabulary value
(a sector, a status, a route mode, a deal kind); `field_label(field, lang)` names a record's field
as the evidence table calls it. Missing Russian falls back to English, and a missing key falls back
to the key itself, so a gap shows up as text instead of an error; each gap is also logged once
("untranslated: …") and kept in `MISSING`, which the tests read.
"""

from __future__ import annotations

import logging

from etl.schema import DATE_BASES, DEAL_KINDS, ROUTE_MODES, SECTORS, STATUSES

LOG = logging.getLogger("dashboard.i18n")
MISSING: set[tuple[str, str]] = set()  # (what, key) of every gap met so far: ("key", …), ("ru", …), ("label", …)

SUBSECTORS = tuple(dict.fromkeys(s for subs in SECTORS.values() for s in subs))

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
    "date_from": {"en": "From date", "ru": "Дата с"},
    "date_to": {"en": "To date", "ru": "Дата по"},
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
    "n_articles_count": {"en_one": "{n} article", "en": "{n} articles", "ru_one": "{n} статья", "ru_few": "{n} статьи",
                         "ru": "{n} статей"},
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
    "map_unplaced": {"ru_one": "У {n} проекта нет известного места, его нет на карте (см. «Таблицы»).", 
        "en": "Projects without a known place, not on the map (see Tables): {n}",
        "ru": "У {n} проектов нет известного места, их нет на карте (см. «Таблицы»).",
    },
    "map_clustered": {"ru_one": "{n} проект сгруппирован в кластер; приблизьте карту, чтобы увидеть его.", "ru_few": "{n} проекта сгруппированы в кластеры; приблизьте карту, чтобы их разделить.", 
        "en": "{n} projects are grouped into clusters; zoom in to separate them.",
        "ru": "{n} проектов сгруппированы в кластеры; приблизьте карту, чтобы их разделить.",
    },
    "map_capped": {
        "en": "{what}: the map shows the {shown} most reported of {total}; narrow the filters to see the rest.",
        "ru": "{what}: на карте {shown} самых упоминаемых из {total}; сузьте фильтры, чтобы увидеть остальные.",
    },
    "rows_capped": {
        "en": "The table shows {shown} of {total} rows (the most reported first); narrow the filters to see the rest.",
        "ru": "В таблице {shown} из {total} строк (сначала самые упоминаемые); сузьте фильтры, чтобы увидеть остальные.",
    },
    "files_capped": {
        "en": "Files hold the {shown} rows shown, not all {total}.",
        "ru": "В файлах — {shown} показанных строк, а не все {total}.",
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
    "target_year": {"en": "Target year", "ru": "Год ввода"},
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
    "ts_values": {"en": "Deal values, USD mn", "ru": "Суммы сделок, млн долл."},
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
    "ts_year_only": {"en_one": "{n} deal is dated only to the year and is not on the monthly axis; switch the time step to year to see it.", "ru_one": "{n} сделка датирована только годом и не показана помесячно; переключите шаг на «год», чтобы её увидеть.", "ru_few": "{n} сделки датированы только годом и не показаны помесячно; переключите шаг на «год», чтобы их увидеть.", 
        "en": "{n} deals are dated only to the year and are not on the monthly axis; switch the time step to year to see them.",
        "ru": "{n} сделок датированы только годом и не показаны помесячно; переключите шаг на «год», чтобы их увидеть.",
    },
    # {what}: "1 deal, 2 projects" (gap_deals, gap_projects), each counted in its own plural form.
    "ts_undated_records": {
        "en": "Not on the time axis for lack of a date: {what}.",
        "ru": "Нет на оси времени, так как нет даты: {what}.",
    },
    "ts_no_value": {"en_one": "{n} deal has no value in USD and is not in the value chart.", "ru_one": "У {n} сделки нет суммы в USD, в графике сумм её нет.", 
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
    "axis_usd_mn": {"en": "USD mn", "ru": "млн долл."},
    "deals_by_kind": {"en": "Deals by kind", "ru": "Сделки по типу"},
    "projects_by_sector": {"en": "Projects by sector (first seen)", "ru": "Проекты по отрасли (впервые)"},
    # tables page
    "download_csv": {"en": "CSV", "ru": "CSV"},
    "download_geojson": {"en": "GeoJSON", "ru": "GeoJSON"},
    "download": {"en": "Download the filtered table", "ru": "Скачать отфильтрованную таблицу"},
    "rows": {"en_one": "{n} row", "en": "{n} rows", "ru": "строк: {n}"},
    "table_select_hint": {
        "en": "Select a row to see its record and evidence below.",
        "ru": "Выберите строку, чтобы увидеть запись и подтверждения ниже.",
    },
    # articles page
    "articles_count": {"en_one": "{n} article ({undated} without a date)", 
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
        "energy": "энергетика", "mining": "добыча", "transport": "транспорт", "industry": "промышленность",
        "defence": "оборона", "trade": "торговля", "finance": "финансы", "space": "космос", "other": "другое",
    },
    "subsector": {
        "nuclear": "АЭС", "coal-power": "угольная генерация", "gas-power": "газовая генерация", "hydro": "ГЭС",
        "wind": "ветроэнергетика", "solar": "солнечная энергетика", "hydrogen": "водород", "oil-refining": "нефтепереработка",
        "gas-processing": "газопереработка", "oil-gas": "нефть и газ", "grid": "сети и ЛЭП",
        "copper": "медь", "lithium": "литий", "uranium": "уран", "rare-earths": "редкоземельные металлы",
        "coal": "уголь", "gold": "золото", "iron": "железная руда", "polymetals": "полиметаллы",
        "rail": "железная дорога", "road": "автодорога", "port": "порт", "terminal": "терминал",
        "dry-port": "сухой порт", "pipeline": "трубопровод", "border-crossing": "пункт пропуска",
        "logistics-hub": "логистический хаб", "sea": "море", "multimodal": "мультимодальный",
        "metallurgy": "металлургия", "chemicals": "химия", "manufacturing": "производство",
        "industrial-park": "индустриальная зона", "sanctions": "санкции", "re-export": "реэкспорт",
        "export-ban": "запрет экспорта", "tariffs": "пошлины", "other": "другое",
    },
    "status": {
        "announced": "объявлен", "pre-construction": "подготовка", "agreed": "согласован",
        "construction": "строится", "operating": "действует", "exploration": "разведка",
        "shelved": "приостановлен", "cancelled": "отменён", "retired": "выведен из эксплуатации",
        "mothballed": "законсервирован", "launched": "запущен", "planned": "запланирован",
        "disrupted": "нарушен", "restricted": "ограничен", "blocked": "заблокирован", "unspecified": "не указан",
    },
    "mode": {
        "road": "автодорога", "rail": "железная дорога", "pipeline": "трубопровод", "sea": "море",
        "multimodal": "мультимодальный", "power-line": "ЛЭП", "unspecified": "не указан",
    },
    "kind": {
        "investment": "инвестиции", "acquisition": "покупка или продажа", "joint-venture": "совместное предприятие",
        "loan": "кредит", "supply-contract": "контракт",
        "intergovernmental-agreement": "межправсоглашение", "military-cooperation": "военное сотрудничество",
        "trade-target": "торговая цель", "declaration": "декларация", "sanctions": "санкции", "ban": "запрет",
        "contract-termination": "расторжение контракта", "other": "другое",
    },
    "mention": {
        "country": "страна", "place": "место", "org": "организация", "person": "персона", "money": "деньги",
        "capacity": "мощность", "date": "дата",
    },
}
VOCABULARY_RU.update({
    "precision": {"site": "точное место", "region": "только регион", "country": "только страна"},
    "date_basis": {
        "header": "строка даты в файле", "metadata": "метаданные источника", "in-text": "дата в тексте",
        "inferred": "день из текста, год по тому же источнику", "approximate": "приблизительно: часть месяца в тексте",
        "neighbours": "приблизительно: между соседними постами", "file-name": "приблизительно: дата в имени файла",
        "none": "даты нет",
    },
})
# English labels where the value's own spelling does not read well.
VOCABULARY_EN: dict[str, dict[str, str]] = {
    "precision": {"site": "exact site", "region": "region only", "country": "country only"},
    "date_basis": {
        "header": "the file's date line", "metadata": "the source's metadata", "in-text": "a date in the text",
        "inferred": "a day in the text, the year from the same source",
        "approximate": "approximate: a part of a month in the text",
        "neighbours": "approximate: between neighbouring posts", "file-name": "approximate: a date in the file name",
        "none": "no date",
    },
    "kind": {"intergovernmental-agreement": "intergovernmental agreement", "supply-contract": "supply contract"},
    "mode": {"power-line": "power line", "unspecified": "not stated"},
    # The trackers' "pre-construction" (feasibility, tender, permits, financing), as Russian says it too.
    "status": {"pre-construction": "in preparation", "unspecified": "not stated"},
    "subsector": {"nuclear": "nuclear power", "hydro": "hydropower", "wind": "wind power", "solar": "solar power",
                  "grid": "power grid", "oil-gas": "oil and gas", "re-export": "re-export"},
    "mention": {"org": "organisation"},
}
VOCABULARIES = {"sector": tuple(SECTORS), "subsector": SUBSECTORS, "status": STATUSES, "mode": ROUTE_MODES,
                "kind": DEAL_KINDS, "date_basis": DATE_BASES, "precision": ("site", "region", "country"),
                "mention": ("country", "place", "org", "person", "money", "capacity", "date")}

FIELD_LABELS: dict[str, dict[str, str]] = {
    "status": {"en": "Status", "ru": "Статус"},
    "capacity": {"en": "Capacity", "ru": "Мощность"},
    "heat_capacity": {"en": "Heat capacity", "ru": "Тепловая мощность"},
    "cost": {"en": "Cost", "ru": "Стоимость"},
    "target_year": {"en": "Target year", "ru": "Год ввода"},
    "partners": {"en": "Partners", "ru": "Партнёры"},
    "partner_countries": {"en": "Partner countries", "ru": "Страны партнёров"},
    "mention": {"en": "Named in the text as", "ru": "Названо в тексте"},
    "countries": {"en": "Countries along it", "ru": "Страны по пути"},
    "via": {"en": "Via", "ru": "Через"},
    "mode": {"en": "Mode", "ru": "Вид транспорта"},
    "kind": {"en": "Kind of deal", "ru": "Тип сделки"},
    "parties": {"en": "Parties", "ru": "Стороны"},
    "party_countries": {"en": "Countries of the parties", "ru": "Страны сторон"},
    "value": {"en": "Value", "ru": "Сумма"},
    "date": {"en": "Date", "ru": "Дата"},
    "place": {"en": "Place", "ru": "Место"},
    "sector": {"en": "Sector", "ru": "Отрасль"},
    "subsector": {"en": "Subsector", "ru": "Подотрасль"},
    "name": {"en": "Name", "ru": "Название"},
    "partner": {"en": "Partner", "ru": "Партнёр"},
    "route": {"en": "Corridor", "ru": "Коридор"},
    "project": {"en": "Project", "ru": "Проект"},
    "flow": {"en": "Flow", "ru": "Поток"},
    "volume": {"en": "Volume", "ru": "Объём"},
    "places": {"en": "Places along it", "ru": "Пункты по пути"},
}


def _missing(what: str, key: str) -> None:
    if (what, key) not in MISSING:
        MISSING.add((what, key))
        LOG.warning("untranslated %s: %s", what, key)


def plural_form(n: int, lang: str) -> str:
    """English one|other; Russian one (1, 21), few (2–4, 22–24), many (5–20, 25…)."""
    n = abs(int(n))
    if lang == "ru":
        if n % 10 == 1 and n % 100 != 11:
            return "one"
        if 2 <= n % 10 <= 4 and not 12 <= n % 100 <= 14:
            return "few"
        return "many"
    return "one" if n == 1 else "other"


def t(key: str, lang: str = "en", **values) -> str:
    """The string `key` in `lang`; with a count `n`, the plural form for it where the entry has one
    (`en_one`, `ru_one`, `ru_few`, `ru_many`)."""
    entry = STRINGS.get(key)
    if entry is None:
        _missing("key", key)
        text = key
    else:
        text = entry.get(lang) or entry["en"]
        if lang != "en" and not entry.get(lang):
            _missing(lang, key)
        count = values.get("n")
        if count is not None and not isinstance(count, (str, bool)) and hasattr(count, "__int__"):
            text = entry.get(f"{lang}_{plural_form(count, lang)}") or text
    return text.format(**values) if values else text


def label(kind: str, value: str | None, lang: str = "en") -> str:
    """A vocabulary value for people: `pre-construction` → `in preparation` / `подготовка`, `oil-gas` →
    `oil and gas`; a value with no label of its own reads with spaces for hyphens."""
    if value is None or value != value:  # None or NaN
        return "—"
    if lang == "ru":
        found = VOCABULARY_RU.get(kind, {}).get(value)
        if found is None:
            _missing("label", f"{kind}:{value}")
            return str(value).replace("-", " ")
        return found
    return VOCABULARY_EN.get(kind, {}).get(value) or str(value).replace("-", " ")


def capitalized(text: str) -> str:
    """A label at the start of a line: its first letter upper case, the rest as it is (`АЭС`, `USD` stay)."""
    return text[:1].upper() + text[1:] if text else text


def field_label(name: str, lang: str = "en") -> str:
    """A record's field as people call it: `partner_countries` → "Partner countries" / "Страны партнёров"."""
    entry = FIELD_LABELS.get(name)
    if entry is None:
        _missing("field", name)
        return str(name).replace("_", " ").capitalize()
    return entry.get(lang) or entry["en"]


def bilingual(name_en: str | None, name_ru: str | None, lang: str = "en") -> str:
    """A record's name with its other-language name beside it: `Middle Corridor / Средний коридор`."""
    first, second = (name_ru, name_en) if lang == "ru" else (name_en, name_ru)
    parts = [p for p in (first, second) if isinstance(p, str) and p.strip()]
    if len(parts) == 2 and parts[0].strip() == parts[1].strip():
        parts = parts[:1]
    return " / ".join(parts) if parts else "—"


# Sharing a deployed instance: the About and upload pages, sign-in, first-start setup.
STRINGS.update({
    "page_about": {"en": "About the data", "ru": "О данных"},
    "page_upload": {"en": "Add articles", "ru": "Добавить статьи"},
    "data_updated": {
        "en": "The data were updated while this page was open: version {old} → {new}. Figures may have changed.",
        "ru": "Данные обновились, пока страница была открыта: версия {old} → {new}. Цифры могли измениться.",
    },
    # sign-in (dashboard/auth.py)
    "auth_required": {
        "en": "This dashboard is shared with signed-in users only. Sign in to see the data.",
        "ru": "Этот дашборд открыт только для вошедших пользователей. Войдите, чтобы увидеть данные.",
    },
    "auth_login": {"en": "Sign in", "ru": "Войти"},
    "auth_logout": {"en": "Sign out", "ru": "Выйти"},
    "auth_signed_in": {"en": "Signed in as {user}", "ru": "Вы вошли как {user}"},
    "auth_proxy_missing": {
        "en": "This dashboard is opened through its sign-in proxy, and this request arrived without a "
              "signed-in user (header `{header}`). Open it at the address its administrator gave you.",
        "ru": "Этот дашборд открывается через прокси со входом, а запрос пришёл без пользователя "
              "(заголовок `{header}`). Откройте его по адресу, который дал администратор.",
    },
    "auth_oidc_unconfigured": {
        "en": "Sign-in is required but not configured ({problem}); no data is shown until it is.",
        "ru": "Вход обязателен, но не настроен ({problem}); данные не показываются, пока он не настроен.",
    },
    "auth_bad_mode": {
        "en": "`DASHBOARD_AUTH` is `{value}`, not one of {modes}; no data is shown until it is fixed.",
        "ru": "`DASHBOARD_AUTH` равно `{value}`, а должно быть одним из: {modes}; данные не показываются.",
    },
    "auth_not_allowed": {
        "en": "{user} is signed in but not among this dashboard's users. Ask its administrator for access.",
        "ru": "{user}: вход выполнен, но этого пользователя нет в списке допущенных. Обратитесь к администратору.",
    },
    # first start (dashboard/instance.py)
    "first_build": {
        "en": "First start: building the warehouse from the seed articles…",
        "ru": "Первый запуск: хранилище собирается из исходных статей…",
    },
    "first_build_failed": {"en": "The first-start build failed:", "ru": "Сборка при первом запуске не удалась:"},
    "assets_fetch_failed": {
        "en": "The map's assets could not be installed on this server ({problem}): the map stays empty until "
              "`make assets` has run here, or the server can reach registry.npmjs.org.",
        "ru": "Ресурсы карты не удалось установить на сервере ({problem}): карта пуста, пока здесь не выполнен "
              "`make assets` или сервер не получит доступ к registry.npmjs.org.",
    },
    # About the data
    "about_version": {"en": "Data version", "ru": "Версия данных"},
    "about_version_text": {
        "en": "Data version **{v}**, built {built} (ETL code {code}). The version is a hash of the input files "
              "and the ETL code: the same inputs and code give the same version.",
        "ru": "Версия данных **{v}**, собрана {built} (код ETL {code}). Версия — хеш входных файлов и кода ETL: "
              "те же входы и код дают ту же версию.",
    },
    "about_version_links": {
        "en": "Shared links carry the version (`v={v}`). A link made with another version opens on the current "
              "data and says that its figures may differ.",
        "ru": "Ссылки несут версию (`v={v}`). Ссылка, сделанная для другой версии, открывается на текущих "
              "данных с предупреждением, что цифры могут отличаться.",
    },
    "about_counts": {"en": "What the warehouse holds", "ru": "Что в хранилище"},
    "about_rows": {"en": "Rows per table", "ru": "Строк в таблицах"},
    "about_rejects": {"en": "Rejected inputs", "ru": "Отклонённые входы"},
    "about_rejects_text": {
        "en": "Every input becomes an article or a reject with its reason; duplicates are rejects too.",
        "ru": "Каждый вход становится статьёй или отклонённым входом с причиной; дубликаты тоже отклоняются.",
    },
    "about_rejects_list": {"en": "All {n} rejects", "ru": "Все отклонённые ({n})"},
    "about_whole": {
        "en": "The whole warehouse, whatever the filters in the sidebar.",
        "ru": "Всё хранилище, без учёта фильтров на боковой панели.",
    },
    "about_count": {"en": "Count", "ru": "Число"},
    "reject_reason": {"en": "Reason", "ru": "Причина"},
    "reject_detail": {"en": "Detail", "ru": "Подробности"},
    "about_sources": {"en": "Sources", "ru": "Источники"},
    "about_kind": {"en": "Kind", "ru": "Тип"},
    "about_source": {"en": "Channel or file", "ru": "Канал или файл"},
    "about_span": {
        "en": "Dated articles from {first} to {last}; {undated} without a date.",
        "ru": "Датированные статьи с {first} по {last}; без даты: {undated}.",
    },
    "about_inputs": {"en": "Input files ({n})", "ru": "Входные файлы ({n})"},
    "about_limits": {"en": "Known limits of the extraction", "ru": "Известные ограничения извлечения"},
    "about_limit_claims": {
        "en": "Figures are what the articles claim, read sentence by sentence: a claim is found where its sentence "
              "carries one of the cue words in `etl/grammars/cues.py`; a claim phrased otherwise is missed. Every "
              "value has its quoted sentence (evidence): check it before citing a figure.",
        "ru": "Цифры — это утверждения статей, прочитанные по предложениям: утверждение находится, если в "
              "предложении есть одно из ключевых слов из `etl/grammars/cues.py`; сказанное иначе пропускается. "
              "У каждого значения есть цитата (подтверждение): сверяйтесь с ней, прежде чем ссылаться на цифру.",
    },
    "about_limit_names": {
        "en": "Countries, places, organisations and corridors are recognised from the gazetteer in every case form; "
              "names no entry covers are resolved through GeoNames' Russian names or stay unresolved "
              "({candidates} in the `candidates` table, for curation).",
        "ru": "Страны, места, организации и коридоры узнаются по справочнику во всех падежных формах; имена, "
              "которых в нём нет, сопоставляются с русскими названиями GeoNames или остаются нераспознанными "
              "({candidates} в таблице `candidates`, для проверки).",
    },
    "about_limit_dates": {
        "en": "An article's date comes from its header or metadata, else from a date in its text; a missing year is "
              "inferred only from evidence in the same source. Weaker clues — a part of a month («в конце мая»), the "
              "dated posts around a post in a channel dump, a date in the file's name — give an approximate date, "
              "marked ≈ with its clue. Otherwise it is undated ({undated} here): it drops out of the time series, and "
              "of date filters unless «Keep undated records» is on; every page counts what a date range hides. The "
              "build never uses today's date.",
        "ru": "Дата статьи берётся из заголовка или метаданных, иначе из даты в тексте; недостающий год выводится "
              "только из того же источника. Более слабые признаки — часть месяца («в конце мая»), датированные посты "
              "вокруг поста в выгрузке канала, дата в имени файла — дают приблизительную дату, отмеченную ≈ с её "
              "источником. Иначе статья без даты (здесь {undated}): её нет в динамике и в фильтре по датам, если не "
              "включено «Показывать записи без даты»; каждая страница считает, что скрывает период. Сегодняшняя дата "
              "при сборке не используется.",
    },
    "about_limit_conflicts": {
        "en_one": "Where articles disagree, every claim stays in the evidence and the record shows the latest article's "
                  "value, naming the conflict ({conflicts} record here).",
        "en": "Where articles disagree, every claim stays in the evidence and the record shows the latest article's "
              "value, naming the conflict ({conflicts} records here).",
        "ru": "Если статьи расходятся, все утверждения остаются в подтверждениях, а запись показывает значение из "
              "самой поздней статьи и отмечает расхождение (здесь записей: {conflicts}).",
    },
    "about_limit_money": {
        "en": "Amounts keep the currency and qualifiers the text gives; USD values come from the dated rate table in "
              "`etl/reference/`, and an amount without a known currency has none.",
        "ru": "Суммы сохраняют валюту и оговорки из текста; значения в USD берутся из таблицы курсов по датам в "
              "`etl/reference/`, у суммы без известной валюты их нет.",
    },
    "about_limit_map": {
        "en": "A project is drawn at the place the text names; one without a known place is listed but not on the "
              "map ({unplaced} here). A corridor the gazetteer knows follows its waypoints; one stated only as "
              "\"from X through Y to Z\" is drawn through the countries' centre points. Neither is a surveyed "
              "alignment.",
        "ru": "Проект рисуется в месте, названном в тексте; проект без известного места есть в таблицах, но не на "
              "карте (здесь {unplaced}). Коридор из справочника идёт по его опорным точкам; коридор, заданный "
              "только как «из X через Y в Z», проводится через центры стран. Ни то, ни другое не трасса по съёмке.",
    },
    "about_limit_duplicates": {
        "en": "The same text read twice is one article (the copy is a `duplicate` reject); Telegram cross-post "
              "teasers and link stubs are kept but marked as stubs ({stubs} here).",
        "ru": "Один и тот же текст, прочитанный дважды, — одна статья (копия отклоняется как `duplicate`); "
              "анонсы репостов и ссылки-заглушки из Telegram сохраняются с пометкой (здесь {stubs}).",
    },
    # Add articles
    "upload_intro": {
        "en": "Files ({types}, up to {mb} MB each) are saved into the inbox (`{inbox}`) and the warehouse is rebuilt "
              "from the seeds and the inbox; articles already read come from the cache. The dashboard switches to "
              "the new data version when the build is complete.",
        "ru": "Файлы ({types}, до {mb} МБ каждый) сохраняются во входящую папку (`{inbox}`), и хранилище "
              "пересобирается из исходных статей и этой папки; уже прочитанные статьи берутся из кэша. Дашборд "
              "переключается на новую версию данных, когда сборка завершена.",
    },
    "upload_files": {"en": "Articles to add", "ru": "Статьи для добавления"},
    "upload_build": {"en": "Add and rebuild", "ru": "Добавить и пересобрать"},
    "upload_building": {"en": "Building the warehouse…", "ru": "Хранилище собирается…"},
    "upload_none": {"en": "Choose at least one file.", "ru": "Выберите хотя бы один файл."},
    "upload_failed": {
        "en": "The build failed; the previous warehouse is unchanged. Its log is below.",
        "ru": "Сборка не удалась; прежнее хранилище не изменилось. Журнал ниже.",
    },
    "upload_done": {
        "en": "{n} file(s) added; the dashboard now shows data version {v}.",
        "ru": "Добавлено файлов: {n}; дашборд показывает версию данных {v}.",
    },
    "upload_nothing_new": {
        "en": "These files are already in the inbox; nothing was rebuilt.",
        "ru": "Эти файлы уже есть во входящей папке; пересборка не нужна.",
    },
    "upload_articles": {"en": "{n} article(s)", "ru": "статей: {n}"},
    "upload_already": {"en": "already in the inbox", "ru": "уже во входящей папке"},
    "upload_rejects": {"en": "Rejected ({n})", "ru": "Отклонено ({n})"},
    "upload_log": {"en": "Build log", "ru": "Журнал сборки"},
})


# Record pages, gaps, exports, search, the landing view (issue 11).
STRINGS.update({
    "page_record": {"en": "Record", "ru": "Запись"},
    "kind_route": {"en": "Corridor", "ru": "Коридор"},
    "kind_project": {"en": "Project", "ru": "Проект"},
    "kind_deal": {"en": "Deal", "ru": "Сделка"},
    "record_figures": {"en": "Figures, with the sentences they come from", "ru": "Цифры и предложения, из которых они взяты"},
    "record_timeline": {"en": "Status over time", "ru": "Статус во времени"},
    "record_related": {"en": "Related records", "ru": "Связанные записи"},
    "record_sentences": {"en": "Every sentence behind this record ({n})", "ru": "Все предложения, на которых основана запись ({n})"},
    "record_sentences_open": {
        "en_one": "Show the sentence",
        "ru_one": "Показать {n} предложение",
        "ru_few": "Показать {n} предложения, каждое один раз",
        "en": "Show the {n} sentences, each once",
        "ru": "Показать {n} предложений, каждое один раз",
    },
    "record_sources": {"en": "Sources ({n})", "ru": "Источники ({n})"},
    "record_choose_hint": {"en_one": "{n} record matches the filters: choose it to see its page.", 
        "en": "{n} records match the filters: choose one to see its page.",
        "ru": "Под фильтры подходят записей: {n}. Выберите одну, чтобы открыть её страницу.",
    },
    "choose_record": {"en": "Choose a record", "ru": "Выберите запись"},
    "choose_another": {"en": "Choose another record", "ru": "Выбрать другую запись"},
    "no_records_to_choose": {"en": "No records for these filters.", "ru": "Под эти фильтры записей нет."},
    "open_record_page": {"en": "Open the record's page", "ru": "Открыть страницу записи"},
    "record_page": {"en": "Record", "ru": "Запись"},
    "record_page_help": {"en": "The record's own page: figures, sentences, sources",
                         "ru": "Страница записи: цифры, предложения, источники"},
    "open_record": {"en": "open", "ru": "открыть"},
    "read_article": {"en": "read", "ru": "читать"},
    "source_unknown": {"en": "article not in this warehouse", "ru": "статьи нет в хранилище"},
    "conflict_value": {"en": "Value", "ru": "Значение"},
    "conflict_source": {"en": "Article", "ru": "Статья"},
    "conflict_sentence": {"en": "#", "ru": "№"},
    "conflict_one_article": {"en": "values differ", "ru": "значения расходятся"},
    "why_label": {"en": "Why this one is shown", "ru": "Почему показано это значение"},
    "why_latest": {
        "en": "it comes from the latest article ({date}); a record shows the latest article's value, and every other claim stays listed here.",
        "ru": "оно из самой поздней статьи ({date}); запись показывает значение из последней статьи, остальные утверждения перечислены здесь.",
    },
    "why_latest_plain": {
        "en": "a record shows the value of the latest article; every claim stays listed here.",
        "ru": "запись показывает значение из последней статьи; все утверждения перечислены здесь.",
    },
    "why_undated_older": {"en": "Undated articles count as older.", "ru": "Статьи без даты считаются более ранними."},
    "why_same_article_status": {
        "en": "one article states both; the record keeps the furthest stage it names (an agreement signed outranks a plan).",
        "ru": "одна статья называет оба; запись берёт самую продвинутую стадию (подписанное соглашение важнее плана).",
    },
    "why_same_article": {
        "en": "one article states both; the record keeps the first value it states.",
        "ru": "одна статья называет оба; запись берёт первое названное значение.",
    },
    "conflicts_note": {
        "en": "Where articles disagree, every value is listed beside the one the record shows.",
        "ru": "Если статьи расходятся, все значения перечислены рядом с тем, что показывает запись.",
    },
    "group_figure": {
        "en": "Stated for several sites together, not for this one alone.",
        "ru": "Названо для нескольких объектов вместе, а не для одного этого.",
    },
    "group_figure_short": {"en": "for the group", "ru": "для группы"},
    "no_quote_for_field": {
        "en": "No article sentence states this value: it comes from the gazetteer (identity and geography) or the "
              "record's other claims.",
        "ru": "Это значение не названо ни в одном предложении: оно из справочника (названия и география) или из "
              "других утверждений записи.",
    },
    "value_elsewhere": {
        "en": "Read from {value}, elsewhere in the article.",
        "ru": "Взято из {value} — в другом месте статьи.",
    },
    "supports": {"en": "supports", "ru": "подтверждает"},
    "named_as": {"en": "Named in the articles as: {names}", "ru": "В статьях названо: {names}"},
    "no_sources": {"en": "No articles behind this record.", "ru": "За этой записью нет статей."},
    "card_sources": {"en": "{n} articles · {s} sentences", "ru": "статей: {n} · предложений: {s}"},
    "place_approximate": {
        "en": "The place is known only approximately (a region or a country): the map shows that area's point.",
        "ru": "Место известно лишь приблизительно (регион или страна): на карте — точка этой территории.",
    },
    "related_deals": {"en": "Deals", "ru": "Сделки"},
    "related_group": {"en": "Sites named together", "ru": "Объекты, названные вместе"},
    "related_on_route": {"en": "Transport projects on the corridor", "ru": "Транспортные проекты на коридоре"},
    "related_concerns": {"en": "What the deal concerns", "ru": "К чему относится сделка"},
    "related_same_article": {"en": "Other deals in the same article", "ru": "Другие сделки из той же статьи"},
    "related_together": {"en": "Reported in the same articles", "ru": "Упомянуто в тех же статьях"},
    "and_more": {"en": "and {n} more", "ru": "и ещё {n}"},
    "download_record": {"en": "This record's claims (CSV)", "ru": "Утверждения этой записи (CSV)"},
    "download_record_help": {
        "en": "Every claim behind the record, with its article, outlet, date and sentence",
        "ru": "Все утверждения записи со статьёй, источником, датой и предложением",
    },
    # gaps
    "gap_undated": {
        "en": "Hidden by the date range for lack of a date: {items}.",
        "ru": "Скрыто периодом из-за отсутствия даты: {items}.",
    },
    "gap_unplaced": {
        "en": "Hidden by the country filter for naming no country: {items}.",
        "ru": "Скрыто фильтром стран, потому что страна не названа: {items}.",
    },
    "gap_routes": {"en_one": "{n} corridor", "en": "{n} corridors", "ru": "коридоров — {n}"},
    "gap_projects": {"en_one": "{n} project", "en": "{n} projects", "ru": "проектов — {n}"},
    "gap_deals": {"en_one": "{n} deal", "en": "{n} deals", "ru": "сделок — {n}"},
    "gap_articles": {"en_one": "{n} article", "en": "{n} articles", "ru": "статей — {n}"},
    "include_undated": {"en": "Keep undated records", "ru": "Показывать записи без даты"},
    "include_undated_help": {
        "en": "With a date range set, also show records and articles that have no date at all.",
        "ru": "При заданном периоде показывать и записи и статьи, у которых даты нет совсем.",
    },
    "include_undated_button": {"en": "Show the undated ones too", "ru": "Показать и записи без даты"},
    "undated_included": {
        "en": "Records and articles without a date are shown despite the date range.",
        "ru": "Записи и статьи без даты показаны, несмотря на период.",
    },
    "undated_kept": {"en": "undated kept", "ru": "без даты — тоже"},
    # sidebar
    "subsectors": {"en": "Subsectors", "ru": "Подотрасли"},
    "subsectors_help": {
        "en": "Projects by their subsector, corridors by their mode (rail, road, pipeline, sea), deals by the project or corridor they concern.",
        "ru": "Проекты — по подотрасли, коридоры — по виду транспорта, сделки — по проекту или коридору, к которому они относятся.",
    },
    "project_status": {"en": "Project status", "ru": "Статус проекта"},
    "project_status_help": {
        "en": "As the energy trackers call a project's stage; narrows projects only.",
        "ru": "Стадия проекта, как её называют отраслевые трекеры; сужает только проекты.",
    },
    "route_status": {"en": "Corridor status", "ru": "Статус коридора"},
    "route_status_help": {
        "en": "A corridor's state as the news tells it; narrows corridors only.",
        "ru": "Состояние коридора по сообщениям; сужает только коридоры.",
    },
    "search_placeholder": {"en": "e.g. АЭС, Улкен, газ*", "ru": "например, АЭС, Улкен, газ*"},
    # tables
    "outlets": {"en": "Outlets", "ru": "Источники"},
    "outlets_help": {
        "en": "Who published the articles behind the row (the channel or site; the file where the source names none)",
        "ru": "Кто опубликовал статьи (канал или сайт; файл, если источник не назван)",
    },
    "capacity_mw": {"en": "Capacity, MW", "ru": "Мощность, МВт"},
    "capacity_mw_help": {"en": "Power capacity converted to megawatts", "ru": "Электрическая мощность в мегаваттах"},
    "capacity_stated": {"en": "Capacity as stated", "ru": "Мощность в тексте"},
    "capacity_stated_help": {
        "en": "As the text gives it, where that is not MW (GW, Gcal/h, tonnes…)",
        "ru": "Как в тексте, если не в МВт (ГВт, Гкал/ч, тонны…)",
    },
    "cost_stated": {"en": "Cost as stated", "ru": "Стоимость в тексте"},
    "cost_stated_help": {
        "en": "The amount with its currency and qualifier (up to, over, almost…) as the text gives it",
        "ru": "Сумма с валютой и оговоркой (до, более, почти…), как в тексте",
    },
    "value_stated": {"en": "Value as stated", "ru": "Сумма в тексте"},
    "cost_usd_mn": {"en": "Cost, USD mn", "ru": "Стоимость, млн долл."},
    "value_usd_mn": {"en": "Value, USD mn", "ru": "Сумма, млн долл."},
    "usd_mn_help": {
        "en": "In millions of US dollars at the dated rate (etl/reference/)",
        "ru": "В миллионах долларов США по курсу на дату (etl/reference/)",
    },
    "reported_on": {"en": "reported", "ru": "сообщено"},
    "cards_hint": {"en": "Tap a name to open its page.", "ru": "Нажмите на название, чтобы открыть страницу записи."},
    "cards_more": {"en_one": "{n} more row: widen the window or download the table to see it.", 
        "en": "{n} more rows: widen the window or download the table to see them all.",
        "ru": "Ещё строк: {n}. Расширьте окно или скачайте таблицу, чтобы увидеть все.",
    },
    "download_csv_help": {
        "en": "The rows with their article ids, outlets, URLs and quotes (UTF-8, opens in Excel)",
        "ru": "Строки с идентификаторами статей, источниками, ссылками и цитатами (UTF-8, открывается в Excel)",
    },
    "download_geojson_help": {
        "en": "The {placed} rows with a place; {left} without one are left out (counted in the file)",
        "ru": "Строки с местом: {placed}; без места ({left}) не вошли (их число указано в файле)",
    },
    "download_readme": {"en": "README", "ru": "README"},
    "download_readme_help": {
        "en": "What the files hold: data version, filters, columns",
        "ru": "Что в файлах: версия данных, фильтры, столбцы",
    },
    "download_bundle": {"en": "Download everything (ZIP)", "ru": "Скачать всё (ZIP)"},
    "download_bundle_help": {
        "en": "The three tables as CSV and GeoJSON, the evidence behind every row, and a README naming the data version and filters",
        "ru": "Три таблицы в CSV и GeoJSON, подтверждения к каждой строке и README с версией данных и фильтрами",
    },
    "geojson_left_out": {"en_one": "{n} row has no place and is not in the GeoJSON (its metadata counts it).", "ru_one": "У {n} строки нет места, в GeoJSON её нет (это указано в метаданных файла).", 
        "en": "{n} rows have no place and are not in the GeoJSON (its metadata counts them).",
        "ru": "У {n} строк нет места, в GeoJSON их нет (их число указано в метаданных файла).",
    },
    "export_no_filters": {"en": "none (the whole warehouse)", "ru": "нет (всё хранилище)"},
    # search and reader
    "search_whole_words": {
        "en": "Searching «{q}» as whole words, in any grammatical form (газ* for a prefix, \"газ\" for that form only).",
        "ru": "Поиск «{q}» по целым словам в любой форме (газ* — по началу слова, \"газ\" — только эта форма).",
    },
    "search_hits": {
        "en_one": "«{q}» found once in this article",
        "en": "«{q}» found {n} times in this article",
        "ru": "«{q}» в этой статье: {n}",
    },
    "search_no_hits": {
        "en": "«{q}» is not in this article's text (it matched its title, channel or a record).",
        "ru": "«{q}» нет в тексте статьи (совпали заголовок, канал или запись).",
    },
    "search_first_hit": {"en": "go to the first", "ru": "к первому"},
    "search_hit": {"en": "search match", "ru": "совпадение с поиском"},
    "mentions_links": {
        "en": "a country opens the map filtered on it, a record's name or figure its page, another name a search",
        "ru": "страна открывает карту с фильтром по ней, название или цифра записи — её страницу, другое имя — поиск",
    },
    # map and landing
    "legend": {"en": "Legend", "ru": "Легенда"},
    "legend_not_built": {"en": "Dashed: not yet built", "ru": "Пунктир: ещё не построен"},
    "legend_rough_place": {"en": "Pale: place known only roughly", "ru": "Бледный: место известно приблизительно"},
    "map_unplaced_routes": {
        "en": "Corridors without a known path, not on the map: {n}",
        "ru": "Коридоров без известного пути (их нет на карте): {n}",
    },
    "map_rough_places": {"en_one": "{n} project is placed only to its region or country", "ru_one": "{n} проект размещён лишь по региону или стране", "ru_few": "{n} проекта размещены лишь по региону или стране", 
        "en": "{n} projects are placed only to their region or country",
        "ru": "{n} проектов размещены лишь по региону или стране",
    },
    "landing_what": {
        "en": "Russian-language reporting on Kazakhstan and Central Asia, read sentence by sentence: transit corridors, "
              "energy and mining projects, deals and sanctions, each figure with the sentence and article it comes from.",
        "ru": "Русскоязычные публикации о Казахстане и Центральной Азии, прочитанные по предложениям: транзитные "
              "коридоры, энергетические и горнодобывающие проекты, сделки и санкции; у каждой цифры — предложение и "
              "статья, откуда она взята.",
    },
    "landing_outlets": {"en": "Outlets", "ru": "Источники"},
    "landing_span": {
        "en": "Dated articles: {span}; {undated} without a date.",
        "ru": "Датированные статьи: {span}; без даты: {undated}.",
    },
    "landing_start": {"en": "Where to start", "ru": "С чего начать"},
    "landing_tables": {"en": "Every record in tables", "ru": "Все записи в таблицах"},
    "landing_series": {"en": "What changed over time", "ru": "Что менялось со временем"},
    "landing_articles": {"en": "Read the articles", "ru": "Читать статьи"},
    "landing_about": {"en": "About the data and its limits", "ru": "О данных и их ограничениях"},
    "landing_latest_records": {"en": "Latest records", "ru": "Последние записи"},
    "landing_latest_stories": {"en": "Latest stories", "ru": "Последние публикации"},
    # about
    "about_dates": {"en": "How articles are dated", "ru": "Как датируются статьи"},
    "about_dates_text": {
        "en": "Approximate dates (≈) come from weaker clues — a part of a month in the text, neighbouring posts of a "
              "channel dump, a file's name — and say which; nothing is dated by today's date.",
        "ru": "Приблизительные даты (≈) взяты из более слабых признаков — части месяца в тексте, соседних постов "
              "выгрузки канала, имени файла — и указывают, из каких; по сегодняшней дате ничего не датируется.",
    },
    "date_basis_column": {"en": "Where the date comes from", "ru": "Откуда дата"},
    "about_limit_search": {
        "en": "Search matches whole words in any grammatical form (Улкен finds Улкена; АЭС does not find ЕАЭС).",
        "ru": "Поиск находит целые слова в любой форме (Улкен находит «Улкена»; АЭС не находит «ЕАЭС»).",
    },
    "source_kind_text": {"en": "text file", "ru": "текстовый файл"},
    "source_kind_telegram": {"en": "Telegram", "ru": "Telegram"},
    "source_kind_rss": {"en": "feed", "ru": "лента"},
    "source_kind_html": {"en": "web page", "ru": "веб-страница"},
    "source_kind_pdf": {"en": "PDF document", "ru": "документ PDF"},
    "source_kind_docx": {"en": "Word document", "ru": "документ Word"},
})
STRINGS["search_help"] = {
    "en": "Whole words in any grammatical form (Улкен also finds Улкена), in titles, texts, names, places, partners "
          "and parties; газ* for words starting so, \"газ\" for that form only; case and ё/е ignored.",
    "ru": "Целые слова в любой форме (Улкен находит и «Улкена») в заголовках, текстах, названиях, местах, у "
          "партнёров и сторон; газ* — слова с этим началом, \"газ\" — только эта форма; регистр и ё/е не важны.",
}
STRINGS["status_help"] = STRINGS["project_status_help"]
STRINGS["date_basis"] = {"en": "date", "ru": "дата"}
