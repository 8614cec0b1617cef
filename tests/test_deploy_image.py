"""The container image, checked without a container engine (there is none here, nor in CI).

The test reads the Dockerfile and does what an engine would: copies the build context (.dockerignore
applied) as the COPY lines say, runs the final stage's RUN steps, then starts the CMD with the
image's ENV and polls the HEALTHCHECK command until it passes. Package installation (pip, npm) and
user management are left to the engine: the test's interpreter already has the requirements, and the
npm stage's node_modules is the one `make assets` installed. The rest is static: a slim Python 3.11
base, a non-root user, the same start-up script as `make run`, a .dockerignore that keeps the local
environment out, and the files Streamlit Community Cloud looks for.
"""

from __future__ import annotations

import fnmatch
import json
import os
import shlex
import shutil
import subprocess
import sys
import time
import tomllib
import urllib.request
from dataclasses import dataclass, field
from pathlib import Path

import pytest

from tests.test_browser_dashboard import browser, free_port  # noqa: F401 (fixture)

ROOT = Path(__file__).resolve().parents[1]
DOCKERFILE = ROOT / "Dockerfile"
SKIPPED_RUN = ("pip ", "useradd ", "chown ")  # the engine's business: packages and users


@dataclass
class Stage:
    base: str
    name: str | None
    steps: list[tuple[str, str]] = field(default_factory=list)


def read_dockerfile(path: Path = DOCKERFILE) -> list[Stage]:
    """Stages with their instructions; continuation lines joined, comments dropped."""
    lines, current = [], ""
    for raw in path.read_text().splitlines():
        if raw.lstrip().startswith("#") and not current:
            continue
        if raw.rstrip().endswith("\\"):
            current += raw.rstrip()[:-1] + " "
            continue
        current += raw
        if current.strip():
            lines.append(current.strip())
        current = ""
    stages: list[Stage] = []
    for line in lines:
        op, _, args = line.partition(" ")
        op = op.upper()
        if op == "FROM":
            words = args.split()
            stages.append(Stage(words[0], words[2] if len(words) > 2 and words[1].upper() == "AS" else None))
        else:
            stages[-1].steps.append((op, " ".join(args.split()) if op != "RUN" else args.strip()))
    return stages


def env_pairs(args: str) -> dict[str, str]:
    return dict(word.split("=", 1) for word in shlex.split(args))


def ignored(relative: str, patterns: list[str]) -> bool:
    """.dockerignore matching for the pattern forms this project uses: a path, a glob, `**/name`."""
    parts = relative.split("/")
    for pattern in patterns:
        if pattern.startswith("**/"):
            if any(fnmatch.fnmatch(part, pattern[3:]) for part in parts):
                return True
        elif any(fnmatch.fnmatch("/".join(parts[:i]), pattern) for i in range(1, len(parts) + 1)):
            return True
    return False


def dockerignore() -> list[str]:
    return [line.strip() for line in (ROOT / ".dockerignore").read_text().splitlines()
            if line.strip() and not line.startswith("#")]


def copy_context(source: str, target: Path, patterns: list[str]) -> None:
    src = ROOT / source
    if src.is_file():
        target.parent.mkdir(parents=True, exist_ok=True)
        shutil.copy2(src, target)
        return
    for path in sorted(src.rglob("*")):
        relative = path.relative_to(ROOT).as_posix()
        if ignored(relative, patterns) or not path.is_file():
            continue
        destination = target / path.relative_to(src)
        destination.parent.mkdir(parents=True, exist_ok=True)
        shutil.copy2(path, destination)


# ---------------------------------------------------------------- static


