"""A shared instance through AppTest: sign-in gates, the About page, data-version notices, the upload page's gate.

The browser tests beside this one (test_deploy_proxy.py, test_deploy_hotswap.py) run the same app
behind nginx and under a warehouse swap.
"""

from __future__ import annotations

import pytest
from streamlit.testing.v1 import AppTest

from dashboard import auth, data
from tests.dashboard_fixtures import A, DATA_VERSION, HOSTILE_TITLE, synthetic_warehouse  # noqa: F401
from tests.test_dashboard_app import APP, everything, query_of

OIDC_SECRETS = {
    "redirect_uri": "https://dashboard.example.org/oauth2callback",
    "cookie_secret": "a-test-secret-that-is-long-enough-for-hmac-sha256",
    "client_id": "client", "client_secret": "secret",
    "server_metadata_url": "https://id.example.org/.well-known/openid-configuration",
}


@pytest.fixture
def opened(synthetic_warehouse, monkeypatch):
    """Every call to read the warehouse, recorded: an anonymous visitor must cause none."""
    monkeypatch.setenv("WAREHOUSE_DIR", str(synthetic_warehouse))
    for name in (auth.AUTH_ENV, auth.HEADER_ENV, auth.ALLOWED_ENV, auth.UPLOAD_ENV, auth.PROVIDER_ENV):
        monkeypatch.delenv(name, raising=False)
    calls = []
    real = data.current_warehouse

    def spy():
        calls.append(1)
        return real()

    monkeypatch.setattr(data, "current_warehouse", spy)
    return calls


def run(query: dict | None = None, *, secrets: dict | None = None, user: dict | None = None) -> AppTest:
    at = AppTest.from_file(APP, default_timeout=60)
    for key, value in (query or {}).items():
        at.query_params[key] = value
    if secrets is not None:
        at.secrets["auth"] = secrets
    if user is not None:
        at.user = user
    at.run()
    assert not at.exception, [e.value for e in at.exception]
    return at


def texts(at: AppTest) -> str:
    found = []
    for element in everything(at):
        for attr in ("value", "label", "body"):
            value = getattr(element, attr, None)
            if isinstance(value, str):
                found.append(value)
    return "\n".join(found)


def shows_no_data(at: AppTest, opened: list) -> None:
    assert opened == [], "the warehouse was read for an anonymous visitor"
    assert not at.sidebar.radio and not at.sidebar.multiselect
    assert not [e for e in everything(at) if e.type == "component_instance"]  # no map
    assert DATA_VERSION not in texts(at) and "Middle Corridor" not in texts(at) and HOSTILE_TITLE not in texts(at)


# ---------------------------------------------------------------- sign-in required: anonymous visitors see no data


@pytest.mark.parametrize("page", ["map", "tables", "articles", "about", "upload"])
def test_behind_a_proxy_an_anonymous_visitor_sees_the_sign_in_page_and_no_data(opened, monkeypatch, page):
    monkeypatch.setenv(auth.AUTH_ENV, "proxy")
    monkeypatch.setenv(auth.UPLOAD_ENV, "1")
    at = run({"page": page, "countries": "KAZ"})
    assert "sign-in proxy" in at.info[0].value and "X-Forwarded-User" in at.info[0].value
    shows_no_data(at, opened)


def test_with_oidc_an_anonymous_visitor_gets_a_sign_in_button_and_no_data(opened, monkeypatch):
    monkeypatch.setenv(auth.AUTH_ENV, "oidc")
    at = run({"page": "tables"}, secrets=OIDC_SECRETS, user={"is_logged_in": False})
    assert "signed-in users only" in at.info[0].value
    assert [b.label for b in at.button] == ["Sign in"]
    shows_no_data(at, opened)


def test_oidc_without_its_secrets_fails_closed(opened, monkeypatch):
    monkeypatch.setenv(auth.AUTH_ENV, "oidc")
    at = run()
    assert "not configured" in at.error[0].value and "[auth]" in at.error[0].value
    assert not at.button
    shows_no_data(at, opened)


def test_an_unknown_auth_mode_fails_closed(opened, monkeypatch):
    monkeypatch.setenv(auth.AUTH_ENV, "yes-please")
    at = run({"lang": "ru"})
    assert "DASHBOARD_AUTH" in at.error[0].value
    shows_no_data(at, opened)


def test_a_signed_in_user_not_on_the_list_sees_no_data(opened, monkeypatch):
    monkeypatch.setenv(auth.AUTH_ENV, "oidc")
    monkeypatch.setenv(auth.ALLOWED_ENV, "@analysts.example.org, boss@example.org")
    at = run(secrets=OIDC_SECRETS, user={"is_logged_in": True, "email": "eve@elsewhere.example"})
    assert "eve" in at.error[0].value and "not among" in at.error[0].value
    assert [b.label for b in at.button] == ["Sign out"]
    shows_no_data(at, opened)


