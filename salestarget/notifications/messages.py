"""What a notification says, kept as message keys with arguments and rendered when it is read.

A notification is stored once for its recipient but read in whatever language they use then,
so its text is not frozen at sending: the sender gives a :class:`Message` — the source msgid
(marked with ``gettext_noop`` so ``makemessages`` finds it) and its arguments — and the reader's
active language renders it (``render``). Arguments keep what they are:

- ``str``/``int``: shown as given (a name, a note typed by a person);
- :class:`Amount` and :class:`Ratio`: numbers, formatted for the reader (万/亿 or K/M through
  ``ui.amounts``, a ratio as a percentage), never a raw "11519000";
- a lazy translation (``gettext_lazy``, e.g. a choice's label) or another :class:`Message`:
  translated too;
- :class:`Names`: a name that has its own English form (a metric's ``name_en``).

Stored as JSON: ``{"key": msgid, "args": {...}}`` for a message, ``{"text": …}`` for free text.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from decimal import Decimal, InvalidOperation
from typing import Any, TypeAlias, Union

from django.utils.functional import Promise
from django.utils.translation import get_language, gettext, pgettext

from salestarget.core.money import quantize
from salestarget.ui.amounts import amount_text as ui_amount_text


@dataclass(frozen=True)
class Amount:
    """A money or metric figure, shown grouped with ``places`` decimals ("—" for None)."""

    value: Decimal | int | None
    places: int = 2


@dataclass(frozen=True)
class Ratio:
    """A fraction shown as a percentage (0.3 → 30.0%)."""

    value: Decimal


@dataclass(frozen=True)
class Names:
    """A name with its own English form (shown in Chinese when English has none)."""

    zh: str
    en: str = ""


Arg: TypeAlias = Union[str, int, Amount, Ratio, Names, Promise, "Message", None]


@dataclass(frozen=True)
class Message:
    key: str
    args: Mapping[str, Arg] = field(default_factory=dict)

    def stored(self) -> dict[str, Any]:
        return {"key": self.key, "args": {k: _arg_stored(v) for k, v in self.args.items()}}


def message(key: str, **args: Arg) -> Message:
    """``message(gettext_noop("已逾期：%(what)s"), what=…)``."""
    return Message(key, args)


Text: TypeAlias = "str | Message"


def stored(text: Text | Sequence[Text]) -> list[dict[str, Any]]:
    """``text`` (one part, or parts shown one per line) as it is kept in the database."""
    parts = [text] if isinstance(text, str | Message) else list(text)
    return [p.stored() if isinstance(p, Message) else {"text": p} for p in parts if p != ""]


def _arg_stored(value: Arg) -> Any:
    if isinstance(value, Message):
        return {"msg": value.stored()}
    if isinstance(value, Amount):
        if value.value is None:
            return "—"
        return {"amount": str(value.value), "places": value.places}
    if isinstance(value, Ratio):
        return {"ratio": str(value.value)}
    if isinstance(value, Names):
        return {"zh": value.zh, "en": value.en}
    if isinstance(value, Promise):
        args: tuple[Any, ...] = getattr(value, "_args", ())  # a lazy gettext keeps its msgid
        if len(args) == 1 and isinstance(args[0], str):
            return {"msg": {"key": args[0], "args": {}}}
        if len(args) == 2 and all(isinstance(a, str) for a in args):
            return {"msg": {"key": args[1], "context": args[0], "args": {}}}
        return str(value)
    if value is None:
        return "—"
    return value


def render(parts: Sequence[Mapping[str, Any]]) -> str:
    """The stored parts in the active language, one per line."""
    return "\n".join(_render_part(p) for p in parts)


def _render_part(part: Mapping[str, Any]) -> str:
    if "text" in part:
        return str(part["text"])
    key = str(part.get("key", ""))
    text = pgettext(part["context"], key) if part.get("context") else gettext(key)
    args = {k: _arg_text(v) for k, v in (part.get("args") or {}).items()}
    if not args:
        return text
    try:
        return text % args
    except (KeyError, ValueError, TypeError):  # a translation that lost a placeholder
        return key % args


def _arg_text(value: Any) -> str | int:
    if isinstance(value, dict):
        if "msg" in value:
            return _render_part(value["msg"])
        if "amount" in value:
            return amount_text(value["amount"], int(value.get("places", 2)))
        if "ratio" in value:
            return ratio_text(value["ratio"])
        if "zh" in value:
            english = (get_language() or "").startswith("en")
            return str(value["en"] if english and value.get("en") else value["zh"])
    return value if isinstance(value, int) else str(value)  # an int may fill a %d


def amount_text(raw: str | Decimal, places: int = 2) -> str:
    """A figure in the units the reader reads (``ui.amounts``, the one amount format):
    ``11519000`` → ``1,151.90万`` in Chinese, ``11.52M`` in English."""
    try:
        number = Decimal(raw)
    except (InvalidOperation, ValueError):
        return str(raw)
    return ui_amount_text(number, decimals=places)


def ratio_text(raw: str | Decimal) -> str:
    try:
        number = quantize(Decimal(raw) * 100, 1)
    except (InvalidOperation, ValueError):
        return str(raw)
    return f"{number:,.1f}%"
