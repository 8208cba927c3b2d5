/**
 * Soak (fault 10 of the fault suite, ADR 0011): steady intake and casework for a long
 * time, sampling Redis memory and the api's and worker's RSS. Both must level off —
 * completed jobs are removed by age and count, payloads are ids only.
 *
 *   ./bro npm run build
 *   ./bro node bench/soak.mts [--minutes 30] [--rate 2] [--sample-seconds 30]
 *
 * Self-contained: it creates a throwaway database (bro_soak_<id>) on the PostgreSQL of
 * TEST_DATABASE_URL (default postgres://postgres@127.0.0.1:5432/postgres), starts its
 * own redis-server on a free port (noeviction, nothing on disk) and the built api and
 * worker as child processes, and removes all of it at the end or on Ctrl-C. The shared
 * Redis is never used. --rate is referrals per second; every assigned case is worked
 * (reached, a conversation, closed), so capacity frees up and the flow stays steady.
 * Closing asks for an outcome measurement whose due job waits in Redis until it is due
 * (the soak does not complete it): the delayed count grows by one per case until due.
 */
import { ChildProcess, spawn } from 'node:child_process';
import { randomInt, randomUUID } from 'node:crypto';
import { closeSync, mkdtempSync, openSync, readFileSync, rmSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';
import pg from 'pg';

function arg(name: string, fallback: string): string {
  const i = process.argv.indexOf(`--${name}`);
  return i > 0 ? process.argv[i + 1] : fallback;
}

const minutes = Number(arg('minutes', '30'));
const rate = Number(arg('rate', '2'));
const sampleSeconds = Number(arg('sample-seconds', '30'));
const server = new URL(process.env.TEST_DATABASE_URL ?? 'postgres://postgres@127.0.0.1:5432/postgres');
const database = new URL(server);
database.pathname = `/bro_soak_${randomUUID().replace(/-/g, '').slice(0, 10)}`;
const dir = mkdtempSync(join(tmpdir(), 'bro-soak-'));
const children: ChildProcess[] = [];

async function freePort(): Promise<number> {
  return new Promise((resolve) => {
    const s = createServer().listen(0, '127.0.0.1', () => {
      const port = (s.address() as { port: number }).port;
      s.close(() => resolve(port));
    });
  });
}

function start(cmd: string, args: string[], env: Record<string, string> = {}, name = 'child'): ChildProcess {
  const out = openSync(join(dir, `${name}.out`), 'a');
  const child = spawn(cmd, args, { env: { ...process.env, ...env }, stdio: ['ignore', out, out] });
  closeSync(out);
  children.push(child);
  return child;
}

function rssMb(pid: number | undefined): number {
  try {
    const kb = /VmRSS:\s+(\d+)/.exec(readFileSync(`/proc/${pid}/status`, 'utf8'))?.[1];
    return kb ? Math.round(Number(kb) / 102.4) / 10 : NaN;
  } catch {
    return NaN;
  }
}

async function until(what: string, probe: () => Promise<boolean>, timeoutMs = 60_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!(await probe().catch(() => false))) {
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await sleep(200);
  }
}

async function redisInfo(port: number): Promise<{ usedMb: number; keys: number; delayed: number }> {
  const out = await new Promise<string>((resolve, reject) => {
    const p = spawn('redis-cli', [
      '-p',
      String(port),
      'eval',
      "return {redis.call('info','memory'), redis.call('zcard','bro-soak:follow-up:delayed'), redis.call('dbsize')}",
      '0',
    ]);
    let text = '';
    p.stdout.on('data', (d: Buffer) => (text += d.toString()));
    p.on('error', reject).on('exit', () => resolve(text));
  });
  const used = /used_memory:(\d+)/.exec(out)?.[1];
  const [delayed, keys] = /\n(\d+)\s*\n(\d+)\s*$/.exec(out)?.slice(1) ?? [];
  return {
    usedMb: used ? Math.round(Number(used) / 104857.6) / 10 : NaN,
    keys: keys ? Number(keys) : NaN,
    delayed: delayed ? Number(delayed) : NaN,
  };
}

async function cleanup(keepLogs = false): Promise<void> {
  for (const c of children.reverse()) if (c.exitCode === null && c.signalCode === null) c.kill('SIGKILL');
  const admin = new pg.Client({ connectionString: server.toString() });
  await admin.connect().then(
    () => admin.query(`DROP DATABASE IF EXISTS "${database.pathname.slice(1)}" WITH (FORCE)`).finally(() => admin.end()),
    () => undefined,
  );
  if (keepLogs) console.error(`logs kept in ${dir}`);
  else rmSync(dir, { recursive: true, force: true });
}

