"""The menu the apps register: every role sees the entries, order, sections and icons it saw
when ``web`` listed them itself; an entry registered twice shows once."""

from __future__ import annotations

import pytest
from django.utils import translation

from salestarget.ui import menu
from salestarget.ui.menu import MenuEntry, menu_entries, menu_entry_register, menu_for

# url name → (label, section, icon), in menu order.
ENTRIES = {
    "home": ("首页", "", "house"),
    "targets:plan_list": ("目标计划", "目标", "bullseye"),
    "targets:my_targets": ("我的目标", "目标", "person-check"),
    "targets:approvals": ("待我审批", "目标", "check2-square"),
    "targets:adjustment_list": ("目标调整", "目标", "sliders2"),
    "targets:steps": ("计划进度", "目标", "calendar-check"),
    "tracking:dashboard": ("销售仪表板", "跟踪分析", "speedometer2"),
    "tracking:tree": ("跟踪树", "跟踪分析", "diagram-2"),
    "tracking:leaderboard": ("排行榜", "跟踪分析", "trophy"),
    "tracking:battle": ("战报", "跟踪分析", "flag"),
    "tracking:report": ("周报与月报", "跟踪分析", "file-text"),
    "tracking:news": ("喜报", "跟踪分析", "megaphone"),
    "tracking:gap": ("差距分析", "跟踪分析", "bar-chart-steps"),
    "org:node_list": ("组织架构", "主数据", "diagram-3"),
    "org:person_list": ("人员", "主数据", "people"),
    "catalog:product_list": ("产品", "主数据", "box"),
    "catalog:region_list": ("区域", "主数据", "geo-alt"),
    "catalog:customer_list": ("客户", "主数据", "person-vcard"),
    "catalog:customertype_list": ("客户类型", "主数据", "tags"),
    "catalog:channel_list": ("渠道", "主数据", "signpost-split"),
    "catalog:calendar": ("工作日历", "主数据", "calendar3"),
    "catalog:import": ("导入主数据", "主数据", "cloud-upload"),
    "actuals:fact_list": ("实际数据", "实际数据", "receipt"),
    "actuals:import_upload": ("导入数据", "实际数据", "upload"),
    "incentives:statements": ("提成明细", "激励", "cash-coin"),
    "incentives:disputes": ("申诉", "激励", "chat-left-text"),
    "incentives:competitions": ("销售竞赛", "激励", "flag"),
    "incentives:credits": ("业绩分成", "激励", "people"),
    "incentives:plans": ("提成方案", "激励", "sliders"),
    "assessment:mine": ("我的考核", "绩效考核", "award"),
    "assessment:team": ("团队考核", "绩效考核", "people"),
    "assessment:cycles": ("考核周期", "绩效考核", "calendar-range"),
    "forecasting:outlook": ("目标展望", "预测", "graph-up"),
    "forecasting:submit": ("预测提报", "预测", "send-check"),
    "forecasting:team": ("团队预测汇总", "预测", "people"),
    "forecasting:proposals": ("目标建议", "预测", "lightbulb"),
    "forecasting:scenarios": ("配额方案", "预测", "sliders"),
    "forecasting:customers": ("客户分析", "预测", "people-fill"),
    "forecasting:customer_value": ("客户价值趋势", "预测", "gem"),
    "forecasting:conversion": ("阶段转化", "预测", "funnel"),
    "activities:log": ("记录活动", "销售活动", "pencil-square"),
    "activities:report": ("日报周报", "销售活动", "journal-check"),
    "activities:team_reports": ("团队日报", "销售活动", "people"),
    "activities:plans": ("行动计划", "销售活动", "list-check"),
    "activities:leading": ("先行指标", "销售活动", "signpost-split"),
    "org:company_settings": ("公司设置", "设置", "sliders"),
    "org:token_list": ("API 令牌", "设置", "key"),
    "integrations:calendar": ("我的日历", "设置", "calendar-event"),
    "integrations:robot_list": ("群机器人", "设置", "robot"),
    "integrations:work_apps": ("工作通知应用", "设置", "chat-dots"),
    "audit:entry_list": ("审计日志", "设置", "journal-text"),
}
EVERYONE = [
    "home",
    "targets:plan_list",
    "targets:my_targets",
    "tracking:dashboard",
    "tracking:tree",
    "tracking:leaderboard",
]
INCENTIVES = [
    "incentives:statements",
    "incentives:disputes",
    "incentives:competitions",
    "incentives:credits",
]
MASTER_DATA_READ = [
    "catalog:product_list",
    "catalog:region_list",
    "catalog:customer_list",
    "catalog:calendar",
    "actuals:fact_list",
]
ASSESSMENT = ["assessment:mine", "assessment:team", "assessment:cycles"]
ACTIVITIES = ["activities:log", "activities:report"]
LEADER_MENU = [
    *EVERYONE[:3],
    "targets:approvals",
    "targets:adjustment_list",
    "targets:steps",
    *EVERYONE[3:],
    "tracking:battle",
    "tracking:report",
    "tracking:news",
    "tracking:gap",
    "org:node_list",
    "org:person_list",
    *MASTER_DATA_READ,
    *INCENTIVES,
    *ASSESSMENT,
    "forecasting:outlook",
    "forecasting:submit",
    "forecasting:team",
    "forecasting:proposals",
    "forecasting:scenarios",
    "forecasting:customers",
    "forecasting:customer_value",
    "forecasting:conversion",
    *ACTIVITIES,
    "activities:team_reports",
    "activities:plans",
    "activities:leading",
    "org:token_list",
    "integrations:calendar",
    "integrations:robot_list",
]
MENUS = {
    "admin": [url for url in ENTRIES if url != "forecasting:submit"],
    "executive": LEADER_MENU,
    "manager": LEADER_MENU,
    "rep": [
        *EVERYONE,
        "tracking:news",
        "tracking:gap",
        *MASTER_DATA_READ,
        *INCENTIVES,
        "assessment:mine",
        "forecasting:outlook",
        "forecasting:submit",
        *ACTIVITIES,
        "activities:plans",
        "activities:leading",
        "org:token_list",
        "integrations:calendar",
    ],
    "finance": [
        *EVERYONE[:3],
        "targets:adjustment_list",
        "targets:steps",
        *EVERYONE[3:],
        "tracking:battle",
        "tracking:report",
        "tracking:news",
        "tracking:gap",
        "org:node_list",
        "org:person_list",
        *MASTER_DATA_READ[:3],
        "catalog:customertype_list",
        "catalog:channel_list",
        "catalog:calendar",
        "catalog:import",
        "actuals:fact_list",
        "actuals:import_upload",
        *INCENTIVES,
        "incentives:plans",
        *ASSESSMENT,
        "forecasting:outlook",
        "forecasting:proposals",
        "forecasting:customers",
        "forecasting:customer_value",
        "forecasting:conversion",
        "org:token_list",
        "integrations:calendar",
    ],
}


