"""Request guards: body size cap, same-origin writes, optional token, safe response headers."""

from __future__ import annotations

import hmac
import secrets
import threading
import time
from urllib.parse import urlsplit

from fastapi import HTTPException, Request
from starlette.types import ASGIApp, Message, Receive, Scope, Send

__all__ = [
    "TOKEN_COOKIE",
    "BodyLimit",
    "LoginThrottle",
    "SecurityHeaders",
    "Sessions",
    "require_write",
    "write_allowed",
]

TOKEN_COOKIE = "detente_token"
UNSAFE_METHODS = frozenset({"POST", "PUT", "PATCH", "DELETE"})

CONTENT_SECURITY_POLICY = (
    "default-src 'self'; script-src 'self'; style-src 'self' 'unsafe-inline'; "
    "img-src 'self' data: blob:; font-src 'self' data:; connect-src 'self'; "
    "object-src 'none'; base-uri 'none'; frame-ancestors 'none'; form-action 'self'"
)


class BodyLimit:
    """ASGI middleware refusing request bodies larger than ``limit`` bytes with 413.

    Checks the declared Content-Length first and also counts streamed bytes, so a chunked
    upload cannot exceed the cap either.
    """

    def __init__(self, app: ASGIApp, limit: int) -> None:
        self.app = app
        self.limit = limit

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return
        declared = dict(scope.get("headers") or []).get(b"content-length")
        if declared is not None and declared.isdigit() and int(declared) > self.limit:
            await self._refuse(scope, send)
            return
        received = 0
        started = False

        async def counting_receive() -> Message:
            nonlocal received
            message = await receive()
            if message["type"] == "http.request":
                received += len(message.get("body", b""))
                if received > self.limit:
                    raise _TooLarge()
            return message

        async def tracking_send(message: Message) -> None:
            nonlocal started
            if message["type"] == "http.response.start":
                started = True
            await send(message)

        try:
            await self.app(scope, counting_receive, tracking_send)
        except _TooLarge:
            if not started:
                await self._refuse(scope, send)

    async def _refuse(self, scope: Scope, send: Send) -> None:
        import json

        body = json.dumps(
            {
                "error": f"the request is larger than the {self.limit:,} bytes allowed",
                "hint": "upload a smaller scenario file",
            }
        ).encode()
        await send(
            {
                "type": "http.response.start",
                "status": 413,
                "headers": [
                    (b"content-type", b"application/json"),
                    (b"content-length", str(len(body)).encode()),
                ],
            }
        )
        await send({"type": "http.response.body", "body": body})


class _TooLarge(Exception):
    pass


SECURITY_HEADERS = (
    (b"content-security-policy", CONTENT_SECURITY_POLICY.encode()),
    (b"x-content-type-options", b"nosniff"),
    (b"x-frame-options", b"DENY"),
    (b"referrer-policy", b"same-origin"),
)


class SecurityHeaders:
    """ASGI middleware adding the security headers to every HTTP response (cheaply)."""

    def __init__(self, app: ASGIApp) -> None:
        self.app = app

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return

        async def with_headers(message: Message) -> None:
            if message["type"] == "http.response.start":
                present = {name.lower() for name, _ in message.get("headers", [])}
                extra = [(n, v) for n, v in SECURITY_HEADERS if n not in present]
                message = {**message, "headers": [*message.get("headers", []), *extra]}
            await send(message)

        await self.app(scope, receive, with_headers)


def _same_origin(request: Request) -> bool:
    """Browsers send Origin on cross-site writes; refuse them (CSRF against a local server)."""
    origin = request.headers.get("origin")
    if origin is None:  # not a browser, or a same-origin GET-like navigation
        return True
    host = request.headers.get("host", "")
    return urlsplit(origin).netloc == host


class Sessions:
    """Server-side sign-in sessions: the cookie holds a random id, never the token.

    Logging out revokes the id; sessions also expire after ``lifetime`` seconds.
    """

    def __init__(self, lifetime: float = 12 * 3600) -> None:
        self.lifetime = lifetime
        self._expires: dict[str, float] = {}
        self._lock = threading.Lock()

    def open(self) -> str:
        session = secrets.token_urlsafe(32)
        with self._lock:
            self._expires[session] = time.monotonic() + self.lifetime
        return session

    def valid(self, session: str) -> bool:
        with self._lock:
            expires = self._expires.get(session)
            if expires is not None and expires < time.monotonic():
                del self._expires[session]
                return False
        return expires is not None

    def revoke(self, session: str) -> None:
        with self._lock:
            self._expires.pop(session, None)


class LoginThrottle:
    """At most ``attempts`` failed sign-ins per client address in ``window`` seconds."""

    def __init__(self, attempts: int = 5, window: float = 60.0) -> None:
        self.attempts = attempts
        self.window = window
        self._failures: dict[str, list[float]] = {}
        self._lock = threading.Lock()

    def _recent(self, client: str, now: float) -> list[float]:
        recent = [t for t in self._failures.get(client, []) if now - t < self.window]
        self._failures[client] = recent
        return recent

    def retry_after(self, client: str) -> int:
        """Seconds until ``client`` may try again (0: now)."""
        now = time.monotonic()
        with self._lock:
            recent = self._recent(client, now)
            if len(recent) < self.attempts:
                return 0
            return max(1, int(self.window - (now - recent[0])) + 1)

    def failed(self, client: str) -> None:
        now = time.monotonic()
        with self._lock:
            self._recent(client, now).append(now)


def write_allowed(request: Request) -> bool:
    """Whether this request may write: same origin, and the token when one is configured."""
    token: str | None = request.app.state.token
    if token is None:
        return True
    session = request.cookies.get(TOKEN_COOKIE)
    if session and request.app.state.sessions.valid(session):
        return True
    offered = ""
    authorization = request.headers.get("authorization", "")
    if authorization.lower().startswith("bearer "):
        offered = authorization[7:].strip()
    offered = request.headers.get("x-detente-token", offered)
    return hmac.compare_digest(offered.encode(), token.encode())


def require_write(request: Request) -> None:
    """FastAPI dependency of every endpoint that writes."""
    if not _same_origin(request):
        raise HTTPException(403, detail="cross-origin writes are refused")
    if not write_allowed(request):
        raise HTTPException(
            401,
            detail="this server requires a token for writes: send 'Authorization: Bearer TOKEN'"
            " or sign in at /login",
        )
