"""The Content-Security-Policy allows scripts from our own files only, so no template may hold
an inline script or an on…= handler: the browser would refuse it and the page would silently
stop working. Behaviours go in static files (web/page.js: data-autosubmit, data-confirm,
data-fill; web/tree_table.js)."""

from __future__ import annotations

import re
from pathlib import Path

import salestarget

TEMPLATES = sorted(Path(salestarget.__file__).parent.rglob("templates/**/*.html"))
INLINE_SCRIPT = re.compile(r"<script(?![^>]*\bsrc=)(?![^>]*type=\"application/json\")[^>]*>", re.I)
HANDLER = re.compile(r"\son[a-z]+\s*=", re.I)
JS_URL = re.compile(r"href=\"javascript:", re.I)


def test_the_templates_are_found() -> None:
    assert len(TEMPLATES) > 50


def test_no_template_runs_inline_javascript() -> None:
    found = []
    for path in TEMPLATES:
        text = path.read_text(encoding="utf-8")
        for pattern in (INLINE_SCRIPT, HANDLER, JS_URL):
            found += [f"{path.name}: {m.group(0)}" for m in pattern.finditer(text)]
    assert found == []
