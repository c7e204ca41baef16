"""The ``salestarget`` console command: Django's management commands under one name.

``salestarget demo --scale small``, ``salestarget import sales.csv``, ``salestarget rollups
rebuild``, ``salestarget bench``, ``salestarget backup`` … and every stock command
(``salestarget migrate``, ``salestarget runserver``).

Messages come in the terminal's language when it is one SalesTarget speaks (``LANG=en_US.UTF-8``
gives English), else in the site's default, Chinese; ``SALESTARGET_LANGUAGE=en`` or ``zh-hans``
says so outright. The web pages follow each browser's language, as before.
"""

from __future__ import annotations

import os
import sys
from collections.abc import Mapping

# Checked in gettext's order: the first variable that is set decides.
LOCALE_VARIABLES = ("SALESTARGET_LANGUAGE", "LANGUAGE", "LC_ALL", "LC_MESSAGES", "LANG")


def terminal_language(environ: Mapping[str, str]) -> str | None:
    """``en`` or ``zh-hans`` as the environment asks, None for the site's default."""
    for name in LOCALE_VARIABLES:
        value = environ.get(name, "").strip().lower()
        if not value:
            continue
        first = value.split(":")[0].split(".")[0].replace("_", "-")
        if first.startswith("en"):
            return "en"
        if first.startswith("zh"):
            return "zh-hans"
        return None  # C, POSIX or a language we do not speak: the default
    return None


def main() -> None:
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "salestarget.settings")
    import django
    from django.core.management import execute_from_command_line
    from django.utils import translation

    django.setup()
    language = terminal_language(os.environ)
    if language:
        translation.activate(language)
    execute_from_command_line(["salestarget", *sys.argv[1:]])


if __name__ == "__main__":
    main()
