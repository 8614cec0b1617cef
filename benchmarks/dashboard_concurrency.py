"""Many analysts at once: browser sessions changing filters together against one dashboard server.

    python benchmarks/dashboard_concurrency.py --warehouse DIR [--sessions 20] [--seconds 60]

Starts `streamlit run dashboard/app.py` on loopback (127.0.0.1 only) for the warehouse, opens
`--sessions` pages in headless Chromium (Debian's `chromium`, `CHROMIUM` to override; every request
that is not to the local server is aborted and counted), waits until each has drawn the map page,
then has every session change the country filter again and again for `--seconds`: add three
countries one by one, take them off one by one, and again, each session starting at another country,
so most changes are views no cache holds yet. A change is timed from the click that commits it (on a
country's option; Backspace on the last one) until the address bar holds the new countries and
Streamlit's "running" indicator has gone (the server has sent the whole updated page).

Prints: changes made, p50 / p95 / max time to the updated view, errors (timeouts, Streamlit
exception boxes, requests off the machine), and the server's resident memory sampled every two
seconds (first, peak, last after warm-up) beside the same server idle after start — the baseline
measured in the same run. Heavy (twenty browser pages on the same machine as the server): run it
with `nice`, alone.
"""

from __future__ import annotations

import argparse
import asyncio
import os
import re
import socket
import statistics
import subprocess
import sys
import tempfile
import time
import urllib.request
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
CHROMIUM = os.environ.get("CHROMIUM", "/usr/bin/chromium")
CHROMIUM_ARGS = ["--headless", "--no-sandbox", "--disable-gpu", "--disable-background-networking",
                 "--disable-dev-shm-usage"]
LOCAL = re.compile(r"^(https?|wss?)://(127\.0\.0\.1|localhost)(:\d+)?/")
TIMEOUT_MS = int(os.environ.get("CONCURRENCY_TIMEOUT_MS", 120_000))
THINK_MS = 1500
UPDATED = """(countries) => (new URLSearchParams(location.search).get('countries') || '') === countries
    && !document.querySelector('[data-testid="stStatusWidget"]')"""
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
    status = Path(f"/proc/{pid}/status").read_text()
    return int(re.search(r"VmRSS:\s+(\d+)", status).group(1)) / 1024


class Server:
    def __init__(self, warehouse: Path, log: Path):
        self.port = free_port()
        self.url = f"http://127.0.0.1:{self.port}"
        env = {**os.environ, "WAREHOUSE_DIR": str(warehouse), "STREAMLIT_BROWSER_GATHER_USAGE_STATS": "false"}
        self.log = log.open("w")
        self.process = subprocess.Popen(
            [sys.executable, "-m", "streamlit", "run", "dashboard/app.py", "--server.port", str(self.port),
             "--server.address", "127.0.0.1", "--server.headless", "true"],
            cwd=ROOT, env=env, stdout=self.log, stderr=subprocess.STDOUT)
        deadline = time.monotonic() + 120
        while time.monotonic() < deadline:
            if self.process.poll() is not None:
                raise RuntimeError(f"streamlit exited: {log.read_text()[-2000:]}")
            try:
                with urllib.request.urlopen(f"{self.url}/_stcore/health", timeout=2) as response:
                    if response.status == 200:
                        return
            except OSError:
                time.sleep(0.3)
        self.stop()
        raise RuntimeError("streamlit did not start")

    def stop(self) -> None:
        self.process.terminate()
        try:
            self.process.wait(timeout=15)
        except subprocess.TimeoutExpired:
            self.process.kill()
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
                await page.wait_for_function(UPDATED, arg=",".join(sorted(chosen)), polling=25)  # the URL sorts them
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


async def sample_memory(pid: int, stop: asyncio.Event, samples: list) -> None:
    while not stop.is_set():
        samples.append((time.monotonic(), rss_mb(pid)))
        try:
            await asyncio.wait_for(stop.wait(), timeout=2)
        except asyncio.TimeoutError:
            pass


async def run(warehouse: Path, sessions: int, seconds: float) -> dict:
    from playwright.async_api import async_playwright

    out = {"times": [], "errors": [], "blocked": [], "ready": 0}
    with tempfile.TemporaryDirectory(prefix="dashboard-concurrency-") as tmp:
        server = Server(warehouse, Path(tmp) / "streamlit.log")
        try:
            await asyncio.sleep(3)
            idle = rss_mb(server.process.pid)
            async with async_playwright() as playwright:
                browser = await playwright.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
                start, stop, samples = asyncio.Event(), asyncio.Event(), []
                sampler = asyncio.create_task(sample_memory(server.process.pid, stop, samples))
                loading = time.monotonic()
                tasks = [asyncio.create_task(analyst(n, browser, server.url, seconds, start, out))
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
            server.stop()
    return out


def report(out: dict, sessions: int) -> list[tuple[str, str]]:
    times = sorted(out["times"])
    q = statistics.quantiles(times, n=20) if len(times) >= 2 else times * 19
    during = [mb for t, mb in out["samples"] if t >= out["began"]] or [out["idle_mb"]]
    warm = during[len(during) // 4:] or during
    return [
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
    ]


def main(argv=None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--warehouse", type=Path, required=True)
    parser.add_argument("--sessions", type=int, default=20)
    parser.add_argument("--seconds", type=float, default=60)
    args = parser.parse_args(argv)
    if not Path(CHROMIUM).exists():
        print(f"no Chromium at {CHROMIUM}: nothing measured")
        return 0
    subprocess.run([sys.executable, "-m", "dashboard.db", str(args.warehouse)], cwd=ROOT, check=True)
    out = asyncio.run(run(args.warehouse, args.sessions, args.seconds))
    rows = report(out, args.sessions)
    width = max(len(k) for k, _ in rows)
    for key, value in rows:
        print(f"{key.ljust(width)} | {value}", flush=True)
    for error in out["errors"][:10]:
        print("  error:", error)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
