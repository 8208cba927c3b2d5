import {
  createArea,
  createBrobygger,
  createMunicipality,
  createUser,
  http,
  referralBody,
  shapeOf,
  validCpr,
  waitFor,
  withApiAndWorker,
} from './kit';

/**
 * The shape each role gets of a case, as snapshots: the keys (and value types) of
 * every view, so a field that starts leaking into a view shows up as a changed
 * snapshot in review. The referrer view is checked at each consent level.
 */
/** Every key anywhere in a value. */
function keysIn(value: unknown): string[] {
  if (Array.isArray(value)) return value.flatMap(keysIn);
  if (value && typeof value === 'object') return Object.entries(value).flatMap(([k, v]) => [k, ...keysIn(v)]);
  return [];
}

describe('response shapes per role (e2e)', () => {
  const t = withApiAndWorker();

  /** A case taken all the way: contact, a conversation with wheel and scores, a plan, closed with an approved summary. */
  async function closedCase(feedback: 'none' | 'status' | 'summary') {
    const m = await createMunicipality(t.ds);
    const area = await createArea(t.ds, m, ['4000']);
    const brobygger = await createBrobygger(t.ds, m, [area], 5);
    const coordinator = await createUser(t.ds, m, 'coordinator');
    const gp = await createUser(t.ds, m, 'referrer');
    const clinicColleague = await createUser(t.ds, m, 'referrer', gp.organisation);
    const { body } = await t.call(
      gp,
      'POST',
      '/v1/referrals',
      referralBody({ consent: { referral: true, referrerFeedback: feedback, method: 'verbal' } }),
    );
    const base = `/v1/referrals/${body.id}`;
    await waitFor(
      'assigned',
      async () => (await t.ds.query('SELECT status FROM referral WHERE id = $1', [body.id]))[0].status === 'assigned',
    );
    await t.call(brobygger, 'POST', `${base}/contact-attempts`, { outcome: 'reached', channel: 'phone', note: 'Aftalt' });
    await t.call(brobygger, 'POST', `${base}/conversations`, {
      heldAt: '2026-11-20T10:00:00+01:00',
      durationMinutes: 60,
      location: 'Biblioteket',
      kind: 'first',
      wheel: { health: 4, relations: 2, community: 2, mood: 3 },
      notes: 'Samtalenoter',
      who5: [2, 1, 2, 1, 2],
      ucla3: [3, 3, 2],
    });
    await t.call(brobygger, 'PUT', `${base}/plan`, { goals: ['Synge i kor'], steps: [{ description: 'Besøg koret' }] });
    const closed = await t.call(brobygger, 'POST', `${base}/close`, {
      outcome: 'goal_reached',
      summary: 'Går nu i kor.',
      summaryApprovedByCitizen: true,
    });
    expect(closed.status).toBe(200);
    return { id: body.id as string, brobygger, coordinator, gp, clinicColleague };
  }

  it('gives the referrer only what the consent level allows, at every level', async () => {
    const views: Record<string, unknown> = {};
    for (const level of ['none', 'status', 'summary'] as const) {
      const c = await closedCase(level);
      const own = await t.call(c.gp, 'GET', `/v1/referrals/${c.id}`);
      const clinic = await t.call(c.clinicColleague, 'GET', `/v1/referrals/${c.id}`);
      expect(clinic.body).toEqual(own.body); // the clinic sees what the GP sees, no more
      const keys = keysIn(own.body);
      for (const secret of ['note', 'notes', 'wheel', 'plan', 'citizen', 'conversations', 'who5', 'ucla3', 'reasons', 'contactAttempts']) {
        expect({ level, secret, present: keys.includes(secret) }).toEqual({ level, secret, present: false });
      }
      views[level] = shapeOf(own.body);
    }
    expect(views).toMatchSnapshot();
  });

  it('gives the assigned brobygger and coordinators the full case', async () => {
    const c = await closedCase('status');
    const brobygger = (await t.call(c.brobygger, 'GET', `/v1/referrals/${c.id}`)).body;
    const coordinator = (await t.call(c.coordinator, 'GET', `/v1/referrals/${c.id}`)).body;
    expect(shapeOf(brobygger)).toEqual(shapeOf(coordinator));
    expect(shapeOf(coordinator)).toMatchSnapshot();
  });

  it('gives brobyggere of the area an unassigned case without its notes, until they are removed from the area', async () => {
    const m = await createMunicipality(t.ds);
    const area = await createArea(t.ds, m, ['4000']);
    const full = await createBrobygger(t.ds, m, [area], 0); // no capacity: the case waits unassigned
    const gp = await createUser(t.ds, m, 'referrer');
    const { body } = await t.call(gp, 'POST', '/v1/referrals', referralBody());
    await waitFor(
      'unassigned',
      async () => (await t.ds.query('SELECT status FROM referral WHERE id = $1', [body.id]))[0].status === 'unassigned',
    );
    const view = (await t.call(full, 'GET', `/v1/referrals/${body.id}`)).body;
    expect(keysIn(view)).not.toContain('note');
    expect(shapeOf(view)).toMatchSnapshot();

    const coordinator = await createUser(t.ds, m, 'coordinator');
    expect((await t.call(coordinator, 'PATCH', `/v1/brobyggere/${full.brobyggerId}`, { areaIds: [] })).status).toBe(200);
    expect((await t.call(full, 'GET', `/v1/referrals/${body.id}`)).status).toBe(404); // on the very next request
  });

  it('gives the public sender only a reference, and staff of a public referral awaiting consent only name, phone, address and reasons', async () => {
    const m = await createMunicipality(t.ds);
    const area = await createArea(t.ds, m, ['4000']);
    const brobygger = await createBrobygger(t.ds, m, [area], 5);
    const coordinator = await createUser(t.ds, m, 'coordinator');
    const reply = await http(t.api, 'POST', '/v1/public/referrals', {
      body: {
        municipalityId: m,
        referrer: { kind: 'relative', name: 'Hanne', email: 'hanne@example.dk' },
        citizen: {
          name: 'Poul',
          phone: '+4520112233',
          address: { street: 'Algade 3', postcode: '4000', city: 'Roskilde' },
          cpr: validCpr(),
        },
        reasons: ['loneliness'],
        note: 'Fri tekst',
        citizenKnows: false,
      },
    });
    expect(reply.status).toBe(202);
    expect(shapeOf(reply.body)).toEqual({ reference: 'string' });
    const [{ id }] = await t.ds.query('SELECT referral_id AS id FROM public_referral WHERE reference = $1 AND municipality_id = $2', [
      reply.body.reference,
      m,
    ]);
    const coordinatorView = (await t.call(coordinator, 'GET', `/v1/referrals/${id}`)).body;
    const brobyggerView = (await t.call(brobygger, 'GET', `/v1/referrals/${id}`)).body;
    expect(shapeOf(brobyggerView)).toEqual(shapeOf(coordinatorView));
    for (const secret of ['note', 'notes', 'summary', 'otherContacts', 'reportedDetails', 'referrer'])
      expect(keysIn(coordinatorView)).not.toContain(secret);
    expect(coordinatorView.citizen.cpr).toBeNull();
    expect(shapeOf(coordinatorView)).toMatchSnapshot();
  });

  it('gives a host only the hand-off page’s allow-list, and the case’s holder the hand-offs (issue 16)', async () => {
    const m = await createMunicipality(t.ds);
    const area = await createArea(t.ds, m, ['4000']);
    const brobygger = await createBrobygger(t.ds, m, [area], 5);
    const coordinator = await createUser(t.ds, m, 'coordinator');
    const gp = await createUser(t.ds, m, 'referrer');
    const { body } = await t.call(gp, 'POST', '/v1/referrals', referralBody());
    await waitFor(
      'assigned',
      async () => (await t.ds.query('SELECT status FROM referral WHERE id = $1', [body.id]))[0].status === 'assigned',
    );
    const [org] = await t.ds.query("INSERT INTO organisation (municipality_id, name) VALUES ($1, 'Forening') RETURNING id", [m]);
    const offer = await t.call(coordinator, 'POST', '/v1/offers', { organisationId: org.id, name: 'Cirkler', category: 'community' });
    const host = await t.call(coordinator, 'POST', `/v1/offers/${offer.body.id}/hosts`, { name: 'Vært Vært', email: 'v@example.dk' });
    const plan = await t.call(brobygger, 'PUT', `/v1/referrals/${body.id}/plan`, {
      goals: [],
      steps: [{ description: 'Cirkler', offerId: offer.body.id, hostId: host.body.id }],
    });
    const sent = await t.call(brobygger, 'POST', `/v1/referrals/${body.id}/plan/steps/${plan.body.steps[0].id}/handover`, {
      to: 'host',
      firstVisitAt: new Date(Date.now() + 86_400_000).toISOString(),
    });
    expect(sent.status).toBe(201);
    const page = await t.call(gp, 'GET', `/v1/handover/${(sent.body.link as string).split('/v/')[1]}`);
    const handovers = (await t.call(brobygger, 'GET', `/v1/referrals/${body.id}/handovers`)).body;
    expect({ send: shapeOf(sent.body), page: shapeOf(page.body), handovers: shapeOf(handovers) }).toMatchSnapshot();
  });
});
