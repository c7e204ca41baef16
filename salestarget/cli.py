"""The ``salestarget`` console command: Django's management commands under one name.

``salestarget demo --scale small``, ``salestarget import sales.csv``, ``salestarget rollups
rebuild``, ``salestarget bench``, ``salestarget backup`` … and every stock command
(``salestarget migrate``, ``salestarget runserver``).

Messages come in the terminal's language when it is one SalesTarget speaks (``LANG=en_US.UTF-8``
gives English), else in the site's default, Chinese; ``--lang en`` (anywhere on the line) or
``SALESTARGET_LANGUAGE=en`` / ``zh-hans`` says so outright. The web pages follow each browser's
language, as before.
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


def language_option(argv: list[str]) -> tuple[str | None, list[str]]:
    """``--lang X`` / ``--lang=X`` taken out of the command line: (what it asks, the rest).
    No Django command has an option of that name, so it may stand anywhere."""
    rest: list[str] = []
    asked: str | None = None
    words = iter(argv)
    for word in words:
        if word == "--lang":
            asked = next(words, "")
        elif word.startswith("--lang="):
            asked = word.partition("=")[2]
        else:
            rest.append(word)
    return asked, rest


def version() -> str:
    """``salestarget 0.1.0 (Django 5.2.19)``, from the installed packages' metadata: answered
    without starting Django, so it takes milliseconds, not the second a setup takes."""
    from importlib.metadata import PackageNotFoundError
    from importlib.metadata import version as installed

    try:
        ours = installed("salestarget")
    except PackageNotFoundError:  # run from a source tree that was never installed
        ours = "unknown"
    return f"salestarget {ours} (Django {installed('django')})"


def main() -> None:
    if sys.argv[1:] in (["--version"], ["version"]):
        print(version())
        return
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "salestarget.settings")
    asked, argv = language_option(sys.argv[1:])
    if asked is not None:
        language = terminal_language({"SALESTARGET_LANGUAGE": asked})
        if language is None:
            sys.exit(f"--lang {asked!r}: one of en, zh-hans")
    else:
        language = terminal_language(os.environ)
    import django
    from django.core.management import execute_from_command_line
    from django.utils import translation

    django.setup()
    if language:
        translation.activate(language)
    execute_from_command_line(["salestarget", *argv])


if __name__ == "__main__":
    main()
