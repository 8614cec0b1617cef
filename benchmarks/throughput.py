"""Extraction throughput on real articles, beside the bare natasha passes it uses, in the same run.

    .venv/bin/python benchmarks/throughput.py [--corpus PATH] [--repeat N]

Reads the `.txt` articles of a folder (default: the development corpus `../devcorpus/articles`,
kept outside the repository; or `--corpus PATH`, or the seeds) and times, serially in one process
with the models loaded once:
- natasha alone: segmentation and NER of each article (the passes the extractor runs);
- the extractor: `etl.extract.extract_article` (mentions, gazetteer, amounts, dates, records);
and prints characters per second for both, their ratio, and the share of the extractor's time
spent outside natasha (gazetteer, grammars, records). Each is the best of `--repeat` runs.
"""

from __future__ import annotations

import argparse
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
if __name__ == "__main__":
    sys.path[:] = [p for p in sys.path if Path(p or ".").resolve() != Path(__file__).resolve().parent]
if str(ROOT) not in sys.path:
    sys.path.insert(0, str(ROOT))

DEFAULT = ROOT.parent / "devcorpus" / "articles"


def _texts(folder: Path) -> list[str]:
    texts = []
    for path in sorted(folder.glob("*.txt")):
        text = path.read_text(encoding="utf-8", errors="replace")
        if text.startswith(" date "):
            text = text.split("\n", 1)[1] if "\n" in text else ""
        if text.strip():
            texts.append(text)
    return texts


def _best(fn, repeat: int) -> float:
    best = float("inf")
    for _ in range(repeat):
        start = time.perf_counter()
        fn()
        best = min(best, time.perf_counter() - start)
    return best


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--corpus", type=Path, default=None, help="folder of .txt articles (default: %(default)s)")
    parser.add_argument("--repeat", type=int, default=2)
    args = parser.parse_args()
    folder = args.corpus or (DEFAULT if DEFAULT.is_dir() else ROOT / "seeds")
    if not folder.is_dir():
        print(f"no folder of articles at {folder}: nothing to measure")
        return 0
    texts = _texts(folder)
    if not texts:
        print(f"no .txt articles in {folder}")
        return 0
    from natasha import Doc

    from etl.extract import extract_article, load_context

    started = time.perf_counter()
    ctx = load_context()
    loaded = time.perf_counter() - started
    nlp = ctx.nlp

    def natasha_only() -> None:
        for text in texts:
            doc = Doc(text)
            doc.segment(nlp.segmenter)
            doc.tag_ner(nlp.ner_tagger)

    def extractor() -> None:
        for i, text in enumerate(texts):
            extract_article({"article_id": str(i), "text": text, "published": None}, ctx)

    extractor()  # warm the per-word caches once, as a long build does
    chars = sum(len(t) for t in texts)
    bare = _best(natasha_only, args.repeat)
    full = _best(extractor, args.repeat)
    print(f"Articles: {len(texts)} from {folder} ({chars:,} characters); models and gazetteer loaded in {loaded:.1f} s")
    print(f"{'pass':<34}{'seconds':>10}{'chars/s':>12}")
    print(f"{'natasha segmentation + NER':<34}{bare:>10.2f}{chars / bare:>12,.0f}")
    print(f"{'extractor (mentions + records)':<34}{full:>10.2f}{chars / full:>12,.0f}")
    print(f"extractor / natasha throughput: {bare / full:.2f}x; outside natasha: {max(0.0, full - bare) / full:.0%} of the"
          " extractor's time")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
