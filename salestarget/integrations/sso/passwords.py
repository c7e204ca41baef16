"""Local passwords, and switching them off (``SALESTARGET_LOCAL_PASSWORDS=0``).

When they are off, a password kept here signs in nobody but a superuser: that is the
break-glass way in when the directory is down or misconfigured (README "Single sign-on"),
through ``/login/?break-glass=1`` or the Django admin's own login page.
"""

from __future__ import annotations

from typing import Any

from django.conf import settings
from django.contrib.auth.backends import ModelBackend


def local_passwords_on() -> bool:
    return bool(settings.SALESTARGET_LOCAL_PASSWORDS)


class LocalPasswordBackend(ModelBackend):
    def user_can_authenticate(self, user: Any) -> bool:
        if not local_passwords_on() and not getattr(user, "is_superuser", False):
            return False
        return super().user_can_authenticate(user)
