import { getQueueToken } from '@nestjs/bullmq';
import { QUEUE_NAMES } from '@bro/platform';
import { CaseService } from '@bro/referral';
import type { Queue } from 'bullmq';
import {
  createArea,
  createBrobygger,
  createMunicipality,
  createUser,
  http,
  referralBody,
  validCpr,
  waitFor,
  withApiAndWorker,
} from './kit';

describe('retention, erasure and the record-keeping exception (e2e)', () => {
  const t = withApiAndWorker();

  async function assignedCase(recordKeeping: 'none' | 'after_contact' | 'always' = 'none') {
    const m = await createMunicipality(t.ds);
    await t.ds.query('UPDATE municipality SET record_keeping = $2 WHERE id = $1', [m, recordKeeping]);
    const area = await createArea(t.ds, m, ['4000']);
    const brobygger = await createBrobygger(t.ds, m, [area], 5);
    const coordinator = await createUser(t.ds, m, 'coordinator');
    const gp = await createUser(t.ds, m, 'referrer');
    const { body } = await t.call(
      gp,
      'POST',
      '/v1/referrals',
      referralBody({ consent: { referral: true, referrerFeedback: 'status', method: 'verbal' } }),
    );
    await waitFor(
      'assigned',
      async () => (await t.ds.query('SELECT status FROM referral WHERE id = $1', [body.id]))[0].status === 'assigned',
    );
    return { m, id: body.id as string, brobygger, coordinator, gp };
  }

  const token = async (username: string) =>
    (await http<{ accessToken: string }>(t.api, 'POST', '/v1/auth/dev-token', { body: { username } })).body.accessToken;

  /** The jobs in Redis whose payload names the case. */
  async function jobsNaming(referralId: string): Promise<string[]> {
    const found: string[] = [];
    for (const name of QUEUE_NAMES) {
      const queue = t.worker.get<Queue>(getQueueToken(name), { strict: false });
      for (const state of ['completed', 'failed', 'delayed', 'wait', 'prioritized', 'active'] as const) {
        const jobs = await queue.getJobs([state]);
        for (const j of jobs)
          if ((j.data as { referralId?: string } | undefined)?.referralId === referralId) found.push(`${j.name} ${state}`);
      }
    }
    return found;
  }
  /** Waits until no job in Redis names the case and none can come back. */
  async function forgotten(referralId: string): Promise<void> {
    let lastSeen: string[] = [];
    try {
      await waitFor(
        'jobs naming the erased case removed from Redis',
        async () => (lastSeen = await jobsNaming(referralId)).length === 0,
        45_000,
      );
    } catch (err) {
      throw new Error(`${(err as Error).message}; still there: ${lastSeen.join(', ')}`, { cause: err });
    }
    // …and nothing can come back: every outbox row naming the case is done, so the relay will not re-send one.
    await waitFor(
      'every outbox row of the erased case done',
      async () =>
        (await t.ds.query("SELECT 1 FROM outbox WHERE payload->>'referralId' = $1 AND done_at IS NULL", [referralId])).length === 0,
    );
  }

  it('keeps a withdrawn case the municipality has acted on, restricted: coordinators only, each read with a reason', async () => {
    const c = await assignedCase('after_contact');
    const base = `/v1/referrals/${c.id}`;
    await t.call(c.brobygger, 'POST', `${base}/contact-attempts`, { outcome: 'reached', note: 'Talte med borgeren' });
    const withdrawn = await t.call(c.brobygger, 'POST', `${base}/consents`, { scope: 'referral', value: false, method: 'verbal' });
    expect(withdrawn.body).toMatchObject({ status: 'cancelled', erased: false, restricted: true });

    const [citizen] = await t.ds.query('SELECT c.name, c.erased_at FROM citizen c JOIN referral r ON r.citizen_id = c.id WHERE r.id = $1', [
      c.id,
    ]);
    expect(citizen.name).not.toBeNull();
    expect(citizen.erased_at).toBeNull();

    expect((await t.call(c.brobygger, 'GET', base)).status).toBe(404);
    expect((await t.call(c.gp, 'GET', base)).status).toBe(404);
    expect((await t.call(c.brobygger, 'POST', `${base}/contact-attempts`, { outcome: 'no_answer' })).status).toBe(404);
    const withoutReason = await t.call(c.coordinator, 'GET', base);
    expect(withoutReason.status).toBe(403);
    expect(withoutReason.body.message).toMatch(/X-Access-Reason/);

    const coordinatorToken = await token(c.coordinator.username);
    const bad = await http(t.api, 'GET', base, { token: coordinatorToken, headers: { 'x-access-reason': 'curious' } });
    expect(bad.status).toBe(400);
    const read = await http(t.api, 'GET', base, { token: coordinatorToken, headers: { 'x-access-reason': 'complaint' } });
    expect(read.status).toBe(200);
    expect(read.body.citizen.name).toBe(citizen.name);
    const [audit] = await t.ds.query(
      "SELECT purpose FROM audit_log WHERE referral_id = $1 AND action = 'referral.read' ORDER BY id DESC LIMIT 1",
      [c.id],
    );
    expect(audit.purpose).toBe('restricted:complaint');

    const list = await t.call(c.coordinator, 'GET', '/v1/referrals');
    const item = list.body.items.find((i: { id: string }) => i.id === c.id);
    expect(item).toMatchObject({ restricted: true, citizen: { name: null, cpr: null } });
  });

  it('erases a withdrawn case the municipality has not acted on, even under after_contact', async () => {
    const c = await assignedCase('after_contact');
    const withdrawn = await t.call(c.brobygger, 'POST', `/v1/referrals/${c.id}/consents`, {
      scope: 'referral',
      value: false,
      method: 'verbal',
    });
    expect(withdrawn.body).toMatchObject({ erased: true, restricted: false });
    await forgotten(c.id);
  });

  it('erases cases closed longer ago than the retention period, in Postgres and Redis, and a second run finds nothing', async () => {
    const old = await assignedCase();
    const recent = await assignedCase();
    for (const c of [old, recent]) {
      await t.call(c.brobygger, 'POST', `/v1/referrals/${c.id}/contact-attempts`, { outcome: 'reached', note: 'Aftalt samtale' });
      await t.call(c.brobygger, 'POST', `/v1/referrals/${c.id}/close`, { outcome: 'declined', summary: 'Ønskede ikke mere' });
    }
    await t.ds.query("UPDATE referral SET closed_at = now() - interval '5 years 1 day' WHERE id = $1", [old.id]);
    await t.ds.query("UPDATE referral SET closed_at = now() - interval '4 years' WHERE id = $1", [recent.id]);
    expect((await jobsNaming(old.id)).length).toBeGreaterThan(0);

    const cases = t.worker.get(CaseService);
    const first = await cases.eraseExpired(1);
    expect(first.cases).toBeGreaterThanOrEqual(1);
    const [oldRow] = await t.ds.query(
      'SELECT r.summary, r.erased_at, r.status, r.outcome, c.name, c.erased_at AS citizen_erased_at FROM referral r JOIN citizen c ON c.id = r.citizen_id WHERE r.id = $1',
      [old.id],
    );
    expect(oldRow).toMatchObject({ summary: null, name: null, status: 'completed', outcome: 'declined' });
    expect(oldRow.erased_at).not.toBeNull();
    expect(oldRow.citizen_erased_at).not.toBeNull();
    const [{ notes }] = await t.ds.query('SELECT note AS notes FROM contact_attempt WHERE referral_id = $1', [old.id]);
    expect(notes).toBeNull();
    const [recentRow] = await t.ds.query('SELECT summary, erased_at FROM referral WHERE id = $1', [recent.id]);
    expect(recentRow).toEqual({ summary: 'Ønskede ikke mere', erased_at: null });
    const [audit] = await t.ds.query("SELECT role, purpose FROM audit_log WHERE referral_id = $1 AND action = 'referral.erase'", [old.id]);
    expect(audit).toEqual({ role: 'system', purpose: 'retention' });

    await forgotten(old.id);
    expect(await cases.eraseExpired()).toEqual({ cases: 0, citizens: 0 });

    // A case untouched for years has no job left in Redis: erasing it does not scan the queues.
    const ancient = await assignedCase();
    await t.call(ancient.brobygger, 'POST', `/v1/referrals/${ancient.id}/close`, { outcome: 'declined' });
    await t.ds.query("UPDATE referral SET closed_at = now() - interval '6 years', updated_at = now() - interval '6 years' WHERE id = $1", [
      ancient.id,
    ]);
    // (the worker's jobs of the close lock the row for a moment; the erasure skips locked rows until the next run)
    await waitFor(
      'the close handled',
      async () =>
        (await t.ds.query("SELECT 1 FROM outbox WHERE payload->>'referralId' = $1 AND done_at IS NULL", [ancient.id])).length === 0,
    );
    expect((await cases.eraseExpired()).cases).toBe(1);
    const forgets = async (id: string) =>
      (await t.ds.query("SELECT 1 FROM outbox WHERE job_name = 'maintenance.forget-case' AND payload->>'referralId' = $1", [id])).length;
    expect([await forgets(old.id), await forgets(ancient.id)]).toEqual([1, 0]);
  });

  it('exports everything Bro holds on a citizen to a coordinator, and records that it did', async () => {
    const c = await assignedCase();
    const cpr = validCpr();
    const { body } = await t.call(c.gp, 'POST', '/v1/referrals', referralBody({ cpr, note: 'Eksport-note' }));
    const [{ citizen_id }] = await t.ds.query('SELECT citizen_id FROM referral WHERE id = $1', [body.id]);

    const exported = await t.call(c.coordinator, 'GET', `/v1/citizens/${citizen_id}/export`);
    expect(exported.status).toBe(200);
    expect(exported.body.citizen).toMatchObject({ id: citizen_id, cpr, name: 'Inger Jensen' });
    expect(exported.body.cases).toEqual([expect.objectContaining({ id: body.id, note: 'Eksport-note' })]);
    expect(exported.body.consents.map((x: { scope: string }) => x.scope)).toContain('referral');
    expect(exported.body.accessLog.map((e: { action: string }) => e.action)).toContain('referral.create');
    const [audit] = await t.ds.query("SELECT user_id, purpose FROM audit_log WHERE citizen_id = $1 AND action = 'citizen.export'", [
      citizen_id,
    ]);
    expect(audit).toEqual({ user_id: c.coordinator.id, purpose: 'right_of_access' });

    const other = await assignedCase();
    expect((await t.call(other.coordinator, 'GET', `/v1/citizens/${citizen_id}/export`)).status).toBe(404);
    expect((await t.call(c.brobygger, 'GET', `/v1/citizens/${citizen_id}/export`)).status).toBe(403);
  });

  it('lets a coordinator set retention and record keeping, refusing values out of range and unknown time zones', async () => {
    const c = await assignedCase();
    const settings = await t.call(c.coordinator, 'GET', '/v1/municipality');
    expect(settings.body).toMatchObject({ id: c.m, retentionYears: 5, recordKeeping: 'none', timeZone: 'Europe/Copenhagen' });

    const bad = await t.call(c.coordinator, 'PATCH', '/v1/municipality', {
      retentionYears: 0,
      timeZone: 'Mars/Olympus',
      recordKeeping: 'always',
    });
    expect(bad.status).toBe(400);
    expect(bad.body.details.map((d: { field: string }) => d.field).sort()).toEqual(['retentionYears', 'timeZone']);
    expect((await t.call(c.coordinator, 'GET', '/v1/municipality')).body).toEqual(settings.body); // nothing changed

    const changed = await t.call(c.coordinator, 'PATCH', '/v1/municipality', { retentionYears: 10, recordKeeping: 'always' });
    expect(changed.body).toMatchObject({ retentionYears: 10, recordKeeping: 'always' });
    const withdrawn = await t.call(c.brobygger, 'POST', `/v1/referrals/${c.id}/consents`, {
      scope: 'referral',
      value: false,
      method: 'verbal',
    });
    expect(withdrawn.body).toMatchObject({ restricted: true, erased: false });
    expect((await t.call(c.brobygger, 'PATCH', '/v1/municipality', { retentionYears: 1 })).status).toBe(403);
  });
});