def test_the_image_is_slim_python_311_runs_as_a_user_and_starts_like_make_run():
    stages = read_dockerfile()
    final = stages[-1]
    assert final.base.startswith("python:3.11-slim")
    steps = dict((op, args) for op, args in final.steps if op in ("USER", "CMD", "HEALTHCHECK"))
    assert steps["USER"] not in ("root", "0")
    assert json.loads(steps["CMD"]) == ["scripts/serve.sh"]
    assert "_stcore/health" in steps["HEALTHCHECK"]  # under BASE_URL_PATH when one is set
    assert "scripts/serve.sh" in (ROOT / "Makefile").read_text()  # `make run` starts the same script
    runs = [args for op, args in final.steps if op == "RUN"]
    assert "python -m dashboard.vendor" in runs  # the map's offline assets, as `make assets` does
    assert any(r.startswith("python -m etl build --input seeds --out ") for r in runs)
    assets = next(s for s in stages if s.name == "map-assets")
    assert any(op == "RUN" and args.startswith("npm ci") for op, args in assets.steps)


def test_dockerignore_keeps_the_local_environment_and_secrets_out_and_the_project_in():
    patterns = dockerignore()
    for local in (".git/config", ".venv/bin/python", "data/warehouse", "dashboard/assets/node_modules/leaflet",
                  "dashboard/static/vendor/leaflet/leaflet.js", "etl/__pycache__/build.cpython-311.pyc",
                  ".streamlit/secrets.toml", "tests/artifacts/01-map.png"):
        assert ignored(local, patterns), local
    for needed in ("requirements.txt", "pyproject.toml", "etl/build.py", "dashboard/app.py", "seeds/README.md",
                   "scripts/serve.sh", ".streamlit/config.toml", "dashboard/assets/package-lock.json"):
        assert not ignored(needed, patterns), needed
    assert all(p.startswith("**/") or "**" not in p for p in patterns), "a pattern form the replay cannot match"


def test_streamlit_community_cloud_finds_its_files():
    # Community Cloud reads requirements.txt at the root (before pyproject.toml) and runs the entry point
    # from the root; the Python version is chosen in its deploy dialog, .python-version records ours.
    requirements = (ROOT / "requirements.txt").read_text()
    assert "streamlit==" in requirements and "Authlib==" in requirements
    for other in ("uv.lock", "Pipfile", "environment.yml"):  # would take precedence over requirements.txt
        assert not (ROOT / other).exists(), other
    assert (ROOT / ".python-version").read_text().strip() == "3.11"
    assert (ROOT / "dashboard" / "app.py").exists()
    config = tomllib.loads((ROOT / ".streamlit" / "config.toml").read_text())
    assert config["browser"]["gatherUsageStats"] is False
    assert config["server"]["headless"] is True and config["server"]["enableXsrfProtection"] is True
    assert config["server"]["enableStaticServing"] is True and config["server"]["maxUploadSize"] > 0
    assert config["theme"]["base"] and config["theme"]["primaryColor"]
    assert ".streamlit/secrets.toml" in (ROOT / ".gitignore").read_text()


# ---------------------------------------------------------------- replayed


