"""Amounts on pages: ``core.amounts.shown_amount`` in the page's language, the company's
decimals for the exact figure, the exact figure as the hover text.

``ui`` sits below ``org``, where the company's settings live, so ``org`` registers how to read
its currency decimals (``currency_decimals_register``); they are read once per request, and
forgotten when the settings are saved.
"""

from __future__ import annotations

from collections.abc import Callable
from contextvars import ContextVar
from decimal import Decimal
from typing import Any

from django.core.signals import request_finished, request_started
from django.utils.html import format_html
from django.utils.safestring import SafeString
from django.utils.translation import get_language

from salestarget.core.amounts import shown_amount

DEFAULT_DECIMALS = 2

_source: Callable[[], int] | None = None
# The decimals read in this request (None outside a request: read each time, so a test or a
# command that changes the settings never sees a stale figure).
_per_request: ContextVar[dict[str, int] | None] = ContextVar("amounts_request", default=None)
# Whether this page shortened an amount, so that it says how (``{% rounding_note %}``).
_shortened: ContextVar[bool] = ContextVar("amounts_shortened", default=False)


def currency_decimals_register(source: Callable[[], int]) -> None:
    """Called by ``org`` at start: ``source()`` answers the company's currency decimals."""
    global _source
    _source = source


def _request_started(**_kwargs: Any) -> None:
    _per_request.set({})
    _shortened.set(False)


def currency_decimals_forget(**_kwargs: Any) -> None:
    """Forget what this request remembered (it ended, or the company's settings changed)."""
    _per_request.set(None)
    _shortened.set(False)


request_started.connect(_request_started, dispatch_uid="ui.amounts.start")
request_finished.connect(currency_decimals_forget, dispatch_uid="ui.amounts.forget")


def amounts_shortened() -> bool:
    """Whether an amount was shown shortened since the request started."""
    return _shortened.get()


def currency_decimals() -> int:
    """The company's currency decimals (2 until ``org`` registers its settings)."""
    remembered = _per_request.get()
    if remembered is not None and "decimals" in remembered:
        return remembered["decimals"]
    decimals = _source() if _source is not None else DEFAULT_DECIMALS
    if remembered is not None:
        remembered["decimals"] = decimals
    return decimals


def amount_text(value: Any, *, decimals: int | None = None, signed: bool = False) -> str:
    """``value`` shortened in the language of the moment, as plain text (an image, a chat
    message, a notification): "—" for None."""
    if value is None or value == "":
        return "—"
    places = currency_decimals() if decimals is None else int(decimals)
    return shown_amount(
        Decimal(value), language=get_language() or "zh", decimals=places, signed=signed
    ).text


def amount_html(value: Any, *, decimals: int | None = None, signed: bool = False) -> SafeString:
    """``value`` as pages show an amount: ``<span class="num" title="exact">short</span>``;
    empty for None. ``decimals``: the exact figure's places (the company's by default)."""
    if value is None or value == "":
        return SafeString("")
    places = currency_decimals() if decimals is None else int(decimals)
    shown = shown_amount(
        Decimal(value), language=get_language() or "zh", decimals=places, signed=signed
    )
    if shown.shortened:
        _shortened.set(True)
    return format_html('<span class="num" title="{}">{}</span>', shown.exact, shown.text)
