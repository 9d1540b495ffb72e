"""SMS through a gateway's HTTP API, in the JSON format of CM.com (a Dutch provider): `GIPZ_SMS_URL` (default its
gateway), `GIPZ_SMS_TOKEN` (the product token; empty: SMS is off) and `GIPZ_SMS_SENDER` (at most 11 characters)."""

from __future__ import annotations

import json
import re
import urllib.error
import urllib.request

from django.conf import settings

from gipz.alerts.channels import DeliveryError
from gipz.alerts.message import AlertText

DUTCH_MOBILE = re.compile(r"^(?:\+31|0031|0)6\d{8}$")


def normalise_phone(raw: str) -> str | None:
    """A Dutch mobile number as 00316xxxxxxxx (the gateway's form), or None."""
    digits = re.sub(r"[\s\-().]", "", raw)
    if not DUTCH_MOBILE.match(digits):
        return None
    return "00316" + digits[-8:]


def enabled() -> bool:
    return bool(settings.GIPZ_SMS_TOKEN)


def send(phone: str, text: AlertText, *, reference: str) -> str:
    if not enabled():
        raise DeliveryError("sms staat uit (geen GIPZ_SMS_TOKEN)")
    body = {
        "messages": {
            "authentication": {"producttoken": settings.GIPZ_SMS_TOKEN},
            "msg": [
                {
                    "from": settings.GIPZ_SMS_SENDER,
                    "to": [{"number": phone}],
                    "body": {"type": "auto", "content": text.sms()},
                    "reference": reference,
                }
            ],
        }
    }
    request = urllib.request.Request(
        settings.GIPZ_SMS_URL,
        data=json.dumps(body).encode(),
        headers={"Content-Type": "application/json"},
        method="POST",
    )
    try:
        with urllib.request.urlopen(request, timeout=20) as response:
            answer = response.read(2000).decode("utf-8", "replace")
    except urllib.error.HTTPError as error:
        raise DeliveryError(f"sms-gateway {error.code}: {error.read(200).decode('utf-8', 'replace')}") from None
    except (urllib.error.URLError, OSError) as error:
        raise DeliveryError(f"sms-gateway onbereikbaar: {error}") from None
    try:
        code = json.loads(answer).get("errorCode", 0)
    except (ValueError, AttributeError):
        code = 0
    if code:
        raise DeliveryError(f"sms-gateway weigerde: {answer[:200]}")
    return "aangenomen door de sms-gateway"
