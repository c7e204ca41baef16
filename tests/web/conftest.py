from __future__ import annotations

import pytest

from tests.browser import compile_messages


@pytest.fixture(scope="session", autouse=True)
def _compiled_messages() -> None:
    """The English interface needs the .mo files, which are built, not committed."""
    compile_messages()
