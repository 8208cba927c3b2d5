import type { NestFastifyApplication } from '@nestjs/platform-fastify';
import { DataSource } from 'typeorm';
import { bootApi, bootWorker, createMunicipality, createUser, http, referralBody, waitFor } from './kit';

/**
 * The HTTP path never talks to Redis: with Redis unreachable every referral is
 * still accepted from PostgreSQL alone, and each one is relayed to the matching
 * queue once a worker can reach Redis.
 */
describe('intake while Redis is down (e2e)', () => {
  it('answers 201 to every referral and relays them all afterwards', async () => {
    const api = await bootApi({ REDIS_URL: 'redis://127.0.0.1:1' });
    let worker: NestFastifyApplication | undefined;
    try {
      const ds = api.get(DataSource);
      const m = await createMunicipality(ds);
      const gp = await createUser(ds, m, 'referrer');
      const { accessToken } = (await http(api, 'POST', '/v1/auth/dev-token', { body: { username: gp.username } })).body;

      const started = Date.now();
      const results = await Promise.all(
        Array.from({ length: 25 }, () => http(api, 'POST', '/v1/referrals', { token: accessToken, body: referralBody() })),
      );
      expect(results.map((r) => r.status)).toEqual(Array(25).fill(201));
      expect(Date.now() - started).toBeLessThan(10_000); // nothing waited on Redis
      expect((await http(api, 'GET', '/health/ready')).status).toBe(503);

      const ids = results.map((r) => r.body.id);
      const pending = async () =>
        (
          await ds.query(
            "SELECT count(*)::int AS n FROM outbox WHERE relayed_at IS NULL AND job_name = 'matching.match' AND payload->>'referralId' = ANY($1)",
            [ids],
          )
        )[0].n;
      expect(await pending()).toBe(25);

      worker = await bootWorker({ WORKER_PORT: '0' });
      await waitFor('all 25 relayed', async () => (await pending()) === 0);
    } finally {
      await worker?.close();
      await api.close();
    }
  });
});
