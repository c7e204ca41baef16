"""Subjects of a dashboard: the company, a unit (with its subtree), a person (all their facts),
or a person inside a node (their facts credited to it, so a team's people add up to the team).
Every subject is checked against the caller's scope before anything is read."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from salestarget.org.models import OrgNode, Person
from salestarget.org.scoping import Scope
from salestarget.targets.cells import Cell
from salestarget.ui.params import DB_MAX


@dataclass(frozen=True)
class Subject:
    node: OrgNode | None = None
    person: Person | None = None

    @property
    def code(self) -> str:
        parts = []
        if self.person is not None:
            parts.append(f"p{self.person.pk}")
        if self.node is not None:
            parts.append(f"n{self.node.pk}")
        return ".".join(parts)

    @property
    def label(self) -> str:
        if self.person is not None:
            return self.person.name
        return self.node.name if self.node is not None else ""

    @property
    def is_person(self) -> bool:
        return self.person is not None

    def cell(self, start: dt.date, end: dt.date) -> Cell:
        return Cell(
            start=start,
            end=end,
            node_id=self.node.pk if self.node is not None else None,
            person_id=self.person.pk if self.person is not None else None,
        )


def subject_default(scope: Scope) -> Subject:
    """The top of what the user sees: the company, their subtree, or themself."""
    if scope.is_rep or (not scope.everything and not scope.root_paths):
        person_id = scope.person_id
        person = Person.objects.filter(pk=person_id).first() if person_id is not None else None
        return Subject(person=person)
    if scope.everything:
        root = OrgNode.objects.filter(parent__isnull=True).order_by("sort_order", "pk").first()
        return Subject(node=root)
    return Subject(node=OrgNode.objects.filter(path=scope.root_paths[0]).first())


def subject_parse(code: str | None, scope: Scope) -> Subject:
    """``"n5"``, ``"p9"`` or ``"p9.n5"``; PermissionDenied outside the scope, ValueError when
    malformed or unknown."""
    if not code:
        return subject_default(scope)
    person: Person | None = None
    node: OrgNode | None = None
    for part in code.split("."):
        if len(part) < 2 or part[0] not in "pn" or not part[1:].isdigit() or int(part[1:]) > DB_MAX:
            raise ValueError(f"bad subject {code!r}")
        if part[0] == "p":
            person = Person.objects.filter(pk=int(part[1:])).first()
            if person is None:
                raise ValueError(f"no person {part}")
        else:
            node = OrgNode.objects.filter(pk=int(part[1:])).first()
            if node is None:
                raise ValueError(f"no node {part}")
    if person is not None:
        scope.require_person(person)
    elif node is not None:
        scope.require_node(node)
    if person is not None and node is not None and not scope.is_rep:
        scope.require_node(node)
    return Subject(node=node, person=person)


def subject_path(subject: Subject, scope: Scope) -> list[Subject]:
    """Breadcrumbs from the top of the scope down to ``subject``."""
    crumbs: list[Subject] = []
    node = subject.node
    if node is not None:
        ids = node.ancestor_ids
        nodes = {n.pk: n for n in OrgNode.objects.filter(pk__in=ids)}
        for pk in ids:
            n = nodes.get(pk)
            if n is not None and scope.can_view_node(n) and n.pk != node.pk:
                crumbs.append(Subject(node=n))
        if subject.person is not None:
            crumbs.append(Subject(node=node))
    crumbs.append(subject)
    return crumbs
