import { dataSourceOptions } from '@bro/platform';
import { DataSource } from 'typeorm';
import { seed } from './seed';

const TABLES = ['municipality', 'app_user', 'area', 'area_postcode', 'brobygger', 'brobygger_area', 'organisation', 'offer'];

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
    expect(once.area_postcode).toBeGreaterThan(0);
    expect(once.offer).toBeGreaterThan(0);
  });
});
