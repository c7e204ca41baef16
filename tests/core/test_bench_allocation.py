"""The allocation benchmark runs end to end on a small plan (timings are not asserted)."""

from __future__ import annotations

import pytest

from bench import allocation


def test_the_benchmark_reports_an_exact_split_and_a_ratio(capsys: pytest.CaptureFixture[str]):
    allocation.main(["--people", "40", "--months", "3", "--lines", "4", "--repeat", "1"])
    out = capsys.readouterr().out
    assert "ratio exact / numpy:" in out
    assert "confirmed: 0 violations" in out
