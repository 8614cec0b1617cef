"""The words that carry a claim, as lemmas: facilities, statuses, transactions, transport.

These are the language of the claims, not the claims: which project is shelved, what was signed
and for how much always comes from the article's own sentence. Statuses follow the vocabularies of
`etl.schema` (Global Energy Monitor's project statuses; route statuses as news tells them).
"""

from __future__ import annotations

# --- Facilities --------------------------------------------------------------------------------
# A lemma sequence naming a kind of facility → (sector, subsector or None, English label).
# Subsectors left open (None) are pinned down by the words around the facility (SUBSECTOR_CUES).
FACILITIES: dict[tuple[str, ...], tuple[str, str | None, str]] = {
    # energy
    ("аэс",): ("energy", "nuclear", "nuclear power plant"),
    ("атомный", "электростанция"): ("energy", "nuclear", "nuclear power plant"),
    ("атомный", "станция"): ("energy", "nuclear", "nuclear power plant"),
    ("тэц",): ("energy", None, "combined heat and power plant"),
    ("теплоэлектроцентраль",): ("energy", None, "combined heat and power plant"),
    ("тэс",): ("energy", None, "thermal power plant"),
    ("тепловой", "электростанция"): ("energy", None, "thermal power plant"),
    ("грэс",): ("energy", None, "thermal power plant"),
    ("пгу",): ("energy", "gas-power", "combined-cycle power plant"),
    ("парогазовый", "установка"): ("energy", "gas-power", "combined-cycle power plant"),
    ("газотурбинный", "электростанция"): ("energy", "gas-power", "gas turbine power plant"),
    ("гэс",): ("energy", "hydro", "hydro power plant"),
    ("мгэс",): ("energy", "hydro", "small hydro power plant"),
    ("гидроэлектростанция",): ("energy", "hydro", "hydro power plant"),
    ("гидроузел",): ("energy", "hydro", "hydro power scheme"),
    ("каскад", "гэс"): ("energy", "hydro", "hydro power cascade"),
    ("вэс",): ("energy", "wind", "wind farm"),
    ("ветровой", "электростанция"): ("energy", "wind", "wind farm"),
    ("ветряный", "электростанция"): ("energy", "wind", "wind farm"),
    ("ветряной", "электростанция"): ("energy", "wind", "wind farm"),
    ("ветроэлектростанция",): ("energy", "wind", "wind farm"),
    ("ветростанция",): ("energy", "wind", "wind farm"),
    ("ветропарк",): ("energy", "wind", "wind farm"),
    ("ветровой", "парк"): ("energy", "wind", "wind farm"),
    ("ветровой", "станция"): ("energy", "wind", "wind farm"),
    ("сэс",): ("energy", "solar", "solar power plant"),
    ("фэс",): ("energy", "solar", "solar power plant"),
    ("солнечный", "электростанция"): ("energy", "solar", "solar power plant"),
    ("солнечный", "станция"): ("energy", "solar", "solar power plant"),
    ("солнечный", "парк"): ("energy", "solar", "solar power plant"),
    ("фотоэлектрический", "станция"): ("energy", "solar", "solar power plant"),
    ("гибридный", "электростанция"): ("energy", None, "hybrid power plant"),
    ("электростанция",): ("energy", None, "power plant"),
    ("нпз",): ("energy", "oil-refining", "oil refinery"),
    ("нефтеперерабатывающий", "завод"): ("energy", "oil-refining", "oil refinery"),
    ("нефтеперерабатывающий", "комплекс"): ("energy", "oil-refining", "oil refinery"),
    ("нефтехимический", "завод"): ("energy", "oil-refining", "petrochemical plant"),
    ("нефтехимический", "комплекс"): ("industry", "chemicals", "petrochemical complex"),
    ("гпз",): ("energy", "gas-processing", "gas processing plant"),
    ("газоперерабатывающий", "завод"): ("energy", "gas-processing", "gas processing plant"),
    ("газохимический", "комплекс"): ("energy", "gas-processing", "gas chemical complex"),
    ("газохимический", "завод"): ("energy", "gas-processing", "gas chemical plant"),
    ("лэп",): ("energy", "grid", "power line"),
    ("линия", "электропередача"): ("energy", "grid", "power line"),
    ("подстанция",): ("energy", "grid", "substation"),
    ("месторождение",): ("mining", None, "deposit"),
    # mining
    ("рудник",): ("mining", None, "mine"),
    ("шахта",): ("mining", None, "mine"),
    ("разрез",): ("mining", "coal", "open-pit coal mine"),
    ("карьер",): ("mining", None, "open-pit mine"),
    ("гок",): ("mining", None, "mining and processing plant"),
    ("горно-обогатительный", "комбинат"): ("mining", None, "mining and processing plant"),
    ("обогатительный", "фабрика"): ("mining", None, "processing plant"),
    ("медно-обогатительный", "фабрика"): ("mining", "copper", "copper processing plant"),
    ("горно-металлургический", "комбинат"): ("mining", None, "mining and metallurgical complex"),
    ("горно-перерабатывающий", "комплекс"): ("mining", None, "ore processing complex"),
    # industry
    ("металлургический", "завод"): ("industry", "metallurgy", "metallurgical plant"),
    ("металлургический", "комбинат"): ("industry", "metallurgy", "metallurgical plant"),
    ("медеплавильный", "завод"): ("industry", "metallurgy", "copper smelter"),
    ("плавильный", "завод"): ("industry", "metallurgy", "smelter"),
    ("электролизный", "завод"): ("industry", "metallurgy", "electrolysis plant"),
    ("ферросплавный", "завод"): ("industry", "metallurgy", "ferroalloy plant"),
    ("химический", "завод"): ("industry", "chemicals", "chemical plant"),
    ("химический", "комплекс"): ("industry", "chemicals", "chemical complex"),
    ("завод",): ("industry", None, "plant"),
    ("цех",): ("industry", None, "workshop"),
    ("комбинат",): ("industry", None, "industrial complex"),
    ("индустриальный", "парк"): ("industry", "industrial-park", "industrial park"),
    ("индустриальный", "зона"): ("industry", "industrial-park", "industrial zone"),
    ("промышленный", "парк"): ("industry", "industrial-park", "industrial park"),
    ("промышленный", "зона"): ("industry", "industrial-park", "industrial zone"),
    ("промзона",): ("industry", "industrial-park", "industrial zone"),
    ("технопарк",): ("industry", "industrial-park", "technology park"),
    ("технологический", "парк"): ("industry", "industrial-park", "technology park"),
    ("индустриальный", "площадка"): ("industry", "industrial-park", "industrial site"),
    ("сэз",): ("industry", "industrial-park", "special economic zone"),
    ("свободный", "экономический", "зона"): ("industry", "industrial-park", "special economic zone"),
    ("специальный", "экономический", "зона"): ("industry", "industrial-park", "special economic zone"),
    ("космодром",): ("space", None, "spaceport"),
    # transport
    ("железный", "дорога"): ("transport", "rail", "railway"),
    ("железнодорожный", "линия"): ("transport", "rail", "railway line"),
    ("железнодорожный", "участок"): ("transport", "rail", "railway section"),
    ("железнодорожный", "магистраль"): ("transport", "rail", "railway"),
    ("второй", "путь"): ("transport", "rail", "second track"),
    ("обходной", "линия"): ("transport", "rail", "bypass line"),
    ("обводной", "линия"): ("transport", "rail", "bypass line"),
    ("автодорога",): ("transport", "road", "road"),
    ("автомобильный", "дорога"): ("transport", "road", "road"),
    ("автомагистраль",): ("transport", "road", "motorway"),
    ("морской", "порт"): ("transport", "port", "sea port"),
    ("порт",): ("transport", "port", "port"),
    ("сухой", "порт"): ("transport", "dry-port", "dry port"),
    ("контейнерный", "терминал"): ("transport", "terminal", "container terminal"),
    ("терминал",): ("transport", "terminal", "terminal"),
    ("контейнерный", "хаб"): ("transport", "logistics-hub", "container hub"),
    ("логистический", "хаб"): ("transport", "logistics-hub", "logistics hub"),
    ("логистический", "центр"): ("transport", "logistics-hub", "logistics centre"),
    ("транспортно-логистический", "центр"): ("transport", "logistics-hub", "logistics centre"),
    ("транспортно-логистический", "комплекс"): ("transport", "logistics-hub", "logistics complex"),
    ("логистический", "комплекс"): ("transport", "logistics-hub", "logistics complex"),
    ("тлк",): ("transport", "logistics-hub", "logistics complex"),
    ("тлц",): ("transport", "logistics-hub", "logistics centre"),
    ("пункт", "пропуск"): ("transport", "border-crossing", "border crossing"),
    ("контрольно-пропускной", "пункт"): ("transport", "border-crossing", "border checkpoint"),
    ("кпп",): ("transport", "border-crossing", "border checkpoint"),
    ("аэропорт",): ("transport", "terminal", "airport"),
    ("морской", "терминал"): ("transport", "terminal", "sea terminal"),
    ("причал",): ("transport", "terminal", "berth"),
    ("впу",): ("transport", "terminal", "single point mooring"),
    ("обводной", "дорога"): ("transport", "rail", "bypass line"),
    ("обходной", "дорога"): ("transport", "road", "bypass road"),
    ("объездной", "дорога"): ("transport", "road", "bypass road"),
    ("кольцевой", "автомобильный", "дорога"): ("transport", "road", "ring road"),
    ("компрессорный", "станция"): ("transport", "pipeline", "compressor station"),
    ("нитка", "газопровод"): ("transport", "pipeline", "gas pipeline string"),
    ("ветка", "газопровод"): ("transport", "pipeline", "gas pipeline string"),
    ("погранпереход",): ("transport", "border-crossing", "border crossing"),
    ("стыковой", "пункт"): ("transport", "border-crossing", "rail border crossing"),
    ("стыковочный", "пункт"): ("transport", "border-crossing", "rail border crossing"),
    ("мгсп",): ("transport", "border-crossing", "rail border crossing"),
    ("пограничный", "станция"): ("transport", "border-crossing", "border station"),
    ("погранстанция",): ("transport", "border-crossing", "border station"),
    ("пограничный", "переход"): ("transport", "border-crossing", "border crossing"),
    ("газопровод",): ("transport", "pipeline", "gas pipeline"),
    ("нефтепровод",): ("transport", "pipeline", "oil pipeline"),
    ("трубопровод",): ("transport", "pipeline", "pipeline"),
}
# Nouns that are a plant only with what they make after them ("предприятие по переработке облепихи",
# "комплекс по производству полипропилена"); alone they are a company or anything at all.
PURPOSE_HEADS = {("предприятие",): ("industry", None, "plant"), ("комплекс",): ("industry", None, "plant"),
                 ("цех",): ("industry", None, "workshop")}
