"""Many analysts at once: browser sessions changing filters together against one dashboard server.

    python benchmarks/dashboard_concurrency.py --warehouse DIR [--sessions 20] [--seconds 60] [--baseline REF]
                                               [--servers N]

Serves the warehouse on loopback (127.0.0.1 only) through the code's own `scripts/serve.sh` (as `make run`
and the image start it; `SKIP_BUILD=1`), opens `--sessions` pages in headless Chromium (Debian's
`chromium`, `CHROMIUM` to override; every request that is not to the local server is aborted and
counted), waits until each has drawn the map page, then has every session change the country filter
again and again for `--seconds`: add three countries one by one, take them off one by one, and again,
each session starting at another country, so most changes are views no cache holds yet. A change is
timed from the click that commits it (on a country's option; Backspace on the last one) until the view
is updated: the address bar holds the new countries, Streamlit's run has finished (the app's script
state is `notRunning`, no "running" indicator), and the map in the page draws what the page says it
does (as many corridor lines, and unclustered project markers, as the caption under the map counts).

With `--baseline REF` the code at REF (a temporary git worktree) is measured the same way right after,
and its figures stand beside these. With `--servers N` each code runs as N processes (each its own
`serve.sh` on its own port, session n on process n mod N), as several processes behind a proxy that keeps
each session on one of them would; memory is theirs together.

Prints: changes made, p50 / p95 / max time to the updated view, errors (timeouts, Streamlit exception
boxes, requests off the machine), and the server's resident memory (its processes together) sampled
every two seconds (first, peak, last, the range after warm-up, the median of each third of the run: flat
or still climbing) beside the same server idle after start. Heavy
(twenty browser pages on the same machine as the server): run it with `nice`, alone.
"""

from __future__ import annotations

import argparse
import asyncio
import os
import re
import signal
import socket
import statistics
import subprocess
import sys
import tempfile
import time
import urllib.request
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
if str(ROOT) not in sys.path:
    sys.path.insert(0, str(ROOT))
CHROMIUM = os.environ.get("CHROMIUM", "/usr/bin/chromium")
CHROMIUM_ARGS = ["--headless", "--no-sandbox", "--disable-gpu", "--disable-background-networking",
                 "--disable-dev-shm-usage"]
LOCAL = re.compile(r"^(https?|wss?)://(127\.0\.0\.1|localhost)(:\d+)?/")
TIMEOUT_MS = int(os.environ.get("CONCURRENCY_TIMEOUT_MS", 120_000))
THINK_MS = 1500
# The view is updated: the URL holds the countries, the run is over, and the map draws what its caption counts.
UPDATED = """(countries) => {
    if ((new URLSearchParams(location.search).get('countries') || '') !== countries) return false;
    const app = document.querySelector('[data-testid="stApp"]');
    if (!app || app.getAttribute('data-test-script-state') !== 'notRunning'
        || document.querySelector('[data-testid="stStatusWidget"]')) return false;
    const caption = [...document.querySelectorAll('[data-testid="stCaptionContainer"]')]
        .map(e => e.innerText).find(t => t.startsWith('On the map:'));
    const counts = caption && caption.match(/corridors ([\\d,]+), projects ([\\d,]+)/);
    if (!counts) return false;
    const routes = +counts[1].replace(/,/g, ''), projects = +counts[2].replace(/,/g, '');
    const frames = document.querySelectorAll('iframe[title="streamlit_folium.st_folium"]');
    const doc = frames.length === 1 && frames[0].contentDocument;
    if (!doc || !frames[0].contentWindow.map) return false;
    const lines = doc.querySelectorAll('.leaflet-overlay-pane path.ca-route').length;
    const markers = doc.querySelectorAll('.leaflet-overlay-pane path.ca-project').length;
    return lines === routes && (caption.includes('grouped into clusters') || markers === projects);
}"""
COUNTRIES = ("KAZ", "UZB", "KGZ", "TJK", "TKM", "AZE", "GEO", "TUR", "IRN", "CHN", "RUS", "MNG", "AFG", "PAK", "IND",
             "USA", "DEU", "FRA", "GBR", "ARE", "KOR", "JPN", "UKR", "BLR", "ARM")
