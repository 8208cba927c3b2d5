import type { NestFastifyApplication } from '@nestjs/platform-fastify';
import { ReferrerFeedbackService } from '@bro/notification';
import { DataSource } from 'typeorm';
import { bootApi, bootWorker, createArea, createBrobygger, createMunicipality, createUser, http, referralBody, waitFor } from './kit';

/**
 * Feedback to referrers follows the consent in force when it is sent: a milestone
 * goes out at level `status`, never at `none`, never twice, and not at all once the
 * citizen has withdrawn consent.
 */
describe('referrer feedback (e2e)', () => {
  let api: NestFastifyApplication;
  let worker: NestFastifyApplication;
  let ds: DataSource;

  beforeAll(async () => {
    api = await bootApi();
    worker = await bootWorker({ WORKER_PORT: '0' });
    ds = api.get(DataSource);
  });
  afterAll(async () => {
    await worker.close();
    await api.close();
  });

  async function assignedReferral(feedback: 'none' | 'status' | 'summary') {
    const m = await createMunicipality(ds);
    const area = await createArea(ds, m, ['4000']);
    await createBrobygger(ds, m, [area], 5);
    const gp = await createUser(ds, m, 'referrer');
    const { accessToken } = (await http(api, 'POST', '/v1/auth/dev-token', { body: { username: gp.username } })).body;
    const { body } = await http(api, 'POST', '/v1/referrals', {
      token: accessToken,
      body: referralBody({ consent: { referral: true, referrerFeedback: feedback, method: 'verbal' } }),
    });
    await waitFor(
      'assigned',
      async () => (await ds.query('SELECT status FROM referral WHERE id = $1', [body.id]))[0].status === 'assigned',
    );
    return { m, gp, referralId: body.id as string };
  }

  const notifications = (referralId: string) =>
    ds.query(
      "SELECT recipient_id AS referrer_id, body->>'milestone' AS milestone, body FROM message WHERE referral_id = $1 AND kind = 'referrer_milestone'",
      [referralId],
    );

  it('tells the referrer the case was assigned at level "status", with the referrer view only', async () => {
    const { gp, referralId } = await assignedReferral('status');
    const sent = await waitFor('the notifications', async () => {
      const rows = await notifications(referralId);
      return rows.length === 2 && rows.find((r: { milestone: string }) => r.milestone === 'assigned');
    });
    expect(sent).toMatchObject({ referrer_id: gp.id, milestone: 'assigned' });
    expect(Object.keys(sent.body).sort()).toEqual(['id', 'milestone', 'milestones', 'status']);
    expect(sent.body.milestones.map((m: { status: string }) => m.status)).toEqual(['received', 'assigned']);
    // The GP reads it in their inbox; it names no citizen.
    const { accessToken } = (await http(api, 'POST', '/v1/auth/dev-token', { body: { username: gp.username } })).body;
    const inbox = await http(api, 'GET', '/v1/notifications', { token: accessToken });
    expect(inbox.body.total).toBe(2);
    expect(inbox.body.items.map((i: { body: { milestone: string } }) => i.body.milestone).sort()).toEqual(['assigned', 'received']);
    expect(inbox.body.items[0]).toMatchObject({ kind: 'referrer_milestone', referralId, channel: 'local' });
    expect(JSON.stringify(inbox.body)).not.toMatch(/Inger|Jensen|Algade|Mistet/);
  });

  it('sends only "received" at level "none", and nothing twice', async () => {
    const quiet = await assignedReferral('none');
    const feedback = worker.get(ReferrerFeedbackService);
    await expect(
      feedback.sendMilestone({ referralId: quiet.referralId, municipalityId: quiet.m, milestone: 'assigned', v: 1 }),
    ).resolves.toBe('not_disclosed');
    // At "none" the referrer hears that the referral was received, and nothing more.
    await waitFor('the received message', async () => (await notifications(quiet.referralId)).length === 1);
    expect((await notifications(quiet.referralId)).map((n: { milestone: string }) => n.milestone)).toEqual(['received']);

    const told = await assignedReferral('status');
    await waitFor('the notifications', async () => (await notifications(told.referralId)).length === 2);
    await expect(
      feedback.sendMilestone({ referralId: told.referralId, municipalityId: told.m, milestone: 'assigned', v: 1 }),
    ).resolves.toBe('already_sent');
    expect(await notifications(told.referralId)).toHaveLength(2);
  });

  it('makes a job queued before a withdrawal a no-op', async () => {
    const { m, gp, referralId } = await assignedReferral('none');
    const [{ citizen_id }] = await ds.query('SELECT citizen_id FROM referral WHERE id = $1', [referralId]);
    // The citizen first raised the level, then withdrew the referral consent altogether.
    await ds.query(
      `INSERT INTO consent (municipality_id, citizen_id, referral_id, scope, value, method, captured_by)
       VALUES ($1, $2, $3, 'referrer_feedback', 'status', 'verbal', $4), ($1, $2, $3, 'referral', 'false', 'written', $4)`,
      [m, citizen_id, referralId, gp.id],
    );
    const outcome = await worker.get(ReferrerFeedbackService).sendMilestone({ referralId, municipalityId: m, milestone: 'assigned', v: 1 });
    expect(outcome).toBe('consent_withdrawn');
    expect((await notifications(referralId)).map((n: { milestone: string }) => n.milestone)).not.toContain('assigned');
  });
});
