"""Which part of a plan's tree a page draws (the plan page, the tracking tree): the top two
levels first, one target's children when it is opened, or the paths down to the targets a search
finds. A company plan has thousands of targets; drawing them all for a page that shows a dozen
made the plan page 2 MB and the tracking tree 1.3 MB.

A pick gets every visible target, depth first (anything with ``pk``, ``parent_id`` and
``label``), with its level in the tree, and answers the ids to draw."""

from __future__ import annotations

from collections.abc import Callable, Sequence
from typing import Any

Pick = Callable[[Sequence[Any], dict[int, int]], set[int]]

TOP_LEVELS = 1  # the plan's root (or the reader's own top) and the level below it
SEARCH_LIMIT = 50  # targets found by one search; the page says when there are more


def top_levels() -> Pick:
    def pick(targets: Sequence[Any], levels: dict[int, int]) -> set[int]:
        return {t.pk for t in targets if levels[t.pk] <= TOP_LEVELS}

    return pick


def children_of(parent_id: int) -> Pick:
    """The targets right below ``parent_id`` (none when the reader cannot see it)."""

    def pick(targets: Sequence[Any], levels: dict[int, int]) -> set[int]:
        return {t.pk for t in targets if t.parent_id == parent_id}

    return pick


def found(text: str) -> tuple[Pick, list[int]]:
    """The top levels, the targets whose label contains ``text`` (case-insensitive, at most
    ``SEARCH_LIMIT``) and every target on the path down to each; the second value is filled
    with the ids found when the pick runs."""
    needle = text.strip().casefold()
    matches: list[int] = []

    def pick(targets: Sequence[Any], levels: dict[int, int]) -> set[int]:
        parent = {t.pk: t.parent_id for t in targets}
        hits = [t.pk for t in targets if needle and needle in t.label.casefold()]
        matches.extend(hits[: SEARCH_LIMIT + 1])
        chosen = {t.pk for t in targets if levels[t.pk] <= TOP_LEVELS}
        for pk in matches[:SEARCH_LIMIT]:
            node: int | None = pk
            while node is not None and node in parent and node not in chosen:
                chosen.add(node)
                node = parent[node]
        return chosen

    return pick, matches
