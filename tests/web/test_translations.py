"""zh-Hans is the source language; English must be complete: every committed catalogue is
fully translated, nothing is fuzzy, every string the code and templates mark for translation
has its English in a catalogue (extracted from the source as ``makemessages`` does, not read
from the catalogues), templates carry no untranslatable Chinese, and a page really renders in
English after switching language."""

from __future__ import annotations

import ast
import re
import shutil
from pathlib import Path

import pytest
from django.conf import settings
from django.core.management import call_command
from django.test import override_settings
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


def english() -> dict[tuple[str, str], str]:
    """Every English translation the committed catalogues hold, by (context, msgid): what
    Django merges at run time (a plural by its first form)."""
    found: dict[tuple[str, str], str] = {}
    for po in CATALOGUES:
        for entry in po_entries(po):
            msgstr = str(entry.get("msgstr", entry.get("msgstr[0]", "")))
            if entry.get("msgid") and msgstr and "fuzzy" not in entry.get("flags", []):
                found[(str(entry.get("msgctxt", "")), str(entry["msgid"]))] = msgstr
    return found


def disagreements(catalogues: list[Path], root: Path = ROOT) -> list[str]:
    """Each (context, msgid) that two apps' catalogues of one language translate differently.

    Django merges every app's catalogue into one per language and the app listed first in
    INSTALLED_APPS wins, so another app's word would show on this app's page: a different
    meaning needs a context (``pgettext``, ``{% translate … context … %}``)."""
    seen: dict[tuple[str, str, str], dict[str, str]] = {}
    for po in catalogues:
        parts = po.relative_to(root).parts
        if po.name != "django.po":
            continue
        app, language = parts[0], parts[-3]
        for entry in po_entries(po):
            if not entry.get("msgid"):
                continue
            strs = sorted((k, str(v)) for k, v in entry.items() if k.startswith("msgstr"))
            key = (language, str(entry.get("msgctxt", "")), str(entry["msgid"]))
            seen.setdefault(key, {})[app] = " / ".join(v for _k, v in strs)
    return [
        f"{language} {context + ' | ' if context else ''}{msgid!r}: "
        + ", ".join(f"{app} {english!r}" for app, english in sorted(by_app.items()))
        for (language, context, msgid), by_app in sorted(seen.items())
        if len(set(by_app.values())) > 1
    ]


def marked_strings(source: Path, work: Path, monkeypatch: pytest.MonkeyPatch) -> list[str]:
    """The msgids ``makemessages`` extracts from ``source`` (its Python files, templates and
    text templates; no migrations), as ``context | msgid``.

    It runs on a copy in ``work``, with ``LOCALE_PATHS`` empty, so that it writes its one
    catalogue there and never touches the committed ones."""
    copy = work / "src"
    for path in source.rglob("*"):
        parts = path.relative_to(source).parts
        if path.suffix in (".py", ".html", ".txt") and not {"migrations", "locale"} & set(parts):
            target = copy.joinpath(*parts)
            target.parent.mkdir(parents=True, exist_ok=True)
            shutil.copyfile(path, target)
    (copy / "locale").mkdir(parents=True)
    monkeypatch.chdir(copy)
    with override_settings(LOCALE_PATHS=[]):
        call_command(
            "makemessages",
            locale=["en"],
            no_location=True,
            verbosity=0,
            extensions=["html", "txt", "py"],
        )
    return [
        f"{entry.get('msgctxt', '')} | {entry['msgid']}"
        for entry in po_entries(copy / "locale/en/LC_MESSAGES/django.po")
        if entry.get("msgid")
    ]


GETTEXT = {"_", "gettext", "gettext_lazy", "gettext_noop", "ngettext", "ngettext_lazy"}
PGETTEXT = {"pgettext", "pgettext_lazy", "npgettext", "npgettext_lazy"}


def marked_in_python(source: Path) -> list[str]:
    """The msgids of every gettext call with literal arguments in ``source``'s Python files,
    read with ``ast``: Debian's xgettext does not look inside f-strings (``f"{_('目标分解')}-…"``),
    so ``makemessages`` alone missed them."""
    found = []
    for path in sorted(source.rglob("*.py")):
        if "migrations" in path.parts:
            continue
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            if not (isinstance(node, ast.Call) and isinstance(node.func, ast.Name)):
                continue
            texts = [a.value for a in node.args if isinstance(a, ast.Constant)]
            if not all(isinstance(s, str) for s in texts):
                continue
            if node.func.id in GETTEXT and texts:
                found.append(f" | {texts[0]}")
            elif node.func.id in PGETTEXT and len(texts) >= 2:
                found.append(f"{texts[0]} | {texts[1]}")
    return found


def without_english(marked: list[str], translations: dict[tuple[str, str], str]) -> list[str]:
    return sorted(m for m in marked if tuple(m.split(" | ", 1)) not in translations)


def test_every_string_marked_in_the_source_has_its_english(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    marked = marked_strings(ROOT, tmp_path, monkeypatch)
    assert len(marked) > 1000  # the extraction really read the source
    assert without_english(sorted({*marked, *marked_in_python(ROOT)}), english()) == []


def test_a_string_marked_in_code_but_missing_from_every_catalogue_is_found(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    source = tmp_path / "app"
    (source / "templates").mkdir(parents=True)
    (source / "views.py").write_text(
        "from django.utils.translation import gettext as _, pgettext\n"
        'A = _("目标")\nB = _("一个没有译文的新字符串")\nC = pgettext("org unit", "上级")\n'
        'D = pgettext("no such context", "上级")\nE = f"{_(\'f 字符串里的字\')}-1"\n',
        encoding="utf-8",
    )
    (source / "templates" / "page.html").write_text(
        '{% load i18n %}{% translate "模板里新加的字" %}', encoding="utf-8"
    )
    marked = marked_strings(source, tmp_path / "work", monkeypatch)
    assert without_english(marked, english()) == sorted(
        [" | 一个没有译文的新字符串", "no such context | 上级", " | 模板里新加的字"]
    )
    both = {*marked, *marked_in_python(source)}
    assert " | f 字符串里的字" in without_english(sorted(both), english())


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


def test_the_apps_catalogues_agree_on_every_msgid() -> None:
    assert disagreements(CATALOGUES) == []


def test_a_msgid_two_apps_translate_differently_is_named_with_both_apps(tmp_path: Path) -> None:
    header = 'msgid ""\nmsgstr ""\n"Language: en\\n"\n\n'
    catalogues = []
    for app, body in (
        ("incentives", 'msgid "计算"\nmsgstr "Calculate"\n\nmsgid "目标"\nmsgstr "Target"\n'),
        ("assessment", 'msgid "计算"\nmsgstr "Computed"\n\nmsgid "目标"\nmsgstr "Target"\n'),
        ("targets", 'msgctxt "state"\nmsgid "计算"\nmsgstr "Computed"\n'),
    ):
        po = tmp_path / app / "locale/en/LC_MESSAGES/django.po"
        po.parent.mkdir(parents=True)
        po.write_text(header + body, encoding="utf-8")
        catalogues.append(po)
    assert disagreements(catalogues, tmp_path) == [
        "en '计算': assessment 'Computed', incentives 'Calculate'"
    ]


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
