"""What an instance does for itself: map assets without npm, a first-start build, saving uploads."""

from __future__ import annotations

import base64
import hashlib
import io
import json
import tarfile
from pathlib import Path

import pytest
import streamlit as st
from streamlit.testing.v1 import AppTest

from dashboard import data, instance, maps
from etl.warehouse import read_manifest
from tests.test_dashboard_app import APP

ROOT = Path(__file__).resolve().parents[1]
NODE_MODULES = ROOT / "dashboard" / "assets" / "node_modules"


def npm_tarball(folder: Path) -> bytes:
    """A package folder packed as the npm registry serves it (files under `package/`)."""
    buffer = io.BytesIO()
    with tarfile.open(fileobj=buffer, mode="w:gz", compresslevel=1) as archive:
        archive.add(folder, arcname="package")
    return buffer.getvalue()


def integrity(data_: bytes) -> str:
    return "sha512-" + base64.b64encode(hashlib.sha512(data_).digest()).decode()


@pytest.fixture(scope="module")
def registry(tmp_path_factory):
    """The locked packages served from the local node_modules, with a lockfile whose hashes match them."""
    if not (NODE_MODULES / "leaflet").is_dir():
        pytest.skip("the npm packages are missing: run `make assets`")
    lock = json.loads(instance.LOCKFILE.read_text())
    served = {}
    for package in instance.locked_packages():
        tarball = npm_tarball(NODE_MODULES / package.name)
        served[package.tarball_url] = tarball
        lock["packages"][f"node_modules/{package.name}"]["integrity"] = integrity(tarball)
    lockfile = tmp_path_factory.mktemp("registry") / "package-lock.json"
    lockfile.write_text(json.dumps(lock))
    return lockfile, served


def test_locked_packages_and_their_registry_urls():
    packages = {p.name: p for p in instance.locked_packages()}
    assert set(packages) == {"jquery", "leaflet", "leaflet.markercluster", "world-atlas"}
    assert packages["leaflet"].tarball_url == f"https://registry.npmjs.org/leaflet/-/leaflet-{packages['leaflet'].version}.tgz"
    assert all(p.integrity.startswith("sha512-") for p in packages.values())
    scoped = instance.LockedPackage("@turf/helpers", "7.0.0", "sha512-x")
    assert scoped.tarball_url == "https://registry.npmjs.org/@turf/helpers/-/helpers-7.0.0.tgz"


def test_fetched_assets_are_the_files_make_assets_installs(registry, tmp_path):
    lockfile, served = registry
    asked = []

    def download(url: str) -> bytes:
        asked.append(url)
        return served[url]

    vendor = instance.fetch_map_assets(lockfile, tmp_path / "vendor", download=download)
    assert sorted(asked) == sorted(served)
    assert maps.assets_installed(vendor)
    installed = ROOT / "dashboard" / "static" / "vendor"
    for name in ("countries.geojson", "leaflet/leaflet.js", "markercluster/leaflet.markercluster.js",
                 "jquery/jquery.min.js"):
        assert (vendor / name).read_bytes() == (installed / name).read_bytes(), name


def test_a_tarball_that_does_not_match_the_lockfile_is_refused(registry, tmp_path):
    lockfile, served = registry
    tampered = {url: data_ for url, data_ in served.items()}
    leaflet = next(url for url in tampered if "/leaflet-" in url)
    tampered[leaflet] = npm_tarball(NODE_MODULES / "jquery")
    with pytest.raises(ValueError, match="integrity mismatch"):
        instance.fetch_map_assets(lockfile, tmp_path / "vendor", download=tampered.__getitem__)
    assert not (tmp_path / "vendor").exists()


def test_unpack_keeps_files_inside_the_target_and_skips_links(tmp_path):
    def tarball(*members: tarfile.TarInfo) -> bytes:
        buffer = io.BytesIO()
        with tarfile.open(fileobj=buffer, mode="w:gz") as archive:
            for member in members:
                archive.addfile(member, io.BytesIO(b"x" * member.size) if member.isfile() else None)
        return buffer.getvalue()

    good = tarfile.TarInfo("package/dist/a.js")
    good.size = 1
    link = tarfile.TarInfo("package/evil")
    link.type, link.linkname = tarfile.SYMTYPE, "/etc/passwd"
    instance.unpack(tarball(good, link), tmp_path / "ok")
    assert (tmp_path / "ok" / "dist" / "a.js").read_bytes() == b"x"
    assert not (tmp_path / "ok" / "evil").exists()
    escape = tarfile.TarInfo("package/../../outside.js")
    escape.size = 1
    with pytest.raises(tarfile.TarError):
        instance.unpack(tarball(escape), tmp_path / "bad")
    assert not (tmp_path / "outside.js").exists()


