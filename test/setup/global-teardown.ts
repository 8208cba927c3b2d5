import { Redis } from 'ioredis';
import { readdirSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Client } from 'pg';
import { PersonalDataHit, scanForPersonalData, usedCprFile } from './personal-data-scan';

/**
 * Scans what the run left for personal data (fails the run on a hit), then drops the
 * run's database and every Redis key under the run's prefixes.
 */
export default async function globalTeardown(): Promise<void> {
  const runId = process.env.BRO_TEST_RUN;
  const url = process.env.DATABASE_URL;
  if (!runId || !url) return;

  const admin = new URL(url);
  const name = admin.pathname.slice(1);
  admin.pathname = '/postgres';
  const client = new Client({ connectionString: admin.toString() });
  await client.connect();
  try {
    // The template and any per-file copy a crashed test file left behind.
    const { rows } = await client.query<{ datname: string }>('SELECT datname FROM pg_database WHERE datname LIKE $1', [`${name}%`]);
    for (const { datname } of rows) await client.query(`DROP DATABASE IF EXISTS "${datname}" WITH (FORCE)`);
  } finally {
    await client.end();
  }

  const redis = new Redis(process.env.REDIS_URL ?? 'redis://127.0.0.1:6379');
  let hits: PersonalDataHit[];
  try {
    const scan = await scanForPersonalData(runId, redis);
    hits = scan.hits;
    process.stdout.write(
      `personal-data scan: ${scan.cprs} CPR numbers and the note sentinel looked for in ${scan.logs} logs, ${scan.databases} databases' audit request ids, outbox payloads and idempotency keys, and ${scan.keys} Redis keys: ${hits.length} found\n`,
    );
    let cursor = '0';
    do {
      const [next, keys] = await redis.scan(cursor, 'MATCH', `bro-test-${runId}-*`, 'COUNT', 1000);
      if (keys.length) await redis.del(...keys);
      cursor = next;
    } while (cursor !== '0');
  } finally {
    redis.disconnect();
    const file = usedCprFile();
    if (file) rmSync(file, { force: true });
    for (const f of readdirSync(tmpdir()).filter((n) => n.startsWith(`bro-test-${runId}-db-`))) rmSync(join(tmpdir(), f), { force: true });
  }
  if (hits.length > 0) {
    throw new Error(`personal data left behind:\n${hits.map((h) => `  ${h.what} in ${h.where}`).join('\n')}`);
  }
}
