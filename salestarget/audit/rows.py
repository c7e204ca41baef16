"""An audit entry as a line a person reads: when, who, what was done to which thing, each
changed field's old → new value, and through which page, API call or command."""

from __future__ import annotations

from collections.abc import Iterable, Iterator
from dataclasses import dataclass

from auditlog.models import LogEntry
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy, pgettext_lazy

from salestarget.audit.logins import EXPORT, LOGIN, LOGIN_FAILED, LOGOUT

EVENTS = {
    LOGIN: pgettext_lazy("event", "登录"),
    LOGOUT: gettext_lazy("退出登录"),
    LOGIN_FAILED: gettext_lazy("登录失败"),
    EXPORT: gettext_lazy("导出全部数据"),
}
ACTIONS = {
    LogEntry.Action.CREATE: pgettext_lazy("state", "新建"),
    LogEntry.Action.UPDATE: pgettext_lazy("state", "修改"),
    LogEntry.Action.DELETE: pgettext_lazy("state", "删除"),
    LogEntry.Action.ACCESS: gettext_lazy("访问"),
}


@dataclass(frozen=True)
class Change:
    field: str
    old: str
    new: str


@dataclass(frozen=True)
class EntryRow:
    pk: int
    at: str
    actor: str
    action: str
    kind: str
    thing: str
    changes: list[Change]
    via: str
    address: str

    def changes_text(self) -> str:
        return "; ".join(f"{c.field}: {c.old} → {c.new}" for c in self.changes)

    def cells(self) -> list[str]:
        return [
            self.at,
            self.actor,
            self.action,
            self.kind,
            self.thing,
            self.changes_text(),
            self.via,
            self.address,
        ]


def headers() -> list[str]:
    return [
        _("时间"),
        _("操作人"),
        _("操作"),
        _("类型"),
        _("对象"),
        _("变更"),
        _("途径"),
        _("地址"),
    ]


def _text(value: object) -> str:
    if isinstance(value, list):
        return ", ".join(str(v) for v in value)
    return "" if value in (None, "None") else str(value)


def entry_row(entry: LogEntry) -> EntryRow:
    extra = entry.additional_data if isinstance(entry.additional_data, dict) else {}
    event = extra.get("event")
    model = entry.content_type.model_class() if entry.content_type_id else None
    changes = []
    if entry.action != LogEntry.Action.ACCESS:
        for field, (old, new) in entry.changes_display_dict.items():
            changes.append(Change(str(field), _text(old), _text(new)))
    return EntryRow(
        pk=entry.pk,
        at=timezone.localtime(entry.timestamp).strftime("%Y-%m-%d %H:%M:%S"),
        actor=entry.actor.get_username() if entry.actor is not None else "—",
        action=str(EVENTS.get(str(event)) or ACTIONS.get(entry.action) or ""),
        kind=str(model._meta.verbose_name) if model is not None else "",
        thing=entry.object_repr,
        changes=changes,
        via=str(extra.get("via", "")),
        address=entry.remote_addr or "",
    )


def entry_rows(entries: Iterable[LogEntry]) -> Iterator[EntryRow]:
    return (entry_row(e) for e in entries)
