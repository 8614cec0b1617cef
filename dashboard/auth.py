"""Who may look: access control for a shared instance.

`DASHBOARD_AUTH` chooses how a visitor is identified:

- `off` (the default): no sign-in; whoever reaches the server sees the data (a laptop, a closed network).
- `oidc`: Streamlit's built-in OpenID Connect login (`st.login`), configured by the `[auth]` section of
  `.streamlit/secrets.toml` (redirect_uri, cookie_secret, client_id, client_secret,
  server_metadata_url). `DASHBOARD_AUTH_PROVIDER` names an `[auth.<provider>]` section instead.
- `proxy`: an authenticating reverse proxy (oauth2-proxy, nginx `auth_basic`, a company SSO gateway)
  signs the visitor in and names them in a request header, `DASHBOARD_AUTH_HEADER` (default
  `X-Forwarded-User`; oauth2-proxy sends `X-Auth-Request-Email`). The header is trusted only in this
  mode, so the Streamlit port must then be reachable through the proxy alone (`ADDRESS=127.0.0.1`).

With `oidc` or `proxy`, an anonymous visitor gets a sign-in page and no data: the entry script stops
before it opens the warehouse. `DASHBOARD_ALLOWED_USERS` (comma-separated addresses or `@domain`
entries) narrows who may look; empty means every signed-in user. Anything misconfigured (an unknown
mode, OIDC without its secrets) fails closed.
"""

from __future__ import annotations

import os
import unicodedata
from collections.abc import Mapping
from dataclasses import dataclass

import streamlit as st

from dashboard.i18n import t
from dashboard.markup import md_escape

AUTH_ENV = "DASHBOARD_AUTH"
HEADER_ENV = "DASHBOARD_AUTH_HEADER"
PROVIDER_ENV = "DASHBOARD_AUTH_PROVIDER"
ALLOWED_ENV = "DASHBOARD_ALLOWED_USERS"
UPLOAD_ENV = "DASHBOARD_UPLOAD"
MODES = ("off", "oidc", "proxy")
DEFAULT_HEADER = "X-Forwarded-User"
MAX_USER_CHARS = 256


@dataclass(frozen=True)
class Visitor:
    mode: str  # "off", "oidc" or "proxy"
    user: str | None = None  # who signed in (None: anonymous, or mode "off")

    @property
    def signed_in(self) -> bool:
        return self.user is not None


def auth_mode(environ: Mapping[str, str] = os.environ) -> str:
    """The configured mode; an unknown value is returned as is, and `gate()` refuses it."""
    return (environ.get(AUTH_ENV) or "off").strip().lower()


def upload_enabled(environ: Mapping[str, str] = os.environ) -> bool:
    return (environ.get(UPLOAD_ENV) or "").strip().lower() in ("1", "true", "yes", "on")


def clean_user(value: object) -> str | None:
    """A user name from a header or a token claim: printable, trimmed, bounded; empty → None."""
    if not isinstance(value, str):
        return None
    text = "".join(ch for ch in value if unicodedata.category(ch)[0] != "C").strip()
    return text[:MAX_USER_CHARS] or None


def header_user(headers: Mapping[str, str] | None, environ: Mapping[str, str] = os.environ) -> str | None:
    """The user the authenticating proxy names in its header (case-insensitive lookup)."""
    if not headers:
        return None
    wanted = (environ.get(HEADER_ENV) or DEFAULT_HEADER).strip().lower()
    for name, value in headers.items():
        if name.lower() == wanted:
            return clean_user(value)
    return None


def allowed(user: str | None, environ: Mapping[str, str] = os.environ) -> bool:
    """Whether `user` may look: listed by address, or by `@domain`; an empty list lets everyone in."""
    if user is None:
        return False
    entries = [e.strip().lower() for e in (environ.get(ALLOWED_ENV) or "").split(",") if e.strip()]
    if not entries:
        return True
    name = user.strip().lower()
    return any(name == e or (e.startswith("@") and name.endswith(e)) for e in entries)


def _oidc_user() -> str | None:
    user = st.user
    if not user.get("is_logged_in"):
        return None
    for claim in ("email", "preferred_username", "name", "sub"):
        found = clean_user(user.get(claim))
        if found:
            return found
    return "?"


def _oidc_problem() -> str | None:
    """Why OIDC login cannot work here (missing Authlib or secrets), or None."""
    import importlib.util

    if importlib.util.find_spec("authlib") is None:
        return "Authlib is not installed (pip install -r requirements.txt)"
    try:
        section = st.secrets.get("auth")
    except Exception:  # no secrets.toml at all
        section = None
    if not section:
        return "no [auth] section in .streamlit/secrets.toml"
    provider = (os.environ.get(PROVIDER_ENV) or "").strip()
    if provider and provider not in section:
        return f"no [auth.{provider}] section in .streamlit/secrets.toml"
    return None


def gate(lang: str) -> Visitor:
    """Who is looking; stops the run with a sign-in page when a required sign-in is missing.

    Call before anything reads the warehouse: a stopped run has shown no data.
    """
    _load_secrets()
    mode = auth_mode()
    if mode == "off":
        return Visitor("off")
    if mode not in MODES:
        _refuse(lang, t("auth_bad_mode", lang, value=mode, modes=", ".join(MODES)))
    if mode == "proxy":
        user = header_user(st.context.headers)
        if user is None:
            _refuse(lang, t("auth_proxy_missing", lang, header=os.environ.get(HEADER_ENV) or DEFAULT_HEADER),
                    kind="info")
    else:
        problem = _oidc_problem()
        if problem:
            _refuse(lang, t("auth_oidc_unconfigured", lang, problem=problem))
        user = _oidc_user()
        if user is None:
            _login_page(lang)
    if not allowed(user):
        _refuse(lang, t("auth_not_allowed", lang, user=md_escape(user)), logout=mode == "oidc")
    return Visitor(mode, user)


def _load_secrets() -> None:
    """Root-level keys of secrets.toml become environment variables (how Community Cloud sets ours);
    the server loads them at start, this makes sure of it."""
    try:
        st.secrets.load_if_toml_exists()
    except Exception:  # a malformed secrets.toml: the settings stay as the environment has them
        pass


def sidebar_badge(visitor: Visitor, lang: str) -> None:
    """Who is signed in, and (OIDC) a way out; nothing on an open instance."""
    if not visitor.signed_in:
        return
    st.caption(t("auth_signed_in", lang, user=md_escape(visitor.user)))
    if visitor.mode == "oidc":
        st.button(t("auth_logout", lang), on_click=st.logout, icon=":material/logout:", key="auth_logout")


def _login_page(lang: str) -> None:
    st.title(t("app_title", lang))
    st.info(t("auth_required", lang), icon=":material/lock:")
    provider = (os.environ.get(PROVIDER_ENV) or "").strip() or None
    st.button(t("auth_login", lang), on_click=st.login, args=(provider,) if provider else (), type="primary",
              icon=":material/login:", key="auth_login")
    st.stop()


def _refuse(lang: str, message: str, *, kind: str = "error", logout: bool = False) -> None:
    st.title(t("app_title", lang))
    (st.info if kind == "info" else st.error)(message, icon=":material/lock:")
    if logout:
        st.button(t("auth_logout", lang), on_click=st.logout, key="auth_logout")
    st.stop()
