// A real OpenID Provider (panva's oidc-provider, v9) for the end-to-end tests, in its own process.
//
//   OIDC_TEST_CONFIG='{"port":9400,"clients":[...],"users":{...}}' node test/oidc/support/provider.mjs
//
// OIDC_TEST_CONFIG (JSON):
//   port     the TCP port on 127.0.0.1 (0: any free one; the parent usually picks it, see oidc-provider-process.ts)
//   issuer   optional; default http://127.0.0.1:<port>
//   clients  [{ client_id, client_secret, redirect_uris, post_logout_redirect_uris, ...any other client metadata }]
//   users    { <login>: { password, claims: { sub, preferred_username, name, email, roles } } }
//
// Authorization code flow only, PKCE S256 required, scopes `openid profile email roles`; the claims of the granted
// scopes are put IN THE ID TOKEN (conformIdTokenClaims: false). Consent is never asked: every configured client is
// granted what it asks for. The login page is this file's own (not oidc-provider's devInteractions, which accept
// any login and any password): it refuses unknown logins and wrong passwords. No page links to anything outside
// this server (oidc-provider's default pages import a web font from the internet; they are all replaced here).
// Prints `listening on <issuer>` on stdout once ready. With OIDC_TEST_EXIT_ON_STDIN_END=1 it exits when its
// standard input closes, so a test runner that dies does not leave it behind.
import { generateKeyPairSync, randomBytes } from 'node:crypto';
import { createServer } from 'node:http';

import Provider from 'oidc-provider';

const config = JSON.parse(process.env.OIDC_TEST_CONFIG ?? 'null');
if (!config || typeof config !== 'object') {
  console.error('OIDC_TEST_CONFIG must be a JSON object: { port, issuer?, clients, users }');
  process.exit(2);
}
const clients = config.clients ?? [];
const users = config.users ?? {};

/** The account ids are the users' `sub` claims (oidc-provider always puts the account id in `sub`). */
const bySub = new Map();
for (const [login, user] of Object.entries(users)) {
  const sub = user.claims?.sub ?? login;
  bySub.set(sub, { login, ...user, claims: { ...user.claims, sub } });
}

const SCOPES = ['openid', 'profile', 'email', 'roles'];

const esc = (value) => String(value ?? '').replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`);

function page(title, body) {
  return `<!DOCTYPE html>