def shown(entries: list[MenuEntry]) -> list[tuple[str, str, str, str]]:
    with translation.override("zh-hans"):
        return [(e.url_name, str(e.label), str(e.section), e.icon) for e in entries]


@pytest.mark.parametrize("role", sorted(MENUS))
def test_each_role_sees_the_menu_it_always_saw(role: str) -> None:
    assert shown(menu_for(role)) == [(url, *ENTRIES[url]) for url in MENUS[role]]


def test_the_apps_register_every_entry_once_in_menu_order() -> None:
    assert [(url, *rest) for url, *rest in shown(menu_entries())] == [
        (url, *ENTRIES[url]) for url in ENTRIES
    ]


def test_nobody_without_a_role_gets_a_menu() -> None:
    assert menu_for(None) == []


def test_an_entry_takes_its_place_by_order_whoever_registers_it_first(monkeypatch) -> None:
    monkeypatch.setattr(menu, "_ENTRIES", [])
    later = MenuEntry("奖金", "incentives:statement", frozenset({"rep"}), "激励", "cash", 520)
    earlier = MenuEntry("首页", "home", frozenset({"rep", "admin"}), icon="house", order=0)
    menu_entry_register(later)
    menu_entry_register(earlier, later)
    assert menu_for("rep") == [earlier, later]
    assert menu_for("admin") == [earlier]
