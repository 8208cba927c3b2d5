import { DataSource } from 'typeorm';
import { GuardedDataSource, NestedConnectionError } from './connection-guard';
import { dataSourceOptions } from './data-source-options';
import { transactionWithRetry } from './transaction';

/** ADR 0041: under `refuse`, transaction work that asks the pool for a second connection fails at once. */
describe('the connection guard (DATABASE_NESTED_CONNECTIONS)', () => {
  const open = (mode: 'allow' | 'refuse', pool: number) =>
    new DataSource(dataSourceOptions(process.env.DATABASE_URL!, pool, true, mode)).initialize();

  it('refuses a pool read inside transactionWithRetry and rolls the work back; reads through the manager pass', async () => {
    const ds = await open('refuse', 2);
    try {
      await ds.query('CREATE TABLE IF NOT EXISTS connection_guard_spec (n int)');
      await expect(
        transactionWithRetry(ds, async (m) => {
          await m.query('INSERT INTO connection_guard_spec VALUES ($1)', [1]);
          await ds.query('SELECT $1::int AS n', [1]);
        }),
      ).rejects.toBeInstanceOf(NestedConnectionError);
      expect(await ds.query('SELECT count(*)::int AS n FROM connection_guard_spec')).toEqual([{ n: 0 }]);
      await expect(transactionWithRetry(ds, (m) => m.query('SELECT $1::int AS n', [2]))).resolves.toEqual([{ n: 2 }]);
      // Outside transaction work the pool serves as always.
      await expect(ds.query('SELECT $1::int AS n', [3])).resolves.toEqual([{ n: 3 }]);
    } finally {
      await ds.query('DROP TABLE IF EXISTS connection_guard_spec');
      await ds.destroy();
    }
  });

  it('marks every transaction of a GuardedDataSource: the DataSource’s, a repository manager’s, with an isolation level', async () => {
    const ds = await new GuardedDataSource(dataSourceOptions(process.env.DATABASE_URL!, 2, true, 'refuse')).initialize();
    try {
      await expect(ds.transaction(() => ds.query('SELECT 1'))).rejects.toBeInstanceOf(NestedConnectionError);
      await expect(ds.manager.transaction('SERIALIZABLE', () => ds.query('SELECT 1'))).rejects.toBeInstanceOf(NestedConnectionError);
      await expect(ds.transaction((m) => m.query('SELECT $1::int AS n', [5]))).resolves.toEqual([{ n: 5 }]);
      await expect(ds.manager.transaction('SERIALIZABLE', (m) => m.query('SELECT $1::int AS n', [6]))).resolves.toEqual([{ n: 6 }]);
    } finally {
      await ds.destroy();
    }
  });

  it('under allow, the same read waits for a free connection and succeeds', async () => {
    const ds = await open('allow', 2);
    try {
      await expect(transactionWithRetry(ds, async () => ds.query('SELECT $1::int AS n', [4]))).resolves.toEqual([{ n: 4 }]);
    } finally {
      await ds.destroy();
    }
  });
});