# Adjectives that stand between a place's adjective and the facility's word ("Актауский
# международный морской порт"): the name runs over them.
NAME_INNER_ADJECTIVES = {"международный", "морской", "торговый", "новый", "речной", "государственный", "крупный",
                         "современный", "специализированный", "центральный", "главный", "промышленный",
                         "индустриальный", "грузовой", "контейнерный", "железнодорожный", "автомобильный",
                         "горно-металлургический", "горно-обогатительный", "металлургический", "химический"}
# Facility nouns that name a kind of line: their name is often their ends ("Бейнеу – Жезказган").
LINE_HEADS = {"дорога", "линия", "участок", "магистраль", "путь", "газопровод", "нефтепровод", "трубопровод",
              "автодорога", "автомагистраль", "трасса", "лэп", "ветка", "нитка",
              "пункт", "мгсп", "кпп", "переход", "погранпереход"}  # a border crossing by its two sides
# A "участок"/"линия"/"ветка" of a railway when ends follow ("участок Алтынколь – Жетыген").
BARE_LINE_HEADS = {("участок",): ("transport", "rail", "railway section"),
                   ("линия",): ("transport", "rail", "railway line"),
                   ("ветка",): ("transport", "rail", "railway branch"),
                   ("трасса",): ("transport", "road", "road"),
                   ("путь",): ("transport", "rail", "railway track")}  # "прокладка путей из Самарканда в Ургут"
