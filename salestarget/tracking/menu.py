"""Menu labels of the tracking pages, used by ``web.navigation``; they live here so that their
translations are in this app's catalogue."""

from django.utils.translation import pgettext_lazy

SECTION = pgettext_lazy("menu", "跟踪分析")
DASHBOARD = pgettext_lazy("menu", "销售仪表板")
TREE = pgettext_lazy("menu", "跟踪树")
LEADERBOARD = pgettext_lazy("menu", "排行榜")
BATTLE = pgettext_lazy("menu", "战报")
REPORTS = pgettext_lazy("menu", "周报与月报")
NEWS = pgettext_lazy("menu", "喜报")
GAP = pgettext_lazy("menu", "差距分析")
