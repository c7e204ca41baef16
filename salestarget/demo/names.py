"""Chinese names for the demo's people and customers, drawn from a seeded generator."""

from __future__ import annotations

import numpy as np

SURNAMES = (
    "王李张刘陈杨黄赵吴周徐孙马朱胡郭何高林罗郑梁谢宋唐许韩冯邓曹彭曾肖田董袁潘于蒋蔡余杜叶程"
    "苏魏吕丁任沈姚卢姜崔钟谭陆汪范金石廖贾夏韦付方白邹孟熊秦邱江尹薛闫段雷侯龙史陶黎贺顾毛郝"
)
GIVEN = (
    "伟芳娜敏静丽强磊军洋勇艳杰娟涛明超秀霞平刚桂英华玉兰飞鹏辉建国红文斌宇浩凯婷雪琳晨欣怡"
    "佳悦子涵梓轩宁博睿思远航嘉俊峰雅琪瑶昊然泽楠鑫倩颖"
)

TRADE_WORDS = [
    "恒信",
    "瑞丰",
    "华泰",
    "鼎盛",
    "宏达",
    "永安",
    "金桥",
    "天成",
    "中联",
    "新元",
    "博远",
    "盛世",
    "卓越",
    "聚力",
    "汇通",
    "东方",
    "同创",
    "诚信",
    "嘉禾",
    "锦程",
    "万达",
    "富源",
    "志成",
    "星辰",
    "云帆",
    "启明",
    "明德",
    "正泰",
    "安泰",
    "德润",
    "弘毅",
    "兴业",
    "和信",
    "海纳",
    "鸿运",
    "长青",
]
INDUSTRIES = [
    "科技",
    "信息技术",
    "贸易",
    "电子",
    "实业",
    "网络",
    "智能",
    "商贸",
    "供应链",
    "文化传媒",
    "物流",
    "医药",
    "教育科技",
]
RETAIL_WORDS = [
    "优选",
    "生活馆",
    "便利",
    "数码城",
    "智选",
    "精品店",
    "严选",
    "好物",
    "鲜生",
    "百货",
]
PUBLIC_BODIES = [
    "教育局",
    "人民医院",
    "第一中学",
    "职业技术学院",
    "税务局",
    "政务服务中心",
    "疾控中心",
    "图书馆",
    "公安局",
    "大学",
]


def person_names(rng: np.random.Generator, count: int) -> list[str]:
    """``count`` distinct two- or three-character names (surname + one or two characters)."""
    names: list[str] = []
    seen: set[str] = set()
    while len(names) < count:
        surname = SURNAMES[int(rng.integers(len(SURNAMES)))]
        length = 1 if rng.random() < 0.3 else 2
        given = "".join(GIVEN[int(i)] for i in rng.integers(len(GIVEN), size=length))
        name = surname + given
        if name not in seen:
            seen.add(name)
            names.append(name)
    return names


def customer_name(rng: np.random.Generator, kind: str, city: str) -> str:
    """A plausible customer name for a customer type code (KA, SMB, NR, GOV) in ``city``."""
    short = city.removesuffix("市")
    word = TRADE_WORDS[int(rng.integers(len(TRADE_WORDS)))]
    if kind == "GOV":
        return f"{short}市{PUBLIC_BODIES[int(rng.integers(len(PUBLIC_BODIES)))]}"
    if kind == "NR":
        return f"{word}{RETAIL_WORDS[int(rng.integers(len(RETAIL_WORDS)))]}（{short}）"
    industry = INDUSTRIES[int(rng.integers(len(INDUSTRIES)))]
    suffix = "集团有限公司" if kind == "KA" else "有限公司"
    return f"{short}{word}{industry}{suffix}"


BRANCHES = ("高新", "城东", "城西", "城南", "城北", "开发区", "新区", "滨江")


def unique_names(names: list[str]) -> list[str]:
    """The names with repeats told apart as a real register would (a second 昆明市教育局 is
    another district's; a second company of one name is a branch), so that a file naming
    customers in full resolves without ambiguity. Draws nothing: the rest of the demo stays
    as it was."""
    seen: dict[str, int] = {}
    out = []
    for name in names:
        n = seen.get(name, 0)
        seen[name] = n + 1
        if n:
            branch = BRANCHES[(n - 1) % len(BRANCHES)] + (str(n) if n > len(BRANCHES) else "")
            name = f"{name}{branch}分公司" if name.endswith("公司") else f"{name}（{branch}）"
        out.append(name)
    return out
