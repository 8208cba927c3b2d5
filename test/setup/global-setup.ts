import { migrate } from '../../libs/platform/src/database/migrator';

/**
 * A fresh database for this test run, migrated with the real migrations. Its URL
 * and the run id reach the Jest workers through the environment.
 * TEST_DATABASE_URL names the server (default: local PostgreSQL, user postgres).
 */
export default async function globalSetup(): Promise<void> {
  const runId = `${Date.now().toString(36)}${process.pid.toString(36)}`;
  const url = new URL(process.env.TEST_DATABASE_URL ?? 'postgres://postgres@127.0.0.1:5432/postgres');
  url.pathname = `/bro_test_${runId}`;
  process.env.BRO_TEST_RUN = runId;
  process.env.DATABASE_URL = url.toString();
  process.env.REDIS_URL = process.env.TEST_REDIS_URL ?? 'redis://127.0.0.1:6379';
  await migrate(url.toString());
}