# Words that refer back to a facility told before ("проект", "станция", "объект").
ANAPHORS = {"проект", "станция", "объект", "электростанция", "предприятие", "завод", "линия", "дорога",
            "комплекс", "магистраль", "стройка", "месторождение", "порт", "терминал", "газопровод",
            "нефтепровод", "трубопровод", "участок", "рудник", "фабрика", "парк", "хаб", "каскад"}

# A sentence after a facility's names its partners when it gives them a role.
PARTNER_ROLES = {"инвестор", "подрядчик", "генподрядчик", "поставщик", "оператор", "застройщик", "партнёр", "партнер",
                 "владелец", "акционер", "инвестировать", "построить", "строить", "реализовать", "финансировать",
                 "профинансировать", "выступить", "реализовывать", "возводить", "собственник", "концессионер",
                 "проектировщик", "разработчик", "заказчик", "вложить", "кредитор", "финансирование",
                 "партнерство", "партнёрство", "кредит", "грант", "подрядный", "контракт", "генподрядный", "победитель",
                 "консорциум", "совместно", "выделить", "предоставить", "поставить", "поставка"}

# Offices before an organisation's name in the genitive ("председатель Сената", "глава Минэнерго"):
# the organisation is a person's affiliation there, not a party to the project.
TITLE_WORDS = {"председатель", "глава", "министр", "замминистра", "директор", "гендиректор", "президент",
               "депутат", "спикер", "руководитель", "представитель", "сотрудник", "пресс-служба", "советник",
               "вице-президент", "вице-министр", "аким", "хоким", "посол", "член", "зампред", "заместитель",
               "правление", "начальник", "эксперт", "аналитик"}

# Words in the window that pin a subsector down (the fuel of a plant, the mineral of a deposit).
SUBSECTOR_CUES: dict[str, tuple[str, str]] = {
    "медь": ("mining", "copper"), "медный": ("mining", "copper"), "медно-порфировый": ("mining", "copper"),
    "литий": ("mining", "lithium"), "литиевый": ("mining", "lithium"),
    "уран": ("mining", "uranium"), "урановый": ("mining", "uranium"),
    "редкоземельный": ("mining", "rare-earths"), "вольфрам": ("mining", "rare-earths"),
    "вольфрамовый": ("mining", "rare-earths"), "рзм": ("mining", "rare-earths"),
    "золото": ("mining", "gold"), "золоторудный": ("mining", "gold"), "золотой": ("mining", "gold"),
    "железорудный": ("mining", "iron"),
    "полиметаллический": ("mining", "polymetals"), "свинец": ("mining", "polymetals"),
    "цинк": ("mining", "polymetals"), "свинцово-цинковый": ("mining", "polymetals"),
    "уголь": ("mining", "coal"), "угольный": ("mining", "coal"),
    "газовый": ("energy", "gas-power"), "газ": ("energy", "gas-power"), "газотурбинный": ("energy", "gas-power"),
    "парогазовый": ("energy", "gas-power"),
    "нефть": ("energy", "oil-gas"), "нефтяной": ("energy", "oil-gas"), "нефтегазовый": ("energy", "oil-gas"),
    "газоконденсатный": ("energy", "oil-gas"), "нефтегазоконденсатный": ("energy", "oil-gas"),
    "углеводородный": ("energy", "oil-gas"), "углеводород": ("energy", "oil-gas"), "нефтедобыча": ("energy", "oil-gas"),
    "ядерный": ("energy", "nuclear"), "атомный": ("energy", "nuclear"),
    "ветровой": ("energy", "wind"), "ветряный": ("energy", "wind"), "ветряной": ("energy", "wind"),
    "солнечный": ("energy", "solar"),
    "водород": ("energy", "hydrogen"), "водородный": ("energy", "hydrogen"),
    "gtl": ("energy", "gas-processing"), "синтетический": ("energy", "gas-processing"),  # gas to liquids
    "газопереработка": ("energy", "gas-processing"), "газоперерабатывающий": ("energy", "gas-processing"),
    "нефтепереработка": ("energy", "oil-refining"), "нефтеперерабатывающий": ("energy", "oil-refining"),
    "бензин": ("energy", "oil-refining"), "дизельный": ("energy", "oil-refining"),
    "удобрение": ("industry", "chemicals"), "аммиак": ("industry", "chemicals"), "карбамид": ("industry", "chemicals"),
    "полипропилен": ("industry", "chemicals"), "полиэтилен": ("industry", "chemicals"),
    "сталь": ("industry", "metallurgy"), "алюминий": ("industry", "metallurgy"), "ферросплав": ("industry", "metallurgy"),
    "кремний": ("industry", "metallurgy"), "металлургический": ("industry", "metallurgy"),
    "автомобиль": ("industry", "manufacturing"), "вагон": ("industry", "manufacturing"),
    "локомотив": ("industry", "manufacturing"), "цемент": ("industry", "manufacturing"),
}

