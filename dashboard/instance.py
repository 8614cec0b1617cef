"""What a running instance does for itself on the server: first-start setup and adding articles.

- **Map assets on a host without npm** (Streamlit Community Cloud): `fetch_map_assets()` downloads the
  npm packages pinned in `dashboard/assets/package-lock.json` straight from the npm registry, checks
  each tarball against the lockfile's `integrity` hash, and hands them to `dashboard.vendor`, which
  installs the same files `make assets` does. Nothing is fetched when the assets are installed;
  `MAP_ASSETS_FETCH=0` turns the attempt off (a closed network without a registry).
- **A warehouse on first start**: started as plain `streamlit run dashboard/app.py` (Community Cloud
  does this) with no `WAREHOUSE_DIR` set and no `data/warehouse` yet, the app builds one from `seeds/`
  and the inbox, once. `WAREHOUSE_AUTOBUILD=0` turns that off.
- **Adding articles** (`add_articles()`, the upload page): uploaded files are saved into the inbox
  folder (`INBOX_DIR`, default `data/inbox`), then `python -m etl build` runs over the seeds and the
  inbox into the warehouse. The ETL writes a new build folder and swaps the warehouse link in one
  `os.replace`, so the running app shows the new data version on its next run and never a
  half-written one. Builds run in a child process (the NLP models do not stay in the server's
  memory), one at a time (a lock file beside the warehouse).
"""

from __future__ import annotations

import base64
import datetime as dt
import hashlib
import io
import json
import os
import re
import subprocess
import sys
import tarfile
import tempfile
import unicodedata
import urllib.request
from collections.abc import Callable, Iterable, Mapping
from dataclasses import dataclass, field
from pathlib import Path

import pandas as pd

from dashboard import vendor
from etl.warehouse import build_lock, read_manifest

ROOT = Path(__file__).resolve().parents[1]
LOCKFILE = vendor.HERE / "assets" / "package-lock.json"
NPM_REGISTRY = "https://registry.npmjs.org"
FETCH_ENV = "MAP_ASSETS_FETCH"
AUTOBUILD_ENV = "WAREHOUSE_AUTOBUILD"
SEEDS_ENV, INBOX_ENV = "SEEDS_DIR", "INBOX_DIR"
DEFAULT_SEEDS, DEFAULT_INBOX = "seeds", "data/inbox"
UPLOAD_TYPES = ("txt", "json", "rss", "xml", "atom", "html", "htm", "pdf", "docx")
BUILD_TIMEOUT_S = 900


# ---------------------------------------------------------------- map assets from the npm registry


@dataclass(frozen=True)
class LockedPackage:
    name: str
    version: str
    integrity: str  # "sha512-<base64>" as npm writes it

    @property
    def tarball_url(self) -> str:
        return f"{NPM_REGISTRY}/{self.name}/-/{self.name.rsplit('/', 1)[-1]}-{self.version}.tgz"


def locked_packages(lockfile: Path = LOCKFILE) -> list[LockedPackage]:
    """The packages `npm ci` would install, with the versions and hashes the lockfile pins."""
    lock = json.loads(lockfile.read_text(encoding="utf-8"))
    found = []
    for key, entry in lock.get("packages", {}).items():
        if not key.startswith("node_modules/") or entry.get("dev"):
            continue
        found.append(LockedPackage(key.removeprefix("node_modules/"), entry["version"], entry["integrity"]))
    return found


def check_integrity(data: bytes, integrity: str) -> None:
    """Raise ValueError unless `data` matches the lockfile's Subresource Integrity string."""
    algorithm, _, expected = integrity.partition("-")
    if algorithm not in ("sha512", "sha384", "sha256"):
        raise ValueError(f"unsupported integrity algorithm {algorithm!r}")
    actual = base64.b64encode(hashlib.new(algorithm, data).digest()).decode()
    if actual != expected:
        raise ValueError(f"integrity mismatch ({algorithm}): the download is not the locked package")


