import { AppConfig } from '@bro/platform';
import { exportJWK, generateKeyPair, SignJWT } from 'jose';

type PrivateKey = Awaited<ReturnType<typeof generateKeyPair>>['privateKey'];
import { createServer, Server } from 'node:http';
import { AddressInfo } from 'node:net';
import { InvalidTokenError, TokenService } from './token.service';

const CLAIMS = {
  sub: '3f6c3c3e-8d7e-4d0c-9a6f-2b3c4d5e6f70',
  role: 'coordinator' as const,
  municipality: '9a1b2c3d-4e5f-4a6b-8c7d-0e1f2a3b4c5d',
};

function config(over: Partial<AppConfig>): AppConfig {
  return Object.assign(new AppConfig(), over);
}

function unsignedToken(payload: object): string {
  const enc = (o: object) => Buffer.from(JSON.stringify(o)).toString('base64url');
  return `${enc({ alg: 'none', typ: 'JWT' })}.${enc(payload)}.`;
}

describe('TokenService in dev mode', () => {
  const tokens = new TokenService(config({ AUTH_MODE: 'dev' }));

  it('verifies the tokens it mints', async () => {
    await expect(tokens.verify(await tokens.mintDevToken(CLAIMS))).resolves.toEqual(CLAIMS);
  });

  it('refuses alg none, a wrong key, an expired token, a wrong issuer or audience, a missing role', async () => {
    const now = Math.floor(Date.now() / 1000);
    const sign = (key: string, build: (j: SignJWT) => SignJWT) =>
      build(
        new SignJWT({ role: CLAIMS.role, municipality: CLAIMS.municipality }).setProtectedHeader({ alg: 'HS256' }).setSubject(CLAIMS.sub),
      ).sign(new TextEncoder().encode(key));
    const key = new AppConfig().DEV_JWT_SECRET;
    const bad = [
      unsignedToken({ ...CLAIMS, iss: 'bro-dev', aud: 'bro', exp: now + 600 }),
      await sign('another-secret-that-is-long-enough-000000', (j) => j.setIssuer('bro-dev').setAudience('bro').setExpirationTime('5m')),
      await sign(key, (j) =>
        j
          .setIssuer('bro-dev')
          .setAudience('bro')
          .setExpirationTime(now - 10),
      ),
      await sign(key, (j) => j.setIssuer('evil').setAudience('bro').setExpirationTime('5m')),
      await sign(key, (j) => j.setIssuer('bro-dev').setAudience('other').setExpirationTime('5m')),
      await sign(key, (j) => j.setIssuer('bro-dev').setAudience('bro')), // no exp
      await new SignJWT({ municipality: CLAIMS.municipality })
        .setProtectedHeader({ alg: 'HS256' })
        .setSubject(CLAIMS.sub)
        .setIssuer('bro-dev')
        .setAudience('bro')
        .setExpirationTime('5m')
        .sign(new TextEncoder().encode(key)),
      'not-a-token',
    ];
    for (const token of bad) await expect(tokens.verify(token)).rejects.toBeInstanceOf(InvalidTokenError);
  });
});

describe('TokenService keeping verified tokens (ADR 0034)', () => {
  const expiringIn = (seconds: number) =>
    new SignJWT({ role: CLAIMS.role, municipality: CLAIMS.municipality })
      .setProtectedHeader({ alg: 'HS256' })
      .setSubject(CLAIMS.sub)
      .setIssuer('bro-dev')
      .setAudience('bro')
      .setExpirationTime(Math.floor(Date.now() / 1000) + seconds)
      .sign(new TextEncoder().encode(new AppConfig().DEV_JWT_SECRET));
  /** Moves the wall clock (tokens expire in real time); only Date is faked, so WebCrypto's jobs still resolve. */
  const later = (ms: number) => jest.setSystemTime(Date.now() + ms);
  beforeEach(() => jest.useFakeTimers({ doNotFake: ['nextTick', 'setImmediate', 'setTimeout', 'setInterval', 'queueMicrotask'] }));
  afterEach(() => jest.useRealTimers());

  it('answers a kept token with the same claims', async () => {
    const tokens = new TokenService(config({ AUTH_MODE: 'dev' }));
    const token = await expiringIn(600);
    await expect(tokens.verify(token)).resolves.toEqual(CLAIMS);
    await expect(tokens.verify(token)).resolves.toEqual(CLAIMS);
  });

  it('never keeps a token past its own expiry, however long the cache time', async () => {
    const tokens = new TokenService(config({ AUTH_MODE: 'dev', AUTH_TOKEN_CACHE_MS: 300000 }));
    const token = await expiringIn(60);
    await expect(tokens.verify(token)).resolves.toEqual(CLAIMS);
    later(61_000);
    await expect(tokens.verify(token)).rejects.toBeInstanceOf(InvalidTokenError);
  });

  it('checks again once the cache time has passed (0: every time)', async () => {
    for (const cacheMs of [0, 1000]) {
      const tokens = new TokenService(config({ AUTH_MODE: 'dev', AUTH_TOKEN_CACHE_MS: cacheMs }));
      const token = await expiringIn(60);
      await expect(tokens.verify(token)).resolves.toEqual(CLAIMS);
      later(120_000); // past the token's expiry: only a fresh check sees it
      await expect(tokens.verify(token)).rejects.toBeInstanceOf(InvalidTokenError);
    }
  });
});

