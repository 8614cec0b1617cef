"""Story grouping measured on written pairs: rewrites of one event across outlets vs other events on the subject.

    python benchmarks/stories_eval.py

Reads `benchmarks/story_pairs.py`, extracts the mentions of its articles with the ETL's own extractors,
groups them into stories with `etl.stories`, and prints precision and recall twice: on the written pairs
(one event vs another event on the same subject) and over every pair of articles in the corpus (a story
that joins two topics counts against precision too).
"""

from __future__ import annotations

import itertools
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
if str(ROOT) not in sys.path:
    sys.path.insert(0, str(ROOT))

from benchmarks import story_pairs  # noqa: E402


def grouped(articles: list[dict]) -> tuple[list[dict], dict[str, str]]:
    """The stories of `articles` and each article's story id."""
    from etl.build import extract_all
    from etl.stories import story_table

    extracted = extract_all(articles, engine="serial")
    stories = story_table(articles, extracted["mentions"])
    story_of = {aid: s["story_id"] for s in stories for aid in s["article_ids"]}
    return stories, story_of


def scores(story_of: dict[str, str], articles: list[dict]) -> dict[str, dict[str, float]]:
    def together(a: str, b: str) -> bool:
        return a in story_of and story_of.get(a) == story_of.get(b)

    out = {}
    written = story_pairs.pairs()
    every = [(a["article_id"], b["article_id"],
              a["article_id"].split(":")[0] == b["article_id"].split(":")[0]
              and {a["article_id"][-1], b["article_id"][-1]} == {"a", "b"})
             for a, b in itertools.combinations(articles, 2)]
    for name, pairs in (("written pairs", written), ("all pairs", every)):
        tp = sum(1 for a, b, same in pairs if same and together(a, b))
        fp = sum(1 for a, b, same in pairs if not same and together(a, b))
        fn = sum(1 for a, b, same in pairs if same and not together(a, b))
        precision = tp / (tp + fp) if tp + fp else 1.0
        recall = tp / (tp + fn) if tp + fn else 1.0
        out[name] = {"pairs": len(pairs), "same": sum(1 for *_, s in pairs if s), "tp": tp, "fp": fp, "fn": fn,
                     "precision": precision, "recall": recall}
    out["missed"] = [(a, b) for a, b, same in written if same and not together(a, b)]
    out["wrongly_joined"] = [(a, b) for a, b, same in every if not same and together(a, b)]
    return out


def main() -> int:
    articles = story_pairs.articles()
    stories, story_of = grouped(articles)
    result = scores(story_of, articles)
    print(f"story grouping: {len(story_pairs.TOPICS)} topics, {len(articles)} articles, {len(stories)} stories found")
    for name in ("written pairs", "all pairs"):
        r = result[name]
        print(f"{name:14} {r['pairs']:4} pairs ({r['same']} same story): precision {r['precision']:.2f} "
              f"(tp {r['tp']}, fp {r['fp']}), recall {r['recall']:.2f} (fn {r['fn']})")
    for a, b in result["missed"]:
        print(f"  missed:         {a} ~ {b}")
    for a, b in result["wrongly_joined"]:
        print(f"  wrongly joined: {a} ~ {b}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