def test_the_dockerfile_replayed_in_a_folder_serves_a_healthy_dashboard(tmp_path):
    node_modules = ROOT / "dashboard" / "assets" / "node_modules"
    if not (node_modules / "leaflet").is_dir():
        pytest.skip("the npm packages are missing: run `make assets`")
    final = read_dockerfile()[-1]
    patterns = dockerignore()
    app = tmp_path / "app"
    app.mkdir()
    shims = tmp_path / "bin"
    shims.mkdir()
    shim = shims / "python"  # the image's `python` (a script: a symlink would lose the virtualenv)
    shim.write_text(f'#!/bin/sh\nexec "{sys.executable}" "$@"\n')
    shim.chmod(0o755)
    run_env = {**os.environ, "PATH": f"{shims}{os.pathsep}{os.environ['PATH']}"}
    image_env: dict[str, str] = {}
    skipped = []
    for op, args in final.steps:
        if op == "COPY" and args.startswith("--from=map-assets "):
            _, _, target = args.split()
            (app / target).parent.mkdir(parents=True, exist_ok=True)
            shutil.copytree(node_modules, app / target, symlinks=True)
        elif op == "COPY":
            *sources, target = args.split()
            for source in sources:
                destination = app / target / Path(source).name if target.endswith("/") else app / target
                copy_context(source, destination, patterns)
        elif op == "RUN" and args.startswith(SKIPPED_RUN):
            skipped.append(args)
        elif op == "RUN":
            done = subprocess.run(["bash", "-c", args], cwd=app, env={**run_env, **image_env}, capture_output=True,
                                  text=True, timeout=300)
            assert done.returncode == 0, f"RUN {args}\n{done.stdout[-2000:]}\n{done.stderr[-2000:]}"
        elif op == "ENV":
            image_env.update(env_pairs(args))
    assert {s.split()[0] for s in skipped} == {"pip", "useradd", "chown"}
    assert (app / "data" / "warehouse" / "manifest.json").exists()
    assert (app / "dashboard" / "static" / "vendor" / "countries.geojson").exists()
    assert not (app / "dashboard" / "assets" / "node_modules").exists()

    steps = dict(final.steps)
    command = json.loads(steps["CMD"])
    healthcheck = steps["HEALTHCHECK"].split(" CMD ", 1)[1]
    port = free_port()
    env = {**run_env, **image_env, "PORT": str(port), "ADDRESS": "127.0.0.1"}
    log = (tmp_path / "image.log").open("w")
    server = subprocess.Popen(command, cwd=app, env=env, stdout=log, stderr=subprocess.STDOUT)
    try:
        deadline, healthy = time.monotonic() + 90, False
        while time.monotonic() < deadline and not healthy:
            assert server.poll() is None, (tmp_path / "image.log").read_text()[-2000:]
            healthy = subprocess.run(["bash", "-c", healthcheck], env=env, capture_output=True).returncode == 0
            time.sleep(0.3 if not healthy else 0)
        assert healthy, (tmp_path / "image.log").read_text()[-2000:]
        with urllib.request.urlopen(f"http://127.0.0.1:{port}/app/static/vendor/leaflet/leaflet.js", timeout=5) as r:
            assert r.status == 200
    finally:
        server.terminate()
        server.wait(timeout=15)
        log.close()
    # The check fails when nothing answers.
    assert subprocess.run(["bash", "-c", healthcheck], env=env, capture_output=True).returncode != 0


@pytest.mark.browser
def test_community_cloud_runs_the_entry_point_without_the_project_installed(tmp_path, browser):
    """Community Cloud installs requirements.txt only and runs `streamlit run dashboard/app.py` from the root:
    the app must find `etl` and `dashboard` without the project's editable install."""
    from tests.dashboard_fixtures import write_synthetic_warehouse
    from tests.test_browser_dashboard import Session, _require_tools

    _require_tools()
    port = free_port()
    launcher = tmp_path / "streamlit_cloud.py"
    launcher.write_text(f"""
import importlib.util, os, sys
# What a host without `pip install -e .` has: neither the editable finder nor the root on sys.path.
sys.meta_path[:] = [f for f in sys.meta_path if "__editable__" not in getattr(f, "__module__", "")]
sys.path[:] = [p for p in sys.path if os.path.abspath(p or ".") != {str(ROOT)!r}]
assert importlib.util.find_spec("etl") is None, "the project is still importable"
from streamlit.web import cli
sys.argv = ["streamlit", "run", "dashboard/app.py", "--server.port", "{port}", "--server.address", "127.0.0.1"]
cli.main()
""")
    env = {**os.environ, "WAREHOUSE_DIR": str(write_synthetic_warehouse(tmp_path / "warehouse"))}
    log = (tmp_path / "cloud.log").open("w")
    server = subprocess.Popen([sys.executable, str(launcher)], cwd=ROOT, env=env, stdout=log, stderr=subprocess.STDOUT)
    session = Session(browser)
    try:
        deadline = time.monotonic() + 60
        while time.monotonic() < deadline:
            assert server.poll() is None, (tmp_path / "cloud.log").read_text()[-2000:]
            try:
                urllib.request.urlopen(f"http://127.0.0.1:{port}/_stcore/health", timeout=2)
                break
            except OSError:
                time.sleep(0.3)
        session.page.goto(f"http://127.0.0.1:{port}/?page=about")
        session.page.get_by_role("heading", name="About the data").wait_for(timeout=30_000)
        assert "ModuleNotFoundError" not in session.page.inner_text("body")
    finally:
        session.close()
        server.terminate()
        server.wait(timeout=15)
        log.close()
