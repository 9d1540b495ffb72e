"""Web Push (RFC 8030) with VAPID (RFC 8292) and message encryption (RFC 8291) through pywebpush.

The server's key pair: `GIPZ_VAPID_PRIVATE_KEY` (base64url, the raw 32-byte P-256 key), or the file
`vapid-private-key.txt` in the data directory that `gipz vapid-keys` writes (the demo makes one). Without either,
push is off and the settings page says so.
"""

from __future__ import annotations

import base64
from pathlib import Path

from cryptography.hazmat.primitives import serialization
from cryptography.hazmat.primitives.asymmetric import ec
from django.conf import settings

from gipz.alerts.channels import DeliveryError
from gipz.alerts.message import AlertText

KEY_FILE = "vapid-private-key.txt"


class SubscriptionGone(DeliveryError):
    """The push service says this subscription no longer exists (404/410): it is removed, not retried."""


def _b64(data: bytes) -> str:
    return base64.urlsafe_b64encode(data).decode().rstrip("=")


def private_key() -> str:
    if settings.GIPZ_VAPID_PRIVATE_KEY:
        return str(settings.GIPZ_VAPID_PRIVATE_KEY)
    path = Path(settings.DATA_DIR) / KEY_FILE
    return path.read_text().strip() if path.exists() else ""


def enabled() -> bool:
    return bool(private_key())


def new_private_key() -> str:
    number = ec.generate_private_key(ec.SECP256R1()).private_numbers().private_value
    return _b64(number.to_bytes(32, "big"))


def write_key_file() -> Path:
    """Make the data directory's key pair (once): `gipz vapid-keys` and the demo."""
    path = Path(settings.DATA_DIR) / KEY_FILE
    if not path.exists():
        path.write_text(new_private_key() + "\n")
        path.chmod(0o600)
    return path


def public_key() -> str:
    """The applicationServerKey a browser subscribes with: the uncompressed public point, base64url."""
    raw = base64.urlsafe_b64decode(private_key() + "=" * (-len(private_key()) % 4))
    key = ec.derive_private_key(int.from_bytes(raw, "big"), ec.SECP256R1())
    point = key.public_key().public_bytes(serialization.Encoding.X962, serialization.PublicFormat.UncompressedPoint)
    return _b64(point)


def send(endpoint: str, p256dh: str, auth: str, text: AlertText) -> str:
    from pywebpush import WebPushException, webpush  # imported here: only the worker sends

    if not enabled():
        raise DeliveryError("push staat uit (geen VAPID-sleutel)")
    try:
        response = webpush(
            subscription_info={"endpoint": endpoint, "keys": {"p256dh": p256dh, "auth": auth}},
            data=text.push_payload(),
            vapid_private_key=private_key(),
            vapid_claims={"sub": settings.GIPZ_VAPID_SUBJECT},
            ttl=3600,
            timeout=20,
        )
    except WebPushException as error:
        status = error.response.status_code if error.response is not None else None
        if status in (404, 410):
            raise SubscriptionGone(f"push-dienst: abonnement bestaat niet meer ({status})") from None
        raise DeliveryError(f"push-dienst: {status or type(error).__name__}") from None
    except OSError as error:
        raise DeliveryError(f"push-dienst onbereikbaar: {type(error).__name__}") from None
    return f"aangenomen door de push-dienst ({getattr(response, 'status_code', '?')})"
