"""The words that carry a claim, as lemmas: statuses, transactions, facilities, minerals, transport.

These are the language of the claims, not the claims: which project is stalled, what was signed
and for how much always comes from the article's own sentence.
"""

from __future__ import annotations

# lemma → status claimed by a sentence that uses it (see etl.schema.STATUSES)
STATUS_CUES: dict[str, str] = {
    **dict.fromkeys(["заблокировать", "блокировать", "блокада", "блокировка", "перекрыть", "перекрытие",
                     "перекрывать", "застрять", "закрыть", "закрытие"], "blocked"),
    **dict.fromkeys(["задерживать", "задержать", "задержка", "парализовать", "паралич", "сбой", "прерваться",
                     "перерезать", "коллапс", "нарушение"], "disrupted"),
    **dict.fromkeys(["заморозить", "приостановить", "сорвать", "срыв", "провал", "отказ"], "stalled"),
    **dict.fromkeys(["отменить", "отмена", "аннулировать"], "cancelled"),
    **dict.fromkeys(["строиться", "возводиться"], "under-construction"),
    **dict.fromkeys(["функционировать", "эксплуатироваться", "запустить", "открыться"], "operational"),
    **dict.fromkeys(["геологоразведка", "геологоразведочный", "разведка", "бурить", "разведать"], "exploration"),
    **dict.fromkeys(["подписать", "договориться", "согласиться", "заключить", "согласовать"], "agreed"),
    **dict.fromkeys(["строительство", "планировать", "намереваться", "намерить", "предстоять", "поиск",
                     "проектировать", "планироваться"], "planned"),
    **dict.fromkeys(["объявить", "анонсировать"], "announced"),
}
# A negated building verb ("не будут построены") claims the project is stalled.
BUILD_VERBS = {"построить", "строить", "реализовать", "возвести", "завершить"}
# Which claim shows when one article makes several: the most consequential first.
STATUS_PRIORITY = ["cancelled", "blocked", "stalled", "disrupted", "under-construction", "operational",
                   "agreed", "exploration", "planned", "announced"]

# Facilities: a lemma sequence → (sector, subsector, English label)
FACILITIES: dict[tuple[str, ...], tuple[str, str | None, str]] = {
    ("аэс",): ("energy", "nuclear", "nuclear power plant"),
    ("атомный", "электростанция"): ("energy", "nuclear", "nuclear power plant"),
    ("тэц",): ("energy", "coal-power", "combined heat and power plant"),
    ("теплоэлектроцентраль",): ("energy", "coal-power", "combined heat and power plant"),
    ("гэс",): ("energy", "hydro", "hydro power plant"),
    ("гидроэлектростанция",): ("energy", "hydro", "hydro power plant"),
    ("грэс",): ("energy", "coal-power", "thermal power plant"),
    ("солнечный", "электростанция"): ("energy", "renewables", "solar power plant"),
    ("ветровой", "электростанция"): ("energy", "renewables", "wind farm"),
    ("вэс",): ("energy", "renewables", "wind farm"),
    ("сэс",): ("energy", "renewables", "solar power plant"),
    ("месторождение",): ("mining", None, "deposit"),
    ("рудник",): ("mining", None, "mine"),
    ("шахта",): ("mining", None, "mine"),
    ("нпз",): ("energy", "oil", "oil refinery"),
    ("нефтеперерабатывающий", "завод"): ("energy", "oil", "oil refinery"),
    ("завод",): ("other", None, "plant"),
    ("комбинат",): ("other", None, "industrial complex"),
    ("космодром",): ("space", None, "spaceport"),
    ("порт",): ("transport", "sea", "port"),
    ("сухой", "порт"): ("transport", "logistics", "dry port"),
}
# Words in the window that pin a subsector down (the fuel of a plant, the mineral of a deposit).
SUBSECTOR_CUES: dict[str, tuple[str, str]] = {
    "медь": ("mining", "copper"), "медный": ("mining", "copper"),
    "литий": ("mining", "lithium"), "литиевый": ("mining", "lithium"),
    "титан": ("mining", "titanium"), "титановый": ("mining", "titanium"),
    "уран": ("mining", "uranium"), "урановый": ("mining", "uranium"),
    "редкоземельный": ("mining", "rare-earths"),
    "уголь": ("mining", "coal"), "угольный": ("mining", "coal"),
    "газовый": ("energy", "gas"), "газ": ("energy", "gas"),
    "нефть": ("energy", "oil"), "нефтяной": ("energy", "oil"),
    "ядерный": ("energy", "nuclear"), "атомный": ("energy", "nuclear"),
}
MINING_ONLY_CUES = {"медь", "медный", "литий", "литиевый", "титан", "титановый", "уран", "урановый",
                    "редкоземельный", "уголь", "угольный", "нефть", "нефтяной", "газ", "газовый"}

