"""The demo's customers: type, city, channel, size, when they start (and stop) buying, and who
owns them over time.

Most customers already buy when the history starts; the rest are won over the three years,
which is what the 新客户数 metric counts. When a rep leaves, a teammate takes their customers
over on the leaving day; a rep who moves team keeps theirs.
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np

from salestarget.catalog.models import Customer
from salestarget.demo.company import NEVER, REP_BEHIND, TEAMS, Company
from salestarget.demo.masterdata import CUSTOMER_TYPES, TYPE_CHANNELS, Catalog
from salestarget.demo.names import customer_name, unique_names
from salestarget.demo.scales import N_DAYS, Scale, random_stream

EXISTING_SHARE = 0.7  # customers already buying on DEMO_START
CHURN_SHARE = 0.12
NEW_HIRE_PREFERENCE = 3.0  # new reps get more of the newly won customers


@dataclass(frozen=True)
class CustomerBook:
    """Customers as arrays by customer index; owners are rep indices."""

    ids: np.ndarray
    type_idx: np.ndarray
    channel_idx: np.ndarray
    team_idx: np.ndarray
    region_ids: np.ndarray  # city
    start_day: np.ndarray
    end_day: np.ndarray  # first day no longer buying, NEVER if still buying
    size: np.ndarray
    owner_before: np.ndarray
    owner_after: np.ndarray
    switch_day: np.ndarray  # owner_after from this day on

    def owner_at(self, customers: np.ndarray, days: np.ndarray) -> np.ndarray:
        return np.where(
            days < self.switch_day[customers],
            self.owner_before[customers],
            self.owner_after[customers],
        )

    def __len__(self) -> int:
        return len(self.ids)


def customers_create(
    *, scale: Scale, seed: int, catalog: Catalog, company: Company
) -> CustomerBook:
    rng = random_stream(seed, "customers")
    n = scale.customers
    type_share = np.array([t[2] for t in CUSTOMER_TYPES])
    type_size = np.array([t[3] for t in CUSTOMER_TYPES])
    type_idx = rng.choice(len(CUSTOMER_TYPES), size=n, p=type_share / type_share.sum())
    headcount = np.array([t[3] for t in TEAMS], dtype=np.float64)
    team_idx = rng.choice(len(TEAMS), size=n, p=headcount / headcount.sum())
    channel_idx = np.array(
        [rng.choice(4, p=TYPE_CHANNELS[catalog.type_codes[t]]) for t in type_idx], dtype=np.int64
    )
    existing = rng.random(n) < EXISTING_SHARE
    start_day = np.where(existing, 0, rng.integers(20, N_DAYS - 20, size=n))
    churns = rng.random(n) < CHURN_SHARE
    churn_day = start_day + rng.integers(150, 900, size=n)
    end_day = np.where(churns & (churn_day < N_DAYS), churn_day, NEVER)
    size = type_size[type_idx] * rng.lognormal(0.0, 0.7, size=n)

    owner_before = np.zeros(n, dtype=np.int64)
    owner_after = np.zeros(n, dtype=np.int64)
    switch_day = np.full(n, NEVER, dtype=np.int64)
    all_reps = np.arange(company.reps)
    staying = company.leave_day >= NEVER
    region_ids = np.zeros(n, dtype=np.int64)
    assigned = np.zeros(company.reps)
    names: list[str] = []
    for i in range(n):
        start = int(start_day[i])
        days = np.full(company.reps, start)
        in_team = (
            (company.team_at(all_reps, days) == team_idx[i])
            & (company.hire_day <= start)
            & (company.leave_day > start)
        )
        # Spread customers over the team so everyone has some; new hires get more new ones.
        weight = np.where(company.hire_day > 0, NEW_HIRE_PREFERENCE, 1.0) * in_team
        weight /= (1.0 + assigned) ** 2
        if start > 0:
            weight[REP_BEHIND] = 0.0
        owner = int(rng.choice(company.reps, p=weight / weight.sum()))
        assigned[owner] += 1
        owner_before[i] = owner_after[i] = owner
        leaves = int(company.leave_day[owner])
        if leaves < NEVER:
            team = company.team_at(np.array([owner]), np.array([leaves - 1]))[0]
            later = np.full(company.reps, leaves)
            heirs = (company.team_at(all_reps, later) == team) & staying
            heirs &= company.hire_day <= leaves
            owner_after[i] = int(rng.choice(all_reps[heirs]))
            switch_day[i] = leaves
        cities = catalog.cities[TEAMS[team_idx[i]][0]]
        weights = np.array([c[2] for c in cities])
        city_id, city_name, _w = cities[int(rng.choice(len(cities), p=weights / weights.sum()))]
        region_ids[i] = city_id
        names.append(customer_name(rng, catalog.type_codes[type_idx[i]], city_name))

    names = unique_names(names)
    current_owner = np.where(switch_day < N_DAYS, owner_after, owner_before)
    created = Customer.objects.bulk_create(
        Customer(
            code=f"C{i + 1:05d}",
            name=names[i],
            sort_order=i,
            customer_type_id=int(catalog.type_ids[type_idx[i]]),
            region_id=int(region_ids[i]),
            channel_id=int(catalog.channel_ids[channel_idx[i]]),
            owner_id=int(company.rep_person_ids[current_owner[i]]),
            is_active=bool(end_day[i] >= NEVER),
        )
        for i in range(n)
    )
    return CustomerBook(
        ids=np.array([c.pk for c in created], dtype=np.int64),
        type_idx=type_idx.astype(np.int64),
        channel_idx=channel_idx,
        team_idx=team_idx.astype(np.int64),
        region_ids=region_ids,
        start_day=start_day.astype(np.int64),
        end_day=end_day.astype(np.int64),
        size=size,
        owner_before=owner_before,
        owner_after=owner_after,
        switch_day=switch_day,
    )
