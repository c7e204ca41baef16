"""Which file column is which field: suggested from header synonyms, remembered per source.

Headers are compared after folding: lower case, full-width to half-width, without spaces,
punctuation and a trailing unit in brackets ("金额(元)", "Net Sales (¥)"). A unit in the header
is kept as a hint: 万元 multiplies the column by 10,000, a foreign currency is refused.
"""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass

from salestarget.importing.kinds import KindSpec
from salestarget.importing.models import ImportMapping

UNIT = re.compile(r"[\(（\[【]([^\)）\]】]*)[\)）\]】]\s*$")
SCALES = {
    "万元": 10_000,
    "万": 10_000,
    "千元": 1_000,
    "百万": 1_000_000,
    "百万元": 1_000_000,
    "亿元": 100_000_000,
    "亿": 100_000_000,
}


def fold(header: str) -> str:
    """``"Net Sales (¥)"`` → ``"netsales"``, ``"金额（元）"`` → ``"金额"``."""
    text = unicodedata.normalize("NFKC", header).strip().lower()
    text = UNIT.sub("", text)
    return re.sub(r"[\s_\-\.·:：/#\*]+", "", text)


def header_unit(header: str) -> str:
    found = UNIT.search(unicodedata.normalize("NFKC", header).strip())
    return found.group(1).strip() if found else ""


def header_scale(header: str) -> int:
    unit = header_unit(header).replace(" ", "")
    return SCALES.get(unit, 1)


@dataclass(frozen=True)
class Suggestion:
    mapping: dict[str, str]  # field -> header
    remembered: bool


def suggest_mapping(kind: KindSpec, headers: list[str], *, source: str = "") -> Suggestion:
    """The field each header most likely is: a remembered mapping for the source first, then
    exact synonyms, in the order the kind lists its fields, then headers that contain a
    synonym (:func:`_suggest_near`)."""
    folded = {h: fold(h) for h in headers}
    mapping: dict[str, str] = {}
    remembered = False
    if source:
        saved = ImportMapping.objects.filter(source=source, kind=kind.key).first()
        if saved:
            for header in headers:
                field = saved.mapping.get(folded[header])
                if field in kind.field_names and field not in mapping:
                    mapping[field] = header
                    remembered = True
    taken = set(mapping.values())
    for spec in kind.fields:
        if spec.name in mapping:
            continue
        synonyms = [fold(s) for s in spec.synonyms]
        for synonym in synonyms:  # the earlier synonym is the better one
            match = next((h for h in headers if h not in taken and folded[h] == synonym), None)
            if match:
                mapping[spec.name] = match
                taken.add(match)
                break
    _suggest_near(kind, [h for h in headers if h not in taken], folded, mapping)
    return Suggestion(mapping=mapping, remembered=remembered)


# A header that is a synonym plus one of these words is some other column: "含税单价" is a
# price, not an amount; "数量单位" a unit, not a quantity; "客户类型" not the customer.
OTHER_COLUMN = (
    "单价",
    "价格",
    "单位",
    "税额",
    "税率",
    "折扣",
    "运费",
    "比例",
    "占比",
    "类型",
    "类别",
    "分类",
    "地址",
    "地区",
    "区域",
    "电话",
    "部门",
    "price",
    "rate",
    "unit",
    "tax",
    "discount",
    "freight",
    "percent",
    "type",
    "category",
    "group",
    "address",
    "region",
    "phone",
    "department",
)


SUFFIX = 1000


def _near(header: str, synonym: str) -> int:
    """How well a folded header that is not exactly a synonym still names it, 0 for not at
    all. A header that ends with the synonym names it best, as the last word of a header is
    what the column is in both languages ("Opportunity Owner" is an owner, "实发数量" a
    quantity); one that starts with it comes next ("Qty shipped"); the longer synonym wins
    ties. The rest of the header must not name another kind of column."""
    if len(synonym) < (3 if synonym.isascii() else 2) or header == synonym:
        return 0
    if header.endswith(synonym):
        rest, score = header[: -len(synonym)], SUFFIX + len(synonym)
    elif header.startswith(synonym):
        rest, score = header[len(synonym) :], len(synonym)
    else:
        return 0
    return 0 if _names_other_column(rest) else score


def _names_other_column(rest: str) -> bool:
    # Spaces are folded away, so an English word counts only at either end of the rest:
    # "unit" must not be found inside "opportunity".
    return any(
        word in rest if not word.isascii() else rest.startswith(word) or rest.endswith(word)
        for word in OTHER_COLUMN
    )


def _suggest_near(
    kind: KindSpec, headers: list[str], folded: dict[str, str], mapping: dict[str, str]
) -> None:
    """Headers no synonym names exactly go to the field they name best (:func:`_near`;
    "销售额合计" is an amount, not a salesperson), if that field is still free."""
    best: dict[str, tuple[int, str]] = {}
    for spec in kind.fields:
        for synonym in map(fold, spec.synonyms):
            for header in headers:
                score = _near(folded[header], synonym)
                if score > best.get(header, (0, ""))[0]:
                    best[header] = (score, spec.name)
    for header, (_score, field) in sorted(best.items(), key=lambda item: -item[1][0]):
        if field not in mapping:
            mapping[field] = header


def mapping_remember(
    *, kind: KindSpec, source: str, mapping: dict[str, str], options: dict[str, object]
) -> None:
    if not source:
        return
    ImportMapping.objects.update_or_create(
        source=source,
        kind=kind.key,
        defaults={"mapping": {fold(h): f for f, h in mapping.items()}, "options": options},
    )


def options_remembered(*, kind: KindSpec, source: str) -> dict[str, object]:
    """The options last used for ``source`` (date order, the kind's own choices …)."""
    saved = ImportMapping.objects.filter(source=source, kind=kind.key).first() if source else None
    return dict(saved.options) if saved else {}
