import type { NestFastifyApplication } from '@nestjs/platform-fastify';
import { DataSource } from 'typeorm';
import { bootApi, bootWorker, caller, createArea, createBrobygger, createMunicipality, createUser, referralBody, waitFor } from './kit';

/**
 * A job that holds a transaction must not wait for a second pooled connection: with
 * as many such jobs in flight as the pool has connections, each waits for the others
 * for good (a pool deadlock). Issue 20 found one in `follow-up.sync`, whose consent read
 * went to the pool from inside its transaction, when the queue ran jobs side by side.
 * A worker with a pool of one connection shows any such read: its job never finishes.
 */
describe('a referral through the worker on one database connection (e2e)', () => {
  let api: NestFastifyApplication;
  let worker: NestFastifyApplication;
  let ds: DataSource;
  let call: ReturnType<typeof caller>;

  beforeAll(async () => {
    api = await bootApi();
    worker = await bootWorker({ WORKER_PORT: '0', DATABASE_POOL_SIZE: '1' });
    ds = api.get(DataSource);
    call = caller(api);
  });
  afterAll(async () => {
    await worker.close();
    await api.close();
  });

  it('is assigned, gets its first-contact follow-up and its milestones with a pool of one', async () => {
    const m = await createMunicipality(ds);
    const area = await createArea(ds, m, ['4000']);
    await createBrobygger(ds, m, [area], 5);
    const gp = await createUser(ds, m, 'referrer');
    const { status, body } = await call(gp, 'POST', '/v1/referrals', referralBody());
    expect(status).toBe(201);

    await waitFor(
      'assigned',
      async () => (await ds.query("SELECT 1 FROM referral WHERE id = $1 AND status = 'assigned'", [body.id])).length,
    );
    await waitFor(
      'the first-contact follow-up',
      async () => (await ds.query("SELECT 1 FROM follow_up WHERE referral_id = $1 AND kind = 'first_contact'", [body.id])).length,
    );
    const milestones = await waitFor('both milestones', async () => {
      const rows: { milestone: string }[] = await ds.query(
        "SELECT body->>'milestone' AS milestone FROM message WHERE referral_id = $1 AND kind = 'referrer_milestone'",
        [body.id],
      );
      return rows.length === 2 ? rows : null;
    });
    expect(milestones.map((r) => r.milestone).sort()).toEqual(['assigned', 'received']);
    // Every job of the flow finished: none is left waiting or retrying.
    await waitFor(
      'the outbox drained',
      async () =>
        (await ds.query("SELECT count(*)::int AS n FROM outbox WHERE payload->>'referralId' = $1 AND done_at IS NULL", [body.id]))[0].n ===
        0,
    );
  });
});
