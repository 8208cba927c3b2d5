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
  const schema = (name: string) => {
    const s = JSON.parse(readFileSync(join(__dirname, 'fixtures', 'hsds', 'oruk-schema', `${name}.json`), 'utf8'));
    return ajv.compile(s);
  };
  const validators = {
    service: schema('service'),
    service_list: schema('service_list'),
    organization_list: schema('organization_list'),
  };

  /** A page as the HSDS 3.0 API describes it, each item valid against the `_list` schema. */
  function expectPage(body: any, item: 'service_list' | 'organization_list') {
    expect(Object.keys(body).sort()).toEqual(
      ['contents', 'empty', 'first_page', 'last_page', 'page_number', 'size', 'total_items', 'total_pages'].sort(),
    );
    for (const entry of body.contents) {
      const ok = validators[item](entry);
      expect({ item: entry.id, errors: validators[item].errors ?? null, ok }).toEqual({ item: entry.id, errors: null, ok: true });
    }
    return body;
  }

  it('uses schemas that reject what is not ORUK', () => {
    expect(validators.service({ id: 'not-a-uuid', name: 'X' })).toBe(false);
    expect(validators.organization_list({ id: '00000000-0000-4000-8000-000000000000', name: 'X' })).toBe(false);
  });

  function expectService(body: any) {
    const ok = validators.service(body);
    expect({ errors: validators.service.errors ?? null, ok }).toEqual({ errors: null, ok: true });
    return body;
  }

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
      size: 50,
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
    expect(service.schedules[0].description).toBe('Tirsdage kl. 10');
    expectService((await http(api, 'GET', `/openreferral/services/${offers.bare}`)).body);
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
