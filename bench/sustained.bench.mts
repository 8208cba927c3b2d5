/**
 * A fixed rate held for a while, with the api and the worker on this machine (issue 20,
 * goal 2: 200 referrals/s for 60 s, POST p99 < 100 ms, POST → assigned p99 < 500 ms,
 * every referral assigned).
 *
 *   ./bro npm run build
 *   ./bro node bench/sustained.bench.mts [--rate 200] [--seconds 60] [--matching-concurrency 15] [--worker-concurrency 5] [--prepare on|off]
 *
 * Open loop: a referral is sent every 1/rate s whatever the answers do (a slow api does
 * not slow the sender, so queueing shows in the latency). POST latency is measured by
 * the client; POST → assigned is read from the database (the referral's created_at to
 * the commit-time stamp of its `assigned` status change). Its own PostgreSQL and Redis
 * (bench/kit.mts); the load generator runs on the same machine and takes CPU too.
 */
import { availableParallelism } from 'node:os';
import { performance } from 'node:perf_hooks';
import { setTimeout as sleep } from 'node:timers/promises';
import pg from 'pg';
import { arg, cpuSeconds, cpuShares, devToken, latencyLine, openLoad, scratchBro, startBro, stopAll, until } from './kit.mts';

const RATE = Number(arg('rate', '200'));
const SECONDS = Number(arg('seconds', '60'));
// Bro's defaults unless given: MATCHING_CONCURRENCY 15 (ADR 0041), WORKER_CONCURRENCY 5 (notification).
const MATCHING_CONCURRENCY = arg('matching-concurrency', '15');
const WORKER_CONCURRENCY = arg('worker-concurrency', '5');
/** `off` sends every statement unnamed, as before ADR 0040, for comparison. */
const PREPARE = arg('prepare', 'on');
/** Closed cases already in the database before the run (`kit.mts` `seedHistory`); 0 starts empty, as before session 9. */
const HISTORY = Number(arg('history', '100000'));
const WORKERS = Number(arg('workers', '1'));

