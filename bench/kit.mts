/**
 * What the issue-20 benches share: a scratch PostgreSQL cluster of their own (initdb in
 * a temporary directory, `pg_stat_statements` preloaded — the shared server cannot load
 * it without a restart), a Redis of their own (so `INFO commandstats` counts Bro's
 * commands only), the built api and worker as child processes, a seeded municipality,
 * and a referral load generator. Everything started is stopped by `stopAll()` (also on
 * exit). Nothing here touches the shared PostgreSQL or Redis.
 *
 * Needs `npm run build` first (dist/), and PostgreSQL's server binaries (initdb, pg_ctl)
 * under /usr/lib/postgresql/<version>/bin or on PATH.
 */
import { ChildProcess, execFileSync, spawn } from 'node:child_process';
import { randomInt, randomUUID } from 'node:crypto';
import { chmodSync, chownSync, existsSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import http from 'node:http';
import { createServer } from 'node:net';
import { availableParallelism, tmpdir } from 'node:os';
import { join } from 'node:path';
import { performance } from 'node:perf_hooks';
import { setTimeout as sleep } from 'node:timers/promises';
import pg from 'pg';

export function arg(name: string, fallback: string): string {
  const i = process.argv.indexOf(`--${name}`);
  return i > 0 ? process.argv[i + 1] : fallback;
}

export const pct = (sorted: number[], p: number): number =>
  sorted.length ? sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))] : NaN;

const stops: (() => void | Promise<void>)[] = [];
const children = new Set<ChildProcess>();
process.once('exit', () => {
  for (const c of children) c.kill('SIGKILL');
});
for (const signal of ['SIGINT', 'SIGTERM'] as const) {
  process.once(signal, () => {
    void stopAll().finally(() => process.exit(130));
  });
}

export async function stopAll(): Promise<void> {
  for (const stop of stops.splice(0).reverse()) await Promise.resolve(stop()).catch(() => undefined);
}

export async function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const s = createServer()
      .once('error', reject)
      .listen(0, '127.0.0.1', () => {
        const port = (s.address() as { port: number }).port;
        s.close(() => resolve(port));
      });
  });
}

function pgBin(name: string): string {
  const base = '/usr/lib/postgresql';
  if (existsSync(base)) {
    const versions = readdirSync(base).sort((a, b) => Number(b) - Number(a));
    for (const v of versions) if (existsSync(join(base, v, 'bin', name))) return join(base, v, 'bin', name);
  }
  return name;
}

/** A PostgreSQL cluster of the bench's own, with pg_stat_statements loaded. Returns a server URL (database `postgres`). */
export async function scratchPostgres(settings: Record<string, string> = {}): Promise<{ url: string; port: number }> {
  const dir = mkdtempSync(join(tmpdir(), 'bro-bench-pg-'));
  const data = join(dir, 'data');
  const port = await freePort();
  // initdb refuses to run as root: run the server binaries as the postgres user then.
  const asRoot = process.getuid?.() === 0;
  const run = (cmd: string, args: string[]) =>
    asRoot
      ? execFileSync('runuser', ['-u', 'postgres', '--', cmd, ...args], { stdio: 'pipe' })
      : execFileSync(cmd, args, { stdio: 'pipe' });
  if (asRoot) {
    const uid = Number(execFileSync('id', ['-u', 'postgres']).toString().trim());
    const gid = Number(execFileSync('id', ['-g', 'postgres']).toString().trim());
    chownSync(dir, uid, gid);
    chmodSync(dir, 0o700);
  }
  run(pgBin('initdb'), ['-D', data, '-U', 'postgres', '--auth=trust', '--no-sync', '-E', 'UTF8', '--locale=C']);
  const conf = {
    port: String(port),
    listen_addresses: "'127.0.0.1'",
    unix_socket_directories: `'${dir}'`,
    shared_preload_libraries: "'pg_stat_statements'",
    'pg_stat_statements.track': 'all',
    'pg_stat_statements.max': '10000',
    track_io_timing: 'on',
    max_connections: '200',
    ...settings,
  };
  writeFileSync(
    join(data, 'postgresql.auto.conf'),
    Object.entries(conf)
      .map(([k, v]) => `${k} = ${v}`)
      .join('\n') + '\n',
  );
  if (asRoot) execFileSync('chown', ['postgres', join(data, 'postgresql.auto.conf')]);
  run(pgBin('pg_ctl'), ['-D', data, '-l', join(dir, 'server.log'), '-w', 'start']);
  stops.push(() => {
    try {
      run(pgBin('pg_ctl'), ['-D', data, '-m', 'immediate', 'stop']);
    } catch {
      // already gone
    }
    rmSync(dir, { recursive: true, force: true });
  });
  // --socket unix: every client (api, worker, pgbench, the bench itself) reaches the cluster over its Unix socket.
  const url =
    arg('socket', 'tcp') === 'unix'
      ? `postgres://postgres@localhost:${port}/postgres?host=${encodeURIComponent(dir)}`
      : `postgres://postgres@127.0.0.1:${port}/postgres`;
  const c = new pg.Client({ connectionString: url });
  await c.connect();
  await c.query('CREATE EXTENSION IF NOT EXISTS pg_stat_statements');
  await c.end();
  return { url, port };
}

