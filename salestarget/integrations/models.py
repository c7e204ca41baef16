"""Group robots and the log of what they were sent.

A robot belongs to an org node and posts to that node's chat group: only events about the
node's subtree reach it (``services.robots.robot_post`` picks robots by the subject's
ancestors), so a group never reads the figures of people outside its scope.
"""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _


class RobotKind(models.TextChoices):
    DINGTALK = "dingtalk", _("钉钉群机器人")
    WECOM = "wecom", _("企业微信群机器人")
    WEBHOOK = "webhook", _("通用 Webhook（JSON）")


class RobotEvent(models.TextChoices):
    BATTLE_REPORT = "battle_report", _("战报")
    GOOD_NEWS = "good_news", _("喜报")
    ALERT = "alert", _("落后预警")
    DEADLINE = "deadline", _("计划截止提醒")
    TEST = "test", _("测试消息")


class RobotLanguage(models.TextChoices):
    ZH = "zh-hans", _("中文")
    EN = "en", _("英文")


class GroupRobot(models.Model):
    node = models.ForeignKey(
        "org.OrgNode", verbose_name=_("组织"), on_delete=models.CASCADE, related_name="+"
    )
    name = models.CharField(_("名称"), max_length=100)
    kind = models.CharField(_("类型"), max_length=20, choices=RobotKind.choices)
    url = models.URLField(_("Webhook 地址"), max_length=500)
    # DingTalk: the signing secret (SEC…); WeCom: the robot's key; a generic webhook: the key
    # of its HMAC-SHA256 signature header. Never shown again once saved.
    secret = models.CharField(_("密钥"), max_length=200, blank=True)
    language = models.CharField(
        _("语言"), max_length=10, choices=RobotLanguage.choices, default=RobotLanguage.ZH
    )
    battle_report = models.BooleanField(_("每周战报"), default=True)
    good_news = models.BooleanField(_("喜报"), default=True)
    alert = models.BooleanField(_("落后预警"), default=True)
    deadline = models.BooleanField(_("计划截止提醒"), default=True)
    is_active = models.BooleanField(_("启用"), default=True)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        verbose_name = _("群机器人")
        verbose_name_plural = _("群机器人")
        ordering = ["node__path", "name", "pk"]

    def __str__(self) -> str:
        return self.name

    def wants(self, event: str) -> bool:
        return event == RobotEvent.TEST or bool(getattr(self, event, False))


class SendStatus(models.TextChoices):
    PENDING = "pending", _("等待发送")
    HELD = "held", _("暂缓（每周摘要）")
    SENT = "sent", _("已发送")
    FAILED = "failed", _("发送失败")


class Delivery(models.Model):
    """What one message said and how each try at delivering it went (``delivery.attempt``):
    a robot's message and a person's alike."""

    title = models.CharField(_("标题"), max_length=200)
    text = models.TextField(_("内容"))  # markdown, in the reader's language
    link = models.CharField(_("链接"), max_length=500, blank=True)
    status = models.CharField(
        _("状态"), max_length=10, choices=SendStatus.choices, default=SendStatus.PENDING
    )
    attempts = models.PositiveSmallIntegerField(_("尝试次数"), default=0)
    next_try_at = models.DateTimeField(_("下次尝试"), null=True, blank=True)
    last_error = models.CharField(_("错误"), max_length=500, blank=True)
    created_at = models.DateTimeField(_("时间"), auto_now_add=True, db_index=True)
    sent_at = models.DateTimeField(_("发送时间"), null=True, blank=True)

    class Meta:
        abstract = True


class RobotSend(Delivery):
    """One message to one robot: what it said, and how each try went."""

    robot = models.ForeignKey(GroupRobot, on_delete=models.CASCADE, related_name="sends")
    event = models.CharField(_("事件"), max_length=20, choices=RobotEvent.choices)
    dedupe_key = models.CharField(max_length=200, blank=True)

    class Meta:
        verbose_name = _("机器人消息")
        verbose_name_plural = _("机器人消息")
        ordering = ["-created_at", "-pk"]
        constraints = [
            models.UniqueConstraint(
                fields=["robot", "dedupe_key"],
                condition=~Q(dedupe_key=""),
                name="robot_send_once_per_key",
            )
        ]

    def __str__(self) -> str:
        return self.title


