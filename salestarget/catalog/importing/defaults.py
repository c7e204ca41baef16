"""The name a blank cell of a new record stands for (未指定, 未分类), as the company stores it.

The default is a translated word, but the record it names is data: an import run in English
must find the 未指定 an import in Chinese made, not make an "Unspecified" beside it."""

from __future__ import annotations

import polars as pl
from django.conf import settings
from django.utils import translation
from django.utils.functional import Promise


def default_stored(default: str | Promise, records: pl.DataFrame) -> str:
    """The name of the stored record (``records``: code and name) that ``default`` names in
    any of the site's languages; else ``default`` in the active language, to be made."""
    names = set()
    for language, _name in settings.LANGUAGES:
        with translation.override(language):
            names.add(str(default).casefold())
    found = records.filter(
        pl.col("name").str.to_lowercase().is_in(list(names))
        | pl.col("code").str.to_lowercase().is_in(list(names))
    )
    return str(found["name"][0]) if found.height else str(default)
