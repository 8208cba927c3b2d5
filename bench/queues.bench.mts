/**
 * Queue views at national scale: latency of the coordinators' and brobyggere's
 * follow-up views and the queue summary with ~1,000,000 cases and ~5,000,000
 * follow-ups (100 municipalities × 10,000 cases × 5 follow-ups), an assignment row
 * per case that had a brobygger and intake's five consents per case, generated with SQL
 * (about 3 minutes).
 *
 *   ./bro npm run build
 *   ./bro node bench/queues.bench.mts [--database bro_bench_scale] [--rounds 20]
 *   ./bro node bench/queues.bench.mts --explain [--rounds 9]
 *
 * `--explain` runs no api: it prints the median EXPLAIN (ANALYZE, BUFFERS, TIMING OFF) execution
 * time of each statement the views run — far less sensitive to the machine's load
 * than latency over HTTP — including a page's audit rows with the note their chain
 * linker reads (ADR 0042), inside a transaction that is rolled back, so nothing is kept.
 *
 * The first run creates and fills the database (several minutes); later runs reuse
 * it. The script starts its own api on port 3999 against that database, sends a
 * bounded number of requests to it, prints medians and p95, and stops it.
 */
import { spawn } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { performance } from 'node:perf_hooks';
import pg from 'pg';

function arg(name: string, fallback: string): string {
  const i = process.argv.indexOf(`--${name}`);
  return i > 0 ? process.argv[i + 1] : fallback;
}
const database = arg('database', 'bro_bench_scale');
const rounds = Number(arg('rounds', '20'));
const server = process.env.TEST_DATABASE_URL ?? 'postgres://postgres@127.0.0.1:5432/postgres';
const url = new URL(server);
url.pathname = `/${database}`;
const databaseUrl = url.toString();
const PORT = 3999;

// The big tables whose secondary indexes (and unreferenced keys) are built after the load.
const LOADED = ['citizen', 'referral', 'follow_up', 'referral_assignment', 'consent'];

