import { readdirSync, readFileSync } from 'node:fs';
import { join, relative } from 'node:path';
import { scanLibs, type TableUse } from './sql-scan';
import { ALLOWED_FOREIGN_READS, NOT_TABLES, SQL_OUTSIDE_REPOSITORIES, TABLE_OWNERS } from './table-owners';

/**
 * One owner per table (ADR 0020, ADR 0022): every SQL statement in `libs/` touches only
 * the tables of its own lib; another lib's data comes through the owner's exported
 * service or a read model the owner publishes (`<lib>.read-models.ts`).
 */
const root = join(__dirname, '..', '..');
const uses = scanLibs(root);
const where = (u: TableUse) => `${u.file}:${u.line} (${u.kind} ${u.table})`;
const allowed = (u: TableUse) => ALLOWED_FOREIGN_READS.some((a) => a.file === u.file && a.table === u.table);

/** The tables the migrations create. */
function migratedTables(): string[] {
  const dir = join(root, 'libs/platform/src/database/migrations');
  const tables = new Set<string>();
  for (const file of readdirSync(dir).filter((f) => /^\d+-.*\.ts$/.test(f))) {
    for (const m of readFileSync(join(dir, file), 'utf8').matchAll(/CREATE\s+TABLE\s+(?:IF\s+NOT\s+EXISTS\s+)?"?([a-z_][a-z0-9_]*)"?/gi)) {
      tables.add(m[1].toLowerCase());
    }
  }
  return [...tables].sort();
}

describe('table ownership', () => {
  it('finds the SQL in the libs (the scanner works)', () => {
    expect(uses.filter((u) => u.table === 'referral' && u.lib === 'referral').length).toBeGreaterThan(10);
  });

  it('gives every table a migration creates an owner', () => {
    const unowned = migratedTables().filter((t) => !(t in TABLE_OWNERS));
    expect(unowned.map((t) => `table ${t} has no owner: add it to TABLE_OWNERS in test/architecture/table-owners.ts (ADR 0022)`)).toEqual(
      [],
    );
  });

  it('knows every table the libs touch', () => {
    const unknown = uses.filter((u) => !(u.table in TABLE_OWNERS) && !NOT_TABLES.has(u.table));
    expect(
      unknown.map(
        (u) =>
          `${where(u)}: ${u.table} has no owner — add it to TABLE_OWNERS (or, if it is no table, to NOT_TABLES) in test/architecture/table-owners.ts`,
      ),
    ).toEqual([]);
  });

  it('lets no lib write another lib’s table', () => {
    const foreign = uses.filter((u) => u.kind === 'write' && TABLE_OWNERS[u.table] && TABLE_OWNERS[u.table] !== u.lib);
    expect(
      foreign.map((u) => `${where(u)}: ${u.lib} writes ${u.table}, owned by ${TABLE_OWNERS[u.table]} — call the owner's service`),
    ).toEqual([]);
  });

  it('lets a lib read another lib’s table only through a read model, or as an allowed reporting join', () => {
    const foreign = uses.filter((u) => u.kind === 'read' && TABLE_OWNERS[u.table] && TABLE_OWNERS[u.table] !== u.lib && !allowed(u));
    expect(
      foreign.map(
        (u) =>
          `${where(u)}: ${u.lib} reads ${u.table}, owned by ${TABLE_OWNERS[u.table]} — use the owner's service or a read model it publishes`,
      ),
    ).toEqual([]);
  });

  it('keeps the allow-list short, explained, for reads only, and in use', () => {
    const statements = uses.filter((u) => u.kind === 'read' && TABLE_OWNERS[u.table] !== u.lib && allowed(u));
    expect(new Set(statements.map((u) => `${u.file}:${u.line}`)).size).toBeLessThanOrEqual(10);
    for (const a of ALLOWED_FOREIGN_READS) {
      expect(a.reason.length).toBeGreaterThan(10);
      expect(TABLE_OWNERS[a.table]).toBeDefined();
      expect(uses.some((u) => u.file === a.file && u.table === a.table && u.kind === 'read')).toBe(true);
      expect(uses.some((u) => u.file === a.file && u.table === a.table && u.kind === 'write')).toBe(false);
    }
  });

  it('keeps SQL in repositories and read models, not in services', () => {
    const home = (file: string) => /\.(repository|read-models)\.ts$/.test(file) || SQL_OUTSIDE_REPOSITORIES.some((e) => e.file === file);
    const strays = [...new Set(uses.filter((u) => !home(u.file)).map((u) => `${u.file}:${u.line}`))];
    expect(strays.map((s) => `${s}: SQL outside a repository — move it into the lib's <lib>.repository.ts`)).toEqual([]);
  });

  it('keeps data access — raw queries and TypeORM repositories — in repositories, not in services', () => {
    const ACCESS = /getRepository\(|@InjectRepository\(|createQueryBuilder\(|\.query\(/;
    const strays: string[] = [];
    const walk = (dir: string) => {
      for (const entry of readdirSync(dir, { withFileTypes: true })) {
        const path = join(dir, entry.name);
        if (entry.isDirectory()) {
          if (entry.name !== 'migrations') walk(path);
          continue;
        }
        const file = relative(root, path);
        if (!file.endsWith('.ts') || /\.(spec|int-spec|repository|read-models)\.ts$/.test(file)) continue;
        if (SQL_OUTSIDE_REPOSITORIES.some((e) => e.file === file)) continue;
        readFileSync(path, 'utf8')
          .split('\n')
          .forEach(
            (line, i) =>
              ACCESS.test(line) &&
              strays.push(`${file}:${i + 1}: data access outside a repository — move it into the lib's <lib>.repository.ts`),
          );
      }
    };
    for (const lib of readdirSync(join(root, 'libs'))) walk(join(root, 'libs', lib, 'src'));
    expect(strays).toEqual([]);
  });
});
