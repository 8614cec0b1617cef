"""A synthetic corpus for load tests: N articles recombined from seed paragraphs.

Clearly marked synthetic (file names, a first line, a README in the folder) and written only where
asked, never into the default warehouse. Dates are spread over two years (2024–2025).

    python benchmarks/make_corpus.py --n 1000 --out /tmp/corpus-1k
"""

from __future__ import annotations

import argparse
import datetime as dt
import random
from pathlib import Path

from etl.read import iter_input_files, read_path

ROOT = Path(__file__).resolve().parents[1]
START, DAYS = dt.date(2024, 1, 1), 731


def seed_paragraphs(seeds: Path = ROOT / "seeds") -> list[str]:
    paragraphs: list[str] = []
    for path in iter_input_files([seeds]):
        drafts, _ = read_path(path)
        for draft in drafts:
            if not draft.is_stub:
                paragraphs += [p for p in draft.text.split("\n") if len(p) > 80]
    return sorted(set(paragraphs))


def make_corpus(n: int, out: Path, seed: int = 7) -> list[Path]:
    rng = random.Random(seed)
    pool = seed_paragraphs()
    out.mkdir(parents=True, exist_ok=True)
    (out / "README.md").write_text(
        "# SYNTHETIC load-test corpus\n\nArticles recombined at random from the seed paragraphs by "
        "benchmarks/make_corpus.py, for benchmarks only. Not real articles: never build the default "
        "warehouse from this folder.\n", encoding="utf-8")
    paths = []
    for i in range(1, n + 1):
        day = START + dt.timedelta(days=rng.randrange(DAYS))
        body = rng.sample(pool, k=rng.randint(4, 9))
        text = f" date {day.isoformat()} SYNTHETIC load-test article {i} (recombined seed paragraphs)\n" + "\n".join(body)
        path = out / f"synthetic_{i:06d}.txt"
        path.write_text(text + "\n", encoding="utf-8")
        paths.append(path)
    return paths


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--n", type=int, default=1000)
    parser.add_argument("--out", type=Path, required=True)
    parser.add_argument("--seed", type=int, default=7)
    args = parser.parse_args()
    paths = make_corpus(args.n, args.out, args.seed)
    print(f"{len(paths)} synthetic articles in {args.out}")


if __name__ == "__main__":
    main()
