"""A throw-away OpenLDAP directory for the sign-in tests: Debian's slapd, configured in a temp
dir, loaded with a small LDIF (slapadd, before it starts) and listening on a free local port."""

from __future__ import annotations

import shutil
import socket
import subprocess
import time
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import ldap
import pytest
from django_auth_ldap.config import LDAPSearch

from tests.browser import missing_tool
from tests.integrations.oidc_server import free_port

SLAPD = "/usr/sbin/slapd"
SLAPADD = "/usr/sbin/slapadd"
SUFFIX = "dc=example,dc=com"
ROOT_DN = f"cn=admin,{SUFFIX}"
ROOT_PASSWORD = "directory-admin-pw"
PASSWORD = "directory-pw-1"  # every person's directory password

CONFIG = """\
include /etc/ldap/schema/core.schema
include /etc/ldap/schema/cosine.schema
include /etc/ldap/schema/inetorgperson.schema
pidfile {dir}/slapd.pid
modulepath /usr/lib/ldap
moduleload back_mdb
database mdb
maxsize 10485760
suffix "{suffix}"
rootdn "{root_dn}"
rootpw {root_password}
directory {dir}/data
"""


def _person(uid: str, employee_no: str, name: str) -> str:
    return f"""
dn: uid={uid},ou=people,{SUFFIX}
objectClass: inetOrgPerson
uid: {uid}
cn: {name}
sn: {name.split()[-1]}
employeeNumber: {employee_no}
mail: {uid}@example.com
userPassword: {PASSWORD}
"""


def _group(cn: str, *uids: str) -> str:
    members = "".join(f"member: uid={uid},ou=people,{SUFFIX}\n" for uid in uids)
    return f"\ndn: cn={cn},ou=groups,{SUFFIX}\nobjectClass: groupOfNames\ncn: {cn}\n{members}"


LDIF = (
    f"dn: {SUFFIX}\nobjectClass: dcObject\nobjectClass: organization\ndc: example\no: Example\n"
    f"\ndn: ou=people,{SUFFIX}\nobjectClass: organizationalUnit\nou: people\n"
    f"\ndn: ou=groups,{SUFFIX}\nobjectClass: organizationalUnit\nou: groups\n"
    + _person("wang", "REP", "Xiaoming Wang")
    + _person("wu", "TEAM_LEAD", "Zuzhang Wu")
    + _person("stranger", "E-404", "Lu Ren")
    + _group("sales-reps", "wang", "stranger")
    + _group("sales-directors", "wu")
)


@dataclass(frozen=True)
class Directory:
    uri: str

    def settings_apply(self, django_settings: Any) -> None:
        django_settings.AUTH_LDAP_SERVER_URI = self.uri
        django_settings.AUTH_LDAP_BIND_DN = ROOT_DN
        django_settings.AUTH_LDAP_BIND_PASSWORD = ROOT_PASSWORD
        django_settings.AUTH_LDAP_USER_SEARCH = LDAPSearch(
            f"ou=people,{SUFFIX}", ldap.SCOPE_SUBTREE, "(uid=%(user)s)"
        )
        django_settings.AUTH_LDAP_GROUP_SEARCH = LDAPSearch(
            f"ou=groups,{SUFFIX}", ldap.SCOPE_SUBTREE, "(objectClass=groupOfNames)"
        )


@pytest.fixture(scope="module")
def ldap_directory(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Directory]:
    if not Path(SLAPD).exists() or shutil.which("ldapadd") is None:
        missing_tool("Debian's slapd and ldap-utils are not installed")
    folder = tmp_path_factory.mktemp("slapd")
    (folder / "data").mkdir()
    config = folder / "slapd.conf"
    config.write_text(
        CONFIG.format(dir=folder, suffix=SUFFIX, root_dn=ROOT_DN, root_password=ROOT_PASSWORD)
    )
    (folder / "people.ldif").write_text(LDIF)
    subprocess.run(
        [SLAPADD, "-f", str(config), "-l", str(folder / "people.ldif")],
        check=True,
        capture_output=True,
    )
    port = free_port()
    uri = f"ldap://127.0.0.1:{port}"
    # -d 0: stay in the foreground (so the test owns the process) and log nothing.
    process = subprocess.Popen(
        [SLAPD, "-f", str(config), "-h", uri + "/", "-d", "0"],
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )
    try:
        deadline = time.monotonic() + 20
        while True:
            try:
                socket.create_connection(("127.0.0.1", port), timeout=1).close()
                break
            except OSError:
                if process.poll() is not None or time.monotonic() > deadline:
                    pytest.fail(f"slapd did not start (exit code {process.poll()})")
                time.sleep(0.05)
        yield Directory(uri=uri)
    finally:
        process.terminate()
        process.wait(timeout=10)