# --- Statuses of projects ------------------------------------------------------------------------
# A lemma that claims a status by itself (whatever its tense, unless negated).
PROJECT_STATUS_WORDS: dict[str, str] = {
    **dict.fromkeys(["строиться", "возводиться", "сооружаться", "достраиваться", "строительно-монтажный",
                     "стройка", "котлован"], "construction"),
    **dict.fromkeys(["эксплуатироваться", "функционировать", "вырабатывать"], "operating"),
    **dict.fromkeys(["тэо", "технико-экономический", "проектно-сметный", "псд", "проектирование", "изыскание",
                     "тендер", "экспертиза", "предпроектный", "предтэо"], "pre-construction"),
    **dict.fromkeys(["геологоразведка", "геологоразведочный", "разведка", "разведочный", "доразведка", "бурение",
                     "бурить", "разведать", "поисковый"], "exploration"),
    **dict.fromkeys(["приостановить", "приостановка", "заморозить", "заморозка", "отложить", "приостановиться",
                     "сорвать", "срыв"], "shelved"),
    **dict.fromkeys(["отменить", "отмена", "аннулировать", "отказаться"], "cancelled"),
    **dict.fromkeys(["законсервировать", "консервация"], "mothballed"),
}
# What a working facility does; suspending one of these is a disruption of its traffic, not a project shelved.
OPERATION_NOUNS = {"прием", "приём", "отгрузка", "перевалка", "движение", "поставка", "экспорт", "импорт", "транзит",
                   "перевозка", "продажа", "погрузка", "выгрузка", "налив", "прокачка", "деятельность"}
# Verbs and nouns of building: with a verb of starting or going on ("строительство началось",
# "ведётся строительство", "приступили к строительству") they claim construction.
BUILD_NOUNS = {"строительство", "возведение", "сооружение", "реконструкция", "модернизация", "прокладка",
               "реализация", "работа"}
BUILD_ONGOING = {"начаться", "начать", "стартовать", "вестись", "вести", "идти", "продолжаться", "продолжить",
                 "приступить", "развернуть", "развернуться", "завершаться", "активный", "ход", "полный", "старт",
                 "начало"}
# The end of building still to come ("планируют завершить к 2029 году", "на достройку ГЭС", "в строй
# вступит"): the works are under way.
COMPLETION_WORDS = {"завершить", "достроить", "достройка", "достраивать", "завершение", "вступить"}
# What a project can be refused without being given up: a partner's part in it, its money.
PARTICIPATION_NOUNS = {"привлечение", "участие", "услуга", "помощь", "партнёр", "партнер", "партнёрство",
                       "партнерство", "кредит", "финансирование", "заём", "заем", "подрядчик", "инвестор"}
BUILD_DONE = {"завершить", "завершиться", "закончить", "закончиться", "окончить", "завершение"}
# Production going on ("занимается добычей", "ведёт переработку", "начали добычу"): operating.
PRODUCTION_NOUNS = {"добыча", "переработка", "выработка", "отгрузка", "выпуск"}
PRODUCTION_ONGOING = {"заниматься", "вести", "вестись", "осуществлять", "осуществляться", "продолжаться",
                      "продолжать", "наладить", "начать", "начаться", "нарастить", "наращивать", "увеличить",
                      "приступить", "начинать"}
# What happens only at a facility already at work: an accident, ore mined there, staff on its
# floor, its owners changing. Said of a facility the article gives no stage, it is operating.
EXISTING_WORDS = {"авария", "аварийный", "пожар", "добываться", "трудиться", "собственность", "энергоблок",
                  "остановиться",
                  # what leaves it now: "транспортировка нефти с месторождений …", "отгрузки с терминала"
                  "добыча", "транспортировка", "отгрузка", "перевалка", "прокачка", "экспорт",
                  # something struck it: "терминал атакован беспилотниками", "повреждение причала"
                  "атаковать", "атака", "повредить", "повреждение", "обстрел", "обстрелять"}
EXISTING_STEMS = ("добыт", "добыва", "добывае")  # "сырьё, добытое на месторождении": its participles
# A deposit found: it is at the stage of exploration.
DISCOVERY_WORDS = {"обнаружить", "найти", "выявить", "открытие", "обнаружение", "находка", "первооткрыватель"}
# Putting into service: past or present claims operating; future, infinitive or plan claims a target.
COMMISSION_VERBS = {"запустить", "ввести", "сдать", "открыть", "заработать", "пустить", "подключить", "открыться",
                    "запуститься"}
