import type { NestFastifyApplication } from '@nestjs/platform-fastify';
import { randomUUID } from 'node:crypto';
import { DataSource } from 'typeorm';
import {
  bootApi,
  createArea,
  createBrobygger,
  createMunicipality,
  createUser,
  http,
  NOTE_SENTINEL,
  referralBody,
  validCpr,
  waitFor,
  withApiAndWorker,
} from './kit';

/** A public referral as the form sends it (no login): a daughter refers her father. */
function publicBody(overrides: { municipalityId?: string; postcode?: string; cpr?: string; email?: string; website?: string } = {}) {
  return {
    ...(overrides.municipalityId ? { municipalityId: overrides.municipalityId } : {}),
    ...(overrides.postcode ? { postcode: overrides.postcode } : {}),
    referrer: { kind: 'relative', name: 'Hanne Jensen', phone: '+4522334455', email: overrides.email ?? 'hanne@example.dk' },
    citizen: {
      name: 'Poul Jensen',
      phone: '+4520112233',
      address: { street: 'Algade 3', postcode: overrides.postcode ?? '4000', city: 'Roskilde' },
      ...(overrides.cpr ? { cpr: overrides.cpr } : {}),
    },
    reasons: ['loneliness', 'bereavement'],
    note: `Min far har mistet min mor og kommer ikke ud. ${NOTE_SENTINEL}`,
    citizenKnows: true,
    ...(overrides.website !== undefined ? { website: overrides.website } : {}),
  };
}

const REFERENCE = /^[A-HJ-NP-Z2-9]{4}-[A-HJ-NP-Z2-9]{4}$/;

/**
 * The open door (issue 21, ADR 0030): relatives, associations, other professionals and
 * citizens themselves refer through a public form without a login; the referral waits
 * as `awaiting_consent` until a brobygger of the area reaches the citizen.
 */
