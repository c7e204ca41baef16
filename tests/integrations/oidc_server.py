"""A local OpenID provider for the tests (tests/integrations/oidc_provider.mjs: node-oidc-provider
with its development sign-in pages) started on a free port, and the settings that point the
product at it."""

from __future__ import annotations

import json
import shutil
import socket
import subprocess
import threading
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import pytest
from django.conf import settings

from tests.browser import missing_tool

SCRIPT = Path(__file__).with_name("oidc_provider.mjs")
CLIENT_ID = "salestarget-tests"
CLIENT_SECRET = "a-client-secret-for-the-tests"
# The provider's people: a login name → what it vouches for.
ACCOUNTS: dict[str, dict[str, Any]] = {
    "wang": {
        "employee_number": "REP",
        "groups": ["sales-reps"],
        "email": "wang@example.com",
        "name": "王小明",
    },
    "stranger": {"employee_number": "E-404", "groups": ["sales-reps"], "name": "路人甲"},
}


@dataclass(frozen=True)
class OIDCProvider:
    issuer: str

    def settings_apply(self, django_settings: Any) -> None:
        django_settings.OIDC_RP_CLIENT_ID = CLIENT_ID
        django_settings.OIDC_RP_CLIENT_SECRET = CLIENT_SECRET
        django_settings.OIDC_OP_AUTHORIZATION_ENDPOINT = f"{self.issuer}/auth"
        django_settings.OIDC_OP_TOKEN_ENDPOINT = f"{self.issuer}/token"
        django_settings.OIDC_OP_USER_ENDPOINT = f"{self.issuer}/me"
        django_settings.OIDC_OP_JWKS_ENDPOINT = f"{self.issuer}/jwks"
        django_settings.OIDC_RP_SCOPES = "openid email profile employee groups"
        django_settings.SALESTARGET_SSO_GROUP_MAP = '{"sales-reps": "rep"}'


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


@pytest.fixture(scope="module")
def oidc_provider(live_server: Any) -> Iterator[OIDCProvider]:
    node = shutil.which("node")
    if node is None or not (Path(settings.BASE_DIR) / "node_modules" / "oidc-provider").exists():
        missing_tool("node and node_modules/oidc-provider (npm ci) are needed")
    port = free_port()
    config = {
        "port": port,
        "client_id": CLIENT_ID,
        "client_secret": CLIENT_SECRET,
        "redirect_uri": f"{live_server.url}/oidc/callback/",
        "accounts": ACCOUNTS,
    }
    process = subprocess.Popen(
        [str(node), str(SCRIPT), json.dumps(config)],
        stdout=subprocess.PIPE,
        stderr=subprocess.STDOUT,
        text=True,
    )
    try:
        assert process.stdout is not None
        for line in process.stdout:  # its warnings, then "ready <issuer>"
            if line.startswith("ready "):
                break
        else:
            pytest.fail(f"the OIDC provider stopped before it was ready: rc={process.wait()}")
        # Keep reading what it prints, so a full pipe never stalls it.
        threading.Thread(target=process.stdout.read, daemon=True).start()
        yield OIDCProvider(issuer=line.split()[1])
    finally:
        process.terminate()
        process.wait(timeout=10)
