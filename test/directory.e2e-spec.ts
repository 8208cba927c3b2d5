import type { NestFastifyApplication } from '@nestjs/platform-fastify';
import { DirectoryService } from '@bro/directory';
import { DataSource } from 'typeorm';
import { bootApi, caller, createArea, createMunicipality, createUser } from './kit';

describe('directory of organisations and offers (e2e)', () => {
  let api: NestFastifyApplication;
  let ds: DataSource;
  let call: ReturnType<typeof caller>;

  beforeAll(async () => {
    api = await bootApi();
    ds = api.get(DataSource);
    call = caller(api);
  });
  afterAll(() => api.close());

  async function directory() {
    const m = await createMunicipality(ds);
    const coordinator = await createUser(ds, m, 'coordinator');
    const brobygger = await createUser(ds, m, 'brobygger');
    const gp = await createUser(ds, m, 'referrer');
    const viby = await createArea(ds, m, ['4130']);
    const by = await createArea(ds, m, ['4000']);
    const org = (await call(coordinator, 'POST', '/v1/organisations', { name: 'Ældre Sagen Roskilde', url: 'https://www.aeldresagen.dk' }))
      .body;
    const offer = (body: Record<string, unknown>) => call(coordinator, 'POST', '/v1/offers', { organisationId: org.id, ...body });
    const cirkler = (
      await offer({
        name: 'Cirkler i Viby',
        category: 'community',
        areaId: viby,
        description: 'Små fællesskaber',
        freePlaces: 6,
        companionAvailable: true,
        location: { city: 'Viby Sjælland', postcode: '4130' },
        contact: { name: 'Karen', phone: '+4512345678' },
      })
    ).body;
    const drom = (await offer({ name: 'Drømmeløberne', category: 'volunteer_group', areaId: by, freePlaces: 0 })).body;
    const gym = (await offer({ name: 'Seniorgymnastik', category: 'exercise', areaId: by, description: 'Motion og kaffe' })).body;
    return { m, coordinator, brobygger, gp, viby, by, org, cirkler, drom, gym };
  }

  it('lets coordinators write and everyone in the municipality read and search', async () => {
    const d = await directory();
    expect(d.cirkler).toMatchObject({
      name: 'Cirkler i Viby',
      areaId: d.viby,
      freePlaces: 6,
      noCapacity: false,
      companionAvailable: true,
      status: 'active',
      stale: false,
    });
    expect(d.drom).toMatchObject({ freePlaces: 0, noCapacity: true });

    for (const reader of [d.brobygger, d.gp]) {
      const all = await call(reader, 'GET', '/v1/offers');
      expect(all.body.items.map((o: { name: string }) => o.name)).toEqual(['Cirkler i Viby', 'Drømmeløberne', 'Seniorgymnastik']);
      expect((await call(reader, 'POST', '/v1/offers', { organisationId: d.org.id, name: 'X', category: 'other' })).status).toBe(403);
    }
    const names = async (query: string) =>
      (await call(d.brobygger, 'GET', `/v1/offers?${query}`)).body.items.map((o: { name: string }) => o.name);
    expect(await names(`areaId=${d.by}`)).toEqual(['Drømmeløberne', 'Seniorgymnastik']);
    expect(await names('category=exercise')).toEqual(['Seniorgymnastik']);
    expect(await names('q=kaffe')).toEqual(['Seniorgymnastik']);
    expect(await names('q=VIBY')).toEqual(['Cirkler i Viby']);
    expect(await names('q=100%25')).toEqual([]);
    const page = await call(d.brobygger, 'GET', '/v1/offers?limit=2&offset=2');
    expect(page.body).toMatchObject({ total: 3, items: [{ name: 'Seniorgymnastik' }] });
    expect((await call(d.brobygger, 'GET', '/v1/offers?category=astrology')).status).toBe(400);
    expect((await call(d.gp, 'GET', '/v1/organisations')).body.items.map((o: { name: string }) => o.name)).toEqual([
      'Ældre Sagen Roskilde',
    ]);
  });

  it('validates references and keeps municipalities apart', async () => {
    const d = await directory();
    const other = await directory();
    const unknownOrg = await call(d.coordinator, 'POST', '/v1/offers', { organisationId: other.org.id, name: 'Y', category: 'other' });
    expect(unknownOrg.status).toBe(422);
    expect(
      (await call(d.coordinator, 'POST', '/v1/offers', { organisationId: d.org.id, name: 'Y', category: 'other', areaId: other.by }))
        .status,
    ).toBe(422);
    expect(
      (await call(d.coordinator, 'POST', '/v1/offers', { organisationId: d.org.id, name: 'Cirkler i Viby', category: 'community' })).status,
    ).toBe(409);
    expect((await call(d.coordinator, 'GET', `/v1/offers/${other.cirkler.id}`)).status).toBe(404);
    expect((await call(d.coordinator, 'PATCH', `/v1/offers/${other.cirkler.id}`, { freePlaces: 1 })).status).toBe(404);
    expect((await call(d.coordinator, 'POST', '/v1/organisations', { name: 'Ældre Sagen Roskilde' })).status).toBe(409);
  });

  it('flags offers not verified for a year as stale; verifying clears the flag', async () => {
    const d = await directory();
    await ds.query("UPDATE offer SET last_verified_at = now() - interval '13 months' WHERE id = $1", [d.gym.id]);
    const flagged = await api.get(DirectoryService).flagStaleOffers();
    expect(flagged).toBeGreaterThanOrEqual(1);
    const list = await call(d.brobygger, 'GET', '/v1/offers');
    expect(list.body.items.map((o: { name: string; stale: boolean }) => [o.name, o.stale])).toEqual([
      ['Cirkler i Viby', false],
      ['Drømmeløberne', false],
      ['Seniorgymnastik', true],
    ]);
    const verified = await call(d.coordinator, 'PATCH', `/v1/offers/${d.gym.id}`, { verified: true, freePlaces: 0, status: 'paused' });
    expect(verified.body).toMatchObject({ stale: false, noCapacity: true, status: 'paused' });
    expect(new Date(verified.body.lastVerifiedAt).getTime()).toBeGreaterThan(Date.now() - 60_000);
  });
});
