import type { NestFastifyApplication } from '@nestjs/platform-fastify';
import { bullConnection, OwnedQueue } from '@bro/platform';
import { DataSource } from 'typeorm';
import { hashOperatorPassword } from '../apps/api/src/ops/operator-password';
import { bootApi, bootWorker, createArea, createBrobygger, createMunicipality, createUser, http, referralBody, waitFor } from './kit';

const OPS_USER = 'drift';
const OPS_PASSWORD = 'korrekt-hest-batteri-haefteklamme';
const basic = (user: string, password: string) => `Basic ${Buffer.from(`${user}:${password}`).toString('base64')}`;

/**
 * The operators' queue board at /ops/queues: its own credential (HTTP Basic against an
 * scrypt hash), not the staff roles; off when not configured. Health and metrics show
 * queue depth, the oldest waiting job and the outbox lag.
 */
describe('operations: the queue board, queue depth and outbox lag (e2e)', () => {
  let api: NestFastifyApplication;
  let worker: NestFastifyApplication;
  let ds: DataSource;
  let staffToken: string;
  let referralId: string;
  let failedJobId: string;

  beforeAll(async () => {
    const env = { OPS_USER, OPS_PASSWORD_HASH: hashOperatorPassword(OPS_PASSWORD) };
    api = await bootApi(env);
    // The test hook fails one job kind for good at once (used by the last test only).
    worker = await bootWorker({ ...env, WORKER_PORT: '0', FAULT_INJECTION: 'matching.brobygger-changed=permanent' });
    ds = api.get(DataSource);
    const m = await createMunicipality(ds);
    const area = await createArea(ds, m, ['4000']);
    await createBrobygger(ds, m, [area]);
    const gp = await createUser(ds, m, 'referrer');
    const coordinator = await createUser(ds, m, 'coordinator');
    const token = async (username: string) =>
      (await http(api, 'POST', '/v1/auth/dev-token', { body: { username } })).body.accessToken as string;
    staffToken = await token(coordinator.username);
    const created = await http(api, 'POST', '/v1/referrals', { token: await token(gp.username), body: referralBody() });
    expect(created.status).toBe(201);
    referralId = created.body.id;
    await waitFor('the referral to be assigned', async () => {
      const [r] = await ds.query('SELECT status FROM referral WHERE id = $1', [referralId]);
      return r.status === 'assigned';
    });
    // A job that fails at once, so the board has an error to show (ids only, like every payload).
    const queue = new OwnedQueue('matching', {
      connection: bullConnection({ REDIS_URL: process.env.REDIS_URL! }),
      prefix: process.env.QUEUE_PREFIX,
    });
    try {
      const job = await queue.add(
        'matching.match',
        { referralId: 'not-a-uuid', municipalityId: m, v: 1 },
        { attempts: 1, jobId: `board-test-${Date.now()}` },
      );
      failedJobId = job.id!;
      await waitFor('the bad job to fail', async () => (await queue.getJobState(failedJobId)) === 'failed');
    } finally {
      await queue.close();
    }
  });
  afterAll(async () => {
    await worker.close();
    await api.close();
  });

  it('refuses anonymous callers and staff tokens, naming the operator credential', async () => {
    const callers: Record<string, string>[] = [
      {},
      { authorization: `Bearer ${staffToken}` },
      { authorization: basic(OPS_USER, 'wrong-password-123') },
    ];
    for (const headers of callers) {
      for (const url of ['/ops/queues', '/ops/queues/api/queues']) {
        const res = await http(api, 'GET', url, { headers });
        expect(res.status).toBe(401);
        expect(res.headers['www-authenticate']).toMatch(/^Basic realm="Bro operations"/);
        expect(res.body).toMatchObject({ statusCode: 401, error: 'Unauthorized' });
      }
    }
    // The staff token is a valid one: it opens the staff API, just not the board.
    expect((await http(api, 'GET', '/v1/me', { token: staffToken })).status).toBe(200);
  });

  it('admits the operator and shows job names, ids, states, attempts and errors', async () => {
    const auth = { authorization: basic(OPS_USER, OPS_PASSWORD) };
    const page = await http(api, 'GET', '/ops/queues', { headers: auth });
    expect(page.status).toBe(200);
    expect(String(page.headers['content-type'])).toContain('text/html');
    expect(page.headers['cache-control']).toBe('no-store');

    const failed = await http(api, 'GET', '/ops/queues/api/queues?activeQueue=matching&status=failed&page=1&jobsPerPage=50', {
      headers: auth,
    });
    expect(failed.status).toBe(200);
    const matching = failed.body.queues.find((q: { name: string }) => q.name === 'matching');
    expect(matching.readOnlyMode).toBe(true);
    const job = matching.jobs.find((j: { id: string }) => j.id === failedJobId);
    expect(job).toMatchObject({ name: 'matching.match', attempts: 1 });
    expect(job.failedReason).toMatch(/uuid/);
    expect(failed.body.queues.map((q: { name: string }) => q.name).sort()).toEqual([
      'follow-up',
      'maintenance',
      'matching',
      'notification',
    ]);

    // Read-only: the board cannot change work (that goes through the domain).
    const retry = await http(api, 'PUT', `/ops/queues/api/queues/matching/${failedJobId}/retry/failed`, { headers: auth });
    expect(retry.status).toBeGreaterThanOrEqual(400);
    expect(retry.status).toBeLessThan(500);
  });

  it('is off (404) when no operator credential is configured', async () => {
    const plain = await bootApi({ OPS_USER: '', OPS_PASSWORD_HASH: '' });
    try {
      expect((await http(plain, 'GET', '/ops/queues')).status).toBe(404);
      expect(
        (await http(plain, 'GET', '/ops/queues/api/queues', { headers: { authorization: basic(OPS_USER, OPS_PASSWORD) } })).status,
      ).toBe(404);
    } finally {
      await plain.close();
    }
  });

  it('reports queue depth and the oldest waiting job in the worker, and the outbox lag in both processes', async () => {
    const workerMetrics = String((await http(worker, 'GET', '/metrics')).body);
    expect(workerMetrics).toMatch(/^bro_queue_jobs\{queue="matching",state="failed"\} [1-9]/m);
    expect(workerMetrics).toMatch(/^bro_queue_oldest_waiting_seconds\{queue="notification"\} \d/m);
    for (const app of [api, worker]) {
      const metrics = String((await http(app, 'GET', '/metrics')).body);
      expect(metrics).toMatch(/^bro_outbox_lag_seconds \d/m);
      expect(metrics).toMatch(/^bro_outbox_pending \d/m);
      expect(metrics).toMatch(/^bro_outbox_oldest_unrelayed_seconds \d/m);
      expect(metrics).toMatch(/^bro_audit_unlinked \d/m);
      expect(metrics).toMatch(/^bro_audit_oldest_unlinked_seconds \d/m);
    }
    const ready = await http(worker, 'GET', '/health/ready');
    expect(ready.status).toBe(200);
    expect(ready.body.info.queues.status).toBe('up');
    expect(ready.body.info.queues.matching.counts.failed).toBeGreaterThanOrEqual(1);
    expect(ready.body.info.outbox).toMatchObject({ status: 'up', pending: expect.any(Number), lagSeconds: expect.any(Number) });
    const apiReady = await http(api, 'GET', '/health/ready');
    expect(apiReady.body.info.outbox.status).toBe('up');
    expect(apiReady.body.info.auditChain).toMatchObject({
      status: 'up',
      unlinked: expect.any(Number),
      oldestUnlinkedSeconds: expect.any(Number),
    });
    expect(apiReady.body.info.queues).toBeUndefined(); // the api holds no queues: it stays off Redis for intake
  });

  it('marks the outbox row of a job that failed for good, so it no longer counts as lag', async () => {
    // The bad job above came from no outbox row; this one does, and fails for good (the test hook).
    const [row] = await ds.query(
      `INSERT INTO outbox (municipality_id, job_name, payload, created_at) SELECT municipality_id, 'matching.brobygger-changed',
         jsonb_build_object('brobyggerId', gen_random_uuid(), 'municipalityId', municipality_id, 'v', 1), now() - interval '1 hour'
         FROM referral WHERE id = $1 RETURNING id`,
      [referralId],
    );
    await waitFor('the row to be marked failed', async () => {
      const [r] = await ds.query('SELECT failed_at, done_at FROM outbox WHERE id = $1', [row.id]);
      return r.failed_at !== null && r.done_at === null;
    });
    // An hour-old row failed for good is not lag: what is left is work under way, young.
    const metrics = String((await http(api, 'GET', '/metrics')).body);
    const lag = Number(/^bro_outbox_lag_seconds (\S+)/m.exec(metrics)?.[1]);
    expect(lag).toBeLessThan(600);
  });
});
