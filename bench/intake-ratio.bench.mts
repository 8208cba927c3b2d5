/**
 * Intake over HTTP against the same SQL run by pgbench, side by side (issue 20, goal 1):
 * how much of what PostgreSQL alone can do does the api deliver? Goal: ratio ≥ 0.6.
 *
 *   ./bro npm run build
 *   ./bro node bench/intake-ratio.bench.mts [--seconds 15] [--rounds 2] [--concurrency 20] [--socket tcp|unix] [--prepare on|off]
 *
 * Its own PostgreSQL cluster (pg_stat_statements preloaded) and Redis; the api alone
 * (no worker: the relay's work is not intake's). Each round: intake over HTTP for
 * --seconds (closed loop, --concurrency in flight), then pgbench with
 * bench/intake.pgbench.sql (the statements one intake executes, see that file) for as
 * long (even rounds the other way round), with as many clients as the api has database connections (DATABASE_POOL_SIZE,
 * 10) — the database concurrency the api can use. After the first round it checks, with
 * pg_stat_statements, that pgbench ran exactly the statements intake runs (same query
 * ids, same calls per referral), and says so. On a shared machine run it while it is
 * quiet; the ratio of one round is more telling than either figure.
 */
import { execFile } from 'node:child_process';
import { createRequire } from 'node:module';
import { promisify } from 'node:util';
import pg from 'pg';
import { arg, closedLoad, cpuPer, cpuSeconds, devToken, latencyLine, pct, scratchBro, until, startBro, stopAll } from './kit.mts';

/** The statuses intake's open-case check binds, from the built case kernel (`npm run build` first; run from the repository root). */
const { OPEN_CASE_STATUSES, HELD_STATUSES } = createRequire(`${process.cwd()}/`)('./dist/libs/case-kernel/src/index.js') as {
  OPEN_CASE_STATUSES: string[];
  HELD_STATUSES: string[];
};

const SECONDS = Number(arg('seconds', '15'));
const ROUNDS = Number(arg('rounds', '2'));
const CONCURRENCY = Number(arg('concurrency', '20'));
const POOL = 10;
/** With --cpu-prof <dir>, the api runs under node --cpu-prof and writes its profile there on exit (read it with bench/profile-summary.mts). */
const CPU_PROF = arg('cpu-prof', '');
/** With --perf, the api runs under node --perf-basic-prof, so `perf record -p <pid>` names its JavaScript frames (on-CPU time, unlike --cpu-prof's samples of a thread that may be waiting in a system call). */
const PERF = process.argv.includes('--perf');
/**
 * `on` (the api's default, ADR 0040): the api prepares its statements, so pgbench runs
 * `-M prepared` — like against like. `off`: neither does (`-M extended`).
 */
const PREPARE = arg('prepare', 'on');
const PGBENCH_MODE = PREPARE === 'on' ? 'prepared' : 'extended';

