import type { NestFastifyApplication } from '@nestjs/platform-fastify';
import { randomUUID } from 'node:crypto';
import { DataSource } from 'typeorm';
import {
  bootApi,
  caller,
  careCommunicationExample,
  createArea,
  createBrobygger,
  createMunicipality,
  createUser,
  fhirReferralBundle,
  http,
  referralBody,
  TestUser,
  validCpr,
} from './kit';

/**
 * The authorisation matrix, generated from the application's own route table (the
 * OpenAPI document): every route × no token, each role, and another municipality's
 * object. A route added without an entry here fails the first test.
 */
type Role = 'referrer' | 'brobygger' | 'coordinator' | 'gateway';
type ObjectKind =
  'referral' | 'area' | 'brobygger' | 'offer' | 'followUp' | 'citizen' | 'user' | 'place' | 'appointment' | 'companion' | 'message';

interface World {
  m: string;
  /** The CPR number of the case's citizen (for a second clinic's referral of the same citizen). */
  cpr: string;
  /** Details a clinic colleague's later referral reported for the case's citizen. */
  reportedDetail: string;
  users: Record<Role, TestUser>;
  /** Same role, same municipality, no relation to the objects: another clinic's GP, another brobygger, another coordinator. */
  colleagues: Record<Role, TestUser>;
  ids: Record<ObjectKind, string>;
  /** The id of the case's plan step (a hand-off names it). */
  step: string;
}

interface Rule {
  roles: Role[] | 'public';
  object?: ObjectKind;
  body?: (w: World) => unknown;
}

const ALL: Role[] = ['referrer', 'brobygger', 'coordinator'];
const STAFF: Role[] = ['brobygger', 'coordinator'];
const COORD: Role[] = ['coordinator'];

