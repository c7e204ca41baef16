"""``salestarget demo --scale small|medium|large [--seed N] [--if-empty | --reset]``."""

from __future__ import annotations

import sys
from typing import TYPE_CHECKING, Any

from django.core.management.base import BaseCommand, CommandError, CommandParser
from django.utils.translation import gettext as _

from salestarget.actuals.models import SalesLine
from salestarget.demo.presence import demo_present
from salestarget.org.models import Person

if TYPE_CHECKING:
    from salestarget.demo.loader import DemoSummary

# The generator (NumPy, Polars) is imported only when something is loaded, so that
# `demo --if-empty` on a second `make run` returns at once.
SCALE_NAMES = ("small", "medium", "large")
DEFAULT_SEED = 2024


class Command(BaseCommand):
    help = _(
        "加载演示公司（三年销售历史和 FY2026 目标）。同一个种子总是生成同样的数据。"
        "small 用于测试，medium 是 make run 加载的，large 有一千万行销售明细，用于性能测试。"
    )

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("--scale", choices=SCALE_NAMES, default="medium")
        parser.add_argument("--seed", type=int, default=DEFAULT_SEED)
        parser.add_argument(
            "--if-empty",
            action="store_true",
            help=_("数据库里已有公司数据时什么也不做（make run 用它，第二次启动很快）"),
        )
        parser.add_argument(
            "--reset",
            action="store_true",
            help=_("先清空整个数据库（不询问），再加载演示公司"),
        )
        parser.add_argument("--no-progress", action="store_true", help=_("不显示进度条"))
        parser.add_argument(
            "--end",
            default=None,
            help=_(
                "历史数据的最后一天：yesterday（昨天，make run 用它）或日期如 2026-12-04；"
                "不填则为固定的 2026-11-20（测试用，任何一天生成的数据都相同）"
            ),
        )

    def handle(self, *args: Any, **options: Any) -> None:
        if options["if_empty"] and options["reset"]:
            raise CommandError(_("--if-empty 与 --reset 不能同时使用。"))
        if demo_present():
            if options["if_empty"]:
                self.stdout.write(
                    _("数据库中已有公司数据（%(people)s 人，%(lines)s 行销售明细），跳过演示数据。")
                    % {
                        "people": f"{Person.objects.count():,}",
                        "lines": f"{SalesLine.objects.count():,}",
                    }
                )
                return
            if not options["reset"]:
                raise CommandError(
                    _("数据库中已有数据。加 --reset 清空后重新加载，或加 --if-empty 跳过。")
                )
            self.stdout.write(_("正在清空数据库……"))
            from salestarget.demo.loader import demo_wipe

            demo_wipe()
        if options["end"] is not None:
            _window_end_choose(options["end"])
        from salestarget.demo.loader import demo_load
        from salestarget.demo.scales import SCALES

        scale = SCALES[options["scale"]]
        progress = (
            not options["no_progress"]
            and options["verbosity"] >= 1
            and scale.name != "small"
            and (sys.stderr.isatty() or scale.name == "large")
        )
        self.stdout.write(
            _("正在加载演示公司（规模 %(scale)s，种子 %(seed)s）……")
            % {"scale": scale.name, "seed": options["seed"]}
        )
        summary = demo_load(
            scale=scale,
            seed=options["seed"],
            progress=progress,
            say=self.stdout.write if progress else None,
        )
        self.stdout.write(self.style.SUCCESS(_summary_text(summary)))


def _window_end_choose(value: str) -> None:
    """Say where the history ends before the generator is loaded: its arrays over days are
    built from the end when ``demo.scales`` is first imported."""
    import os

    os.environ["SALESTARGET_DEMO_END"] = value
    from salestarget.demo import scales

    try:
        wanted = scales.window_end(value)
    except ValueError as exc:
        raise CommandError(str(exc)) from None
    if wanted != scales.DEMO_END:  # imported before, with another end
        raise CommandError(
            _("演示数据的时间窗口已经确定（截至 %(day)s），请在新的进程中使用 --end。")
            % {"day": scales.DEMO_END}
        )


def _summary_text(summary: DemoSummary) -> str:
    from salestarget.demo.company import COMPANY_NAME

    c = summary.counts
    lines = [
        _("演示公司「%(name)s」已加载：规模 %(scale)s，种子 %(seed)s，用时 %(seconds).1f 秒。")
        % {
            "name": COMPANY_NAME,
            "scale": summary.scale,
            "seed": summary.seed,
            "seconds": summary.seconds,
        },
        _("  数据区间：%(first)s 至 %(last)s")
        % {"first": summary.first_day, "last": summary.last_day},
        _(
            "  销售代表 %(people)s 人，产品 %(products)s 个，客户 %(customers)s 个，节假日与调休 %(days)s 天"
        )
        % {
            "people": f"{c['people']:,}",
            "products": f"{c['products']:,}",
            "customers": f"{c['customers']:,}",
            "days": f"{c['calendar_days']:,}",
        },
        _("  销售明细 %(lines)s 行（其中退货 %(returns)s 行）")
        % {"lines": f"{c['sales_lines']:,}", "returns": f"{c['returns']:,}"},
        _(
            "  费用 %(expenses)s 行，回款 %(payments)s 行，商机 %(opportunities)s 个，"
            "满意度调查 %(surveys)s 份，市场容量 %(markets)s 条"
        )
        % {
            "expenses": f"{c['expenses']:,}",
            "payments": f"{c['payments']:,}",
            "opportunities": f"{c['opportunities']:,}",
            "surveys": f"{c['surveys']:,}",
            "markets": f"{c['market_sizes']:,}",
        },
        _("  汇总表已重建（%(seconds)s 秒）") % {"seconds": c["rollup_seconds"]},
        _(
            "  目标计划 %(plans)s 个（目标 %(targets)s 条），目标草案 %(drafts)s 份，"
            "调整申请 %(adjustments)s 个，喜报 %(news)s 条，通知 %(notifications)s 条"
            "（%(seconds)s 秒）"
        )
        % {
            "plans": c["plans"],
            "targets": f"{c['targets']:,}",
            "drafts": c["drafts"],
            "adjustments": c["adjustments"],
            "news": f"{c['news']:,}",
            "notifications": f"{c['notifications']:,}",
            "seconds": c["plan_seconds"],
        },
    ]
    return "\n".join(lines)
