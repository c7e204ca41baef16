"""Excel downloads of the outlook, of quota scenarios and of the customer analysis, drawn from the same objects their
pages show (tracking's writer: formula-like text is quoted, money keeps its cents)."""

from __future__ import annotations

from decimal import Decimal

from django.utils.translation import gettext as _
from django.utils.translation import pgettext

from salestarget.core.metrics import Unit
from salestarget.forecasting.labels import METHODS, SEGMENTS, cluster_traits
from salestarget.forecasting.models import Category
from salestarget.forecasting.queries.customers import CustomerAnalysis
from salestarget.forecasting.queries.plan import PlanOutlook
from salestarget.forecasting.queries.scenarios import ScenarioTable
from salestarget.tracking.exports import MONEY, PERCENT, XLSX, _Book

__all__ = ["XLSX", "customers_xlsx", "outlook_xlsx", "scenarios_xlsx"]


def _ratio(value: float | None) -> Decimal | None:  # float ok: a probability shown
    return None if value is None else Decimal(repr(round(value, 4)))


def outlook_xlsx(page: PlanOutlook) -> bytes:
    b = _Book()
    b.sheet.title = _("目标展望")
    b.title(f"{page.plan.name} · {_('目标展望')}")
    if page.run is not None and page.run.last_fact_day is not None:
        b.row(_("数据截至"), page.run.last_fact_day.isoformat())
    b.blank()
    b.header(
        _("目标"),
        _("目标值"),
        _("实际"),
        _("按进度推算"),
        "P10",
        _("预计（P50）"),
        "P90",
        _("达成概率"),
        _("保底概率"),
        _("挑战概率"),
        _("方法"),
        _("回测误差（sMAPE %）"),
    )
    # The plan's figures in its unit: a rate (费用率) as a percentage, the rest as amounts.
    figure = PERCENT if page.metric is not None and page.metric.unit is Unit.PERCENT else MONEY
    for row in page.rows:
        o, t = row.outlook, row.target
        stored = o.stored
        b.row(
            t.label,
            t.value,
            o.actual,
            row.tracking.projection,
            o.p10,
            o.p50,
            o.p90,
            _ratio(o.probability),
            _ratio(o.base_probability),
            _ratio(o.challenge_probability),
            str(METHODS.get(stored.method, stored.method)) if stored else "",
            None if stored is None or stored.smape is None else round(stored.smape, 1),
            formats=dict.fromkeys(range(1, 7), figure) | {7: PERCENT, 8: PERCENT, 9: PERCENT},
        )
    return b.save()


def scenarios_xlsx(table: ScenarioTable) -> bytes:
    b = _Book()
    b.sheet.title = _("配额方案")
    b.title(f"{table.target.label} · {_('配额方案')}")
    last_year = _("去年实际")
    if table.last_year_through is not None:
        # Last year had not ended: finished with the forecast, or marked as so far.
        through = table.last_year_through.isoformat()
        if table.last_year_forecast:
            last_year = _("去年（含预测）")
            b.row(_("去年同期数据截至 %(day)s，其余部分按最新预测补足") % {"day": through})
        else:
            last_year = _("去年实际（截至 %(day)s，不完整）") % {"day": through}
            b.row(_("去年同期数据截至 %(day)s，尚不完整：较去年的增长会偏高") % {"day": through})
    b.blank()
    b.header(
        _("方案"),
        _("总额"),
        _("分配方法"),
        _("较去年"),
        _("总额达成概率"),
        _("预计达成 100% 的比例"),
        _("预计提成"),
    )
    for i, s in enumerate(table.scenarios, start=1):
        b.row(
            i,
            s.spec.total,
            s.label,
            s.growth,
            _ratio(s.probability),
            _ratio(s.share_reaching),
            s.commission,
            formats={1: MONEY, 3: PERCENT, 4: PERCENT, 5: PERCENT, 6: MONEY},
        )
    b.blank()
    columns = [_("名称"), last_year]
    for i in range(1, len(table.scenarios) + 1):
        columns += [f"{_('方案')} {i}", _("较去年"), _("达成概率"), _("预计提成")]
    b.header(*columns)
    for label, figures in table.members:
        values: list[object] = [label, figures[0].last_year if figures else None]
        formats = {1: MONEY}
        for f in figures:
            at = len(values)
            values += [f.value, f.growth, _ratio(f.probability), f.commission]
            formats |= {at: MONEY, at + 1: PERCENT, at + 2: PERCENT, at + 3: MONEY}
        b.row(*values, formats=formats)
    return b.save()


def customers_xlsx(found: CustomerAnalysis) -> bytes:
    """The customer analysis: the figures and months, the RFM segments, the clusters."""
    b = _Book()
    b.sheet.title = _("客户分析")
    b.title(f"{found.node.name} · {_('客户分析')}")
    b.row(_("数据截至"), found.end.isoformat())
    b.row(_("近一年购买客户"), found.customers)
    b.row(_("老客户流失"), found.lost, found.kept + found.lost)
    b.row(_("每客户年毛利"), found.margin_per_customer, formats={1: MONEY})
    b.row(_("客户终身价值（CLTV）"), found.lifetime_value, formats={1: MONEY})
    b.blank()
    b.header(
        _("月份"),
        pgettext("count", "新客户"),
        _("购买客户"),
        _("市场推广费"),
        "CAC",
        pgettext("count", "赢单"),
        _("已关闭商机"),
        _("转化率"),
    )
    for m in found.months:
        b.row(
            m.month.strftime("%Y-%m"),
            m.new_customers,
            m.active,
            m.spend,
            m.cac,
            m.won,
            m.closed,
            m.conversion,
            formats={3: MONEY, 4: MONEY, 7: PERCENT},
        )
    if found.stages:
        b.blank()
        b.header(_("类别"), pgettext("count", "赢单"), _("已关闭商机"), _("转化率"), _("赢单金额"))
        for st in found.stages:
            b.row(
                str(dict(Category.choices)[st.category]) if st.category else _("未分类"),
                st.won,
                st.closed,
                st.conversion,
                st.won_amount,
                formats={3: PERCENT, 4: MONEY},
            )
    b.new_sheet(_("RFM 分层"))
    b.header(_("分层"), _("客户数"), _("金额"))
    for s in found.segments:
        b.row(str(SEGMENTS[s.code]), s.count, s.amount, formats={2: MONEY})
    b.new_sheet(_("客户聚类"))
    b.header(
        _("群"),
        _("特征"),
        _("客户数"),
        _("平均距上次购买（天）"),
        _("平均购买天数"),
        _("平均金额"),
        _("金额"),
    )
    for v in found.clusters:
        c = v.cluster
        b.row(
            v.number,
            cluster_traits(c),
            c.size,
            c.days_since,
            c.frequency,
            c.monetary,
            c.amount,
            formats={5: MONEY, 6: MONEY},
        )
    return b.save()
