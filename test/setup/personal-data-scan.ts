import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Redis } from 'ioredis';

/**
 * After the whole suite: no CPR number the tests used (with or without the dash) and
 * no note sentinel may appear in any log the run wrote, in any Redis key or value
 * under the run's prefix, or in the request ids of the audit log, the outbox payloads
 * and the idempotency keys of any test file's database (kept as text when the file's
 * database is dropped, test/setup/file-database.ts). Global teardown runs it before
 * it deletes the keys. test/request-ids.e2e-spec.ts plants CPR numbers as request ids
 * and in paths, so the scan also proves they never get that far.
 */
const SENTINEL = 'notesentinel7f3a'; // NOTE_SENTINEL in test/kit/factories.ts

/** Where the test kit writes each CPR it makes during this run (none outside a run). */
export function usedCprFile(): string | null {
  const run = process.env.BRO_TEST_RUN;
  return run ? join(tmpdir(), `bro-test-${run}-cprs.txt`) : null;
}

/** Where a test file's database leaves its free-form text for the scan. */
export function databaseTextFile(database: string): string | null {
  const run = process.env.BRO_TEST_RUN;
  return run ? join(tmpdir(), `bro-test-${run}-db-${database}.txt`) : null;
}

export interface PersonalDataHit {
  where: string;
  what: 'cpr' | 'note';
}

export async function scanForPersonalData(
  runId: string,
  redis: Redis,
): Promise<{ hits: PersonalDataHit[]; cprs: number; logs: number; databases: number; keys: number }> {
  const file = usedCprFile();
  const cprs = file && existsSync(file) ? [...new Set(readFileSync(file, 'utf8').split('\n').filter(Boolean))] : [];
  const patterns = new Set(cprs.flatMap((c) => [c, `${c.slice(0, 6)}-${c.slice(6)}`]));
  const hits: PersonalDataHit[] = [];
  const check = (where: string, text: string) => {
    if (text.includes(SENTINEL)) hits.push({ where, what: 'note' });
    // Ten digits standing alone (not inside a longer number such as a timestamp).
    for (const m of text.matchAll(/(?<!\d)\d{6}-?\d{4}(?!\d)/g)) {
      if (patterns.has(m[0])) {
        hits.push({ where, what: 'cpr' });
        break;
      }
    }
  };

  const files = readdirSync(tmpdir()).filter((f) => f.startsWith(`bro-test-${runId}-`));
  const logs = files.filter((f) => f.endsWith('.log'));
  for (const log of logs) check(`log ${log}`, readFileSync(join(tmpdir(), log), 'utf8'));
  const databases = files.filter((f) => f.startsWith(`bro-test-${runId}-db-`) && f.endsWith('.txt'));
  for (const db of databases) check(`database text ${db}`, readFileSync(join(tmpdir(), db), 'utf8'));

  let keys = 0;
  let cursor = '0';
  do {
    const [next, batch] = await redis.scan(cursor, 'MATCH', `bro-test-${runId}-*`, 'COUNT', 1000);
    cursor = next;
    for (const key of batch) {
      keys++;
      check(`redis key ${key}`, key);
      check(`redis value of ${key}`, JSON.stringify(await valueOf(redis, key)));
    }
  } while (cursor !== '0');
  return { hits, cprs: cprs.length, logs: logs.length, databases: databases.length, keys };
}

async function valueOf(redis: Redis, key: string): Promise<unknown> {
  switch (await redis.type(key)) {
    case 'string':
      return redis.get(key);
    case 'hash':
      return redis.hgetall(key);
    case 'list':
      return redis.lrange(key, '0', '-1');
    case 'set':
      return redis.smembers(key);
    case 'zset':
      return redis.zrange(key, '0', '-1');
    case 'stream':
      return redis.xrange(key, '-', '+');
    default:
      return null;
  }
}