CAPACITY_CUES = {"мощность", "выработка", "производительность", "энергоблок", "блок"}
COST_CUES = {"стоимость", "стоить", "обойтись", "оцениваться", "бюджет", "смета"}
GROUP_CUES = {"общий", "суммарный", "совокупный", "всего"}
EACH_CUES = {"по", "каждый"}
TARGET_CUES = {"ввести", "введение", "ввод", "запуск", "запустить", "завершить", "завершение",
               "эксплуатация", "построить", "достроить", "начать"}

# Deals: a lemma in the sentence → the kind of transaction it claims
DEAL_CUES: dict[str, str] = {
    "инвестировать": "investment", "вложить": "investment", "инвестиция": "investment",
    "профинансировать": "investment",
    "сделка": "supply-contract", "контракт": "supply-contract", "поставка": "supply-contract",
    "соглашение": "agreement", "договор": "agreement", "меморандум": "agreement", "план": "agreement",
    "документ": "agreement",
    "декларация": "declaration",
    "договориться": "agreement",
    "санкция": "sanctions",
    "запрет": "ban", "запретить": "ban",
    "товарооборот": "trade-target",
}
# Deal nouns that are plural by nature; any other deal noun in the plural is talk about deals in general.
PLURAL_DEAL_NOUNS = {"санкция"}
# The act itself: without one of these, a deal word is only talk about deals.
DEAL_ACTS = {
    "подписать", "подписывать", "заключить", "заключение", "договориться", "согласиться", "инвестировать",
    "вложить", "профинансировать", "ввести", "объявить", "запретить", "увеличить", "подписание",
    "утвердить", "одобрить", "планировать", "принять",
}
MILITARY_CUES = {"военный", "оборона", "оборонный", "армия", "миротворческий", "вооружение", "учение"}

# Transport: a sentence about moving goods or gas (for routes stated as "из X через Y в Z")
TRANSPORT_CUES = {
    "груз", "фура", "грузовик", "большегруз", "товар", "транзит", "поставка", "маршрут", "логистика",
    "перевозка", "экспорт", "реэкспорт", "коридор", "трасса", "газопровод", "трубопровод", "нефтепровод",
    "ввоз", "вывоз", "грузоперевозка", "магистраль", "путь", "идти", "поезд", "контейнер", "контейнерный",
    "состав", "рейс", "паром", "проследовать", "доставить", "доставка",
}
# Said of a corridor, these claim it is running ("Транскаспийский маршрут работает стабильно").
ROUTE_STATUS_CUES = {"работать": "operational", "курсировать": "operational", "прибыть": "operational",
                     "функционировать": "operational"}
ROUTE_MODE_CUES = {
    "фура": "road", "грузовик": "road", "большегруз": "road", "трасса": "road", "автомобильный": "road",
    "железный": "rail", "железнодорожный": "rail", "поезд": "rail", "вагон": "rail",
    "газопровод": "pipeline", "нефтепровод": "pipeline", "трубопровод": "pipeline", "газотранспортный": "pipeline",
    "паром": "sea", "морской": "sea", "порт": "sea",
}
