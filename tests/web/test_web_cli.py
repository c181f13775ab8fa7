"""``detente serve`` options: loopback by default, a warning when exposed without a token."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest

from detente.cli.app import main


def _serve(monkeypatch: pytest.MonkeyPatch, *args: str) -> dict[str, Any]:
    import uvicorn

    captured: dict[str, Any] = {}

    def fake_run(app: Any, **options: Any) -> None:
        captured.update(options, app=app)

    monkeypatch.setattr(uvicorn, "run", fake_run)
    monkeypatch.delenv("DETENTE_TOKEN", raising=False)
    with pytest.raises(SystemExit) as stopped:
        main(["serve", *args])
    assert stopped.value.code == 0
    return captured


def test_serve_binds_loopback_by_default(
    monkeypatch: pytest.MonkeyPatch, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    options = _serve(monkeypatch, "--db", f"sqlite:///{tmp_path / 'a.db'}")
    assert options["host"] == "127.0.0.1" and options["port"] == 8000
    assert options["app"].state.token is None
    assert "warning" not in capsys.readouterr().err


def test_serve_refuses_to_be_exposed_without_a_token(
    monkeypatch: pytest.MonkeyPatch, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    import uvicorn

    called: list[Any] = []
    monkeypatch.setattr(uvicorn, "run", lambda app, **o: called.append(app))
    monkeypatch.delenv("DETENTE_TOKEN", raising=False)
    with pytest.raises(SystemExit) as stopped:
        main(["serve", "--db", f"sqlite:///{tmp_path / 'a.db'}", "--host", "0.0.0.0"])
    assert stopped.value.code == 2
    assert called == []
    assert "without a token" in capsys.readouterr().err


def test_serve_reads_the_token_from_a_file(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> None:
    (tmp_path / "token").write_text("from-file\n", encoding="utf-8")
    captured = _serve(
        monkeypatch,
        "--db",
        f"sqlite:///{tmp_path / 'a.db'}",
        "--host",
        "0.0.0.0",
        "--token-file",
        str(tmp_path / "token"),
    )
    assert captured["app"].state.token == "from-file"


def test_serve_takes_the_token_from_the_environment(
    monkeypatch: pytest.MonkeyPatch, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    import uvicorn

    captured: dict[str, Any] = {}
    monkeypatch.setattr(uvicorn, "run", lambda app, **o: captured.update(o, app=app))
    monkeypatch.setenv("DETENTE_TOKEN", "from-env")
    with pytest.raises(SystemExit):
        main(["serve", "--db", f"sqlite:///{tmp_path / 'a.db'}", "--host", "0.0.0.0"])
    assert captured["app"].state.token == "from-env"
    assert "without a token" not in capsys.readouterr().err


def test_vendored_htmx_is_the_unmodified_npm_file() -> None:
    """htmx.org@2.0.11 dist/htmx.min.js (sha256 from `npm pack htmx.org@2`), licence header
    prepended."""
    import hashlib

    from detente.web.templating import HERE, HTMX_FILE

    text = (HERE / "static" / HTMX_FILE).read_bytes()
    header_end = text.index(b"*/\n") + len(b"*/\n")
    assert b"Zero-Clause BSD" in text[:header_end]
    assert (
        hashlib.sha256(text[header_end:]).hexdigest()
        == "d6fdc75f204e6bdefa99b69bf1e6d4ac69b8a364f77929f45c13476b4000f717"
    )
