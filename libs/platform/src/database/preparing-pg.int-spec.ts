import { DataSource } from 'typeorm';
import { dataSourceOptions } from './data-source-options';

/** ADR 0040: parameterized statements are prepared once per connection; the rest go unnamed. */
describe('preparing statements (the pg driver of dataSourceOptions)', () => {
  let ds: DataSource;
  const prepared = async (): Promise<string[]> =>
    (await ds.query<{ statement: string }[]>('SELECT statement FROM pg_prepared_statements ORDER BY prepare_time')).map((r) => r.statement);

  beforeAll(async () => {
    ds = await new DataSource(dataSourceOptions(process.env.DATABASE_URL!, 1)).initialize();
  });
  afterAll(() => ds.destroy());

  it('prepares a statement with parameters once and reuses it; one without stays unnamed', async () => {
    const text = 'SELECT $1::int + 1 AS n /* preparing-pg spec */';
    for (const v of [1, 2, 3]) expect(await ds.query(text, [v])).toEqual([{ n: v + 1 }]);
    await ds.query('SELECT 42 AS answer /* preparing-pg spec */');
    const statements = await prepared();
    expect(statements.filter((s) => s === text)).toHaveLength(1);
    expect(statements.some((s) => s.includes('answer'))).toBe(false);
    // Values travel apart from the text: nothing of them is in what the server keeps.
    expect(statements.join('\n')).not.toMatch(/\b[23]\b.*preparing/);
  });

  it('a statement that fails to parse is parsed again next time, not reused broken', async () => {
    const text = 'SELECT $1::int FROM preparing_pg_spec_later';
    await expect(ds.query(text, [1])).rejects.toThrow(/does not exist/);
    await ds.query('CREATE TEMP TABLE preparing_pg_spec_later AS SELECT 1 AS x');
    await expect(ds.query(text, [7])).resolves.toEqual([{ int4: 7 }]);
  });

  it('an invalid value fails its own call only, inside and after a transaction', async () => {
    const text = 'SELECT length($1::text) AS n';
    await expect(ds.query(text, ['a\u0000b'])).rejects.toThrow();
    expect(await ds.query(text, ['abc'])).toEqual([{ n: 3 }]);
    await expect(
      ds.transaction(async (m) => {
        await m.query(text, ['ok']);
        await m.query('SELECT $1::int', ['not a number']);
      }),
    ).rejects.toThrow(/invalid input syntax/);
    expect(await ds.query(text, ['abcd'])).toEqual([{ n: 4 }]);
  });
});
