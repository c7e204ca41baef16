from __future__ import annotations

from typing import Any

from django.contrib.auth.forms import AuthenticationForm
from django.core.exceptions import ValidationError

from salestarget.integrations.sso.identity import REFUSAL


class DirectoryLoginForm(AuthenticationForm):
    """The login form; when the directory (LDAP) refused the person or could not be reached,
    it says so instead of "wrong user name or password"."""

    refusal: str = ""

    def clean(self) -> dict[str, Any]:
        try:
            return super().clean()
        except ValidationError:
            self.refusal = getattr(self.request, REFUSAL, "") or ""
            if self.refusal:
                raise ValidationError(self.refusal, code="refused") from None
            raise
