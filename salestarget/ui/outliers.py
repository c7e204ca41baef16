"""What an outlier's reasons (``core.outliers``) say to a reader, on every page and in the API."""

from __future__ import annotations

from collections.abc import Iterable

from django.utils.functional import Promise
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _

from salestarget.core.outliers import OutlierReason

REASONS: dict[OutlierReason, Promise] = {
    OutlierReason.ACHIEVEMENT_ABOVE_BOUND: _("完成率超过异常上限"),
    OutlierReason.TARGET_BELOW_FLOOR: _("目标远低于同组中位数"),
    OutlierReason.TARGET_ZERO: _("目标为零"),
}


def outlier_text(reasons: Iterable[OutlierReason | str]) -> str:
    """The reasons in the reader's language, joined: "" when there are none."""
    words = [str(REASONS[OutlierReason(r)]) for r in reasons if r]
    return gettext("；").join(words)
