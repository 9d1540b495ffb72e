"""The text of an alert for each channel, built only from fields that carry no personal data (pure Python)."""

from __future__ import annotations

import json
from dataclasses import dataclass

from django.utils.translation import gettext as _

SMS_LIMIT = 160


@dataclass(frozen=True)
class AlertText:
    """What every channel may say: a kind's label, the reference, urgency, municipality and a link."""

    label: str  # what is asked, e.g. "Nieuw verzoek"
    reference: str
    urgency: str
    municipality: str
    url: str

    @property
    def title(self) -> str:
        urgency = f"{self.urgency} " if self.urgency else ""
        return f"GIPZ: {urgency}{self.label}"

    @property
    def line(self) -> str:
        place = f" ({self.municipality})" if self.municipality else ""
        return f"{self.reference}{place}"

    def subject(self) -> str:
        return f"{self.title} — {self.line}"

    def email_body(self) -> str:
        return "\n".join(
            [
                self.subject(),
                "",
                _("Open GIPZ voor de details:"),
                self.url,
                "",
                _(
                    "Dit bericht bevat bewust geen gegevens over personen. U krijgt het omdat u alarmering per e-mail "
                    "hebt aangezet in GIPZ (Alarmering)."
                ),
            ]
        )

    def sms(self) -> str:
        text = f"{self.subject()} {self.url}"
        return text if len(text) <= SMS_LIMIT else f"{self.title} {self.reference} {self.url}"[:SMS_LIMIT]

    def push_payload(self) -> bytes:
        return json.dumps({"title": self.title, "body": self.line, "url": self.url}).encode()
