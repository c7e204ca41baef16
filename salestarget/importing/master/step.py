"""What a master kind's check works with (:class:`Step`)."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from salestarget.importing.errors import ErrorLog
from salestarget.importing.kinds import KindSpec, Options


@dataclass
class Step:
    """What a kind's check works with: the mapped fields, the options and the error log."""

    kind: KindSpec
    mapping: dict[str, str]
    scope: Any
    errors: ErrorLog
    options: Options
    create_missing: bool = False

    def mapped(self, name: str) -> bool:
        return name in self.mapping