const MATRIX: Record<string, Rule> = {
  'POST /v1/auth/dev-token': { roles: 'public' },
  'GET /v1/auth/config': { roles: 'public' },
  'GET /v1/me': { roles: ALL },
  'GET /v1/notifications': { roles: ALL },
  'GET /v1/notifications/undelivered': { roles: COORD },
  'GET /v1/reference/reasons': { roles: 'public' },
  'GET /v1/reference/wheel-domains': { roles: ALL },
  'GET /v1/reference/postcodes': { roles: ALL },
  'POST /v1/areas': { roles: COORD, body: () => ({ name: `Område ${randomUUID()}`, postcodes: [] }) },
  'GET /v1/areas': { roles: COORD },
  'GET /v1/municipality': { roles: COORD },
  'PATCH /v1/municipality': { roles: COORD, body: () => ({ retentionYears: 5 }) },
  'PATCH /v1/areas/{id}': { roles: COORD, object: 'area', body: () => ({}) },
  'POST /v1/users': { roles: COORD, body: () => ({ username: `u.${randomUUID().slice(0, 8)}`, displayName: 'U', role: 'referrer' }) },
  'GET /v1/users': { roles: COORD },
  'PATCH /v1/users/{id}': { roles: COORD, object: 'user', body: () => ({ displayName: 'Omdøbt' }) },
  'POST /v1/brobyggere': {
    roles: COORD,
    body: () => ({ username: `b.${randomUUID().slice(0, 8)}`, displayName: 'B', areaIds: [], capacity: 1 }),
  },
  'GET /v1/brobyggere': { roles: COORD },
  'PATCH /v1/brobyggere/{id}': { roles: COORD, object: 'brobygger', body: () => ({}) },
  'POST /v1/organisations': { roles: COORD, body: () => ({ name: `Forening ${randomUUID()}` }) },
  'GET /v1/organisations': { roles: ALL },
  'POST /v1/offers': { roles: COORD, body: () => ({ organisationId: randomUUID(), name: 'X', category: 'other' }) },
  'GET /v1/offers': { roles: ALL },
  'GET /v1/offers/{id}': { roles: ALL, object: 'offer' },
  'PATCH /v1/offers/{id}': { roles: COORD, object: 'offer', body: () => ({}) },
  'POST /v1/referrals': { roles: ['referrer', 'coordinator'], body: () => referralBody() },
  'GET /v1/referrals': { roles: ALL },
  'POST /v1/referrals/search': { roles: ALL, body: (w) => ({ cpr: w.cpr }) },
  'GET /v1/referrals/{id}': { roles: ALL, object: 'referral' },
  'POST /v1/referrals/{id}/assign': { roles: COORD, object: 'referral', body: (w) => ({ brobyggerId: w.ids.brobygger }) },
  'POST /v1/referrals/{id}/unassign': { roles: COORD, object: 'referral' },
  'POST /v1/referrals/{id}/area': { roles: COORD, object: 'referral', body: (w) => ({ areaId: w.ids.area }) },
  'POST /v1/referrals/{id}/contact-attempts': { roles: STAFF, object: 'referral', body: () => ({ outcome: 'no_answer' }) },
  'POST /v1/referrals/{id}/conversations': {
    roles: STAFF,
    object: 'referral',
    body: () => ({ heldAt: '2026-11-20T10:00:00+01:00', durationMinutes: 30, location: 'Telefon', kind: 'phone' }),
  },
  // Keeps the case's step (by its id), so a hand-off of it can still be asked for afterwards.
  'PUT /v1/referrals/{id}/plan': {
    roles: STAFF,
    object: 'referral',
    body: (w) => ({ goals: [], steps: [{ id: w.step, description: 'Trin' }] }),
  },
  'PUT /v1/referrals/{id}/contacts': { roles: STAFF, object: 'referral', body: () => ({ otherContacts: [] }) },
  'POST /v1/referrals/{id}/consents': { roles: STAFF, object: 'referral', body: () => ({ scope: 'sms', value: true, method: 'verbal' }) },
  'POST /v1/referrals/{id}/hold': { roles: STAFF, object: 'referral', body: () => ({ reason: 'Pause' }) },
  'POST /v1/referrals/{id}/resume': { roles: STAFF, object: 'referral' },
  'POST /v1/referrals/{id}/close': { roles: STAFF, object: 'referral', body: () => ({ outcome: 'other' }) },
  'POST /v1/referrals/{id}/reopen': { roles: COORD, object: 'referral', body: () => ({ reason: 'Ringede igen' }) },
  'POST /v1/referrals/{id}/duplicate': { roles: STAFF, object: 'referral', body: () => ({ decision: 'confirm' }) },
  'POST /v1/referrals/{id}/reported-details': {
    roles: STAFF,
    object: 'referral',
    body: (w) => ({ detailId: w.reportedDetail, decision: 'ignore' }),
  },
  'GET /v1/follow-ups': { roles: STAFF },
  'POST /v1/follow-ups': {
    roles: STAFF,
    body: (w) => ({ referralId: w.ids.referral, kind: 'custom', dueAt: inAWeek() }),
  },
  'POST /v1/follow-ups/{id}/complete': { roles: STAFF, object: 'followUp', body: () => ({}) },
  'GET /v1/queues/summary': { roles: STAFF },
  'GET /v1/citizens/{id}/access-log': { roles: COORD, object: 'citizen' },
  'GET /v1/citizens/{id}/export': { roles: COORD, object: 'citizen' },
  'GET /fhir/metadata': { roles: 'public' },
  'POST /fhir': { roles: ['referrer', 'coordinator'], body: () => fhirReferralBundle() },
  'GET /fhir/Task': { roles: ['referrer', 'coordinator'] },
  'GET /fhir/Task/{id}': { roles: ['referrer', 'coordinator'], object: 'referral' },
  'GET /fhir/ServiceRequest/{id}': { roles: ['referrer', 'coordinator'], object: 'referral' },
  'GET /openreferral/services': { roles: 'public' },
  'GET /openreferral/services/{id}': { roles: 'public' },
  'GET /openreferral/organizations': { roles: 'public' },
  'GET /openreferral': { roles: 'public' },
  'GET /openreferral/organizations/{id}': { roles: 'public' },
  'GET /openreferral/taxonomies': { roles: 'public' },
  'GET /openreferral/taxonomies/{id}': { roles: 'public' },
  'GET /openreferral/taxonomy_terms': { roles: 'public' },
  'GET /openreferral/taxonomy_terms/{id}': { roles: 'public' },
  // The open door (ADR 0030): no login.
  'GET /v1/public/municipalities': { roles: 'public' },
  'POST /v1/public/referrals': {
    roles: 'public',
    body: (w) => ({
      municipalityId: w.m,
      referrer: { kind: 'self' },
      citizen: { name: 'Poul', address: { street: 'Algade 3', postcode: '4000', city: 'Roskilde' } },
      reasons: ['loneliness'],
      citizenKnows: true,
    }),
  },
  'POST /v1/referrals/{id}/first-contact': { roles: STAFF, object: 'referral', body: () => ({ decision: 'declined' }) },
  'POST /v1/referrals/{id}/spam': { roles: COORD, object: 'referral' },
  'POST /v1/referrals/{id}/citizen': { roles: COORD, object: 'referral', body: (w) => ({ citizenId: w.ids.citizen }) },
  'POST /v1/offers/{id}/hosts': { roles: COORD, object: 'offer', body: () => ({ name: 'Birthe Vært' }) },
  'GET /v1/offers/{id}/hosts': { roles: STAFF, object: 'offer' },
  'PATCH /v1/offers/{id}/hosts/{hostId}': { roles: COORD, object: 'offer', body: () => ({}) },
  'DELETE /v1/offers/{id}/hosts/{hostId}': { roles: COORD, object: 'offer' },
  'POST /v1/companions': { roles: COORD, body: () => ({ name: 'Jens Følgeven', areaIds: [], active: true }) },
  'GET /v1/companions': { roles: STAFF },
  'PATCH /v1/companions/{id}': { roles: COORD, object: 'companion', body: () => ({}) },
  'POST /v1/referrals/{id}/plan/steps/{stepId}/handover': {
    roles: STAFF,
    object: 'referral',
    body: () => ({ to: 'host', firstVisitAt: inAWeek() }),
  },
  'GET /v1/referrals/{id}/handovers': { roles: STAFF, object: 'referral' },
  'GET /v1/community/figures': { roles: COORD },
  'GET /v1/handover/{token}': { roles: 'public' },
  'POST /v1/handover/{token}/answer': { roles: 'public' },
  'GET /v1/offer-check/{token}': { roles: 'public' },
  'POST /v1/offer-check/{token}': { roles: 'public' },
  'GET /v1/statistics': { roles: COORD },
  'GET /v1/reports/council': { roles: COORD },
  'GET /v1/places': { roles: STAFF },
  'POST /v1/places': { roles: COORD, body: () => ({ name: `Sted ${randomUUID()}` }) },
  'PATCH /v1/places/{id}': { roles: COORD, object: 'place', body: () => ({}) },
  'POST /v1/referrals/{id}/appointments': {
    roles: STAFF,
    object: 'referral',
    body: () => ({ startsAt: '2030-03-04T10:00:00+01:00', durationMinutes: 60, place: 'Biblioteket', kind: 'first' }),
  },
  'GET /v1/referrals/{id}/appointments': { roles: STAFF, object: 'referral' },
  'GET /v1/referrals/{id}/citizen-copy': { roles: STAFF, object: 'referral' },
  'GET /v1/referrals/{id}/plan.pdf': { roles: STAFF, object: 'referral' },
  'GET /v1/appointments': { roles: STAFF },
  'GET /v1/appointments/{id}': { roles: STAFF, object: 'appointment' },
  'PATCH /v1/appointments/{id}': { roles: STAFF, object: 'appointment', body: () => ({}) },
  'POST /v1/appointments/{id}/cancel': { roles: STAFF, object: 'appointment', body: () => ({ reason: 'Aflyst' }) },
  'GET /v1/appointments/{id}/letter.pdf': { roles: STAFF, object: 'appointment' },
  'POST /v1/me/calendar-token': { roles: ['brobygger'] },
  // MedCom (ADR 0028): the gateway delivers; the case's staff read the thread; coordinators keep the inbox and clinics.
  'POST /medcom': { roles: ['gateway'], body: () => careCommunicationExample() },
  'GET /v1/referrals/{id}/messages': { roles: STAFF, object: 'referral' },
  'GET /v1/referrals/{id}/messages/{messageId}/attachments/{n}': { roles: STAFF, object: 'referral' },
  // The reply (to a sender that is no referring clinic here, so 409 once allowed): the case's brobygger and coordinators.
  'POST /v1/referrals/{id}/messages/{messageId}/reply': { roles: STAFF, object: 'referral', body: () => ({ text: 'Hej' }) },
  'GET /v1/medcom/inbox': { roles: COORD },
  'POST /v1/medcom/inbox/{id}/attach': { roles: COORD, body: (w) => ({ referralId: w.ids.referral }) },
  'GET /v1/medcom/clinics': { roles: COORD },
  'PUT /v1/medcom/clinics': { roles: COORD, body: () => ({ organisation: 'Lægehus', sor: '265101000016002', gln: '5790001234010' }) },
  // The token in the path is the secret (ADR 0027): an unknown one is a 404.
  'GET /v1/calendar/{file}': { roles: 'public' },
};

