"""Web hardening: sessions revoked on logout, login throttling, CSV formula neutralisation."""

from __future__ import annotations

from pathlib import Path

from fastapi.testclient import TestClient

from detente.store import open_store
from detente.web.app import create_app
from detente.web.blocks import neutralise
from detente.web.security import TOKEN_COOKIE


def _client(tmp_path: Path) -> TestClient:
    store = open_store(f"sqlite:///{tmp_path / 'h.db'}")
    return TestClient(create_app(store, token="secret", job_mode="thread"))


def test_the_cookie_is_a_session_id_that_logout_revokes(tmp_path: Path) -> None:
    with _client(tmp_path) as client:
        signed_in = client.post("/login", data={"token": "secret"}, follow_redirects=False)
        session = signed_in.cookies.get(TOKEN_COOKIE)
        assert session and session != "secret"
        assert client.app.state.sessions.valid(session)  # type: ignore[attr-defined]
        client.post("/logout", follow_redirects=False)
        assert not client.app.state.sessions.valid(session)  # type: ignore[attr-defined]
        client.cookies.set(TOKEN_COOKIE, session)
        refused = client.post("/api/validate", json={"yaml": "x"})
        assert refused.status_code == 200  # validate needs no token
        write = client.post("/api/scenarios", json={"yaml": "x"})
        assert write.status_code == 401


def test_login_is_throttled_after_five_failures(tmp_path: Path) -> None:
    with _client(tmp_path) as client:
        codes = [client.post("/login", data={"token": f"guess{i}"}).status_code for i in range(7)]
        assert codes[:5] == [401] * 5
        assert codes[5:] == [429, 429]
        assert client.post("/login", data={"token": "secret"}).status_code == 429


def test_csv_cells_cannot_start_formulas() -> None:
    assert neutralise("=HYPERLINK(1)") == "'=HYPERLINK(1)"
    assert neutralise("@SUM(A1)") == "'@SUM(A1)"
    assert neutralise("+cmd") == "'+cmd"
    assert neutralise("-0.25") == "-0.25"
    assert neutralise("treaty") == "treaty"