/** A Redis of the bench's own (noeviction, no persistence). */
export async function scratchRedis(): Promise<{ url: string; port: number; call: (...args: string[]) => string }> {
  const port = await freePort();
  const child = spawn(
    'redis-server',
    ['--port', String(port), '--bind', '127.0.0.1', '--save', '', '--appendonly', 'no', '--maxmemory-policy', 'noeviction'],
    { stdio: 'ignore' },
  );
  children.add(child);
  stops.push(() => {
    child.kill('SIGKILL');
  });
  const call = (...args: string[]) => execFileSync('redis-cli', ['-p', String(port), ...args], { stdio: 'pipe' }).toString();
  for (let i = 0; i < 100; i++) {
    try {
      if (call('PING').trim() === 'PONG') break;
    } catch {
      // not yet
    }
    await sleep(50);
  }
  return { url: `redis://127.0.0.1:${port}`, port, call };
}

export function withDatabase(serverUrl: string, database: string): string {
  const u = new URL(serverUrl);
  u.pathname = `/${database}`;
  return u.toString();
}

/** Runs a built entry (dist/…) to completion. */
export async function runNode(entry: string, env: Record<string, string>): Promise<void> {
  await new Promise<void>((resolve, reject) => {
    const child = spawn(process.execPath, [entry], { env: { ...process.env, ...env }, stdio: 'inherit' });
    child.on('exit', (code) => (code === 0 ? resolve() : reject(new Error(`${entry} exited ${code}`))));
  });
}

export interface BroProcess {
  url: string;
  port: number;
  stop: () => Promise<void>;
}

/** Starts the built api or worker with `env`; resolves once /health/live answers. `nodeArgs` e.g. --cpu-prof. */
export async function startBro(kind: 'api' | 'worker', env: Record<string, string>, nodeArgs: string[] = []): Promise<BroProcess> {
  const port = await freePort();
  const entry = kind === 'api' ? 'dist/apps/api/src/main.js' : 'dist/apps/worker/src/main.js';
  const child = spawn(process.execPath, [...nodeArgs, entry], {
    env: {
      PATH: process.env.PATH ?? '',
      NODE_ENV: 'production' === env.NODE_ENV ? 'production' : 'test',
      AUTH_MODE: 'dev',
      LOG_LEVEL: 'warn',
      // Off the bench's output: under overload every 503 is a warning.
      LOG_FILE: join(tmpdir(), `bro-bench-${kind}-${port}.log`),
      RATE_LIMIT_INTAKE_PER_MINUTE: '1000000',
      RATE_LIMIT_TOKEN_PER_MINUTE: '1000000',
      ...env,
      [kind === 'api' ? 'PORT' : 'WORKER_PORT']: String(port),
    },
    stdio: ['ignore', 'inherit', 'inherit'],
  });
  children.add(child);
  const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
  const stop = async () => {
    if (child.exitCode === null && child.signalCode === null) {
      child.kill('SIGTERM');
      await Promise.race([exited, sleep(15_000)]);
      child.kill('SIGKILL');
    }
    children.delete(child);
  };
  stops.push(stop);
  const url = `http://127.0.0.1:${port}`;
  // 90 s: on a busy shared machine start-up alone has taken more than 30.
  for (let i = 0; i < 900; i++) {
    if (child.exitCode !== null) throw new Error(`${kind} exited during start-up`);
    if (
      await fetch(`${url}/health/live`).then(
        (r) => r.ok,
        () => false,
      )
    )
      return { url, port, stop };
    await sleep(100);
  }
  throw new Error(`${kind} not live within 90 s`);
}

