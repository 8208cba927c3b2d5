import { AsyncLocalStorage } from 'node:async_hooks';
import pg from 'pg';
import { DataSource, type EntityManager, type QueryRunner } from 'typeorm';

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

type Transaction = (...args: unknown[]) => Promise<unknown>;

/**
 * A DataSource whose every transaction is marked as transaction work, not only those of
 * `transactionWithRetry`: `dataSource.transaction`, `repository.manager.transaction` and
 * the rest all go through the manager made here. The mark costs nothing unless the pool
 * is a `guardedPool` (`refuse`, the tests): then a pool read inside any transaction fails
 * where it is written.
 */
export class GuardedDataSource extends DataSource {
  override createEntityManager(queryRunner?: QueryRunner): EntityManager {
    const manager = super.createEntityManager(queryRunner);
    const transaction = manager.transaction.bind(manager) as Transaction;
    // `transaction(work)` or `transaction(isolationLevel, work)`; `DataSource.transaction`
    // passes its two arguments on as they came, so `(work, undefined)` too.
    (manager as unknown as { transaction: Transaction }).transaction = (...args) =>
      transaction(
        ...args.map((arg) =>
          typeof arg === 'function'
            ? (m: EntityManager) => asTransactionWork(() => (arg as (m: EntityManager) => Promise<unknown>)(m))
            : arg,
        ),
      );
    return manager;
  }
}
