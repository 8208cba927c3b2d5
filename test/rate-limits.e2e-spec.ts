import type { NestFastifyApplication } from '@nestjs/platform-fastify';
import { randomUUID } from 'node:crypto';
import { Redis } from 'ioredis';
import { SignJWT } from 'jose';
import { DataSource } from 'typeorm';
import { bootApi, createMunicipality, createUser, http, referralBody } from './kit';

/** Rate limits on intake (per user) and the dev-token endpoint (per address), kept in Redis, failing open. */
describe('rate limits (e2e)', () => {
  const limits = () => ({
    RATE_LIMIT_INTAKE_PER_MINUTE: '3',
    RATE_LIMIT_TOKEN_PER_MINUTE: '4',
    RATE_LIMIT_LINK_PER_MINUTE: '3',
    QUEUE_PREFIX: `${process.env.QUEUE_PREFIX}-rate-${randomUUID().slice(0, 8)}`, // counters of its own
  });

  describe('with Redis', () => {
    let api: NestFastifyApplication;
    let ds: DataSource;
    const env = limits();
    beforeAll(async () => {
      api = await bootApi(env);
      ds = api.get(DataSource);
    });
    afterAll(() => api.close());

    it('answers a burst of submissions beyond the limit with 429, per user, and stores none of them', async () => {
      const m = await createMunicipality(ds);
      const gp = await createUser(ds, m, 'referrer');
      const other = await createUser(ds, m, 'referrer');
      const token = async (username: string) =>
        (await http<{ accessToken: string }>(api, 'POST', '/v1/auth/dev-token', { body: { username } })).body.accessToken;
      const [gpToken, otherToken] = [await token(gp.username), await token(other.username)];

      const burst = [];
      for (let i = 0; i < 5; i++) burst.push(await http(api, 'POST', '/v1/referrals', { token: gpToken, body: referralBody() }));
      expect(burst.map((r) => r.status)).toEqual([201, 201, 201, 429, 429]);
      expect(burst[3].body).toEqual({
        statusCode: 429,
        code: 'rate_limited',
        error: 'Too Many Requests',
        message: expect.stringMatching(/at most 3 a minute/),
      });
      expect(burst[3].headers['retry-after']).toBeDefined();
      const [{ n }] = await ds.query('SELECT count(*)::int AS n FROM referral WHERE referrer_id = $1', [gp.id]);
      expect(n).toBe(3);

      expect((await http(api, 'POST', '/v1/referrals', { token: otherToken, body: referralBody() })).status).toBe(201);
      expect((await http(api, 'GET', '/v1/referrals', { token: gpToken })).status).toBe(200); // other routes are not limited
    });

    it('limits guessing at the public hand-off and offer-check links per address (issue 16)', async () => {
      const guess = () => 'A'.repeat(43);
      const statuses = [];
      for (let i = 0; i < 4; i++) statuses.push((await http(api, 'GET', `/v1/handover/${guess()}`)).status);
      expect(statuses).toEqual([404, 404, 404, 429]);
      const answers = [];
      for (let i = 0; i < 4; i++) answers.push((await http(api, 'POST', `/v1/offer-check/${guess()}`, { body: { running: true } })).status);
      expect(answers).toEqual([404, 404, 404, 429]);
    });

    it('buckets forged tokens by address, not by their unverified sub: one bucket, one Redis key, then 429', async () => {
      const m = await createMunicipality(ds);
      const gp = await createUser(ds, m, 'referrer');
      const redis = new Redis(process.env.REDIS_URL!);
      const rateKeys = async () => (await redis.keys(`${env.QUEUE_PREFIX}:rate:*`)).length;
      try {
        const before = await rateKeys();
        const statuses = [];
        for (let i = 0; i < 12; i++) {
          // A well-formed token for a new user each time, signed with a key that is not Bro's.
          const forged = await new SignJWT({ role: 'referrer', municipality: m })
            .setProtectedHeader({ alg: 'HS256' })
            .setSubject(randomUUID())
            .setIssuer('bro-dev')
            .setAudience('bro')
            .setExpirationTime('1h')
            .sign(new TextEncoder().encode(`not-the-key-${i}-${randomUUID()}`));
          statuses.push((await http(api, 'POST', '/v1/referrals', { token: forged, body: referralBody() })).status);
        }
        expect(statuses).toEqual([401, 401, 401, ...Array(9).fill(429)]);
        expect((await rateKeys()) - before).toBe(1); // the address's bucket, not one per token
        // A real user keeps their own bucket.
        const { accessToken } = (await http(api, 'POST', '/v1/auth/dev-token', { body: { username: gp.username } })).body;
        expect((await http(api, 'POST', '/v1/referrals', { token: accessToken, body: referralBody() })).status).toBe(201);
      } finally {
        redis.disconnect();
      }
    });
  });

  it('limits dev tokens per address', async () => {
    const api = await bootApi(limits()); // counters of its own: the tests above fetch tokens from the same address
    try {
      const ds = api.get(DataSource);
      const m = await createMunicipality(ds);
      const gp = await createUser(ds, m, 'referrer');
      const statuses = [];
      for (let i = 0; i < 6; i++)
        statuses.push((await http(api, 'POST', '/v1/auth/dev-token', { body: { username: gp.username } })).status);
      expect(statuses).toEqual([200, 200, 200, 200, 429, 429]);
    } finally {
      await api.close();
    }
  });

  it('fails open when Redis is away: intake never depends on Redis', async () => {
    const api = await bootApi({ ...limits(), REDIS_URL: 'redis://127.0.0.1:1' });
    try {
      const ds = api.get(DataSource);
      const m = await createMunicipality(ds);
      const gp = await createUser(ds, m, 'referrer');
      const { accessToken } = (await http(api, 'POST', '/v1/auth/dev-token', { body: { username: gp.username } })).body;
      const statuses = [];
      for (let i = 0; i < 5; i++)
        statuses.push((await http(api, 'POST', '/v1/referrals', { token: accessToken, body: referralBody() })).status);
      expect(statuses).toEqual(Array(5).fill(201));
    } finally {
      await api.close();
    }
  });
});
