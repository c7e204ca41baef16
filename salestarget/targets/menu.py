"""Menu labels of the target pages, used by ``web.navigation``; they live here so that their
translations are in this app's catalogue."""

from django.utils.translation import pgettext_lazy

SECTION = pgettext_lazy("menu", "目标")
PLANS = pgettext_lazy("menu", "目标计划")
MINE = pgettext_lazy("menu", "我的目标")
APPROVALS = pgettext_lazy("menu", "待我审批")
ADJUSTMENTS = pgettext_lazy("menu", "目标调整")
STEPS = pgettext_lazy("menu", "计划进度")
