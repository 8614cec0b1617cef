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
from etl.nlp import windows
from etl.schema import MENTION_KINDS


@lru_cache(maxsize=1)
def load_context() -> Context:
    from etl.gazetteer import load_gazetteer, load_geonames
    from etl.nlp import load_nlp

    return Context(load_nlp(), load_gazetteer(), load_geonames())


# A text longer than this is read part by part (cut at line breaks, else sentence ends), so that
# memory stays bounded however long the text; offsets are shifted back to the whole text's.
PART_CHARS = 200_000


def extract_article(article: dict, ctx: Context) -> dict[str, list[dict]]:
    text = article["text"]
    mentions: list[dict] = []
    claims = []
    for start, end in windows(text, PART_CHARS):
        part = article if (start, end) == (0, len(text)) else {**article, "text": text[start:end]}
        found = extract_mentions(part["text"], article.get("published"), ctx)
        part_claims = extract_records(part, found, ctx)
        for row in found:
            row["article_id"] = article["article_id"]
            row["start"] += start
            row["end"] += start
        for claim in part_claims:
            for evidence in claim.evidence:
                evidence.start += start
                evidence.end += start
        # Corridor names serve the route extractor; the mentions table keeps its fixed kinds.
        mentions += [row for row in found if row["kind"] in MENTION_KINDS]
        claims += part_claims
    return {"mentions": mentions, "claims": claims}
