"""What the page does in the browser beyond Streamlit's own layout: narrow screens and the Russian date inputs.

- On a screen up to 640 px wide, tables become cards (`app_pages/records.py` puts each table in a
  `ca_wide_*` container and its cards in a `ca_narrow_*` one; the CSS here shows one of the two).
- On a screen up to 768 px wide, Streamlit's sidebar covers the page when open: after a page is
  chosen in it, the script here closes it.
- In Russian, the date inputs' placeholder and their calendar speak Russian (Streamlit's date picker
  has no locale setting): the script rewrites the placeholder and the calendar's month and weekday
  names as they appear.

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

CSS = f"""<style>
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
  var page = %(page)s, lang = %(lang)s, months = %(months)s, days = %(days)s;
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
  var english = ["January","February","March","April","May","June","July","August","September","October",
                 "November","December"];
  var weekdays = {"Su": days[6], "Mo": days[0], "Tu": days[1], "We": days[2], "Th": days[3], "Fr": days[4], "Sa": days[5]};
  var translate = function () {
    doc.querySelectorAll('[data-testid="stDateInput"] input').forEach(function (input) {
      if (input.placeholder !== "ДД.ММ.ГГГГ") input.placeholder = "ДД.ММ.ГГГГ";
    });
    doc.querySelectorAll('[data-baseweb="calendar"] *').forEach(function (node) {
      if (node.children.length) return;
      var text = node.textContent, changed = text;
      english.forEach(function (name, i) { changed = changed.replace(name, months[i]); });
      if (weekdays[changed]) changed = weekdays[changed];
      if (changed !== text) node.textContent = changed;
      var label = node.getAttribute && node.getAttribute("aria-label");
      if (label) {
        var relabelled = label;
        english.forEach(function (name, i) { relabelled = relabelled.replace(name, months[i]); });
        if (relabelled !== label) node.setAttribute("aria-label", relabelled);
      }
    });
  };
  translate();
  w.__caDateObserver = new MutationObserver(function () { translate(); });
  w.__caDateObserver.observe(doc.body, {childList: true, subtree: true});
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
    st.html(CSS)
    st.html(chrome_script(page, lang), unsafe_allow_javascript=True)
