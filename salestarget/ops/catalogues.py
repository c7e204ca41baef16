"""The compiled translation catalogues (.mo) a server reads, made from the committed .po files.

A fresh clone has no .mo files (they are build output). ``salestarget start`` compiles them,
but by then Django has already read the catalogues (the console command activates the
terminal's language before any command runs) and keeps what it read for the life of the
process: an empty English catalogue, so the first start spoke Chinese until a restart. So
compiling also drops every catalogue read so far, and the next ``gettext`` reads the new files.
"""

from __future__ import annotations

import gettext
from pathlib import Path

from django.conf import settings
from django.core.management import call_command
from django.utils import translation
from django.utils.translation import trans_real


def catalogues_stale() -> list[Path]:
    """The .po files whose .mo is missing or older (compilemessages redoes them all)."""
    stale = []
    for po in (settings.BASE_DIR / "salestarget").glob("**/locale/*/LC_MESSAGES/*.po"):
        mo = po.with_suffix(".mo")
        if not mo.exists() or mo.stat().st_mtime < po.stat().st_mtime:
            stale.append(po)
    return stale


def catalogues_compile() -> bool:
    """Compile the stale catalogues, if any, and make the running process read them anew.
    True when something was compiled."""
    if not catalogues_stale():
        return False
    call_command("compilemessages", ignore_patterns=[".venv", "node_modules"], verbosity=0)
    catalogues_forget()
    return True


def catalogues_forget() -> None:
    """Drop the catalogues this process has read (Django's, and the .mo files Python's
    ``gettext`` keeps by path), keeping the active language."""
    language = translation.get_language()
    # What Django's own test signal does when LOCALE_PATHS changes (django.test.signals).
    trans_real._translations = {}  # type: ignore[attr-defined]
    trans_real._default = None  # type: ignore[attr-defined]
    trans_real.translation_catalog_exists.cache_clear()  # type: ignore[attr-defined]
    gettext._translations.clear()  # type: ignore[attr-defined]
    if language:
        translation.activate(language)
