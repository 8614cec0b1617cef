"""The reverse-proxy deployment, run: deploy/nginx.conf in front of scripts/serve.sh, driven in Chromium.

nginx runs as the test user on loopback with a temporary prefix: TLS with a throwaway certificate,
the app under /dashboard/ (Streamlit's server.baseUrlPath), basic auth at the proxy and the
verified name passed to the app (DASHBOARD_AUTH=proxy). The app starts through the same script
`make run` and the container image use. Screenshots go to tests/artifacts/.
"""

from __future__ import annotations

import os
import re
import shutil
import ssl
import subprocess
import sys
import time
import urllib.error
import urllib.request
from pathlib import Path

import pytest

from tests.dashboard_fixtures import write_synthetic_warehouse
from tests.test_browser_dashboard import (  # noqa: F401 (fixtures)
    ROOT, Server, Session, _require_tools, artifacts, browser, free_port, wait_for_map,
)

pytestmark = pytest.mark.browser

NGINX = shutil.which("nginx") or "/usr/sbin/nginx"
DEPLOY = ROOT / "deploy"
BASE = "dashboard"
USER, PASSWORD = "alice", "correct horse"
TEMPLATE_VARS = ("SERVER_NAME", "HTTP_LISTEN", "HTTPS_LISTEN", "TLS_CERT", "TLS_KEY", "UPSTREAM", "BASE_PATH")
NEW_ARTICLE = ("Казахстан и Китай подписали соглашение о строительстве медеплавильного завода в Актогае. "
               "Стоимость проекта оценивается в 1,2 млрд долларов.")


# ---------------------------------------------------------------- helpers (also used by test_deploy_hotswap)


def serve(warehouse: Path, log: Path, **env: str) -> Server:
    """Start the app with scripts/serve.sh, as `make run` and the image do, on a free loopback port.

    Returns a `Server` (url, port, process, stop()) like the browser tests' own.
    """
    server = Server.__new__(Server)
    server.port = free_port()
    base = env.get("BASE_URL_PATH", "").strip("/")
    server.url = f"http://127.0.0.1:{server.port}" + (f"/{base}" if base else "")
    server.log = log.open("w")
    environment = {**os.environ, "PYTHON": sys.executable, "PORT": str(server.port), "ADDRESS": "127.0.0.1",
                   "WAREHOUSE_DIR": str(warehouse), "SKIP_BUILD": "1", **env}
    server.process = subprocess.Popen(["bash", str(ROOT / "scripts" / "serve.sh")], cwd=ROOT, env=environment,
                                      stdout=server.log, stderr=subprocess.STDOUT)
    deadline = time.monotonic() + 90
    while time.monotonic() < deadline:
        if server.process.poll() is not None:
            raise RuntimeError(f"serve.sh exited: {log.read_text()[-2000:]}")
        try:
            with urllib.request.urlopen(f"{server.url}/_stcore/health", timeout=2) as response:
                if response.status == 200:
                    return server
        except OSError:
            time.sleep(0.3)
    server.stop()
    raise RuntimeError(f"the app did not start: {log.read_text()[-2000:]}")


def render(template: str, values: dict[str, str]) -> str:
    """envsubst restricted to the template's variables, as deploy/nginx.conf says to run it."""
    for name in TEMPLATE_VARS:
        template = template.replace("${" + name + "}", values[name])
    settings = [line for line in template.splitlines() if not line.lstrip().startswith("#")]
    assert not [line for line in settings if "${" in line], "a template variable was left unfilled"
    return template


