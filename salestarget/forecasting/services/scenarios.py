"""Adopting a quota scenario: the target takes the scenario's total (when it differs) and is
split by the scenario's method through targets' decomposition service, exact to the cent,
with the change history and approvals that service keeps."""

from __future__ import annotations

from django.contrib.auth.models import User
from django.db import transaction
from django.utils.translation import gettext as _

from salestarget.forecasting.queries.runs import latest_run
from salestarget.forecasting.queries.scenarios import (
    METHODS,
    ScenarioSpec,
    decomposition_of,
    member_outlooks,
    scenarios_compare,
)
from salestarget.targets.models import Target
from salestarget.targets.services.decomposition import DecompositionOutcome, target_decompose
from salestarget.targets.services.plans import target_update


@transaction.atomic
def scenario_adopt(
    *, target: Target, axis: str, scenario: ScenarioSpec, by: User
) -> DecompositionOutcome:
    """Make ``scenario`` the target's decomposition; ValidationError (nothing saved) when the
    target cannot take it (approved, another metric, an axis without members …)."""
    scenarios_compare(target=target, axis=axis, specs=[scenario], by=by)  # the same checks
    reason = _("采用配额方案：%(total)s，%(method)s") % {
        "total": scenario.total,
        "method": METHODS[scenario.method],
    }
    if scenario.total != target.value:
        target = target_update(
            target=target, by=by, expected_version=None, reason=reason, value=scenario.total
        )
    spec = decomposition_of(scenario, axis, member_outlooks(target, axis, latest_run()))
    return target_decompose(target=target, spec=spec, by=by, reason=reason)
