"""The `gipz` console script: operational commands beside manage.py (`gipz worker`, `gipz loaddemo`, ...)."""

from __future__ import annotations

import os
import sys


def main() -> None:
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "config.settings")
    from django.core.exceptions import ImproperlyConfigured
    from django.core.management import execute_from_command_line
    from django.db.utils import OperationalError, ProgrammingError

    args = sys.argv[1:]
    # `gipz config-docs` and `gipz config_docs` both work: command names use dashes on the command line.
    if args:
        args[0] = args[0].replace("-", "_")
    try:
        execute_from_command_line(["gipz", *args])
    except ImproperlyConfigured as exc:  # a bad setting is the operator's input: a message, not a traceback
        sys.stderr.write(f"gipz: configuration error: {exc}\nSee docs/configuration.md.\n")
        sys.exit(2)
    except (OperationalError, ProgrammingError) as exc:  # unreachable or unmigrated database
        sys.stderr.write(f"gipz: database error: {exc}\nIs the database reachable, and did you run `gipz migrate`?\n")
        sys.exit(2)


if __name__ == "__main__":
    main()
