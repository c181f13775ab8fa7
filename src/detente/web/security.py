"""Request guards: body size cap, same-origin writes, optional token, safe response headers."""

from __future__ import annotations

import hmac
from urllib.parse import urlsplit

from fastapi import HTTPException, Request
from starlette.types import ASGIApp, Message, Receive, Scope, Send

__all__ = ["TOKEN_COOKIE", "BodyLimit", "SecurityHeaders", "require_write", "write_allowed"]

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


def write_allowed(request: Request) -> bool:
    """Whether this request may write: same origin, and the token when one is configured."""
    token: str | None = request.app.state.token
    if token is None:
        return True
    offered = request.cookies.get(TOKEN_COOKIE) or ""
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