MAP_READY = """() => { const f = document.querySelector('iframe[title="streamlit_folium.st_folium"]');
    return !!(f && f.contentWindow && f.contentWindow.map)
        && !document.querySelector('[data-testid="stStatusWidget"]'); }"""


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def rss_mb(pid: int) -> float:
    """Resident memory of a process and its children (a server of several processes counts whole)."""
    total = 0.0
    for process in [pid, *_descendants(pid)]:
        try:
            status = Path(f"/proc/{process}/status").read_text()
        except OSError:
            continue
        found = re.search(r"VmRSS:\s+(\d+)", status)
        total += int(found.group(1)) / 1024 if found else 0.0
    return total


def _descendants(pid: int) -> list[int]:
    found, queue = [], [pid]
    while queue:
        parent = queue.pop()
        try:
            children = Path(f"/proc/{parent}/task/{parent}/children").read_text().split()
        except OSError:
            continue
        found += [int(c) for c in children]
        queue += [int(c) for c in children]
    return found


class Server:
    """`scripts/serve.sh` of the code at `code` on a free loopback port, for the warehouse."""

    def __init__(self, warehouse: Path, log: Path, code: Path = ROOT):
        self.port = free_port()
        self.url = f"http://127.0.0.1:{self.port}"
        env = {**os.environ, "WAREHOUSE_DIR": str(warehouse), "STREAMLIT_BROWSER_GATHER_USAGE_STATS": "false",
               "PYTHONPATH": str(code), "PYTHON": sys.executable, "PORT": str(self.port), "ADDRESS": "127.0.0.1",
               "SKIP_BUILD": "1"}
        self.log = log.open("w")
        self.process = subprocess.Popen(["bash", str(code / "scripts" / "serve.sh"), "--server.headless", "true"],
                                        cwd=code, env=env, stdout=self.log, stderr=subprocess.STDOUT,
                                        start_new_session=True)
        deadline = time.monotonic() + 180
        while time.monotonic() < deadline:
            if self.process.poll() is not None:
                raise RuntimeError(f"serve.sh exited: {log.read_text()[-2000:]}")
            try:
                with urllib.request.urlopen(f"{self.url}/_stcore/health", timeout=2) as response:
                    if response.status == 200:
                        return
            except OSError:
                time.sleep(0.3)
        self.stop()
        raise RuntimeError("the dashboard did not start")

    def stop(self) -> None:
        try:
            os.killpg(self.process.pid, signal.SIGTERM)  # serve.sh and whatever it started, nothing else
        except ProcessLookupError:
            pass
        try:
            self.process.wait(timeout=20)
        except subprocess.TimeoutExpired:
            os.killpg(self.process.pid, signal.SIGKILL)
            self.process.wait()
        self.log.close()