COMMISSION_NOUNS = {"запуск", "ввод", "открытие", "пуск", "сдача"}
# A ceremony of launching told in the past: the facility is in service.
CEREMONY_WORDS = {"церемония", "торжество", "торжественный"}
SERVICE_WORDS = {"эксплуатация", "строй", "движение", "работа", "действие"}
# The parts and lengths of works still under way ("построено 30 км пути", "возведено 92 моста").
WORK_PARTS = {"км", "километр", "метр", "мост", "опора", "путепровод", "процент", "%", "часть", "участок", "этап",
              "объект", "дом", "корпус", "цех"}
WORKED_DEPOSITS = {"месторождение", "рудник", "карьер", "залежь", "разрез"}  # what "разрабатывает" mines
OPERATE_VERBS = {"работать", "действовать", "выработать", "вырабатывать", "перевалить", "отгрузить", "добывать",
                 "добываться", "разрабатываться", "перерабатывать", "перерабатываться"}
# A facility that handles traffic ("порт обработал 2 млн тонн грузов", "переход пропускает 20 поездов в
# сутки"): at work, where the traffic is named beside the verb.
HANDLE_VERBS = {"обработать", "обрабатывать", "переваливать", "принять", "принимать", "пропустить", "пропускать",
                "отправить", "отправлять", "отгружать", "прокачать", "прокачивать", "транспортировать",
                "перевезти", "перевозить", "перевалить"}  # "через порты Актау и Курык перевезено 4 млн тонн"
TRAFFIC_NOUNS = {"груз", "контейнер", "тонна", "teu", "поезд", "вагон", "паром", "судно", "нефть", "газ", "фура",
                 "грузовик", "автомобиль", "баррель", "кубометр", "пассажир", "рейс", "состав"}
# The first stone, capsule or foundation laid claims construction.
GROUNDBREAKING = ({"заложить", "закладка", "заложен"}, {"камень", "капсула", "фундамент"})
# Tender, contractor chosen, financing arranged: pre-construction.
PRECONSTRUCTION_PAIRS = [({"выбрать", "определить", "утвердить", "объявить", "провести", "победить"},
                          {"подрядчик", "генподрядчик", "поставщик", "тендер", "конкурс", "аукцион", "проект", "площадка"}),
                         ({"выделить", "отвести"}, {"участок", "земля"})]
# Plans: a project that is only intended.
PLAN_WORDS = {"планировать", "планироваться", "намереваться", "намерить", "намерен", "предполагаться",
              "предполагать", "рассматривать", "планы", "план", "замысел", "появиться", "объявить", "анонсировать",
              "предложить", "собираться", "задумать", "запланировать", "прорабатывать", "обсуждать",
              "инициатива", "намерение", "рассматриваться", "изучать", "предстоять"}
# Building talked over ("обсудили строительство завода"): a plan, where nothing firmer is said.
DISCUSS_WORDS = {"обсудить", "обсуждать", "обсуждение", "обсуждаться", "рассмотреть"}
BUILD_VERBS = {"построить", "строить", "возвести", "возводить", "соорудить", "сооружать", "реализовать", "создать",
               "проложить", "прокладывать", "открыть", "запустить", "ввести", "появиться"}
# An agreement to build signed: agreed.
AGREEMENT_NOUNS = {"соглашение", "меморандум", "контракт", "договор", "протокол", "договорённость", "документ",
                   "договоренность"}
# What an agreement "о финансировании" / "о кредитовании" / "кредитное соглашение" arranges: money.
FINANCING_AGREEMENTS = {"финансирование", "кредитование", "кредит", "заём", "займ", "кредитный", "финансовый",
                        "софинансирование", "грант"}
# Money arranged for a facility ("кредит на строительство", "финансирование проекта", "выделят $277 млн на
# станцию"): pre-construction, unless the sentence says the works are further along.
FINANCING_NOUNS = {"кредит", "заём", "заем", "займ", "финансирование", "софинансирование", "профинансировать",
                   "финансировать", "кредитовать", "кредитование"}
FUNDING_VERBS = {"выделить", "выделять", "предоставить", "предоставлять", "привлечь", "направить"}
PURPOSE_WORDS = {"для", "на", "строительство", "проект", "реализация", "возведение", "сооружение", "создание"}
SIGN_VERBS = {"подписать", "заключить", "подписание", "заключение", "подписываться", "договориться",
              "согласовать", "парафировать", "ратифицировать", "достигнуть", "достичь",
              "скрепить"}  # "скрепили подписями договор"
# Offices named after what they oversee ("вице-президент по строительству"): their words claim no stage.
OFFICE_NOUNS = {"директор", "заместитель", "департамент", "управление", "комитет", "вице-президент", "руководитель",
                "менеджер", "отдел", "дирекция", "начальник", "советник", "вице-министр", "министр", "служба",
                "инспекция", "агентство", "совет", "комиссия", "зампред", "председатель"}
# Which status shows when one sentence claims several: the furthest along first.
PROJECT_PROGRESS = ["cancelled", "retired", "mothballed", "shelved", "operating", "construction", "pre-construction",
                    "agreed", "exploration", "announced"]

