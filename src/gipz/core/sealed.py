"""Secrets GIPZ must be able to read back (a webhook's signing secret, an identity provider's client secret), stored
encrypted (Fernet: AES-128-CBC with HMAC-SHA256) under a key derived from GIPZ_SECRET_KEY and the purpose. Changing
GIPZ_SECRET_KEY makes them unreadable: they are then set again (docs/operations.md)."""

from __future__ import annotations

import base64
import hashlib

from cryptography.fernet import Fernet
from django.conf import settings


def _fernet(purpose: str) -> Fernet:
    key = hashlib.sha256(f"gipz-sealed:{purpose}:".encode() + settings.SECRET_KEY.encode()).digest()
    return Fernet(base64.urlsafe_b64encode(key))


def seal(purpose: str, secret: str) -> bytes:
    return _fernet(purpose).encrypt(secret.encode())


def unseal(purpose: str, sealed: bytes | memoryview) -> str:
    return _fernet(purpose).decrypt(bytes(sealed)).decode()
