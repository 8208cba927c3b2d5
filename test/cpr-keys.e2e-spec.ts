import type { NestFastifyApplication } from '@nestjs/platform-fastify';
import { DEV_DEFAULTS } from '@bro/platform';
import { CprRotation } from '@bro/referral';
import { execFileSync } from 'node:child_process';
import { DataSource } from 'typeorm';
import { bootApi, caller, createMunicipality, createUser, referralBody, validCpr } from './kit';

/** CPR numbers at rest: a database dump holds none readable, and the encryption key can rotate without downtime. */
describe('CPR keys (e2e)', () => {
  const NEW_KEY = Buffer.alloc(32, 9).toString('base64');
  let before: NestFastifyApplication;
  let after: NestFastifyApplication;
  beforeAll(async () => {
    before = await bootApi();
    after = await bootApi({
      CPR_ENCRYPTION_KEY_ID: 'k2',
      CPR_ENCRYPTION_KEY: NEW_KEY,
      CPR_ENCRYPTION_RETIRED_KEYS: `k1:${DEV_DEFAULTS.CPR_ENCRYPTION_KEY}`,
    });
  });
  afterAll(async () => {
    await before.close();
    await after.close();
  });

  it('reads under a retired key, re-seals every row under the new one, and leaves no readable CPR in a dump', async () => {
    const ds = before.get(DataSource);
    const m = await createMunicipality(ds);
    const gp = await createUser(ds, m, 'referrer');
    const coordinator = await createUser(ds, m, 'coordinator');
    const cprs = [validCpr(), validCpr(), validCpr()];
    const ids: string[] = [];
    for (const cpr of cprs) ids.push((await caller(before)(gp, 'POST', '/v1/referrals', referralBody({ cpr }))).body.id);
    const keyIds = async () =>
      (
        await ds.query('SELECT DISTINCT c.cpr_key_id AS k FROM citizen c JOIN referral r ON r.citizen_id = c.id WHERE r.id = ANY($1)', [
          ids,
        ])
      ).map((r: { k: string }) => r.k);
    expect(await keyIds()).toEqual(['k1']);

    const call = caller(after);
    const masked = async () => Promise.all(ids.map(async (id) => (await call(coordinator, 'GET', `/v1/referrals/${id}`)).body.citizen.cpr));
    const expected = cprs.map((c) => `${c.slice(0, 6)}-****`);
    expect(await masked()).toEqual(expected); // read under the retired key

    const rotation = after.get(CprRotation);
    expect(await rotation.resealRetired(2)).toBeGreaterThanOrEqual(3);
    expect(await keyIds()).toEqual(['k2']);
    expect(await masked()).toEqual(expected);
    expect(await rotation.resealRetired()).toBe(0);

    const dump = execFileSync('pg_dump', ['--data-only', '--no-owner', (ds.options as { url?: string }).url!], {
      maxBuffer: 512 * 1024 * 1024,
    }).toString();
    expect(dump).toContain(ids[0]); // the dump is real
    for (const cpr of cprs) {
      expect(dump.includes(cpr)).toBe(false);
      expect(dump.includes(`${cpr.slice(0, 6)}-${cpr.slice(6)}`)).toBe(false);
    }
  });
});
