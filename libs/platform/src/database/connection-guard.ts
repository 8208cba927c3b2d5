import { AsyncLocalStorage } from 'node:async_hooks';
import pg from 'pg';

/**
 * Work that holds a transaction must not ask the pool for a second connection: once as
 * many such callers are in flight as the pool has connections, each waits for the others
 * until the acquire timeout (issue 20: the follow-up sync read consent from the pool
 * inside its transaction, and a queue running ten at a time stood still). Reads inside a
 * transaction go through its manager.
 *
 * `transactionWithRetry` marks its work; a pool made by `guardedPool` refuses a connection
 * asked for inside marked work when `refuse` is set (the tests set it, through
 * `DATABASE_NESTED_CONNECTIONS=refuse`, so such a read fails where it is written rather
 * than under load). Production keeps `allow`: a latent wait is better than a new error.
 */
const holding = new AsyncLocalStorage<true>();

/** Runs `work` as holding a transaction (see above). */
export function asTransactionWork<T>(work: () => Promise<T>): Promise<T> {
  return holding.run(true, work);
}

export class NestedConnectionError extends Error {
  constructor() {
    // Deep enough to reach the caller past TypeORM's and pg's frames.
    const limit = Error.stackTraceLimit;
    Error.stackTraceLimit = 40;
    super('a pooled connection was asked for inside a transaction: pass the transaction’s manager instead');
    Error.stackTraceLimit = limit;
  }
}

type Connect = (this: pg.Pool, ...args: unknown[]) => unknown;
// Called with the pool as `this` below, never detached.
// eslint-disable-next-line @typescript-eslint/unbound-method
const connect = pg.Pool.prototype.connect as Connect;

/** A pg Pool class that refuses a connection asked for inside transaction work. */
export function guardedPool(Base: typeof pg.Pool): typeof pg.Pool {
  class GuardedPool extends Base {}
  (GuardedPool.prototype as unknown as { connect: Connect }).connect = function (...args) {
    if (holding.getStore()) {
      const error = new NestedConnectionError();
      const callback = args[0];
      if (typeof callback === 'function') {
        process.nextTick(() => (callback as (err: Error) => void)(error));
        return undefined;
      }
      return Promise.reject(error);
    }
    return connect.apply(this, args);
  };
  return GuardedPool;
}
