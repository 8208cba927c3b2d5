import { AssignmentService, CaseService } from '@bro/referral';
import {
  createArea,
  createBrobygger,
  createMunicipality,
  createUser,
  http,
  referralBody,
  TestUser,
  validCpr,
  waitFor,
  withApiAndWorker,
} from './kit';

/**
 * Linking a referral to a citizen's open case (issue 13, items 1 and 2; ADR 0014).
 * A second referral from the same clinic joins the open case; one from another clinic
 * gets the reply an unknown citizen's referral would get and waits as a possible
 * duplicate until a coordinator or the case's brobygger decides. Neither ever changes
 * the citizen's identity data or another referral's consents.
 */
describe('linking a referral to an open case (e2e)', () => {
  const t = withApiAndWorker();

  /** A municipality with a coordinator, two clinics (two GPs in the first), two brobyggere of one area. */
  async function world() {
    const m = await createMunicipality(t.ds);
    const area = await createArea(t.ds, m, ['4000', '5000']);
    return {
      m,
      area,
      coordinator: await createUser(t.ds, m, 'coordinator'),
      gp: await createUser(t.ds, m, 'referrer', 'Lægehuset Algade'),
      colleague: await createUser(t.ds, m, 'referrer', 'Lægehuset Algade'),
      otherGp: await createUser(t.ds, m, 'referrer', 'Lægerne i Viby'),
      brobygger: await createBrobygger(t.ds, m, [area], 5),
      otherBrobygger: await createBrobygger(t.ds, m, [area], 0),
    };
  }
  type World = Awaited<ReturnType<typeof world>>;

  const submit = (user: TestUser, body: unknown) => t.call(user, 'POST', '/v1/referrals', body);
  const statusOf = async (id: string): Promise<string> => (await t.ds.query('SELECT status FROM referral WHERE id = $1', [id]))[0].status;
  /** Waits until every job asked for by the referral's outbox rows has run (so "nothing was sent" means something). */
  const settled = (referralId: string) =>
    waitFor(
      `the work of ${referralId} to settle`,
      async () =>
        (await t.ds.query("SELECT 1 FROM outbox WHERE payload->>'referralId' = $1 AND done_at IS NULL", [referralId])).length === 0,
    );
  const messages = (recipient: TestUser): Promise<{ referral_id: string; milestone: string; body: Record<string, unknown> }[]> =>
    t.ds.query(
      // In the milestones' own order: each is its own job, up to five run at once, so their messages are written in any order.
      `SELECT referral_id, body->>'milestone' AS milestone, body FROM message WHERE recipient_id = $1 AND kind = 'referrer_milestone'
        ORDER BY array_position(ARRAY['received', 'assigned', 'contacted', 'conversation_held', 'closed'], body->>'milestone'), created_at`,
      [recipient.id],
    );

  /** The first clinic's case, assigned by matching: `none` unless told otherwise. */
  async function openCase(w: World, feedback: 'none' | 'status' = 'none', cpr = validCpr()) {
    const res = await submit(w.gp, referralBody({ cpr, consent: { referral: true, referrerFeedback: feedback, method: 'verbal' } }));
    expect(res.status).toBe(201);
    await waitFor('the case assigned', async () => (await statusOf(res.body.id)) === 'assigned');
    await settled(res.body.id);
    return { id: res.body.id as string, cpr };
  }

  /** The second clinic's referral of the same citizen, with other details and `status` feedback. */
  const secondReferral = (cpr: string, overrides: Record<string, unknown> = {}) => ({
    ...referralBody({
      cpr,
      reasons: ['bereavement'],
      note: 'Ny henvendelse fra Viby',
      consent: { referral: true, referrerFeedback: 'status', sms: true, method: 'written' },
    }),
    citizen: {
      cpr,
      name: 'Inger Hansen',
      phone: '+4531313131',
      address: { street: 'Bygade 2', postcode: '4000', city: 'Roskilde' },
      language: 'en',
    },
    ...overrides,
  });

  describe('another clinic, an open case', () => {
    it('answers exactly as for an unknown citizen: a new id, "submitted", no `linked`', async () => {
      const w = await world();
      const first = await openCase(w);
      const unknown = await submit(w.otherGp, referralBody());
      const second = await submit(w.otherGp, secondReferral(first.cpr));
      expect(second.status).toBe(unknown.status);
      expect(Object.keys(second.body).sort()).toEqual(Object.keys(unknown.body).sort());
      expect(second.body).toEqual({ id: expect.any(String), status: 'submitted', createdAt: expect.any(String) });
      expect(second.body.id).not.toBe(first.id);
      expect(Date.parse(second.body.createdAt)).toBeGreaterThan(Date.now() - 60_000);
      expect(await statusOf(second.body.id)).toBe('possible_duplicate');
    });

    it('shows the second clinic only its own referral, "received", nothing about the existing case — REST, FHIR and messages', async () => {
      const w = await world();
      const first = await openCase(w, 'status');
      const { body: held } = await submit(w.otherGp, secondReferral(first.cpr));
      await settled(held.id);

      const own = await t.call(w.otherGp, 'GET', `/v1/referrals/${held.id}`);
      expect(own.body).toEqual({ id: held.id, status: 'received', milestones: [{ status: 'received', at: held.createdAt }] });
      expect((await t.call(w.otherGp, 'GET', `/v1/referrals/${first.id}`)).status).toBe(404);
      const list = await t.call(w.otherGp, 'GET', '/v1/referrals');
      // Named and reasoned as they referred (ADR 0024): their spelling and reasons, not the open case's.
      const item = { ...own.body, citizen: { name: 'Inger Hansen', cpr: `${first.cpr.slice(0, 6)}-****` }, reasons: ['bereavement'] };
      expect(list.body).toEqual({ items: [item], total: 1 });
      // A referrer's list is neither filtered nor sorted by what their view does not show (the case's status,
      // area, assignee, last change): no query tells a held referral from one waiting to be routed.
      for (const query of [
        'status=possible_duplicate',
        'status=submitted',
        'areaId=' + w.area,
        'assignee=me',
        'sort=status',
        'sort=-updatedAt',
      ]) {
        const res = await t.call(w.otherGp, 'GET', `/v1/referrals?${query}`);
        expect({ query, status: res.status }).toEqual({ query, status: 400 });
      }
      expect((await t.call(w.otherGp, 'GET', '/v1/referrals?sort=createdAt&limit=5')).body.items).toEqual([item]);

      const task = await t.call(w.otherGp, 'GET', `/fhir/Task/${held.id}`);
      expect([task.status, task.body.status, task.body.businessStatus.coding[0].code]).toEqual([200, 'requested', 'received']);
      expect((await t.call(w.otherGp, 'GET', `/fhir/Task/${first.id}`)).status).toBe(404);
      expect((await t.call(w.otherGp, 'GET', `/fhir/ServiceRequest/${first.id}`)).status).toBe(404);
      const polled = await t.call(w.otherGp, 'GET', '/fhir/Task?_lastUpdated=ge2020-01-01');
      expect(polled.body.entry.map((e: { resource: { id: string } }) => e.resource.id)).toEqual([held.id]);

      // The shared case moves on: the existing clinic hears it, the second clinic does not.
      expect((await t.call(w.brobygger, 'POST', `/v1/referrals/${first.id}/contact-attempts`, { outcome: 'reached' })).status).toBe(201);
      await settled(first.id);
      expect((await messages(w.gp)).map((m) => m.milestone)).toEqual(['received', 'assigned', 'contacted']);
      const told = await messages(w.otherGp);
      expect(told.map((m) => [m.referral_id, m.milestone])).toEqual([[held.id, 'received']]);
      expect(JSON.stringify(told)).not.toContain(first.id);
      expect((await t.call(w.otherGp, 'GET', `/v1/referrals/${held.id}`)).body).toEqual(own.body);
    });

    it('is matched by no job, the sweeper included, and waits in the coordinators’ queue', async () => {
      const w = await world();
      const first = await openCase(w);
      const { body: held } = await submit(w.otherGp, secondReferral(first.cpr));
      await settled(held.id);
      const assignments = t.worker.get(AssignmentService);
      expect(await assignments.match({ referralId: held.id, municipalityId: w.m })).toEqual({
        result: 'skipped',
        status: 'possible_duplicate',
      });
      expect((await assignments.sweepTargets(0)).submitted.map((s) => s.referralId)).not.toContain(held.id);
      expect(await statusOf(held.id)).toBe('possible_duplicate');
      expect(await t.ds.query("SELECT 1 FROM outbox WHERE job_name = 'matching.match' AND payload->>'referralId' = $1", [held.id])).toEqual(
        [],
      );

      const queue = await t.call(w.coordinator, 'GET', '/v1/referrals?status=possible_duplicate');
      expect(queue.body.total).toBe(1);
      expect(queue.body.items[0]).toMatchObject({
        id: held.id,
        status: 'possible_duplicate',
        reasons: ['bereavement'],
        assignee: null,
        duplicateOf: { id: first.id, status: 'assigned' },
        referrer: { organisation: 'Lægerne i Viby' },
      });
      // The existing case's brobygger sees it on the case, to decide.
      const existing = await t.call(w.brobygger, 'GET', `/v1/referrals/${first.id}`);
      expect(existing.body.possibleDuplicates).toEqual([
        expect.objectContaining({
          id: held.id,
          reasons: ['bereavement'],
          referrer: expect.objectContaining({ organisation: 'Lægerne i Viby' }),
        }),
      ]);
      // …but reads the held referral itself no more than any other case not theirs.
      expect((await t.call(w.brobygger, 'GET', `/v1/referrals/${held.id}`)).status).toBe(404);
      // It is no case to work: not assigned, moved, contacted or followed up (409), until decided.
      const refused = [
        await t.call(w.coordinator, 'POST', `/v1/referrals/${held.id}/assign`, { brobyggerId: w.brobygger.brobyggerId }),
        await t.call(w.coordinator, 'POST', `/v1/referrals/${held.id}/area`, { areaId: w.area }),
        await t.call(w.coordinator, 'POST', `/v1/referrals/${held.id}/contact-attempts`, { outcome: 'reached' }),
        await t.call(w.coordinator, 'PUT', `/v1/referrals/${held.id}/plan`, { goals: [], steps: [] }),
        await t.call(w.coordinator, 'POST', '/v1/follow-ups', { referralId: held.id, kind: 'custom', dueAt: '2026-12-01T10:00:00+01:00' }),
      ];
      expect(refused.map((r) => r.status)).toEqual([409, 409, 409, 409, 409]);
      expect(await statusOf(held.id)).toBe('possible_duplicate');
      expect((await t.ds.query('SELECT active_cases FROM brobygger WHERE id = $1', [w.brobygger.brobyggerId]))[0].active_cases).toBe(1);
    });

    it('answers a replay of the Idempotency-Key with the same reply, and the same clinic’s next referral as a link to its own', async () => {
      const w = await world();
      const first = await openCase(w);
      const body = secondReferral(first.cpr);
      const held = await t.call(w.otherGp, 'POST', '/v1/referrals', body);
      const headers = { 'idempotency-key': 'viby-1' };
      const keyed = await submitWithKey(w.otherGp, body, headers);
      const again = await submitWithKey(w.otherGp, body, headers);
      expect(again.body).toEqual(keyed.body);
      // The same clinic again: linked to its own held referral, as it would be to its own new case.
      expect(keyed.body).toEqual({ id: held.body.id, status: 'submitted', createdAt: held.body.createdAt, linked: true });
      // An unknown citizen's new case, already matched: the repeat's reply says no more than the held one's.
      const unknownCpr = validCpr();
      const newCase = await submit(w.otherGp, referralBody({ cpr: unknownCpr }));
      await waitFor('the new case assigned', async () => (await statusOf(newCase.body.id)) === 'assigned');
      const repeat = await submit(w.otherGp, referralBody({ cpr: unknownCpr }));
      expect(repeat.body).toEqual({ id: newCase.body.id, status: 'submitted', createdAt: newCase.body.createdAt, linked: true });
      expect((await t.ds.query('SELECT count(*)::int AS n FROM referral WHERE municipality_id = $1', [w.m]))[0].n).toBe(3);
    });

    async function submitWithKey(user: TestUser, body: unknown, headers: Record<string, string>) {
      const { accessToken } = (await http(t.api, 'POST', '/v1/auth/dev-token', { body: { username: user.username } })).body;
      return http(t.api, 'POST', '/v1/referrals', { token: accessToken, body, headers });
    }

    it('records the held referral in the audit log, with the citizen', async () => {
      const w = await world();
      const first = await openCase(w);
      const { body: held } = await submit(w.otherGp, secondReferral(first.cpr));
      const [{ citizen_id }] = await t.ds.query('SELECT citizen_id FROM referral WHERE id = $1', [first.id]);
      const rows = await t.ds.query('SELECT action, user_id, citizen_id, purpose FROM audit_log WHERE referral_id = $1 ORDER BY id', [
        held.id,
      ]);
      expect(rows[0]).toEqual({ action: 'referral.create', user_id: w.otherGp.id, citizen_id, purpose: 'possible_duplicate' });
    });
  });

  describe('nothing of the first referral changes', () => {
    it('keeps the first GP’s `none`, sends them no milestones, and keeps the citizen’s name, address, phone and language', async () => {
      const w = await world();
      const first = await openCase(w, 'none');
      await submit(w.otherGp, secondReferral(first.cpr));
      // A clinic colleague links too, with other details and `status`: not another clinic, still no overwrite.
      const linked = await submit(
        w.colleague,
        secondReferral(first.cpr, { citizen: { ...secondReferral(first.cpr).citizen, name: 'I. Jensen' } }),
      );
      expect(linked.body).toMatchObject({ id: first.id, linked: true });

      const full = await t.call(w.coordinator, 'GET', `/v1/referrals/${first.id}`);
      expect(full.body.citizen).toMatchObject({
        name: 'Inger Jensen',
        phone: '+4520123456',
        address: { street: 'Algade 1', postcode: '4000', city: 'Roskilde' },
        language: 'da',
      });
      expect(full.body.consents).toMatchObject({ referral: true, referrerFeedback: 'none', sms: false });

      expect((await t.call(w.brobygger, 'POST', `/v1/referrals/${first.id}/contact-attempts`, { outcome: 'reached' })).status).toBe(201);
      await settled(first.id);
      expect((await messages(w.gp)).map((m) => m.milestone)).toEqual(['received']);
      expect((await t.call(w.gp, 'GET', `/v1/referrals/${first.id}`)).body.milestones.map((m: { status: string }) => m.status)).toEqual([
        'received',
      ]);
      // The colleague's own consent said `status`: they hear the milestones, from the case's own history.
      expect((await messages(w.colleague)).map((m) => m.milestone)).toEqual(['contacted']);
    });

    it('keeps the differing details with the new referral as "reported by", to accept (audited) or ignore', async () => {
      const w = await world();
      const first = await openCase(w);
      await submit(w.colleague, secondReferral(first.cpr));
      const full = await t.call(w.brobygger, 'GET', `/v1/referrals/${first.id}`);
      expect(full.body.reportedDetails).toEqual([
        {
          id: expect.any(String),
          organisation: 'Lægehuset Algade',
          referrer: { id: w.colleague.id, displayName: expect.any(String), organisation: 'Lægehuset Algade' },
          at: expect.any(String),
          name: 'Inger Hansen',
          phone: '+4531313131',
          address: { street: 'Bygade 2', postcode: '4000', city: 'Roskilde' },
          language: 'en',
        },
      ]);
      const detailId = full.body.reportedDetails[0].id;
      expect(
        (await t.call(w.otherBrobygger, 'POST', `/v1/referrals/${first.id}/reported-details`, { detailId, decision: 'accept' })).status,
      ).toBe(404);
      expect((await t.call(w.gp, 'POST', `/v1/referrals/${first.id}/reported-details`, { detailId, decision: 'accept' })).status).toBe(403);
      const accepted = await t.call(w.brobygger, 'POST', `/v1/referrals/${first.id}/reported-details`, { detailId, decision: 'accept' });
      expect(accepted.status).toBe(200);
      const after = await t.call(w.brobygger, 'GET', `/v1/referrals/${first.id}`);
      expect(after.body.citizen).toMatchObject({
        name: 'Inger Hansen',
        phone: '+4531313131',
        address: { street: 'Bygade 2' },
        language: 'en',
      });
      expect(after.body.reportedDetails).toEqual([]);
      const audit = await t.ds.query("SELECT user_id, purpose FROM audit_log WHERE action = 'citizen.update' AND referral_id = $1", [
        first.id,
      ]);
      expect(audit).toEqual([{ user_id: w.brobygger.id, purpose: 'reported_details' }]);
      // Decided once: a second decision is a conflict.
      expect(
        (await t.call(w.brobygger, 'POST', `/v1/referrals/${first.id}/reported-details`, { detailId, decision: 'ignore' })).status,
      ).toBe(409);
    });

    it('keeps no reported details when nothing differs', async () => {
      const w = await world();
      const first = await openCase(w);
      await submit(w.colleague, referralBody({ cpr: first.cpr }));
      expect((await t.call(w.coordinator, 'GET', `/v1/referrals/${first.id}`)).body.reportedDetails).toEqual([]);
    });
  });

  describe('deciding a possible duplicate', () => {
    async function held(feedback: 'none' | 'status' = 'none') {
      const w = await world();
      const first = await openCase(w, feedback);
      const { body } = await submit(w.otherGp, secondReferral(first.cpr));
      await settled(body.id);
      return { w, first, heldId: body.id as string };
    }
    const decide = (user: TestUser, id: string, body: unknown) => t.call(user, 'POST', `/v1/referrals/${id}/duplicate`, body);

    it('lets only a coordinator or the existing case’s brobygger decide: a referrer 403, another brobygger 404', async () => {
      const { w, heldId } = await held();
      expect((await decide(w.otherGp, heldId, { decision: 'confirm' })).status).toBe(403);
      expect((await decide(w.gp, heldId, { decision: 'confirm' })).status).toBe(403);
      expect((await decide(w.otherBrobygger, heldId, { decision: 'confirm' })).status).toBe(404);
      const other = await world();
      expect((await decide(other.coordinator, heldId, { decision: 'confirm' })).status).toBe(404);
      expect((await decide(w.coordinator, heldId, { decision: 'maybe' })).status).toBe(400);
      expect(await statusOf(heldId)).toBe('possible_duplicate');
    });

    it('confirm: the referral joins the case; its referrer then sees the shared milestones at their own consent, under their own id', async () => {
      const { w, first, heldId } = await held('none');
      const res = await decide(w.brobygger, heldId, { decision: 'confirm', note: 'Talt med borgeren' });
      expect(res.status).toBe(200);
      expect(res.body).toMatchObject({ id: heldId, status: 'linked', duplicateOf: first.id });
      expect((await decide(w.coordinator, heldId, { decision: 'reject' })).status).toBe(409);

      const shared = await t.call(w.coordinator, 'GET', `/v1/referrals/${first.id}`);
      expect(shared.body.possibleDuplicates).toEqual([]);
      expect(shared.body.linkedReferrals).toEqual([
        expect.objectContaining({
          referralId: heldId,
          reasons: ['bereavement'],
          note: 'Ny henvendelse fra Viby',
          referrer: expect.objectContaining({ organisation: 'Lægerne i Viby' }),
        }),
      ]);
      expect(shared.body.reportedDetails).toEqual([expect.objectContaining({ organisation: 'Lægerne i Viby', name: 'Inger Hansen' })]);
      expect(shared.body.consents.referrerFeedback).toBe('none');

      await settled(heldId);
      const own = await t.call(w.otherGp, 'GET', `/v1/referrals/${heldId}`);
      expect(own.body.id).toBe(heldId);
      expect(own.body.milestones.map((m: { status: string }) => m.status)).toEqual(['received', 'assigned']);
      // Still their own referral only: the existing case's id stays unknown to them.
      expect((await t.call(w.otherGp, 'GET', `/v1/referrals/${first.id}`)).status).toBe(404);
      expect(JSON.stringify(own.body)).not.toContain(first.id);

      // The case moves on: the second clinic hears it (under its own id), the first GP (`none`) does not.
      const beforeContact = new Date().toISOString();
      expect((await t.call(w.brobygger, 'POST', `/v1/referrals/${first.id}/contact-attempts`, { outcome: 'reached' })).status).toBe(201);
      await settled(first.id);
      await waitFor('the second clinic told', async () => (await messages(w.otherGp)).some((m) => m.milestone === 'contacted'));
      const told = await messages(w.otherGp);
      expect(told.map((m) => [m.referral_id, m.milestone])).toEqual([
        [heldId, 'received'],
        [heldId, 'assigned'],
        [heldId, 'contacted'],
      ]);
      expect(JSON.stringify(told)).not.toContain(first.id);
      expect((await messages(w.gp)).map((m) => m.milestone)).toEqual(['received']);
      const task = await t.call(w.otherGp, 'GET', `/fhir/Task/${heldId}`);
      expect([task.body.id, task.body.status]).toEqual([heldId, 'in-progress']);
      // A GP system polling since before the case moved sees its own Task change (the case's change is its change).
      const polled = await t.call(w.otherGp, 'GET', `/fhir/Task?_lastUpdated=gt${encodeURIComponent(beforeContact)}`);
      expect(polled.body.entry.map((e: { resource: { id: string } }) => e.resource.id)).toEqual([heldId]);

      const audit = await t.ds.query("SELECT user_id, purpose FROM audit_log WHERE action = 'referral.duplicate' AND referral_id = $1", [
        heldId,
      ]);
      expect(audit).toEqual([{ user_id: w.brobygger.id, purpose: 'confirm' }]);
    });

    it('reject: the referral is closed with the reason, the existing case untouched, nothing matched', async () => {
      const { w, first, heldId } = await held();
      const res = await decide(w.coordinator, heldId, { decision: 'reject', note: 'Borgeren kender ikke henvisningen' });
      expect(res.status).toBe(200);
      expect(res.body).toMatchObject({ id: heldId, status: 'rejected' });
      await settled(heldId);
      const view = await t.call(w.otherGp, 'GET', `/v1/referrals/${heldId}`);
      expect(view.body.milestones.map((m: { status: string; outcome?: string }) => [m.status, m.outcome])).toEqual([
        ['received', undefined],
        ['closed', 'rejected'],
      ]);
      const shared = await t.call(w.coordinator, 'GET', `/v1/referrals/${first.id}`);
      expect([shared.body.status, shared.body.linkedReferrals, shared.body.possibleDuplicates, shared.body.reportedDetails]).toEqual([
        'assigned',
        [],
        [],
        [],
      ]);
      const rejected = await t.call(w.coordinator, 'GET', `/v1/referrals/${heldId}`);
      expect(rejected.body).toMatchObject({
        status: 'rejected',
        duplicate: { decision: 'rejected', note: 'Borgeren kender ikke henvisningen' },
      });
      expect(await t.ds.query("SELECT 1 FROM outbox WHERE job_name = 'matching.match' AND payload->>'referralId' = $1", [heldId])).toEqual(
        [],
      );
    });

    it('confirm after the existing case closed: routed as a new case, matched like any new referral', async () => {
      const { w, first, heldId } = await held();
      expect((await t.call(w.brobygger, 'POST', `/v1/referrals/${first.id}/close`, { outcome: 'other' })).status).toBe(200);
      const res = await decide(w.coordinator, heldId, { decision: 'confirm' });
      expect(res.body).toMatchObject({ id: heldId, status: 'submitted' });
      await waitFor('the new case assigned', async () => (await statusOf(heldId)) === 'assigned');
      // As any new referral of a citizen without an open case: its details are the citizen's now.
      const view = await t.call(w.coordinator, 'GET', `/v1/referrals/${heldId}`);
      expect(view.body.citizen).toMatchObject({ name: 'Inger Hansen', address: { street: 'Bygade 2' } });
    });

    it('withdrawal of consent on the held referral ends it alone: the citizen and the existing case stay', async () => {
      const { w, first, heldId } = await held();
      const res = await t.call(w.coordinator, 'POST', `/v1/referrals/${heldId}/consents`, {
        scope: 'referral',
        value: false,
        method: 'verbal',
      });
      expect(res.status).toBe(200);
      expect(res.body).toMatchObject({ id: heldId, erased: true });
      expect(await statusOf(heldId)).toBe('cancelled');
      const [row] = await t.ds.query('SELECT note, erased_at FROM referral WHERE id = $1', [heldId]);
      expect(row.note).toBeNull();
      expect(row.erased_at).not.toBeNull();
      expect(await t.ds.query('SELECT 1 FROM reported_details WHERE referral_id = $1', [heldId])).toEqual([]);
      const shared = await t.call(w.coordinator, 'GET', `/v1/referrals/${first.id}`);
      expect([shared.body.status, shared.body.citizen.name, shared.body.possibleDuplicates]).toEqual(['assigned', 'Inger Jensen', []]);
    });

    it('withdrawal on the existing case ends the held referral too (its citizen is erased)', async () => {
      const { w, first, heldId } = await held();
      await t.call(w.coordinator, 'POST', `/v1/referrals/${first.id}/consents`, { scope: 'referral', value: false, method: 'verbal' });
      expect(await statusOf(heldId)).toBe('cancelled');
      expect((await t.call(w.coordinator, 'GET', '/v1/referrals?status=possible_duplicate')).body.total).toBe(0);
      // Nobody is told: the citizen's data is gone, and the second clinic hears nothing that follows from the first case.
      await settled(heldId);
      await settled(first.id);
      expect((await messages(w.otherGp)).map((m) => m.milestone)).toEqual(['received']);
    });

    it('retention erases a linked referral with the case it joined', async () => {
      const { w, first, heldId } = await held();
      await decide(w.coordinator, heldId, { decision: 'confirm' });
      await t.call(w.brobygger, 'POST', `/v1/referrals/${first.id}/close`, { outcome: 'other' });
      await t.ds.query("UPDATE referral SET closed_at = now() - interval '6 years' WHERE id = $1", [first.id]);
      // The retention run skips a case a job holds locked (the closing's follow-up sync, say) and
      // leaves it for the next run, as the nightly job would: run it until it has got to this one.
      const rows = await waitFor('the case erased by a retention run', async () => {
        await t.worker.get(CaseService).eraseExpired();
        const r: { note: string | null; erased_at: Date | null }[] = await t.ds.query(
          'SELECT id, note, erased_at FROM referral WHERE id = ANY($1)',
          [[first.id, heldId]],
        );
        return r.every((x) => x.erased_at !== null) ? r : null;
      });
      expect(rows.map((r: { note: string | null; erased_at: Date | null }) => [r.note, r.erased_at !== null])).toEqual([
        [null, true],
        [null, true],
      ]);
      expect(await t.ds.query('SELECT 1 FROM reported_details WHERE referral_id = $1', [heldId])).toEqual([]);
    });
  });
});