export interface World {
  municipalityId: string;
  gpUsername: string;
  brobyggere: number;
}

/** A municipality with one area (postcode 4000), brobyggere with room for `capacity` cases in all, and a GP. */
export async function seedWorld(databaseUrl: string, capacity: number, brobyggere = 10): Promise<World> {
  const db = new pg.Client({ connectionString: databaseUrl });
  await db.connect();
  try {
    const { rows: m } = await db.query("INSERT INTO municipality (code, name) VALUES ($1, 'Benchmark') RETURNING id", [
      `bench-${randomUUID().slice(0, 8)}`,
    ]);
    const mid: string = m[0].id;
    const { rows: area } = await db.query("INSERT INTO area (municipality_id, name) VALUES ($1, 'Bench area') RETURNING id", [mid]);
    await db.query("INSERT INTO area_postcode (municipality_id, postcode, area_id) VALUES ($1, '4000', $2)", [mid, area[0].id]);
    for (let i = 0; i < brobyggere; i++) {
      const { rows: u } = await db.query(
        "INSERT INTO app_user (municipality_id, username, display_name, role) VALUES ($1, $2, 'Bench brobygger', 'brobygger') RETURNING id",
        [mid, `bench.b${i}.${randomUUID().slice(0, 6)}`],
      );
      const { rows: b } = await db.query('INSERT INTO brobygger (municipality_id, user_id, capacity) VALUES ($1, $2, $3) RETURNING id', [
        mid,
        u[0].id,
        Math.ceil(capacity / brobyggere) + 1,
      ]);
      await db.query('INSERT INTO brobygger_area (brobygger_id, area_id) VALUES ($1, $2)', [b[0].id, area[0].id]);
    }
    const gpUsername = `bench.gp.${randomUUID().slice(0, 6)}`;
    await db.query(
      "INSERT INTO app_user (municipality_id, username, display_name, role, organisation) VALUES ($1, $2, 'Bench GP', 'referrer', 'Bench')",
      [mid, gpUsername],
    );
    return { municipalityId: mid, gpUsername, brobyggere };
  } finally {
    await db.end();
  }
}

export async function devToken(apiUrl: string, username: string): Promise<string> {
  const res = await fetch(`${apiUrl}/v1/auth/dev-token`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ username }),
  });
  return ((await res.json()) as { accessToken: string }).accessToken;
}

/** A valid CPR: a real date, century digit 0–3, random serial. */
export function cpr(): string {
  const d = String(randomInt(1, 29)).padStart(2, '0');
  const m = String(randomInt(1, 13)).padStart(2, '0');
  const y = String(randomInt(30, 100)).padStart(2, '0');
  return `${d}${m}${y}${randomInt(0, 4)}${String(randomInt(0, 1000)).padStart(3, '0')}`;
}

/** The referral body every bench sends: the same shape as the measurements. */
export function referralBody(): string {
  return JSON.stringify({
    citizen: { cpr: cpr(), name: 'Bench Borger', address: { street: 'Algade 1', postcode: '4000', city: 'Roskilde' } },
    reasons: ['loneliness'],
    consent: { referral: true, method: 'verbal', referrerFeedback: 'status' },
  });
}

export interface LoadResult {
  ids: string[];
  latencies: number[];
  statuses: Map<number, number>;
  seconds: number;
}

/** POSTs referrals with `concurrency` in flight for `seconds` (or `count` requests), as fast as the api answers. */
export async function closedLoad(
  apiUrl: string,
  token: string,
  opts: { concurrency: number; seconds?: number; count?: number },
): Promise<LoadResult> {
  const result: LoadResult = { ids: [], latencies: [], statuses: new Map(), seconds: 0 };
  const started = performance.now();
  const until = opts.seconds ? started + opts.seconds * 1000 : Infinity;
  let sent = 0;
  await Promise.all(
    Array.from({ length: opts.concurrency }, async () => {
      while (performance.now() < until && (opts.count === undefined || sent < opts.count)) {
        sent++;
        await postOne(apiUrl, token, result);
      }
    }),
  );
  result.seconds = (performance.now() - started) / 1000;
  return result;
}

