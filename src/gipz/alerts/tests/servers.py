"""Real peers for the delivery tests, on 127.0.0.1 and a free port each: an SMTP server (aiosmtpd), and one small
HTTP server that plays a push service or an SMS gateway and records what it was sent."""

from __future__ import annotations

import socket
import threading
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from typing import Any


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return int(sock.getsockname()[1])


@dataclass
class Received:
    path: str
    headers: dict[str, str]
    body: bytes


@dataclass
class HttpPeer:
    """Answers every POST with `status` and `answer`; keeps what it received."""

    port: int
    status: int = 201
    answer: bytes = b"{}"
    received: list[Received] = field(default_factory=list)

    @property
    def url(self) -> str:
        return f"http://127.0.0.1:{self.port}"


@contextmanager
def http_peer(status: int = 201, answer: bytes = b"{}") -> Iterator[HttpPeer]:
    peer = HttpPeer(port=free_port(), status=status, answer=answer)

    class Handler(BaseHTTPRequestHandler):
        def do_POST(self) -> None:
            length = int(self.headers.get("Content-Length", "0"))
            peer.received.append(Received(self.path, {k.lower(): v for k, v in self.headers.items()},
                                          self.rfile.read(length)))  # fmt: skip
            self.send_response(peer.status)
            self.send_header("Content-Type", "application/json")
            self.send_header("Content-Length", str(len(peer.answer)))
            self.end_headers()
            self.wfile.write(peer.answer)

        def log_message(self, *args: Any) -> None:
            return

    server = ThreadingHTTPServer(("127.0.0.1", peer.port), Handler)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    try:
        yield peer
    finally:
        server.shutdown()
        server.server_close()


@dataclass
class Mailbox:
    port: int
    messages: list[Any] = field(default_factory=list)


@contextmanager
def smtp_server() -> Iterator[Mailbox]:
    from aiosmtpd.controller import Controller
    from aiosmtpd.handlers import Message

    box = Mailbox(port=free_port())

    class Keep(Message):  # type: ignore[misc]
        def handle_message(self, message: Any) -> None:
            box.messages.append(message)

    controller = Controller(Keep(), hostname="127.0.0.1", port=box.port)
    controller.start()
    try:
        yield box
    finally:
        controller.stop()
