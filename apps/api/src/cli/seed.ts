import 'reflect-metadata';
import { dataSourceOptions, exitProcess, loadConfig } from '@bro/platform';
import { DataSource, EntityManager } from 'typeorm';
import { DEMO, DemoMunicipality } from './demo-data';

/**
 * `npm run seed`: loads the demo municipalities. Every insert is keyed on a natural
 * key with ON CONFLICT DO NOTHING, so seeding twice changes nothing.
 * `--if-empty` skips seeding when any municipality exists (used by `npm start`).
 */
export async function seed(ds: DataSource): Promise<void> {
  await ds.transaction(async (m) => {
    for (const municipality of DEMO) await seedMunicipality(m, municipality);
  });
}

/** The id of the one row a query selects. */
async function idOf(m: EntityManager, sql: string, params: unknown[]): Promise<string> {
  const rows: { id: string }[] = await m.query(sql, params);
  if (rows.length !== 1) throw new Error(`seed: expected one row for ${sql}`);
  return rows[0].id;
}

async function seedMunicipality(m: EntityManager, d: DemoMunicipality): Promise<void> {
  await m.query('INSERT INTO municipality (code, name) VALUES ($1, $2) ON CONFLICT (code) DO NOTHING', [d.code, d.name]);
  const municipalityId = await idOf(m, 'SELECT id FROM municipality WHERE code = $1', [d.code]);

  for (const u of d.users) {
    await m.query(
      `INSERT INTO app_user (municipality_id, username, display_name, role, organisation, work_phone)
       VALUES ($1, $2, $3, $4, $5, $6) ON CONFLICT (username) DO NOTHING`,
      [municipalityId, u.username, u.displayName, u.role, u.organisation ?? null, u.workPhone ?? null],
    );
  }
  if (d.medcom) {
    await m.query('UPDATE municipality SET medcom_sor = $2, medcom_gln = $3, medcom_name = $4 WHERE id = $1 AND medcom_sor IS NULL', [
      municipalityId,
      d.medcom.sor,
      d.medcom.gln,
      d.medcom.name,
    ]);
    for (const c of d.medcom.clinics) {
      await m.query('INSERT INTO medcom_clinic (municipality_id, organisation, sor, gln) VALUES ($1, $2, $3, $4) ON CONFLICT DO NOTHING', [
        municipalityId,
        c.organisation,
        c.sor,
        c.gln,
      ]);
    }
  }
  for (const p of d.places) {
    await m.query(
      `INSERT INTO meeting_place (municipality_id, name, address, accessible, note, kind) VALUES ($1, $2, $3, $4, $5, $6)
       ON CONFLICT (municipality_id, name) DO NOTHING`,
      [municipalityId, p.name, p.address ?? null, p.accessible, p.note ?? null, p.kind ?? 'venue'],
    );
  }
  const areaIds = new Map<string, string>();
  for (const a of d.areas) {
    await m.query('INSERT INTO area (municipality_id, name) VALUES ($1, $2) ON CONFLICT DO NOTHING', [municipalityId, a.name]);
    const id = await idOf(m, 'SELECT id FROM area WHERE municipality_id = $1 AND name = $2', [municipalityId, a.name]);
    areaIds.set(a.name, id);
    for (const postcode of a.postcodes) {
      await m.query('INSERT INTO area_postcode (municipality_id, postcode, area_id) VALUES ($1, $2, $3) ON CONFLICT DO NOTHING', [
        municipalityId,
        postcode,
        id,
      ]);
    }
  }
  for (const b of d.brobyggere) {
    const userId = await idOf(m, 'SELECT id FROM app_user WHERE username = $1', [b.username]);
    await m.query(
      `INSERT INTO brobygger (municipality_id, user_id, capacity, languages) VALUES ($1, $2, $3, $4)
       ON CONFLICT (user_id) DO NOTHING`,
      [municipalityId, userId, b.capacity, b.languages],
    );
    const brobyggerId = await idOf(m, 'SELECT id FROM brobygger WHERE user_id = $1', [userId]);
    for (const area of b.areas) {
      await m.query('INSERT INTO brobygger_area (brobygger_id, area_id) VALUES ($1, $2) ON CONFLICT DO NOTHING', [
        brobyggerId,
        areaIds.get(area),
      ]);
    }
  }
  const organisationIds = new Map<string, string>();
  for (const o of d.organisations) {
    await m.query('INSERT INTO organisation (municipality_id, name, description, url) VALUES ($1, $2, $3, $4) ON CONFLICT DO NOTHING', [
      municipalityId,
      o.name,
      o.description,
      o.url ?? null,
    ]);
    const id = await idOf(m, 'SELECT id FROM organisation WHERE municipality_id = $1 AND name = $2', [municipalityId, o.name]);
    organisationIds.set(o.name, id);
  }
  for (const o of d.offers) {
    await m.query(
      `INSERT INTO offer (municipality_id, organisation_id, name, description, category, area_id, location, schedule,
                          accepts_special_needs, companion_available, free_places)
       VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11) ON CONFLICT DO NOTHING`,
      [
        municipalityId,
        organisationIds.get(o.organisation),
        o.name,
        o.description,
        o.category,
        o.area ? areaIds.get(o.area) : null,
        o.location ? JSON.stringify(o.location) : null,
        o.schedule ?? null,
        o.acceptsSpecialNeeds ?? false,
        o.companionAvailable ?? false,
        o.freePlaces ?? null,
      ],
    );
  }
}

async function main(): Promise<void> {
  const config = loadConfig();
  const ds = new DataSource(dataSourceOptions(config.DATABASE_URL, 2));
  await ds.initialize();
  try {
    if (process.argv.includes('--if-empty')) {
      const [{ n }]: { n: number }[] = await ds.query('SELECT count(*)::int AS n FROM municipality');
      if (n > 0) {
        process.stdout.write('seed: data present, skipped\n');
        return;
      }
    }
    await seed(ds);
    process.stdout.write(`seed: demo data for ${DEMO.map((d) => d.name).join(' and ')} in place\n`);
  } finally {
    await ds.destroy();
  }
}

if (require.main === module) {
  main().catch((err: unknown) => {
    process.stderr.write(`seed failed: ${err instanceof Error ? err.message : String(err)}\n`);
    exitProcess(1);
  });
}
