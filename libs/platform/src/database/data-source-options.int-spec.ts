import { existsSync } from 'node:fs';
import type { Socket } from 'node:net';
import { DataSource } from 'typeorm';
import { dataSourceOptions } from './data-source-options';
import { together } from './transaction';

/**
 * DATABASE_URL may name PostgreSQL's Unix socket the libpq way (`?host=/dir`); TypeORM
 * drops a URL's query, so without `dataSourceOptions` handing the directory on, the api
 * would connect over TCP to the URL's host instead (or fail where there is none).
 */
describe('dataSourceOptions and the Unix socket', () => {
  const socketDir = ['/var/run/postgresql', '/tmp'].find((d) => existsSync(`${d}/.s.PGSQL.5432`));

  it('hands a socket directory on as the host, with the URL’s user and database', () => {
    const options = dataSourceOptions('postgres://bro:s%C3%A6t@localhost:5433/bro_x?host=/run/pg', 3) as unknown as Record<string, unknown>;
    expect(options).toMatchObject({ host: '/run/pg', port: 5433, username: 'bro', password: 'sæt', database: 'bro_x', poolSize: 3 });
    expect(options.url).toBeUndefined();
    expect((dataSourceOptions('postgres://postgres@127.0.0.1:5432/bro', 3) as { url?: string }).url).toBe(
      'postgres://postgres@127.0.0.1:5432/bro',
    );
  });

  it('connects through the socket (the server sees a Unix-socket client: no client address)', async () => {
    expect(socketDir).toBeDefined(); // the test server listens on its socket too (Debian's default)
    const u = new URL(process.env.DATABASE_URL!);
    u.hostname = 'nowhere.invalid'; // were the socket ignored, this host would fail to resolve
    u.searchParams.set('host', socketDir!);
    const ds = new DataSource(dataSourceOptions(u.toString(), 1));
    await ds.initialize();
    try {
      const [row] = await ds.query('SELECT inet_client_addr() AS addr, current_database() AS db');
      expect(row).toEqual({ addr: null, db: new URL(process.env.DATABASE_URL!).pathname.slice(1) });
    } finally {
      await ds.destroy();
    }
  });
});

/**
 * ADR 0043: the driver pipelines (pg's `pipeline` option). Statements issued together on
 * one transaction go out without waiting for each other's answers; if one fails, the
 * transaction fails whole.
 */
describe('dataSourceOptions and pipelining', () => {
  let ds: DataSource;
  beforeAll(async () => {
    ds = new DataSource(dataSourceOptions(process.env.DATABASE_URL!, 1));
    await ds.initialize();
    await ds.query('CREATE TABLE pipeline_probe (n int PRIMARY KEY)');
  });
  afterAll(() => ds.destroy());

  it('sends statements issued together before the first is answered', async () => {
    await ds.transaction(async (m) => {
      const client = (m.queryRunner as unknown as { databaseConnection: { connection: { stream: Socket } } }).databaseConnection;
      const stream = client.connection.stream;
      const writes: number[] = [];
      const write = stream.write.bind(stream) as (...args: unknown[]) => boolean;
      stream.write = (...args: unknown[]) => {
        writes.push(performance.now());
        return write(...args);
      };
      let firstAnswered = Infinity;
      try {
        await Promise.all([
          m.query('SELECT pg_sleep(0.2)').then(() => (firstAnswered = performance.now())),
          m.query('SELECT $1::int AS n', [1]),
          m.query('SELECT $1::int AS n', [2]),
        ]);
      } finally {
        stream.write = write;
      }
      expect(writes.length).toBeGreaterThan(0);
      expect(Math.max(...writes)).toBeLessThan(firstAnswered);
    });
  });

  it('a failing statement among them fails the transaction whole: nothing is kept', async () => {
    await expect(
      ds.transaction((m) =>
        together([
          m.query('INSERT INTO pipeline_probe (n) VALUES (1)'),
          m.query('INSERT INTO pipeline_probe (n) VALUES (1 / 0)'),
          m.query('INSERT INTO pipeline_probe (n) VALUES (3)'),
        ]),
      ),
    ).rejects.toThrow(/division by zero/);
    expect(await ds.query('SELECT n FROM pipeline_probe')).toEqual([]);
    // The connection is usable afterwards.
    expect(await ds.query('SELECT 1 AS one')).toEqual([{ one: 1 }]);
  });
});
