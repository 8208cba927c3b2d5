import { randomUUID } from 'node:crypto';
import { Client } from 'pg';

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
  process.env.DATABASE_URL = template;
  await admin((c) => c.query(`DROP DATABASE IF EXISTS "${name}" WITH (FORCE)`));
}, 30_000);
