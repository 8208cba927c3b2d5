/**
 * What one referral costs, counted (issue 20, goal 3): SQL statements, commits and Redis
 * commands from POST /v1/referrals until the referral is assigned, its first-contact
 * follow-up exists and the referrer's milestones ("received", "assigned") are sent.
 * Counts, not timings: they do not depend on how busy the machine is.
 *
 *   ./bro npm run build
 *   ./bro node bench/cost.bench.mts [--referrals 200] [--runs 2] [--concurrency 4]
 *
 * It starts its own PostgreSQL cluster (pg_stat_statements preloaded; the shared server
 * cannot load it without a restart) and its own Redis, so the counts hold Bro's work
 * only. Phases, each after resetting the counters (pg_stat_statements_reset,
 * pg_stat_reset, CONFIG RESETSTAT):
 *   intake  api alone (no worker): exactly the SQL one intake executes
 *   idle    api + worker doing nothing for a while: the background rate (polls, sweeps,
 *           blocking pops), subtracted from the flow
 *   flow    api + worker, N referrals through to the end
 * PostgreSQL publishes a backend's commit count when the backend ends, so each phase
 * ends by stopping the processes.
 */
import { performance } from 'node:perf_hooks';
import { setTimeout as sleep } from 'node:timers/promises';
import pg from 'pg';
import { arg, closedLoad, devToken, scratchBro, startBro, stopAll, until } from './kit.mts';

const N = Number(arg('referrals', '200'));
const RUNS = Number(arg('runs', '2'));
const CONCURRENCY = Number(arg('concurrency', '4'));

interface Counts {
  statements: Map<string, number>;
  /** Statements run inside functions and triggers (the audit chain), not sent by Bro. */
  nested: Map<string, number>;
  commits: number;
  rollbacks: number;
  redis: Map<string, number>;
  seconds: number;
}

const MARK = '/* bench */';

async function main(): Promise<void> {
  const bro = await scratchBro({ capacity: N * (RUNS + 2) + 100 });
  // Each of our own queries runs on a connection of its own that ends at once, so its
  // commit is published at once and can be taken off the count exactly.
  let ownQueries = 0;
  const peek = async <T = Record<string, unknown>,>(sql: string, params: unknown[] = []): Promise<T[]> => {
    const c = new pg.Client({ connectionString: bro.databaseUrl });
    await c.connect();
    try {
      return (await c.query(`${MARK} ${sql}`, params)).rows as T[];
    } finally {
      await c.end();
    }
  };
  const q = async <T = Record<string, unknown>,>(sql: string, params: unknown[] = []): Promise<T[]> => {
    ownQueries++;
    return peek<T>(sql, params);
  };

  /** Backends publish their counts at most every second while busy, after 10 s when idle: wait that out first. */
  const reset = async () => {
    await sleep(11_000);
    await q('SELECT pg_stat_statements_reset()');
    await q('SELECT pg_stat_reset()');
    bro.redis.call('CONFIG', 'RESETSTAT');
    ownQueries = 2; // the two above, published after the reset
  };
  const read = async (seconds: number): Promise<Counts> => {
    await sleep(1_000); // the last backends have reported
    const rows = await peek<{ query: string; calls: string; toplevel: boolean }>(
      `SELECT query, calls, toplevel FROM pg_stat_statements s JOIN pg_database d ON d.oid = s.dbid
        WHERE d.datname = current_database() AND query NOT LIKE '%${MARK}%'`,
    );
    const [stat] = await peek<{ xact_commit: string; xact_rollback: string }>(
      'SELECT xact_commit, xact_rollback FROM pg_stat_database WHERE datname = current_database()',
    );
    const statements = new Map<string, number>();
    const nested = new Map<string, number>();
    for (const r of rows) {
      const target = r.toplevel ? statements : nested;
      const text = r.query.replace(/\s+/g, ' ').trim();
      target.set(text, (target.get(text) ?? 0) + Number(r.calls));
    }
    const redis = new Map<string, number>();
    for (const line of bro.redis.call('INFO', 'commandstats').split('\n')) {
      const m = /^cmdstat_([^:]+):calls=(\d+)/.exec(line.trim());
      if (m && m[1] !== 'info' && m[1] !== 'config') redis.set(m[1], Number(m[2]));
    }
    return { statements, nested, commits: Number(stat.xact_commit) - ownQueries, rollbacks: Number(stat.xact_rollback), redis, seconds };
  };

  const settled = async (ids: string[]) => {
    const [r] = await q<{ ok: boolean }>(
      `SELECT (SELECT count(*) FROM referral WHERE id = ANY($1) AND status = 'assigned') = $2
          AND (SELECT count(*) FROM follow_up WHERE referral_id = ANY($1) AND kind = 'first_contact') = $2
          AND (SELECT count(*) FROM message WHERE referral_id = ANY($1) AND kind = 'referrer_milestone') = 2 * $2
          AND NOT EXISTS (SELECT 1 FROM outbox WHERE municipality_id = $3 AND done_at IS NULL) AS ok`,
      [ids, ids.length, bro.world.municipalityId],
    );
    return r.ok;
  };

  const lines: string[] = [
    `command: node bench/cost.bench.mts --referrals ${N} --runs ${RUNS} --concurrency ${CONCURRENCY}`,
    'scratch PostgreSQL (pg_stat_statements) and Redis of the bench’s own; counts per referral',
  ];

  // Phase intake: the api alone.
  {
    let api = await startBro('api', bro.env);
    const token = await devToken(api.url, bro.world.gpUsername);
    await closedLoad(api.url, token, { concurrency: 1, count: 20 });
    for (let run = 1; run <= RUNS; run++) {
      await reset();
      const t0 = performance.now();
      const load = await closedLoad(api.url, token, { concurrency: CONCURRENCY, count: N });
      await api.stop();
      const counts = await read((performance.now() - t0) / 1000);
      lines.push('', `── intake only (api, no worker), run ${run}: ${load.ids.length} referrals answered 201`);
      lines.push(...describe(counts, load.ids.length, null));
      api = await startBro('api', bro.env);
    }
    await api.stop();
  }

  // Phases idle and flow: api + worker.
  let idle: Counts | null = null;
  for (let run = 1; run <= RUNS; run++) {
    const api = await startBro('api', bro.env);
    const worker = await startBro('worker', bro.env);
    const token = await devToken(api.url, bro.world.gpUsername);
    const warm = await closedLoad(api.url, token, { concurrency: 2, count: 20 });
    await until(() => settled(warm.ids), 60_000);
    // The intake phase left referrals for the worker: all of it done before counting starts.
    await until(
      async () =>
        (await peek<{ n: number }>('SELECT count(*)::int AS n FROM outbox WHERE done_at IS NULL AND failed_at IS NULL'))[0].n === 0,
      300_000,
    );
    if (!idle) {
      await reset();
      const t0 = performance.now();
      await sleep(15_000);
      idle = await read((performance.now() - t0) / 1000);
      lines.push('', `── idle (api + worker, nothing to do), ${idle.seconds.toFixed(1)} s: per second`);
      lines.push(...describe(idle, idle.seconds, null));
    }
    await reset();
    const t0 = performance.now();
    const load = await closedLoad(api.url, token, { concurrency: CONCURRENCY, count: N });
    const done = await until(() => settled(load.ids), 120_000);
    const seconds = (performance.now() - t0) / 1000;
    await worker.stop();
    await api.stop();
    const counts = await read(seconds);
    lines.push(
      '',
      `── flow (api + worker), run ${run}: ${load.ids.length} referrals ${done ? 'assigned, follow-ups made, milestones sent' : 'NOT all settled in 120 s'} in ${seconds.toFixed(1)} s`,
    );
    lines.push(...describe(counts, load.ids.length, idle));
  }
  process.stdout.write(`${lines.join('\n')}\n`);
}