describe('public referrals (e2e)', () => {
  const t = withApiAndWorker();

  async function world() {
    const m = await createMunicipality(t.ds);
    // A postcode no other municipality's area covers, so the form can find this one by it.
    const [{ postcode }] = await t.ds.query(
      'SELECT p::text AS postcode FROM generate_series(1000, 9999) p WHERE p::text NOT IN (SELECT postcode FROM area_postcode) ORDER BY random() LIMIT 1',
    );
    const area = await createArea(t.ds, m, [postcode]);
    const otherArea = await createArea(t.ds, m, []);
    return {
      m,
      postcode: postcode as string,
      coordinator: await createUser(t.ds, m, 'coordinator'),
      gp: await createUser(t.ds, m, 'referrer'),
      brobygger: await createBrobygger(t.ds, m, [area], 5),
      elsewhere: await createBrobygger(t.ds, m, [otherArea], 5),
    };
  }
  type World = Awaited<ReturnType<typeof world>>;

  const submit = (body: unknown) => http(t.api, 'POST', '/v1/public/referrals', { body });
  const referralOf = async (reference: string, m: string) =>
    (
      await t.ds.query(
        `SELECT r.id, r.status, r.erased_at, r.citizen_id, r.area_id FROM referral r JOIN public_referral p ON p.referral_id = r.id
          WHERE p.reference = $1 AND p.municipality_id = $2`,
        [reference, m],
      )
    )[0];
  async function submitted(w: World, overrides: Parameters<typeof publicBody>[0] = {}) {
    const res = await submit(publicBody({ municipalityId: w.m, postcode: w.postcode, ...overrides }));
    expect(res.status).toBe(202);
    return { reference: res.body.reference as string, ...(await referralOf(res.body.reference, w.m)) };
  }

  it('accepts a referral without a token: 202 with a short reference and nothing else — no case id, nothing about the citizen', async () => {
    const w = await world();
    const res = await submit(publicBody({ municipalityId: w.m, postcode: w.postcode }));
    expect(res.status).toBe(202);
    expect(Object.keys(res.body)).toEqual(['reference']);
    expect(res.body.reference).toMatch(REFERENCE);
    const r = await referralOf(res.body.reference, w.m);
    expect(r.status).toBe('awaiting_consent');
    expect(JSON.stringify(res.body)).not.toContain(r.id);
    // Audited as a public submission; "modtaget" goes to the address the sender gave, naming only the reference.
    const audit = await t.ds.query("SELECT role, purpose FROM audit_log WHERE referral_id = $1 AND action = 'referral.create'", [r.id]);
    expect(audit).toEqual([{ role: 'public', purpose: 'public:relative' }]);
    const [mail] = await t.ds.query('SELECT address, subject, body FROM message WHERE referral_id = $1', [r.id]);
    expect(mail).toEqual({
      address: 'hanne@example.dk',
      subject: `Din henvisning ${res.body.reference} er modtaget`,
      body: { reference: res.body.reference, milestone: 'received' },
    });
  });

  it('finds the municipality from the postcode, and asks for the list when it cannot', async () => {
    const w = await world();
    const found = await submit(publicBody({ postcode: w.postcode }));
    expect(found.status).toBe(202);
    expect(await referralOf(found.body.reference, w.m)).toMatchObject({ status: 'awaiting_consent' });
    const lookup = await http(t.api, 'GET', `/v1/public/municipalities?postcode=${w.postcode}`);
    expect(lookup.body.items.map((i: { id: string }) => i.id)).toEqual([w.m]);
    const unknown = await submit(publicBody({ postcode: '0999' }));
    expect(unknown.status).toBe(422);
    expect(unknown.body.message).toMatch(/vælg den fra listen/);
  });

  it('shows it to coordinators and the area’s brobyggere as awaiting_consent with only name, phone, address and reasons', async () => {
    const w = await world();
    const r = await submitted(w, { cpr: validCpr() });
    const queue = await t.call(w.coordinator, 'GET', '/v1/referrals?status=awaiting_consent');
    expect(queue.body.items.map((i: { id: string }) => i.id)).toEqual([r.id]);
    expect(queue.body.items[0].citizen).toMatchObject({ name: 'Poul Jensen', cpr: null });
    expect((await t.call(w.coordinator, 'GET', '/v1/queues/summary')).body.awaitingConsent).toBe(1);

    for (const viewer of [w.coordinator, w.brobygger]) {
      const view = await t.call(viewer, 'GET', `/v1/referrals/${r.id}`);
      expect(view.status).toBe(200);
      expect(view.body).toMatchObject({
        status: 'awaiting_consent',
        reasons: ['loneliness', 'bereavement'],
        citizen: { name: 'Poul Jensen', phone: '+4520112233', address: { street: 'Algade 3' }, cpr: null, email: null },
        publicReferral: { reference: r.reference, referrerKind: 'relative', citizenKnows: true },
        nextActions: ['first_contact', 'reject_spam'],
      });
      expect(JSON.stringify(view.body)).not.toContain(NOTE_SENTINEL);
      expect(JSON.stringify(view.body)).not.toContain('Hanne');
    }
    const mine = await t.call(w.brobygger, 'GET', '/v1/referrals?status=awaiting_consent');
    expect(mine.body.items.map((i: { id: string }) => i.id)).toEqual([r.id]);
    expect((await t.call(w.brobygger, 'GET', '/v1/queues/summary')).body.awaitingConsent).toBe(1);
  });

  it('is not visible to GPs, to brobyggere of other areas or to another municipality', async () => {
    const w = await world();
    const r = await submitted(w);
    expect((await t.call(w.gp, 'GET', `/v1/referrals/${r.id}`)).status).toBe(404);
    expect((await t.call(w.gp, 'GET', '/v1/referrals')).body.items).toEqual([]);
    expect((await t.call(w.elsewhere, 'GET', `/v1/referrals/${r.id}`)).status).toBe(404);
    expect((await t.call(w.elsewhere, 'GET', '/v1/referrals?status=awaiting_consent')).body.items).toEqual([]);
    const other = await world();
    expect((await t.call(other.coordinator, 'GET', `/v1/referrals/${r.id}`)).status).toBe(404);
    expect((await t.call(other.coordinator, 'GET', '/v1/referrals?status=awaiting_consent')).body.items).toEqual([]);
    expect((await t.call(other.brobygger, 'POST', `/v1/referrals/${r.id}/first-contact`, { decision: 'declined' })).status).toBe(404);
    expect((await t.call(w.gp, 'POST', `/v1/referrals/${r.id}/first-contact`, { decision: 'declined' })).status).toBe(403);
    expect((await t.call(w.elsewhere, 'POST', `/v1/referrals/${r.id}/first-contact`, { decision: 'declined' })).status).toBe(404);
  });

  it('a brobygger records the consents at first contact, and the case continues as any other', async () => {
    const w = await world();
    const r = await submitted(w);
    const res = await t.call(w.brobygger, 'POST', `/v1/referrals/${r.id}/first-contact`, {
      decision: 'consented',
      consent: { referrerFeedback: 'status', shareWithHost: false, method: 'verbal' },
    });
    expect(res.status).toBe(200);
    expect(res.body).toEqual({ id: r.id, status: 'submitted', erased: false });
    // Matching routes it like any new case; the only brobygger of the area gets it.
    await waitFor(
      'the case to be assigned',
      async () => (await t.call(w.brobygger, 'GET', `/v1/referrals/${r.id}`)).body.status === 'assigned',
    );
    expect((await t.call(w.brobygger, 'POST', `/v1/referrals/${r.id}/contact-attempts`, { outcome: 'reached' })).status).toBe(201);
    const view = await t.call(w.brobygger, 'GET', `/v1/referrals/${r.id}`);
    expect(view.body).toMatchObject({ status: 'contacted', note: expect.stringContaining(NOTE_SENTINEL) });
    expect(view.body.consents).toMatchObject({ referral: true, referrerFeedback: 'status' });
    // The sender hears what the citizen consented to, by mail, under their reference — never the case id.
    const mails = await waitFor('the milestone mails', async () => {
      const rows: { subject: string; body: Record<string, unknown>; address: string }[] = await t.ds.query(
        "SELECT subject, body, address FROM message WHERE referral_id = $1 AND kind = 'referrer_milestone' ORDER BY created_at",
        [r.id],
      );
      return rows.length >= 2 ? rows : null;
    });
    expect(mails.map((m) => m.subject)).toEqual([
      `Din henvisning ${r.reference}: tildelt en brobygger`,
      `Din henvisning ${r.reference}: borgeren er kontaktet`,
    ]);
    for (const m of mails) {
      expect(m.address).toBe('hanne@example.dk');
      expect(JSON.stringify(m.body)).not.toContain(r.id);
    }
    // Once decided, the first-contact command is over.
    expect((await t.call(w.brobygger, 'POST', `/v1/referrals/${r.id}/first-contact`, { decision: 'declined' })).status).toBe(404);
    expect((await t.call(w.coordinator, 'POST', `/v1/referrals/${r.id}/first-contact`, { decision: 'declined' })).status).toBe(409);
  });

  it('by default the sender hears nothing but "modtaget"', async () => {
    const w = await world();
    const r = await submitted(w);
    await t.call(w.brobygger, 'POST', `/v1/referrals/${r.id}/first-contact`, { decision: 'consented', consent: { method: 'verbal' } });
    await waitFor('the case to be assigned', async () => (await referralOf(r.reference, w.m)).status === 'assigned');
    await waitFor(
      'its work to settle',
      async () => (await t.ds.query("SELECT 1 FROM outbox WHERE payload->>'referralId' = $1 AND done_at IS NULL", [r.id])).length === 0,
    );
    // Nothing more to the sender; the brobygger who got the case hears "ny borger tildelt" (ADR 0032).
    const kinds = await t.ds.query("SELECT kind FROM message WHERE referral_id = $1 AND kind <> 'case_assigned'", [r.id]);
    expect(kinds).toEqual([{ kind: 'public_referral_received' }]);
    const staff = await t.ds.query("SELECT recipient_id FROM message WHERE referral_id = $1 AND kind = 'case_assigned'", [r.id]);
    expect(staff).toEqual([{ recipient_id: w.brobygger.id }]);
  });

  it('declining at first contact closes the case and erases it, as after a withdrawal', async () => {
    const w = await world();
    const r = await submitted(w, { cpr: validCpr() });
    const res = await t.call(w.brobygger, 'POST', `/v1/referrals/${r.id}/first-contact`, { decision: 'declined' });
    expect(res.body).toEqual({ id: r.id, status: 'cancelled', erased: true });
    const [row] = await t.ds.query(
      `SELECT r.status, r.outcome, r.note, r.erased_at IS NOT NULL AS erased, c.name, c.phone, c.street, c.cpr_ciphertext,
              p.referrer_name, p.referrer_email, p.referrer_phone, (SELECT array_agg(address) FROM message WHERE referral_id = r.id) AS addresses
         FROM referral r JOIN citizen c ON c.id = r.citizen_id JOIN public_referral p ON p.referral_id = r.id WHERE r.id = $1`,
      [r.id],
    );
    expect(row).toEqual({
      status: 'cancelled',
      outcome: 'declined',
      note: null,
      erased: true,
      name: null,
      phone: null,
      street: null,
      cpr_ciphertext: null,
      referrer_name: null,
      referrer_email: null,
      referrer_phone: null,
      addresses: [null],
    });
  });

  it('coordinators reject spam in one step: rejected and erased; brobyggere may not', async () => {
    const w = await world();
    const r = await submitted(w);
    expect((await t.call(w.brobygger, 'POST', `/v1/referrals/${r.id}/spam`)).status).toBe(403);
    const res = await t.call(w.coordinator, 'POST', `/v1/referrals/${r.id}/spam`);
    expect(res.body).toEqual({ id: r.id, status: 'rejected', erased: true });
    const [row] = await t.ds.query('SELECT c.name FROM referral r JOIN citizen c ON c.id = r.citizen_id WHERE r.id = $1', [r.id]);
    expect(row.name).toBeNull();
    expect((await t.call(w.coordinator, 'POST', `/v1/referrals/${r.id}/spam`)).status).toBe(409);
  });

  it('gives the same answer for a known and an unknown CPR, and never writes the form over a known citizen', async () => {
    const w = await world();
    const known = validCpr();
    const gpCase = await t.call(w.gp, 'POST', '/v1/referrals', referralBody({ cpr: known, postcode: w.postcode }));
    expect(gpCase.status).toBe(201);
    const a = await submit(publicBody({ municipalityId: w.m, postcode: w.postcode, cpr: known }));
    const b = await submit(publicBody({ municipalityId: w.m, postcode: w.postcode, cpr: validCpr() }));
    const c = await submit(publicBody({ municipalityId: w.m, postcode: w.postcode }));
    for (const res of [a, b, c]) {
      expect(res.status).toBe(202);
      expect(Object.keys(res.body)).toEqual(['reference']);
      expect(res.body.reference).toMatch(REFERENCE);
      expect(Object.keys(res.headers).sort()).toEqual(Object.keys(a.headers).sort());
    }
    // The known citizen's is held as a possible duplicate of the open case (ADR 0014); their details stay.
    const held = await referralOf(a.body.reference, w.m);
    expect(held.status).toBe('possible_duplicate');
    const [citizen] = await t.ds.query('SELECT name, street FROM citizen WHERE id = $1', [held.citizen_id]);
    expect(citizen).toEqual({ name: 'Inger Jensen', street: 'Algade 1' });
    expect((await referralOf(b.body.reference, w.m)).status).toBe('awaiting_consent');
  });

  it('a held public referral confirmed once the case has closed waits for consent, never routed without it', async () => {
    const w = await world();
    const known = validCpr();
    const gpCase = await t.call(w.gp, 'POST', '/v1/referrals', referralBody({ cpr: known, postcode: w.postcode }));
    const held = await submitted(w, { cpr: known });
    expect(held.status).toBe('possible_duplicate');
    await waitFor(
      'the case to be assigned',
      async () => (await t.call(w.coordinator, 'GET', `/v1/referrals/${gpCase.body.id}`)).body.status === 'assigned',
    );
    expect((await t.call(w.coordinator, 'POST', `/v1/referrals/${gpCase.body.id}/close`, { outcome: 'other' })).status).toBe(200);
    const decided = await t.call(w.coordinator, 'POST', `/v1/referrals/${held.id}/duplicate`, { decision: 'confirm' });
    expect(decided.body).toMatchObject({ status: 'awaiting_consent' });
    const view = await t.call(w.brobygger, 'GET', `/v1/referrals/${held.id}`);
    expect(view.body).toMatchObject({ status: 'awaiting_consent', nextActions: ['first_contact', 'reject_spam'] });
  });

  it('joins a CPR-less referral to a known citizen only by a coordinator’s decision: audited, nothing written over them, no oracle', async () => {
    const w = await world();
    const known = validCpr();
    const gpCase = await t.call(w.gp, 'POST', '/v1/referrals', referralBody({ cpr: known, postcode: w.postcode }));
    expect(gpCase.status).toBe(201);
    const [{ citizen_id: knownId, name: knownName }] = await t.ds.query(
      'SELECT r.citizen_id, c.name FROM referral r JOIN citizen c ON c.id = r.citizen_id WHERE r.id = $1',
      [gpCase.body.id],
    );
    const r = await submitted(w);
    // Never automatic: the CPR-less referral has a citizen of its own.
    expect(r.citizen_id).not.toBe(knownId);

    // Another municipality's coordinator: the same 404 as for a referral and a citizen that do not exist.
    const other = await world();
    const stranger = other.coordinator;
    const notThere = await t.call(stranger, 'POST', `/v1/referrals/${randomUUID()}/citizen`, { cpr: known });
    const theirs = await t.call(stranger, 'POST', `/v1/referrals/${r.id}/citizen`, { cpr: known });
    expect([notThere.status, theirs.status]).toEqual([404, 404]);
    expect(theirs.body).toEqual(notThere.body);
    // Their own referral with our citizen's id or CPR: the same as a citizen nobody has.
    const own = await submitted(other);
    const byId = await t.call(stranger, 'POST', `/v1/referrals/${own.id}/citizen`, { citizenId: knownId });
    const byCpr = await t.call(stranger, 'POST', `/v1/referrals/${own.id}/citizen`, { cpr: known });
    const nobody = await t.call(stranger, 'POST', `/v1/referrals/${own.id}/citizen`, { citizenId: randomUUID() });
    expect([byId.status, byCpr.status, nobody.status]).toEqual([404, 404, 404]);
    expect(byId.body).toEqual(nobody.body);
    expect(byCpr.body).toEqual(nobody.body);
    // Brobyggere and GPs may not join.
    expect((await t.call(w.brobygger, 'POST', `/v1/referrals/${r.id}/citizen`, { citizenId: knownId })).status).toBe(403);
    expect((await t.call(w.gp, 'POST', `/v1/referrals/${r.id}/citizen`, { citizenId: knownId })).status).toBe(403);
    // One of citizenId and cpr.
    expect((await t.call(w.coordinator, 'POST', `/v1/referrals/${r.id}/citizen`, {})).status).toBe(422);
    expect((await t.call(w.coordinator, 'POST', `/v1/referrals/${r.id}/citizen`, { citizenId: knownId, cpr: known })).status).toBe(422);
    expect((await t.call(w.coordinator, 'POST', `/v1/referrals/${r.id}/citizen`, { cpr: '9999999999' })).status).toBe(422);

    // The coordinator decides: by CPR, as the search finds them. The citizen has an open case, so it is held as its possible duplicate.
    const joined = await t.call(w.coordinator, 'POST', `/v1/referrals/${r.id}/citizen`, { cpr: known });
    expect(joined.status).toBe(200);
    expect(joined.body).toEqual({ id: r.id, status: 'possible_duplicate', citizenId: knownId, duplicateOf: gpCase.body.id });
    const [after] = await t.ds.query(
      `SELECT r.citizen_id, r.duplicate_of, c.name, c.phone, (SELECT erased_at IS NOT NULL FROM citizen WHERE id = $2) AS dup_erased,
              (SELECT name FROM citizen WHERE id = $2) AS dup_name
         FROM referral r JOIN citizen c ON c.id = r.citizen_id WHERE r.id = $1`,
      [r.id, r.citizen_id],
    );
    expect(after).toEqual({
      citizen_id: knownId,
      duplicate_of: gpCase.body.id,
      name: knownName,
      phone: expect.anything(),
      dup_erased: true,
      dup_name: null,
    });
    // What the form said is kept as reported details for staff, never written over the known citizen.
    const reported = await t.ds.query('SELECT name, citizen_id FROM reported_details WHERE referral_id = $1', [r.id]);
    expect(reported).toEqual([{ name: 'Poul Jensen', citizen_id: knownId }]);
    const audit = await t.ds.query(
      "SELECT action, citizen_id, purpose, user_id FROM audit_log WHERE referral_id = $1 AND action IN ('citizen.join', 'citizen.erase') ORDER BY action",
      [r.id],
    );
    expect(audit).toEqual([
      { action: 'citizen.erase', citizen_id: r.citizen_id, purpose: 'joined', user_id: w.coordinator.id },
      { action: 'citizen.join', citizen_id: knownId, purpose: 'coordinator_decision', user_id: w.coordinator.id },
    ]);
    // Decided once: 409 after; and the duplicate is decided as any other.
    expect((await t.call(w.coordinator, 'POST', `/v1/referrals/${r.id}/citizen`, { citizenId: knownId })).status).toBe(409);
    const confirmed = await t.call(w.coordinator, 'POST', `/v1/referrals/${r.id}/duplicate`, { decision: 'confirm' });
    expect(confirmed.body).toMatchObject({ status: 'linked', duplicateOf: gpCase.body.id });

    // A known citizen without an open case: the referral keeps waiting for the first call, now theirs.
    const lone = validCpr();
    const closed = await t.call(w.gp, 'POST', '/v1/referrals', referralBody({ cpr: lone, postcode: w.postcode }));
    // Closed long ago (set up directly: how it closed does not matter here).
    await t.ds.query("UPDATE referral SET status = 'completed', closed_at = now() WHERE id = $1", [closed.body.id]);
    const [{ citizen_id: loneId }] = await t.ds.query('SELECT citizen_id FROM referral WHERE id = $1', [closed.body.id]);
    const second = await submitted(w);
    const waiting = await t.call(w.coordinator, 'POST', `/v1/referrals/${second.id}/citizen`, { citizenId: loneId });
    expect(waiting.body).toEqual({ id: second.id, status: 'awaiting_consent', citizenId: loneId, duplicateOf: null });

    // A referral that named a CPR number was matched by the rules already: 409.
    const withCpr = await submitted(w, { cpr: validCpr() });
    const refused = await t.call(w.coordinator, 'POST', `/v1/referrals/${withCpr.id}/citizen`, { citizenId: loneId });
    expect(refused.status).toBe(409);
    expect(refused.body.details).toMatchObject({ reason: 'has_cpr' });
  });

  it('a filled-in honeypot gets the same answer and stores nothing but an audit row', async () => {
    const w = await world();
    const before = (await t.ds.query('SELECT count(*)::int AS n FROM referral WHERE municipality_id = $1', [w.m]))[0].n;
    const res = await submit(publicBody({ municipalityId: w.m, postcode: w.postcode, website: 'http://spam.example' }));
    expect(res.status).toBe(202);
    expect(res.body.reference).toMatch(REFERENCE);
    expect((await t.ds.query('SELECT count(*)::int AS n FROM referral WHERE municipality_id = $1', [w.m]))[0].n).toBe(before);
    expect(
      await t.ds.query("SELECT purpose FROM audit_log WHERE municipality_id = $1 AND action = 'public_referral.refused'", [w.m]),
    ).toEqual([{ purpose: 'honeypot' }]);
  });

  it('refuses bad input with a clear 4xx and stores nothing', async () => {
    const w = await world();
    const tooLong = publicBody({ municipalityId: w.m, postcode: w.postcode });
    tooLong.note = 'x'.repeat(1001);
    const cases = [
      tooLong,
      { ...publicBody({ municipalityId: w.m }), citizenKnows: undefined },
      { ...publicBody({ municipalityId: w.m }), referrer: { kind: 'gp' } },
      { ...publicBody({ municipalityId: w.m }), reasons: [] },
      publicBody({ municipalityId: w.m, cpr: '3213451234' }),
    ];
    for (const body of cases) {
      const res = await submit(body);
      expect([400, 422]).toContain(res.status);
    }
    expect((await t.ds.query('SELECT count(*)::int AS n FROM referral WHERE municipality_id = $1', [w.m]))[0].n).toBe(0);
  });
});

