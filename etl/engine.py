"""Where per-article extraction runs: in this process, in local worker processes, or on Dask.

Extraction is a pure function of one article (`etl.extract.extract_article`), so every engine
gives the same rows; results come back in the articles' order. Finished articles are cached on
disk under the code version, so an unchanged article is never processed twice.

Engines:
- `serial`: this process (small inputs; tests);
- `local`: one worker process per core, each loading the NLP models once;
- `dask`: a Dask cluster at `scheduler` (`tcp://host:8786`), for corpora that outgrow one machine.
"""

from __future__ import annotations

import hashlib
import os
import pickle
import tempfile
from collections.abc import Callable, Iterator
from concurrent.futures import ProcessPoolExecutor
from pathlib import Path

ENGINES = ("auto", "serial", "local", "dask")
BATCH = 64  # articles per task: big enough to amortise scheduling, small enough to stream
AUTO_LOCAL_MIN = 200  # below this many articles, starting workers costs more than it saves


def _extract_batch(articles: list[dict]) -> list[dict]:
    from etl.extract import extract_article, load_context

    ctx = load_context()  # once per worker process (cached)
    results = []
    for article in articles:
        try:
            results.append(extract_article(article, ctx))
        except Exception as exc:  # one article's failure must not lose the others
            results.append({"mentions": [], "claims": [], "error": f"{type(exc).__name__}: {exc}"})
    return results


def _batches(items: list, size: int = BATCH) -> Iterator[list]:
    for i in range(0, len(items), size):
        yield items[i:i + size]


class ResultCache:
    """One pickle per finished article, keyed by its text, date and the code version."""

    def __init__(self, folder: Path | None, code_version: str) -> None:
        self.folder = Path(folder) / code_version if folder else None
        if self.folder:
            self.folder.mkdir(parents=True, exist_ok=True)

    @staticmethod
    def key(article: dict) -> str:
        basis = f"{article['article_id']}|{article['content_sha256']}|{article.get('published')}"
        return hashlib.sha256(basis.encode()).hexdigest()[:24]

    def get(self, article: dict) -> dict | None:
        if not self.folder:
            return None
        path = self.folder / f"{self.key(article)}.pkl"
        try:
            with open(path, "rb") as handle:
                return pickle.load(handle)
        except (OSError, pickle.UnpicklingError, EOFError, AttributeError):
            return None

    def put(self, article: dict, result: dict) -> None:
        if not self.folder:
            return
        path = self.folder / f"{self.key(article)}.pkl"
        # Written beside and renamed: a crash never leaves half a result behind.
        fd, tmp = tempfile.mkstemp(dir=self.folder, suffix=".tmp")
        with os.fdopen(fd, "wb") as handle:
            pickle.dump(result, handle, protocol=pickle.HIGHEST_PROTOCOL)
        os.replace(tmp, path)


def run(articles: list[dict], *, engine: str = "auto", scheduler: str | None = None, workers: int | None = None,
        cache: ResultCache | None = None, on_result: Callable[[int, dict], None] | None = None) -> dict[str, int]:
    """Extract every article; `on_result(index, result)` receives them in order. Returns counts."""
    cache = cache or ResultCache(None, "")
    results: dict[int, dict] = {}
    todo: list[int] = []
    for i, article in enumerate(articles):
        cached = cache.get(article)
        if cached is None:
            todo.append(i)
        else:
            results[i] = cached
    engine = _choose(engine, len(todo), scheduler)
    pending = [articles[i] for i in todo]
    for positions, batch_results in zip(_batches(todo), _execute(pending, engine, scheduler, workers)):
        for i, result in zip(positions, batch_results):
            if "error" not in result:
                cache.put(articles[i], result)
            results[i] = result
    for i in range(len(articles)):
        if on_result:
            on_result(i, results[i])
    errors = {articles[i]["article_id"]: r["error"] for i, r in results.items() if "error" in r}
    return {"processed": len(todo), "cached": len(articles) - len(todo), "engine": engine, "errors": errors}


def _choose(engine: str, n: int, scheduler: str | None) -> str:
    if engine not in ENGINES:
        raise ValueError(f"unknown engine {engine!r}; choose one of {', '.join(ENGINES)}")
    if engine == "dask" and not scheduler:
        raise ValueError("--engine dask needs --scheduler ADDRESS (e.g. tcp://127.0.0.1:8786)")
    if engine == "auto":
        return "local" if n >= AUTO_LOCAL_MIN and (os.cpu_count() or 1) > 1 else "serial"
    return engine


def _execute(articles: list[dict], engine: str, scheduler: str | None, workers: int | None) -> Iterator[list[dict]]:
    batches = list(_batches(articles))
    if not batches:
        return
    if engine == "serial":
        for batch in batches:
            yield _extract_batch(batch)
    elif engine == "local":
        with ProcessPoolExecutor(max_workers=workers or os.cpu_count() or 1) as pool:
            yield from pool.map(_extract_batch, batches)
    else:
        from distributed import Client

        with Client(scheduler) as client:
            futures = client.map(_extract_batch, batches, pure=False)
            for future in futures:  # in submission order, each as soon as it is done
                yield future.result()
                future.release()