# --- Statuses of routes ------------------------------------------------------------------------------
ROUTE_STATUS_WORDS: dict[str, str] = {
    **dict.fromkeys(["заблокировать", "блокировать", "блокада", "блокировка", "перекрыть", "перекрытие",
                     "перекрывать", "закрыть", "закрытие", "остановить", "остановка", "прекратить",
                     "прекращение"], "blocked"),
    **dict.fromkeys(["задерживать", "задержать", "задержка", "парализовать", "паралич", "сбой", "прерваться",
                     "перерезать", "коллапс", "нарушение", "пробка", "очередь", "затор", "простой", "скопление",
                     "скопиться", "простаивать", "нарушить", "собраться", "стоять", "застревать", "застрять"],
                   "disrupted"),  # trucks stuck at a border: a way slowed, not shut
    **dict.fromkeys(["ограничить", "ограничение", "квота", "сократить", "сокращение", "ограничивать", "снизить",
                     "снижение", "досмотр", "ужесточить", "ужесточение", "запретить", "запрет"],
                   "restricted"),  # a ban on some goods narrows a way that stays open to the rest
    **dict.fromkeys(["запустить", "запуск", "открыть", "открытие", "стартовать", "отправиться", "отправить",
                     "пилотный", "тестовый", "открыться", "запуститься"], "launched"),
    **dict.fromkeys(["работать", "курсировать", "функционировать", "прибыть", "проследовать", "перевезти",
                     "доставить", "транспортировать", "перевозить", "пройти", "прокачать", "прокачивать",
                     "транзит", "идти", "возрасти", "вырасти", "увеличиться", "обработать", "экспортировать",
                     "импортировать", "поставлять", "отгружать", "перекачивать", "получать"], "operating"),
    **dict.fromkeys(["планировать", "планироваться", "намереваться", "строительство", "проект", "построить",
                     "предполагаться", "создание", "рассматривать", "альтернативный", "альтернатива",
                     "обходной", "предложить", "намерен"], "planned"),
}
ROUTE_STATUS_PRIORITY = ["blocked", "disrupted", "restricted", "launched", "operating", "planned"]

# --- Transactions ---------------------------------------------------------------------------------------
# A verb that is a transaction by itself → the kind it claims.
DEAL_VERBS: dict[str, str] = {
    **dict.fromkeys(["купить", "приобрести", "выкупить", "скупать", "скупить", "продать", "продавать",
                     "приобретать", "поглотить", "покупать", "перекупить", "прикупить", "докупить"], "acquisition"),
    **dict.fromkeys(["инвестировать", "вложить", "профинансировать", "вкладывать", "инвестироваться", "финансировать",
                     "софинансировать"], "investment"),
    **dict.fromkeys(["кредитовать", "прокредитовать", "одолжить", "одалживать", "заимствовать"], "loan"),
    **dict.fromkeys(["запретить", "запрещать"], "ban"),
    **dict.fromkeys(["расторгнуть", "расторгать"], "contract-termination"),
    **dict.fromkeys(["оштрафовать", "штрафовать"], "other"),
    **dict.fromkeys(["договориться", "условиться"], "agreement"),
}
# A noun that names a transaction; it needs an act (DEAL_ACTS) unless the sentence names parties on
# both sides of it.
DEAL_NOUNS: dict[str, str] = {
    **dict.fromkeys(["покупка", "приобретение", "продажа", "выкуп", "поглощение", "слияние", "отчуждение",
                     "купля-продажа"], "acquisition"),
    **dict.fromkeys(["сп"], "joint-venture"),
    **dict.fromkeys(["кредит", "заём", "заем", "займ", "облигация", "еврооблигация", "кредитование"], "loan"),
    **dict.fromkeys(["инвестиция", "вложение", "капиталовложение", "финансирование", "софинансирование", "грант",
                     "транш"], "investment"),
    **dict.fromkeys(["контракт", "подряд", "поставка", "заказ", "офтейк", "подрядчик", "генподрядчик", "поставщик",
                     "победитель"], "supply-contract"),
    **dict.fromkeys(["соглашение", "договор", "меморандум", "протокол", "договорённость", "договоренность",
                     "сделка", "документ", "план", "программа"], "agreement"),
    **dict.fromkeys(["декларация", "заявление", "коммюнике"], "declaration"),
    **dict.fromkeys(["санкция"], "sanctions"),
    **dict.fromkeys(["запрет", "эмбарго", "мораторий"], "ban"),
    **dict.fromkeys(["расторжение", "отзыв"], "contract-termination"),
    **dict.fromkeys(["штраф"], "other"),
    "товарооборот": "trade-target",
    "торговля": "trade-target",  # "объём взаимной торговли довести до $2 млрд": only with a sum and a target verb
}
# Verbs that are a transaction only with a sum beside them ("выделит $39 млн", "направит 10 млн евро").
MONEY_VERBS: dict[str, str] = {
    # Not "построить"/"реализовать": "построит завод за $600 млн" states the plant's cost, a project's figure.
    **dict.fromkeys(["выделить", "направить", "предоставить", "выделять", "предоставлять", "заплатить", "получить",
                     "привлечь", "потратить", "вложиться", "одобрить"], "investment"),
    **dict.fromkeys(["занять", "задолжать", "выплатить", "погасить", "вернуть"], "loan"),
}
# "ограничения на вывоз/экспорт": a ban, when the restriction is on moving goods.
RESTRICTION_NOUNS = {"ограничение", "квота"}
RESTRICTED_FLOWS = {"вывоз", "ввоз", "экспорт", "импорт", "реэкспорт", "транзит", "поставка", "продажа"}
# Words that make a lender's money a loan ("кредит ЕБРР", "заём АБР"); without them a bank's money is a
# loan only where it goes to a state ("АБР выделит Узбекистану $3 млрд"), else financing, an investment.
LOAN_WORDS = {"кредит", "кредитный", "заём", "заем", "займ", "заимствование", "кредитование", "облигация", "еврооблигация"}
# A bank's money given, not lent.
GRANT_WORDS = {"грант", "безвозмездный", "безвозмездно", "пожертвование", "дар"}
# Institutions that lend and finance: an agreement of theirs is about money, not supplies.
LENDER_WORDS = {"банк", "ебрр", "абр", "абии", "еабр", "еиб", "ефср", "мвф", "эксимбанк", "фонд"}
# Deal nouns that are plural by nature; any other deal noun in the plural is talk about deals in
# general, unless a number or a sum is stated with it ("подписано 40 соглашений на $5 млрд").
# Investment as a measure ("объём инвестиций", "стоимость инвестиций") or a goal ("привлечь инвестиции"):
# a project's total, not a deal.
INVESTMENT_NOUNS = {"инвестиция", "вложение", "капиталовложение"}
INVESTMENT_MEASURES = {"объём", "объем", "сумма", "стоимость", "размер", "привлечь", "привлечение", "привлекать",
                       "приток", "рост"}
