import { setTimeout as sleep } from 'node:timers/promises';
import type { DataSource, EntityManager } from 'typeorm';
import { asTransactionWork } from './connection-guard';

const RETRYABLE = new Set(['40P01', '40001']); // deadlock detected, serialization failure

function sqlState(err: unknown): string | undefined {
  const e = err as { code?: string; driverError?: { code?: string } } | null;
  return e?.code ?? e?.driverError?.code;
}

/**
 * Runs `work` in one transaction and runs it again, from the start, when PostgreSQL
 * aborts it as a deadlock victim or a serialization failure. Only for work whose
 * whole effect is inside the transaction (so a retry cannot double anything).
 */
export async function transactionWithRetry<T>(
  dataSource: DataSource,
  work: (manager: EntityManager) => Promise<T>,
  attempts = 5,
): Promise<T> {
  for (let attempt = 1; ; attempt++) {
    try {
      return await dataSource.transaction((m) => asTransactionWork(() => work(m)));
    } catch (err) {
      if (attempt >= attempts || !RETRYABLE.has(sqlState(err) ?? '')) throw err;
      await sleep(Math.random() * 20 * attempt);
    }
  }
}

/**
 * Runs statements of one transaction side by side (ADR 0043): the pipelining driver sends
 * them in one round trip. Like `Promise.all`, but it fails only once every one has
 * settled: with `Promise.all` the transaction would roll back on the first failure while
 * a branch of several statements could still send its next one, which would then run
 * outside the transaction, on its own. Here every later statement meets the aborted
 * transaction and fails with it.
 */
export async function together<T extends readonly unknown[] | []>(work: T): Promise<{ -readonly [K in keyof T]: Awaited<T[K]> }> {
  const settled: PromiseSettledResult<unknown>[] = await Promise.allSettled(work as readonly unknown[]);
  const failed = settled.find((s): s is PromiseRejectedResult => s.status === 'rejected');
  if (failed) throw failed.reason;
  return settled.map((s) => (s as PromiseFulfilledResult<unknown>).value) as { -readonly [K in keyof T]: Awaited<T[K]> };
}
