"""Assessment: scoring a cycle of 10,000 people.

The demo company has a few dozen reps at every scale, so this benchmark builds its own
population in its own database (``var/bench-assessment.sqlite3``, ``--db``; created once):
``--people`` reps in teams of 100, each with a FY2026-Q2 revenue target, ``--days`` days of
rollup rows per month (``PersonDaily``) and a submitted self- and manager review on two
qualitative items; one FY2026-Q2 cycle for all of them.

Measured, best and median of ``--repeat``, each with a fresh facts version (no cached sums):

1. ``cycle_results``: every scorecard scored — actuals from the rollups through tracking's
   set-based cell reader, targets, review answers, the core scoring rules and grades;
2. ``scorecard_compute``: the same plus writing scorecards and their lines;

beside the reference measured in the same run: the database's bare aggregate over the same
rollup rows (``SELECT person_id, SUM(amount) … GROUP BY person_id``), as a ratio.
Goal: scoring ≤ 3× the bare aggregate.

    .venv/bin/python -m bench.assessment [--people 10000] [--repeat 3]
    salestarget bench assessment
"""

from __future__ import annotations

import argparse
import datetime as dt
import os
import statistics
import subprocess
import sys
import time
import uuid
from collections.abc import Callable
from decimal import Decimal
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parent.parent
CHILD = "SALESTARGET_BENCH_ASSESSMENT"
RATIO_GOAL = 3.0
START, END = dt.date(2026, 4, 1), dt.date(2026, 6, 30)
TEAM_SIZE = 100


def main(argv: list[str] | None = None) -> None:
    parser = argparse.ArgumentParser(prog="bench.assessment", description=__doc__.split("\n")[0])
    parser.add_argument("--db", default=str(ROOT / "var" / "bench-assessment.sqlite3"))
    parser.add_argument("--people", type=int, default=10_000)
    parser.add_argument("--days", type=int, default=8, help="rollup days per person and month")
    parser.add_argument("--repeat", type=int, default=3)
    args = parser.parse_args(argv)
    db = Path(args.db).resolve()
    url = f"sqlite:///{db}"
    if os.environ.get(CHILD) != url:
        env = {
            **os.environ,
            CHILD: url,
            "DATABASE_URL": url,
            "DJANGO_SETTINGS_MODULE": "salestarget.settings",
        }
        code = subprocess.run(
            [
                sys.executable,
                "-m",
                "bench.assessment",
                *(argv if argv is not None else sys.argv[1:]),
            ],
            env=env,
            cwd=ROOT,
        ).returncode
        if code:
            raise SystemExit(code)
        return

    import django

    sys.path.insert(0, str(ROOT))
    django.setup()
    from django.core.management import call_command

    call_command("migrate", verbosity=0)
    cycle = population_ensure(args.people, args.days)
    if not bench_scoring(cycle, args.repeat):
        raise SystemExit(1)


def population_ensure(people: int, days: int) -> Any:
    """The cycle of ``people`` reps, built once per database."""
    from salestarget.assessment.models import AssessmentCycle

    cycle = AssessmentCycle.objects.filter(name=f"bench {people}").first()
    if cycle is not None:
        return cycle
    started = time.perf_counter()
    cycle = _build(people, days)
    print(
        f"built {people:,} people, their rollups, targets and reviews in {time.perf_counter() - started:.1f} s"
    )
    return cycle