def nginx_prefix(folder: Path, *, https_port: int, http_port: int, upstream: str, auth: str) -> Path:
    """A complete nginx prefix in `folder`: the rendered site, the auth file, a certificate, a wrapper config.

    The wrapper stands in for /etc/nginx/nginx.conf: everything nginx writes stays in `folder`.
    """
    folder.mkdir(parents=True, exist_ok=True)
    subprocess.run(["openssl", "req", "-x509", "-newkey", "ec", "-pkeyopt", "ec_paramgen_curve:prime256v1",
                    "-nodes", "-keyout", str(folder / "key.pem"), "-out", str(folder / "cert.pem"), "-days", "2",
                    "-subj", "/CN=127.0.0.1", "-addext", "subjectAltName=IP:127.0.0.1"],
                   check=True, capture_output=True)
    site = render((DEPLOY / "nginx.conf").read_text(), {
        "SERVER_NAME": "127.0.0.1", "HTTP_LISTEN": f"127.0.0.1:{http_port}", "HTTPS_LISTEN": f"127.0.0.1:{https_port}",
        "TLS_CERT": str(folder / "cert.pem"), "TLS_KEY": str(folder / "key.pem"), "UPSTREAM": upstream,
        "BASE_PATH": BASE,
    })
    (folder / "dashboard.conf").write_text(site)
    shutil.copy(DEPLOY / f"nginx-auth-{auth}.conf", folder / "dashboard-auth.conf")
    hashed = subprocess.run(["openssl", "passwd", "-apr1", PASSWORD], check=True, capture_output=True, text=True)
    (folder / "dashboard.htpasswd").write_text(f"{USER}:{hashed.stdout.strip()}\n")
    temp = "\n".join(f"    {kind}_temp_path {folder / kind};" for kind in ("client_body", "proxy", "fastcgi", "uwsgi", "scgi"))
    # As root, nginx's workers would switch to `nobody`, who cannot enter pytest's private temp folders.
    user = "user root;\n" if os.geteuid() == 0 else ""
    (folder / "nginx.conf").write_text(f"""{user}worker_processes 1;
pid {folder / 'nginx.pid'};
error_log {folder / 'error.log'} info;
events {{ worker_connections 256; }}
http {{
    access_log {folder / 'access.log'};
{temp}
    include dashboard.conf;
}}
""")
    return folder


class Nginx:
    def __init__(self, prefix: Path, https_port: int):
        self.prefix = prefix
        self.url = f"https://127.0.0.1:{https_port}"
        self.process = subprocess.Popen([NGINX, "-p", f"{prefix}/", "-c", str(prefix / "nginx.conf"),
                                         "-e", str(prefix / "error.log"), "-g", "daemon off;"],
                                        stdout=subprocess.DEVNULL, stderr=subprocess.STDOUT)
        deadline = time.monotonic() + 15
        while time.monotonic() < deadline:
            if self.process.poll() is not None:
                raise RuntimeError(f"nginx exited: {(prefix / 'error.log').read_text()[-2000:]}")
            try:
                with urllib.request.urlopen(f"{self.url}/{BASE}/_stcore/health", timeout=2,
                                            context=insecure()) as response:
                    if response.status == 200:
                        return
            except OSError:
                time.sleep(0.2)
        self.stop()
        raise RuntimeError(f"nginx did not answer: {(prefix / 'error.log').read_text()[-2000:]}")

    def stop(self) -> None:
        self.process.terminate()
        try:
            self.process.wait(timeout=10)
        except subprocess.TimeoutExpired:
            self.process.kill()
            self.process.wait()


def insecure() -> ssl.SSLContext:
    """The throwaway certificate is self-signed."""
    context = ssl.create_default_context()
    context.check_hostname = False
    context.verify_mode = ssl.CERT_NONE
    return context


class Options:
    """A browser whose new contexts get extra options (credentials, TLS, headers), for the shared `Session`."""

    def __init__(self, browser, **options):
        self.browser, self.options = browser, options

    def new_context(self, **kwargs):
        return self.browser.new_context(**{**kwargs, **self.options})


def fetch(url: str, *, auth: tuple[str, str] | None = None, redirect: bool = True) -> tuple[int, dict, str]:
    handlers = [urllib.request.HTTPSHandler(context=insecure())]
    if not redirect:
        class NoRedirect(urllib.request.HTTPRedirectHandler):
            def redirect_request(self, *args, **kwargs):
                return None
        handlers.append(NoRedirect())
    opener = urllib.request.build_opener(*handlers)
    request = urllib.request.Request(url)
    if auth:
        import base64
        request.add_header("Authorization", "Basic " + base64.b64encode(":".join(auth).encode()).decode())
    try:
        with opener.open(request, timeout=10) as response:
            return response.status, dict(response.headers), response.read().decode(errors="replace")
    except urllib.error.HTTPError as error:
        return error.code, dict(error.headers), error.read().decode(errors="replace")


