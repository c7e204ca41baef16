"""The demo's master data: regions (大区 → 省 → 城市), products (大类 → 产品线 → 产品),
customer types and channels, plus the numbers the generator needs about each of them."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from decimal import Decimal

import numpy as np

from salestarget.catalog.models import (
    Channel,
    CustomerType,
    Product,
    ProductCategory,
    ProductLine,
    Region,
    RegionLevel,
)
from salestarget.catalog.services import region_save
from salestarget.demo.scales import day_index
from salestarget.fields import decimal_to_units

# Area code, name, yearly growth of the area's business (log-rate).
AREAS = (
    ("HB", "华北", 0.02),
    ("HD", "华东", 0.05),
    ("HN", "华南", 0.08),
    ("XN", "西南", 0.12),
)
# Province code, name, area, cities (name, weight). Each province is one team's territory.
PROVINCES = (
    ("BJ", "北京市", "HB", (("北京市", 1.0),)),
    ("TJ", "天津市", "HB", (("天津市", 1.0),)),
    (
        "HE",
        "河北省",
        "HB",
        (("石家庄市", 0.4), ("唐山市", 0.25), ("保定市", 0.2), ("廊坊市", 0.15)),
    ),
    ("SH", "上海市", "HD", (("上海市", 1.0),)),
    ("JS", "江苏省", "HD", (("南京市", 0.35), ("苏州市", 0.35), ("无锡市", 0.2), ("常州市", 0.1))),
    ("ZJ", "浙江省", "HD", (("杭州市", 0.45), ("宁波市", 0.3), ("温州市", 0.15), ("绍兴市", 0.1))),
    (
        "GD",
        "广东省",
        "HN",
        (("广州市", 0.35), ("深圳市", 0.35), ("东莞市", 0.15), ("佛山市", 0.15)),
    ),
    ("FJ", "福建省", "HN", (("福州市", 0.4), ("厦门市", 0.4), ("泉州市", 0.2))),
    ("GX", "广西壮族自治区", "HN", (("南宁市", 0.6), ("柳州市", 0.25), ("桂林市", 0.15))),
    ("SC", "四川省", "XN", (("成都市", 0.75), ("绵阳市", 0.15), ("宜宾市", 0.1))),
    ("CQ", "重庆市", "XN", (("重庆市", 1.0),)),
    ("YN", "云南省", "XN", (("昆明市", 0.7), ("曲靖市", 0.15), ("玉溪市", 0.15))),
)

# Code, name, share of customers, size (relative lines per day), quantity multiplier.
CUSTOMER_TYPES = (
    ("KA", "大客户", 0.10, 6.0, 3.0),
    ("SMB", "中小客户", 0.55, 1.0, 1.0),
    ("NR", "新零售", 0.25, 2.5, 2.0),
    ("GOV", "政企客户", 0.10, 3.5, 2.5),
)
# Code, name, mean discount, its spread, share of 4-decimal amounts (rebates, coupons).
CHANNELS = (
    ("DIRECT", "直销", 0.05, 0.03, 0.0),
    ("DEALER", "经销商", 0.20, 0.04, 0.5),
    ("ECOM", "电商", 0.08, 0.04, 0.8),
    ("AGENT", "代理商", 0.15, 0.04, 0.3),
)
# For each customer type, the chance of each channel (in CHANNELS order).
TYPE_CHANNELS = {
    "KA": (0.80, 0.0, 0.0, 0.20),
    "SMB": (0.10, 0.50, 0.15, 0.25),
    "NR": (0.0, 0.15, 0.85, 0.0),
    "GOV": (0.60, 0.0, 0.0, 0.40),
}
# For each customer type, the share of each category (in CATEGORIES order).
TYPE_CATEGORIES = {
    "KA": (0.45, 0.45, 0.10),
    "SMB": (0.40, 0.25, 0.35),
    "NR": (0.05, 0.05, 0.90),
    "GOV": (0.40, 0.55, 0.05),
}

# Category code, name, return rate; lines: code, name, unit, yearly growth, products:
# (name, list price, cost ratio, typical quantity, launched on, discontinued on).
D = dt.date
CENT = Decimal("0.01")
CATEGORIES = (
    (
        "OFF",
        "智能办公",
        0.03,
        (
            (
                "PRN",
                "打印复印",
                "台",
                -0.04,
                (
                    ("激光打印机 LP-100", "1299", 0.62, 2, None, None),
                    ("激光打印机 LP-200", "2499", 0.60, 2, None, None),
                    ("彩色激光打印机 CP-300", "4999", 0.58, 1, None, None),
                    ("多功能一体机 MF-500", "8999", 0.55, 1, None, None),
                    ("高速数码复合机 DC-800", "29800", 0.52, 1, None, None),
                    ("便携打印机 Go", "899", 0.65, 3, None, D(2025, 12, 1)),
                    ("标签打印机 LB-10", "599", 0.60, 3, None, None),
                ),
            ),
            (
                "MTG",
                "会议系统",
                "套",
                0.12,
                (
                    ("智能会议平板 65 寸", "12999", 0.58, 1, None, None),
                    ("智能会议平板 75 寸", "16999", 0.56, 1, None, None),
                    ("智能会议平板 86 寸", "25999", 0.55, 1, D(2024, 9, 1), None),
                    ("4K 会议摄像头", "3299", 0.50, 2, None, None),
                    ("全向会议麦克风", "1899", 0.48, 2, None, None),
                    ("无线投屏器", "999", 0.45, 3, None, None),
                    ("会议室预约系统", "6800", 0.30, 1, None, None),
                ),
            ),
            (
                "SUP",
                "办公耗材",
                "盒",
                0.0,
                (
                    ("原装硒鼓 T1", "399", 0.55, 12, None, None),
                    ("彩色墨盒套装", "699", 0.50, 8, None, None),
                    ("A4 复印纸（箱）", "189", 0.80, 30, None, None),
                    ("大容量碳粉", "259", 0.52, 15, None, None),
                    ("热敏标签纸", "89", 0.60, 40, None, None),
                    ("打印机保养套件", "459", 0.45, 5, None, None),
                ),
            ),
        ),
    ),
    (
        "NET",
        "网络安全",
        0.02,
        (
            (
                "RSW",
                "路由交换",
                "台",
                0.05,
                (
                    ("企业级路由器 ER-1", "3599", 0.55, 2, None, None),
                    ("千兆交换机 24 口", "2299", 0.52, 4, None, None),
                    ("万兆交换机 48 口", "18999", 0.50, 2, None, None),
                    ("室内无线 AP", "1299", 0.48, 10, None, None),
                    ("室外无线 AP", "2899", 0.50, 4, None, None),
                    ("无线控制器 AC", "8999", 0.45, 1, None, None),
                    ("光模块（对）", "699", 0.40, 8, None, None),
                ),
            ),
            (
                "SEC",
                "安全网关",
                "台",
                0.15,
                (
                    ("下一代防火墙 F100", "9800", 0.45, 1, None, None),
                    ("下一代防火墙 F500", "29800", 0.42, 1, None, None),
                    ("下一代防火墙 F1000", "86000", 0.40, 1, None, None),
                    ("上网行为管理", "12800", 0.38, 1, None, None),
                    ("VPN 网关", "6800", 0.40, 1, None, None),
                    ("日志审计系统", "23800", 0.35, 1, None, None),
                    ("零信任网关", "39800", 0.35, 1, D(2025, 3, 1), None),
                ),
            ),
            (
                "CLD",
                "云服务订阅",
                "年",
                0.35,
                (
                    ("云管理平台 标准版", "3600", 0.25, 3, None, None),
                    ("云管理平台 高级版", "9600", 0.22, 2, D(2024, 6, 1), None),
                    ("安全运营服务", "24000", 0.40, 1, None, None),
                    ("数据备份服务", "4800", 0.30, 3, None, None),
                    ("企业邮箱（每用户）", "360", 0.20, 50, None, None),
                    ("远程运维服务", "12000", 0.45, 1, None, None),
                ),
            ),
        ),
    ),
    (
        "CON",
        "消费电子",
        0.06,
        (
            (
                "HOM",
                "智能家居",
                "台",
                0.12,
                (
                    ("智能音箱 mini", "199", 0.62, 10, None, None),
                    ("智能音箱 Pro", "599", 0.58, 5, None, None),
                    ("智能屏 8 寸", "899", 0.60, 4, D(2026, 1, 1), None),
                    ("智能门锁 L1", "1599", 0.55, 3, None, None),
                    ("智能摄像头 C2", "299", 0.55, 8, None, None),
                    ("扫地机器人 R5", "2499", 0.62, 2, None, None),
                    ("空气净化器 A3", "1899", 0.60, 2, None, None),
                ),
            ),
            (
                "WEA",
                "可穿戴",
                "只",
                0.08,
                (
                    ("智能手表 S", "999", 0.60, 4, None, None),
                    ("智能手表 Pro", "2299", 0.58, 2, None, None),
                    ("运动手环 5", "249", 0.55, 10, None, None),
                    ("蓝牙耳机 E1", "399", 0.55, 8, None, None),
                    ("降噪耳机 Pro", "1299", 0.55, 4, D(2025, 9, 1), None),
                    ("儿童手表 K2", "699", 0.58, 4, None, None),
                    ("智能眼镜 G1", "1999", 0.60, 2, D(2026, 5, 1), None),
                ),
            ),
            (
                "ACC",
                "电脑配件",
                "个",
                -0.02,
                (
                    ("无线键鼠套装", "199", 0.60, 10, None, None),
                    ("机械键盘 K7", "499", 0.55, 5, None, None),
                    ("27 寸显示器", "1699", 0.70, 3, None, None),
                    ("多功能扩展坞", "399", 0.55, 6, None, None),
                    ("移动电源 20000mAh", "149", 0.60, 15, None, None),
                    ("氮化镓充电器 65W", "179", 0.55, 12, None, None),
                ),
            ),
        ),
    ),
)


@dataclass(frozen=True)
class Products:
    """The 60 products as arrays by product index (in ``CATEGORIES`` order)."""

    ids: np.ndarray
    category: np.ndarray  # index into CATEGORIES
    line: np.ndarray  # index into line_names
    line_names: list[str]
    line_growth: np.ndarray  # yearly log-growth by line
    list_price_units: np.ndarray  # list price × 10,000
    standard_cost_units: np.ndarray
    typical_qty: np.ndarray
    available_from: np.ndarray  # day index of launch
    available_until: np.ndarray  # day index it was discontinued (exclusive)


@dataclass(frozen=True)
class Catalog:
    """What the generator needs to know about master data."""

    area_ids: dict[str, int]
    area_names: dict[str, str]
    province_ids: dict[str, int]  # province code → Region id
    province_area: dict[str, str]
    province_growth: dict[str, float]
    cities: dict[str, list[tuple[int, str, float]]]  # province code → (Region id, name, weight)
    type_codes: list[str]
    type_ids: np.ndarray
    channel_ids: np.ndarray
    category_return_rate: np.ndarray
    products: Products


def catalog_create(*, rng: np.random.Generator) -> Catalog:
    """Write the demo's master data and return what the generator needs about it."""
    area_ids: dict[str, int] = {}
    area_names: dict[str, str] = {}
    province_ids: dict[str, int] = {}
    cities: dict[str, list[tuple[int, str, float]]] = {}
    growth: dict[str, float] = {}
    for order, (code, name, area_growth) in enumerate(AREAS):
        area = region_save(
            region=Region(code=code, name=name, level=RegionLevel.AREA, sort_order=order)
        )
        area_ids[code], area_names[code] = area.pk, name
        for p_order, (p_code, p_name, p_area, p_cities) in enumerate(PROVINCES):
            if p_area != code:
                continue
            province = region_save(
                region=Region(
                    code=f"{code}-{p_code}",
                    name=p_name,
                    level=RegionLevel.PROVINCE,
                    parent=area,
                    sort_order=p_order,
                )
            )
            province_ids[p_code] = province.pk
            growth[p_code] = area_growth + float(rng.normal(0, 0.03))  # float ok: a growth rate
            cities[p_code] = []
            for c_order, (c_name, weight) in enumerate(p_cities, start=1):
                city = region_save(
                    region=Region(
                        code=f"{code}-{p_code}-{c_order:02d}",
                        name=c_name,
                        level=RegionLevel.CITY,
                        parent=province,
                        sort_order=c_order,
                    )
                )
                cities[p_code].append((city.pk, c_name, weight))

    types = CustomerType.objects.bulk_create(
        CustomerType(code=code, name=name, sort_order=i)
        for i, (code, name, *_rest) in enumerate(CUSTOMER_TYPES)
    )
    channels = Channel.objects.bulk_create(
        Channel(code=code, name=name, sort_order=i)
        for i, (code, name, *_rest) in enumerate(CHANNELS)
    )
    return Catalog(
        area_ids=area_ids,
        area_names=area_names,
        province_ids=province_ids,
        province_area={p[0]: p[2] for p in PROVINCES},
        province_growth=growth,
        cities=cities,
        type_codes=[t[0] for t in CUSTOMER_TYPES],
        type_ids=np.array([t.pk for t in types], dtype=np.int64),
        channel_ids=np.array([c.pk for c in channels], dtype=np.int64),
        category_return_rate=np.array([c[2] for c in CATEGORIES]),
        products=_products_create(rng=rng),
    )


