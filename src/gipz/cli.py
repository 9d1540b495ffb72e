"""The `gipz` console script: operational commands beside manage.py (`gipz worker`, `gipz loaddemo`, ...)."""

from __future__ import annotations

import os
import sys


def main() -> None:
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "config.settings")
    from django.core.management import execute_from_command_line

    args = sys.argv[1:]
    # `gipz config-docs` and `gipz config_docs` both work: command names use dashes on the command line.
    if args:
        args[0] = args[0].replace("-", "_")
    execute_from_command_line(["gipz", *args])


if __name__ == "__main__":
    main()
