from __future__ import annotations

import pytest


@pytest.fixture(autouse=True)
def _media(settings, tmp_path) -> None:
    # Uploads and error reports go to a throw-away folder.
    settings.MEDIA_ROOT = tmp_path / "media"
