"""The API's request parser: JSON bodies and query strings as ninja reads them, minus the
NUL character.

PostgreSQL cannot store U+0000 in text ("unsupported Unicode escape sequence"), so a NUL in
any string reached the database as a server error there while SQLite stored it. No field of
ours means anything by it: it is refused here, once for every operation, with a 422 naming
where it was.
"""

from __future__ import annotations

import json
from typing import Any

from django.http import HttpRequest
from django.utils.datastructures import MultiValueDict
from ninja.errors import ValidationError
from ninja.parser import Parser
from ninja.types import DictStrAny

NUL = "\x00"
MESSAGE = "must not contain the NUL character (U+0000)"


def _nul_places(value: Any, place: tuple[str | int, ...]) -> list[tuple[str | int, ...]]:
    if isinstance(value, str):
        return [place] if NUL in value else []
    if isinstance(value, dict):
        return [
            found
            for key, item in value.items()
            for found in _nul_places(item, (*place, str(key)))
            + ([(*place, str(key))] if NUL in str(key) else [])
        ]
    if isinstance(value, list):
        return [found for i, item in enumerate(value) for found in _nul_places(item, (*place, i))]
    return []


def _refuse_nul(value: Any, where: str) -> None:
    places = _nul_places(value, (where,))
    if places:
        raise ValidationError(
            [{"loc": list(p), "msg": MESSAGE, "type": "value_error"} for p in places]
        )


class TextSafeParser(Parser):
    def parse_body(self, request: HttpRequest) -> DictStrAny:
        data: DictStrAny = json.loads(request.body)
        _refuse_nul(data, "body")
        return data

    def parse_querydict(
        self, data: MultiValueDict[str, Any], list_fields: list[str], request: HttpRequest
    ) -> DictStrAny:
        result = super().parse_querydict(data, list_fields, request)
        _refuse_nul(result, "query")
        return result