async function generate(db: pg.Client): Promise<void> {
  const t0 = performance.now();
  const step = async (label: string, sql: string) => {
    const s = performance.now();
    await db.query(sql);
    process.stdout.write(`  ${label}: ${((performance.now() - s) / 1000).toFixed(1)} s\n`);
  };
  // Loading fast, the same rows: foreign keys are not checked row by row (replica role:
  // every row below is made from the rows it points to), and the indexes are built once
  // after the load instead of being kept up to date through 8 million random inserts
  // (the first version took 1 582 s, most of it index maintenance and FK checks).
  await db.query("SET session_replication_role = replica; SET synchronous_commit = off; SET maintenance_work_mem = '512MB'");
  const indexes = (
    await db.query<{ drop: string; create: string }>(
      `SELECT format('DROP INDEX %s', i.indexrelid::regclass) AS drop, pg_get_indexdef(i.indexrelid) AS create
         FROM pg_index i
        WHERE i.indrelid = ANY ($1::regclass[])
          AND NOT EXISTS (SELECT 1 FROM pg_constraint c WHERE c.conindid = i.indexrelid)
       UNION ALL
       SELECT format('ALTER TABLE %s DROP CONSTRAINT %I', c.conrelid::regclass, c.conname),
              format('ALTER TABLE %s ADD CONSTRAINT %I %s', c.conrelid::regclass, c.conname, pg_get_constraintdef(c.oid))
         FROM pg_constraint c
        WHERE c.conrelid = ANY ($1::regclass[]) AND c.contype IN ('p', 'u')
          AND NOT EXISTS (SELECT 1 FROM pg_constraint f WHERE f.contype = 'f' AND f.conindid = c.conindid)`,
      [LOADED],
    )
  ).rows;
  for (const i of indexes) await db.query(i.drop);
  await step('municipalities', "INSERT INTO municipality (code, name) SELECT 'scale-' || g, 'Skala ' || g FROM generate_series(1, 100) g");
  await step('areas', "INSERT INTO area (municipality_id, name) SELECT id, 'Område' FROM municipality WHERE code LIKE 'scale-%'");
  await step(
    'users',
    `INSERT INTO app_user (municipality_id, username, display_name, role)
     SELECT m.id, m.code || '.' || r.role || '.' || g, r.role || ' ' || g, r.role
       FROM municipality m CROSS JOIN (VALUES ('coordinator', 1), ('referrer', 1), ('brobygger', 10)) r(role, n)
       CROSS JOIN LATERAL generate_series(1, r.n) g WHERE m.code LIKE 'scale-%'`,
  );
  await step(
    'brobyggere',
    `INSERT INTO brobygger (municipality_id, user_id, capacity)
     SELECT municipality_id, id, 500 FROM app_user WHERE role = 'brobygger' AND username LIKE 'scale-%'`,
  );
  await step(
    'citizens (1M)',
    `INSERT INTO citizen (municipality_id, cpr_hmac, name, postcode)
     SELECT m.id, md5(m.id::text || g), 'Borger ' || g, '4000' FROM municipality m CROSS JOIN generate_series(1, 10000) g WHERE m.code LIKE 'scale-%'`,
  );
  // 70 % completed, 3 % unassigned (no assignee), 27 % active; each case's brobygger one of
  // the municipality's ten, picked by a hash of the citizen (a hash join, not a subquery per row).
  await step(
    'referrals (1M; 30 % open)',
    `WITH b AS (SELECT id, municipality_id, row_number() OVER (PARTITION BY municipality_id ORDER BY id) - 1 AS n FROM brobygger)
     INSERT INTO referral (municipality_id, citizen_id, referrer_id, status, reasons, area_id, assignee_id, created_at)
     SELECT c.municipality_id, c.id, u.id, s.status, '{loneliness}', a.id,
            CASE WHEN s.status <> 'unassigned' THEN b.id END,
            now() - random() * interval '3 years'
       FROM citizen c
       -- random() in a subquery's target list: one draw per citizen (the subquery is not flattened)
       JOIN (SELECT id, CASE WHEN r < 0.7 THEN 'completed' WHEN r < 0.73 THEN 'unassigned' ELSE 'active' END AS status
               FROM (SELECT id, random() AS r FROM citizen) x) s ON s.id = c.id
       JOIN app_user u ON u.municipality_id = c.municipality_id AND u.role = 'referrer'
       JOIN area a ON a.municipality_id = c.municipality_id
       JOIN b ON b.municipality_id = c.municipality_id AND b.n = abs(hashtext(c.id::text)) % 10
      WHERE c.cpr_hmac ~ '^[0-9a-f]{32}$'`,
  );
  await step(
    'follow-ups (5M)',
    `INSERT INTO follow_up (municipality_id, referral_id, kind, due_at, assignee_id, status, overdue_since, escalated_at)
     SELECT r.municipality_id, r.id, (ARRAY['first_contact','follow_up_call','review','outcome_measurement','custom'])[k],
            d.due, r.assignee_id,
            CASE WHEN r.status = 'completed' THEN 'done' ELSE 'open' END,
            CASE WHEN r.status <> 'completed' AND d.due < now() THEN d.due END,
            CASE WHEN r.status <> 'completed' AND d.due < now() - interval '5 days' THEN now() END
       FROM (SELECT r.*, k, now() + (random() * 120 - 60) * interval '1 day' AS due
               FROM referral r CROSS JOIN generate_series(1, 5) k) r
       CROSS JOIN LATERAL (SELECT r.due) d`,
  );
  // The five consents intake records for every referral (a list page reads its cases' consents).
  await step(
    'consents (5M)',
    `INSERT INTO consent (municipality_id, citizen_id, referral_id, scope, value, method, captured_by, captured_at)
     SELECT r.municipality_id, r.citizen_id, r.id, c.scope, c.value, 'digital', r.referrer_id, r.created_at
       FROM referral r CROSS JOIN (VALUES ('referral', 'true'), ('referrer_feedback', 'status'), ('share_with_host', 'true'),
                                          ('sms', 'true'), ('statistics', 'true')) c(scope, value)`,
  );
  await step(
    'assignments (one per case that had a brobygger)',
    `INSERT INTO referral_assignment (municipality_id, referral_id, brobygger_id, kind, assigned_at, released_at, released_reason)
     SELECT municipality_id, id, assignee_id, 'auto', created_at + interval '1 minute',
            CASE WHEN status = 'completed' THEN created_at + interval '60 days' END, CASE WHEN status = 'completed' THEN 'closed' END
       FROM referral WHERE assignee_id IS NOT NULL`,
  );
  const s = performance.now();
  for (const i of indexes) await db.query(i.create);
  process.stdout.write(`  indexes (${indexes.length}): ${((performance.now() - s) / 1000).toFixed(1)} s\n`);
  await db.query('RESET session_replication_role; RESET synchronous_commit');
  // VACUUM, not only ANALYZE: it sets the visibility map, so the views' counts are the
  // index-only scans they are on a live database autovacuum keeps (without it the overdue
  // count read 15 000 heap rows: 270 ms instead of a few).
  await step('vacuum and analyze', 'VACUUM (ANALYZE)');
  process.stdout.write(`generated in ${((performance.now() - t0) / 1000).toFixed(0)} s\n`);
}