def test_no_fetch_when_switched_off_or_unreachable(monkeypatch):
    monkeypatch.setattr(maps, "assets_installed", lambda *a: False)
    assert instance.map_assets_problem({instance.FETCH_ENV: "0"}) == "MAP_ASSETS_FETCH=0"

    def offline(*args, **kwargs):
        raise OSError("no route to registry.npmjs.org")

    monkeypatch.setattr(instance, "fetch_map_assets", offline)
    assert "no route to registry.npmjs.org" in instance.map_assets_problem({})


def test_the_map_page_explains_when_the_assets_cannot_be_installed(monkeypatch, tmp_path):
    from tests.dashboard_fixtures import write_synthetic_warehouse

    monkeypatch.setenv("WAREHOUSE_DIR", str(write_synthetic_warehouse(tmp_path / "warehouse")))
    monkeypatch.setattr(instance, "map_assets_problem", lambda: "URLError: offline")
    st.cache_resource.clear()
    try:
        at = AppTest.from_file(APP, default_timeout=60)
        at.run()
        assert not at.exception
        assert any("could not be installed on this server (URLError: offline)" in e.value for e in at.error)
    finally:
        st.cache_resource.clear()


# ---------------------------------------------------------------- first start


def test_a_fresh_clone_started_with_plain_streamlit_run_builds_its_warehouse_once(monkeypatch, tmp_path):
    seeds = tmp_path / "seeds"
    seeds.mkdir()
    (seeds / "one.txt").write_text("Казахстан и Китай подписали соглашение о строительстве АЭС у посёлка Улкен.",
                                   encoding="utf-8")
    warehouse = tmp_path / "data" / "warehouse"
    monkeypatch.delenv("WAREHOUSE_DIR", raising=False)  # the default folder, as on Community Cloud
    monkeypatch.setenv(instance.SEEDS_ENV, str(seeds))
    monkeypatch.setenv(instance.INBOX_ENV, str(tmp_path / "data" / "inbox"))
    monkeypatch.setattr(data, "warehouse_dir", lambda: warehouse)
    at = AppTest.from_file(APP, default_timeout=120)
    at.query_params["page"] = "articles"
    at.run()
    assert not at.exception, [e.value for e in at.exception]
    first = read_manifest(warehouse)
    assert first["inputs"] == ["seeds/one.txt"]
    assert "1 article (" in " ".join(c.value for c in at.caption)
    at.run()  # a second run (or session) finds it and builds nothing
    assert read_manifest(warehouse)["built_at"] == first["built_at"]


@pytest.mark.parametrize("environ, wanted", [
    ({}, True), ({"WAREHOUSE_DIR": "/srv/warehouse"}, False), ({instance.AUTOBUILD_ENV: "0"}, False),
])
def test_first_start_build_only_for_the_default_folder(environ, wanted):
    assert instance.autobuild_wanted(environ) is wanted


# ---------------------------------------------------------------- uploads


@pytest.mark.parametrize("name, safe", [
    ("article.txt", "article.txt"),
    ("../../etc/passwd", "passwd"),
    ("..\\..\\evil.HTML", "evil.html"),
    (".hidden.txt", "hidden.txt"),
    ("Статья про АЭС (итог).txt", "Статья_про_АЭС_итог_.txt"),
    ("", "upload"),
    ("noext", "noext"),
    ("x" * 300 + ".json", "x" * 115 + ".json"),
])
def test_safe_name(name, safe):
    assert instance.safe_name(name) == safe


def test_uploads_are_saved_whole_and_once(tmp_path):
    inbox = tmp_path / "inbox"
    saved, already = instance.save_uploads([("a.txt", b"one"), ("b.txt", b"two")], inbox)
    assert [p.name.split("-", 2)[2] for p in saved] == ["a.txt", "b.txt"] and already == []
    saved_again, already = instance.save_uploads([("renamed.txt", b"one")], inbox)
    assert saved_again == [] and already == [saved[0]]
    assert sorted(p.name for p in inbox.iterdir()) == sorted(p.name for p in saved)  # no temp files left


def test_a_failed_build_reports_its_error_and_leaves_the_warehouse(tmp_path, monkeypatch):
    from tests.dashboard_fixtures import write_synthetic_warehouse

    warehouse = write_synthetic_warehouse(tmp_path / "warehouse")
    before = warehouse.resolve()
    report = instance.add_articles([("a.txt", "Казахстан".encode())], warehouse, inbox=tmp_path / "inbox",
                                   sources=[tmp_path / "missing-seeds"])
    assert not report.ok and "input not found" in report.log
    assert warehouse.resolve() == before and report.data_version is None
