import { randomUUID } from 'node:crypto';
import { writeFileSync } from 'node:fs';
import { Client } from 'pg';
import { databaseTextFile } from './personal-data-scan';

/**
 * Each integration and end-to-end test file gets its own database, cloned from the
 * run's migrated template (global setup). Files run in parallel, each with a worker
 * and a relay of its own: sharing one database, they would take each other's outbox
 * rows and referrals.
 */
const template = process.env.DATABASE_URL!;
const url = new URL(template);
const templateName = url.pathname.slice(1);
const name = `${templateName}_${randomUUID().replace(/-/g, '').slice(0, 10)}`;

async function admin<T>(run: (client: Client) => Promise<T>): Promise<T> {
  const adminUrl = new URL(template);
  adminUrl.pathname = '/postgres';
  const client = new Client({ connectionString: adminUrl.toString() });
  await client.connect();
  try {
    return await run(client);
  } finally {
    await client.end();
  }
}

beforeAll(async () => {
  await admin((c) => c.query(`CREATE DATABASE "${name}" TEMPLATE "${templateName}"`));
  const own = new URL(template);
  own.pathname = `/${name}`;
  process.env.DATABASE_URL = own.toString();
}, 30_000);

afterAll(async () => {
  const own = process.env.DATABASE_URL!;
  process.env.DATABASE_URL = template;
  await keepTextForTheScan(own);
  await admin((c) => c.query(`DROP DATABASE IF EXISTS "${name}" WITH (FORCE)`));
}, 30_000);

/**
 * What the append-only audit log, the outbox and the idempotency keys of this file's
 * database hold in free-form text columns — request ids, job payloads, key digests —
 * written out before the database is dropped, so the personal-data scan after the
 * suite looks there too (test/setup/personal-data-scan.ts).
 */
async function keepTextForTheScan(url: string): Promise<void> {
  const file = databaseTextFile(name);
  if (!file) return;
  const client = new Client({ connectionString: url });
  try {
    await client.connect();
    const { rows } = await client.query<{ text: string }>(
      `SELECT request_id AS text FROM audit_log WHERE request_id IS NOT NULL
       UNION ALL SELECT payload::text FROM outbox
       UNION ALL SELECT key_digest FROM idempotency_key`,
    );
    writeFileSync(file, rows.map((r) => r.text).join('\n'));
  } catch {
    // A file whose database is already gone (or never migrated) has nothing to scan.
  } finally {
    await client.end().catch(() => undefined);
  }
}