async function main(): Promise<void> {
  const admin = new pg.Client({ connectionString: server });
  await admin.connect();
  const exists = (await admin.query('SELECT 1 FROM pg_database WHERE datname = $1', [database])).rowCount;
  await admin.end();
  if (!exists) {
    process.stdout.write(`creating ${database} …\n`);
    await run('node', ['dist/libs/platform/src/database/cli/migrate.js'], { DATABASE_URL: databaseUrl });
    const db = new pg.Client({ connectionString: databaseUrl });
    await db.connect();
    await generate(db);
    await db.end();
  }
  const db = new pg.Client({ connectionString: databaseUrl });
  await db.connect();
  if (process.argv.includes('--explain')) {
    await explain(db);
    await db.end();
    return;
  }
  const counts = (await db.query('SELECT (SELECT count(*) FROM referral) AS referrals, (SELECT count(*) FROM follow_up) AS follow_ups'))
    .rows[0];
  const coordinator = (await db.query("SELECT username FROM app_user WHERE username = 'scale-1.coordinator.1'")).rows[0].username as string;
  const brobygger = (await db.query("SELECT username FROM app_user WHERE username = 'scale-1.brobygger.1'")).rows[0].username as string;
  await db.end();

  const api = spawn('node', ['dist/apps/api/src/main.js'], {
    env: { ...process.env, DATABASE_URL: databaseUrl, PORT: String(PORT), LOG_LEVEL: 'warn' },
    stdio: 'ignore',
  });
  try {
    const base = `http://127.0.0.1:${PORT}`;
    // Up to 90 s: on a busy shared machine a start-up alone has taken 35–40 s.
    for (let i = 0; i < 450; i++) {
      if (
        await fetch(`${base}/health/live`).then(
          (r) => r.ok,
          () => false,
        )
      )
        break;
      await new Promise((r) => setTimeout(r, 200));
    }
    const token = async (username: string) =>
      (
        (await (
          await fetch(`${base}/v1/auth/dev-token`, {
            method: 'POST',
            headers: { 'content-type': 'application/json' },
            body: JSON.stringify({ username }),
          })
        ).json()) as { accessToken: string }
      ).accessToken;
    const who = { coordinator: await token(coordinator), brobygger: await token(brobygger) };
    const lines = [
      `command: node bench/queues.bench.mts --database ${database} --rounds ${rounds}`,
      `data: ${counts.referrals} referrals, ${counts.follow_ups} follow-ups`,
    ];
    for (const [role, t] of Object.entries(who)) {
      for (const path of [
        '/v1/follow-ups?view=overdue',
        '/v1/follow-ups?view=due_today',
        '/v1/follow-ups?view=escalated',
        '/v1/follow-ups?view=upcoming&limit=50',
        '/v1/queues/summary',
      ]) {
        // Three unmeasured requests first: a fresh process's first requests (JIT, the pool's
        // connections, TypeORM's metadata) fell into whichever view was measured first.
        for (let i = 0; i < 3; i++) await (await fetch(`${base}${path}`, { headers: { authorization: `Bearer ${t}` } })).arrayBuffer();
        const ms: number[] = [];
        const cpu0 = apiCpuMs(api.pid);
        for (let i = 0; i < rounds; i++) {
          const s = performance.now();
          const res = await fetch(`${base}${path}`, { headers: { authorization: `Bearer ${t}` } });
          await res.arrayBuffer();
          if (!res.ok) throw new Error(`${path}: ${res.status}`);
          ms.push(performance.now() - s);
        }
        const cpu = cpu0 === null ? null : (apiCpuMs(api.pid)! - cpu0) / rounds;
        ms.sort((a, b) => a - b);
        lines.push(
          `${role.padEnd(11)} ${path.padEnd(40)} median ${ms[Math.floor(ms.length / 2)].toFixed(1)} ms, p95 ${ms[Math.floor(ms.length * 0.95)].toFixed(1)} ms` +
            (cpu === null ? '' : `, api CPU ${cpu.toFixed(1)} ms/request`),
        );
      }
    }
    process.stdout.write(`${lines.join('\n')}\n`);
  } finally {
    api.kill('SIGTERM');
  }
}