def _products_create(*, rng: np.random.Generator) -> Products:
    products: list[Product] = []
    cat_idx, line_idx, qty, ratio, since, until = [], [], [], [], [], []
    line_growth: list[float] = []
    line_names: list[str] = []
    for c_order, (c_code, c_name, _rate, lines) in enumerate(CATEGORIES):
        category = ProductCategory.objects.create(code=c_code, name=c_name, sort_order=c_order)
        for l_code, l_name, unit, l_growth, items in lines:
            line = ProductLine.objects.create(
                code=f"{c_code}-{l_code}",
                name=l_name,
                category=category,
                sort_order=len(line_names),
            )
            for p_order, (name, price, cost_ratio, typical, launched, dropped) in enumerate(
                items, start=1
            ):
                list_price = Decimal(price)
                products.append(
                    Product(
                        code=f"{c_code}-{l_code}-{p_order:02d}",
                        name=name,
                        line=line,
                        unit=unit,
                        list_price=list_price,
                        standard_cost=(list_price * Decimal(str(cost_ratio))).quantize(CENT),
                        sort_order=len(products),
                        is_active=dropped is None,
                    )
                )
                cat_idx.append(c_order)
                line_idx.append(len(line_names))
                qty.append(typical)
                ratio.append(cost_ratio)
                since.append(day_index(launched) if launched else -(10**6))
                until.append(day_index(dropped) if dropped else 10**6)
            line_growth.append(l_growth + float(rng.normal(0, 0.02)))  # float ok: a growth rate
            line_names.append(l_name)
    created = Product.objects.bulk_create(products)
    return Products(
        ids=np.array([p.pk for p in created], dtype=np.int64),
        category=np.array(cat_idx, dtype=np.int64),
        line=np.array(line_idx, dtype=np.int64),
        line_names=line_names,
        line_growth=np.array(line_growth),
        list_price_units=np.array([decimal_to_units(p.list_price) for p in created]),
        standard_cost_units=np.array([decimal_to_units(p.standard_cost) for p in created]),
        typical_qty=np.array(qty, dtype=np.float64),
        available_from=np.array(since, dtype=np.int64),
        available_until=np.array(until, dtype=np.int64),
    )
