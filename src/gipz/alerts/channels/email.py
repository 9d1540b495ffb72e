"""E-mail over SMTP: `GIPZ_SMTP_URL` (smtp://user:pass@host:587 with STARTTLS, smtps:// for TLS from the start,
smtp+plain:// only for a relay on the same host). Empty: the message is written to the log instead."""

from __future__ import annotations

import logging
import smtplib
from urllib.parse import unquote, urlsplit

from django.conf import settings
from django.core.mail import EmailMessage, get_connection

from gipz.alerts.channels import DeliveryError
from gipz.alerts.message import AlertText

log = logging.getLogger(__name__)
SCHEMES = {"smtp": {"use_tls": True}, "smtps": {"use_ssl": True}, "smtp+plain": {}}


def _connection(url: str) -> object:
    parts = urlsplit(url)
    default_port = {"smtp": 587, "smtps": 465, "smtp+plain": 25}[parts.scheme]
    return get_connection(
        "django.core.mail.backends.smtp.EmailBackend",
        host=parts.hostname,
        port=parts.port or default_port,
        username=unquote(parts.username or ""),
        password=unquote(parts.password or ""),
        timeout=20,
        fail_silently=False,
        **SCHEMES[parts.scheme],
    )


def send(address: str, text: AlertText) -> str:
    url = settings.GIPZ_SMTP_URL
    if not url:
        log.info("alert e-mail (no GIPZ_SMTP_URL set) to user address on file: %s", text.subject())
        return "geschreven naar het log (geen GIPZ_SMTP_URL)"
    message = EmailMessage(
        subject=text.subject(),
        body=text.email_body(),
        from_email=settings.GIPZ_ALERT_FROM,
        to=[address],
        connection=_connection(url),
    )
    try:
        message.send()
    except (smtplib.SMTPException, OSError) as error:
        raise DeliveryError(f"SMTP: {type(error).__name__}: {str(error)[:200]}") from None
    return "afgeleverd bij de mailserver"