async function main(): Promise<void> {
  const bro = await scratchBro({ capacity: 10 });
  const env = { ...bro.env, DATABASE_POOL_SIZE: String(POOL), DATABASE_PREPARE: PREPARE };
  const api = await startBro('api', env, [
    ...(CPU_PROF ? ['--cpu-prof', `--cpu-prof-dir=${CPU_PROF}`] : []),
    ...(PERF ? ['--perf-basic-prof'] : []),
  ]);
  const token = await devToken(api.url, bro.world.gpUsername);
  const db = new pg.Client({ connectionString: bro.databaseUrl });
  await db.connect();
  db.on('error', () => undefined); // the scratch server goes away at the end
  const [gp] = (await db.query('SELECT id, organisation FROM app_user WHERE username = $1', [bro.world.gpUsername])).rows as {
    id: string;
    organisation: string;
  }[];
  const url = new URL(bro.databaseUrl);
  const payload = (job: string) =>
    JSON.stringify({
      referralId: '00000000-0000-4000-8000-000000000000',
      municipalityId: bro.world.municipalityId,
      requestId: 'pgbench-0000000000000',
      v: 1,
      job,
    });
  const vars: Record<string, string> = {
    mid: bro.world.municipalityId,
    uid: gp.id,
    org: gp.organisation,
    ciphertext: 'k1:' + Buffer.alloc(48, 7).toString('base64'),
    keyid: 'k1',
    name: 'Bench Borger',
    // pgbench cannot bind NULL (the api binds NULL for what the body leaves out): short stand-ins.
    phone: '-',
    email: '-',
    street: 'Algade 1',
    postcode: '4000',
    city: 'Roskilde',
    language: 'da',
    prefs: '{}',
    protected: 'false',
    open: `{${OPEN_CASE_STATUSES.join(',')}}`,
    held: `{${HELD_STATUSES.join(',')}}`,
    status: 'submitted',
    reasons: '{loneliness}',
    note: '-',
    method: 'verbal',
    scopes: '{referral,referrer_feedback,share_with_host,sms,statistics}',
    values: '{true,status,false,false,true}',
    job1: 'matching.match',
    payload1: payload('m'),
    job2: 'notification.referrer-milestone',
    payload2: payload('n'),
    role: 'referrer',
    action: 'referral.create',
    purpose: '-',
    requestid: '3f1b2c4d-0000-4000-8000-000000000000',
  };
  const pgbench = async () => {
    const { stdout } = await promisify(execFile)(
      'pgbench',
      [
        ...['-h', url.searchParams.get('host') ?? url.hostname, '-p', url.port, '-U', 'postgres', '-n', '-M', PGBENCH_MODE],
        ...['-c', String(POOL), '-j', '2', '-T', String(SECONDS), '-f', 'bench/intake.pgbench.sql'],
        ...Object.entries(vars).flatMap(([k, v]) => ['-D', `${k}=${v}`]),
        'bro_bench',
      ],
      { maxBuffer: 1 << 20 },
    ).catch((err: { stderr?: string; message: string }) => {
      throw new Error(`pgbench failed: ${err.stderr ?? err.message}`);
    });
    const tps = Number(/tps = ([\d.]+)/.exec(stdout)?.[1]);
    const latency = /latency average = ([\d.]+ ms)/.exec(stdout)?.[1];
    const transactions = Number(/number of transactions actually processed: (\d+)/.exec(stdout)?.[1]);
    return { tps, latency, transactions };
  };
  /** WAL written so far: bytes, records and full-page images (the cluster is the bench's own: nothing else writes). */
  const walSoFar = async () => {
    const { rows } = await db.query(
      "SELECT pg_wal_lsn_diff(pg_current_wal_insert_lsn(), '0/0')::bigint AS bytes, wal_records AS records, wal_fpi AS fpi FROM pg_stat_wal",
    );
    return { bytes: Number(rows[0].bytes), records: Number(rows[0].records), fpi: Number(rows[0].fpi) };
  };
  /** WAL per unit of work since `before`, as a phrase. pg_stat_wal's counts reach it when a backend reports, so they trail a little. */
  const walPer = async (before: Awaited<ReturnType<typeof walSoFar>>, units: number) => {
    const after = await walSoFar();
    const per = (k: 'bytes' | 'records' | 'fpi') => (after[k] - before[k]) / units;
    return `${Math.round(per('bytes'))} bytes in ${per('records').toFixed(1)} records, ${per('fpi').toFixed(2)} full-page images`;
  };
  const statements = async () => {
    const rows = (
      await db.query(
        `SELECT calls::int, query FROM pg_stat_statements s
          JOIN pg_database d ON d.oid = s.dbid WHERE d.datname = 'bro_bench' AND toplevel AND query NOT LIKE '%pg_stat%'`,
      )
    ).rows as { calls: number; query: string }[];
    // Keyed by the text with bind parameters and constants unnumbered: pgbench numbers each
    // use of a variable anew (the api binds the citizen's contact preferences once, uses it
    // twice), and pg_stat_statements keeps one side's constants ('{}', NULL, 1) as written
    // and shows the other's as parameters.
    const key = (q: string) =>
      q
        .replace(/\$\d+/g, '$')
        .replace(/'(?:[^']|'')*'/g, '$')
        .replace(/\bNULL\b/gi, '$')
        .replace(/\b\d+\b/g, '$')
        .replace(/\s+/g, ' ')
        .trim();
    const byText = new Map<string, { calls: number; query: string }>();
    for (const r of rows) {
      const k = key(r.query);
      byText.set(k, { calls: (byText.get(k)?.calls ?? 0) + r.calls, query: k.slice(0, 90) });
    }
    return byText;
  };

  const lines = [
    `command: node bench/intake-ratio.bench.mts --seconds ${SECONDS} --rounds ${ROUNDS} --concurrency ${CONCURRENCY} --socket ${arg('socket', 'tcp')} --prepare ${PREPARE}`,
    `intake: POST /v1/referrals, ${CONCURRENCY} in flight, api with ${POOL} database connections, no worker`,
    `pgbench: pgbench -n -M ${PGBENCH_MODE} -c ${POOL} -j 2 -T ${SECONDS} -f bench/intake.pgbench.sql -D … bro_bench`,
  ];
  // Warm up: the api compiles its hot paths in the first seconds (pgbench needs none).
  await closedLoad(api.url, token, { concurrency: CONCURRENCY, seconds: 10 });
  const ratios: { rps: number; tps: number }[] = [];
  for (let round = 1; round <= ROUNDS; round++) {
    // Odd rounds run intake first, even rounds pgbench first: what drifts with time (the
    // tables' growth, a neighbour's load) then weighs on both sides alike.
    const runIntake = async () => {
      await db.query('SELECT pg_stat_statements_reset()');
      const cpuBefore = cpuSeconds();
      const walBefore = await walSoFar();
      const load = await closedLoad(api.url, token, { concurrency: CONCURRENCY, seconds: SECONDS });
      const wal = await walPer(walBefore, load.ids.length);
      return { load, cpu: cpuPer(cpuBefore, cpuSeconds(), load.ids.length), wal, seen: await statements() };
    };
    const runPgbench = async () => {
      await db.query('SELECT pg_stat_statements_reset()');
      const cpuBefore = cpuSeconds();
      const walBefore = await walSoFar();
      const result = await pgbench();
      // pgbench's backends exit just after it: their CPU counts once the postmaster has reaped them.
      await until(async () => (await db.query("SELECT 1 FROM pg_stat_activity WHERE application_name = 'pgbench'")).rowCount === 0, 5000);
      return {
        result,
        cpu: cpuPer(cpuBefore, cpuSeconds(), result.transactions),
        wal: await walPer(walBefore, result.transactions),
        seen: await statements(),
      };
    };
    let http: Awaited<ReturnType<typeof runIntake>>;
    let pgb: Awaited<ReturnType<typeof runPgbench>>;
    if (round % 2 === 1) {
      http = await runIntake();
      pgb = await runPgbench();
    } else {
      pgb = await runPgbench();
      http = await runIntake();
    }
    const { load: intake, seen: viaHttp } = http;
    const { result: bench, seen: viaPgbench } = pgb;
    const rps = intake.ids.length / intake.seconds;
    ratios.push({ rps, tps: bench.tps });
    process.stderr.write(`round ${round}: ratio ${(rps / bench.tps).toFixed(2)}\n`); // progress
    lines.push(
      '',
      `round ${round}: intake ${rps.toFixed(0)} referrals/s (statuses ${JSON.stringify(Object.fromEntries(intake.statuses))}); pgbench ${bench.tps.toFixed(0)} tps (latency avg ${bench.latency}); ratio ${(rps / bench.tps).toFixed(2)}`,
      `  ${latencyLine('intake latency', intake.latencies)}`,
      `  CPU per referral, intake: ${http.cpu}; per transaction, pgbench: ${pgb.cpu}`,
      `  WAL per referral, intake: ${http.wal}; per transaction, pgbench: ${pgb.wal}`,
    );
    if (round === 1) {
      const per = (m: Map<string, { calls: number }>, id: string, n: number) => (m.get(id)?.calls ?? 0) / n;
      const ids = new Set([...viaHttp.keys(), ...viaPgbench.keys()]);
      const httpN = intake.ids.length;
      // pgbench's own count: one script run is one referral.
      const benchN = bench.transactions;
      // The guard's user read runs once per kept period (ADR 0034), not per referral: named, not compared.
      const occasional = [...ids].filter((id) => id.includes('FROM "app_user"') && !viaPgbench.has(id));
      // Under -M prepared, pg_stat_statements counts pgbench's START TRANSACTION and COMMIT once per connection, not per run.
      const control = [...ids].filter((id) => /^(START TRANSACTION|BEGIN|COMMIT)$/.test(id));
      const differ = [...ids].filter(
        (id) => !occasional.includes(id) && !control.includes(id) && Math.abs(per(viaHttp, id, httpN) - per(viaPgbench, id, benchN)) > 0.02,
      );
      lines.push(
        differ.length === 0
          ? `  same SQL: pgbench ran the ${viaHttp.size - occasional.length - control.filter((id) => viaHttp.has(id)).length} statements intake runs in its transaction, as many times per referral (compared by text, bind parameters unnumbered)${occasional.map((id) => `; besides, the guard's user read on ${per(viaHttp, id, httpN).toFixed(2)} per referral`).join('')}`
          : `  NOT the same SQL: ${differ.map((id) => `${(viaHttp.get(id) ?? viaPgbench.get(id))!.query} (http ${per(viaHttp, id, httpN).toFixed(2)}, pgbench ${per(viaPgbench, id, benchN).toFixed(2)})`).join('; ')}`,
      );
    }
  }
  // A neighbour on the machine moves both sides by 15–25 % within minutes: each round's
  // ratio pairs two figures taken a few seconds apart, and the median of them is the figure.
  const sorted = ratios.map((r) => r.rps / r.tps).sort((a, b) => a - b);
  const sum = (k: 'rps' | 'tps') => ratios.reduce((a, r) => a + r[k], 0);
  lines.push(
    '',
    `ratio over ${ratios.length} rounds: median ${pct(sorted, 50).toFixed(2)} (${sorted[0].toFixed(2)}–${sorted[sorted.length - 1].toFixed(2)}); pooled ${(sum('rps') / sum('tps')).toFixed(2)} (mean ${(sum('rps') / ratios.length).toFixed(0)} referrals/s against ${(sum('tps') / ratios.length).toFixed(0)} tps); goal ≥ 0.6`,
  );
  await db.end();
  await api.stop(); // writes the profile, if asked for
  if (CPU_PROF) lines.push('', `cpu profile of the api: ${CPU_PROF} (node bench/profile-summary.mts ${CPU_PROF}/*.cpuprofile)`);
  process.stdout.write(`${lines.join('\n')}\n`);
}

main()
  .catch((err: unknown) => {
    process.stderr.write(`bench failed: ${err instanceof Error ? (err.stack ?? err.message) : String(err)}\n`);
    process.exitCode = 1;
  })
  .finally(() => stopAll());