async def analyst(number: int, browser, url: str, seconds: float, start: asyncio.Event, out: dict) -> None:
    context = await browser.new_context(viewport={"width": 1400, "height": 900})

    async def route(r):
        if LOCAL.match(r.request.url) or r.request.url.startswith(("data:", "blob:", "about:")):
            await r.continue_()
        else:
            out["blocked"].append(r.request.url)
            await r.abort()

    await context.route("**/*", route)
    page = await context.new_page()
    page.set_default_timeout(TIMEOUT_MS)
    try:
        await page.goto(url + "/")
        await page.wait_for_function(MAP_READY, polling=100)
        out["ready"] += 1
        await start.wait()
        box = page.locator('[data-testid="stSidebar"] [data-testid="stMultiSelect"] input').first
        deadline = time.monotonic() + seconds
        step = 0
        chosen: list[str] = []
        while time.monotonic() < deadline:
            # Add three countries one by one, then take them off one by one: each step a filter state of its
            # own, and each session starts at another country, so most states are new to the server.
            adding = step % 6 < 3
            try:
                await box.click()
                if adding:
                    code = COUNTRIES[(number * 3 + step) % len(COUNTRIES)]
                    await box.type(code)
                    option = page.get_by_role("option").filter(has_text=re.compile(rf"^{code} ·"))
                    started = time.perf_counter()
                    await option.first.click()
                    chosen = [*chosen, code]
                else:
                    started = time.perf_counter()
                    await box.press("Backspace")  # takes off the last tag added
                    chosen = chosen[:-1]
                await page.wait_for_function(UPDATED, arg=",".join(sorted(chosen)), polling=50)  # the URL sorts them
                out["times"].append(time.perf_counter() - started)
                await page.keyboard.press("Escape")
                await page.wait_for_timeout(THINK_MS)  # an analyst looks before the next change (not timed)
                if await page.locator('[data-testid="stException"]').count():
                    out["errors"].append(f"session {number}: an exception box after {chosen}")
            except Exception as error:  # noqa: BLE001 (counted, the session goes on)
                out["errors"].append(f"session {number}: {type(error).__name__} waiting for countries={','.join(chosen)} at {page.url}: {str(error)[:80]}")
                break
            step += 1
    except Exception as error:  # noqa: BLE001
        out["errors"].append(f"session {number} could not start: {type(error).__name__}: {str(error)[:160]}")
    finally:
        await context.close()


async def sample_memory(pids: list[int], stop: asyncio.Event, samples: list) -> None:
    while not stop.is_set():
        samples.append((time.monotonic(), sum(rss_mb(pid) for pid in pids)))
        try:
            await asyncio.wait_for(stop.wait(), timeout=2)
        except asyncio.TimeoutError:
            pass


async def run(warehouse: Path, sessions: int, seconds: float, code: Path = ROOT, servers: int = 1) -> dict:
    """`servers` processes of the app (each its own `serve.sh` and port), session n on server n mod `servers`:
    what several processes behind a proxy that keeps each session on one of them would do."""
    from playwright.async_api import async_playwright

    out = {"times": [], "errors": [], "blocked": [], "ready": 0}
    with tempfile.TemporaryDirectory(prefix="dashboard-concurrency-") as tmp:
        started: list[Server] = []
        try:
            for number in range(servers):
                started.append(Server(warehouse, Path(tmp) / f"streamlit-{number}.log", code))
            pids = [server.process.pid for server in started]
            await asyncio.sleep(3)
            idle = sum(rss_mb(pid) for pid in pids)
            async with async_playwright() as playwright:
                browser = await playwright.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
                start, stop, samples = asyncio.Event(), asyncio.Event(), []
                sampler = asyncio.create_task(sample_memory(pids, stop, samples))
                loading = time.monotonic()
                tasks = [asyncio.create_task(analyst(n, browser, started[n % servers].url, seconds, start, out))
                         for n in range(sessions)]
                while out["ready"] + len(out["errors"]) < sessions and time.monotonic() - loading < 600:
                    await asyncio.sleep(0.5)
                out["loaded_s"] = time.monotonic() - loading
                began = time.monotonic()
                start.set()
                await asyncio.gather(*tasks)
                out["ran_s"] = time.monotonic() - began
                stop.set()
                await sampler
                await browser.close()
            out["idle_mb"], out["samples"], out["began"] = idle, samples, began
        finally:
            for server in started:
                server.stop()
    return out


