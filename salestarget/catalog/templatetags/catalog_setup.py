"""``{% setup_checklist %}``: the getting-started panel of the admin's home page."""

from __future__ import annotations

from typing import Any

from django import template

from salestarget.catalog.setup import setup_steps

register = template.Library()


@register.inclusion_tag("catalog/_setup_checklist.html", takes_context=True)
def setup_checklist(context: template.Context) -> dict[str, Any]:
    steps = setup_steps(context["scope"])
    done = sum(s.done for s in steps)
    return {"steps": steps, "done": done, "total": len(steps), "complete": done == len(steps)}
