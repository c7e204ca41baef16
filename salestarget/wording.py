"""Lists in running text, as each language writes them."""

from __future__ import annotations

from collections.abc import Iterable

from django.utils.translation import gettext as _


def series(items: Iterable[object]) -> str:
    """``甲、乙、丙`` in Chinese, ``a, b, c`` in English."""
    # Translators: what separates the items of a list inside a sentence.
    return _("、").join(str(item) for item in items)
