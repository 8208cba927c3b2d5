import { tmpdir } from 'node:os';
import { join } from 'node:path';

// Per test file: the run's database (from global setup), a BullMQ prefix per Jest
// worker, quick relay polling, and logs in a file rather than over the test output.
const run = process.env.BRO_TEST_RUN ?? 'adhoc';
const worker = process.env.JEST_WORKER_ID ?? '0';
process.env.NODE_ENV = 'test';
process.env.QUEUE_PREFIX = `bro-test-${run}-${worker}`;
process.env.OUTBOX_POLL_MS = '50';
// Four Jest workers, each with an api and a worker, beside two fault files (each up to 25
// connections of its own processes) must stay under PostgreSQL's 100 connections: four per
// in-process app (the fault suite's processes run with five).
process.env.DATABASE_POOL_SIZE ??= '4';
// The in-process worker shares its event loop with the api and three other Jest workers'
// apps: five matching jobs at a time, as before ADR 0041 raised the default for a worker of
// its own (the full run took 597 s at 5 and 679 s at 15; the fault suite's processes keep the default).
process.env.MATCHING_CONCURRENCY ??= '5';
// A read from the pool inside a transaction fails where it is written, not only under load (connection-guard.ts).
process.env.DATABASE_NESTED_CONNECTIONS ??= 'refuse';
// Every pg connection of the test process (the in-process apps, the kits) commits without
// waiting for the WAL flush: a test never crashes PostgreSQL, so what it sees is the same,
// and waiting for fsync on every commit was a third of a database-heavy file's time (ADR 0036).
// The fault suite's api and worker processes get an environment of their own, without it.
process.env.PGOPTIONS = [process.env.PGOPTIONS, '-c synchronous_commit=off'].filter(Boolean).join(' ');
// Suites make many users and referrals quickly; the rate-limit suite sets its own limits.
process.env.RATE_LIMIT_INTAKE_PER_MINUTE ??= '100000';
process.env.RATE_LIMIT_TOKEN_PER_MINUTE ??= '100000';
process.env.RATE_LIMIT_PUBLIC_PER_MINUTE ??= '100000';
process.env.RATE_LIMIT_PUBLIC_PER_MUNICIPALITY_PER_HOUR ??= '100000';
// The link limit counts per address in the Jest worker's prefix: a fuzz run's link requests must not use up a later file's minute.
process.env.RATE_LIMIT_LINK_PER_MINUTE ??= '100000';
process.env.LOG_LEVEL = process.env.TEST_LOG_LEVEL ?? 'info';
process.env.LOG_FILE = join(tmpdir(), `bro-test-${run}-${worker}.log`);
