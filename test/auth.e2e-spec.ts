import type { NestFastifyApplication } from '@nestjs/platform-fastify';
import { ActiveUserCache } from '@bro/auth';
import { AppConfig } from '@bro/platform';
import { SignJWT } from 'jose';
import { DataSource } from 'typeorm';
import { bootApi, createArea, createBrobygger, createMunicipality, createUser, http, TestUser, waitFor } from './kit';

describe('auth (e2e)', () => {
  let app: NestFastifyApplication;
  let ds: DataSource;
  let coordinator: TestUser;

  beforeAll(async () => {
    app = await bootApi();
    ds = app.get(DataSource);
    const m = await createMunicipality(ds);
    coordinator = await createUser(ds, m, 'coordinator');
  });
  afterAll(() => app.close());

  const token = async (username: string) =>
    (await http(app, 'POST', '/v1/auth/dev-token', { body: { username } })).body.accessToken as string;

  it('mints a dev token for an existing user, and /v1/me says who that is', async () => {
    const res = await http(app, 'POST', '/v1/auth/dev-token', { body: { username: coordinator.username } });
    expect(res.status).toBe(200);
    const me = await http(app, 'GET', '/v1/me', { token: res.body.accessToken });
    expect(me.status).toBe(200);
    expect(me.body).toMatchObject({
      id: coordinator.id,
      username: coordinator.username,
      role: 'coordinator',
      municipalityId: coordinator.municipalityId,
    });
    expect(Object.keys(me.body)).toEqual(expect.arrayContaining(['id', 'username', 'displayName', 'role', 'municipalityId']));
  });

  it('tells a client it is in dev mode', async () => {
    expect((await http(app, 'GET', '/v1/auth/config')).body).toEqual({ mode: 'dev' });
  });

  it('answers an unknown user with 404 and a malformed request with 400', async () => {
    expect((await http(app, 'POST', '/v1/auth/dev-token', { body: { username: 'nobody.here' } })).status).toBe(404);
    const bad = await http(app, 'POST', '/v1/auth/dev-token', { body: { user: 'x' } });
    expect(bad.status).toBe(400);
    expect(bad.body).toMatchObject({ statusCode: 400, error: 'Bad Request' });
  });

  it('answers a missing, malformed or forged token with 401 in the one error shape', async () => {
    for (const headers of [{}, { authorization: 'Basic abc' }, { authorization: 'Bearer not.a.jwt' }] as Record<string, string>[]) {
      const res = await http(app, 'GET', '/v1/me', { headers });
      expect(res.status).toBe(401);
      expect(Object.keys(res.body).sort()).toEqual(['code', 'error', 'message', 'statusCode']);
    }
  });

  it('refuses forged, expired and misdirected tokens over HTTP with 401', async () => {
    const claims = { role: 'coordinator', municipality: coordinator.municipalityId };
    const now = Math.floor(Date.now() / 1000);
    const devKey = new TextEncoder().encode(new AppConfig().DEV_JWT_SECRET);
    const sign = (key: Uint8Array, build: (j: SignJWT) => SignJWT) =>
      build(new SignJWT(claims).setProtectedHeader({ alg: 'HS256' }).setSubject(coordinator.id)).sign(key);
    const enc = (o: object) => Buffer.from(JSON.stringify(o)).toString('base64url');
    const bad = [
      `${enc({ alg: 'none', typ: 'JWT' })}.${enc({ ...claims, sub: coordinator.id, iss: 'bro-dev', aud: 'bro', exp: now + 600 })}.`,
      await sign(new TextEncoder().encode('somebody-else-s-secret-that-is-long-enough'), (j) =>
        j.setIssuer('bro-dev').setAudience('bro').setExpirationTime('5m'),
      ),
      await sign(devKey, (j) =>
        j
          .setIssuer('bro-dev')
          .setAudience('bro')
          .setExpirationTime(now - 60),
      ),
      await sign(devKey, (j) => j.setIssuer('someone-else').setAudience('bro').setExpirationTime('5m')),
      await sign(devKey, (j) => j.setIssuer('bro-dev').setAudience('another-app').setExpirationTime('5m')),
    ];
    for (const token of bad) {
      const res = await http(app, 'GET', '/v1/me', { token });
      expect(res.status).toBe(401);
      expect(res.body).toEqual({
        statusCode: 401,
        error: 'Unauthorized',
        code: 'unauthenticated',
        message: 'The token is invalid or expired',
      });
    }
    // The same claims, signed properly, pass: the refusals above are about the token, not the user.
    const good = await sign(devKey, (j) => j.setIssuer('bro-dev').setAudience('bro').setExpirationTime('5m'));
    expect((await http(app, 'GET', '/v1/me', { token: good })).status).toBe(200);
  });

  it('takes deactivation into account on the next request', async () => {
    const m = await createMunicipality(ds);
    const user = await createUser(ds, m, 'referrer');
    const t = await token(user.username);
    expect((await http(app, 'GET', '/v1/me', { token: t })).status).toBe(200);
    await ds.query('UPDATE app_user SET active = false WHERE id = $1', [user.id]);
    // Changed behind Bro's back, straight in the database: the api kept the user a moment
    // (ADR 0034) and forgets them when the trigger's NOTIFY arrives — well within the 2 s it keeps anyone.
    await waitFor('the api to hear of the change', async () => (await http(app, 'GET', '/v1/me', { token: t })).status === 401, 1_500);
  });

  it('keeps an active user for a moment (ADR 0034): a change that bypasses the NOTIFY is seen once that moment is over', async () => {
    const kept = await bootApi({ AUTH_USER_CACHE_MS: '4000' });
    try {
      const m = await createMunicipality(ds);
      const user = await createUser(ds, m, 'referrer');
      const t = await token(user.username);
      const cache = kept.get(ActiveUserCache);
      await waitFor('the api to listen for user changes', async () => cache.ready);
      expect((await http(kept, 'GET', '/v1/me', { token: t })).status).toBe(200);
      // Triggers off, as only a superuser can: no NOTIFY, so only the moment's end tells the api.
      await ds.transaction(async (q) => {
        await q.query('SET LOCAL session_replication_role = replica');
        await q.query('UPDATE app_user SET active = false WHERE id = $1', [user.id]);
      });
      expect((await http(kept, 'GET', '/v1/me', { token: t })).status).toBe(200); // the user kept
      await waitFor('the kept user to expire', async () => (await http(kept, 'GET', '/v1/me', { token: t })).status === 401, 6_000);
    } finally {
      await kept.close();
    }
  });

  describe('deactivating a person (issue 13, item 11)', () => {
    it('PATCH /v1/brobyggere/:id {active:false} stops new cases only: the brobygger still signs in', async () => {
      const m = await createMunicipality(ds);
      const area = await createArea(ds, m, ['4000']);
      const b = await createBrobygger(ds, m, [area], 5);
      const boss = await createUser(ds, m, 'coordinator');
      const t = await token(b.username);
      const patched = await http(app, 'PATCH', `/v1/brobyggere/${b.brobyggerId}`, {
        token: await token(boss.username),
        body: { active: false },
      });
      expect(patched.status).toBe(200);
      expect(patched.body.active).toBe(false);
      expect((await http(app, 'GET', '/v1/me', { token: t })).status).toBe(200);
    });

    it('PATCH /v1/users/:id {active:false} refuses sign-in and existing tokens from the next request, and stops a brobygger’s case work', async () => {
      const m = await createMunicipality(ds);
      const area = await createArea(ds, m, ['4000']);
      const b = await createBrobygger(ds, m, [area], 5);
      const gp = await createUser(ds, m, 'referrer');
      const boss = await createUser(ds, m, 'coordinator');
      const bossToken = await token(boss.username);
      const [bToken, gpToken] = [await token(b.username), await token(gp.username)];

      for (const [user, t] of [
        [b, bToken],
        [gp, gpToken],
      ] as const) {
        expect((await http(app, 'GET', '/v1/me', { token: t })).status).toBe(200);
        const res = await http(app, 'PATCH', `/v1/users/${user.id}`, { token: bossToken, body: { active: false } });
        expect(res.status).toBe(200);
        expect(res.body).toMatchObject({ id: user.id, username: user.username, active: false });
        expect((await http(app, 'GET', '/v1/me', { token: t })).status).toBe(401); // the token already issued
        expect((await http(app, 'POST', '/v1/auth/dev-token', { body: { username: user.username } })).status).toBe(404);
      }
      // The brobygger record went inactive in the same change (no new cases; the worker hands back open ones).
      const [row] = await ds.query('SELECT active FROM brobygger WHERE id = $1', [b.brobyggerId]);
      expect(row.active).toBe(false);
      const [outbox] = await ds.query("SELECT count(*)::int AS n FROM outbox WHERE payload->>'brobyggerId' = $1", [b.brobyggerId]);
      expect(outbox.n).toBe(1);
      const users = await http(app, 'GET', '/v1/users', { token: bossToken });
      expect(users.body.items).toEqual(
        expect.arrayContaining([
          expect.objectContaining({ id: b.id, role: 'brobygger', active: false }),
          expect.objectContaining({ id: gp.id, role: 'referrer', active: false }),
          expect.objectContaining({ id: boss.id, role: 'coordinator', active: true }),
        ]),
      );

      // Reactivated: signs in again; the brobygger record stays inactive until a coordinator says otherwise.
      expect((await http(app, 'PATCH', `/v1/users/${b.id}`, { token: bossToken, body: { active: true } })).body.active).toBe(true);
      expect((await http(app, 'GET', '/v1/me', { token: bToken })).status).toBe(200);
      expect((await ds.query('SELECT active FROM brobygger WHERE id = $1', [b.brobyggerId]))[0].active).toBe(false);
    });

    it('lets only a coordinator of the same municipality do it, and not to themselves', async () => {
      const m = await createMunicipality(ds);
      const boss = await createUser(ds, m, 'coordinator');
      const gp = await createUser(ds, m, 'referrer');
      const stranger = await createUser(ds, await createMunicipality(ds), 'coordinator');
      const bossToken = await token(boss.username);
      const self = await http(app, 'PATCH', `/v1/users/${boss.id}`, { token: bossToken, body: { active: false } });
      expect(self.status).toBe(422);
      expect(self.body.details).toEqual({ field: 'active', code: 'self_deactivation' });
      expect(
        (await http(app, 'PATCH', `/v1/users/${gp.id}`, { token: await token(stranger.username), body: { active: false } })).status,
      ).toBe(404);
      expect((await http(app, 'PATCH', `/v1/users/${boss.id}`, { token: await token(gp.username), body: { active: false } })).status).toBe(
        403,
      );
      expect((await http(app, 'PATCH', `/v1/users/${gp.id}`, { token: bossToken, body: { active: 'no' } })).status).toBe(400);
      const [{ active }] = await ds.query('SELECT active FROM app_user WHERE id = $1', [gp.id]);
      expect(active).toBe(true);
    });
  });

  it('refuses a token whose role no longer matches the user', async () => {
    const m = await createMunicipality(ds);
    const user = await createUser(ds, m, 'coordinator');
    const t = await token(user.username);
    await ds.query("UPDATE app_user SET role = 'referrer' WHERE id = $1", [user.id]);
    await waitFor('the api to hear of the change', async () => (await http(app, 'GET', '/v1/me', { token: t })).status === 401, 1_500);
  });

  it('has no dev-token endpoint in oidc mode', async () => {
    const oidc = await bootApi({ AUTH_MODE: 'oidc', OIDC_ISSUER: 'http://127.0.0.1:9/issuer', OIDC_AUDIENCE: 'bro' });
    try {
      expect((await http(oidc, 'POST', '/v1/auth/dev-token', { body: { username: coordinator.username } })).status).toBe(404);
      const devToken = await token(coordinator.username);
      expect((await http(oidc, 'GET', '/v1/me', { token: devToken })).status).toBe(401);
      // What the web app needs for the Authorization Code flow with PKCE, and a CSP that lets it reach the issuer.
      const config = await http(oidc, 'GET', '/v1/auth/config');
      expect(config.body).toEqual({ mode: 'oidc', issuer: 'http://127.0.0.1:9/issuer', clientId: 'bro', scope: 'openid' });
      expect(config.headers['content-security-policy']).toContain("connect-src 'self' http://127.0.0.1:9");
    } finally {
      await oidc.close();
    }
  });
});