def report(out: dict, sessions: int) -> tuple[list[tuple[str, str]], list[str]]:
    times = sorted(out["times"])
    q = statistics.quantiles(times, n=20) if len(times) >= 2 else times * 19
    during = [mb for t, mb in out["samples"] if t >= out["began"]] or [out["idle_mb"]]
    warm = during[len(during) // 4:] or during
    rows = [
        ("sessions ready (map drawn) / asked", f"{out['ready']} / {sessions} in {out['loaded_s']:.0f} s"),
        ("filter changes completed", f"{len(times)} in {out['ran_s']:.0f} s"),
        ("time to updated view, p50 (s)", f"{statistics.median(times):.2f}" if times else "—"),
        ("time to updated view, p95 (s)", f"{q[18]:.2f}" if times else "—"),
        ("time to updated view, max (s)", f"{times[-1]:.2f}" if times else "—"),
        ("errors (timeouts, exception boxes)", f"{len(out['errors'])}"),
        ("requests off the machine (blocked)", f"{len(out['blocked'])}"),
        ("server memory, idle after start (baseline, MB)", f"{out['idle_mb']:.0f}"),
        ("server memory during the run: first / peak / last (MB)", f"{during[0]:.0f} / {max(during):.0f} / {during[-1]:.0f}"),
        ("server memory after warm-up: min – max (MB)", f"{min(warm):.0f} – {max(warm):.0f}"),
        ("server memory, median of each third of the run (MB)",
         " / ".join(f"{statistics.median(part):.0f}" for part in _thirds(during))),
    ]
    return rows, out["errors"]


def _thirds(values: list) -> list[list]:
    n = len(values)
    return [values[i * n // 3: (i + 1) * n // 3] or values for i in range(3)]


def prepare(code: Path, warehouse: Path) -> None:
    """The DuckDB catalog of the warehouse for the code at `code`, made before its server starts."""
    subprocess.run([sys.executable, "-m", "dashboard.db", str(warehouse)], cwd=code, check=True,
                   env={**os.environ, "PYTHONPATH": str(code)}, stdout=subprocess.DEVNULL)


def main(argv=None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--warehouse", type=Path, required=True)
    parser.add_argument("--sessions", type=int, default=20)
    parser.add_argument("--seconds", type=float, default=60)
    parser.add_argument("--baseline", help="a git ref whose code is measured the same way after this code")
    parser.add_argument("--servers", type=int, default=1,
                        help="app processes, each session kept on one (as a proxy with sticky sessions would)")
    args = parser.parse_args(argv)
    if not Path(CHROMIUM).exists():
        print(f"no Chromium at {CHROMIUM}: nothing measured")
        return 0
    columns = []
    prepare(ROOT, args.warehouse)
    label = "this code" + (f", {args.servers} processes" if args.servers > 1 else "")
    columns.append((label, report(asyncio.run(run(args.warehouse, args.sessions, args.seconds, ROOT, args.servers)),
                                  args.sessions)))
    errors = [(label, e) for e in columns[0][1][1]]
    if args.baseline:
        import shutil

        from benchmarks.builds import worktree

        with tempfile.TemporaryDirectory(prefix="dashboard-concurrency-base-") as tmp, \
                worktree(args.baseline, Path(tmp)) as code:
            vendor = ROOT / "dashboard" / "static" / "vendor"
            if vendor.exists() and not (code / "dashboard" / "static" / "vendor").exists():
                shutil.copytree(vendor, code / "dashboard" / "static" / "vendor")  # the map's assets (not in git)
            prepare(code, args.warehouse)
            columns.append((args.baseline, report(asyncio.run(run(args.warehouse, args.sessions, args.seconds, code,
                                                                  args.servers)), args.sessions)))
            errors += [(args.baseline, e) for e in columns[1][1][1]]
    keys = [key for key, _ in columns[0][1][0]]
    table = [("measure", *[label for label, _ in columns])]
    table += [(key, *[dict(rows)[key] for _, (rows, _) in columns]) for key in keys]
    widths = [max(len(str(r[i])) for r in table) for i in range(len(table[0]))]
    for row in table:
        print(" | ".join(str(cell).ljust(w) for cell, w in zip(row, widths)), flush=True)
    for label, error in errors[:20]:
        print(f"  error ({label}):", error)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