describe('public referral limits (e2e)', () => {
  let api: NestFastifyApplication;
  let ds: DataSource;
  afterEach(() => api.close());

  it('answers 429 beyond the limit per address, and stores none of those', async () => {
    api = await bootApi({ RATE_LIMIT_PUBLIC_PER_MINUTE: '2', QUEUE_PREFIX: `${process.env.QUEUE_PREFIX}-pub-${randomUUID().slice(0, 8)}` });
    ds = api.get(DataSource);
    const m = await createMunicipality(ds);
    const statuses = [];
    for (let i = 0; i < 4; i++)
      statuses.push((await http(api, 'POST', '/v1/public/referrals', { body: publicBody({ municipalityId: m }) })).status);
    expect(statuses).toEqual([202, 202, 429, 429]);
    expect((await ds.query('SELECT count(*)::int AS n FROM referral WHERE municipality_id = $1', [m]))[0].n).toBe(2);
  });

  it('answers 429 beyond the limit per municipality, whatever the address', async () => {
    api = await bootApi({
      RATE_LIMIT_PUBLIC_PER_MUNICIPALITY_PER_HOUR: '2',
      QUEUE_PREFIX: `${process.env.QUEUE_PREFIX}-pub-${randomUUID().slice(0, 8)}`,
    });
    ds = api.get(DataSource);
    const [m, other] = [await createMunicipality(ds), await createMunicipality(ds)];
    const statuses = [];
    for (let i = 0; i < 3; i++)
      statuses.push((await http(api, 'POST', '/v1/public/referrals', { body: publicBody({ municipalityId: m }) })).status);
    expect(statuses).toEqual([202, 202, 429]);
    const refused = await http(api, 'POST', '/v1/public/referrals', { body: publicBody({ municipalityId: m }) });
    expect(refused.body).toMatchObject({ statusCode: 429, error: 'Too Many Requests' });
    expect((await http(api, 'POST', '/v1/public/referrals', { body: publicBody({ municipalityId: other }) })).status).toBe(202);
  });
});