def _require_nginx() -> None:
    if not Path(NGINX).exists() or not shutil.which("openssl"):
        pytest.skip("nginx and openssl are needed (make test installs nginx)")


# ---------------------------------------------------------------- the configuration itself


@pytest.mark.parametrize("auth", ["none", "basic", "oauth2-proxy"])
def test_the_nginx_configuration_passes_nginx_t_with_each_auth_file(tmp_path, auth):
    _require_nginx()
    prefix = nginx_prefix(tmp_path / "nginx", https_port=free_port(), http_port=free_port(),
                          upstream="127.0.0.1:9", auth=auth)
    done = subprocess.run([NGINX, "-t", "-p", f"{prefix}/", "-c", str(prefix / "nginx.conf"),
                           "-e", str(prefix / "error.log")], capture_output=True, text=True)
    assert done.returncode == 0, done.stderr


# ---------------------------------------------------------------- the deployment, run


@pytest.fixture(scope="module")
def deployment(tmp_path_factory, artifacts):
    _require_tools()
    _require_nginx()
    folder = tmp_path_factory.mktemp("proxy")
    warehouse = write_synthetic_warehouse(folder / "warehouse")
    (folder / "seeds").mkdir()  # uploads are built on their own here: the synthetic warehouse has no seed inputs
    app = serve(warehouse, artifacts / "streamlit-proxy.log", BASE_URL_PATH=BASE, DASHBOARD_AUTH="proxy",
                DASHBOARD_UPLOAD="1", SEEDS_DIR=str(folder / "seeds"), INBOX_DIR=str(folder / "inbox"))
    https_port, http_port = free_port(), free_port()
    prefix = nginx_prefix(folder / "nginx", https_port=https_port, http_port=http_port,
                          upstream=f"127.0.0.1:{app.port}", auth="basic")
    proxy = Nginx(prefix, https_port)
    proxy.http_url = f"http://127.0.0.1:{http_port}"
    proxy.app, proxy.folder = app, folder
    yield proxy
    proxy.stop()
    app.stop()
    shutil.copy(prefix / "access.log", artifacts / "nginx-access.log")


def test_the_proxy_signs_in_redirects_to_tls_and_leaves_health_open(deployment):
    status, _, body = fetch(f"{deployment.url}/{BASE}/_stcore/health")
    assert (status, body) == (200, "ok")
    assert fetch(f"{deployment.url}/{BASE}/")[0] == 401
    assert fetch(f"{deployment.url}/{BASE}/", auth=(USER, "wrong"))[0] == 401
    status, headers, body = fetch(f"{deployment.url}/{BASE}/", auth=(USER, PASSWORD))
    assert status == 200 and "<noscript>" in body
    assert headers.get("Strict-Transport-Security") and headers.get("X-Content-Type-Options") == "nosniff"
    status, headers, _ = fetch(f"{deployment.url}/", auth=(USER, PASSWORD), redirect=False)
    assert status == 302 and headers["Location"].endswith(f"/{BASE}/")
    status, headers, _ = fetch(f"{deployment.http_url}/{BASE}/", redirect=False)
    assert status == 301 and headers["Location"] == f"https://127.0.0.1/{BASE}/"
    # The map's assets come through the proxy, under the sub-path.
    status, _, body = fetch(f"{deployment.url}/{BASE}/app/static/vendor/leaflet/leaflet.js", auth=(USER, PASSWORD))
    assert status == 200 and "Leaflet" in body[:2000]


