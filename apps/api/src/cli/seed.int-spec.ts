import { dataSourceOptions } from '@bro/platform';
import { DataSource } from 'typeorm';
import { seed } from './seed';

const TABLES = [
  'municipality',
  'app_user',
  'area',
  'area_postcode',
  'brobygger',
  'brobygger_area',
  'organisation',
  'offer',
  'medcom_clinic',
];

describe('demo seed (real PostgreSQL)', () => {
  let ds: DataSource;
  beforeAll(async () => {
    ds = await new DataSource(dataSourceOptions(process.env.DATABASE_URL!, 2)).initialize();
  });
  afterAll(() => ds.destroy());

  const counts = async () =>
    Object.fromEntries(
      await Promise.all(TABLES.map(async (t) => [t, (await ds.query(`SELECT count(*)::int AS n FROM ${t}`))[0].n as number])),
    );

  it('loads Roskilde and Svendborg with the demo users, and seeding twice changes nothing', async () => {
    await seed(ds);
    const once = await counts();
    await seed(ds);
    expect(await counts()).toEqual(once);

    const users = await ds.query(
      'SELECT u.username, u.role, m.name FROM app_user u JOIN municipality m ON m.id = u.municipality_id ORDER BY username',
    );
    expect(users.map((u: { username: string }) => u.username)).toEqual(
      expect.arrayContaining(['koordinator.mette', 'laege.holm', 'laege.berg', 'brobygger.anna', 'brobygger.jonas', 'koordinator.svend']),
    );
    expect(users).toEqual(expect.arrayContaining([{ username: 'medcom.gateway', role: 'gateway', name: 'Roskilde Kommune' }]));
    // MedCom (ADR 0028): Roskilde's identity and the two clinics' test numbers.
    const [roskilde] = await ds.query("SELECT medcom_sor, medcom_gln, medcom_name FROM municipality WHERE code = '265'");
    expect(roskilde).toEqual({
      medcom_sor: '265001000016001',
      medcom_gln: '5790002650000',
      medcom_name: 'Roskilde Kommune, Social henvisning',
    });
    const clinics = await ds.query('SELECT organisation, sor, gln FROM medcom_clinic ORDER BY organisation');
    expect(clinics.map((c: { organisation: string }) => c.organisation)).toEqual(['Lægehuset Algade', 'Lægerne i Viby']);
    expect(once.area_postcode).toBeGreaterThan(0);
    expect(once.offer).toBeGreaterThan(0);
  });
});
