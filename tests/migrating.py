"""Migrating the test database back to an older state, for the tests of a migration.

Django unapplies a set of migrations in one go by rendering the models of every migration
between the first and the last of them in the whole plan, unapplied or not: org's 0002 sits
near the start and the late migrations that depend on it (forecasting, integrations) near the
end, so going back to org's 0001 re-rendered about a hundred states (21 s of CPU). Unapplied
run by run, latest first (each run a stretch of neighbours in the plan), Django renders little
more than the run itself: the same migrations unapplied in the same order, 5 s.
"""

from __future__ import annotations

from django.db import connection
from django.db.migrations.executor import MigrationExecutor

Target = tuple[str, str | None]


def migrate_to(targets: list[Target]) -> None:
    """Migrate the database to ``targets`` (``MigrationExecutor.migrate``'s), going back run by
    run when the plan unapplies migrations."""
    executor = MigrationExecutor(connection)
    plan = executor.migration_plan(targets)
    if not plan or not all(backwards for _migration, backwards in plan):
        executor.migrate(targets)
        return
    graph = executor.loader.graph
    whole = executor.migration_plan(graph.leaf_nodes(), clean_start=True)
    position = {(m.app_label, m.name): i for i, (m, _backwards) in enumerate(whole)}
    runs: list[list[tuple[str, str]]] = []
    # A migration's dependents come after it in the plan: latest first unapplies them first.
    for key in sorted(((m.app_label, m.name) for m, _ in plan), key=position.get, reverse=True):
        if runs and position[runs[-1][-1]] - position[key] == 1:
            runs[-1].append(key)
        else:
            runs.append([key])
    for run in runs:
        step: dict[str, str | None] = {}
        for app, name in run:  # an app's earliest migration in the run comes last
            before = [p.key[1] for p in graph.node_map[app, name].parents if p.key[0] == app]
            step[app] = before[0] if before else None
        MigrationExecutor(connection).migrate(list(step.items()))
    assert MigrationExecutor(connection).migration_plan(targets) == [], "not at the targets"