describe('TokenService in oidc mode', () => {
  let server: Server;
  let issuer: string;
  let signingKey: PrivateKey;
  let strangerKey: PrivateKey;

  beforeAll(async () => {
    const pair = await generateKeyPair('RS256');
    signingKey = pair.privateKey;
    strangerKey = (await generateKeyPair('RS256')).privateKey;
    const jwk = { ...(await exportJWK(pair.publicKey)), kid: 'k1', alg: 'RS256', use: 'sig' };
    server = createServer((req, res) => {
      res.setHeader('content-type', 'application/json');
      res.end(JSON.stringify(req.url === '/.well-known/jwks.json' ? { keys: [jwk] } : {}));
    });
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    issuer = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  });
  afterAll(() => new Promise((resolve) => server.close(resolve)));

  const tokens = () => new TokenService(config({ AUTH_MODE: 'oidc', OIDC_ISSUER: issuer, OIDC_AUDIENCE: 'bro' }));
  const token = (key: PrivateKey, build: (j: SignJWT) => SignJWT, kid = 'k1') =>
    build(
      new SignJWT({ role: CLAIMS.role, municipality: CLAIMS.municipality })
        .setProtectedHeader({ alg: 'RS256', kid })
        .setSubject(CLAIMS.sub),
    ).sign(key);

  it('accepts a token signed by the issuer’s key', async () => {
    const t = await token(signingKey, (j) => j.setIssuer(issuer).setAudience('bro').setExpirationTime('5m'));
    await expect(tokens().verify(t)).resolves.toEqual(CLAIMS);
  });

  it('refuses a stranger’s key, an unknown key id, a wrong issuer or audience, expiry, HS256 and alg none', async () => {
    const bad = [
      await token(strangerKey, (j) => j.setIssuer(issuer).setAudience('bro').setExpirationTime('5m')),
      await token(signingKey, (j) => j.setIssuer(issuer).setAudience('bro').setExpirationTime('5m'), 'unknown-kid'),
      await token(signingKey, (j) => j.setIssuer('https://evil.example').setAudience('bro').setExpirationTime('5m')),
      await token(signingKey, (j) => j.setIssuer(issuer).setAudience('someone-else').setExpirationTime('5m')),
      await token(signingKey, (j) =>
        j
          .setIssuer(issuer)
          .setAudience('bro')
          .setExpirationTime(Math.floor(Date.now() / 1000) - 60),
      ),
      await new SignJWT({ ...CLAIMS })
        .setProtectedHeader({ alg: 'HS256' })
        .setIssuer(issuer)
        .setAudience('bro')
        .setExpirationTime('5m')
        .sign(new TextEncoder().encode(new AppConfig().DEV_JWT_SECRET)),
      unsignedToken({ ...CLAIMS, iss: issuer, aud: 'bro', exp: Math.floor(Date.now() / 1000) + 600 }),
    ];
    for (const t of bad) await expect(tokens().verify(t)).rejects.toBeInstanceOf(InvalidTokenError);
  });

  it('mints no dev tokens', async () => {
    await expect(tokens().mintDevToken(CLAIMS)).rejects.toThrow(/dev/);
  });
});
