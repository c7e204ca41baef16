"""The steps of a payout in the reader's language: each ``core.commission`` step kind has a
translated sentence; figures are formatted here (money with separators, rates as %)."""

from __future__ import annotations

from decimal import Decimal
from typing import Any

from django.utils.translation import gettext as _

from salestarget.core.money import quantize


def _money(value: Any) -> str:
    if value in (None, ""):
        return "—"
    return f"{quantize(Decimal(str(value)), 2):,.2f}"


def _pct(value: Any) -> str:
    if value in (None, ""):
        return "—"
    return f"{quantize(Decimal(str(value)) * 100, 2).normalize():f}%"


def step_text(step: dict[str, Any]) -> str:
    """One step as a sentence, e.g. "1,000,000.00 × 3% = 30,000.00"."""
    v = step.get("values", {})
    r = _money(step.get("result"))
    kind = step.get("kind")
    sentences = {
        "measure": lambda: _("业绩合计 %(r)s") % {"r": r},
        "quota": lambda: _("指标 %(r)s") % {"r": r},
        "attainment": lambda: (
            _("达成率 = %(t)s ÷ %(q)s = %(a)s")
            % {
                "t": _money(v.get("total")),
                "q": _money(v.get("quota")),
                "a": _pct(step.get("result")),
            }
        ),
        "no_quota": lambda: _("没有指标，按达成率计算的档位不发放"),
        "below_threshold": lambda: _("未达到起付门槛 %(t)s，本项为 0") % {"t": v.get("threshold")},
        "tier_slice": lambda: (
            _("%(lo)s～%(hi)s 档：%(a)s × %(rate)s = %(r)s")
            % {
                "lo": _bound(v, "lower"),
                "hi": _bound(v, "upper") if v.get("upper") else _("以上"),
                "a": _money(v.get("amount")),
                "rate": _pct(v.get("rate")),
                "r": r,
            }
        ),
        "tier_reached": lambda: (
            _("达到 %(lo)s 档，全额 %(a)s × %(rate)s = %(r)s")
            % {
                "lo": _pct(v.get("lower")),
                "a": _money(v.get("amount")),
                "rate": _pct(v.get("rate")),
                "r": r,
            }
        ),
        "curve": lambda: (
            _("达成率 %(a)s 在曲线上对应目标奖金的 %(s)s：%(t)s × %(s)s = %(r)s")
            % {
                "a": _pct(v.get("attainment")),
                "s": _pct(v.get("share")),
                "t": _money(v.get("target_incentive")),
                "r": r,
            }
        ),
        "gate_met": lambda: (
            _("门槛 %(m)s = %(v)s，满足 %(t)s")
            % {"m": v.get("measure"), "v": v.get("value") or "—", "t": v.get("threshold")}
        ),
        "gate_missed": lambda: (
            _("门槛 %(m)s = %(v)s，未满足 %(t)s（%(e)s）")
            % {
                "m": v.get("measure"),
                "v": v.get("value") or "—",
                "t": v.get("threshold"),
                "e": _effect(v),
            }
        ),
        "cap": lambda: (
            _("封顶：%(u)s 超过上限，按 %(r)s 发放") % {"u": _money(v.get("uncapped")), "r": r}
        ),
        "plan_cap": lambda: (
            _("方案封顶：合计 %(u)s 超过上限 %(r)s") % {"u": _money(v.get("uncapped")), "r": r}
        ),
        "per_unit": lambda: (
            _("%(n)s × 每件 %(e)s = %(r)s")
            % {"n": v.get("units"), "e": _money(v.get("each")), "r": r}
        ),
        "per_deal": lambda: (
            _("%(n)s 笔 × 每笔 %(e)s = %(r)s")
            % {"n": v.get("units"), "e": _money(v.get("each")), "r": r}
        ),
        "spif": lambda: (
            _("专项：%(a)s × %(rate)s = %(r)s")
            % {"a": _money(v.get("amount")), "rate": _pct(v.get("rate")), "r": r}
        ),
        "proration": lambda: (
            _("调岗按天折算指标：%(f)s → %(r)s") % {"f": _money(v.get("full")), "r": r}
        ),
        "clawback": lambda: _clawback(v, r),
        "clawback_outside": lambda: (
            _("退回 %(b)s 超过 %(w)s 天追回期，不追回")
            % {"b": _money(v.get("returned")), "w": v.get("window")}
            if "days" not in v
            else _("退货发生在销售后 %(d)s 天，超过 %(w)s 天追回期，不追回")
            % {"d": v.get("days"), "w": v.get("window")}
        ),
        "prior_paid": lambda: (
            _("年度累计 %(c)s − 已发 %(p)s = %(r)s")
            % {"c": _money(v.get("cumulative")), "p": _money(v.get("prior")), "r": r}
        ),
        "grade_bonus": lambda: (
            _("绩效等级 %(g)s：目标奖金 %(t)s × 系数 %(f)s = %(r)s")
            % {
                "g": v.get("grade"),
                "t": _money(v.get("target_bonus")),
                "f": v.get("factor"),
                "r": r,
            }
            if v.get("factor") != "—"
            else _("绩效等级 %(g)s 不在奖金表中，本项为 0") % {"g": v.get("grade")}
        ),
        "prize": lambda: _("竞赛奖金 %(r)s") % {"r": r},
        "delta": lambda: (
            _("原值 %(o)s → 新值 %(n)s，差额 %(r)s（%(why)s）")
            % {"o": _money(v.get("old")), "n": _money(v.get("new")), "r": r, "why": v.get("reason")}
        ),
        "total": lambda: _("本项合计 %(r)s") % {"r": r},
    }
    build = sentences.get(str(kind))
    return build() if build else str(kind)


def _effect(values: dict[str, Any]) -> str:
    effect = values.get("effect")
    if effect == "multiply":
        return _("乘以 %(f)s") % {"f": values.get("factor")}
    if effect == "block":
        return _("本项不发放")
    return _("不享受加速档")


def _clawback(v: dict[str, Any], r: str) -> str:
    """A clawback: the paying month's payout with and without what came back (a line
    stored before clawbacks were grouped per paying month names one sale's share)."""
    if "earned" in v:
        return _(
            "退货追回：已得 %(e)s × 退回 %(b)s ÷ 原单 %(s)s（%(d)s 天，追回期 %(w)s 天）= %(r)s"
        ) % {
            "e": _money(v.get("earned")),
            "b": _money(v.get("returned")),
            "s": _money(v.get("sale")),
            "d": v.get("days"),
            "w": v.get("window"),
            "r": r,
        }
    figures = {
        "m": _money(v.get("measure")),
        "o": _money(v.get("before")),
        "p": _money(v.get("paid")),
        "b": _money(v.get("returned")),
        "l": _money(v.get("left")),
        "w": v.get("window"),
        "r": r,
    }
    if Decimal(str(v.get("before") or 0)):
        return (
            _(
                "退货追回：当月业绩 %(m)s，此前已退回 %(o)s，应发 %(p)s；"
                "再退回 %(b)s 后应发 %(l)s，差额 %(r)s（%(w)s 天追回期内）"
            )
            % figures
        )
    return (
        _(
            "退货追回：当月业绩 %(m)s 发放 %(p)s；退回 %(b)s 后应发 %(l)s，差额 %(r)s（%(w)s 天追回期内）"
        )
        % figures
    )


def _bound(values: dict[str, Any], name: str) -> str:
    """A tier bound: a share of the quota as %, an amount as money."""
    if values.get("basis") == "amount":
        return _money(values.get(name))
    return _pct(values.get(name))