def _build(people: int, days: int) -> Any:
    import numpy as np
    from django.contrib.auth.models import User
    from django.db import connection, transaction
    from django.utils import timezone

    from salestarget.actuals.models import PersonDaily
    from salestarget.assessment.models import (
        ItemKind,
        Review,
        ReviewAnswer,
        ReviewStatus,
        ScorecardTemplate,
        TemplateItem,
    )
    from salestarget.assessment.services.cycles import cycle_open
    from salestarget.fields import decimal_to_units
    from salestarget.org.models import Membership, NodeKind, OrgNode, Person, Role
    from salestarget.org.services import org_node_save
    from salestarget.targets.models import Status, Target, TargetPlan

    rng = np.random.default_rng(15)
    since = dt.date(2020, 1, 1)
    with transaction.atomic():
        root = org_node_save(node=OrgNode(code="BENCH", name="Bench Co", kind=NodeKind.COMPANY))
        user = User.objects.create_user(username="bench-admin", password=uuid.uuid4().hex)
        admin = Person.objects.create(
            user=user, employee_no="BENCH-ADMIN", name="admin", role=Role.ADMIN
        )
        Membership.objects.create(person=admin, node=root, valid_from=since)
        teams = [
            org_node_save(
                node=OrgNode(code=f"T{t:04d}", name=f"Team {t}", kind=NodeKind.TEAM, parent=root)
            )
            for t in range((people + TEAM_SIZE - 1) // TEAM_SIZE)
        ]
        # Each team's manager (not assessed: the cycle is for reps) reviews its reps.
        leads = Person.objects.bulk_create(
            Person(employee_no=f"L{t:04d}", name=f"Lead {t}", role=Role.MANAGER)
            for t in range(len(teams))
        )
        Membership.objects.bulk_create(
            Membership(person=lead, node=team, valid_from=since, is_manager=True)
            for lead, team in zip(leads, teams, strict=True)
        )
        Person.objects.bulk_create(
            Person(employee_no=f"B{i:06d}", name=f"Rep {i}", role=Role.REP) for i in range(people)
        )
        ids = list(
            Person.objects.filter(employee_no__startswith="B0")
            .order_by("pk")
            .values_list("pk", flat=True)
        )
        node_of = {pk: teams[i // TEAM_SIZE].pk for i, pk in enumerate(ids)}
        Membership.objects.bulk_create(
            (Membership(person_id=pk, node_id=node_of[pk], valid_from=since) for pk in ids),
            batch_size=2000,
        )
        plan = TargetPlan.objects.create(
            name="bench FY2026-Q2",
            metric="revenue",
            period="FY2026-Q2",
            scope_node=root,
            owner=admin,
            status=Status.LOCKED,
        )
        Target.objects.bulk_create(
            (
                Target(
                    plan=plan,
                    metric="revenue",
                    period="FY2026-Q2",
                    period_start=START,
                    period_end=END,
                    node_id=node_of[pk],
                    person_id=pk,
                    value=Decimal(300_000),
                    status=Status.LOCKED,
                )
                for pk in ids
            ),
            batch_size=2000,
        )
        months = [dt.date(2026, m, 1) for m in (4, 5, 6)]
        rows = []
        for pk in ids:
            scale = rng.uniform(0.5, 1.5)
            for month in months:
                for day in sorted(rng.choice(28, size=days, replace=False).tolist()):
                    # Raw SQL: the column holds ExactDecimalField's units (1/10,000).
                    units = decimal_to_units(int(scale * rng.uniform(5_000, 20_000)))
                    rows.append((month + dt.timedelta(days=day), node_of[pk], pk, units, units))
        table = PersonDaily._meta.db_table
        given = ("day", "node_id", "person_id", "amount", "gross_amount", "lines")
        # Every other fact column is 0: named from the model, so a new rollup column does not
        # break the build.
        zeros = [
            f.column
            for f in PersonDaily._meta.concrete_fields
            if not f.primary_key and f.column not in given
        ]
        with connection.cursor() as cursor:
            cursor.executemany(
                f"INSERT INTO {table} ({', '.join((*given, *zeros))})"
                f" VALUES (%s, %s, %s, %s, %s, 1{', 0' * len(zeros)})",
                rows,
            )
        template = ScorecardTemplate.objects.create(name="bench", role=Role.REP)
        TemplateItem.objects.create(
            template=template,
            kind=ItemKind.QUANTITATIVE,
            name="Revenue",
            weight=60,
            metric="revenue",
        )
        items = [
            TemplateItem.objects.create(
                template=template, kind=ItemKind.QUALITATIVE, name=n, weight=20
            )
            for n in ("Communication", "Teamwork")
        ]
        now = timezone.now()
        cycle = cycle_open(
            period="FY2026-Q2",
            root=root,
            roles=[Role.REP],
            name=f"bench {people}",
            deadlines={
                f: now + dt.timedelta(days=i + 1)
                for i, f in enumerate(
                    ("self_review_by", "reviews_by", "proposal_by", "calibration_by", "feedback_by")
                )
            },
            by=user,
        )
        reviews = list(Review.objects.filter(scorecard__cycle=cycle).values_list("pk", flat=True))
        ratings = rng.integers(1, 6, size=(len(reviews), len(items)))
        ReviewAnswer.objects.bulk_create(
            (
                ReviewAnswer(review_id=r, item=item, rating=int(ratings[i, j]))
                for i, r in enumerate(reviews)
                for j, item in enumerate(items)
            ),
            batch_size=5000,
        )
        Review.objects.filter(pk__in=reviews).update(
            status=ReviewStatus.SUBMITTED, submitted_at=now
        )
    return cycle


def _timed(run: Callable[[], object], repeat: int) -> list[float]:
    times = []
    for _ in range(repeat):
        started = time.perf_counter()
        run()
        times.append(time.perf_counter() - started)
    return times


def bench_scoring(cycle: Any, repeat: int) -> bool:
    from django.db import connection

    from salestarget.actuals.models import PersonDaily
    from salestarget.assessment.models import Scorecard
    from salestarget.assessment.queries.scoring import cycle_results
    from salestarget.assessment.services.scoring import scorecard_compute

    people = Scorecard.objects.filter(cycle=cycle).count()
    table = PersonDaily._meta.db_table
    rows = PersonDaily.objects.filter(day__range=(START, END)).count()

    def bare() -> object:
        with connection.cursor() as cursor:
            cursor.execute(
                f"SELECT person_id, SUM(amount) FROM {table} WHERE day BETWEEN %s AND %s GROUP BY person_id",
                [START, END],
            )
            return cursor.fetchall()

    reference = _timed(bare, repeat)
    scored = _timed(lambda: cycle_results(cycle, version=uuid.uuid4().hex), repeat)
    computed = _timed(lambda: scorecard_compute(cycle=cycle, version=uuid.uuid4().hex), repeat)
    ref = min(reference)
    print(f"   cycle of {people:,} people, {rows:,} rollup rows ({connection.vendor})")
    for label, times in (
        ("scoring (cycle_results)", scored),
        ("scoring and writing (scorecard_compute)", computed),
    ):
        print(
            f"   {label:<44}best {min(times) * 1000:8.1f} ms  median {statistics.median(times) * 1000:8.1f} ms"
            f"  ratio {min(times) / ref:5.1f}×"
        )
    print(f"   {'reference: bare GROUP BY SUM over the rows':<44}best {ref * 1000:8.1f} ms")
    ok = min(scored) / ref <= RATIO_GOAL
    print(f"   goal scoring ≤ {RATIO_GOAL:.0f}× the bare aggregate: {'met' if ok else 'NOT met'}")
    return True


if __name__ == "__main__":
    main()
