"""zh-Hans is the source language; English must be complete: every committed catalogue is
fully translated, nothing is fuzzy, templates carry no untranslatable Chinese, and a page
really renders in English after switching language."""

from __future__ import annotations

import ast
import re
from pathlib import Path

import pytest
from django.conf import settings
from django.urls import reverse

from tests.personas import Company

ROOT = Path(settings.BASE_DIR) / "salestarget"
CATALOGUES = sorted(ROOT.rglob("locale/*/LC_MESSAGES/*.po"))
TEMPLATES = sorted(ROOT.rglob("templates/**/*.html"))
IDEOGRAPH = re.compile(r"[\u3400-\u9fff]")
# Translation tags, translated literals (_("…") in filters) and comments.
TRANSLATED = re.compile(
    r"\{%\s*(?:translate|trans)\s+(?:\"[^\"]*\"|'[^']*')[^%]*%\}"
    r"|\{%\s*blocktrans(?:late)?\b.*?%\}.*?\{%\s*endblocktrans(?:late)?\s*%\}"
    r"|_\(\"[^\"]*\"\)|_\('[^']*'\)"
    r"|\{#.*?#\}|\{%\s*comment\s*%\}.*?\{%\s*endcomment\s*%\}",
    re.S,
)


def po_entries(path: Path) -> list[dict[str, str | list[str]]]:
    """The entries of a .po file: their flags, msgid and msgstr(s)."""
    entries: list[dict[str, str | list[str]]] = []
    entry: dict[str, str | list[str]] = {}
    key = ""
    for line in [*path.read_text(encoding="utf-8").splitlines(), ""]:
        if not line.strip():
            if entry:
                entries.append(entry)
            entry, key = {}, ""
        elif line.startswith("#,"):
            entry["flags"] = [f.strip() for f in line[2:].split(",")]
        elif line.startswith("#"):
            continue
        elif line.startswith('"'):
            entry[key] = str(entry[key]) + ast.literal_eval(line)
        else:
            key, _space, value = line.partition(" ")
            entry[key] = ast.literal_eval(value)
    return entries


def problems(path: Path) -> list[str]:
    found = []
    for entry in po_entries(path):
        msgid = str(entry.get("msgid", ""))
        if "fuzzy" in entry.get("flags", []):
            found.append(f"fuzzy: {msgid or '(header)'}")
        if msgid == "":
            continue  # the header
        strs = [v for k, v in entry.items() if k.startswith("msgstr")]
        if not strs or any(s == "" for s in strs):
            found.append(f"untranslated: {msgid}")
    return found


def test_there_are_english_catalogues() -> None:
    names = {p.relative_to(ROOT).parts[0] for p in CATALOGUES}
    assert {"org", "catalog", "web", "locale"} <= names


@pytest.mark.parametrize("po", CATALOGUES, ids=lambda p: str(p.relative_to(ROOT)))
def test_every_entry_is_translated_and_none_is_fuzzy(po: Path) -> None:
    assert problems(po) == []


def test_the_po_reader_sees_untranslated_and_fuzzy_entries(tmp_path: Path) -> None:
    po = tmp_path / "django.po"
    po.write_text(
        'msgid ""\nmsgstr ""\n"Language: en\\n"\n\n'
        'msgid "好"\nmsgstr "Good"\n\n'
        'msgid "坏"\nmsgstr ""\n\n'
        '#, fuzzy, python-format\nmsgid "%(n)s 个"\nmsgstr "%(n)s pieces"\n\n'
        'msgid "一个"\nmsgid_plural "多个"\nmsgstr[0] "one"\nmsgstr[1] ""\n',
        encoding="utf-8",
    )
    assert problems(po) == ["untranslated: 坏", "fuzzy: %(n)s 个", "untranslated: 一个"]


@pytest.mark.parametrize("template", TEMPLATES, ids=lambda p: str(p.relative_to(ROOT)))
def test_templates_show_no_chinese_outside_translation_tags(template: Path) -> None:
    text = TRANSLATED.sub("", template.read_text(encoding="utf-8"))
    assert not [line.strip() for line in text.splitlines() if IDEOGRAPH.search(line)]


def test_a_page_renders_in_english_after_switching_language(login, company: Company) -> None:
    client = login(company.manager_north)
    chinese = client.get(reverse("org:node_list")).content.decode()
    assert "组织架构" in chinese
    resp = client.post(
        reverse("set_language"), {"language": "en", "next": reverse("org:node_list")}
    )
    assert resp.status_code == 302
    english = client.get(reverse("org:node_list")).content.decode()
    assert '<html lang="en">' in english
    assert "Organisation" in english
    assert "Master data" in english  # the menu
    assert "<td>Region</td>" in english  # the node kind 大区, from the model's choices
    assert "组织架构" not in english
    assert "华北" in english  # data stays as entered


def test_the_login_page_offers_english(client, db: None) -> None:
    page = client.get(reverse("login")).content.decode()
    assert "登录销售目标管理系统" in page
    assert ">English<" in page
    client.post(reverse("set_language"), {"language": "en", "next": reverse("login")})
    page = client.get(reverse("login")).content.decode()
    assert "Sign in to Sales Target Management" in page
    assert ">简体中文<" in page