/** A follow-up's due time: after the case was created (a date before it is a 422). */
const inAWeek = () => new Date(Date.now() + 7 * 86_400_000).toISOString();

/** Objects that belong to a case: reaching them takes a relation to the case, not just the municipality. */
const CASE_OBJECTS: ObjectKind[] = ['referral', 'followUp', 'appointment'];

describe('authorisation matrix (e2e)', () => {
  let api: NestFastifyApplication;
  let ds: DataSource;
  let call: ReturnType<typeof caller>;
  let routes: string[];

  /** A municipality with one user per role and one object of each kind, the case assigned to its brobygger. */
  async function world(): Promise<World> {
    const m = await createMunicipality(ds);
    const area = await createArea(ds, m, ['4000']);
    const brobygger = await createBrobygger(ds, m, [area], 10);
    const users = {
      referrer: await createUser(ds, m, 'referrer'),
      brobygger,
      coordinator: await createUser(ds, m, 'coordinator'),
      gateway: await createUser(ds, m, 'gateway'),
    };
    const cpr = validCpr();
    const referral = (await call(users.referrer, 'POST', '/v1/referrals', referralBody({ cpr }))).body.id as string;
    await call(users.coordinator, 'POST', `/v1/referrals/${referral}/assign`, { brobyggerId: brobygger.brobyggerId });
    const followUp = (await call(users.coordinator, 'POST', '/v1/follow-ups', { referralId: referral, kind: 'custom', dueAt: inAWeek() }))
      .body.id as string;
    const [org] = await ds.query("INSERT INTO organisation (municipality_id, name) VALUES ($1, 'Forening') RETURNING id", [m]);
    const [offer] = await ds.query(
      "INSERT INTO offer (municipality_id, organisation_id, name, category) VALUES ($1, $2, 'Tilbud', 'other') RETURNING id",
      [m, org.id],
    );
    const [{ citizen_id }] = await ds.query('SELECT citizen_id FROM referral WHERE id = $1', [referral]);
    const [place] = await ds.query("INSERT INTO meeting_place (municipality_id, name) VALUES ($1, 'Havehuset') RETURNING id", [m]);
    const [appointment] = await ds.query(
      `INSERT INTO appointment (municipality_id, referral_id, brobygger_user_id, kind, starts_at, ends_at, place_id, created_by)
       VALUES ($1, $2, $3, 'first', '2030-01-07T09:00:00Z', '2030-01-07T10:00:00Z', $4, $3) RETURNING id`,
      [m, referral, brobygger.id, place.id],
    );
    const plan = await call(brobygger, 'PUT', `/v1/referrals/${referral}/plan`, { goals: [], steps: [{ description: 'Trin' }] });
    const step = plan.body.steps[0].id as string;
    const [companion] = await ds.query("INSERT INTO companion (municipality_id, name) VALUES ($1, 'Følgeven') RETURNING id", [m]);
    // A MedCom message of the case with an attachment (ADR 0028).
    const [message] = await ds.query(
      `INSERT INTO medcom_message (municipality_id, direction, event, header_id, content_hash, referral_id, sender, recipient, attachments)
       VALUES ($1, 'in', 'care-communication', gen_random_uuid()::text, 'x', $2, '{}', '{}', '[{"title": "A", "data": "JVBERg==", "contentType": "application/pdf"}]')
       RETURNING id`,
      [m, referral],
    );
    // A clinic colleague refers the citizen again, with another phone number: linked, the number kept aside.
    const clinicColleague = await createUser(ds, m, 'referrer', users.referrer.organisation);
    const again = referralBody({ cpr });
    await call(clinicColleague, 'POST', '/v1/referrals', { ...again, citizen: { ...again.citizen, phone: '+4540404040' } });
    const [{ id: reportedDetail }] = await ds.query('SELECT id FROM reported_details WHERE referral_id = $1', [referral]);
    const colleagues = {
      referrer: await createUser(ds, m, 'referrer'),
      brobygger: await createBrobygger(ds, m, [area], 10),
      coordinator: await createUser(ds, m, 'coordinator'),
      gateway: await createUser(ds, m, 'gateway'),
    };
    return {
      m,
      cpr,
      reportedDetail,
      step,
      users,
      colleagues,
      ids: {
        referral,
        area,
        brobygger: brobygger.brobyggerId,
        offer: offer.id,
        followUp,
        citizen: citizen_id,
        user: users.referrer.id,
        place: place.id,
        appointment: appointment.id,
        companion: companion.id,
        message: message.id,
      },
    };
  }

  const request = (route: string, w: World, objects: World, user?: TestUser) => {
    const [method, path] = route.split(' ') as ['GET' | 'POST' | 'PUT' | 'PATCH' | 'DELETE', string];
    const rule = MATRIX[route];
    // The case's plan step; a host that does not exist (authorisation is decided on the offer before it matters).
    const inner = path
      .replace('{hostId}', randomUUID())
      .replace('{stepId}', objects.step)
      .replace('{messageId}', objects.ids.message)
      .replace('{n}', '0');
    const url = rule.object ? inner.replace('{id}', objects.ids[rule.object]) : inner;
    const body = rule.body?.(w) ?? (method === 'GET' ? undefined : {});
    return user ? call(user, method, url, body) : http(api, method, url, { body });
  };

  beforeAll(async () => {
    api = await bootApi();
    ds = api.get(DataSource);
    call = caller(api);
    const doc = (await http(api, 'GET', '/docs-json')).body as { paths: Record<string, Record<string, unknown>> };
    routes = Object.entries(doc.paths).flatMap(([path, methods]) => Object.keys(methods).map((m) => `${m.toUpperCase()} ${path}`));
  });
  afterAll(() => api.close());

  it('has an entry for every route of the application, and no entry for a route that is gone', () => {
    expect(routes.filter((r) => !MATRIX[r])).toEqual([]);
    expect(Object.keys(MATRIX).filter((r) => !routes.includes(r))).toEqual([]);
  });

  it('answers every route without a token with 401 (public routes excepted)', async () => {
    const w = await world();
    for (const route of routes.filter((r) => MATRIX[r].roles !== 'public')) {
      const res = await request(route, w, w);
      expect({ route, status: res.status }).toEqual({ route, status: 401 });
    }
  });

  it('answers roles a route is not for with 403, and roles it is for with neither 401, 403 nor 5xx', async () => {
    let w = await world();
    for (const route of routes.filter((r) => MATRIX[r].roles !== 'public')) {
      const allowed = MATRIX[route].roles as Role[];
      for (const role of ALL) {
        const res = await request(route, w, w, w.users[role]);
        if (!allowed.includes(role)) expect({ route, role, status: res.status }).toEqual({ route, role, status: 403 });
        else expect({ route, role, bad: [401, 403].includes(res.status) || res.status >= 500 }).toEqual({ route, role, bad: false });
        // Fresh objects after any answer but a 403: routes change state. A 403 is the role guard's refusal before
        // the handler runs, so the objects are as they were (building a world per request was half this file's time).
        if (res.status !== 403) w = await world();
      }
    }
    // Every route × every role, one request each: on a loaded 2-core machine this outgrew the default minute,
    // then three (the appointment routes, issue 17), and more with the community routes (issue 16).
  }, 600_000);

  it('answers the gateway’s system account 403 on every route but the ones that name it (ADR 0028)', async () => {
    const w = await world();
    for (const route of routes.filter((r) => MATRIX[r].roles !== 'public')) {
      const res = await request(route, w, w, w.users.gateway);
      if ((MATRIX[route].roles as Role[]).includes('gateway'))
        expect({ route, bad: [401, 403].includes(res.status) || res.status >= 500 }).toEqual({ route, bad: false });
      else expect({ route, status: res.status }).toEqual({ route, status: 403 });
    }
  });

  it('answers a colleague without a relation to the case with 404, and a colleague coordinator as its owner', async () => {
    const w = await world();
    for (const route of routes.filter((r) => CASE_OBJECTS.includes(MATRIX[r].object!))) {
      for (const role of MATRIX[route].roles as Role[]) {
        const res = await request(route, w, w, w.colleagues[role]);
        if (role === 'coordinator')
          expect({ route, role, bad: [401, 403, 404].includes(res.status) || res.status >= 500 }).toEqual({ route, role, bad: false });
        else expect({ route, role, status: res.status }).toEqual({ route, role, status: 404 });
      }
    }
  });

  it('gives a second clinic only its own referral of a citizen with an open case: 404 for the case, before and after confirmation', async () => {
    const w = await world();
    const secondClinic = await createUser(ds, w.m, 'referrer'); // another organisation: another clinic
    const held = await call(secondClinic, 'POST', '/v1/referrals', referralBody({ cpr: w.cpr }));
    expect(held.status).toBe(201);
    expect(held.body.id).not.toBe(w.ids.referral);
    expect(held.body.linked).toBeUndefined();

    const check = async (when: string) => {
      for (const route of routes.filter((r) => MATRIX[r].object === 'referral' && (MATRIX[r].roles as Role[]).includes('referrer'))) {
        const onCase = await request(route, w, w, secondClinic);
        expect({ when, route, status: onCase.status }).toEqual({ when, route, status: 404 });
        const own = await request(route, w, { ...w, ids: { ...w.ids, referral: held.body.id } }, secondClinic);
        expect({ when, route, status: own.status }).toEqual({ when, route, status: 200 });
      }
      const list = await call(secondClinic, 'GET', '/v1/referrals');
      expect({ when, ids: list.body.items.map((i: { id: string }) => i.id) }).toEqual({ when, ids: [held.body.id] });
      // Searching by the CPR number finds their own referral, never the case (issue 15).
      const found = await call(secondClinic, 'POST', '/v1/referrals/search', { cpr: w.cpr });
      expect({ when, ids: found.body.items.map((i: { id: string }) => i.id) }).toEqual({ when, ids: [held.body.id] });
      // The case's own referrer, staff and other roles are unaffected by the second clinic's referral.
      expect((await call(w.users.referrer, 'GET', `/v1/referrals/${w.ids.referral}`)).status).toBe(200);
      expect((await call(w.users.referrer, 'GET', `/v1/referrals/${held.body.id}`)).status).toBe(404);
    };
    await check('held as a possible duplicate');
    // Only a coordinator or the case's own brobygger decides.
    expect((await call(w.colleagues.brobygger, 'POST', `/v1/referrals/${held.body.id}/duplicate`, { decision: 'confirm' })).status).toBe(
      404,
    );
    expect((await call(secondClinic, 'POST', `/v1/referrals/${held.body.id}/duplicate`, { decision: 'confirm' })).status).toBe(403);
    expect((await call(w.users.brobygger, 'POST', `/v1/referrals/${held.body.id}/duplicate`, { decision: 'confirm' })).status).toBe(200);
    await check('confirmed');
  });

  it('answers every role it allows with 404 for another municipality’s object', async () => {
    const w = await world();
    const other = await world();
    for (const route of routes.filter((r) => MATRIX[r].object)) {
      for (const role of MATRIX[route].roles as Role[]) {
        const res = await request(route, w, other, w.users[role]);
        expect({ route, role, status: res.status }).toEqual({ route, role, status: 404 });
      }
    }
  });
});
