// A stand-in OpenID provider for the tests: node-oidc-provider (the certified Node.js
// provider, installed from package.json) with its development sign-in pages, where any login
// name signs in as the account of that name. Started by tests/integrations/oidc_server.py as
//   node oidc_provider.mjs '<json>'   with {port, client_id, client_secret, redirect_uri, accounts}
// where accounts maps a login to the claims the provider vouches for (employee_number,
// groups, email, name). Prints "ready <issuer>" once it listens.
import Provider from 'oidc-provider';

const config = JSON.parse(process.argv[2]);
const issuer = `http://127.0.0.1:${config.port}`;
const SCOPE = 'openid email profile employee groups';

const provider = new Provider(issuer, {
  clients: [{
    client_id: config.client_id,
    client_secret: config.client_secret,
    redirect_uris: [config.redirect_uri],
    grant_types: ['authorization_code'],
    response_types: ['code'],
    token_endpoint_auth_method: 'client_secret_post',
  }],
  claims: {
    openid: ['sub'],
    email: ['email'],
    profile: ['name'],
    employee: ['employee_number'],
    groups: ['groups'],
  },
  // Every claim in the ID token too, as Entra ID sends groups and its employee id.
  conformIdTokenClaims: false,
  async findAccount(ctx, id) {
    const claims = config.accounts[id];
    if (!claims) return undefined;
    return { accountId: id, async claims() { return { sub: id, ...claims }; } };
  },
  // A first-party client: no consent page, the grant is given at sign-in.
  async loadExistingGrant(ctx) {
    const grant = new ctx.oidc.provider.Grant({
      clientId: ctx.oidc.client.clientId,
      accountId: ctx.oidc.session.accountId,
    });
    grant.addOIDCScope(SCOPE);
    await grant.save();
    return grant;
  },
  features: { devInteractions: { enabled: true } },
});
provider.on('server_error', (ctx, err) => console.error('server_error', err));

provider.listen(config.port, '127.0.0.1', () => {
  console.log(`ready ${issuer}`);
});
