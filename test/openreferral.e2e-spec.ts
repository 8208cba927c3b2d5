import type { NestFastifyApplication } from '@nestjs/platform-fastify';
import Ajv from 'ajv';
import addFormats from 'ajv-formats';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { DataSource } from 'typeorm';
import { bootApi, caller, createMunicipality, createUser, http, referralBody } from './kit';

/**
 * The public Open Referral UK feed of the directory: every response validated against
 * the ORUK (HSDS 3.0 profile) schemas, no token, CORS open on these routes only, and
 * nothing about citizens.
 */
describe('Open Referral feed (e2e)', () => {
  let api: NestFastifyApplication;
  let ds: DataSource;
  const ajv = addFormats(new Ajv({ strict: false, allErrors: true }));
  const read = (path: string) => JSON.parse(readFileSync(join(__dirname, 'fixtures', 'hsds', path), 'utf8'));
  const schema = (name: string) => ajv.compile(read(`oruk-schema/${name}.json`));
  // The profile's definitions (taxonomy, taxonomy_term, phone) and the HSDS 3.0 API description (`/`, Page).
  ajv.addSchema(read('oruk-schema/service_with_definitions.json'), 'oruk');
  const openapi = read('hsds-3.0-openapi.json');
  const validators = {
    service: schema('service'),
    service_list: schema('service_list'),
    organization: schema('organization'),
    organization_list: schema('organization_list'),
    taxonomy: ajv.compile({ $ref: 'oruk#/definitions/taxonomy' }),
    taxonomy_term: ajv.compile({ $ref: 'oruk#/definitions/taxonomy_term' }),
    phone: ajv.compile({ $ref: 'oruk#/definitions/phone' }),
    root: ajv.compile(openapi.paths['/'].get.responses['200'].content['application/json'].schema),
    page: ajv.compile(openapi.components.schemas.Page),
  };
  type Kind = keyof typeof validators;

  /** Valid against the schema, and no field present but empty (absent fields are absent). */
  function expectValid(kind: Kind, body: any) {
    const ok = validators[kind](body);
    expect({ kind, errors: validators[kind].errors ?? null, ok }).toEqual({ kind, errors: null, ok: true });
    const empties: string[] = [];
    const walk = (v: unknown, path: string) => {
      if (v === '') empties.push(path);
      else if (Array.isArray(v)) v.forEach((x, i) => walk(x, `${path}[${i}]`));
      else if (v && typeof v === 'object') for (const [k, x] of Object.entries(v)) walk(x, `${path}.${k}`);
    };
    walk(body, kind);
    expect(empties).toEqual([]);
    return body;
  }

  /** A page as the HSDS 3.0 API describes it (Page), each item valid against its schema; `size` is the items on the page. */
  function expectPage(body: any, item: Kind) {
    expect(Object.keys(body).sort()).toEqual(
      ['contents', 'empty', 'first_page', 'last_page', 'page_number', 'size', 'total_items', 'total_pages'].sort(),
    );
    expectValid('page', body);
    expect(body.size).toBe(body.contents.length);
    for (const entry of body.contents) expectValid(item, entry);
    return body;
  }

  it('uses schemas that reject what is not ORUK', () => {
    expect(validators.service({ id: 'not-a-uuid', name: 'X' })).toBe(false);
    expect(validators.organization_list({ id: '00000000-0000-4000-8000-000000000000', name: 'X' })).toBe(false);
  });

  const expectService = (body: any) => expectValid('service', body);

  let code: string;
  let offers: { full: string; bare: string; paused: string; stale: string };
  let orgs: { busy: string; idle: string };

  beforeAll(async () => {
    api = await bootApi();
    ds = api.get(DataSource);
    const m = await createMunicipality(ds);
    [{ code }] = await ds.query('SELECT code FROM municipality WHERE id = $1', [m]);
    const org = async (name: string, extra = {}) =>
      (
        await ds.query(
          'INSERT INTO organisation (municipality_id, name, description, url, email) VALUES ($1, $2, $3, $4, $5) RETURNING id',
          [m, name, (extra as any).description ?? null, (extra as any).url ?? null, (extra as any).email ?? null],
        )
      )[0].id as string;
    orgs = {
      busy: await org('Gåklubben Roskilde', {
        description: 'Vi går hver tirsdag',
        url: 'https://gaaklub.example.dk',
        email: 'hej@gaaklub.example.dk',
      }),
      idle: await org('Sovende forening'),
    };
    const offer = async (name: string, fields: string, values: unknown[]) =>
      (
        await ds.query(
          `INSERT INTO offer (municipality_id, organisation_id, name, category ${fields}) VALUES ($1, $2, $3, 'community' ${values
            .map((_, i) => `, $${i + 4}`)
            .join('')}) RETURNING id`,
          [m, orgs.busy, name, ...values],
        )
      )[0].id as string;
    offers = {
      full: await offer('Gåtur ved fjorden', ', description, location, schedule, contact, free_places', [
        'En rolig gåtur for alle',
        JSON.stringify({ name: 'Havnen', street: 'Havnevej 1', postcode: '4000', city: 'Roskilde' }),
        'Tirsdage kl. 10',
        JSON.stringify({ name: 'Hanne', phone: '+4520000000', email: 'hanne@gaaklub.example.dk' }),
        3,
      ]),
      bare: await offer('Kaffeklub', '', []),
      paused: await offer('Sommerpause', ', status', ['paused']),
      stale: await offer('Gammelt tilbud', ', stale', [true]),
    };
    // A citizen and a referral in the same municipality: none of it may appear in the feed.
    const gp = await createUser(ds, m, 'referrer');
    await caller(api)(gp, 'POST', '/v1/referrals', referralBody());
  });
  afterAll(() => api.close());

  it('lists the municipality’s active offers as ORUK services, without a token, with CORS open', async () => {
    const res = await http(api, 'GET', `/openreferral/services?municipality=${code}`, {
      headers: { origin: 'https://socialkompasset.example.dk' },
    });
    expect(res.status).toBe(200);
    expect(res.headers['access-control-allow-origin']).toBe('*');
    const page = expectPage(res.body, 'service_list');
    expect(page.contents.map((s: any) => s.name)).toEqual(['Gåtur ved fjorden', 'Kaffeklub']);
    expect(page).toMatchObject({
      total_items: 2,
      total_pages: 1,
      page_number: 1,
      size: 2,
      first_page: true,
      last_page: true,
      empty: false,
    });
    expect(page.contents[0]).toMatchObject({
      id: offers.full,
      organization_id: orgs.busy,
      status: 'active',
      organization: { name: 'Gåklubben Roskilde' },
    });
    const text = JSON.stringify(page);
    expect(text).not.toMatch(/Inger|Jensen|Algade|Mistet|cpr/i);
  });

  it('pages as the HSDS API describes (page, per_page)', async () => {
    const first = expectPage((await http(api, 'GET', `/openreferral/services?municipality=${code}&per_page=1`)).body, 'service_list');
    expect(first).toMatchObject({ total_items: 2, total_pages: 2, page_number: 1, size: 1, first_page: true, last_page: false });
    const second = expectPage(
      (await http(api, 'GET', `/openreferral/services?municipality=${code}&per_page=1&page=2`)).body,
      'service_list',
    );
    expect(second).toMatchObject({ page_number: 2, first_page: false, last_page: true, empty: false });
    expect(second.contents[0].id).not.toBe(first.contents[0].id);
    const beyond = expectPage(
      (await http(api, 'GET', `/openreferral/services?municipality=${code}&per_page=1&page=3`)).body,
      'service_list',
    );
    expect(beyond).toMatchObject({ empty: true, contents: [] });
    expect((await http(api, 'GET', '/openreferral/services?per_page=1000')).status).toBe(400);
  });

  it('shows one active service in full, and 404 for paused, stale or unknown offers', async () => {
    const res = await http(api, 'GET', `/openreferral/services/${offers.full}`);
    expect(res.status).toBe(200);
    const service = expectService(res.body);
    expect(service.service_at_locations[0].location.addresses[0]).toMatchObject({
      address_1: 'Havnevej 1',
      postal_code: '4000',
      city: 'Roskilde',
    });
    expect(service.service_at_locations[0].location.addresses[0].state_province).toMatch(/^Testkommune/);
    expect(service.schedules[0].description).toBe('Tirsdage kl. 10');
    // The contact with their phone (HSDS 3.0 contact.phones), valid as the profile's phone.
    expect(service.contacts).toEqual([
      {
        id: expect.any(String),
        service_id: offers.full,
        name: 'Hanne',
        phones: [{ id: expect.any(String), contact_id: service.contacts[0].id, number: '+4520000000' }],
      },
    ]);
    expectValid('phone', service.contacts[0].phones[0]);
    // The category as a term of Bro's taxonomy.
    expect(service.attributes).toEqual([
      expect.objectContaining({
        link_id: offers.full,
        link_type: 'service',
        taxonomy_term: expect.objectContaining({ term: 'community', name: 'Fællesskab' }),
      }),
    ]);
    // An offer without description, location or contact publishes none of them, not empty ones.
    const bare = (await http(api, 'GET', `/openreferral/services/${offers.bare}`)).body;
    expect(['description', 'service_at_locations', 'contacts', 'schedules'].filter((k) => k in bare)).toEqual([]);
    expectService(bare);
    for (const id of [offers.paused, offers.stale, '00000000-0000-4000-8000-000000000000']) {
      expect((await http(api, 'GET', `/openreferral/services/${id}`)).status).toBe(404);
    }
  });

  it('lists organisations that have an active offer as ORUK organizations', async () => {
    const res = await http(api, 'GET', `/openreferral/organizations?municipality=${code}`);
    expect(res.status).toBe(200);
    expect(res.headers['access-control-allow-origin']).toBe('*');
    const page = expectPage(res.body, 'organization_list');
    expect(page.contents).toEqual([
      {
        id: orgs.busy,
        name: 'Gåklubben Roskilde',
        description: 'Vi går hver tirsdag',
        email: 'hej@gaaklub.example.dk',
        website: 'https://gaaklub.example.dk',
      },
    ]);
  });

  it('answers / with the HSDS version and profile the ORUK validator reads first', async () => {
    for (const path of ['/openreferral', '/openreferral/']) {
      const res = await http(api, 'GET', path, { headers: { origin: 'https://validator.example.org' } });
      expect(res.status).toBe(200);
      expect(res.headers['access-control-allow-origin']).toBe('*');
      expect(expectValid('root', res.body)).toEqual({
        version: 'HSDS-UK-3.0',
        profile: expect.stringMatching(/^https:\/\//),
        openapi_url: expect.stringMatching(/\/specifications\/3\.0\/openapi\.json$/),
      });
    }
  });

  it('filters services by search, modified_after, organization_id and taxonomy_term_id', async () => {
    const names = async (query: string) =>
      expectPage((await http(api, 'GET', `/openreferral/services?municipality=${code}&${query}`)).body, 'service_list').contents.map(
        (s: any) => s.name,
      );
    expect(await names('search=fjorden')).toEqual(['Gåtur ved fjorden']);
    expect(await names('search=rolig%20g%C3%A5tur')).toEqual(['Gåtur ved fjorden']);
    expect(await names('search=%25')).toEqual([]);
    expect(await names('search=G%C3%A5klubben')).toEqual(['Gåtur ved fjorden', 'Kaffeklub']);
    expect(await names(`organization_id=${orgs.busy}`)).toEqual(['Gåtur ved fjorden', 'Kaffeklub']);
    expect(await names(`organization_id=${orgs.idle}`)).toEqual([]);
    await ds.query("UPDATE offer SET updated_at = now() - interval '10 days' WHERE id = $1", [offers.bare]);
    const since = new Date(Date.now() - 5 * 86_400_000).toISOString();
    expect(await names(`modified_after=${encodeURIComponent(since)}`)).toEqual(['Gåtur ved fjorden']);
    const terms = expectPage((await http(api, 'GET', '/openreferral/taxonomy_terms')).body, 'taxonomy_term');
    const community = terms.contents.find((t: any) => t.term === 'community');
    const exercise = terms.contents.find((t: any) => t.term === 'exercise');
    expect(await names(`taxonomy_term_id=${community.id}`)).toEqual(['Gåtur ved fjorden', 'Kaffeklub']);
    expect(await names(`taxonomy_term_id=${exercise.id}`)).toEqual([]);
    expect(await names('taxonomy_term_id=00000000-0000-4000-8000-000000000000')).toEqual([]);
    for (const bad of ['modified_after=yesterday', 'modified_after=99999-01-01', 'organization_id=x', 'taxonomy_term_id=1', 'search=%00']) {
      const res = await http(api, 'GET', `/openreferral/services?${bad}`);
      expect({ bad, status: res.status }).toEqual({ bad, status: 400 });
    }
  });

  it('shows one organisation with its services, and publishes the offer categories as a taxonomy', async () => {
    const org = expectValid('organization', (await http(api, 'GET', `/openreferral/organizations/${orgs.busy}`)).body);
    expect(org).toMatchObject({ id: orgs.busy, name: 'Gåklubben Roskilde' });
    expect(org.services.map((s: any) => s.id).sort()).toEqual([offers.full, offers.bare].sort());
    expect((await http(api, 'GET', `/openreferral/organizations/${orgs.idle}`)).status).toBe(404);
    expect((await http(api, 'GET', '/openreferral/organizations/00000000-0000-4000-8000-000000000000')).status).toBe(404);

    const taxonomies = expectPage((await http(api, 'GET', '/openreferral/taxonomies')).body, 'taxonomy');
    expect(taxonomies.contents).toHaveLength(1);
    const taxonomy = expectValid('taxonomy', (await http(api, 'GET', `/openreferral/taxonomies/${taxonomies.contents[0].id}`)).body);
    expect(taxonomy.taxonomy_terms).toHaveLength(10);
    const terms = expectPage((await http(api, 'GET', '/openreferral/taxonomy_terms?per_page=4&page=3')).body, 'taxonomy_term');
    expect(terms).toMatchObject({ total_items: 10, total_pages: 3, size: 2, last_page: true });
    const term = expectValid('taxonomy_term', (await http(api, 'GET', `/openreferral/taxonomy_terms/${terms.contents[0].id}`)).body);
    expect(term).toEqual(terms.contents[0]);
    expect(term.taxonomy_id).toBe(taxonomy.id);
    expect((await http(api, 'GET', '/openreferral/taxonomy_terms/00000000-0000-4000-8000-000000000000')).status).toBe(404);
  });

  it('answers CORS preflights on the feed only; other routes keep same-origin', async () => {
    const pre = await api
      .getHttpAdapter()
      .getInstance()
      .inject({
        method: 'OPTIONS',
        url: '/openreferral/services',
        headers: { origin: 'https://socialkompasset.example.dk', 'access-control-request-method': 'GET' },
      });
    expect(pre.statusCode).toBe(204);
    expect(pre.headers['access-control-allow-origin']).toBe('*');
    expect(pre.headers['access-control-allow-methods']).toBe('GET, OPTIONS');
    const elsewhere = await http(api, 'GET', '/v1/reference/reasons', { headers: { origin: 'https://socialkompasset.example.dk' } });
    expect(elsewhere.headers['access-control-allow-origin']).toBeUndefined();
  });
});
