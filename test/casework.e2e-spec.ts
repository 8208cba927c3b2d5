import { createArea, createBrobygger, createMunicipality, createUser, referralBody, waitFor, withApiAndWorker } from './kit';

describe('casework (e2e)', () => {
  const t = withApiAndWorker();

  /** An assigned case, its brobygger, a coordinator, the GP, and an offer with free places. */
  async function assignedCase(feedback: 'status' | 'summary' = 'summary') {
    const m = await createMunicipality(t.ds);
    const area = await createArea(t.ds, m, ['4000']);
    const brobygger = await createBrobygger(t.ds, m, [area], 5);
    const colleague = await createBrobygger(t.ds, m, [area], 0);
    const coordinator = await createUser(t.ds, m, 'coordinator');
    const gp = await createUser(t.ds, m, 'referrer');
    const [org] = await t.ds.query("INSERT INTO organisation (municipality_id, name) VALUES ($1, 'Cirkler') RETURNING id", [m]);
    const [offer] = await t.ds.query(
      "INSERT INTO offer (municipality_id, organisation_id, name, category, area_id, free_places, companion_available) VALUES ($1, $2, 'Cirkler i Viby', 'community', $3, 4, true) RETURNING id",
      [m, org.id, area],
    );
    const [full] = await t.ds.query(
      "INSERT INTO offer (municipality_id, organisation_id, name, category, free_places) VALUES ($1, $2, 'Drømmeløberne', 'volunteer_group', 0) RETURNING id",
      [m, org.id],
    );
    const { body } = await t.call(
      gp,
      'POST',
      '/v1/referrals',
      referralBody({ consent: { referral: true, referrerFeedback: feedback, method: 'verbal' } }),
    );
    await waitFor(
      'assigned',
      async () => (await t.ds.query('SELECT status FROM referral WHERE id = $1', [body.id]))[0].status === 'assigned',
    );
    return { m, id: body.id as string, brobygger, colleague, coordinator, gp, offerId: offer.id as string, fullOfferId: full.id as string };
  }

  const conversation = (over: Record<string, unknown> = {}) => ({
    heldAt: '2026-11-20T10:00:00+01:00',
    durationMinutes: 75,
    location: 'Havehuset',
    kind: 'first',
    wheel: { health: 5, relations: 2, community: 2, mood: 4 },
    notes: 'Savner sin mand; vil gerne ud blandt andre.',
    whatMatters: 'At have nogen at tale med',
    wishes: 'Synge i kor igen',
    wantToTry: 'Cirkler i Viby',
    who5: [2, 1, 2, 1, 2],
    ucla3: [3, 3, 2],
    ...over,
  });

  it('follows a case from assignment to an approved summary', async () => {
    const c = await assignedCase('summary');
    const b = c.brobygger;
    const base = `/v1/referrals/${c.id}`;

    expect((await t.call(b, 'POST', `${base}/contact-attempts`, { outcome: 'no_answer' })).body).toMatchObject({
      status: 'assigned',
      considerUnreachable: false,
    });
    const reached = await t.call(b, 'POST', `${base}/contact-attempts`, {
      outcome: 'reached',
      channel: 'phone',
      note: 'Aftalt samtale fredag',
    });
    expect(reached.status).toBe(201);
    expect(reached.body.status).toBe('contacted');
    // The case view names the legal next steps, so the web app shows only those buttons.
    expect((await t.call(b, 'GET', base)).body.nextActions).toEqual([
      'assign',
      'contact_attempt',
      'first_conversation',
      'plan',
      'hold',
      'close',
    ]);

    const first = await t.call(b, 'POST', `${base}/conversations`, conversation());
    expect(first.status).toBe(201);
    expect(first.body).toMatchObject({ status: 'active', who5Score: 32, ucla3Score: 8 });

    const plan = await t.call(b, 'PUT', `${base}/plan`, {
      goals: ['Komme ud blandt andre en gang om ugen'],
      steps: [
        {
          description: 'Første besøg i Cirkler',
          offerId: c.offerId,
          companion: true,
          host: 'Karen (vært)',
          transport: 'companion',
          dueAt: '2026-12-01T10:00:00+01:00',
        },
        { description: 'Spørg til Drømmeløberne', offerId: c.fullOfferId },
      ],
    });
    expect(plan.status).toBe(200);
    expect(plan.body).toMatchObject({ version: 1, goals: ['Komme ud blandt andre en gang om ugen'] });
    expect(plan.body.steps[0]).toMatchObject({
      status: 'planned',
      companion: true,
      offer: { name: 'Cirkler i Viby', noFreePlaces: false },
    });
    expect(plan.body.steps[1].offer).toMatchObject({ freePlaces: 0, noFreePlaces: true });
    const revised = await t.call(b, 'PUT', `${base}/plan`, {
      goals: ['Komme ud blandt andre en gang om ugen'],
      steps: [{ description: 'Første besøg i Cirkler', offerId: c.offerId, status: 'first_visit_booked' }],
    });
    expect(revised.body.version).toBe(2);
    expect(revised.body.history.map((h: { version: number }) => h.version)).toEqual([1, 2]);

    expect((await t.call(b, 'POST', `${base}/hold`, { reason: 'Indlagt' })).body).toEqual({ id: c.id, status: 'on_hold' });
    expect((await t.call(b, 'POST', `${base}/resume`)).body).toEqual({ id: c.id, status: 'active' });
    await t.call(
      b,
      'POST',
      `${base}/conversations`,
      conversation({ kind: 'follow_up', who5: [4, 3, 3, 3, 4], ucla3: [2, 1, 2], notes: 'Går nu i Cirkler' }),
    );

    const closed = await t.call(b, 'POST', `${base}/close`, {
      outcome: 'goal_reached',
      summary: 'Inger går nu fast i Cirkler.',
      summaryApprovedByCitizen: true,
    });
    expect(closed.body).toEqual({ id: c.id, status: 'completed', outcome: 'goal_reached' });
    const [{ active_cases }] = await t.ds.query('SELECT active_cases FROM brobygger WHERE id = $1', [b.brobyggerId]);
    expect(active_cases).toBe(0);

    const full = await t.call(b, 'GET', base);
    expect(full.status).toBe(200); // the last assignee keeps access after closing
    expect(full.body).toMatchObject({ status: 'completed', outcome: 'goal_reached', summary: 'Inger går nu fast i Cirkler.' });
    expect(full.body.conversations).toHaveLength(2);
    expect(full.body.outcomes).toMatchObject({
      baseline: { who5Score: 32, ucla3Score: 8 },
      latest: { who5Score: 68, ucla3Score: 5 },
      change: { who5: 36, ucla3: -3 },
    });
    expect(full.body.contactAttempts.map((a: { outcome: string }) => a.outcome)).toEqual(['no_answer', 'reached']);
    expect(full.body.statusHistory.map((h: { to: string }) => h.to)).toEqual([
      'submitted',
      'assigned',
      'contacted',
      'active',
      'on_hold',
      'active',
      'completed',
    ]);

    const referrerView = await t.call(c.gp, 'GET', base);
    expect(referrerView.body).toEqual({
      id: c.id,
      status: 'closed',
      milestones: [
        { status: 'received', at: expect.any(String) },
        { status: 'assigned', at: expect.any(String) },
        { status: 'contacted', at: expect.any(String) },
        { status: 'conversation_held', at: expect.any(String) },
        { status: 'closed', at: expect.any(String), outcome: 'goal_reached' },
      ],
      summary: 'Inger går nu fast i Cirkler.',
    });
    await waitFor('the closing milestone sent', async () => {
      const rows = await t.ds.query(
        "SELECT body->>'milestone' AS milestone FROM message WHERE referral_id = $1 AND kind = 'referrer_milestone' ORDER BY created_at",
        [c.id],
      );
      // Each milestone is its own job, run up to five at a time: their messages may be written in any order.
      const sent = rows.map((r: { milestone: string }) => r.milestone).sort();
      return sent.join() === ['received', 'assigned', 'contacted', 'conversation_held', 'closed'].sort().join();
    });
  });

  it('answers every illegal transition with 409 naming the current status', async () => {
    const c = await assignedCase();
    const b = c.brobygger;
    const base = `/v1/referrals/${c.id}`;
    const conflict = async (method: 'POST' | 'PUT', url: string, body: unknown, status: string) => {
      const res = await t.call(b, method, url, body);
      expect(res.status).toBe(409);
      expect(res.body.message).toContain(status);
    };
    await conflict('POST', `${base}/conversations`, conversation(), 'assigned'); // no first conversation before contact
    await conflict('POST', `${base}/conversations`, conversation({ kind: 'follow_up' }), 'assigned');
    await conflict('POST', `${base}/resume`, undefined, 'assigned');
    await t.call(b, 'POST', `${base}/contact-attempts`, { outcome: 'reached' });
    await t.call(b, 'POST', `${base}/conversations`, conversation());
    await conflict('POST', `${base}/conversations`, conversation(), 'active'); // a second "first"
    await conflict('POST', `${base}/contact-attempts`, { outcome: 'declined' }, 'active');
    await t.call(b, 'POST', `${base}/close`, { outcome: 'moved' });
    await conflict('POST', `${base}/hold`, { reason: 'x' }, 'completed');
    await conflict('POST', `${base}/close`, { outcome: 'other' }, 'completed');
    await conflict('PUT', `${base}/plan`, { goals: [], steps: [] }, 'completed');
    await conflict('POST', `${base}/contact-attempts`, { outcome: 'reached' }, 'completed');
  });

  it('refuses out-of-range scores with 422 and records nothing', async () => {
    const c = await assignedCase();
    const base = `/v1/referrals/${c.id}`;
    await t.call(c.brobygger, 'POST', `${base}/contact-attempts`, { outcome: 'reached' });
    for (const [over, field] of [
      [{ who5: [2, 1, 6, 1, 2] }, 'who5[2]'],
      [{ ucla3: [0, 1, 1] }, 'ucla3[0]'],
      [{ who5: [1, 1, 1] }, 'who5'],
      [{ wheel: { health: 11 } }, 'wheel.health'],
      [{ wheel: { horoscope: 3 } }, 'wheel.horoscope'],
    ] as const) {
      const res = await t.call(c.brobygger, 'POST', `${base}/conversations`, conversation(over));
      expect(res.status).toBe(422);
      expect(res.body.details).toEqual({ field, code: expect.stringMatching(/^(out_of_range|wrong_count|unknown_field)$/) });
    }
    expect((await t.call(c.brobygger, 'POST', `${base}/conversations`, conversation({ durationMinutes: 0 }))).status).toBe(400);
    const [{ n, status }] = await t.ds.query(
      'SELECT (SELECT count(*)::int FROM conversation WHERE referral_id = $1) AS n, status FROM referral WHERE id = $1',
      [c.id],
    );
    expect({ n, status }).toEqual({ n: 0, status: 'contacted' });
  });

  it('cancels a case the citizen declines before any conversation, freeing the place', async () => {
    const c = await assignedCase();
    const res = await t.call(c.brobygger, 'POST', `/v1/referrals/${c.id}/contact-attempts`, { outcome: 'declined' });
    expect(res.body.status).toBe('cancelled');
    const [row] = await t.ds.query(
      'SELECT r.status, r.outcome, b.active_cases FROM referral r JOIN brobygger b ON b.id = $2 WHERE r.id = $1',
      [c.id, c.brobygger.brobyggerId],
    );
    expect(row).toEqual({ status: 'cancelled', outcome: 'declined', active_cases: 0 });
  });

  it('flags "consider closing as unreachable" after three unanswered attempts over five working days', async () => {
    const c = await assignedCase();
    const attempt = (at: string) =>
      t.call(c.brobygger, 'POST', `/v1/referrals/${c.id}/contact-attempts`, { outcome: 'no_answer', attemptedAt: at });
    // Mon 9 Nov, Wed 11 Nov, Fri 13 Nov 2026: three attempts, but only 4 working days apart.
    expect((await attempt('2026-11-09T10:00:00+01:00')).body.considerUnreachable).toBe(false);
    await attempt('2026-11-11T10:00:00+01:00');
    expect((await attempt('2026-11-13T10:00:00+01:00')).body.considerUnreachable).toBe(false);
    // Mon 16 Nov: the unanswered attempts now span 5 working days.
    expect((await attempt('2026-11-16T10:00:00+01:00')).body.considerUnreachable).toBe(true);
    expect((await t.call(c.coordinator, 'GET', `/v1/referrals/${c.id}`)).body.considerUnreachable).toBe(true);
    expect(
      (
        await t.call(c.brobygger, 'POST', `/v1/referrals/${c.id}/contact-attempts`, {
          outcome: 'no_answer',
          attemptedAt: '2099-01-01T10:00:00Z',
        })
      ).status,
    ).toBe(422);
  });

  it('lets only the assigned brobygger and coordinators work the case', async () => {
    const c = await assignedCase();
    expect((await t.call(c.colleague, 'POST', `/v1/referrals/${c.id}/contact-attempts`, { outcome: 'reached' })).status).toBe(404);
    expect((await t.call(c.gp, 'POST', `/v1/referrals/${c.id}/contact-attempts`, { outcome: 'reached' })).status).toBe(403);
    expect((await t.call(c.coordinator, 'POST', `/v1/referrals/${c.id}/contact-attempts`, { outcome: 'reached' })).status).toBe(201);
    const plan = await t.call(c.brobygger, 'PUT', `/v1/referrals/${c.id}/plan`, {
      goals: ['x'],
      steps: [{ description: 'y', offerId: '00000000-0000-4000-8000-000000000000' }],
    });
    expect(plan.status).toBe(422);
  });

  it('records the citizen’s other municipal contacts and who holds the ongoing contact', async () => {
    const c = await assignedCase();
    const res = await t.call(c.brobygger, 'PUT', `/v1/referrals/${c.id}/contacts`, {
      otherContacts: [{ service: 'Alkoholbehandlingen', person: 'Ole', phone: '+4511223344' }],
      responsibleContact: 'Ole, Alkoholbehandlingen',
    });
    expect(res.status).toBe(200);
    const full = await t.call(c.coordinator, 'GET', `/v1/referrals/${c.id}`);
    expect(full.body).toMatchObject({
      otherContacts: [{ service: 'Alkoholbehandlingen', person: 'Ole' }],
      responsibleContact: 'Ole, Alkoholbehandlingen',
    });
    expect((await t.call(c.brobygger, 'PUT', `/v1/referrals/${c.id}/contacts`, { otherContacts: [{}] })).status).toBe(400);
  });

  it('records consent changes as history; withdrawing the referral cancels the case and erases the citizen’s data', async () => {
    const c = await assignedCase('status');
    const base = `/v1/referrals/${c.id}`;
    await t.call(c.brobygger, 'POST', `${base}/contact-attempts`, { outcome: 'reached', note: 'Talte med datteren' });
    await t.call(c.brobygger, 'POST', `${base}/conversations`, conversation());
    await t.call(c.brobygger, 'PUT', `${base}/plan`, {
      goals: ['Synge i kor'],
      steps: [{ description: 'Besøg koret', offerId: c.offerId }],
    });

    const raised = await t.call(c.brobygger, 'POST', `${base}/consents`, {
      scope: 'referrer_feedback',
      value: 'summary',
      method: 'written',
    });
    expect(raised.body).toMatchObject({ scope: 'referrer_feedback', value: 'summary', erased: false });
    expect(
      (await t.call(c.brobygger, 'POST', `${base}/consents`, { scope: 'referrer_feedback', value: true, method: 'written' })).status,
    ).toBe(422);
    expect((await t.call(c.brobygger, 'POST', `${base}/consents`, { scope: 'sms', value: 'yes', method: 'written' })).status).toBe(422);
    expect((await t.call(c.gp, 'POST', `${base}/consents`, { scope: 'sms', value: true, method: 'written' })).status).toBe(403);

    const [{ citizen_id, cpr_hmac }] = await t.ds.query(
      'SELECT r.citizen_id, c.cpr_hmac FROM referral r JOIN citizen c ON c.id = r.citizen_id WHERE r.id = $1',
      [c.id],
    );
    const withdrawn = await t.call(c.brobygger, 'POST', `${base}/consents`, { scope: 'referral', value: false, method: 'verbal' });
    expect(withdrawn.body).toMatchObject({ status: 'cancelled', erased: true });

    const [citizen] = await t.ds.query('SELECT name, phone, street, cpr_ciphertext, cpr_hmac, erased_at FROM citizen WHERE id = $1', [
      citizen_id,
    ]);
    expect(citizen).toMatchObject({ name: null, phone: null, street: null, cpr_ciphertext: null });
    expect(citizen.cpr_hmac).not.toBe(cpr_hmac);
    expect(citizen.erased_at).not.toBeNull();
    const [referral] = await t.ds.query('SELECT status, note, outcome FROM referral WHERE id = $1', [c.id]);
    expect(referral).toEqual({ status: 'cancelled', note: null, outcome: 'consent_withdrawn' });
    const [{ notes, wishes }] = await t.ds.query('SELECT notes, wishes FROM conversation WHERE referral_id = $1', [c.id]);
    expect({ notes, wishes }).toEqual({ notes: null, wishes: null });
    expect(await t.ds.query('SELECT 1 FROM plan WHERE referral_id = $1', [c.id])).toEqual([]);
    const [{ active_cases }] = await t.ds.query('SELECT active_cases FROM brobygger WHERE id = $1', [c.brobygger.brobyggerId]);
    expect(active_cases).toBe(0);
    await waitFor(
      'open follow-ups cancelled',
      async () => (await t.ds.query("SELECT 1 FROM follow_up WHERE referral_id = $1 AND status = 'open'", [c.id])).length === 0,
    );

    const history = await t.ds.query(
      "SELECT scope, value FROM consent WHERE citizen_id = $1 AND scope IN ('referral', 'referrer_feedback') ORDER BY id",
      [citizen_id],
    );
    expect(history.map((h: { scope: string; value: string }) => `${h.scope}=${h.value}`)).toEqual([
      'referral=true',
      'referrer_feedback=status',
      'referrer_feedback=summary',
      'referral=false',
    ]);
    // The full view still answers for coordinators, with nothing personal left.
    const view = await t.call(c.coordinator, 'GET', base);
    expect(JSON.stringify(view.body)).not.toMatch(/Inger|Jensen|Algade|Mistet|Savner|Synge/);
  });

  it('serves the wheel domains', async () => {
    const c = await assignedCase();
    const res = await t.call(c.brobygger, 'GET', '/v1/reference/wheel-domains');
    expect(res.body.items.map((d: { code: string }) => d.code)).toEqual([
      'health',
      'mood',
      'relations',
      'community',
      'activities',
      'everyday_life',
      'home',
      'economy',
      'work_and_purpose',
    ]);
  });
});
