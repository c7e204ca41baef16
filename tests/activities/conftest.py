from __future__ import annotations

# The tracking stories' company, plans and cache reset serve the activity targets too.
from tests.tracking.conftest import (  # noqa: F401
    _fresh_tracking_cache,
    holiday,
    june_plan,
)
