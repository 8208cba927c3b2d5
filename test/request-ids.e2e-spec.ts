import { randomUUID } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { CprVault } from '@bro/referral';
import { Redis } from 'ioredis';
import { createMunicipality, createUser, http, referralBody, TestUser, validCpr, waitFor, withApiAndWorker } from './kit';

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/;

/**
 * What a client puts into a request id, a URL or an Idempotency-Key may be a CPR
 * number; none of it may reach the logs, a job payload in Redis, the append-only
 * audit log or a stored key (issue 13, items 8 and 9). The CPR numbers planted here
 * come from validCpr(), so the personal-data scan after the suite looks for them in
 * every log, Redis key and test database as well.
 */
describe('request ids, paths and idempotency keys carry no personal data (e2e)', () => {
  const t = withApiAndWorker();
  let gp: TestUser;
  let coordinator: TestUser;
  let token: string;

  beforeAll(async () => {
    const m = await createMunicipality(t.ds);
    gp = await createUser(t.ds, m, 'referrer');
    coordinator = await createUser(t.ds, m, 'coordinator');
    token = (await http(t.api, 'POST', '/v1/auth/dev-token', { body: { username: gp.username } })).body.accessToken;
  });

  const log = () => readFileSync(process.env.LOG_FILE!, 'utf8');

  it('replaces a client request id shaped like a CPR number, phone number, e-mail or name, and keeps a plain one', async () => {
    const cpr = validCpr();
    const dashed = `${cpr.slice(0, 6)}-${cpr.slice(6)}`;
    const refused = [
      cpr,
      dashed,
      `case-${cpr}-x`,
      `id:${dashed}`,
      '20123456',
      '20-12-34-56',
      'inger@example.dk',
      'Inger Jensen',
      'x'.repeat(65),
    ];
    for (const given of refused) {
      const res = await http(t.api, 'POST', '/v1/referrals', { token, body: referralBody(), headers: { 'x-request-id': given } });
      expect(res.status).toBe(201);
      const used = res.headers['x-request-id'] as string;
      expect({ given, used }).toEqual({ given, used: expect.stringMatching(UUID) });
      // The id that was used is the one in the outbox payload (→ the job in Redis) and the audit row.
      const [outbox] = await t.ds.query("SELECT payload->>'requestId' AS id FROM outbox WHERE payload->>'referralId' = $1 LIMIT 1", [
        res.body.id,
      ]);
      expect(outbox.id).toBe(used);
      const [audit] = await t.ds.query("SELECT request_id FROM audit_log WHERE referral_id = $1 AND action = 'referral.create'", [
        res.body.id,
      ]);
      expect(audit.request_id).toBe(used);
    }
    const kept = await http(t.api, 'POST', '/v1/referrals', {
      token,
      body: referralBody(),
      headers: { 'x-request-id': 'gp-system:trace.42' },
    });
    expect(kept.headers['x-request-id']).toBe('gp-system:trace.42');
    // A fixed UUID: a random one holds a run of 8+ digits (refused as possibly personal) about one time in twenty.
    const uuid = '3f2a9c1e-7b4d-4e8a-9c2f-5d1e8b7a6c4f';
    expect((await http(t.api, 'GET', '/v1/me', { token, headers: { 'x-request-id': uuid } })).headers['x-request-id']).toBe(uuid);

    // Nowhere: not in the audit log, the outbox, the jobs in Redis, or the log.
    const [{ n }] = await t.ds.query(
      `SELECT (SELECT count(*) FROM audit_log WHERE request_id LIKE '%' || $1 || '%' OR request_id LIKE '%' || $2 || '%')
            + (SELECT count(*) FROM outbox WHERE payload::text LIKE '%' || $1 || '%' OR payload::text LIKE '%' || $2 || '%') AS n`,
      [cpr, dashed],
    );
    expect(Number(n)).toBe(0);
    await waitFor('the jobs to be relayed to Redis', async () => {
      const [row] = await t.ds.query('SELECT count(*)::int AS n FROM outbox WHERE relayed_at IS NULL');
      return row.n === 0;
    });
    const redis = new Redis(process.env.REDIS_URL!);
    try {
      const keys = await redis.keys(`${process.env.QUEUE_PREFIX}:*`);
      expect(keys.length).toBeGreaterThan(0);
      for (const key of keys) {
        expect(key).not.toContain(cpr);
        if ((await redis.type(key)) === 'hash') {
          const value = JSON.stringify(await redis.hgetall(key));
          expect(value).not.toContain(cpr);
          expect(value).not.toContain(dashed);
        }
      }
    } finally {
      redis.disconnect();
    }
    expect(log()).not.toContain(cpr);
    expect(log()).not.toContain(dashed);
  });

  it('masks a CPR number typed into a path in the request log and in a 404, and logs no query string', async () => {
    const cpr = validCpr();
    const dashed = `${cpr.slice(0, 6)}-${cpr.slice(6)}`;
    // Letters only: eight hex digits that happen to be all numbers look like a phone number, and the id would be replaced.
    const marker = `mask-${[...randomUUID().replace(/-/g, '').slice(0, 8)].map((c) => String.fromCharCode(97 + (parseInt(c, 16) % 26))).join('')}`;
    const headers = { 'x-request-id': marker };
    const coordinatorToken = (await http(t.api, 'POST', '/v1/auth/dev-token', { body: { username: coordinator.username } })).body
      .accessToken;
    const asCoordinator = { token: coordinatorToken, headers };
    expect((await http(t.api, 'GET', `/v1/referrals/${cpr}`, asCoordinator)).status).toBe(400);
    expect((await http(t.api, 'GET', `/v1/referrals/${dashed}`, asCoordinator)).status).toBe(400);
    expect((await http(t.api, 'GET', `/v1/citizens/${cpr}/access-log`, asCoordinator)).status).toBe(400);
    expect((await http(t.api, 'GET', `/fhir/Task/${cpr}`, { token, headers })).status).toBeLessThan(500);
    const unknown = await http(t.api, 'GET', `/v1/nothing/${cpr}?q=${dashed}`, asCoordinator);
    expect(unknown.status).toBe(404);
    expect(JSON.stringify(unknown.body)).not.toMatch(new RegExp(`${cpr}|${dashed}`));
    expect(unknown.body.message).toContain('******-****');
    expect((await http(t.api, 'GET', `/v1/offers?q=${cpr}`, asCoordinator)).status).toBe(200);
    // A CPR number as a field name: the error names the field, masked.
    const asKey = await http(t.api, 'POST', '/v1/referrals', { token, body: { ...referralBody(), [cpr]: 'x', [dashed]: '\u0000' } });
    expect(asKey.status).toBe(400);
    expect(JSON.stringify(asKey.body)).not.toMatch(new RegExp(`${cpr}|${dashed}`));

    // The logger writes asynchronously: wait for the six request lines before reading them.
    const completed = () =>
      log()
        .split('\n')
        .filter((l) => l.includes(marker) && l.includes('request completed'));
    await waitFor('the six requests in the log', async () => completed().length >= 6);
    const lines = completed();
    expect(lines.length).toBe(6);
    const paths = lines.map((l) => JSON.parse(l).req.path as string);
    expect(paths).toEqual(
      expect.arrayContaining([
        '/v1/referrals/******-****',
        '/v1/citizens/******-****/access-log',
        '/fhir/Task/******-****',
        '/v1/nothing/******-****',
        '/v1/offers',
      ]),
    );
    expect(log()).not.toContain(cpr);
    expect(log()).not.toContain(dashed);
  });

  it('stores an Idempotency-Key only as a keyed digest, and replays exactly as before', async () => {
    const cpr = validCpr(); // a GP system that uses the CPR number as its key
    const body = referralBody();
    const first = await http(t.api, 'POST', '/v1/referrals', { token, body, headers: { 'idempotency-key': cpr } });
    const again = await http(t.api, 'POST', '/v1/referrals', { token, body, headers: { 'idempotency-key': cpr } });
    expect(first.status).toBe(201);
    expect(again.status).toBe(201);
    expect(again.body).toEqual(first.body);
    const misuse = await http(t.api, 'POST', '/v1/referrals', { token, body: referralBody(), headers: { 'idempotency-key': cpr } });
    expect(misuse.status).toBe(409);

    const rows: { key_digest: string }[] = await t.ds.query('SELECT key_digest FROM idempotency_key WHERE user_id = $1', [gp.id]);
    expect(rows).toEqual([{ key_digest: t.api.get(CprVault).idempotencyKey(cpr) }]);
    expect(JSON.stringify(await t.ds.query('SELECT * FROM idempotency_key'))).not.toContain(cpr);
  });
});
