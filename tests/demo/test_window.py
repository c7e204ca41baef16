"""The demo's history ends on a fixed day for tests (the same rows on any day) and yesterday
for `make run`, so a newcomer sees a live month; the story is set in 2026, so the end stays
between the fixed day and the last day of 2026."""

from __future__ import annotations

import datetime as dt
import subprocess
import sys

import pytest
from django.core.management import CommandError, call_command

from salestarget.demo.scales import DEMO_END, FIXED_END, LAST_END, window_end


def test_tests_keep_the_fixed_end() -> None:
    assert DEMO_END == FIXED_END == window_end("")


def test_yesterday_is_the_day_before_today() -> None:
    assert window_end("yesterday", today=dt.date(2026, 12, 5)) == dt.date(2026, 12, 4)
    assert window_end("2026-12-01") == dt.date(2026, 12, 1)


def test_the_end_stays_inside_the_story() -> None:
    assert window_end("2026-06-30") == FIXED_END
    assert window_end("yesterday", today=dt.date(2027, 3, 1)) == LAST_END


def test_a_bad_end_is_named() -> None:
    with pytest.raises(ValueError, match="yesterday"):
        window_end("next week")


def test_the_command_refuses_another_end_once_the_window_is_built(db: None) -> None:
    with pytest.raises(CommandError, match="--end"):
        call_command("demo", "--scale", "small", "--reset", "--end", "2026-12-04")


def test_a_new_process_builds_its_window_from_the_end_given() -> None:
    code = (
        "import os; os.environ['SALESTARGET_DEMO_END'] = '2026-12-04'\n"
        "from salestarget.demo import scales\n"
        "print(scales.DEMO_END, str(scales.DAYS[-1]), scales.N_MONTHS)"
    )
    out = subprocess.run(
        [sys.executable, "-c", code], capture_output=True, text=True, check=True
    ).stdout.split()
    assert out == ["2026-12-04", "2026-12-04", "36"]
