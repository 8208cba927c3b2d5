import type { NestFastifyApplication } from '@nestjs/platform-fastify';
import { readFileSync } from 'node:fs';
import { DataSource } from 'typeorm';
import {
  bootApi,
  caller,
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
 * Bad bytes and bad shapes are a 4xx that names the field and changes nothing, never a
 * 5xx (issue 13, items 5–7): NUL and other C0 control characters anywhere in a body
 * or a query string (REST and FHIR), JSON nested thousands of levels deep, wheel keys
 * that class-transformer would silently drop, and dates nobody means.
 */
describe('bad input at the edge (e2e)', () => {
  let api: NestFastifyApplication;
  let ds: DataSource;
  let call: ReturnType<typeof caller>;
  let gp: TestUser;
  let coordinator: TestUser;
  let brobygger: TestUser & { brobyggerId: string };

  beforeAll(async () => {
    api = await bootApi();
    ds = api.get(DataSource);
    call = caller(api);
    const m = await createMunicipality(ds);
    const area = await createArea(ds, m, ['4000']);
    brobygger = await createBrobygger(ds, m, [area], 20);
    gp = await createUser(ds, m, 'referrer');
    coordinator = await createUser(ds, m, 'coordinator');
  });
  afterAll(() => api.close());

  const count = async (table: string) => (await ds.query(`SELECT count(*)::int AS n FROM ${table}`))[0].n as number;

  /** A case assigned to `brobygger` and in `contacted`, ready for a first conversation. */
  async function contactedCase(): Promise<string> {
    const { body } = await call(gp, 'POST', '/v1/referrals', referralBody());
    expect((await call(coordinator, 'POST', `/v1/referrals/${body.id}/assign`, { brobyggerId: brobygger.brobyggerId })).status).toBe(200);
    expect((await call(brobygger, 'POST', `/v1/referrals/${body.id}/contact-attempts`, { outcome: 'reached' })).status).toBe(201);
    return body.id as string;
  }

  const conversation = (over: Record<string, unknown> = {}) => ({
    heldAt: new Date(Date.now() - 3_600_000).toISOString(),
    durationMinutes: 60,
    location: 'Havehuset',
    kind: 'first',
    ...over,
  });

  describe('NUL and other control characters (item 5)', () => {
    it('answers a NUL byte in a top-level, a nested and an array string with 400 naming the field; nothing stored', async () => {
      const before = await count('referral');
      const cases: [unknown, string][] = [
        [{ ...referralBody(), note: 'før\u0000efter' }, 'note'],
        [{ ...referralBody(), citizen: { ...referralBody().citizen, name: 'Inger\u0000Jensen' } }, 'citizen.name'],
        [
          {
            ...referralBody(),
            citizen: { ...referralBody().citizen, address: { street: 'Algade\u00001', postcode: '4000', city: 'Roskilde' } },
          },
          'citizen.address.street',
        ],
        [{ ...referralBody(), reasons: ['loneliness', 'other\u0000'] }, 'reasons.1'],
      ];
      for (const [body, field] of cases) {
        const res = await call(gp, 'POST', '/v1/referrals', body);
        expect({ field, status: res.status }).toEqual({ field, status: 400 });
        expect(res.body).toMatchObject({ statusCode: 400, error: 'Bad Request' });
        expect(res.body.message).toContain(field);
        expect(res.body.details).toEqual(
          expect.arrayContaining([{ field, problems: [expect.stringMatching(/control character/)], codes: ['invalid_characters'] }]),
        );
      }
      expect(await count('referral')).toBe(before);
    });

    it('refuses the other C0 control characters in free text but keeps tab, CR and LF', async () => {
      for (const bad of ['\u0001', '\u0007', '\u001b[31m', '\u001f', '\b']) {
        const res = await call(gp, 'POST', '/v1/referrals', { ...referralBody(), note: `a${bad}b` });
        expect(res.status).toBe(400);
        expect(res.body.details).toEqual([
          { field: 'note', problems: [expect.stringMatching(/control character/)], codes: ['invalid_characters'] },
        ]);
      }
      const fine = await call(gp, 'POST', '/v1/referrals', { ...referralBody(), note: 'Linje 1\r\nLinje 2\n\tindrykket' });
      expect(fine.status).toBe(201);
    });

    it('refuses a control character in an object key (a wheel domain) as well', async () => {
      const id = await contactedCase();
      const res = await call(brobygger, 'POST', `/v1/referrals/${id}/conversations`, conversation({ wheel: { 'hea\u0000lth': 5 } }));
      expect(res.status).toBe(400);
      expect(res.body.details[0].field).toMatch(/^wheel/);
    });

    it('refuses a lone surrogate (no UTF-8 form; jsonb refuses its escape) with 400 naming the field', async () => {
      const id = await contactedCase();
      const plan = await call(brobygger, 'PUT', `/v1/referrals/${id}/plan`, { goals: ['ud\ud800'], steps: [] });
      expect(plan.status).toBe(400);
      expect(plan.body.details).toEqual([
        { field: 'goals.0', problems: [expect.stringMatching(/lone surrogate/)], codes: ['invalid_characters'] },
      ]);
      const contacts = await call(brobygger, 'PUT', `/v1/referrals/${id}/contacts`, {
        otherContacts: [{ service: 'Alkoholbehandlingen', person: '\udc00' }],
      });
      expect(contacts.status).toBe(400);
      expect(contacts.body.details[0].field).toBe('otherContacts.0.person');
      expect((await call(brobygger, 'PUT', `/v1/referrals/${id}/plan`, { goals: ['Synge i kor 🎶'], steps: [] })).status).toBe(200);
    });

    it('answers a NUL byte in a query parameter with 400 naming the parameter', async () => {
      for (const url of ['/v1/offers?q=caf%00e', '/v1/referrals?status=assigned%00', '/v1/follow-ups?view=overdue&assignee=me%01']) {
        const res = await call(coordinator, 'GET', url);
        expect({ url, status: res.status }).toEqual({ url, status: 400 });
        expect(res.body.details?.[0]?.problems?.[0]).toMatch(/control character/);
      }
      const res = await call(coordinator, 'GET', '/v1/offers?q=caf%00e');
      expect(res.body.details).toEqual([
        { field: 'q', problems: [expect.stringMatching(/control character/)], codes: ['invalid_characters'] },
      ]);
    });

    it('answers a NUL byte in a FHIR Bundle or search with an OperationOutcome 400 naming the element', async () => {
      const bundle = fhirReferralBundle();
      const patient = bundle.entry.find((e: any) => e.resource.resourceType === 'Patient')!.resource;
      patient.name[0].family = 'Jen\u0000sen';
      const before = await count('referral');
      const token = (await http(api, 'POST', '/v1/auth/dev-token', { body: { username: gp.username } })).body.accessToken;
      const res = await http(api, 'POST', '/fhir', { token, body: bundle, headers: { 'content-type': 'application/fhir+json' } });
      expect(res.status).toBe(400);
      expect(res.body.resourceType).toBe('OperationOutcome');
      expect(res.body.issue[0]).toMatchObject({ severity: 'error', code: 'invalid' });
      expect(res.body.issue[0].expression[0]).toMatch(/name.*family/);
      expect(await count('referral')).toBe(before);

      // The R4 validator quotes an unknown resourceType; a CPR number there is masked.
      const quoted = fhirReferralBundle();
      const cpr = validCpr();
      (quoted.entry[1].resource as { resourceType: string }).resourceType = cpr;
      const unknownType = await http(api, 'POST', '/fhir', { token, body: quoted, headers: { 'content-type': 'application/fhir+json' } });
      expect(unknownType.status).toBe(400);
      expect(JSON.stringify(unknownType.body)).not.toContain(cpr);

      const search = await http(api, 'GET', '/fhir/Task?focus=ServiceRequest/%00', { token });
      expect(search.status).toBe(400);
      expect(search.body.resourceType).toBe('OperationOutcome');
    });
  });

  describe('a list where one object belongs', () => {
    // Found by the fuzz run (citizen: [] was a 500): ValidateNested lets an array through.
    it('answers citizen, address or consent given as a list with 400 naming the field; nothing stored', async () => {
      const before = await count('referral');
      const body = referralBody();
      const cases: [unknown, string][] = [
        [{ ...body, citizen: [] }, 'citizen'],
        [{ ...body, citizen: [body.citizen] }, 'citizen'],
        [{ ...body, citizen: { ...body.citizen, address: [] } }, 'citizen.address'],
        [{ ...body, consent: [] }, 'consent'],
      ];
      for (const [input, field] of cases) {
        const res = await call(gp, 'POST', '/v1/referrals', input);
        expect({ field, status: res.status }).toEqual({ field, status: 400 });
        expect(res.body.details.map((d: { field: string }) => d.field)).toContain(field);
      }
      const anonymous = await http(api, 'POST', '/v1/public/referrals', { body: { citizen: [], reasons: ['loneliness'] } });
      expect(anonymous.status).toBe(400);
      expect(await count('referral')).toBe(before);
    });
  });

  describe('deeply nested JSON (item 6)', () => {
    const deep = (levels: number) => `${'['.repeat(levels)}${']'.repeat(levels)}`;
    const deepObject = (levels: number) => `${'{"a":'.repeat(levels)}1${'}'.repeat(levels)}`;

    it('answers 5,000 levels (about 30 KB) with 400 in the one error shape, on REST and FHIR alike', async () => {
      const token = (await http(api, 'POST', '/v1/auth/dev-token', { body: { username: gp.username } })).body.accessToken;
      for (const rawBody of [deep(5000), deepObject(5000), `{"note":${deep(15000)}}`]) {
        const res = await http(api, 'POST', '/v1/referrals', { token, rawBody });
        expect(res.status).toBe(400);
        expect(res.body).toEqual({
          statusCode: 400,
          error: 'Bad Request',
          code: 'invalid_request',
          message: expect.stringMatching(/nested too deeply/),
        });
        const unauthenticated = await http(api, 'POST', '/v1/referrals', { rawBody });
        expect(unauthenticated.status).toBe(400);
      }
      const fhir = await http(api, 'POST', '/fhir', {
        token,
        rawBody: deepObject(5000),
        headers: { 'content-type': 'application/fhir+json' },
      });
      expect(fhir.status).toBe(400);
      expect(fhir.body.resourceType).toBe('OperationOutcome');
      expect(fhir.body.issue[0].diagnostics).toMatch(/nested too deeply/);
    });

    it('answers a body of twenty thousand tiny values, or an array where an object belongs, with 400 at once', async () => {
      const token = (await http(api, 'POST', '/v1/auth/dev-token', { body: { username: gp.username } })).body.accessToken;
      const started = Date.now();
      const many = await http(api, 'POST', '/v1/referrals', { token, rawBody: `[${Array(20_000).fill('{}').join(',')}]` });
      expect(many.status).toBe(400);
      expect(many.body.message).toMatch(/too many values/);
      const array = await http(api, 'POST', '/v1/referrals', { token, rawBody: `[${Array(1_000).fill('{}').join(',')}]` });
      expect(array.status).toBe(400);
      expect(array.body.details).toEqual([{ field: 'body', problems: ['body must be a JSON object'], codes: ['invalid_type'] }]);
      expect(Date.now() - started).toBeLessThan(2_000); // was about a second per request of CPU
    });

    it('still reads a real FHIR Bundle and ordinary bodies (the limit is far above them)', async () => {
      const token = (await http(api, 'POST', '/v1/auth/dev-token', { body: { username: gp.username } })).body.accessToken;
      const res = await http(api, 'POST', '/fhir', {
        token,
        body: fhirReferralBundle(),
        headers: { 'content-type': 'application/fhir+json' },
      });
      expect(res.status).toBe(200);
      // Brackets inside strings are text, not nesting.
      expect((await call(gp, 'POST', '/v1/referrals', { ...referralBody(), note: '[{'.repeat(400) })).status).toBe(201);
    });

    it('logs no stack trace for it', async () => {
      const token = (await http(api, 'POST', '/v1/auth/dev-token', { body: { username: gp.username } })).body.accessToken;
      const marker = `deep-json-${Math.random().toString(36).slice(2, 8)}`;
      await http(api, 'POST', '/v1/referrals', { token, rawBody: deep(5000), headers: { 'x-request-id': marker } });
      const lines = readFileSync(process.env.LOG_FILE!, 'utf8')
        .split('\n')
        .filter((l) => l.includes(marker));
      expect(lines.length).toBeGreaterThan(0);
      for (const line of lines) {
        expect(line).not.toMatch(/"stack"|RangeError|Maximum call stack/);
        expect(JSON.parse(line).level).toBeLessThan(50); // not an error
      }
    });
  });

  describe('input that would be silently changed (item 7)', () => {
    it('refuses wheel keys that name Object.prototype members with 422 naming the key, and stores nothing', async () => {
      const id = await contactedCase();
      for (const key of ['constructor', 'toString', 'hasOwnProperty', 'valueOf']) {
        const res = await call(brobygger, 'POST', `/v1/referrals/${id}/conversations`, conversation({ wheel: { [key]: 5 } }));
        expect({ key, status: res.status }).toEqual({ key, status: 422 });
        expect(res.body.details).toMatchObject({ field: `wheel.${key}` });
      }
      // __proto__ never gets past the JSON parser (prototype poisoning): 400.
      const token = (await http(api, 'POST', '/v1/auth/dev-token', { body: { username: brobygger.username } })).body.accessToken;
      const raw = JSON.stringify(conversation()).replace(/}$/, ',"wheel":{"__proto__":{"health":5}}}');
      expect((await http(api, 'POST', `/v1/referrals/${id}/conversations`, { token, rawBody: raw })).status).toBe(400);
      expect((await ds.query('SELECT count(*)::int AS n FROM conversation WHERE referral_id = $1', [id]))[0].n).toBe(0);
      const good = await call(brobygger, 'POST', `/v1/referrals/${id}/conversations`, conversation({ wheel: { health: 5, mood: 3 } }));
      expect(good.status).toBe(201);
      const [row] = await ds.query('SELECT wheel FROM conversation WHERE referral_id = $1', [id]);
      expect(row.wheel).toEqual({ health: 5, mood: 3 });
    });

    it('refuses, rather than drops, a field named like an Object.prototype member: 400 naming it', async () => {
      const before = await count('referral');
      for (const key of ['constructor', 'toString', 'prototype']) {
        const res = await call(gp, 'POST', '/v1/referrals', { ...referralBody(), [key]: 'x' });
        expect({ key, status: res.status }).toEqual({ key, status: 400 });
        expect(res.body.details).toEqual([{ field: key, problems: [`property ${key} should not exist`], codes: ['unknown_field'] }]);
        const nested = await call(gp, 'POST', '/v1/referrals', { ...referralBody(), consent: { ...referralBody().consent, [key]: 1 } });
        expect(nested.status).toBe(400);
        expect(nested.body.details[0].field).toBe(`consent.${key}`);
      }
      const query = await call(coordinator, 'GET', '/v1/referrals?constructor=1&__proto__=x');
      expect(query.status).toBe(400);
      expect(await count('referral')).toBe(before);
    });

    it('refuses keys named like Object.prototype members in a FHIR Bundle (no DTO behind it) with an OperationOutcome 400', async () => {
      const token = (await http(api, 'POST', '/v1/auth/dev-token', { body: { username: gp.username } })).body.accessToken;
      const before = await count('referral');
      for (const [where, key] of [
        [0, 'toString'],
        [2, 'hasOwnProperty'],
      ] as const) {
        const bundle: any = fhirReferralBundle();
        bundle.entry[where].resource[key] = 'x';
        const res = await http(api, 'POST', '/fhir', { token, body: bundle, headers: { 'content-type': 'application/fhir+json' } });
        expect({ key, status: res.status }).toEqual({ key, status: 400 });
        expect(res.body.resourceType).toBe('OperationOutcome');
        expect(res.body.issue[0].expression).toEqual([`entry.${where}.resource.${key}`]);
      }
      expect(await count('referral')).toBe(before);
    });

    it('refuses a conversation held more than a day from now with 422 on heldAt', async () => {
      const id = await contactedCase();
      const inTwoDays = new Date(Date.now() + 2 * 86_400_000).toISOString();
      const res = await call(brobygger, 'POST', `/v1/referrals/${id}/conversations`, conversation({ heldAt: inTwoDays }));
      expect(res.status).toBe(422);
      expect(res.body.details).toMatchObject({ field: 'heldAt' });
      // Later today (a booked time being logged) is fine.
      const soon = new Date(Date.now() + 3 * 3_600_000).toISOString();
      expect((await call(brobygger, 'POST', `/v1/referrals/${id}/conversations`, conversation({ heldAt: soon }))).status).toBe(201);
    });

    it('refuses a follow-up due before the case was created with 422 on dueAt', async () => {
      const id = await contactedCase();
      const before = await count('follow_up');
      const res = await call(brobygger, 'POST', '/v1/follow-ups', {
        referralId: id,
        kind: 'custom',
        dueAt: new Date(Date.now() - 7 * 86_400_000).toISOString(),
      });
      expect(res.status).toBe(422);
      expect(res.body.details).toMatchObject({ field: 'dueAt' });
      expect(await count('follow_up')).toBe(before);
      const later = new Date(Date.now() + 7 * 86_400_000).toISOString();
      expect((await call(brobygger, 'POST', '/v1/follow-ups', { referralId: id, kind: 'custom', dueAt: later })).status).toBe(201);
    });

    it('refuses null for a setting that cannot be empty with 400 (it was written, and PostgreSQL refused it: 500)', async () => {
      for (const body of [{ timeZone: null }, { recordKeeping: null }, { retentionYears: null }]) {
        const res = await call(coordinator, 'PATCH', '/v1/municipality', body);
        expect({ body, status: res.status }).toEqual({ body, status: 400 });
        expect(res.body.details[0].field).toBe(Object.keys(body)[0]);
      }
      const res = await call(coordinator, 'PATCH', `/v1/users/${gp.id}`, { active: null });
      expect(res.status).toBe(400);
    });

    it('answers absurd dates (year 0, year 9999, the edge of what JavaScript can hold) with 4xx, never 5xx', async () => {
      const id = await contactedCase();
      const absurd = ['0000-01-01T00:00:00Z', '0001-01-01T00:00:00Z', '9999-12-31T23:59:59Z', '+275760-09-13T00:00:00Z', '-271821-04-20'];
      for (const at of absurd) {
        const attempts = [
          await call(brobygger, 'POST', `/v1/referrals/${id}/conversations`, conversation({ heldAt: at })),
          await call(brobygger, 'POST', '/v1/follow-ups', { referralId: id, kind: 'custom', dueAt: at }),
          await call(brobygger, 'POST', `/v1/referrals/${id}/contact-attempts`, { outcome: 'no_answer', attemptedAt: at }),
          await call(brobygger, 'PUT', `/v1/referrals/${id}/plan`, { goals: ['x'], steps: [{ description: 'y', dueAt: at }] }),
          await call(coordinator, 'PATCH', `/v1/brobyggere/${brobygger.brobyggerId}`, { absentFrom: at.slice(0, 10) }),
        ];
        for (const res of attempts) {
          expect({ at, status: res.status, fourXX: res.status >= 400 && res.status < 500 }).toMatchObject({ fourXX: true });
        }
      }
    });
  });
});
