"""Single sign-on: people sign in with the company's directory instead of a password kept here.

Two ways in, each through a well-kept library: OpenID Connect (mozilla-django-oidc; Entra ID,
Google, Keycloak …) and LDAP / Active Directory (django-auth-ldap). Both hand the directory's
answer to one service, :func:`salestarget.integrations.sso.sign_in.directory_sign_in`, which
finds the person by employee number, maps their directory groups to a role, and refuses
anybody it does not know with a message that says why. Local passwords can be switched off
(``SALESTARGET_LOCAL_PASSWORDS=0``); superusers keep theirs as the break-glass way in.
"""
