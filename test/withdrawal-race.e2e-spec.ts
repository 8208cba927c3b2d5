import { getQueueToken } from '@nestjs/bullmq';
import type { NestFastifyApplication } from '@nestjs/platform-fastify';
import { enqueue, JobName, QUEUE_NAMES } from '@bro/platform';
import type { Job, Queue } from 'bullmq';
import { DataSource } from 'typeorm';
import { QUEUE_PROCESSORS } from '../apps/worker/src/jobs/queue-processors';
import type { WorkerHost } from '@nestjs/bullmq';
import { bootApi, bootWorker, caller, createArea, createBrobygger, createMunicipality, createUser, referralBody, waitFor } from './kit';

/**
 * Issue 13, item 14: consent withdrawn (or the case closed) while a job for the case is
 * mid-flight. The test-only fault hook (FAULT_INJECTION, ADR 0011) makes every
 * `follow-up.sync` and `matching.match` take 3 s longer, so one of each is running for
 * the case when the coordinator withdraws. Afterwards: no open follow-up — at once, not
 * once the queued sync gets its turn — no assignment, no job in Redis naming the case or
 * its follow-ups, no personal data, and `maintenance.forget-case` never failed (it waits
 * for the running jobs instead).
 */
describe('withdrawal and closing racing a running job (e2e)', () => {
  const DELAY_MS = 3_000;
  let api: NestFastifyApplication;
  let worker: NestFastifyApplication;
  let ds: DataSource;
  let call: ReturnType<typeof caller>;
  const failed: { name: string; referralId?: string; message: string }[] = [];

  beforeAll(async () => {
    api = await bootApi();
    worker = await bootWorker({
      WORKER_PORT: '0',
      FAULT_INJECTION: `follow-up.sync=delay:${DELAY_MS},matching.match=delay:${DELAY_MS}`,
      // Only the jobs under test touch the case: no sweep runs in between.
      MATCHING_SWEEP_MS: '3600000',
      FOLLOW_UP_SWEEP_MS: '3600000',
    });
    ds = api.get(DataSource);
    call = caller(api);
    for (const p of QUEUE_PROCESSORS.map((cls) => worker.get<WorkerHost>(cls))) {
      p.worker.on('failed', (job: Job | undefined, err: Error) =>
        failed.push({
          name: job?.name ?? '?',
          referralId: (job?.data as { referralId?: string } | undefined)?.referralId,
          message: err.message,
        }),
      );
    }
  });
  afterAll(async () => {
    await worker.close();
    await api.close();
  });

  const queue = (name: string) => worker.get<Queue>(getQueueToken(name), { strict: false });

  /** An assigned case with its first-contact follow-up open (each sync and match takes DELAY_MS longer here). */
  async function assignedCase() {
    const m = await createMunicipality(ds);
    const area = await createArea(ds, m, ['4000']);
    const brobygger = await createBrobygger(ds, m, [area], 5);
    const coordinator = await createUser(ds, m, 'coordinator');
    const gp = await createUser(ds, m, 'referrer');
    const res = await call(gp, 'POST', '/v1/referrals', referralBody());
    expect(res.status).toBe(201);
    const id = res.body.id as string;
    await waitFor(
      'the first-contact follow-up',
      async () =>
        (await ds.query("SELECT 1 FROM follow_up WHERE referral_id = $1 AND kind = 'first_contact' AND status = 'open'", [id])).length ===
        1,
      // A delayed match, then a delayed sync, in turn: 7 s alone, over 30 s once in a CI
      // run with every suite at once (the file took 67 s there, 24 s alone).
      90_000,
    );
    return { m, id, brobygger, coordinator };
  }

  /** Puts a slowed job for the case on its queue and returns once a worker is running it. */
  async function running(name: Extract<JobName, 'follow-up.sync' | 'matching.match'>, referralId: string, municipalityId: string) {
    const q = queue(name.split('.')[0]);
    await enqueue(q, name, { referralId, municipalityId, v: 1 });
    return waitFor(`a ${name} for the case running`, async () => {
      const active = (await q.getJobs(['active'])).find(
        (j) => j.name === name && (j.data as { referralId: string }).referralId === referralId,
      );
      return active ?? null;
    });
  }

  const openFollowUps = async (referralId: string) =>
    (await ds.query("SELECT kind FROM follow_up WHERE referral_id = $1 AND status = 'open'", [referralId])).map(
      (r: { kind: string }) => r.kind,
    );

  /** Every job Redis still holds, in any state, that names the case or one of its follow-ups. */
  async function jobsNaming(referralId: string): Promise<string[]> {
    const followUps = new Set(
      (await ds.query('SELECT id FROM follow_up WHERE referral_id = $1', [referralId])).map((r: { id: string }) => r.id),
    );
    const found: string[] = [];
    for (const name of QUEUE_NAMES) {
      for (const j of await queue(name).getJobs([
        'waiting',
        'delayed',
        'active',
        'prioritized',
        'completed',
        'failed',
        'waiting-children',
      ])) {
        const data = j.data as { referralId?: string; followUpId?: string } | undefined;
        if (data?.referralId === referralId || (data?.followUpId && followUps.has(data.followUpId))) found.push(`${j.name}:${j.id}`);
      }
    }
    return found;
  }

  it('withdrawal leaves no open follow-up, no assignment, no job and no personal data while a sync and a match run', async () => {
    const c = await assignedCase();
    const sync = await running('follow-up.sync', c.id, c.m);
    const match = await running('matching.match', c.id, c.m);

    const withdrawn = await call(c.coordinator, 'POST', `/v1/referrals/${c.id}/consents`, {
      scope: 'referral',
      value: false,
      method: 'verbal',
    });
    expect(withdrawn.status).toBe(200);
    expect(withdrawn.body).toMatchObject({ status: 'cancelled', erased: true });

    // At once — the sync the withdrawal queued waits behind the running one.
    expect(await openFollowUps(c.id)).toEqual([]);
    const listed = await call(c.coordinator, 'GET', '/v1/follow-ups?view=open');
    expect(listed.body.items.filter((f: { referralId: string }) => f.referralId === c.id)).toEqual([]);
    expect(await sync.isActive()).toBe(true);
    expect(await match.isActive()).toBe(true);

    // The running jobs finish as no-ops, and forget-case has cleared Redis of the case.
    await waitFor(
      'forget-case done',
      async () =>
        (
          await ds.query(
            "SELECT 1 FROM outbox WHERE job_name = 'maintenance.forget-case' AND payload->>'referralId' = $1 AND done_at IS NOT NULL",
            [c.id],
          )
        ).length === 1,
      30_000,
    );
    expect(await sync.isActive()).toBe(false);
    expect(await match.isActive()).toBe(false);
    expect(await jobsNaming(c.id)).toEqual([]);
    expect(failed.filter((f) => f.name === 'maintenance.forget-case' || f.referralId === c.id)).toEqual([]);

    expect(await openFollowUps(c.id)).toEqual([]);
    const [referral] = await ds.query('SELECT status, assignee_id, note, erased_at, citizen_id FROM referral WHERE id = $1', [c.id]);
    expect(referral).toMatchObject({ status: 'cancelled', note: null });
    expect(referral.erased_at).toBeInstanceOf(Date);
    expect((await ds.query('SELECT 1 FROM referral_assignment WHERE referral_id = $1 AND released_at IS NULL', [c.id])).length).toBe(0);
    expect((await ds.query('SELECT active_cases FROM brobygger WHERE id = $1', [c.brobygger.brobyggerId]))[0].active_cases).toBe(0);
    const [citizen] = await ds.query('SELECT name, phone, street, cpr_ciphertext, erased_at FROM citizen WHERE id = $1', [
      referral.citizen_id,
    ]);
    expect(citizen).toMatchObject({ name: null, phone: null, street: null, cpr_ciphertext: null });
    expect(citizen.erased_at).toBeInstanceOf(Date);
  }, 150_000);

  it('closing leaves no open follow-up but the outcome measurement it asks for, while a sync runs', async () => {
    const c = await assignedCase();
    await running('follow-up.sync', c.id, c.m);
    const closed = await call(c.coordinator, 'POST', `/v1/referrals/${c.id}/close`, { outcome: 'goal_reached' });
    expect(closed.status).toBe(200);
    expect(await openFollowUps(c.id)).toEqual([]);
    expect((await ds.query("SELECT status FROM follow_up WHERE referral_id = $1 AND kind = 'first_contact'", [c.id]))[0].status).toBe(
      'cancelled',
    );
  }, 150_000);
});
