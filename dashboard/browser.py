"""What the page does in the browser beyond Streamlit's own layout: narrow screens and the Russian date inputs.

- In-app links wrap their titles rather than cut them at the column's edge.
- On a screen up to 640 px wide, tables become cards (`app_pages/records.py` puts each table in a
  `ca_wide_*` container and its cards in a `ca_narrow_*` one; the CSS here shows one of the two).
- On a screen up to 768 px wide, Streamlit's sidebar covers the page when open: after a page is
  chosen in it, the script here closes it.
- In Russian, the date inputs speak Russian (Streamlit's date picker follows the browser's locale and
  has no setting): the CSS draws the empty fields' «дд.мм.гггг», and the script rewrites the calendar's
  month and weekday names in place as they appear.

The script is static text (the page key and the language come from whitelists), never built from
article data.
"""

from __future__ import annotations

import json

import streamlit as st

from dashboard.state import LANGUAGES, PAGES
from dashboard.units import MONTHS

NARROW_PX = 640
SIDEBAR_OVERLAY_PX = 768

# The date inputs' empty segments (react-aria's "dd", "mm", "yyyy", drawn in the browser's locale) in Russian:
# the segment's own text is hidden and the Russian drawn in its place while it is a placeholder.
CSS_RU = """<style>
[data-testid="stDateInputField"] [data-placeholder="true"] { font-size: 0 !important; }
[data-testid="stDateInputField"] [data-placeholder="true"]::before { font-size: 14px; }
[data-testid="stDateInputField"] [data-placeholder="true"][data-type="day"]::before { content: "дд"; }
[data-testid="stDateInputField"] [data-placeholder="true"][data-type="month"]::before { content: "мм"; }
[data-testid="stDateInputField"] [data-placeholder="true"][data-type="year"]::before { content: "гггг"; }
</style>"""

CSS = f"""<style>
/* In-app links (latest records, the article list, related records) carry whole titles: they wrap instead of
   being cut at the column's edge, which on a phone hid most of each title. */
[data-testid="stMain"] [data-testid="stPageLink-NavLink"] > span:last-child,
[data-testid="stMain"] [data-testid="stPageLink-NavLink"] > span:last-child p {{
  white-space: normal !important; overflow: visible !important; overflow-wrap: anywhere; }}
@media (max-width: {NARROW_PX}px) {{
  [class*="st-key-ca_wide_"] {{ display: none !important; }}
  .block-container, [data-testid="stMainBlockContainer"] {{ padding-left: .8rem !important; padding-right: .8rem !important; }}
  h1 {{ font-size: 1.6rem !important; }}
  h2 {{ font-size: 1.35rem !important; }}
  [data-testid="stMetricValue"] {{ font-size: 1.3rem !important; }}
}}
@media (min-width: {NARROW_PX + 1}px) {{
  [class*="st-key-ca_narrow_"] {{ display: none !important; }}
}}
</style>"""

SCRIPT = """<script>
(function () {
  var page = %(page)s, lang = %(lang)s, months_ = %(months)s, days = %(days)s;
  var w = window, doc = document;
  try {
    var last = w.sessionStorage.getItem("ca-page");
    w.sessionStorage.setItem("ca-page", page);
    if (last && last !== page && w.matchMedia("(max-width: %(overlay)spx)").matches) {
      var close = function (tries) {
        var sidebar = doc.querySelector('[data-testid="stSidebar"]');
        var open = sidebar && sidebar.getAttribute("aria-expanded") !== "false" && sidebar.getBoundingClientRect().width > 50;
        var button = doc.querySelector('[data-testid="stSidebarCollapseButton"] button') ||
                     doc.querySelector('[data-testid="stSidebarCollapseButton"]');
        if (open && button) { button.click(); }
        else if (open && tries > 0) { setTimeout(function () { close(tries - 1); }, 150); }
      };
      close(10);
    }
  } catch (e) {}
  if (w.__caDateObserver) { w.__caDateObserver.disconnect(); w.__caDateObserver = null; }
  if (lang !== "ru") return;
  // React owns these text nodes: each is rewritten in place (never replaced), so a later update by React
  // lands on the same node and the observer translates it again.
  var english = ["January","February","March","April","May","June","July","August","September","October",
                 "November","December"];
  var sundayFirst = [days[6], days[0], days[1], days[2], days[3], days[4], days[5]];
  var texts = function (root) {
    var walker = doc.createTreeWalker(root, NodeFilter.SHOW_TEXT), found = [], node;
    while ((node = walker.nextNode())) found.push(node);
    return found;
  };
  var months = function (node) {
    var text = node.nodeValue, changed = text;
    english.forEach(function (name, i) { changed = changed.replace(name, monthsRu[i]); });
    if (changed !== text) node.nodeValue = changed;
  };
  var translate = function () {
    doc.querySelectorAll('[data-testid="stDateInputCalendar"], [role="listbox"]').forEach(function (root) {
      texts(root).forEach(months);
    });
    doc.querySelectorAll('[data-testid="stDateInputCalendar"] thead th').forEach(function (th, i) {
      var node = texts(th)[0];
      if (node && node.nodeValue.length <= 2 && sundayFirst[i] && node.nodeValue !== sundayFirst[i]) node.nodeValue = sundayFirst[i];
    });
  };
  var monthsRu = months_;
  translate();
  w.__caDateObserver = new MutationObserver(function () { translate(); });
  w.__caDateObserver.observe(doc.body, {childList: true, subtree: true, characterData: true});
})();
</script>"""

DAYS_RU = ("Пн", "Вт", "Ср", "Чт", "Пт", "Сб", "Вс")


def chrome_script(page: str, lang: str) -> str:
    """The script above for a page and language (both from whitelists)."""
    page = page if page in PAGES else "map"
    lang = lang if lang in LANGUAGES else "en"
    months = [m.capitalize() for m in MONTHS["ru"]]
    return SCRIPT % {"page": json.dumps(page), "lang": json.dumps(lang), "months": json.dumps(months, ensure_ascii=False),
                     "days": json.dumps(DAYS_RU, ensure_ascii=False), "overlay": SIDEBAR_OVERLAY_PX}


def page_chrome(page: str, lang: str) -> None:
    """The CSS and the script above, for this run's page and language."""
    st.html(CSS + (CSS_RU if lang == "ru" else ""))
    st.html(chrome_script(page, lang), unsafe_allow_javascript=True)
