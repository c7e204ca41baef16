"""Menu labels of the incentives pages, used by ``web.navigation``; they live here so that
their translations are in this app's catalogue."""

from django.utils.translation import pgettext_lazy

SECTION = pgettext_lazy("menu", "激励")
STATEMENTS = pgettext_lazy("menu", "提成明细")
DISPUTES = pgettext_lazy("menu", "申诉")
PLANS = pgettext_lazy("menu", "提成方案")