/** The statements of the views (as the repositories write them, with the read model inlined), by EXPLAIN ANALYZE. */
async function explain(db: pg.Client): Promise<void> {
  const one = async (sql: string) => (await db.query(sql)).rows[0] as Record<string, unknown>;
  const m = (await one("SELECT id FROM municipality WHERE code = 'scale-1'")).id as string;
  const b = (await one(`SELECT b.id FROM brobygger b JOIN app_user u ON u.id = b.user_id WHERE u.username = 'scale-1.brobygger.1'`))
    .id as string;
  const facts = `(SELECT id, municipality_id, citizen_id, referrer_id, referrer_organisation, area_id, status, outcome,
    reasons, duplicate_of, duplicate_decision, created_at, updated_at FROM referral)`;
  const lit = (v: string) => `'${v}'`;
  const scope = (own: string | null) =>
    `f.municipality_id = ${lit(m)} AND f.status = 'open'${own ? ` AND f.assignee_id = ${lit(own)}` : ''}`;
  // Constants, as the api binds them (a per-row date_trunc would cost more than the scan).
  const now = new Date();
  const dayStart = new Date(Date.UTC(now.getUTCFullYear(), now.getUTCMonth(), now.getUTCDate()));
  const dayEnd = new Date(dayStart.getTime() + 24 * 3600 * 1000);
  const at = (d: Date) => `'${d.toISOString()}'::timestamptz`;
  const views: Record<string, string> = {
    overdue: `f.due_at <= ${at(now)}`,
    due_today: `f.due_at >= ${at(dayStart)} AND f.due_at < ${at(dayEnd)}`,
    escalated: 'f.escalated_at IS NOT NULL',
    upcoming: `f.due_at >= ${at(dayEnd)}`,
  };
  const pageSql = (own: string | null, cond: string) =>
    `SELECT f.*, r.citizen_id FROM follow_up f JOIN ${facts} r ON r.id = f.referral_id WHERE ${scope(own)} AND ${cond} ORDER BY f.due_at, f.id LIMIT 50`;
  const statements: [string, string][] = [];
  for (const [who, own] of [
    ['coordinator', null],
    ['brobygger', b],
  ] as const) {
    for (const [view, cond] of Object.entries(views)) {
      statements.push([`${who} ${view}: count`, `SELECT count(*)::int FROM follow_up f WHERE ${scope(own)} AND ${cond}`]);
      statements.push([`${who} ${view}: page`, pageSql(own, cond)]);
    }
    statements.push([
      `${who} summary: counts`,
      `SELECT count(*) FILTER (WHERE f.kind = 'first_contact')::int, count(*) FILTER (WHERE ${views.due_today})::int,
              count(*) FILTER (WHERE ${views.overdue})::int, count(*) FILTER (WHERE f.escalated_at IS NOT NULL)::int
         FROM follow_up f WHERE ${scope(own)}`,
    ]);
  }
  statements.push([
    'coordinator summary: areas',
    `SELECT area_id, count(*) FILTER (WHERE status <> ALL('{submitted,unassigned}'))::int, count(*) FILTER (WHERE status = 'unassigned')::int
       FROM ${facts} r WHERE municipality_id = ${lit(m)} AND area_id IS NOT NULL AND status <> ALL('{completed,rejected,cancelled}') GROUP BY area_id`,
  ]);
  const page = `(SELECT r.citizen_id, f.referral_id FROM follow_up f JOIN referral r ON r.id = f.referral_id
                 WHERE ${scope(null)} AND ${views.overdue} ORDER BY f.due_at, f.id LIMIT 50)`;
  const audit: [string, string][] = [
    [
      'audit rows of a page, one per case (ADR 0005, before 0037)',
      `INSERT INTO audit_log (municipality_id, role, action, citizen_id, referral_id)
       SELECT ${lit(m)}, 'coordinator', 'follow-up.list', citizen_id, referral_id FROM ${page} p`,
    ],
    [
      'audit row of a page naming its cases (ADR 0037)',
      `INSERT INTO audit_log (municipality_id, role, action, citizen_ids, referral_ids)
       SELECT ${lit(m)}, 'coordinator', 'follow-up.list', array_agg(citizen_id), array_agg(referral_id) FROM ${page} p`,
    ],
  ];
  const ms = async (label: string, sql: string, inRolledBack: boolean) => {
    const runs: number[] = [];
    for (let i = 0; i < rounds; i++) {
      // The row's note for the chain linker (ADR 0042) is in the statement's time; the link itself comes after commit.
      if (inRolledBack) await db.query('BEGIN');
      const plan = (await db.query(`EXPLAIN (ANALYZE, BUFFERS, TIMING OFF, FORMAT JSON) ${sql}`)).rows[0]['QUERY PLAN'][0] as {
        'Execution Time': number;
      };
      if (inRolledBack) await db.query('ROLLBACK');
      runs.push(plan['Execution Time']);
    }
    runs.sort((x, y) => x - y);
    process.stdout.write(
      `  ${label.padEnd(60)} median ${runs[Math.floor(runs.length / 2)].toFixed(2)} ms, max ${runs.at(-1)!.toFixed(2)} ms\n`,
    );
  };
  process.stdout.write(`command: node bench/queues.bench.mts --database ${database} --explain --rounds ${rounds}\n`);
  process.stdout.write('EXPLAIN (ANALYZE, BUFFERS, TIMING OFF) execution time, municipality scale-1, brobygger scale-1.brobygger.1:\n');
  for (const [label, sql] of statements) await ms(label, sql, false);
  for (const [label, sql] of audit) await ms(label, sql, true);
}

/**
 * The api process's CPU time so far (user + system, from /proc; null where there is
 * none): per request far less sensitive to the machine's load than its latency.
 */
function apiCpuMs(pid: number | undefined): number | null {
  try {
    const fields = readFileSync(`/proc/${pid}/stat`, 'utf8').split(') ')[1].split(' ');
    return (Number(fields[11]) + Number(fields[12])) * 10; // clock ticks of 10 ms
  } catch {
    return null;
  }
}

function run(cmd: string, args: string[], env: Record<string, string>): Promise<void> {
  return new Promise((resolve, reject) => {
    const child = spawn(cmd, args, { env: { ...process.env, ...env }, stdio: 'inherit' });
    child.on('exit', (code) => (code === 0 ? resolve() : reject(new Error(`${cmd} exited ${code}`))));
  });
}

main().catch((err: unknown) => {
  process.stderr.write(`bench failed: ${err instanceof Error ? err.message : String(err)}\n`);
  process.exit(1);
});
