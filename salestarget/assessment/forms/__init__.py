"""The assessment pages' forms: opening a cycle (``cycles``) and editing a scorecard
template (``templates``)."""

from salestarget.assessment.forms.cycles import CycleForm
from salestarget.assessment.forms.templates import ItemForm, TemplateForm, item_formset

__all__ = ["CycleForm", "ItemForm", "TemplateForm", "item_formset"]
