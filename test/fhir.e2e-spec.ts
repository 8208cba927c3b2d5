import type { NestFastifyApplication } from '@nestjs/platform-fastify';
import { BroSystems, FhirService, FhirValidator } from '@bro/fhir';
import { DataSource } from 'typeorm';
import {
  bootApi,
  caller,
  createArea,
  createBrobygger,
  createMunicipality,
  createUser,
  FeedbackLevel,
  fhirReferralBundle,
  fhirSchemaErrors,
  http,
  TestUser,
} from './kit';

/**
 * The FHIR R4 face: the fixtures' transaction Bundle goes through the same intake as
 * POST /v1/referrals, and the closed-loop Task a GP system polls is cut by the same
 * disclosure policy — every response validated against base R4.
 */
describe('FHIR R4 (e2e)', () => {
  let api: NestFastifyApplication;
  let ds: DataSource;
  let call: ReturnType<typeof caller>;
  let validator: FhirValidator;
  let systems: BroSystems;

  beforeAll(async () => {
    api = await bootApi();
    ds = api.get(DataSource);
    call = caller(api);
    validator = api.get(FhirValidator);
    systems = api.get(FhirService).systems;
  });
  afterAll(() => api.close());

  it('has an independent validator that rejects what is not FHIR R4', () => {
    expect(fhirSchemaErrors({ resourceType: 'Task', status: 'requested', intent: 'order' })).toEqual([]);
    expect(fhirSchemaErrors({ resourceType: 'Task', status: 'bogus', intent: 'order' })).not.toEqual([]);
    expect(fhirSchemaErrors({ resourceType: 'Task', intent: 'order', colour: 'blue' } as any)).not.toEqual([]);
    expect(
      fhirSchemaErrors({ resourceType: 'ServiceRequest', status: 'active', intent: 'order', authoredOn: 'yesterday' } as any),
    ).not.toEqual([]);
  }, 120_000); // compiling HL7's schema takes a while, once

  /** A municipality with a GP (clinic), a colleague in the same clinic, a GP of another clinic, a coordinator and a brobygger. */
  async function world() {
    const m = await createMunicipality(ds);
    const area = await createArea(ds, m, ['5000']);
    const brobygger = await createBrobygger(ds, m, [area], 10);
    const gp = await createUser(ds, m, 'referrer');
    return {
      m,
      gp,
      colleague: await createUser(ds, m, 'referrer', gp.organisation),
      otherGp: await createUser(ds, m, 'referrer'),
      coordinator: await createUser(ds, m, 'coordinator'),
      brobygger,
    };
  }

  /** Every FHIR answer: the FHIR content type and a resource that validates with zero errors. */
  function expectFhir(res: { status: number; body: any; headers: Record<string, unknown> }, status: number, resourceType: string) {
    expect({ status: res.status, resourceType: res.body?.resourceType }).toEqual({ status, resourceType });
    expect(res.headers['content-type']).toBe('application/fhir+json; charset=utf-8');
    expect(validator.validate(res.body)).toEqual([]);
    // …and, independently, against HL7's FHIR R4 JSON Schema with another engine (Ajv).
    expect(fhirSchemaErrors(res.body)).toEqual([]);
    emitted.add(res.body.resourceType);
    return res.body;
  }
  const emitted = new Set<string>();

  const submit = (user: TestUser, bundle: unknown) => call(user, 'POST', '/fhir', bundle);
  /** The Task has the id of the ServiceRequest the transaction stored. */
  const taskId = (response: any) =>
    (response.entry as any[]).find((e) => e.response.location?.startsWith('ServiceRequest/')).response.location.slice(15);

  it('publishes a CapabilityStatement without a token, listing exactly what is supported', async () => {
    const cs = expectFhir(await http(api, 'GET', '/fhir/metadata'), 200, 'CapabilityStatement');
    expect(cs.fhirVersion).toBe('4.0.1');
    const rest = cs.rest[0];
    expect(rest.interaction).toEqual([{ code: 'transaction' }]);
    expect(
      rest.resource.map((r: any) => [r.type, r.interaction.map((i: any) => i.code), (r.searchParam ?? []).map((p: any) => p.name)]),
    ).toEqual([
      ['Task', ['read', 'search-type'], ['_id', 'patient', 'status', 'code', 'requester', 'focus', '_lastUpdated', '_count', '_offset']],
      ['ServiceRequest', ['read'], []],
    ]);
    // …and the routes of the application under /fhir are exactly these.
    const doc = (await http(api, 'GET', '/docs-json')).body;
    const fhirRoutes = Object.entries(doc.paths as Record<string, object>)
      .filter(([path]) => path.startsWith('/fhir'))
      .flatMap(([path, methods]) => Object.keys(methods).map((m) => `${m.toUpperCase()} ${path}`))
      .sort();
    expect(fhirRoutes).toEqual(
      ['GET /fhir/ServiceRequest/{id}', 'GET /fhir/Task', 'GET /fhir/Task/{id}', 'GET /fhir/metadata', 'POST /fhir'].sort(),
    );
  });

  it('takes the fixtures’ Bundle through intake (application/fhir+json) and answers a transaction-response with the Task', async () => {
    const w = await world();
    const bundle = fhirReferralBundle({ cpr: '0703921234', feedback: 'status' });
    const { accessToken } = (await http(api, 'POST', '/v1/auth/dev-token', { body: { username: w.gp.username } })).body;
    const res = await http(api, 'POST', '/fhir', {
      token: accessToken,
      rawBody: JSON.stringify(bundle),
      headers: { 'content-type': 'application/fhir+json' },
    });
    const response = expectFhir(res, 200, 'Bundle');
    expect(response.type).toBe('transaction-response');
    // One response entry per request entry: the ServiceRequest became the case (201 and its location); the
    // Patient and the Consent were read into it and are not resources of their own (200, no location).
    expect(response.entry).toHaveLength(3);
    const id = taskId(response);
    expect(response.entry.map((e: any) => [e.response.status, e.response.location ?? null])).toEqual([
      ['200 OK', null],
      ['201 Created', `ServiceRequest/${id}`],
      ['200 OK', null],
    ]);

    // Round trip: what intake stored is what the Bundle said.
    const [row] = await ds.query(
      `SELECT r.status, r.reasons, r.note, r.referrer_id, r.municipality_id, c.name, c.phone, c.street, c.postcode, c.city, c.cpr_hmac IS NOT NULL AS has_cpr
         FROM referral r JOIN citizen c ON c.id = r.citizen_id WHERE r.id = $1`,
      [id],
    );
    expect(row).toEqual({
      status: 'submitted',
      reasons: ['loneliness', 'unemployment'],
      note: 'Borgeren ønsker kontakt om eftermiddagen.',
      referrer_id: w.gp.id,
      municipality_id: w.m,
      name: 'Birgit Berggren',
      phone: '+4512345678',
      street: 'Testvej 1',
      postcode: '5000',
      city: 'Odense C',
      has_cpr: true,
    });
    const consents = await ds.query(
      "SELECT scope, value, method FROM consent WHERE referral_id = $1 AND scope IN ('referral', 'referrer_feedback') ORDER BY scope",
      [id],
    );
    expect(consents).toEqual([
      { scope: 'referral', value: 'true', method: 'verbal' },
      { scope: 'referrer_feedback', value: 'status', method: 'verbal' },
    ]);
    // Same audit as REST, and nothing personal in the answer.
    expect(await ds.query("SELECT action FROM audit_log WHERE referral_id = $1 AND action = 'referral.create'", [id])).toHaveLength(1);
    expect(JSON.stringify(response)).not.toMatch(/0703921234|Berggren|Testvej|eftermiddagen/);
  });

  it('answers a Bundle with a ServiceRequest.identifier seen before with the same response, without processing it again', async () => {
    const w = await world();
    const bundle = fhirReferralBundle();
    const first = await submit(w.gp, bundle);
    const again = await submit(w.gp, bundle);
    expectFhir(again, 200, 'Bundle');
    expect(again.body).toEqual(first.body);
    const [{ n }] = await ds.query('SELECT count(*)::int AS n FROM referral WHERE municipality_id = $1', [w.m]);
    expect(n).toBe(1);
    expect(await ds.query('SELECT 1 FROM audit_log WHERE referral_id = $1', [taskId(first.body)])).toHaveLength(1);

    // The same identifier with different content is a conflict, not a second referral.
    const changed = fhirReferralBundle({ identifier: bundle.entry[1].resource.identifier[0].value });
    const conflict = expectFhir(await submit(w.gp, changed), 409, 'OperationOutcome');
    expect(conflict.issue[0].code).toBe('conflict');
  });

  it('links a clinic colleague’s Bundle for a citizen with an open case to that case’s Task, which both then see', async () => {
    const w = await world();
    const first = await submit(w.gp, fhirReferralBundle({ cpr: '0703921234' }));
    const second = expectFhir(await submit(w.colleague, fhirReferralBundle({ cpr: '0703921234' })), 200, 'Bundle');
    expect(taskId(second)).toBe(taskId(first.body));
    expect(second.entry[1].response.status).toBe('200 OK');
    expectFhir(await call(w.colleague, 'GET', `/fhir/Task/${taskId(second)}`), 200, 'Task');
    const [{ n }] = await ds.query('SELECT count(*)::int AS n FROM referral WHERE municipality_id = $1', [w.m]);
    expect(n).toBe(1);
  });

  it('answers another clinic’s Bundle for a citizen with an open case as for an unknown citizen: a Task of its own (ADR 0014)', async () => {
    const w = await world();
    const first = await submit(w.gp, fhirReferralBundle({ cpr: '0703921234' }));
    const unknown = expectFhir(await submit(w.otherGp, fhirReferralBundle()), 200, 'Bundle');
    const second = expectFhir(await submit(w.otherGp, fhirReferralBundle({ cpr: '0703921234' })), 200, 'Bundle');
    expect(taskId(second)).not.toBe(taskId(first.body));
    expect(second.entry.map((e: { response: { status: string } }) => e.response.status)).toEqual(
      unknown.entry.map((e: { response: { status: string } }) => e.response.status),
    );
    const task = expectFhir(await call(w.otherGp, 'GET', `/fhir/Task/${taskId(second)}`), 200, 'Task');
    expect(task.status).toBe('requested');
    expectFhir(await call(w.otherGp, 'GET', `/fhir/Task/${taskId(first.body)}`), 404, 'OperationOutcome');
  });

  describe('rejects with an OperationOutcome naming the element, and changes nothing', () => {
    const cases: [string, (b: any) => void, number, string][] = [
      ['no Consent', (b) => b.entry.splice(2, 1), 422, 'Bundle.entry.resource.ofType(Consent)'],
      ['a Consent that denies', (b) => (b.entry[2].resource.provision.type = 'deny'), 422, 'Bundle.entry[2].resource.provision.type'],
      [
        'a ServiceRequest that does not point at the Consent',
        (b) => delete b.entry[1].resource.supportingInfo,
        422,
        'Bundle.entry[1].resource.supportingInfo',
      ],
      [
        'a CPR that breaks the DK Core pattern',
        (b) => (b.entry[0].resource.identifier[0].value = '12345'),
        400,
        'Bundle.entry[0].resource.identifier[0].value',
      ],
      ['a CPR whose date does not exist', (b) => (b.entry[0].resource.identifier[0].value = '3102921234'), 422, 'Patient.identifier'],
      ['no CPR', (b) => (b.entry[0].resource.identifier[0].system = 'urn:other'), 422, 'Bundle.entry[0].resource.identifier'],
      ['an unknown element', (b) => (b.entry[0].resource.favouriteColour = 'blue'), 400, 'Bundle.entry[0].resource.favouriteColour'],
      ['a missing ServiceRequest.status', (b) => delete b.entry[1].resource.status, 400, 'Bundle.entry[1].resource.status'],
      ['a bogus ServiceRequest.status', (b) => (b.entry[1].resource.status = 'bogus'), 400, 'Bundle.entry[1].resource.status'],
      ['a wrong type', (b) => (b.entry[1].resource.authoredOn = 20261120), 400, 'Bundle.entry[1].resource.authoredOn'],
      ['an array for a single value', (b) => (b.entry[1].resource.intent = ['order']), 400, 'Bundle.entry.resource.intent'],
      [
        'an unknown reason',
        (b) => (b.entry[1].resource.reasonCode = [{ text: 'Tandpine' }]),
        422,
        'Bundle.entry[1].resource.reasonCode[0]',
      ],
      ['a postcode intake refuses', (b) => (b.entry[0].resource.address[0].postalCode = '50000'), 422, 'Patient.address.postalCode'],
      ['a batch instead of a transaction', (b) => (b.type = 'batch'), 400, 'Bundle.type'],
      ['a ServiceRequest that is not active', (b) => (b.entry[1].resource.status = 'draft'), 422, 'Bundle.entry[1].resource.status'],
      [
        'a ServiceRequest that is a plan, not an order',
        (b) => (b.entry[1].resource.intent = 'plan'),
        422,
        'Bundle.entry[1].resource.intent',
      ],
      [
        'a Consent inside the Bundle that breaks ppc-1 (no policy or policyRule)',
        (b) => delete b.entry[2].resource.policyRule,
        400,
        'Bundle.entry[2].resource',
      ],
      ['not a Bundle', (b) => (b.resourceType = 'Parameters'), 400, 'Bundle'],
    ];
    let w: Awaited<ReturnType<typeof world>>;
    beforeAll(async () => (w = await world()));

    it.each(cases)('%s', async (_, mutate, status, element) => {
      const bundle = fhirReferralBundle();
      mutate(bundle);
      const outcome = expectFhir(await submit(w.gp, bundle), status, 'OperationOutcome');
      expect(outcome.issue.flatMap((i: any) => i.expression ?? [])).toContain(element);
      expect(JSON.stringify(outcome)).not.toMatch(/Berggren|Testvej|3102921234|Tandpine|blue/);
      expect(await ds.query('SELECT 1 FROM referral WHERE municipality_id = $1', [w.m])).toEqual([]);
      expect(await ds.query('SELECT 1 FROM citizen WHERE municipality_id = $1', [w.m])).toEqual([]);
    });

    it('without a token (401), for a brobygger (403), for unknown paths, content types and unreadable JSON', async () => {
      expectFhir(await http(api, 'POST', '/fhir', { body: fhirReferralBundle() }), 401, 'OperationOutcome');
      expectFhir(await http(api, 'GET', '/fhir/Task?_count=5'), 401, 'OperationOutcome');
      expectFhir(await submit(w.brobygger, fhirReferralBundle()), 403, 'OperationOutcome');
      expectFhir(await call(w.gp, 'GET', '/fhir/Task/not-a-uuid'), 404, 'OperationOutcome');
      // Unknown search parameters are ignored, unless the client asks for strict handling.
      expectFhir(await call(w.gp, 'GET', '/fhir/Task?colour=blue'), 200, 'Bundle');
      expectFhir(await call(w.gp, 'GET', '/fhir/Task?colour=blue', undefined, { prefer: 'handling=strict' }), 400, 'OperationOutcome');
      expectFhir(await call(w.gp, 'GET', '/fhir/Task?_lastUpdated=yesterday'), 400, 'OperationOutcome');
      expectFhir(await call(w.gp, 'GET', '/fhir/Patient/123'), 404, 'OperationOutcome');
      const { accessToken } = (await http(api, 'POST', '/v1/auth/dev-token', { body: { username: w.gp.username } })).body;
      const headers = { 'content-type': 'application/fhir+json' };
      expectFhir(await http(api, 'POST', '/fhir', { token: accessToken, rawBody: '{"resourceType": ', headers }), 400, 'OperationOutcome');
      const xml = { 'content-type': 'application/fhir+xml' };
      expectFhir(await http(api, 'POST', '/fhir', { token: accessToken, rawBody: '<Bundle/>', headers: xml }), 415, 'OperationOutcome');
      // Outside /fhir the REST error shape is unchanged.
      expect((await http(api, 'GET', '/v1/nothing-here')).body).toMatchObject({ statusCode: 404, error: 'Not Found' });
    });
  });

  it('echoes the sender’s identifier, requester and subject on the ServiceRequest and Task, coded as Gravity asks (DK Core, SDOH)', async () => {
    const w = await world();
    const bundle = fhirReferralBundle({ identifier: 'urn:uuid:2f0c8a4e-7b1d-4c3e-9f2a-5d6e7f8a9b0c' });
    const id = taskId((await submit(w.gp, bundle)).body);
    const sr = expectFhir(await call(w.gp, 'GET', `/fhir/ServiceRequest/${id}`), 200, 'ServiceRequest');
    expect(sr).toMatchObject({
      identifier: [{ system: 'urn:ietf:rfc:3986', value: 'urn:uuid:2f0c8a4e-7b1d-4c3e-9f2a-5d6e7f8a9b0c' }],
      status: 'active',
      intent: 'order',
      code: { coding: [{ system: systems.service, code: 'social-prescribing' }] },
      subject: { reference: 'Patient/pat-1', type: 'Patient' },
      requester: { reference: 'PractitionerRole/gp-1' },
    });
    expect(sr.category.map((c: any) => c.coding[0].code)).toEqual(['410606002', 'sdoh-category-unspecified']);
    // A coordinator sees the SDOH categories of the reasons.
    const full = expectFhir(await call(w.coordinator, 'GET', `/fhir/ServiceRequest/${id}`), 200, 'ServiceRequest');
    expect(full.category.map((c: any) => c.coding[0].code)).toEqual(['410606002', 'social-connection', 'employment-status']);
    // Another clinic's GP of the same case (if linked) never gets this clinic's identifier; the colleague does.
    const colleague = expectFhir(await call(w.colleague, 'GET', `/fhir/Task/${id}`), 200, 'Task');
    expect(colleague).toMatchObject({ for: { reference: 'Patient/pat-1' }, requester: { reference: 'PractitionerRole/gp-1' } });
    // Bro's code systems are under the configured canonical base, not an example domain.
    expect(JSON.stringify([sr, full, colleague])).not.toContain('example.dk');
    expect(systems.milestone).toMatch(/^https?:\/\/[^/]+.*\/CodeSystem\/referrer-milestone$/);
  });

  it('keeps a conditional Patient reference that carries a CPR number out of what it echoes', async () => {
    const w = await world();
    const bundle: any = fhirReferralBundle({ cpr: '0703921234' });
    bundle.entry[0].fullUrl = 'urn:uuid:0703921234-aaaa';
    bundle.entry[1].resource.subject = { reference: 'urn:uuid:0703921234-aaaa' };
    const id = taskId(expectFhir(await submit(w.gp, bundle), 200, 'Bundle'));
    const task = expectFhir(await call(w.gp, 'GET', `/fhir/Task/${id}`), 200, 'Task');
    expect(task.for).toEqual({ type: 'Patient', display: 'Den henviste borger' });
    expect(JSON.stringify(task)).not.toContain('0703921234');
  });

  it('answers reads with meta.versionId, ETag and Last-Modified that change with what the caller may see', async () => {
    const w = await world();
    const id = taskId((await submit(w.gp, fhirReferralBundle({ feedback: 'status' }))).body);
    const first = await call(w.gp, 'GET', `/fhir/Task/${id}`);
    const task = expectFhir(first, 200, 'Task');
    expect(first.headers.etag).toBe(`W/"${task.meta.versionId}"`);
    expect(new Date(String(first.headers['last-modified'])).getTime()).toBe(Math.floor(Date.parse(task.meta.lastUpdated) / 1000) * 1000);
    const sr = await call(w.gp, 'GET', `/fhir/ServiceRequest/${id}`);
    expect(sr.headers.etag).toBe(`W/"${sr.body.meta.versionId}"`);
    expect((await call(w.coordinator, 'POST', `/v1/referrals/${id}/assign`, { brobyggerId: w.brobygger.brobyggerId })).status).toBe(200);
    const second = await call(w.gp, 'GET', `/fhir/Task/${id}`);
    expect(second.headers.etag).not.toBe(first.headers.etag);
  });

  it('searches Tasks by _id, patient, status, code, requester and _lastUpdated, with total and a next link', async () => {
    const w = await world();
    const ids: string[] = [];
    for (let i = 0; i < 3; i++) ids.push(taskId((await submit(w.gp, fhirReferralBundle({ feedback: 'status' }))).body));
    expect((await call(w.coordinator, 'POST', `/v1/referrals/${ids[0]}/assign`, { brobyggerId: w.brobygger.brobyggerId })).status).toBe(
      200,
    );
    const search = async (query: string) => expectFhir(await call(w.gp, 'GET', `/fhir/Task?${query}`), 200, 'Bundle');
    const found = async (query: string) => (await search(query)).entry.map((e: any) => e.resource.id).sort();

    expect(await found(`_id=${ids[1]}`)).toEqual([ids[1]]);
    expect(await found(`_id=${ids[1]},${ids[2]}`)).toEqual([ids[1], ids[2]].sort());
    expect(await found('patient=Patient/pat-1')).toEqual([...ids].sort());
    expect(await found('patient=Patient/someone-else')).toEqual([]);
    expect(await found('status=accepted')).toEqual([ids[0]]);
    expect(await found('status=requested,accepted')).toEqual([...ids].sort());
    expect(await found('code=http://hl7.org/fhir/CodeSystem/task-code|fulfill')).toEqual([...ids].sort());
    expect(await found('code=approve')).toEqual([]);
    expect(await found('requester=PractitionerRole/gp-1')).toEqual([...ids].sort());
    expect(await found('requester=PractitionerRole/other')).toEqual([]);
    expect(await found(`focus=ServiceRequest/${ids[2]}&status=requested`)).toEqual([ids[2]]);
    expect(await found('_lastUpdated=lt2000-01-01')).toEqual([]);
    expect(await found(`_lastUpdated=ge2000-01-01&_lastUpdated=le2200-01-01`)).toEqual([...ids].sort());

    // Paging: total is every match; next carries on where the page ended, until there is no next.
    const page1 = await search('_count=2');
    expect(page1.total).toBe(3);
    expect(page1.entry).toHaveLength(2);
    const next = page1.link.find((l: any) => l.relation === 'next').url;
    expect(next).toMatch(/^\/fhir\/Task\?.*_offset=2/);
    const page2 = expectFhir(await call(w.gp, 'GET', next), 200, 'Bundle');
    expect(page2.entry).toHaveLength(1);
    expect(page2.link.find((l: any) => l.relation === 'next')).toBeUndefined();
    expect([...page1.entry, ...page2.entry].map((e: any) => e.resource.id).sort()).toEqual([...ids].sort());

    // Unknown parameters ignored, refused only with Prefer: handling=strict; bad values of known ones are 400.
    expect((await search(`_id=${ids[1]}&_elements=id&colour=blue`)).total).toBe(1);
    const strict = await call(w.gp, 'GET', `/fhir/Task?_id=${ids[1]}&colour=blue`, undefined, { prefer: 'handling=strict' });
    expect(expectFhir(strict, 400, 'OperationOutcome').issue[0].expression).toEqual(['colour']);
    const misplaced = await call(w.gp, 'GET', '/fhir/Task?0703921234=1', undefined, { prefer: 'handling=strict' });
    expect(JSON.stringify(expectFhir(misplaced, 400, 'OperationOutcome'))).not.toContain('0703921234');
    expectFhir(await call(w.gp, 'GET', '/fhir/Task?_count=0'), 400, 'OperationOutcome');
    expectFhir(await call(w.gp, 'GET', '/fhir/Task?_offset=-1'), 400, 'OperationOutcome');
  });

  it('never puts a CPR the client searched by into the self, next or previous links; they still page the same search', async () => {
    const w = await world();
    const ids: string[] = [];
    for (let i = 0; i < 3; i++) ids.push(taskId((await submit(w.gp, fhirReferralBundle({ feedback: 'status' }))).body));
    const cpr = '0703921234';
    const shapes = [cpr, '070392-1234'];
    const conditional = `Patient?identifier=urn:oid:1.2.208.176.1.2|${cpr}`;
    for (const query of [
      `patient=${encodeURIComponent(conditional)}`,
      `patient=${cpr}&_count=1`,
      `requester=070392-1234`,
      `_id=${cpr}`,
      `focus=ServiceRequest/${cpr}`,
      `status=${cpr}`,
      `code=${cpr}`,
    ]) {
      const found = expectFhir(await call(w.gp, 'GET', `/fhir/Task?${query}`), 200, 'Bundle');
      expect(found.total).toBe(0);
      const links = decodeURIComponent(JSON.stringify(found.link));
      for (const shape of shapes) expect({ query, leaked: links.includes(shape) }).toEqual({ query, leaked: false });
      // The self link is the same search: followed, it finds the same (nothing).
      const self = found.link.find((l: any) => l.relation === 'self').url;
      expect(expectFhir(await call(w.gp, 'GET', self), 200, 'Bundle').total).toBe(0);
    }

    // Paging a search by patient: the links carry the reference only as an opaque value, and page on.
    const page1 = expectFhir(await call(w.gp, 'GET', '/fhir/Task?patient=Patient/pat-1&_count=2'), 200, 'Bundle');
    expect(page1.total).toBe(3);
    const next = page1.link.find((l: any) => l.relation === 'next').url as string;
    expect(next).not.toContain('pat-1');
    const page2 = expectFhir(await call(w.gp, 'GET', next), 200, 'Bundle');
    expect(page2.total).toBe(3);
    expect([...page1.entry, ...page2.entry].map((e: any) => e.resource.id).sort()).toEqual([...ids].sort());
    const previous = page2.link.find((l: any) => l.relation === 'previous').url as string;
    expect(expectFhir(await call(w.gp, 'GET', previous), 200, 'Bundle').entry.map((e: any) => e.resource.id)).toEqual(
      page1.entry.map((e: any) => e.resource.id),
    );
    // The opaque value is the caller's own: another user following the link matches nothing.
    expect(expectFhir(await call(w.colleague, 'GET', next), 200, 'Bundle').total).toBe(0);
  });

  /** A referral sent over FHIR, then worked through the REST API to completion with an approved summary. */
  async function workedCase(feedback: FeedbackLevel) {
    const w = await world();
    const id = taskId((await submit(w.gp, fhirReferralBundle({ feedback }))).body);
    const steps: [TestUser, string, unknown][] = [
      [w.coordinator, 'assign', { brobyggerId: w.brobygger.brobyggerId }],
      [w.brobygger, 'contact-attempts', { outcome: 'reached' }],
      [w.brobygger, 'conversations', { heldAt: new Date().toISOString(), durationMinutes: 45, location: 'Biblioteket', kind: 'first' }],
      [w.brobygger, 'hold', { reason: 'Indlagt på hospitalet' }],
    ];
    for (const [user, action, body] of steps)
      expect((await call(user, 'POST', `/v1/referrals/${id}/${action}`, body)).status).toBeLessThan(300);
    return { w, id };
  }

  const close = (w: Awaited<ReturnType<typeof world>>, id: string) =>
    call(w.brobygger, 'POST', `/v1/referrals/${id}/close`, {
      outcome: 'goal_reached',
      summary: 'Borgeren går nu i en gåklub.',
      summaryApprovedByCitizen: true,
    });

  it('cuts the Task to the citizen’s feedback consent (none, status, summary) and tells nothing else', async () => {
    const seen: Record<string, unknown> = {};
    for (const level of ['none', 'status', 'summary'] as const) {
      const { w, id } = await workedCase(level);
      // On hold: a pause is never shown to a referrer (its reason is often health information).
      const held = expectFhir(await call(w.gp, 'GET', `/fhir/Task/${id}`), 200, 'Task');
      expect([held.status, held.businessStatus.coding[0].code]).toEqual(
        level === 'none' ? ['requested', 'received'] : ['in-progress', 'conversation_held'],
      );
      expect((await call(w.brobygger, 'POST', `/v1/referrals/${id}/resume`)).status).toBe(200);
      expect((await close(w, id)).status).toBe(200);

      const task = expectFhir(await call(w.gp, 'GET', `/fhir/Task/${id}`), 200, 'Task');
      const sr = expectFhir(await call(w.colleague, 'GET', `/fhir/ServiceRequest/${id}`), 200, 'ServiceRequest');
      const text = JSON.stringify([task, sr]);
      for (const secret of [
        'Birgit',
        'Berggren',
        'Testvej',
        'eftermiddagen',
        'Ensomhed',
        'loneliness',
        'Indlagt',
        'Biblioteket',
        'hospital',
      ]) {
        expect(text).not.toContain(secret);
      }
      const { meta: _m, authoredOn: _a, lastModified: _l, id: _i, focus: _f, owner, for: subject, requester, ...rest } = task;
      expect(owner.display).toMatch(/^Testkommune/);
      // Gravity: the Task names the subject and the requester as the sender wrote them, and nothing more.
      expect({ subject, requester }).toEqual({
        subject: { reference: 'Patient/pat-1', type: 'Patient' },
        requester: { reference: 'PractitionerRole/gp-1' },
      });
      seen[level] = { task: rest, serviceRequest: sr.status };
    }
    expect(seen).toEqual({
      none: {
        task: {
          resourceType: 'Task',
          status: 'requested',
          businessStatus: {
            coding: [{ system: systems.milestone, code: 'received' }],
          },
          intent: 'order',
          code: { coding: [{ system: 'http://hl7.org/fhir/CodeSystem/task-code', code: 'fulfill' }] },
        },
        serviceRequest: 'active',
      },
      status: {
        task: {
          resourceType: 'Task',
          status: 'completed',
          businessStatus: {
            coding: [{ system: systems.milestone, code: 'closed' }],
          },
          intent: 'order',
          code: { coding: [{ system: 'http://hl7.org/fhir/CodeSystem/task-code', code: 'fulfill' }] },
        },
        serviceRequest: 'completed',
      },
      summary: {
        task: {
          resourceType: 'Task',
          contained: [
            {
              resourceType: 'Communication',
              id: 'summary',
              status: 'completed',
              basedOn: [{ reference: expect.stringMatching(/^ServiceRequest\//) }],
              payload: [{ contentString: 'Borgeren går nu i en gåklub.' }],
            },
          ],
          status: 'completed',
          businessStatus: {
            coding: [{ system: systems.milestone, code: 'closed' }],
          },
          intent: 'order',
          code: { coding: [{ system: 'http://hl7.org/fhir/CodeSystem/task-code', code: 'fulfill' }] },
          output: [
            {
              type: {
                coding: [{ system: systems.taskOutput, code: 'approved-summary', display: 'Tilbagemelding godkendt af borgeren' }],
                text: 'Tilbagemelding (godkendt af borgeren)',
              },
              valueReference: { reference: '#summary', type: 'Communication' },
            },
          ],
        },
        serviceRequest: 'completed',
      },
    });
  });

  it('shows a coordinator every Task of the municipality with the case status; other clinics and municipalities see nothing', async () => {
    const { w, id } = await workedCase('status');
    const held = expectFhir(await call(w.coordinator, 'GET', `/fhir/Task/${id}`), 200, 'Task');
    expect(held).toMatchObject({
      status: 'on-hold',
      statusReason: { text: 'Forløbet er sat på pause' },
      businessStatus: { coding: [{ system: systems.caseStatus, code: 'on_hold' }] },
      owner: { reference: expect.stringMatching(/^Organization\/kommune-/) },
    });
    expect(JSON.stringify(held)).not.toContain('Indlagt'); // the free-text reason stays in Bro
    expectFhir(await call(w.otherGp, 'GET', `/fhir/Task/${id}`), 404, 'OperationOutcome');
    expectFhir(await call(w.otherGp, 'GET', `/fhir/ServiceRequest/${id}`), 404, 'OperationOutcome');
    const elsewhere = await world();
    expectFhir(await call(elsewhere.coordinator, 'GET', `/fhir/Task/${id}`), 404, 'OperationOutcome');
    const none = expectFhir(await call(w.otherGp, 'GET', `/fhir/Task?focus=ServiceRequest/${id}`), 200, 'Bundle');
    expect(none.entry).toEqual([]);

    // Every read is audited like the REST view.
    const reads = await ds.query("SELECT user_id, purpose FROM audit_log WHERE referral_id = $1 AND action = 'referral.read'", [id]);
    expect(reads).toEqual([{ user_id: w.coordinator.id, purpose: 'casework' }]);
  });

  it('lets a GP system find the Task by focus and poll by _lastUpdated (Gravity), seeing only disclosed changes', async () => {
    const w = await world();
    const before = new Date(Date.now() - 1000).toISOString();
    const id = taskId((await submit(w.gp, fhirReferralBundle({ feedback: 'none' }))).body);
    const byFocus = expectFhir(await call(w.colleague, 'GET', `/fhir/Task?focus=ServiceRequest/${id}`), 200, 'Bundle');
    expect(byFocus).toMatchObject({
      type: 'searchset',
      total: 1,
      entry: [{ fullUrl: `Task/${id}`, resource: { id, status: 'requested' } }],
    });

    const poll = async (since: string) =>
      expectFhir(await call(w.gp, 'GET', `/fhir/Task?_lastUpdated=gt${encodeURIComponent(since)}`), 200, 'Bundle').entry.map(
        (e: any) => e.resource.id,
      );
    expect(await poll(before)).toEqual([id]);
    const afterReceipt = new Date().toISOString();
    expect(await poll(afterReceipt)).toEqual([]);
    // Work on the case at level "none" changes nothing the GP may see, so the poll stays empty.
    expect((await call(w.coordinator, 'POST', `/v1/referrals/${id}/assign`, { brobyggerId: w.brobygger.brobyggerId })).status).toBe(200);
    expect(await poll(afterReceipt)).toEqual([]);
    // The coordinator's poll sees the change.
    const coordinatorPoll = await call(w.coordinator, 'GET', `/fhir/Task?_lastUpdated=gt${encodeURIComponent(afterReceipt)}&_count=10`);
    expect(expectFhir(coordinatorPoll, 200, 'Bundle').entry.map((e: any) => [e.resource.id, e.resource.status])).toEqual([
      [id, 'accepted'],
    ]);
  });

  it('checked every resource type Bro emits with both validators', () => {
    expect([...emitted].sort()).toEqual(['Bundle', 'CapabilityStatement', 'OperationOutcome', 'ServiceRequest', 'Task']);
  });
});
