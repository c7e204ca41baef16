"""Notifications stored before message keys get them where their text matches a message sent
then, so English readers read them in English too; any other text is kept and shown as it was.

The messages are frozen here as they were when this migration was written (a migration must
not change meaning when the code moves on)."""

import re

from django.db import migrations

TEMPLATES = [
    '%(period)s %(status)s：%(metric)s 完成率 %(achievement)s，时间进度 %(progress)s，应完成 %(expected)s，实际 %(actual)s，差距 %(gap)s；剩余每个工作日需完成 %(per_day)s。',
    '请在 %(due)s 前填写您的保底目标、挑战目标、预计困难和所需资源。',
    '%(period)s %(status)s：%(metric)s 完成率 %(achievement)s，时间进度 %(progress)s，应完成 %(expected)s，实际 %(actual)s，差距 %(gap)s。',
    '%(metric)s 完成率 %(achievement)s，时间进度 %(progress)s，应完成 %(expected)s，实际 %(actual)s，差距 %(gap)s。',
    '%(who)s 负责的这一步逾期未完成，已上报给您督办。',
    '%(node)s 的考核步骤逾期未完成，已上报给您督办。',
    '%(cycle)s 的这一步已超过截止时间，请尽快完成。',
    '请尽快提交您的保底目标和挑战目标。',
    '您的目标草案已被调整后确认',
    '%(who)s 提交了 %(n)d 个下级目标。',
    '剩余每个工作日需完成 %(per_day)s。',
    '%(person)s 对 %(period)s 提成明细提出申诉',
    '您的目标草案已被接受',
    '您的目标草案被退回',
    '调整申请被驳回：%(t)s',
    '目标草案已逾期：%(target)s',
    '%(who)s 提交了目标草案',
    '待审批：%(target)s 的分解',
    '已退回：%(target)s 的分解',
    '已批准：%(target)s 的分解',
    '请提交目标草案：%(target)s',
    '你的申诉已处理：%(status)s',
    '目标调整待审批：%(target)s',
    '调整申请已批准：%(t)s',
    '目标滞留提醒：%(what)s',
    '考核逾期提醒：%(what)s',
    '保底 %(base)s，挑战 %(challenge)s',
    '计划已批准：%(plan)s',
    '%(cycle)s：%(step)s（截止 %(due)s）',
    '计划被退回：%(plan)s',
    '%(node)s：%(step)s（截止 %(due)s）',
    '请尽快完成。',
    '确认目标：%(v)s',
    '已逾期：%(what)s',
    '%(old)s → %(new)s：%(reason)s',
    '待审批：%(plan)s',
    '尽快',
    '%(status)s：%(target)s',
]
WORDS = [
    '上级初评',
    '分解目标',
    '处理中',
    '审批',
    '审核并上报',
    '已结束',
    '已调整',
    '已驳回',
    '校准',
    '绩效面谈',
    '自评',
    '评价',
    '进度落后',
    '进度预警',
]

# A template that is all placeholders matches any "x：y"; it counts only with a known status.
ONLY_WITH = {"%(status)s：%(target)s": ("status", set(WORDS))}
NUMBER = re.compile(r"-?[\d,]+(\.\d+)?")
PLACEHOLDER = re.compile(r"%\((\w+)\)[sd]")


def _pattern(template):
    out, last = "", 0
    for m in PLACEHOLDER.finditer(template):
        out += re.escape(template[last : m.start()]) + f"(?P<{m.group(1)}>[^。]+?)"
        last = m.end()
    return re.compile(out + re.escape(template[last:]))


PATTERNS = [(t, _pattern(t)) for t in TEMPLATES]


def parse(text, depth=0):
    """A stored part for ``text``: a message with its arguments, or None when nothing matches."""
    if text in WORDS or text in TEMPLATES:
        return {"key": text, "args": {}}
    for template, pattern in PATTERNS:
        m = pattern.fullmatch(text)
        if m is None:
            continue
        rule = ONLY_WITH.get(template)
        if rule and m.group(rule[0]) not in rule[1]:
            continue
        return {"key": template, "args": {k: arg(v, depth) for k, v in m.groupdict().items()}}
    return None


def arg(value, depth):
    if NUMBER.fullmatch(value):
        digits = value.replace(",", "")
        places = len(digits.split(".")[1]) if "." in digits else 0
        return {"amount": digits, "places": places}
    nested = parse(value, depth + 1) if depth < 2 else None
    return {"msg": nested} if nested else value


def parts(text):
    """Each line of ``text`` as a part; an old alert's two sentences on one line are split."""
    out = []
    for line in text.splitlines():
        if not line:
            continue
        found = parse(line)
        if found is None and "。" in line[:-1]:
            head, _sep, tail = line.partition("。")
            first, second = parse(head + "。"), parse(tail)
            if first and second:
                out += [first, second]
                continue
        out.append(found or {"text": line})
    return out


def forwards(apps, schema_editor):
    Notification = apps.get_model("notifications", "Notification")
    changed = []
    for n in Notification.objects.filter(message={}).iterator(chunk_size=2000):
        n.message = {"title": parts(n.title), "body": parts(n.body)}
        changed.append(n)
        if len(changed) >= 2000:
            Notification.objects.bulk_update(changed, ["message"])
            changed = []
    Notification.objects.bulk_update(changed, ["message"])


class Migration(migrations.Migration):
    dependencies = [("notifications", "0002_message_keys")]

    operations = [migrations.RunPython(forwards, migrations.RunPython.noop)]
