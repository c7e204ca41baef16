"""What the pages call each forecasting method and reason (translated)."""

from __future__ import annotations

from django.utils.translation import gettext_lazy as _

from salestarget.core.forecasting.clusters import Cluster
from salestarget.wording import series

METHODS = {
    "ets": _("指数平滑（ETS）"),
    "theta": _("Theta 法"),
    "combination": _("ETS 与 Theta 组合"),
    "seasonal_naive": _("季节性朴素法（同期值）"),
    "group_pattern": _("团队季节模式缩放"),
    "recent_mean": _("近期均值"),
    "intermittent_mean": _("间歇销售均值"),
    "no_history": _("无历史"),
}

REASONS = {
    "best_on_backtest": _("回测误差最小"),
    "naive_not_beaten": _("没有模型在回测中胜过季节性朴素法，因此采用季节性朴素法"),
    "short_history": _("历史太短，无法回测，采用简单方法"),
    "intermittent": _("多数月份无销售，按间歇销售处理"),
    "no_history": _("还没有销售"),
}

KINDS = {
    "person": _("人员"),
    "node": _("组织"),
    "node_line": _("组织 × 产品线"),
    "node_region": _("组织 × 区域"),
    "node_channel": _("组织 × 渠道"),
    "node_customer_type": _("组织 × 客户类型"),
    "cell": _("目标维度组合"),
}

PROPOSALS = {
    "history": _("历史分析法：今年 × (1 + 今年增长率)"),
    "trend": _("趋势分析：年度合计的直线趋势"),
    "regression": _("回归：月度值对时间趋势与月份效应回归"),
    "forecast": _("预测：明年各月预测之和"),
}

# RFM segments (core.forecasting.customers.SEGMENTS), in the names Chinese sales teams use.
SEGMENTS = {
    "important_value": _("重要价值客户"),
    "important_develop": _("重要发展客户"),
    "important_keep": _("重要保持客户"),
    "important_win_back": _("重要挽留客户"),
    "general_value": _("一般价值客户"),
    "general_develop": _("一般发展客户"),
    "general_keep": _("一般保持客户"),
    "general_win_back": _("一般挽留客户"),
}


def cluster_traits(cluster: Cluster) -> str:
    """A cluster read in RFM's words: recent or not, frequent or not, large or small."""
    return series(
        (
            _("近期购买") if cluster.recent else _("久未购买"),
            _("高频") if cluster.frequent else _("低频"),
            _("大额") if cluster.large else _("小额"),
        )
    )
