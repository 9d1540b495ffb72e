from django.apps import AppConfig

# The text fields of this app's models that hold no personal data, and why (core/text_retention.py).
NOT_PERSONAL = {
    "core.AuditEvent.*": "append-only; services write codes, references and field names only (tested)",
    "core.Job.*": "job kinds and ids of rows; errors carry no typed text",
    "core.LiveEvent.*": "a topic name and ids of changed rows, kept ten minutes",
    "core.WorkerHeartbeat.*": "a worker's host name and process id",
    "*.kind": "history kind codes",
    "*.from_status": "status codes",
    "*.to_status": "status codes",
    "*.note": "history notes hold codes, references, organisation and staff names, never typed text (tested)",
}


class CoreConfig(AppConfig):
    name = "gipz.core"
    label = "core"

    def ready(self) -> None:
        from gipz.core import checks, housekeeping  # noqa: F401  the deploy checks; the job table's purge
        from gipz.core.text_retention import text_not_personal

        text_not_personal("core", NOT_PERSONAL)