/** POSTs `rate` referrals a second for `seconds`, on a fixed schedule (open loop: a slow answer does not slow the sender). */
export async function openLoad(
  apiUrl: string,
  token: string,
  opts: { rate: number; seconds: number },
): Promise<LoadResult & { late: number }> {
  const result: LoadResult & { late: number } = { ids: [], latencies: [], statuses: new Map(), seconds: 0, late: 0 };
  const total = Math.round(opts.rate * opts.seconds);
  const started = performance.now();
  const inFlight: Promise<void>[] = [];
  for (let i = 0; i < total; i++) {
    const due = started + (i * 1000) / opts.rate;
    const wait = due - performance.now();
    if (wait > 1) await sleep(wait);
    else if (wait < -50) result.late++;
    inFlight.push(postOne(apiUrl, token, result));
  }
  await Promise.all(inFlight);
  result.seconds = (performance.now() - started) / 1000;
  return result;
}

/**
 * The load generator shares the machine's two vCPUs with the api and PostgreSQL, as
 * pgbench does on the other side of the ratio. WHATWG fetch cost about 1.1 ms of CPU per
 * referral here (a fifth of the machine at intake's rate); node:http on a keep-alive agent
 * costs a fraction of that, so the bench measures the api, not its client.
 */
// No cap on sockets: under overload the api, not the client, must be where requests queue (and answer 503).
const agent = new http.Agent({ keepAlive: true });

function postOne(apiUrl: string, token: string, result: LoadResult): Promise<void> {
  const t0 = performance.now();
  const body = referralBody();
  return new Promise<void>((resolve) => {
    const failed = () => {
      result.statuses.set(0, (result.statuses.get(0) ?? 0) + 1);
      resolve();
    };
    const req = http.request(
      `${apiUrl}/v1/referrals`,
      {
        method: 'POST',
        agent,
        headers: { 'content-type': 'application/json', 'content-length': Buffer.byteLength(body), authorization: `Bearer ${token}` },
      },
      (res) => {
        const chunks: Buffer[] = [];
        res.on('data', (c: Buffer) => chunks.push(c));
        res.on('error', failed);
        res.on('end', () => {
          const status = res.statusCode ?? 0;
          result.latencies.push(performance.now() - t0);
          result.statuses.set(status, (result.statuses.get(status) ?? 0) + 1);
          if (status === 201) result.ids.push((JSON.parse(Buffer.concat(chunks).toString()) as { id: string }).id);
          resolve();
        });
      },
    );
    req.on('error', failed);
    req.end(body);
  });
}

export function latencyLine(label: string, ms: number[]): string {
  const s = [...ms].sort((a, b) => a - b);
  return `${label}: p50 ${pct(s, 50).toFixed(1)} ms, p95 ${pct(s, 95).toFixed(1)} ms, p99 ${pct(s, 99).toFixed(1)} ms, max ${s[s.length - 1]?.toFixed(1)} ms (n=${s.length})`;
}

/** Waits until `probe` is true (polling every 50 ms) or `timeoutMs` passes; returns whether it became true. */
export async function until(probe: () => Promise<boolean>, timeoutMs: number): Promise<boolean> {
  const deadline = performance.now() + timeoutMs;
  while (performance.now() < deadline) {
    if (await probe()) return true;
    await sleep(50);
  }
  return false;
}

/** The scratch world: PostgreSQL with pg_stat_statements, Redis, the database migrated and seeded. */
export async function scratchBro(opts: { capacity: number; settings?: Record<string, string>; history?: number }) {
  const server = await scratchPostgres(opts.settings);
  const redis = await scratchRedis();
  const databaseUrl = withDatabase(server.url, 'bro_bench');
  await runNode('dist/libs/platform/src/database/cli/migrate.js', { DATABASE_URL: databaseUrl, LOG_LEVEL: 'warn' });
  const admin = new pg.Client({ connectionString: databaseUrl });
  await admin.connect();
  await admin.query('CREATE EXTENSION IF NOT EXISTS pg_stat_statements');
  if (opts.history) await seedHistory(admin, opts.history);
  await admin.end();
  // A brobygger holds at most 500 cases (a CHECK): enough of them for the whole run.
  const world = await seedWorld(databaseUrl, opts.capacity, Math.max(10, Math.ceil(opts.capacity / 400)));
  const env = { DATABASE_URL: databaseUrl, REDIS_URL: redis.url, QUEUE_PREFIX: 'bench' };
  return { server, redis, databaseUrl, world, env };
}