def test_through_the_proxy_the_map_renders_over_a_secure_websocket_for_the_signed_in_user(deployment, browser,
                                                                                        artifacts):
    # A client trying to name itself: the proxy replaces the header with the user it verified.
    session = Session(Options(browser, http_credentials={"username": USER, "password": PASSWORD},
                              ignore_https_errors=True, extra_http_headers={"X-Forwarded-User": "mallory"}))
    sockets, assets = [], []
    session.page.on("websocket", lambda ws: sockets.append(ws.url))
    session.context.on("response", lambda r: assets.append((r.url, r.status)) if "/app/static/vendor/" in r.url else None)
    try:
        page = session.page
        page.goto(f"{deployment.url}/{BASE}/?countries=KAZ&sectors=energy")
        wait_for_map(session, routes=1, projects=2)
        sidebar = page.get_by_test_id("stSidebar")
        sidebar.get_by_text(f"Signed in as {USER}").wait_for()
        assert sidebar.get_by_text("mallory").count() == 0
        session.wait_idle()
        page.screenshot(path=artifacts / "20-proxy-map.png", full_page=True)

        assert any(url == f"wss://127.0.0.1:{deployment.url.rsplit(':', 1)[1]}/{BASE}/_stcore/stream"
                   for url in sockets), sockets
        loaded = {url.split(f"/{BASE}/app/static/vendor/", 1)[1]: status for url, status in assets
                  if f"/{BASE}/app/static/vendor/" in url}
        assert loaded.get("leaflet/leaflet.js") == 200 and loaded.get("countries.geojson") == 200, loaded

        # Another page and back through in-app navigation, all over the same proxy.
        sidebar.get_by_text("About the data", exact=True).click()
        page.wait_for_url(re.compile(rf"/{BASE}/about\?.*page=about"))
        page.get_by_text("Known limits of the extraction").wait_for()
        session.wait_idle()
        page.screenshot(path=artifacts / "21-proxy-about.png", full_page=True)
        assert session.blocked == [] and session.dialogs == []
    finally:
        session.close()


def test_an_upload_through_the_proxy_is_built_and_shown_without_a_restart(deployment, browser, artifacts, tmp_path):
    good = tmp_path / "aktogay.txt"
    good.write_text(NEW_ARTICLE, encoding="utf-8")
    empty = tmp_path / "empty.txt"
    empty.write_bytes(b"")
    pid = deployment.app.process.pid
    session = Session(Options(browser, http_credentials={"username": USER, "password": PASSWORD},
                              ignore_https_errors=True))
    try:
        page = session.page
        page.goto(f"{deployment.url}/{BASE}/upload?page=upload")
        page.get_by_role("heading", name="Add articles").wait_for()
        page.locator("input[type=file]").set_input_files([good, empty])
        page.get_by_text("aktogay.txt").wait_for()
        page.get_by_role("button", name="Add and rebuild").click()
        page.get_by_text("the dashboard now shows data version").wait_for(timeout=120_000)
        session.wait_idle()
        page.screenshot(path=artifacts / "22-proxy-upload.png", full_page=True)
        body = page.locator("section.main, [data-testid=stMain]").first.inner_text()
        assert re.search(r"inbox/\S+-aktogay\.txt`?: 1 article", body.replace("`", "")), body
        assert "Rejected (1)" in body and "empty" in body

        # The new warehouse is the one the app serves now: the sidebar names its version, the reader lists it.
        page.get_by_test_id("stSidebar").get_by_text("Articles", exact=True).click()
        page.get_by_test_id("stPageLink").filter(has_text="Казахстан и Китай подписали").first.wait_for()
        assert page.get_by_test_id("stPageLink").count() == 1  # only the uploaded article: no seeds here
        session.wait_idle()
        page.screenshot(path=artifacts / "23-proxy-after-upload.png", full_page=True)
    finally:
        session.close()
    assert deployment.app.process.poll() is None and deployment.app.process.pid == pid
    saved = sorted(p.name for p in (deployment.folder / "inbox").iterdir())
    assert len(saved) == 2 and not any(name.startswith(".") for name in saved)


def test_an_anonymous_visitor_who_bypasses_the_proxy_sees_the_sign_in_page_and_no_data(deployment, browser,
                                                                                         artifacts):
    session = Session(browser)
    try:
        page = session.page
        page.goto(f"{deployment.app.url}/?countries=KAZ")
        page.get_by_text("arrived without a signed-in user").wait_for()
        session.wait_idle()
        page.screenshot(path=artifacts / "24-anonymous.png", full_page=True)
        assert page.locator('iframe[title="streamlit_folium.st_folium"]').count() == 0
        assert page.get_by_test_id("stSidebar").count() == 0
        text = page.inner_text("body")
        assert "Data version" not in text and "Middle Corridor" not in text
    finally:
        session.close()