/** Per-unit figures: total and per statement/command, less the idle rate × duration when given. */
function describe(c: Counts, per: number, idle: Counts | null): string[] {
  const scale = (n: number, idleN: number) => (n - (idle ? (idleN / idle.seconds) * c.seconds : 0)) / per;
  const fmt = (n: number) => (Math.abs(n) < 0.05 ? '0' : n.toFixed(2));
  const sum = (m: Map<string, number>) => [...m.values()].reduce((a, b) => a + b, 0);
  const out = [
    `   SQL statements (top level): ${fmt(scale(sum(c.statements), idle ? sum(idle.statements) : 0))}   in triggers/functions: ${fmt(scale(sum(c.nested), idle ? sum(idle.nested) : 0))}`,
    `   commits: ${fmt(scale(c.commits, idle?.commits ?? 0))}   rollbacks: ${fmt(scale(c.rollbacks, idle?.rollbacks ?? 0))}`,
    `   Redis commands: ${fmt(scale(sum(c.redis), idle ? sum(idle.redis) : 0))}  (${[...c.redis]
      .map(([k, v]) => [k, scale(v, idle?.redis.get(k) ?? 0)] as const)
      .filter(([, v]) => Math.abs(v) >= 0.05)
      .sort((a, b) => b[1] - a[1])
      .map(([k, v]) => `${k} ${fmt(v)}`)
      .join(', ')})`,
    '   statements:',
  ];
  // Top-level statements, then what triggers and functions run inside them (the audit chain, index expressions).
  const perUnit = (counts: Map<string, number>, idleCounts?: Map<string, number>) =>
    [...counts]
      .map(([text, n]) => [text, scale(n, idleCounts?.get(text) ?? 0)] as const)
      .filter(([, v]) => Math.abs(v) >= 0.05)
      .sort((a, b) => b[1] - a[1])
      .map(([text, v]) => `     ${fmt(v).padStart(6)}  ${text.length > 150 ? `${text.slice(0, 147)}...` : text}`);
  out.push(...perUnit(c.statements, idle?.statements));
  const nested = perUnit(c.nested, idle?.nested);
  if (nested.length) out.push('   in triggers/functions:', ...nested);
  return out;
}

main()
  .catch((err: unknown) => {
    process.stderr.write(`bench failed: ${err instanceof Error ? (err.stack ?? err.message) : String(err)}\n`);
    process.exitCode = 1;
  })
  .finally(() => stopAll());
