import { randomUUID } from 'node:crypto';
import { DataSource } from 'typeorm';
import { dataSourceOptions } from './data-source-options';
import { transactionWithRetry } from './transaction';

describe('transactionWithRetry (real PostgreSQL)', () => {
  let ds: DataSource;
  beforeAll(async () => {
    ds = await new DataSource(dataSourceOptions(process.env.DATABASE_URL!, 4)).initialize();
  });
  afterAll(() => ds.destroy());

  it('runs a deadlock victim again, so both transactions take effect', async () => {
    const [a, b] = await Promise.all(
      ['A', 'B'].map(
        async (name) => (await ds.query('INSERT INTO municipality (code, name) VALUES ($1, $2) RETURNING id', [randomUUID(), name]))[0].id,
      ),
    );
    let attempts = 0;
    // Each transaction locks one row, waits until the other holds the other row, then wants it.
    let arrived = 0;
    const bothHoldOne = new Promise<void>((resolve) => {
      const check = setInterval(() => arrived >= 2 && (clearInterval(check), resolve()), 5);
    });
    const crossing = (first: string, second: string) =>
      transactionWithRetry(ds, async (m) => {
        attempts += 1;
        await m.query('UPDATE municipality SET retention_years = retention_years + 1 WHERE id = $1', [first]);
        arrived += 1;
        await bothHoldOne;
        await m.query('UPDATE municipality SET retention_years = retention_years + 1 WHERE id = $1', [second]);
      });
    await Promise.all([crossing(a, b), crossing(b, a)]);

    expect(attempts).toBe(3); // one of the two was a deadlock victim and ran again
    const rows = await ds.query('SELECT retention_years FROM municipality WHERE id = ANY($1)', [[a, b]]);
    expect(rows.map((r: { retention_years: number }) => r.retention_years)).toEqual([7, 7]);
  });

  it('does not retry other errors', async () => {
    let attempts = 0;
    await expect(
      transactionWithRetry(ds, async (m) => {
        attempts += 1;
        await m.query('SELECT 1/0');
      }),
    ).rejects.toThrow(/division by zero/);
    expect(attempts).toBe(1);
  });
});