async function main(): Promise<void> {
  const redisPort = await freePort();
  const apiPort = await freePort();
  const workerPort = await freePort();
  const redis = start(
    'redis-server',
    ['--port', String(redisPort), '--bind', '127.0.0.1', '--save', '', '--appendonly', 'no'],
    {},
    'redis',
  );
  await until('redis', async () => (await redisInfo(redisPort)).keys >= 0 && !Number.isNaN((await redisInfo(redisPort)).usedMb));
  const env = {
    NODE_ENV: 'test',
    AUTH_MODE: 'dev',
    DATABASE_URL: database.toString(),
    REDIS_URL: `redis://127.0.0.1:${redisPort}`,
    QUEUE_PREFIX: 'bro-soak',
    PORT: String(apiPort),
    WORKER_PORT: String(workerPort),
    LOG_LEVEL: 'warn',
    // Steady load from a few users is the point here, not the rate limits.
    RATE_LIMIT_INTAKE_PER_MINUTE: '1000000',
    RATE_LIMIT_TOKEN_PER_MINUTE: '1000000',
  };
  await new Promise<void>((resolve, reject) =>
    start(process.execPath, ['dist/libs/platform/src/database/cli/migrate.js'], env).on('exit', (code) =>
      code === 0 ? resolve() : reject(new Error(`migrate exited ${code}`)),
    ),
  );
  const api = start(process.execPath, ['dist/apps/api/src/main.js'], { ...env, LOG_FILE: join(dir, 'api.log') }, 'api');
  const worker = start(process.execPath, ['dist/apps/worker/src/main.js'], { ...env, LOG_FILE: join(dir, 'worker.log') }, 'worker');
  const base = `http://127.0.0.1:${apiPort}`;
  await until('api', async () => (await fetch(`${base}/health/ready`)).status === 200);
  await until('worker', async () => (await fetch(`http://127.0.0.1:${workerPort}/health/ready`)).status === 200);

  // A municipality, an area, five brobyggere and a GP, straight into the database.
  const db = new pg.Client({ connectionString: database.toString() });
  db.on('error', () => undefined); // the connection is cut when the database is dropped at the end
  await db.connect();
  const one = async (sql: string, params: unknown[]) => (await db.query(sql, params)).rows[0];
  const m = (await one("INSERT INTO municipality (code, name) VALUES ($1, 'Soak') RETURNING id", [`soak-${randomUUID().slice(0, 8)}`])).id;
  const area = (await one("INSERT INTO area (municipality_id, name) VALUES ($1, 'Soakområde') RETURNING id", [m])).id;
  await db.query("INSERT INTO area_postcode (municipality_id, postcode, area_id) VALUES ($1, '4000', $2)", [m, area]);
  const user = async (role: string) =>
    (
      await one(
        'INSERT INTO app_user (municipality_id, username, display_name, role, organisation) VALUES ($1, $2, $3, $4, $5) RETURNING username',
        [m, `soak.${role}.${randomUUID().slice(0, 8)}`, `Soak ${role}`, role, role === 'referrer' ? 'Soak lægehus' : null],
      )
    ).username as string;
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
  const brobyggerTokens = new Map<string, string>();
  for (let i = 0; i < 5; i++) {
    const username = await user('brobygger');
    const [{ id: userId }] = (await db.query('SELECT id FROM app_user WHERE username = $1', [username])).rows;
    const b = (await one('INSERT INTO brobygger (municipality_id, user_id, capacity) VALUES ($1, $2, 40) RETURNING id', [m, userId])).id;
    await db.query('INSERT INTO brobygger_area (brobygger_id, area_id) VALUES ($1, $2)', [b, area]);
    brobyggerTokens.set(b, await token(username));
  }
  const gp = await token(await user('referrer'));

  const call = async (tok: string, method: string, path: string, body?: unknown) => {
    try {
      const res = await fetch(`${base}${path}`, {
        method,
        headers: { authorization: `Bearer ${tok}`, 'content-type': 'application/json' },
        body: body === undefined ? undefined : JSON.stringify(body),
        signal: AbortSignal.timeout(10_000),
      });
      await res.arrayBuffer();
      return res.status;
    } catch {
      return 0; // counted as an error; a dead process is caught by the loop
    }
  };
  const counts = { submitted: 0, closed: 0, errors: 0 };
  let lastError = '';
  const cpr = () =>
    `${String(randomInt(1, 29)).padStart(2, '0')}${String(randomInt(1, 13)).padStart(2, '0')}${String(randomInt(30, 100)).padStart(2, '0')}${randomInt(0, 4)}${String(randomInt(0, 1000)).padStart(3, '0')}`;
  const intake = async () => {
    const status = await call(gp, 'POST', '/v1/referrals', {
      citizen: { cpr: cpr(), name: 'Soak Borger', address: { street: 'Algade 1', postcode: '4000', city: 'Roskilde' }, language: 'da' },
      reasons: ['loneliness'],
      consent: { referral: true, referrerFeedback: 'status', shareWithHost: true, sms: false, method: 'verbal' },
    });
    if (status === 201) counts.submitted += 1;
    else {
      counts.errors += 1;
      lastError = `intake: ${status}`;
    }
  };
  // Casework: each assigned case is reached, has a first conversation and is closed.
  const casework = async () => {
    const { rows } = await db.query<{ id: string; assignee_id: string }>(
      "SELECT id, assignee_id FROM referral WHERE municipality_id = $1 AND status = 'assigned' ORDER BY updated_at LIMIT 20",
      [m],
    );
    for (const r of rows) {
      const tok = brobyggerTokens.get(r.assignee_id)!;
      const p = `/v1/referrals/${r.id}`;
      const ok =
        (await call(tok, 'POST', `${p}/contact-attempts`, { outcome: 'reached', channel: 'phone' })) === 201 &&
        (await call(tok, 'POST', `${p}/conversations`, {
          heldAt: new Date().toISOString(),
          durationMinutes: 60,
          location: 'Biblioteket',
          kind: 'first',
          wheel: { health: 5, relations: 2, community: 2, mood: 4 },
          who5: [2, 1, 2, 1, 2],
          ucla3: [3, 3, 2],
        })) === 201 &&
        (await call(tok, 'POST', `${p}/close`, {
          outcome: 'goal_reached',
          summary: 'Afsluttet i soak.',
          summaryApprovedByCitizen: true,
        })) === 200;
      if (ok) counts.closed += 1;
      else {
        counts.errors += 1;
        lastError = 'casework';
      }
    }
  };

  const started = Date.now();
  const endAt = started + minutes * 60_000;
  const samples: { min: number; redisMb: number; keys: number; delayed: number; apiMb: number; workerMb: number }[] = [];
  const sample = async () => {
    const r = await redisInfo(redisPort);
    const s = {
      min: Math.round((Date.now() - started) / 6000) / 10,
      redisMb: r.usedMb,
      keys: r.keys,
      delayed: r.delayed,
      apiMb: rssMb(api.pid),
      workerMb: rssMb(worker.pid),
    };
    samples.push(s);
    const [{ open, outbox }] = (
      await db.query(
        `SELECT (SELECT count(*) FROM referral WHERE municipality_id = $1 AND status NOT IN ('completed','cancelled','rejected'))::int AS open,
                (SELECT count(*) FROM outbox WHERE done_at IS NULL)::int AS outbox`,
        [m],
      )
    ).rows;
    console.log(
      `${String(s.min).padStart(5)} min  redis ${String(s.redisMb).padStart(6)} MB  keys ${String(s.keys).padStart(6)} (follow-up due jobs waiting ${s.delayed})  api ${String(s.apiMb).padStart(6)} MB  worker ${String(s.workerMb).padStart(6)} MB  submitted ${counts.submitted}  closed ${counts.closed}  open ${open}  outbox not done ${outbox}  errors ${counts.errors}`,
    );
  };
  console.log(`soak: ${minutes} min, ${rate} referrals/s, a sample every ${sampleSeconds} s`);
  await sample();
  let nextSample = Date.now() + sampleSeconds * 1000;
  let nextCasework = Date.now() + 2_000;
  while (Date.now() < endAt) {
    for (const [name, p] of [
      ['redis', redis],
      ['api', api],
      ['worker', worker],
    ] as const) {
      if (p.exitCode !== null || p.signalCode !== null) throw new Error(`${name} died (${p.exitCode ?? p.signalCode}); see ${dir}`);
    }
    const tick = Date.now();
    await Promise.all(Array.from({ length: Math.max(1, Math.round(rate)) }, intake));
    if (Date.now() >= nextCasework) {
      await casework();
      nextCasework = Date.now() + 2_000;
    }
    if (Date.now() >= nextSample) {
      await sample();
      nextSample += sampleSeconds * 1000;
    }
    await sleep(Math.max(0, 1000 * (Math.max(1, Math.round(rate)) / rate) - (Date.now() - tick)));
  }
  await sample();
  await db.end();

  // Levelling off: the last third of the run against the middle third.
  const third = Math.max(1, Math.floor(samples.length / 3));
  const avg = (xs: typeof samples, k: 'redisMb' | 'apiMb' | 'workerMb') => xs.reduce((a, s) => a + s[k], 0) / xs.length;
  const middle = samples.slice(third, 2 * third);
  const last = samples.slice(-third);
  for (const k of ['redisMb', 'apiMb', 'workerMb'] as const) {
    const a = avg(middle, k);
    const b = avg(last, k);
    console.log(
      `${k}: middle third ${a.toFixed(1)}, last third ${b.toFixed(1)} (${(((b - a) / a) * 100).toFixed(1)}%), max ${Math.max(...samples.map((s) => s[k])).toFixed(1)}`,
    );
  }
  console.log(`submitted ${counts.submitted}, closed ${counts.closed}, errors ${counts.errors}${lastError ? ` (last: ${lastError})` : ''}`);
}

process.once('SIGINT', () => void cleanup().then(() => process.exit(130)));
main()
  .then(() => cleanup())
  .catch(async (err: unknown) => {
    console.error(err);
    await cleanup(true);
    process.exitCode = 1;
  });