PLURAL_DEAL_NOUNS = {"санкция", "инвестиция", "вложение", "капиталовложение", "поставка", "облигация",
                     "еврооблигация", "ограничение"}
# The act itself: without one of these, a deal noun is only talk about deals.
DEAL_ACTS = {
    "подписать", "подписывать", "заключить", "заключение", "договориться", "согласиться", "инвестировать",
    "вложить", "профинансировать", "ввести", "объявить", "запретить", "подписание", "утвердить", "одобрить",
    "принять", "выделить", "предоставить", "получить", "дать", "привлечь", "открыть", "выдать", "направить",
    "создать", "учредить", "создание", "учреждение", "наложить", "включить", "внести", "расширить", "попасть",
    "оказаться", "пополнить", "снять", "отменить", "продлить", "продление", "установить", "достичь", "довести",
    "увеличить", "нарастить", "завершить", "закрыть", "согласовать", "ратифицировать", "парафировать",
    "реализовать", "разместить", "выпустить", "расторгнуть", "прекратить", "отозвать", "аннулировать",
    "выиграть", "победить", "заплатить", "выплатить", "купить", "продать", "приобрести", "обязаться",
    "вводить", "действовать", "распространяться", "санкционный", "выкупить", "поставить", "поставлять",
    "планировать", "намереваться", "подписываться", "заключаться", "стоимость", "сумма", "выбрать", "назначить",
    "достигнуть", "скрепить", "вступить",  # "вступает в силу запрет на ввоз"
    # the imperfective present of official acts: "запрет вводится", "Казахстан продлевает запрет"
    "вводиться", "продлевать", "продлеваться", "запрещать", "запрещаться",
}
# Words that say what a signed agreement is about, to tell its kind.
AGREEMENT_KIND_CUES: dict[str, str] = {
    **dict.fromkeys(["покупка", "приобретение", "продажа", "купля-продажа", "доля", "акция", "пакет", "актив",
                     "выкуп", "отчуждение", "акционер"], "acquisition"),
    **dict.fromkeys(["сп"], "joint-venture"),  # "совместное" alone is as often a statement or a commission
    **dict.fromkeys(["кредит", "кредитный", "заём", "заем", "займ", "облигация"], "loan"),
    **dict.fromkeys(["инвестиционный", "инвестиция", "инвестировать", "вложить", "инвестор", "финансирование",
                     "грант", "профинансировать", "финансировать"], "investment"),
    **dict.fromkeys(["поставка", "поставить", "подряд", "подрядчик", "epc", "epc-контракт", "строительство",
                     "оборудование", "строительно-монтажный", "контракт", "офтейк", "закупка",
                     "энергопокупка", "купля"], "supply-contract"),
}
# "совместное предприятие" is a joint venture; "совместное заявление" a declaration.
JOINT_VENTURE = ("совместный", "предприятие")
# Talk of a deal's risk or threat is not the deal ("риск попасть под вторичные санкции").
DEAL_MODALITY = {"риск", "опасение", "угроза", "избежать", "опасаться", "грозить", "пригрозить", "угрожать",
                 "вероятность", "рисковать", "бояться", "опасность", "возможный", "ожидаться", "предполагаться",
                 "обход", "обходить", "обойти", "слух", "опровергнуть", "опровергать", "готовый", "насколько",
                 "ждать",  # "Кыргызстан ждут санкции": a threat, not a designation
                 # what would be: "если будет получено финансирование"; what ought to be: "необходимо подписать"
                 "если", "необходимо", "нужно", "надо", "следует", "должный",
                 # what is wished or prevented: "не допустим, чтобы запретили"
                 "чтобы",
                 # what may be, is weighed or wanted, or asked: "может выделить", "рассматривает возможность
                 # выдать кредит", "хотят продавать", "Расторгнут ли контракт"
                 "мочь", "возможность", "рассматривать", "хотеть", "ли"}