/**
 * Closed cases from before the run, in 20 other municipalities, with what each case
 * leaves behind (its citizen, five consents, three status changes, an assignment, three
 * done follow-ups, two milestone messages), then VACUUM (ANALYZE). A database in use is
 * not empty, and its plans are chosen on tables of its size: on empty tables a prepared
 * statement's generic plan is a seq scan, and it stays one while the tables grow during a
 * run until autovacuum's next ANALYZE (ADR 0040) — a start-up state, not the steady one.
 * Rows are written as replica (no triggers, no foreign-key checks): each is made from the
 * rows it points at. No audit rows: the chain is read by its head only.
 */
export async function seedHistory(db: pg.Client, referrals: number): Promise<void> {
  const t0 = performance.now();
  await db.query('BEGIN');
  await db.query('SET LOCAL session_replication_role = replica');
  await db.query("INSERT INTO municipality (code, name) SELECT 'history-' || g, 'Historik ' || g FROM generate_series(1, 20) g");
  await db.query("INSERT INTO area (municipality_id, name) SELECT id, 'Område' FROM municipality WHERE code LIKE 'history-%'");
  await db.query(
    `INSERT INTO app_user (municipality_id, username, display_name, role)
     SELECT m.id, m.code || '.' || r.role, r.role, r.role FROM municipality m
       CROSS JOIN (VALUES ('referrer'), ('brobygger')) r(role) WHERE m.code LIKE 'history-%'`,
  );
  await db.query(
    `INSERT INTO brobygger (municipality_id, user_id, capacity)
     SELECT municipality_id, id, 500 FROM app_user WHERE role = 'brobygger' AND username LIKE 'history-%'`,
  );
  await db.query(
    `INSERT INTO citizen (municipality_id, cpr_hmac, name, postcode)
     SELECT m.id, md5(m.id::text || g), 'Borger ' || g, '4000'
       FROM municipality m CROSS JOIN generate_series(1, $1::int / 20) g WHERE m.code LIKE 'history-%'`,
    [referrals],
  );
  await db.query(
    `INSERT INTO referral (municipality_id, citizen_id, referrer_id, status, reasons, area_id, outcome, created_at, updated_at, closed_at)
     SELECT c.municipality_id, c.id, u.id, 'completed', '{loneliness}', a.id, 'completed', t.at, t.at + interval '90 days', t.at + interval '90 days'
       FROM citizen c
       JOIN municipality m ON m.id = c.municipality_id AND m.code LIKE 'history-%'
       JOIN app_user u ON u.municipality_id = c.municipality_id AND u.role = 'referrer'
       JOIN area a ON a.municipality_id = c.municipality_id
       CROSS JOIN LATERAL (SELECT now() - interval '2 years' + (hashtext(c.id::text) % 300) * interval '1 day' AS at) t`,
  );
  const history = `FROM referral r JOIN municipality m ON m.id = r.municipality_id AND m.code LIKE 'history-%'`;
  await db.query(
    `INSERT INTO consent (municipality_id, citizen_id, referral_id, scope, value, method, captured_by, captured_at)
     SELECT r.municipality_id, r.citizen_id, r.id, c.scope, c.value, 'digital', r.referrer_id, r.created_at ${history}
      CROSS JOIN (VALUES ('referral', 'true'), ('referrer_feedback', 'status'), ('share_with_host', 'true'),
                         ('sms', 'true'), ('statistics', 'true')) c(scope, value)`,
  );
  await db.query(
    `INSERT INTO referral_status_change (municipality_id, referral_id, from_status, to_status, at)
     SELECT r.municipality_id, r.id, s.f, s.t, r.created_at + s.d * interval '1 day' ${history}
      CROSS JOIN (VALUES (NULL, 'submitted', 0), ('submitted', 'assigned', 0), ('assigned', 'completed', 90)) s(f, t, d)`,
  );
  await db.query(
    `INSERT INTO referral_assignment (municipality_id, referral_id, brobygger_id, kind, assigned_at, released_at, released_reason)
     SELECT r.municipality_id, r.id, b.id, 'auto', r.created_at, r.closed_at, 'closed' ${history}
       JOIN brobygger b ON b.municipality_id = r.municipality_id`,
  );
  await db.query(
    `INSERT INTO follow_up (municipality_id, referral_id, kind, due_at, status, created_at, completed_at)
     SELECT r.municipality_id, r.id, k, r.created_at + n * interval '30 days', 'done', r.created_at, r.created_at + n * interval '30 days' ${history}
      CROSS JOIN (VALUES ('first_contact', 0), ('follow_up_call', 1), ('review', 2)) f(k, n)`,
  );
  await db.query(
    `INSERT INTO message (municipality_id, recipient_id, kind, referral_id, subject, body, dedupe_key, channel, delivered_at, delivery_status)
     SELECT r.municipality_id, r.referrer_id, 'referrer_milestone', r.id, 'Henvisning', '{}', 'history:' || r.id || ':' || k, 'local',
            r.created_at, 'sent' ${history} CROSS JOIN (VALUES ('received'), ('assigned')) k(k)`,
  );
  await db.query('COMMIT');
  // VACUUM as well as ANALYZE: the visibility map of a settled database (index-only scans).
  await db.query('VACUUM (ANALYZE)');
  await db.query('SELECT pg_stat_statements_reset()');
  process.stdout.write(
    `history: ${referrals} closed cases in 20 other municipalities, in ${((performance.now() - t0) / 1000).toFixed(1)} s\n`,
  );
}

