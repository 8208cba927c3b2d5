import type { NestFastifyApplication } from '@nestjs/platform-fastify';
import { getQueueToken } from '@nestjs/bullmq';
import { FollowUpService } from '@bro/follow-up';
import { Clock, WorkingDayCalendar } from '@bro/platform';
import type { Job, Queue } from 'bullmq';
import { DataSource } from 'typeorm';
import { SchedulerKeeper } from '../apps/worker/src/scheduler-keeper';
import { QUEUE_PROCESSOR } from '../apps/worker/src/jobs/queue-processors';
import { Redis } from 'ioredis';
import { bootApi, bootWorker, caller, createArea, createBrobygger, createMunicipality, createUser, referralBody, waitFor } from './kit';

describe('follow-ups (e2e)', () => {
  let api: NestFastifyApplication;
  let worker: NestFastifyApplication;
  let ds: DataSource;
  const calendar = new WorkingDayCalendar();
  let call: ReturnType<typeof caller>;

  /** Moves "now" for both processes (the database keeps its own clock for row timestamps). */
  const setNow = (at: Date) => {
    for (const app of [api, worker]) jest.spyOn(app.get(Clock), 'now').mockReturnValue(at);
  };

  beforeAll(async () => {
    api = await bootApi();
    // One database connection: a job that read from the pool inside its transaction would wait for good (see one-connection.e2e-spec.ts).
    worker = await bootWorker({ WORKER_PORT: '0', FOLLOW_UP_SWEEP_MS: '1000', DATABASE_POOL_SIZE: '1' });
    ds = api.get(DataSource);
    call = caller(api);
  });
  afterEach(() => jest.restoreAllMocks());
  afterAll(async () => {
    await worker.close();
    await api.close();
  });

  async function assignedCase() {
    const m = await createMunicipality(ds);
    const area = await createArea(ds, m, ['4000']);
    const brobygger = await createBrobygger(ds, m, [area], 5);
    const other = await createBrobygger(ds, m, [area], 5);
    const coordinator = await createUser(ds, m, 'coordinator');
    const gp = await createUser(ds, m, 'referrer');
    const { body } = await call(gp, 'POST', '/v1/referrals', referralBody());
    const [{ assignee_id }] = await waitFor('assigned', async () => {
      const rows = await ds.query("SELECT assignee_id FROM referral WHERE id = $1 AND status = 'assigned'", [body.id]);
      return rows.length ? rows : null;
    });
    const holder = assignee_id === brobygger.brobyggerId ? brobygger : other;
    const firstContact = await waitFor('the first-contact follow-up', async () => {
      const rows = await ds.query(
        "SELECT id, due_at, assignee_id, status FROM follow_up WHERE referral_id = $1 AND kind = 'first_contact'",
        [body.id],
      );
      return rows[0];
    });
    return { m, id: body.id as string, holder, spare: holder === brobygger ? other : brobygger, coordinator, gp, firstContact };
  }

  const view = async (user: { username: string }, name: string) => (await call(user, 'GET', `/v1/follow-ups?view=${name}`)).body;

  /** Resolves once `n` follow-up sweeps have finished from now on (with n = 2, one began after this call). */
  const sweepsFinished = (n: number) =>
    new Promise<void>((resolve) => {
      const w = worker.get(QUEUE_PROCESSOR['follow-up']).worker;
      let seen = 0;
      const onCompleted = (job: Job) => {
        if (job.name !== 'follow-up.sweep' || ++seen < n) return;
        w.off('completed', onCompleted);
        resolve();
      };
      w.on('completed', onCompleted);
    });

  it('creates a first-contact follow-up on assignment, due in three working days, for the assignee', async () => {
    const c = await assignedCase();
    const [{ at }] = await ds.query('SELECT min(assigned_at) AS at FROM referral_assignment WHERE referral_id = $1', [c.id]);
    expect(c.firstContact.due_at.toISOString()).toBe(calendar.addWorkingDays(at, 3).toISOString());
    expect(c.firstContact.assignee_id).toBe(c.holder.brobyggerId);
    const upcoming = await view(c.holder, 'upcoming');
    const dueToday = await view(c.holder, 'due_today');
    expect([...upcoming.items, ...dueToday.items].map((f: { kind: string }) => f.kind)).toContain('first_contact');
    expect((await call(c.coordinator, 'GET', '/v1/queues/summary')).body).toMatchObject({ firstContactDue: 1, overdue: 0, escalated: 0 });
    // The list behind the firstContactDue count: every open first contact, whatever its due time.
    const firstContacts = (await call(c.coordinator, 'GET', '/v1/follow-ups?view=open&kind=first_contact')).body;
    expect(firstContacts.items.map((f: { referralId: string; kind: string }) => [f.referralId, f.kind])).toEqual([[c.id, 'first_contact']]);
    expect((await call(c.coordinator, 'GET', '/v1/follow-ups?view=open&kind=review')).body.total).toBe(0);
    expect((await call(c.coordinator, 'GET', '/v1/follow-ups?kind=visit')).status).toBe(400);
    expect((await call(c.gp, 'GET', '/v1/follow-ups')).status).toBe(403);
    // Listing reveals the case: each listed follow-up is in the audit log, with the citizen.
    const listed = await ds.query(
      "SELECT a.citizen_id = r.citizen_id AS same FROM audit_log a JOIN referral r ON r.id = a.referral_id WHERE a.action = 'follow-up.list' AND a.user_id = $1",
      [c.coordinator.id],
    );
    expect(listed).toEqual([{ same: true }]);
  });

  it("writes one audit row per list page naming every case it showed, and each citizen's access log and export still show the listing (ADR 0037)", async () => {
    const m = await createMunicipality(ds);
    const area = await createArea(ds, m, ['4000']);
    await createBrobygger(ds, m, [area], 5);
    const coordinator = await createUser(ds, m, 'coordinator');
    const gp = await createUser(ds, m, 'referrer');
    const ids: string[] = [];
    for (let i = 0; i < 3; i++) ids.push((await call(gp, 'POST', '/v1/referrals', referralBody())).body.id);
    const cases: { referral_id: string; citizen_id: string }[] = await waitFor('three first-contact follow-ups', async () => {
      const rows = await ds.query(
        "SELECT f.referral_id, r.citizen_id FROM follow_up f JOIN referral r ON r.id = f.referral_id WHERE f.referral_id = ANY($1) AND f.kind = 'first_contact'",
        [ids],
      );
      return rows.length === 3 ? rows : null;
    });

    const page = await call(coordinator, 'GET', '/v1/follow-ups?view=open&limit=2');
    expect(page.body).toMatchObject({ total: 3 });
    const shown: string[] = page.body.items.map((f: { referralId: string }) => f.referralId);
    expect(shown).toHaveLength(2);
    const rows: { citizen_id: string | null; referral_id: string | null; citizen_ids: string[]; referral_ids: string[] }[] = await ds.query(
      "SELECT citizen_id, referral_id, citizen_ids, referral_ids FROM audit_log WHERE action = 'follow-up.list' AND user_id = $1",
      [coordinator.id],
    );
    expect(rows).toHaveLength(1);
    expect(rows[0]).toMatchObject({ citizen_id: null, referral_id: null });
    expect([...rows[0].referral_ids].sort()).toEqual([...shown].sort());
    // Pairwise: the n-th citizen is the n-th case's.
    const citizenOf = new Map(cases.map((c) => [c.referral_id, c.citizen_id]));
    expect(rows[0].citizen_ids).toEqual(rows[0].referral_ids.map((id) => citizenOf.get(id)));

    for (const c of cases) {
      const listed = shown.includes(c.referral_id);
      const log = await call(coordinator, 'GET', `/v1/citizens/${c.citizen_id}/access-log`);
      expect(log.status).toBe(200);
      const entries = log.body.items.filter((e: { action: string }) => e.action === 'follow-up.list');
      expect(entries).toEqual(
        listed ? [expect.objectContaining({ userId: coordinator.id, role: 'coordinator', referralId: c.referral_id })] : [],
      );
      const exported = await call(coordinator, 'GET', `/v1/citizens/${c.citizen_id}/export`);
      expect(exported.status).toBe(200);
      expect(exported.body.accessLog.filter((e: { action: string }) => e.action === 'follow-up.list')).toEqual(
        listed ? [expect.objectContaining({ userId: coordinator.id, referralId: c.referral_id })] : [],
      );
    }
  });

  it('tells a brobygger "ny borger tildelt" on each assignment, and reminds of an overdue follow-up when the sweep finds it first', async () => {
    const c = await assignedCase();
    const inboxOf = async (user: { username: string }, kind: string) =>
      (
        (await call(user, 'GET', '/v1/notifications')).body.items as { kind: string; referralId: string; body: Record<string, unknown> }[]
      ).filter((m) => m.kind === kind);
    // The automatic assignment: ids only, no name.
    expect(await inboxOf(c.holder, 'case_assigned')).toEqual([
      expect.objectContaining({ referralId: c.id, body: { referralId: c.id, assignmentId: expect.any(String) } }),
    ]);
    expect(await inboxOf(c.spare, 'case_assigned')).toEqual([]);
    // A coordinator hands the case on: the new holder hears of it; the old one is not told twice.
    expect((await call(c.coordinator, 'POST', `/v1/referrals/${c.id}/assign`, { brobyggerId: c.spare.brobyggerId })).status).toBe(200);
    expect(await inboxOf(c.spare, 'case_assigned')).toEqual([expect.objectContaining({ referralId: c.id })]);
    expect(await inboxOf(c.holder, 'case_assigned')).toHaveLength(1);
    // Assigning again to the same holder changes nothing and says nothing.
    await call(c.coordinator, 'POST', `/v1/referrals/${c.id}/assign`, { brobyggerId: c.spare.brobyggerId });
    expect(await inboxOf(c.spare, 'case_assigned')).toHaveLength(1);

    // The sweep marks the first contact overdue before any due job runs: the holder is reminded all the same, once.
    const firstContact = await waitFor('the follow-up moved to the new holder', async () => {
      const [f] = await ds.query(
        "SELECT id, due_at FROM follow_up WHERE referral_id = $1 AND kind = 'first_contact' AND assignee_id = $2 AND status = 'open'",
        [c.id, c.spare.brobyggerId],
      );
      return f;
    });
    setNow(new Date(firstContact.due_at.getTime() + 60_000));
    await worker.get(FollowUpService).sweep(900_000);
    await worker.get(FollowUpService).sweep(900_000);
    expect(await inboxOf(c.spare, 'follow_up_due')).toEqual([
      expect.objectContaining({ referralId: c.id, body: expect.objectContaining({ followUpId: firstContact.id, kind: 'first_contact' }) }),
    ]);
    expect(await worker.get(FollowUpService).markDue(firstContact.id)).toBe('already');
    expect(await inboxOf(c.spare, 'follow_up_due')).toHaveLength(1);
  });

  it('becomes overdue, then escalated after two more working days, and goes away when contact is made', async () => {
    const c = await assignedCase();
    const due: Date = c.firstContact.due_at;
    const followUps = worker.get(FollowUpService);

    setNow(new Date(due.getTime() + 60_000));
    expect(await followUps.markDue(c.firstContact.id)).toBe('overdue');
    expect(await followUps.markDue(c.firstContact.id)).toBe('already');
    const inbox = (await call(c.holder, 'GET', '/v1/notifications')).body;
    expect(inbox.items.filter((m: { kind: string }) => m.kind === 'follow_up_due')).toEqual([
      expect.objectContaining({
        referralId: c.id,
        body: expect.objectContaining({ followUpId: c.firstContact.id, kind: 'first_contact' }),
      }),
    ]);
    expect((await view(c.coordinator, 'overdue')).items).toEqual([
      expect.objectContaining({ id: c.firstContact.id, kind: 'first_contact', overdueSince: due.toISOString(), escalated: false }),
    ]);
    await followUps.sweep(900_000);
    expect((await view(c.coordinator, 'escalated')).total).toBe(0);

    setNow(calendar.addWorkingDays(due, 3));
    expect((await followUps.sweep(900_000)).escalated).toBeGreaterThanOrEqual(1); // other cases in this database may be due too
    expect((await view(c.coordinator, 'escalated')).items.map((f: { id: string }) => f.id)).toEqual([c.firstContact.id]);
    expect((await call(c.coordinator, 'GET', '/v1/queues/summary')).body).toMatchObject({ overdue: 1, escalated: 1 });
    expect((await view(c.spare, 'overdue')).total).toBe(0); // a colleague sees only their own

    await call(c.holder, 'POST', `/v1/referrals/${c.id}/contact-attempts`, { outcome: 'reached' });
    await waitFor(
      'first contact done',
      async () => (await ds.query('SELECT status FROM follow_up WHERE id = $1', [c.firstContact.id]))[0].status === 'done',
    );
    expect((await view(c.coordinator, 'overdue')).total).toBe(0);
  });

  it('plans a call and a review after the first conversation, moves follow-ups on reassignment, cancels them on closing', async () => {
    const c = await assignedCase();
    await call(c.holder, 'POST', `/v1/referrals/${c.id}/contact-attempts`, { outcome: 'reached' });
    await call(c.holder, 'POST', `/v1/referrals/${c.id}/conversations`, {
      heldAt: '2026-11-20T10:00:00+01:00',
      durationMinutes: 60,
      location: 'Havehuset',
      kind: 'first',
      who5: [1, 1, 1, 1, 1],
    });
    const rows = await waitFor('call, review and the measurements 3 and 9 months on', async () => {
      const r = await ds.query("SELECT kind, due_at FROM follow_up WHERE referral_id = $1 AND status = 'open' ORDER BY due_at", [c.id]);
      return r.length === 4 && r;
    });
    const heldAt = new Date('2026-11-20T10:00:00+01:00');
    expect(rows.map((r: { kind: string; due_at: Date }) => [r.kind, r.due_at.toISOString()])).toEqual([
      ['follow_up_call', '2026-12-04T09:00:00.000Z'],
      ['review', '2027-01-15T09:00:00.000Z'],
      ['measurement_3m', calendar.addWorkingDays(heldAt, 63).toISOString()],
      ['measurement_9m', calendar.addWorkingDays(heldAt, 189).toISOString()],
    ]);

    const custom = await call(c.holder, 'POST', '/v1/follow-ups', {
      referralId: c.id,
      kind: 'custom',
      dueAt: new Date(Date.now() + 14 * 86_400_000).toISOString(), // after the case was created (422 otherwise)
      note: 'Ring efter første besøg',
    });
    expect(custom.status).toBe(201);
    expect(
      (await call(c.spare, 'POST', '/v1/follow-ups', { referralId: c.id, kind: 'custom', dueAt: '2026-12-10T10:00:00+01:00' })).status,
    ).toBe(404);

    await call(c.coordinator, 'POST', `/v1/referrals/${c.id}/assign`, { brobyggerId: c.spare.brobyggerId });
    await waitFor('follow-ups moved', async () => {
      const r = await ds.query("SELECT DISTINCT assignee_id FROM follow_up WHERE referral_id = $1 AND status = 'open'", [c.id]);
      return r.length === 1 && r[0].assignee_id === c.spare.brobyggerId;
    });
    const done = await call(c.spare, 'POST', `/v1/follow-ups/${custom.body.id}/complete`, { note: 'Ringet' });
    expect(done.body).toMatchObject({ status: 'done' });
    expect((await call(c.spare, 'POST', `/v1/follow-ups/${custom.body.id}/complete`, {})).status).toBe(409);

    await call(c.spare, 'POST', `/v1/referrals/${c.id}/close`, { outcome: 'goal_reached' });
    await waitFor('open follow-ups cancelled but the measurements, outcome measurement asked for', async () => {
      const r = await ds.query("SELECT kind FROM follow_up WHERE referral_id = $1 AND status = 'open' ORDER BY kind", [c.id]);
      return r.map((x: { kind: string }) => x.kind).join() === 'measurement_3m,measurement_9m,outcome_measurement';
    });
    const full = await call(c.coordinator, 'GET', `/v1/referrals/${c.id}`);
    expect(full.body.followUps.map((f: { kind: string; status: string }) => `${f.kind}:${f.status}`).sort()).toEqual([
      'custom:done',
      'first_contact:done',
      'follow_up_call:cancelled',
      'measurement_3m:open',
      'measurement_9m:open',
      'outcome_measurement:open',
      'review:cancelled',
    ]);

    // The due jobs of the follow-ups cancelled before their time leave Redis with them.
    const queue = worker.get<Queue>(getQueueToken('follow-up'), { strict: false });
    const dueJob = async (kind: string) => {
      const [f] = await ds.query('SELECT id, due_at FROM follow_up WHERE referral_id = $1 AND kind = $2', [c.id, kind]);
      return queue.getJob(`follow-up.due.${f.id}.${f.due_at.getTime()}`);
    };
    await waitFor('the cancelled follow-ups’ due jobs removed', async () => !(await dueJob('follow_up_call')) && !(await dueJob('review')));
    // The outcome measurement is days away: its due job waits in PostgreSQL, not in Redis, until the sweep
    // finds it inside the horizon.
    await sweepsFinished(2); // a whole sweep ran since the case closed
    expect(await dueJob('outcome_measurement')).toBeUndefined();
    const [{ due_at: measurementDue }] = await ds.query(
      "SELECT due_at FROM follow_up WHERE referral_id = $1 AND kind = 'outcome_measurement'",
      [c.id],
    );
    setNow(new Date(measurementDue.getTime() - 5 * 60_000));
    const due = await waitFor('the outcome measurement’s due job, once inside the horizon', () => dueJob('outcome_measurement'));
    const [{ id: measurementId }] = await ds.query("SELECT id FROM follow_up WHERE referral_id = $1 AND kind = 'outcome_measurement'", [
      c.id,
    ]);
    expect(due).toMatchObject({ name: 'follow-up.due', data: expect.objectContaining({ followUpId: measurementId }) });
    expect(due.delay).toBeGreaterThan(0); // five minutes ahead of its (mocked) due time
    jest.restoreAllMocks();

    // The outcome measurement is work on a closed case: its brobygger records it.
    const [measurement] = await ds.query("SELECT id FROM follow_up WHERE referral_id = $1 AND kind = 'outcome_measurement'", [c.id]);
    const measured = await call(c.spare, 'POST', `/v1/follow-ups/${measurement.id}/complete`, { note: 'WHO-5 målt' });
    expect([measured.status, measured.body.status]).toEqual([200, 'done']);
  });

  it('recovers a follow-up whose sync job Redis lost: the sweep re-syncs from the rows', async () => {
    const c = await assignedCase();
    await ds.query('DELETE FROM follow_up WHERE referral_id = $1', [c.id]); // as if the sync never ran
    const queue = worker.get<Queue>(getQueueToken('follow-up'), { strict: false });
    await queue.add('follow-up.sweep', { v: 1 });
    await waitFor(
      'the first contact follow-up back',
      async () => (await ds.query("SELECT 1 FROM follow_up WHERE referral_id = $1 AND kind = 'first_contact'", [c.id])).length === 1,
    );
  });

  it('survives a Redis flush: the rows are the truth, and the sweep comes back', async () => {
    const c = await assignedCase();
    // Everything this worker had in Redis is gone: queued and delayed jobs, the schedulers.
    const redis = new Redis(process.env.REDIS_URL ?? 'redis://127.0.0.1:6379');
    try {
      let cursor = '0';
      do {
        const [next, keys] = await redis.scan(cursor, 'MATCH', `${process.env.QUEUE_PREFIX}:*`, 'COUNT', 1000);
        if (keys.length) await redis.del(...keys);
        cursor = next;
      } while (cursor !== '0');
    } finally {
      redis.disconnect();
    }
    await worker.get(SchedulerKeeper).keep(); // what the keeper does within a minute
    setNow(new Date(c.firstContact.due_at.getTime() + 60_000));
    await waitFor('overdue, marked by the sweep from the rows', async () => {
      const [row] = await ds.query('SELECT overdue_since FROM follow_up WHERE id = $1', [c.firstContact.id]);
      return row.overdue_since !== null;
    });
  });

  it('marks the case as needing attention when a job about it fails its last attempt', async () => {
    const c = await assignedCase();
    // A broken setting makes every sync of this municipality's cases fail.
    await ds.query("UPDATE municipality SET time_zone = 'Mars/Olympus_Mons' WHERE id = $1", [c.m]);
    const queue = worker.get<Queue>(getQueueToken('follow-up'), { strict: false });
    await queue.add('follow-up.sync', { referralId: c.id, municipalityId: c.m, v: 1 }, { attempts: 1 });
    await waitFor(
      'needs attention',
      async () => (await ds.query('SELECT needs_attention FROM referral WHERE id = $1', [c.id]))[0].needs_attention,
    );
    const [{ needs_attention }] = await ds.query('SELECT needs_attention FROM referral WHERE id = $1', [c.id]);
    expect(needs_attention).toBe('follow-up.sync_failed');
    await ds.query("UPDATE municipality SET time_zone = 'Europe/Copenhagen' WHERE id = $1", [c.m]);
    const list = await call(c.coordinator, 'GET', '/v1/referrals');
    expect(list.body.items[0].needsAttention).toBe('follow-up.sync_failed');
  });
});
