import { randomInt, randomUUID } from 'node:crypto';
import { appendFileSync } from 'node:fs';
import type { DataSource } from 'typeorm';
import { usedCprFile } from '../setup/personal-data-scan';

/** In every default note: after the suite, no log line or Redis key may hold it (test/setup/personal-data-scan.ts). */
export const NOTE_SENTINEL = 'notesentinel7f3a';

/**
 * Small factories: each test makes its own municipality and people, so tests never
 * depend on one another or on order. Rows go in with SQL, as a coordinator's
 * administration would leave them.
 */
export interface TestUser {
  id: string;
  username: string;
  role: 'referrer' | 'brobygger' | 'coordinator' | 'gateway';
  municipalityId: string;
  organisation: string | null;
}

export async function createMunicipality(ds: DataSource, name = 'Testkommune'): Promise<string> {
  const code = `t${randomUUID().slice(0, 12)}`;
  const [row] = await ds.query('INSERT INTO municipality (code, name) VALUES ($1, $2) RETURNING id', [code, `${name} ${code}`]);
  return row.id;
}

export async function createUser(
  ds: DataSource,
  municipalityId: string,
  role: TestUser['role'],
  organisation: string | null = role === 'referrer' ? `Lægehus ${randomUUID().slice(0, 6)}` : null,
): Promise<TestUser> {
  const username = `${role}.${randomUUID().slice(0, 12)}`;
  const [row] = await ds.query(
    'INSERT INTO app_user (municipality_id, username, display_name, role, organisation) VALUES ($1, $2, $3, $4, $5) RETURNING id',
    [municipalityId, username, `Test ${role}`, role, organisation],
  );
  return { id: row.id, username, role, municipalityId, organisation };
}

export async function createArea(ds: DataSource, municipalityId: string, postcodes: string[]): Promise<string> {
  const [row] = await ds.query('INSERT INTO area (municipality_id, name) VALUES ($1, $2) RETURNING id', [
    municipalityId,
    `Område ${randomUUID().slice(0, 6)}`,
  ]);
  for (const postcode of postcodes) {
    await ds.query('INSERT INTO area_postcode (municipality_id, postcode, area_id) VALUES ($1, $2, $3)', [
      municipalityId,
      postcode,
      row.id,
    ]);
  }
  return row.id;
}

export async function createBrobygger(
  ds: DataSource,
  municipalityId: string,
  areaIds: string[],
  capacity = 10,
): Promise<TestUser & { brobyggerId: string }> {
  const user = await createUser(ds, municipalityId, 'brobygger');
  const [row] = await ds.query('INSERT INTO brobygger (municipality_id, user_id, capacity) VALUES ($1, $2, $3) RETURNING id', [
    municipalityId,
    user.id,
    capacity,
  ]);
  for (const areaId of areaIds) await ds.query('INSERT INTO brobygger_area (brobygger_id, area_id) VALUES ($1, $2)', [row.id, areaId]);
  return { ...user, brobyggerId: row.id };
}

/** A valid CPR number (a real date, century digit 0–3), random enough to be unique in a test. */
export function validCpr(): string {
  const day = String(randomInt(1, 29)).padStart(2, '0');
  const month = String(randomInt(1, 13)).padStart(2, '0');
  const year = String(randomInt(30, 100)).padStart(2, '0');
  const cpr = `${day}${month}${year}${randomInt(0, 4)}${String(randomInt(0, 1000)).padStart(3, '0')}`;
  // Remembered for the run, so the scan after the suite can look for every CPR used.
  const file = usedCprFile();
  if (file) appendFileSync(file, `${cpr}\n`);
  return cpr;
}

/** A referral body as a GP system would send it, with overrides. */
export function referralBody(
  overrides: { cpr?: string; note?: string; consent?: Record<string, unknown> | null; postcode?: string; reasons?: string[] } = {},
) {
  return {
    citizen: {
      cpr: overrides.cpr ?? validCpr(),
      name: 'Inger Jensen',
      phone: '+4520123456',
      address: { street: 'Algade 1', postcode: overrides.postcode ?? '4000', city: 'Roskilde' },
      language: 'da',
    },
    reasons: overrides.reasons ?? ['loneliness', 'low_wellbeing'],
    note: overrides.note ?? `Mistet sin mand for et år siden, kommer ikke ud. ${NOTE_SENTINEL}`,
    ...(overrides.consent === null
      ? {}
      : {
          consent: overrides.consent ?? { referral: true, referrerFeedback: 'status', shareWithHost: true, sms: false, method: 'verbal' },
        }),
  };
}