# What is of interest or intended, not yet done ("заинтересованы в создании СП", "намерен инвестировать"),
# unless it is a target, which is intended by nature ("намерены довести товарооборот до $20 млрд").
INTENT_WORDS = {"заинтересованный", "заинтересовать", "заинтересованность", "намеренный", "намерить", "намереваться"}
# What was meant and is told in the past ("собиралась инвестировать"): an intention that did not happen.
PAST_INTENT = {"собираться", "намереваться", "планироваться", "планировать"}  # "планировалось профинансировать ещё в 1980-х"
# What is bought for the purchase to be an acquisition (a company or a stake, not a batch of goods).
ACQUIRED_THINGS = {"доля", "акция", "пакет", "актив", "компания", "бизнес", "банк", "предприятие", "холдинг",
                   "подразделение", "дочка", "дочерний", "месторождение", "капитал", "процент", "контроль",
                   "контрольный", "блокирующий", "участие", "оператор", "завод", "комбинат", "рудник", "проект"}
TERMINATION_OBJECTS = {"контракт", "лицензия", "договор", "соглашение", "недропользование", "право"}
TERMINATION_VERBS = {"прекратить", "отозвать", "аннулировать", "лишить", "расторгнуть", "прекращение", "отзыв",
                     "аннулирование", "лишение"}
TRADE_TARGET_VERBS = {"довести", "достичь", "достигнуть", "увеличить", "нарастить", "поднять", "цель", "планка",
                      "ориентир", "задача", "доведение", "увеличение", "удвоить", "утроить", "удвоение"}
MILITARY_CUES = {"военный", "оборона", "оборонный", "армия", "миротворческий", "вооружение", "учение",
                 "военно-технический"}
# A person is a party only when fewer than two organisations or states are named beside them.
ORG_NOUNS = {"компания", "холдинг", "банк", "корпорация", "фонд", "концерн", "группа", "инвестор", "оператор",
             "производитель", "фирма", "предприятие", "ассоциация", "консорциум"}

# Amounts
COST_CUES = {"стоимость", "стоить", "обойтись", "оцениваться", "бюджет", "смета", "инвестиция", "вложение",
             "вложить", "инвестировать", "сумма", "капиталовложение", "финансирование", "обошёлся", "составить",
             "проект", "затраты", "стоимостью", "профинансировать", "выделить", "направить", "привлечь"}
GROUP_CUES = {"общий", "суммарный", "совокупный", "всего"}
TARGET_CUES = {"ввести", "введение", "ввод", "запуск", "запустить", "завершить", "завершение", "эксплуатация",
               "построить", "достроить", "начать", "заработать", "срок", "планироваться", "планировать",
               "ожидаться", "завершиться", "запланировать", "окончание", "сдать", "сдача", "выйти", "реализовать"}

# Transport: a sentence about moving goods or gas (for routes stated as "из X через Y в Z")
TRANSPORT_CUES = {
    "груз", "фура", "грузовик", "большегруз", "товар", "транзит", "поставка", "маршрут", "логистика",
    "перевозка", "экспорт", "реэкспорт", "коридор", "трасса", "газопровод", "трубопровод", "нефтепровод",
    "ввоз", "вывоз", "грузоперевозка", "магистраль", "путь", "идти", "поезд", "контейнер", "контейнерный",
    "состав", "рейс", "паром", "проследовать", "доставить", "доставка", "грузопоток", "прокачка", "прокачать",
    "транспортировка", "транспортировать", "перевезти", "отправить", "отправиться", "прибыть", "вагон",
    "контейнерооборот", "грузооборот", "сообщение", "линия", "железнодорожный", "паромный", "судно", "танкер",
}
# Goods, oil or gas moving: what makes a line a route rather than a construction site.
FLOW_CUES = {"груз", "контейнер", "поезд", "перевозка", "перевезти", "транзит", "прокачка", "прокачать",
             "прокачивать", "транспортировка", "транспортировать", "экспорт", "поставка", "тонна", "фура",
             "грузовик", "состав", "рейс", "паром", "грузопоток", "грузооборот", "доставить", "отправить",
             "прибыть", "проследовать", "перевозить", "товар", "нефть", "газ", "импорт", "реэкспорт", "большегруз",
             "курсировать", "вагон", "дфэ", "teu", "пассажир", "сообщение", "поток", "перекачка", "перекачать",
             "перекачивать", "отгрузка", "отгрузить"}
# A corridor spoken of as a subject of its own (its development, a threat to it, a way around): a
# route record even with nothing said of what moves on it.
ROUTE_TOPIC_WORDS = {"развитие", "развивать", "угроза", "обход", "перенаправление", "альтернатива",
                     "диверсификация", "загрузка", "пропускной", "маршрутизация", "перспективный", "направление",
                     "вариант",
                     # what the corridor is made of: "станет частью ТМТМ", "южное ответвление", "в рамках коридора"
                     "часть", "ответвление", "звено", "рамка", "составной", "продолжение"}
ROUTE_MODE_CUES = {
    "фура": "road", "грузовик": "road", "большегруз": "road", "трасса": "road", "автомобильный": "road",
    "автотранспорт": "road", "автодорога": "road", "автомобиль": "road",
    "железный": "rail", "железнодорожный": "rail", "поезд": "rail", "вагон": "rail", "контейнерный поезд": "rail",
    "газопровод": "pipeline", "нефтепровод": "pipeline", "трубопровод": "pipeline", "газотранспортный": "pipeline",
    "прокачка": "pipeline", "прокачать": "pipeline",
    "паром": "sea", "морской": "sea", "порт": "sea", "паромный": "sea", "судно": "sea", "танкер": "sea",
    "мультимодальный": "multimodal", "интермодальный": "multimodal",
    "лэп": "power-line", "электропередача": "power-line", "электроэнергия": "power-line", "электричество": "power-line",
    "энергомост": "power-line",
    "переток": "power-line",
}
