import {
  createArea,
  createBrobygger,
  createMunicipality,
  createUser,
  fhirReferralBundle,
  NOTE_SENTINEL,
  referralBody,
  shapeOf,
  validCpr,
  waitFor,
  withApiAndWorker,
} from './kit';

/** Every key anywhere in a value. */
function keysIn(value: unknown): string[] {
  if (Array.isArray(value)) return value.flatMap(keysIn);
  if (value && typeof value === 'object') return Object.entries(value).flatMap(([k, v]) => [k, ...keysIn(v)]);
  return [];
}

/**
 * What the disclosure policy decides reaches each reader of a case (ADR 0015): the
 * area view of an unassigned case carries no free text from any module, and the
 * address and phone of a citizen under name-and-address protection reach only the
 * assigned brobygger and coordinators.
 */
describe('disclosure by decision (e2e)', () => {
  const t = withApiAndWorker();

  const statusOf = async (id: string): Promise<string> => (await t.ds.query('SELECT status FROM referral WHERE id = $1', [id]))[0].status;

  /** A municipality whose one area has a brobygger with room (A) and one without (B). */
  async function world() {
    const m = await createMunicipality(t.ds);
    const area = await createArea(t.ds, m, ['4000']);
    return {
      m,
      area,
      holder: await createBrobygger(t.ds, m, [area], 1),
      colleague: await createBrobygger(t.ds, m, [area], 0),
      coordinator: await createUser(t.ds, m, 'coordinator'),
      gp: await createUser(t.ds, m, 'referrer'),
    };
  }

  it('gives brobyggere of the area an unassigned case without any module’s notes or free text', async () => {
    const w = await world();
    // Free text of every kind, each findable in a response body.
    const text = (what: string) => `${what}-${NOTE_SENTINEL}`;
    const { body } = await t.call(w.gp, 'POST', '/v1/referrals', referralBody({ note: text('referral-note') }));
    const base = `/v1/referrals/${body.id}`;
    await waitFor('assigned', async () => (await statusOf(body.id)) === 'assigned');

    const writes = [
      await t.call(w.holder, 'POST', `${base}/contact-attempts`, { outcome: 'reached', channel: 'phone', note: text('attempt-note') }),
      await t.call(w.holder, 'POST', `${base}/conversations`, {
        heldAt: '2026-11-20T10:00:00+01:00',
        durationMinutes: 60,
        location: text('conversation-location'),
        kind: 'first',
        notes: text('conversation-notes'),
        whatMatters: text('what-matters'),
        wishes: text('wishes'),
        wantToTry: text('want-to-try'),
        who5: [2, 1, 2, 1, 2],
      }),
      await t.call(w.holder, 'PUT', `${base}/plan`, {
        goals: [text('plan-goal')],
        steps: [{ description: text('plan-step'), host: text('plan-host') }],
      }),
      await t.call(w.holder, 'PUT', `${base}/contacts`, {
        otherContacts: [{ service: text('other-contact-service'), person: text('other-contact-person') }],
        responsibleContact: text('responsible-contact'),
      }),
      await t.call(w.holder, 'POST', '/v1/follow-ups', {
        referralId: body.id,
        kind: 'custom',
        dueAt: '2030-01-01T09:00:00+01:00',
        note: text('follow-up-note'),
      }),
    ];
    expect(writes.map((r) => r.status)).toEqual([201, 201, 200, 200, 201]);
    // Back to the area's queue: the case is unassigned again, with everything written on it. Its
    // holder is away, so whatever the worker matches next, the case stays in the queue.
    const away = { absentFrom: '2020-01-01', absentTo: '2099-12-31' };
    expect((await t.call(w.coordinator, 'PATCH', `/v1/brobyggere/${w.holder.brobyggerId}`, away)).status).toBe(200);
    expect((await t.call(w.coordinator, 'POST', `${base}/unassign`)).status).toBe(200);
    expect(await statusOf(body.id)).toBe('unassigned');

    const full = await t.call(w.coordinator, 'GET', base);
    expect(full.status).toBe(200);
    const written = JSON.stringify(full.body);
    const texts = [
      'referral-note',
      'attempt-note',
      'conversation-location',
      'conversation-notes',
      'what-matters',
      'wishes',
      'want-to-try',
      'plan-goal',
      'plan-step',
      'plan-host',
      'other-contact-service',
      'other-contact-person',
      'responsible-contact',
      'follow-up-note',
    ].map(text);
    // The coordinator's view holds every one, so their absence below means something.
    expect(texts.filter((s) => !written.includes(s))).toEqual([]);

    const area = await t.call(w.colleague, 'GET', base);
    expect(area.status).toBe(200);
    const shown = JSON.stringify(area.body);
    expect(texts.filter((s) => shown.includes(s))).toEqual([]);
    expect(shown).not.toContain(NOTE_SENTINEL);
    // The structure stays (the brobygger can judge the case), its words do not.
    expect(area.body.followUps.length).toBeGreaterThanOrEqual(1);
    expect(area.body.contactAttempts).toHaveLength(1);
    expect(area.body.conversations).toHaveLength(1);
    expect(shapeOf(area.body)).toMatchSnapshot();
    const keys = keysIn(area.body);
    for (const key of ['note', 'notes', 'whatMatters', 'wishes', 'wantToTry', 'summary', 'goals', 'description', 'host', 'location']) {
      expect({ key, present: keys.includes(key) }).toEqual({ key, present: false });
    }

    // The follow-up queue is a reader of case data too: the previous holder no longer has the case, so no note.
    const queue = await t.call(w.holder, 'GET', '/v1/follow-ups?view=open');
    expect(queue.status).toBe(200);
    expect(JSON.stringify(queue.body)).not.toContain(NOTE_SENTINEL);
  });

  describe('name-and-address protection', () => {
    const street = `Skjultvej 7 ${NOTE_SENTINEL}`;
    const phone = '+4529876543';
    const email = 'beskyttet@example.dk';

    function protectedBody(cpr = validCpr(), addressProtected: boolean | undefined = true) {
      const b = referralBody({ cpr });
      return {
        ...b,
        citizen: {
          ...b.citizen,
          phone,
          email,
          address: { ...b.citizen.address, street },
          ...(addressProtected === undefined ? {} : { addressProtected }),
        },
      };
    }

    const leaks = (value: unknown) => {
      const s = JSON.stringify(value);
      return [street, phone, email, 'Skjultvej'].filter((x) => s.includes(x));
    };

    it('rejects a marking that is not a boolean, changing nothing', async () => {
      const w = await world();
      const res = await t.call(w.gp, 'POST', '/v1/referrals', {
        ...protectedBody(),
        citizen: { ...protectedBody().citizen, addressProtected: 'ja' },
      });
      expect(res.status).toBe(400);
      expect(JSON.stringify(res.body)).toContain('citizen.addressProtected');
      expect((await t.ds.query('SELECT count(*)::int AS n FROM referral WHERE municipality_id = $1', [w.m]))[0].n).toBe(0);
    });

    it('keeps the marking and shows address and phone only to coordinators and the assigned brobygger', async () => {
      const w = await world();
      // The holder is full, so the case waits in the area's queue.
      await t.ds.query('UPDATE brobygger SET capacity = 0 WHERE id = $1', [w.holder.brobyggerId]);
      const cpr = validCpr();
      const created = await t.call(w.gp, 'POST', '/v1/referrals', protectedBody(cpr));
      expect(created.status).toBe(201);
      const base = `/v1/referrals/${created.body.id}`;
      await waitFor('unassigned', async () => (await statusOf(created.body.id)) === 'unassigned');

      // Coordinators: everything, with the marking.
      const full = (await t.call(w.coordinator, 'GET', base)).body;
      expect(full.citizen).toMatchObject({ addressProtected: true, phone, email, address: { street, postcode: '4000', city: 'Roskilde' } });

      // A brobygger of the area, before anyone holds the case: the marking, not the address.
      const area = await t.call(w.colleague, 'GET', base);
      expect(area.status).toBe(200);
      expect(area.body.citizen).toMatchObject({
        addressProtected: true,
        phone: null,
        email: null,
        address: { street: null, postcode: null, city: null },
      });
      expect(leaks(area.body)).toEqual([]);

      // Lists carry the marking (for the badge), never the address.
      const list = await t.call(w.coordinator, 'GET', '/v1/referrals?status=unassigned');
      const item = list.body.items.find((i: { id: string }) => i.id === created.body.id);
      expect(item.citizen).toMatchObject({ addressProtected: true });
      expect(leaks(list.body)).toEqual([]);

      // A second referral without the marking does not lift it (its absence says nothing).
      const again = await t.call(w.gp, 'POST', '/v1/referrals', protectedBody(cpr, undefined));
      expect(again.status).toBe(201);
      expect((await t.call(w.coordinator, 'GET', base)).body.citizen.addressProtected).toBe(true);

      // Once assigned, the brobygger who holds the case sees it; the colleague loses the case.
      await t.ds.query('UPDATE brobygger SET capacity = 1 WHERE id = $1', [w.holder.brobyggerId]);
      expect((await t.call(w.coordinator, 'POST', `${base}/assign`, { brobyggerId: w.holder.brobyggerId })).status).toBe(200);
      const held = (await t.call(w.holder, 'GET', base)).body;
      expect(held.citizen).toMatchObject({ addressProtected: true, phone, address: { street } });
      expect((await t.call(w.holder, 'GET', '/v1/referrals')).body.items[0].citizen.addressProtected).toBe(true);
      expect(leaks((await t.call(w.holder, 'GET', '/v1/referrals')).body)).toEqual([]);

      // Channels out of the case: the referrer, FHIR, follow-up queues, messages, statistics.
      const readers = [
        await t.call(w.gp, 'GET', base),
        await t.call(w.coordinator, 'GET', `/fhir/Task/${created.body.id}`),
        await t.call(w.coordinator, 'GET', `/fhir/ServiceRequest/${created.body.id}`),
        await t.call(w.holder, 'GET', '/v1/follow-ups?view=open'),
        await t.call(w.holder, 'GET', '/v1/notifications'),
        await t.call(w.gp, 'GET', '/v1/notifications'),
        await t.call(w.coordinator, 'GET', '/v1/statistics'),
      ];
      expect(readers.map((r) => r.status)).toEqual([200, 200, 200, 200, 200, 200, 200]);
      expect(readers.flatMap((r) => leaks(r.body))).toEqual([]);

      // The right of access: the citizen's own data, the marking stated, for the coordinator to hand to the citizen.
      const exported = await t.call(w.coordinator, 'GET', `/v1/citizens/${full.citizen.id}/export`);
      expect(exported.status).toBe(200);
      expect(exported.body.citizen).toMatchObject({ addressProtected: true, phone, address: { street } });
    });

    it('reads the DK Core marking (Patient.meta.security R) from a FHIR referral', async () => {
      const w = await world();
      await t.ds.query('UPDATE brobygger SET capacity = 0 WHERE id = $1', [w.holder.brobyggerId]);
      const bundle = fhirReferralBundle();
      const patient = bundle.entry[0].resource;
      patient.address[0].postalCode = '4000';
      patient.meta.security = [{ system: 'http://terminology.hl7.org/CodeSystem/v3-Confidentiality', code: 'R', display: 'Restricted' }];
      const res = await t.call(w.gp, 'POST', '/fhir', bundle);
      expect(res.status).toBe(200);
      const id = referralIdOf(res.body);
      await waitFor('unassigned', async () => (await statusOf(id)) === 'unassigned');

      expect((await t.call(w.coordinator, 'GET', `/v1/referrals/${id}`)).body.citizen).toMatchObject({
        addressProtected: true,
        phone: patient.telecom[0].value,
      });
      const area = (await t.call(w.colleague, 'GET', `/v1/referrals/${id}`)).body;
      expect(area.citizen).toMatchObject({ addressProtected: true, phone: null, address: { street: null } });

      // Without the label, no marking.
      const plain = await t.call(w.gp, 'POST', '/fhir', fhirReferralBundle());
      const plainId = referralIdOf(plain.body);
      expect((await t.call(w.coordinator, 'GET', `/v1/referrals/${plainId}`)).body.citizen.addressProtected).toBe(false);
    });
  });
});

/** The referral a FHIR transaction stored: its ServiceRequest's location (the Task has the same id, ADR 0031). */
function referralIdOf(response: { entry: { response: { location?: string } }[] }): string {
  const stored = response.entry.find((e) => e.response.location?.startsWith('ServiceRequest/'));
  if (!stored?.response.location) throw new Error('no ServiceRequest stored');
  return stored.response.location.slice('ServiceRequest/'.length);
}