class CalendarFeed(models.Model):
    """A person's calendar subscription: a secret address, kept only as its digest (like an
    API token), so it is shown once; a new address revokes the old one."""

    user = models.OneToOneField(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="calendar_feed"
    )
    digest = models.CharField(max_length=64, unique=True)
    prefix = models.CharField(_("前缀"), max_length=8)
    language = models.CharField(
        _("语言"), max_length=10, choices=RobotLanguage.choices, default=RobotLanguage.ZH
    )
    created_at = models.DateTimeField(_("创建时间"), auto_now_add=True)
    last_used_at = models.DateTimeField(_("最近使用"), null=True, blank=True)

    class Meta:
        verbose_name = _("日历订阅")
        verbose_name_plural = _("日历订阅")

    def __str__(self) -> str:
        return f"{self.user} {self.prefix}…"


class Channel(models.TextChoices):
    """Where a person's messages of one kind go besides the in-product centre."""

    IN_APP = "in_app", _("仅站内")
    EMAIL = "email", _("邮件")
    DINGTALK = "dingtalk", _("钉钉工作通知")
    WECOM = "wecom", _("企业微信应用消息")


class WorkApp(models.Model):
    """The company's DingTalk or WeCom application that sends work notices (工作通知 /
    应用消息) to people. The secret is never shown again once saved."""

    kind = models.CharField(
        _("类型"),
        max_length=10,
        unique=True,
        choices=[(Channel.DINGTALK, Channel.DINGTALK.label), (Channel.WECOM, Channel.WECOM.label)],
    )
    # DingTalk: the app's AppKey; WeCom: the company's CorpID.
    app_key = models.CharField(_("AppKey / CorpID"), max_length=100)
    app_secret = models.CharField(_("AppSecret / Secret"), max_length=200)
    agent_id = models.PositiveBigIntegerField(_("AgentId"))
    # The API's address: the public one unless a proxy (or the tests' stand-in) answers.
    api_base = models.URLField(_("接口地址"), max_length=300, blank=True)
    is_active = models.BooleanField(_("启用"), default=True)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        verbose_name = _("工作通知应用")
        verbose_name_plural = _("工作通知应用")
        ordering = ["kind"]

    def __str__(self) -> str:
        return self.get_kind_display()


class MessageSettings(models.Model):
    """A person's quiet hours (in the company's time zone): messages then wait till they end."""

    user = models.OneToOneField(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="message_settings"
    )
    quiet_start = models.TimeField(_("免打扰开始"), null=True, blank=True)
    quiet_end = models.TimeField(_("免打扰结束"), null=True, blank=True)

    class Meta:
        verbose_name = _("消息设置")
        verbose_name_plural = _("消息设置")

    def __str__(self) -> str:
        return str(self.user)


class MessageChoice(models.Model):
    """A person's channel for one kind of event, and whether they take it weekly instead."""

    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="message_choices"
    )
    kind = models.CharField(_("事件"), max_length=40)
    channel = models.CharField(_("渠道"), max_length=10, choices=Channel.choices)
    digest = models.BooleanField(_("每周摘要"), default=False)

    class Meta:
        verbose_name = _("消息渠道")
        verbose_name_plural = _("消息渠道")
        constraints = [
            models.UniqueConstraint(fields=["user", "kind"], name="message_choice_once_per_kind")
        ]

    def __str__(self) -> str:
        return f"{self.user} {self.kind}: {self.channel}"


class PersonalSend(Delivery):
    """One message to one person by e-mail or a work notice, held for quiet hours
    (``next_try_at``) or for the weekly digest (``HELD``), then tried as a robot's is."""

    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="personal_sends"
    )
    kind = models.CharField(_("事件"), max_length=40)
    channel = models.CharField(_("渠道"), max_length=10, choices=Channel.choices)
    digest = models.ForeignKey(
        "self",
        verbose_name=_("每周摘要"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="items",
    )

    class Meta:
        verbose_name = _("个人消息")
        verbose_name_plural = _("个人消息")
        ordering = ["-created_at", "-pk"]
        indexes = [models.Index(fields=["status", "channel"])]

    def __str__(self) -> str:
        return self.title