async function main(): Promise<void> {
  const bro = await scratchBro({ capacity: RATE * SECONDS + 500, history: HISTORY });
  const env = { ...bro.env, MATCHING_CONCURRENCY, WORKER_CONCURRENCY, DATABASE_PREPARE: PREPARE };
  const api = await startBro('api', env);
  // --worker-pool N: the worker's database pool (DATABASE_POOL_SIZE); the api keeps the default.
  const workerPool = arg('worker-pool', '');
  const workerEnv = workerPool ? { ...env, DATABASE_POOL_SIZE: workerPool } : env;
  // --cpu-prof DIR: the worker writes a V8 profile there when it stops (bench/profile-summary.mts reads it).
  const profileDir = arg('cpu-prof', '');
  // --workers N: N worker processes (ADR 0019: any number may share the queues).
  for (let i = 0; i < WORKERS; i++) await startBro('worker', workerEnv, profileDir ? ['--cpu-prof', '--cpu-prof-dir', profileDir] : []);
  const token = await devToken(api.url, bro.world.gpUsername);
  await openLoad(api.url, token, { rate: 50, seconds: 2 }); // warm up

  const db = new pg.Client({ connectionString: bro.databaseUrl });
  await db.connect();
  // --probe-sql "…": run against the bench's database before the load, to measure what a
  // change to the schema would save before making it (e.g. dropping a foreign key).
  const probeSql = arg('probe-sql', '');
  if (probeSql) await db.query(probeSql);
  // What the database's sessions are doing, sampled every 100 ms while the load runs:
  // a lock wait shows here as the statement that waits and what it waits on.
  const waits = new Map<string, number>();
  let sampling = true;
  let samples = 0;
  const sampler = (async () => {
    while (sampling) {
      const { rows: active } = await db.query<{ what: string }>(
        `SELECT coalesce(wait_event_type || ':' || wait_event, 'CPU') || '  ' || left(regexp_replace(query, '\\s+', ' ', 'g'), 70) AS what
           FROM pg_stat_activity WHERE datname = current_database() AND state = 'active' AND pid <> pg_backend_pid()`,
      );
      for (const { what } of active) waits.set(what, (waits.get(what) ?? 0) + 1);
      samples += 1;
      await sleep(100);
    }
  })();
  const cpuBefore = cpuSeconds();
  const load = await openLoad(api.url, token, { rate: RATE, seconds: SECONDS });
  const cpu = cpuShares(cpuBefore, cpuSeconds(), load.seconds);
  sampling = false;
  await sampler;
  const sentAt = performance.now();
  // Polled every 50 ms while the worker drains, so it must cost next to nothing: a
  // referral waits for matching as `submitted` (a partial index). Checking the run's
  // ids themselves (`id = ANY(4 500 ids)`) took 44 ms a poll with history in the table,
  // most of a CPU taken from the drain it measured (session 9).
  const drained = await until(
    async () =>
      (await db.query("SELECT NOT EXISTS (SELECT 1 FROM referral WHERE status = 'submitted') AS drained")).rows[0].drained === true,
    120_000,
  );
  const allAssigned =
    drained &&
    (await db.query("SELECT count(*)::int AS n FROM referral WHERE id = ANY($1) AND status <> 'assigned'", [load.ids])).rows[0].n === 0;
  const drainSeconds = (performance.now() - sentAt) / 1000;
  const { rows } = await db.query<{ ms: number }>(
    `SELECT extract(epoch FROM (s.at - r.created_at)) * 1000 AS ms
       FROM referral r JOIN referral_status_change s ON s.referral_id = r.id AND s.to_status = 'assigned'
      WHERE r.id = ANY($1)`,
    [load.ids],
  );
  // Where the wait for `assigned` went, stage by stage, from the outbox's own stamps:
  // committed → relayed onto BullMQ → job done (marked in batches, up to 100 ms late).
  const stages = (
    await db.query<{ job_name: string; relay: number[]; run: number[] }>(
      `SELECT job_name,
              array_agg(extract(epoch FROM (relayed_at - created_at)) * 1000) AS relay,
              array_agg(extract(epoch FROM (done_at - relayed_at)) * 1000) FILTER (WHERE done_at IS NOT NULL) AS run
         FROM outbox WHERE relayed_at IS NOT NULL AND (payload->>'referralId') = ANY($1::text[])
        GROUP BY job_name ORDER BY job_name`,
      [load.ids],
    )
  ).rows;
  // Where the database's time went, over the whole run: the statements first to look at.
  const top = (
    await db.query<{ total_s: string; calls: string; mean_ms: string; query: string }>(
      `SELECT round(total_exec_time::numeric / 1000, 1) AS total_s, calls, round(mean_exec_time::numeric, 2) AS mean_ms,
              left(regexp_replace(query, '\\s+', ' ', 'g'), 110) AS query
         FROM pg_stat_statements s JOIN pg_database d ON d.oid = s.dbid
        WHERE d.datname = current_database() AND toplevel ORDER BY total_exec_time DESC LIMIT 8`,
    )
  ).rows;
  // And inside functions and triggers (the audit chain linker, the outbox NOTIFY), which
  // the top-level list shows only as their caller.
  const nested = (
    await db.query<{ total_s: string; calls: string; mean_ms: string; query: string }>(
      `SELECT round(total_exec_time::numeric / 1000, 1) AS total_s, calls, round(mean_exec_time::numeric, 3) AS mean_ms,
              left(regexp_replace(query, '\\s+', ' ', 'g'), 110) AS query
         FROM pg_stat_statements s JOIN pg_database d ON d.oid = s.dbid
        WHERE d.datname = current_database() AND NOT toplevel ORDER BY total_exec_time DESC LIMIT 5`,
    )
  ).rows;
  await db.end();
  const total = Math.round(RATE * SECONDS);
  process.stdout.write(
    [
      `command: node bench/sustained.bench.mts --rate ${RATE} --seconds ${SECONDS} --matching-concurrency ${MATCHING_CONCURRENCY} --worker-concurrency ${WORKER_CONCURRENCY} --prepare ${PREPARE} --history ${HISTORY} --workers ${WORKERS}${workerPool ? ` --worker-pool ${workerPool}` : ''}${probeSql ? ` --probe-sql '${probeSql}'` : ''} --socket ${arg('socket', 'tcp')}`,
      `sent ${total} in ${load.seconds.toFixed(1)} s (${(total / load.seconds).toFixed(0)}/s achieved; ${load.late} sent over 50 ms late), statuses ${JSON.stringify(Object.fromEntries(load.statuses))}`,
      latencyLine('POST → 201 (client)', load.latencies),
      latencyLine(
        'POST → assigned (database)',
        rows.map((r) => Number(r.ms)),
      ),
      // A CPR number drawn twice (kit.mts `cpr`) is a later referral of the same clinic: it
      // joins the open case and answers with its id, so distinct cases can be fewer than POSTs.
      `assigned: ${rows.length} of ${new Set(load.ids).size} cases from ${load.ids.length} accepted POSTs${allAssigned ? '' : ' — NOT all within 120 s'}; the last ${drainSeconds.toFixed(1)} s after the last POST`,
      'stages per job, from the outbox stamps (commit → relayed; relayed → done, done marked up to 100 ms late):',
      ...stages.flatMap((st) => [
        latencyLine(`  ${st.job_name} commit → relayed`, st.relay.map(Number)),
        latencyLine(`  ${st.job_name} relayed → done`, (st.run ?? []).map(Number)),
      ]),
      `CPU while the load ran (share of the machine's ${availableParallelism()} CPUs): ${cpu}`,
      `database sessions during the load (sampled every 100 ms; mean sessions in each state):`,
      ...[...waits]
        .sort((a, b) => b[1] - a[1])
        .slice(0, 10)
        .map(([what, n]) => `  ${(n / samples).toFixed(2)}  ${what}`),
      'database time by statement (pg_stat_statements, whole run): total s / calls / mean ms',
      ...top.map((t) => `  ${t.total_s} s / ${t.calls} / ${t.mean_ms} ms  ${t.query}`),
      'inside functions and triggers: total s / calls / mean ms',
      ...nested.map((t) => `  ${t.total_s} s / ${t.calls} / ${t.mean_ms} ms  ${t.query}`),
    ].join('\n') + '\n',
  );
}

main()
  .catch((err: unknown) => {
    process.stderr.write(`bench failed: ${err instanceof Error ? (err.stack ?? err.message) : String(err)}\n`);
    process.exitCode = 1;
  })
  .finally(() => stopAll());