<html lang="en">
<head>
  <meta charset="utf-8">
  <meta name="viewport" content="width=device-width, initial-scale=1">
  <title>${esc(title)}</title>
  <style>
    body { font-family: sans-serif; margin: 25px auto; max-width: 320px; }
    label { display: block; margin-bottom: 10px; }
    input { display: block; width: 100%; box-sizing: border-box; height: 36px; }
    button { width: 100%; height: 36px; margin-bottom: 10px; }
    .error { color: #b00020; }
  </style>
</head>
<body>
  <h1>${esc(title)}</h1>
  ${body}
</body>
</html>`;
}

function loginForm(uid, params, error) {
  const hint = params.login_hint ?? '';
  return page('Sign-in', `
  ${error ? `<p class="error" role="alert">${esc(error)}</p>` : ''}
  <form action="/interaction/${esc(uid)}" method="post">
    <input type="hidden" name="prompt" value="login">
    <label>Login <input required type="text" name="login" autocomplete="username" value="${esc(hint)}" ${hint ? '' : 'autofocus'}></label>
    <label>Password <input required type="password" name="password" autocomplete="current-password" ${hint ? 'autofocus' : ''}></label>
    <button type="submit">Sign-in</button>
  </form>
  <p><a href="/interaction/${esc(uid)}/abort">[ Cancel ]</a></p>`);
}

async function grantEverythingAsked(ctx, grant) {
  grant.addOIDCScope([...ctx.oidc.requestParamOIDCScopes].join(' '));
  const claims = [...ctx.oidc.requestParamClaims];
  if (claims.length) grant.addOIDCClaims(claims);
  await grant.save();
  return grant;
}

const { privateKey } = generateKeyPairSync('rsa', { modulusLength: 2048 });
const signingKey = { ...privateKey.export({ format: 'jwk' }), kid: `test-${randomBytes(4).toString('hex')}`, alg: 'RS256', use: 'sig' };

const port = await new Promise((resolve, reject) => {
  // A port of 0 is resolved before the provider is made, since the issuer holds it.
  if (config.port) return resolve(Number(config.port));
  const probe = createServer();
  probe.once('error', reject);
  probe.listen(0, '127.0.0.1', () => {
    const { port: picked } = probe.address();
    probe.close(() => resolve(picked));
  });
});
const issuer = config.issuer ?? `http://127.0.0.1:${port}`;

const provider = new Provider(issuer, {
  clients: clients.map((client) => ({
    grant_types: ['authorization_code'],
    response_types: ['code'],
    ...client,
  })),
  jwks: { keys: [signingKey] },
  cookies: { keys: [randomBytes(32).toString('hex')] },
  scopes: SCOPES,
  claims: {
    openid: ['sub'],
    profile: ['preferred_username', 'name'],
    email: ['email', 'email_verified'],
    roles: ['roles'],
    acr: null,
    sid: null,
    auth_time: null,
    iss: null,
  },
  conformIdTokenClaims: false,
  pkce: { required: () => true },
  features: {
    devInteractions: { enabled: false },
    rpInitiatedLogout: {
      enabled: true,
      // Signs out at once (a script presses "Yes, sign me out"); without a script, POST the form with logout=yes.
      async logoutSource(ctx, form) {
        ctx.type = 'html';
        ctx.body = page('Sign-out', `
  ${form}
  <button autofocus type="submit" form="op.logoutForm" value="yes" name="logout">Yes, sign me out</button>
  <button type="submit" form="op.logoutForm">No, stay signed in</button>
  <script>
    (function () {
      var form = document.getElementById('op.logoutForm');
      var input = document.createElement('input');
      input.type = 'hidden'; input.name = 'logout'; input.value = 'yes';
      form.appendChild(input);
      form.submit();
    })();
  </script>`);
      },
      async postLogoutSuccessSource(ctx) {
        ctx.type = 'html';
        ctx.body = page('Signed out', '<p>You are signed out.</p>');
      },
    },
  },
  async findAccount(_ctx, id) {
    const user = bySub.get(id);
    if (!user) return undefined;
    return {
      accountId: id,
      async claims() {
        return { email_verified: user.claims.email !== undefined ? true : undefined, ...user.claims };
      },
    };
  },
  // No consent page: every configured client gets the scopes and claims it asks for.
  async loadExistingGrant(ctx) {
    const grantId = ctx.oidc.result?.consent?.grantId || ctx.oidc.session.grantIdFor(ctx.oidc.client.clientId);
    const grant = (grantId && (await ctx.oidc.provider.Grant.find(grantId)))
      || new ctx.oidc.provider.Grant({ clientId: ctx.oidc.client.clientId, accountId: ctx.oidc.account.accountId });
    return grantEverythingAsked(ctx, grant);
  },
  async renderError(ctx, out) {
    ctx.type = 'html';
    ctx.body = page('Error', Object.entries(out).map(([k, v]) => `<pre><strong>${esc(k)}</strong>: ${esc(v)}</pre>`).join(''));
  },
  clientBasedCORS: () => true,
  ttl: {
    AccessToken: 3600,
    AuthorizationCode: 60,
    IdToken: 3600,
    Interaction: 600,
    Session: 3600,
    Grant: 3600,
  },
});

for (const event of ['server_error', 'authorization.error', 'grant.error', 'end_session.error', 'interaction.error']) {
  provider.on(event, (_ctx, error) => console.error(`oidc-provider ${event}: ${error?.message ?? error}${error?.error_description ? ` (${error.error_description})` : ''}`));
}

async function readForm(req) {
  let body = '';
  for await (const chunk of req) body += chunk;
  return new URLSearchParams(body);
}

function send(res, status, html) {
  res.writeHead(status, { 'content-type': 'text/html; charset=utf-8', 'cache-control': 'no-store' });
  res.end(html);
}

/** GET /interaction/:uid (the login form), POST /interaction/:uid (its submission), GET /interaction/:uid/abort. */
async function interaction(req, res, path) {
  const [, uid, action] = path.split('/').slice(1);
  const details = await provider.interactionDetails(req, res);
  if (details.uid !== uid) return send(res, 400, page('Error', '<p>This sign-in is not the one in progress.</p>'));

  if (action === 'abort') {
    return provider.interactionFinished(req, res, { error: 'access_denied', error_description: 'End-User aborted interaction' }, { mergeWithLastSubmission: false });
  }
  if (action !== undefined) return send(res, 404, page('Error', '<p>Not found</p>'));

  const { prompt, params, session } = details;
  if (prompt.name === 'consent') {
    // loadExistingGrant grants everything, so this is not expected; grant here too rather than ask.
    const grant = details.grantId
      ? await provider.Grant.find(details.grantId)
      : new provider.Grant({ accountId: session.accountId, clientId: params.client_id });
    if (prompt.details.missingOIDCScope) grant.addOIDCScope(prompt.details.missingOIDCScope.join(' '));
    if (prompt.details.missingOIDCClaims) grant.addOIDCClaims(prompt.details.missingOIDCClaims);
    return provider.interactionFinished(req, res, { consent: { grantId: await grant.save() } }, { mergeWithLastSubmission: true });
  }
  if (prompt.name !== 'login') return send(res, 501, page('Error', `<p>prompt ${esc(prompt.name)} not implemented</p>`));

  if (req.method === 'GET') return send(res, 200, loginForm(uid, params));
  if (req.method !== 'POST') return send(res, 405, page('Error', '<p>Method not allowed</p>'));

  const form = await readForm(req);
  const login = form.get('login') ?? '';
  const user = Object.hasOwn(users, login) ? users[login] : undefined;
  if (!user || user.password !== form.get('password')) {
    return send(res, 401, loginForm(uid, { ...params, login_hint: login }, 'Invalid login or password.'));
  }
  const accountId = user.claims?.sub ?? login;
  return provider.interactionFinished(req, res, { login: { accountId } }, { mergeWithLastSubmission: false });
}

const handleProvider = provider.callback();
const server = createServer((req, res) => {
  const path = new URL(req.url, 'http://127.0.0.1').pathname;
  if (path === '/favicon.ico') return void res.writeHead(204).end(); // no 404 in the browser's console
  if (!path.startsWith('/interaction/')) return handleProvider(req, res);
  interaction(req, res, path).catch((error) => {
    console.error(`interaction ${req.method} ${path}: ${error?.message ?? error}`);
    if (!res.headersSent) send(res, 400, page('Error', `<pre>${esc(error?.message ?? error)}</pre>`));
    else res.end();
  });
});

server.listen(port, '127.0.0.1', () => {
  console.log(`listening on ${issuer}`);
});

process.on('SIGTERM', () => process.exit(0));
process.on('SIGINT', () => process.exit(0));
if (process.env.OIDC_TEST_EXIT_ON_STDIN_END === '1') {
  process.stdin.on('end', () => process.exit(0));
  process.stdin.on('close', () => process.exit(0));
  process.stdin.resume();
}
