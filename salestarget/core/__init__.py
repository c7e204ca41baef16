"""The pure-Python domain of SalesTarget: calendar and periods, working days, time progress,
metrics and formulas, exact allocation (分解) and tracking math.

Nothing here imports Django (``tests/core/test_purity.py`` enforces it); the apps call these
functions for every business rule. The guide is ``docs/core.md``.
"""