def unpack(data: bytes, target: Path) -> None:
    """An npm tarball (files under `package/`) into `target`, refusing links and paths outside it."""
    target.mkdir(parents=True, exist_ok=True)
    with tarfile.open(fileobj=io.BytesIO(data), mode="r:gz") as archive:
        members = []
        for member in archive.getmembers():
            parts = Path(member.name).parts
            if len(parts) < 2 or not (member.isfile() or member.isdir()):
                continue  # the `package/` folder itself, symlinks, devices
            member.name = str(Path(*parts[1:]))
            members.append(member)
        archive.extractall(target, members=members, filter="data")


def fetch_map_assets(lockfile: Path = LOCKFILE, vendor_dir: Path = vendor.VENDOR, *,
                     download: Callable[[str], bytes] | None = None) -> Path:
    """Download the locked npm packages, verify them, and install the map's assets into `vendor_dir`."""
    download = download or _download
    with tempfile.TemporaryDirectory(prefix="map-assets-") as tmp:
        node_modules = Path(tmp) / "node_modules"
        for package in locked_packages(lockfile):
            data = download(package.tarball_url)
            check_integrity(data, package.integrity)
            unpack(data, node_modules / package.name)
        return vendor.install(node_modules=node_modules, vendor=vendor_dir)


def _download(url: str) -> bytes:
    with urllib.request.urlopen(url, timeout=20) as response:  # noqa: S310 (a fixed https registry URL)
        return response.read()


def map_assets_problem(environ: Mapping[str, str] = os.environ) -> str | None:
    """None when the map's assets are installed (fetching them now if allowed), else why they are not."""
    from dashboard.maps import assets_installed

    if assets_installed():
        return None
    if (environ.get(FETCH_ENV) or "1").strip() == "0":
        return f"{FETCH_ENV}=0"
    try:
        fetch_map_assets()
    except (Exception, SystemExit) as error:  # no network, a registry refusing, a full disk: say which
        return f"{type(error).__name__}: {error}"
    return None if assets_installed() else "the installed files are incomplete"


# ---------------------------------------------------------------- building


def inputs(environ: Mapping[str, str] = os.environ, root: Path = ROOT) -> list[Path]:
    """What the warehouse is built from: the seeds, and the inbox once anything was added."""
    found = []
    for env, default in ((SEEDS_ENV, DEFAULT_SEEDS), (INBOX_ENV, DEFAULT_INBOX)):
        path = Path(environ.get(env) or default)
        path = path if path.is_absolute() else root / path
        if path.is_dir():
            found.append(path)
    return found


def inbox_dir(environ: Mapping[str, str] = os.environ, root: Path = ROOT) -> Path:
    path = Path(environ.get(INBOX_ENV) or DEFAULT_INBOX)
    return path if path.is_absolute() else root / path


def run_build(sources: list[Path], warehouse: Path) -> subprocess.CompletedProcess:
    """`python -m etl build --input SOURCES --out WAREHOUSE` in a child process; output captured."""
    command = [sys.executable, "-m", "etl", "build", "--input", *map(str, sources), "--out", str(warehouse)]
    env = {**os.environ, "PYTHONPATH": os.pathsep.join(filter(None, [str(ROOT), os.environ.get("PYTHONPATH")]))}
    return subprocess.run(command, cwd=ROOT, env=env, capture_output=True, text=True, timeout=BUILD_TIMEOUT_S)


def autobuild_wanted(environ: Mapping[str, str] = os.environ) -> bool:
    """First-start build: only for the default warehouse folder (an explicit WAREHOUSE_DIR is managed
    by whoever set it) and unless turned off."""
    return not environ.get("WAREHOUSE_DIR") and (environ.get(AUTOBUILD_ENV) or "1").strip() != "0"


def first_start_build(warehouse: Path) -> str | None:
    """Build `warehouse` from the seeds (and inbox) if it is still missing; None, or what went wrong."""
    with build_lock(warehouse):
        if read_manifest(warehouse):
            return None  # another session built it while this one waited
        sources = inputs()
        if not sources:
            return "no seeds folder to build from"
        done = run_build(sources, warehouse)
    return None if done.returncode == 0 else (done.stderr or done.stdout).strip()[-2000:]