/**
 * CPU seconds used so far by each part of the bench on this machine, from /proc: the
 * api, the worker, PostgreSQL (every process of the cluster, by its user), Redis, the
 * bench itself and the pgbench it ran. Take one before and one after a stretch and `cpuShares` the difference.
 */
export function cpuSeconds(): Map<string, number> {
  const tick = 100; // USER_HZ on Linux
  const totals = new Map<string, number>();
  for (const pid of readdirSync('/proc').filter((d) => /^\d+$/.test(d))) {
    let stat: string;
    let cmdline: string;
    try {
      stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
      cmdline = readFileSync(`/proc/${pid}/cmdline`, 'utf8');
    } catch {
      continue; // gone meanwhile
    }
    const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
    const seconds = (Number(fields[11]) + Number(fields[12])) / tick; // utime + stime
    // What children used before they exited and were reaped (cutime + cstime): PostgreSQL's
    // postmaster reaps backends that are gone (pgbench's), the bench reaps pgbench.
    const reaped = (Number(fields[13]) + Number(fields[14])) / tick;
    if (Number(pid) === process.pid) totals.set('pgbench', reaped);
    // The postmaster's command line is its binary's path; its backends' are retitled `postgres: …`.
    const postgres = cmdline.startsWith('postgres') || cmdline.split('\0')[0].endsWith('/bin/postgres');
    if (postgres) totals.set('postgresql', (totals.get('postgresql') ?? 0) + reaped);
    const role =
      Number(pid) === process.pid
        ? 'bench (load generator)'
        : cmdline.includes('dist/apps/api/')
          ? 'api'
          : cmdline.includes('dist/apps/worker/')
            ? 'worker'
            : cmdline.startsWith('redis-server')
              ? 'redis'
              : cmdline.startsWith('pgbench')
                ? 'pgbench'
                : postgres
                  ? 'postgresql'
                  : undefined;
    if (role) totals.set(role, (totals.get(role) ?? 0) + seconds);
  }
  return totals;
}

/** Each part's CPU milliseconds per unit of work (a referral, a transaction) between two `cpuSeconds` readings, as a line. */
export function cpuPer(before: Map<string, number>, after: Map<string, number>, units: number): string {
  return [...after]
    .map(([role, s]) => [role, ((s - (before.get(role) ?? 0)) * 1000) / units] as const)
    .filter(([, ms]) => ms >= 0.005)
    .sort((a, b) => b[1] - a[1])
    .map(([role, ms]) => `${role} ${ms.toFixed(2)} ms`)
    .join(', ');
}

/** Each part's share of the machine's CPUs between two `cpuSeconds` readings, as a line. */
export function cpuShares(before: Map<string, number>, after: Map<string, number>, wallSeconds: number): string {
  const cpus = availableParallelism();
  return [...after]
    .map(([role, s]) => [role, (s - (before.get(role) ?? 0)) / wallSeconds / cpus] as const)
    .sort((a, b) => b[1] - a[1])
    .map(([role, share]) => `${role} ${(share * 100).toFixed(0)} %`)
    .join(', ');
}