def test_a_signed_in_user_sees_the_data_their_name_and_the_upload_page_when_enabled(opened, monkeypatch):
    monkeypatch.setenv(auth.AUTH_ENV, "oidc")
    monkeypatch.setenv(auth.ALLOWED_ENV, "@analysts.example.org")
    monkeypatch.setenv(auth.UPLOAD_ENV, "1")
    at = run({"page": "upload"}, secrets=OIDC_SECRETS,
             user={"is_logged_in": True, "email": "ana@analysts.example.org", "name": "Ana"})
    assert opened
    assert "Add articles" in [h.value for h in at.header]
    assert "Add articles" in at.sidebar.radio[0].options
    assert any("Signed in as ana@analysts" in c.value for c in at.sidebar.caption)
    assert "Sign out" in [b.label for b in at.sidebar.button]
    assert query_of(at)["page"] == "upload"


def test_the_open_instance_has_no_upload_page_even_when_switched_on(opened, monkeypatch):
    monkeypatch.setenv(auth.UPLOAD_ENV, "1")  # but DASHBOARD_AUTH is off: nobody is signed in
    at = run({"page": "upload"})
    assert "Add articles" not in at.sidebar.radio[0].options
    assert query_of(at)["page"] == "map"
    assert "Map" in [h.value for h in at.header]


# ---------------------------------------------------------------- who the proxy says is there


@pytest.mark.parametrize("headers, env, expected", [
    ({"X-Forwarded-User": "alice"}, {}, "alice"),
    ({"x-forwarded-user": "  alice  "}, {}, "alice"),
    ({"X-Forwarded-User": ""}, {}, None),
    ({"X-Auth-Request-Email": "a@example.org"}, {}, None),  # not the configured header
    ({"X-Auth-Request-Email": "a@example.org"}, {auth.HEADER_ENV: "X-Auth-Request-Email"}, "a@example.org"),
    ({"X-Forwarded-User": "al\x00ice\n"}, {}, "alice"),
    ({"X-Forwarded-User": "x" * 1000}, {}, "x" * auth.MAX_USER_CHARS),
    ({}, {}, None),
    (None, {}, None),
])
def test_header_user(headers, env, expected):
    assert auth.header_user(headers, env) == expected


@pytest.mark.parametrize("user, listed, expected", [
    ("ana@analysts.example.org", "", True),
    ("ana@analysts.example.org", "@analysts.example.org", True),
    ("ANA@Analysts.Example.org", "@analysts.example.org", True),
    ("ana@analysts.example.org.evil", "@analysts.example.org", False),
    ("boss@example.org", "@analysts.example.org, boss@example.org", True),
    ("boss2@example.org", "boss@example.org", False),
    (None, "", False),
])
def test_allowed_users(user, listed, expected):
    assert auth.allowed(user, {auth.ALLOWED_ENV: listed}) is expected


@pytest.mark.parametrize("value, mode", [(None, "off"), ("", "off"), ("OIDC", "oidc"), (" proxy ", "proxy")])
def test_auth_mode(value, mode):
    assert auth.auth_mode({} if value is None else {auth.AUTH_ENV: value}) == mode


# ---------------------------------------------------------------- About the data


def test_about_page_names_version_build_time_counts_sources_and_limits(opened):
    at = run({"page": "about"})
    assert "About the data" in [h.value for h in at.header]
    body = texts(at).replace("\\", "")  # Markdown escapes
    assert f"Data version **{DATA_VERSION}**, built 2025-07-01T00:00:00Z" in body
    assert f"v={DATA_VERSION}" in body
    assert {m.label: m.value for m in at.metric} == {"Articles": "5", "Corridors": "3", "Projects": "4", "Deals": "4",
                                                     "Rejected inputs": "0"}
    sources = at.dataframe[0].value
    assert set(sources["source"]) >= {"Kursiv", "Neftegaz", f"inbox/{A['undated'][:8]}.txt"}
    assert "Dated articles from 2024-11-01 to 2025-06-17; 1 without a date." in body
    assert "Known limits of the extraction" in [s.value for s in at.subheader]
    assert "otherwise it is undated (1 here)" in body.replace("Otherwise", "otherwise")
    assert "not on the map (1 here)" in body and "(2 records here)" in body  # a corridor and the plant


def test_about_page_in_russian(opened):
    at = run({"page": "about", "lang": "ru"})
    assert "О данных" in [h.value for h in at.header]
    assert "Известные ограничения извлечения" in [s.value for s in at.subheader]


# ---------------------------------------------------------------- links from another data version


@pytest.mark.parametrize("page", ["map", "timeseries", "tables", "articles", "about"])
def test_a_link_from_another_data_version_says_so_instead_of_silently_showing_other_numbers(opened, page):
    at = run({"page": page, "v": "0ld0ld0ld0ld"})
    warnings = [w.value for w in at.warning]
    assert any("data version 0ld0ld0ld0ld" in w and DATA_VERSION in w for w in warnings), warnings
    assert query_of(at)["v"] == DATA_VERSION  # the address bar now names the version shown


def test_a_link_with_the_current_version_shows_no_notice(opened):
    at = run({"page": "tables", "v": DATA_VERSION})
    assert not at.warning