# ---------------------------------------------------------------- adding articles


@dataclass
class AddReport:
    """What became of an upload: files saved, the build's outcome, and per file its articles or rejects."""

    saved: list[str] = field(default_factory=list)  # labels as the warehouse names them: inbox/<file>
    already: list[str] = field(default_factory=list)  # uploads identical to a file already in the inbox
    ok: bool = False
    log: str = ""  # the build's summary, or its error
    data_version: str | None = None
    articles: dict[str, int] = field(default_factory=dict)  # label → articles read from it
    rejects: pd.DataFrame = field(default_factory=lambda: pd.DataFrame(columns=["source_file", "reason", "detail"]))


_UNSAFE = re.compile(r"[^\w.\-]+")


def safe_name(name: str, max_chars: int = 120) -> str:
    """A file name that stays inside the inbox, is not hidden, and keeps its suffix (the reader needs it)."""
    base = unicodedata.normalize("NFC", str(name)).replace("\\", "/").rsplit("/", 1)[-1]
    base = _UNSAFE.sub("_", base).strip("._") or "upload"
    stem, dot, suffix = base.rpartition(".")
    if not dot:
        stem, suffix = base, ""
    suffix = suffix[:10].lower()
    stem = stem[: max_chars - len(suffix) - 1] or "upload"
    return f"{stem}.{suffix}" if suffix else stem


def save_uploads(files: Iterable[tuple[str, bytes]], inbox: Path) -> tuple[list[Path], list[Path]]:
    """Write each upload into `inbox` (temp name, then rename); returns (saved, already there)."""
    inbox.mkdir(parents=True, exist_ok=True)
    stamp = dt.datetime.now(dt.UTC).strftime("%Y%m%dT%H%M%S")
    saved, already = [], []
    for name, data in files:
        digest = hashlib.sha256(data).hexdigest()[:12]
        existing = sorted(inbox.glob(f"*-{digest}-*"))
        if existing:
            already.append(existing[0])
            continue
        target = inbox / f"{stamp}-{digest}-{safe_name(name)}"
        # A hidden temp name: a build running meanwhile never reads a half-written file.
        temp = inbox / f".{target.name}.part"
        temp.write_bytes(data)
        os.replace(temp, target)
        saved.append(target)
    return saved, already


def add_articles(files: Iterable[tuple[str, bytes]], warehouse: Path, *, inbox: Path | None = None,
                 sources: list[Path] | None = None) -> AddReport:
    """Save uploads into the inbox and rebuild `warehouse` from the seeds and the inbox."""
    inbox = inbox or inbox_dir()
    report = AddReport()
    with build_lock(warehouse):
        saved, already = save_uploads(files, inbox)
        label = lambda path: f"{inbox.name}/{path.name}"  # noqa: E731 (as etl.build labels inputs under a folder)
        report.saved, report.already = [label(p) for p in saved], [label(p) for p in already]
        if not saved:
            report.ok, report.log = True, "nothing new to build"
            return report
        build_from = sources if sources is not None else inputs()
        if inbox not in build_from:
            build_from = [*build_from, inbox]
        done = run_build(build_from, warehouse)
    report.ok = done.returncode == 0
    report.log = (done.stdout if report.ok else (done.stderr or done.stdout)).strip()[-4000:]
    manifest = read_manifest(warehouse) or {}
    report.data_version = manifest.get("data_version") if report.ok else None
    if report.ok:
        folder = Path(warehouse).resolve()
        wanted = set(report.saved)
        articles = pd.read_parquet(folder / "articles.parquet", columns=["source_file"])
        counts = articles.loc[articles["source_file"].isin(wanted), "source_file"].value_counts()
        report.articles = {name: int(counts.get(name, 0)) for name in report.saved}
        rejects = pd.read_parquet(folder / "rejects.parquet", columns=["source_file", "reason", "detail"])
        report.rejects = rejects.loc[rejects["source_file"].isin(wanted)].reset_index(drop=True)
    return report
