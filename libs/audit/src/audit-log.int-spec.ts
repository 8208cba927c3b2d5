import { randomUUID } from 'node:crypto';
import { DataSource } from 'typeorm';
import { dataSourceOptions } from '@bro/platform';

describe('audit_log (real PostgreSQL)', () => {
  let ds: DataSource;
  beforeAll(async () => {
    ds = await new DataSource(dataSourceOptions(process.env.DATABASE_URL!, 2)).initialize();
  });
  afterAll(() => ds.destroy());

  it('is append-only: rows can be added, never changed or removed', async () => {
    const [{ id }] = await ds.query("INSERT INTO audit_log (municipality_id, action) VALUES ($1, 'referral.read') RETURNING id", [
      randomUUID(),
    ]);
    await expect(ds.query("UPDATE audit_log SET action = 'nothing' WHERE id = $1", [id])).rejects.toThrow(/append-only/);
    await expect(ds.query('DELETE FROM audit_log WHERE id = $1', [id])).rejects.toThrow(/append-only/);
    await expect(ds.query('TRUNCATE audit_log')).rejects.toThrow(/append-only/);
    const [row] = await ds.query('SELECT action FROM audit_log WHERE id = $1', [id]);
    expect(row.action).toBe('referral.read');
  });
});
