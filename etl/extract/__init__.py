"""Per-article extraction: a pure function of one article and the shared resources.

`extract_article(article, ctx)` reads the article row (`article_id`, `text`, `published`) and
returns this article's rows for the `mentions` table and its claims (`routes`, `projects`,
`deals`, with `evidence`). Whole-corpus tables (countries, candidates, merged records) are
made from these in `etl.tabulate`.
"""

from __future__ import annotations

from functools import lru_cache

from etl.extract.mentions import Context, extract_mentions
from etl.extract.records import extract_records
from etl.schema import MENTION_KINDS


@lru_cache(maxsize=1)
def load_context() -> Context:
    from etl.gazetteer import load_gazetteer, load_geonames
    from etl.nlp import load_nlp

    return Context(load_nlp(), load_gazetteer(), load_geonames())


def extract_article(article: dict, ctx: Context) -> dict[str, list[dict]]:
    found = extract_mentions(article["text"], article.get("published"), ctx)
    for row in found:
        row["article_id"] = article["article_id"]
    claims = extract_records(article, found, ctx)
    # Corridor names serve the route extractor; the mentions table keeps its fixed kinds.
    mentions = [row for row in found if row["kind"] in MENTION_KINDS]
    return {"mentions": mentions, "claims": claims}
