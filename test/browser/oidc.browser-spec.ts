import { createHash, randomUUID } from 'node:crypto';
import { createServer, IncomingMessage, Server } from 'node:http';
import { AddressInfo } from 'node:net';
import { exportJWK, generateKeyPair, SignJWT } from 'jose';
import { DataSource } from 'typeorm';
import { bootStack, expectAccessible, shot, BOOT_TIMEOUT } from './browser-kit';

/**
 * OIDC mode in the browser: the app signs in with the Authorization Code flow and
 * PKCE against an identity provider (a small fake one here), and the api accepts
 * the token it gets.
 */
describe('the web app signs in through OIDC with PKCE', () => {
  let idp: Server;
  let issuer: string;
  let stack: Awaited<ReturnType<typeof bootStack>>;
  const seen: { authorize?: URLSearchParams; token?: URLSearchParams; challengeMatched?: boolean } = {};
  let subject: { sub: string; role: string; municipality: string } | null = null;

  beforeAll(async () => {
    const { publicKey, privateKey } = await generateKeyPair('RS256');
    const jwk = { ...(await exportJWK(publicKey)), kid: 'k1', alg: 'RS256', use: 'sig' };
    const codes = new Map<string, string>(); // code → code_challenge
    const body = (req: IncomingMessage) =>
      new Promise<string>((resolve) => {
        let text = '';
        req.on('data', (c: Buffer) => (text += c.toString()));
        req.on('end', () => resolve(text));
      });
    idp = createServer((req, res) => {
      void (async () => {
        const url = new URL(req.url!, issuer);
        res.setHeader('access-control-allow-origin', '*');
        const json = (status: number, value: unknown) => {
          res.writeHead(status, { 'content-type': 'application/json' });
          res.end(JSON.stringify(value));
        };
        if (url.pathname === '/.well-known/openid-configuration') {
          return json(200, {
            issuer,
            authorization_endpoint: `${issuer}/authorize`,
            token_endpoint: `${issuer}/token`,
            jwks_uri: `${issuer}/jwks`,
          });
        }
        if (url.pathname === '/jwks') return json(200, { keys: [jwk] });
        if (url.pathname === '/authorize') {
          seen.authorize = url.searchParams;
          const code = randomUUID();
          codes.set(code, url.searchParams.get('code_challenge')!);
          const back = new URL(url.searchParams.get('redirect_uri')!);
          back.search = new URLSearchParams({ code, state: url.searchParams.get('state')! }).toString();
          res.writeHead(302, { location: back.toString() });
          return res.end();
        }
        if (url.pathname === '/token' && req.method === 'POST') {
          const form = new URLSearchParams(await body(req));
          seen.token = form;
          const challenge = codes.get(form.get('code') ?? '');
          codes.delete(form.get('code') ?? '');
          const derived = createHash('sha256')
            .update(form.get('code_verifier') ?? '')
            .digest('base64url');
          seen.challengeMatched = !!challenge && derived === challenge;
          if (!seen.challengeMatched || !subject) return json(400, { error: 'invalid_grant' });
          const accessToken = await new SignJWT({ role: subject.role, municipality: subject.municipality })
            .setProtectedHeader({ alg: 'RS256', kid: 'k1' })
            .setSubject(subject.sub)
            .setIssuer(issuer)
            .setAudience('bro')
            .setIssuedAt()
            .setExpirationTime('10m')
            .sign(privateKey);
          return json(200, { access_token: accessToken, token_type: 'Bearer', expires_in: 600 });
        }
        json(404, { error: 'not_found' });
      })();
    });
    await new Promise<void>((resolve) => idp.listen(0, '127.0.0.1', resolve));
    issuer = `http://127.0.0.1:${(idp.address() as AddressInfo).port}`;
    stack = await bootStack({ AUTH_MODE: 'oidc', OIDC_ISSUER: issuer, OIDC_AUDIENCE: 'bro', OIDC_JWKS_URL: `${issuer}/jwks` });
    const [user] = await stack.api
      .get(DataSource)
      .query("SELECT id, role, municipality_id FROM app_user WHERE username = 'koordinator.mette'");
    subject = { sub: user.id, role: user.role, municipality: user.municipality_id };
  }, BOOT_TIMEOUT);
  afterAll(async () => {
    await stack?.stop();
    await new Promise((resolve) => idp?.close(resolve));
  });

  it('redirects to the issuer with an S256 challenge, trades code and verifier for a token, and is signed in', async () => {
    const context = await stack.browser.newContext({ baseURL: stack.base });
    const page = await context.newPage();
    page.setDefaultTimeout(20_000);
    await page.goto('/');
    const button = page.getByRole('button', { name: 'Log ind med kommunens login' });
    await button.waitFor();
    expect(await page.getByLabel('Brugernavn').count()).toBe(0); // no demo users in oidc mode
    await expectAccessible(page, 'the OIDC sign-in page');
    await button.click();
    await page.getByRole('heading', { name: 'Overblik' }).waitFor();
    expect(new URL(page.url()).pathname).toBe('/overblik');
    await shot(page, '6-oidc-signed-in');

    expect(seen.authorize?.get('response_type')).toBe('code');
    expect(seen.authorize?.get('client_id')).toBe('bro');
    expect(seen.authorize?.get('code_challenge_method')).toBe('S256');
    expect(seen.authorize?.get('redirect_uri')).toBe(`${stack.base}/auth/callback`);
    expect(seen.token?.get('grant_type')).toBe('authorization_code');
    expect(seen.challengeMatched).toBe(true);
    await context.close();
  });

  it('refuses a callback whose state does not match', async () => {
    const context = await stack.browser.newContext({ baseURL: stack.base });
    const page = await context.newPage();
    page.setDefaultTimeout(20_000);
    await page.goto('/auth/callback?code=stolen&state=forged');
    await page
      .getByRole('alert')
      .getByText(/state mismatch/)
      .waitFor();
    expect(await page.getByRole('button', { name: 'Log ud' }).count()).toBe(0);
    await context.close();
  });
});
