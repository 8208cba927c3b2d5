/**
 * Intake benchmark: POST /v1/referrals against a running Bro, then how long the
 * relay takes to put every accepted referral on the matching queue.
 *
 *   RATE_LIMIT_INTAKE_PER_MINUTE=1000000 ./bro npm start   # in another terminal (api + worker; one user sends it all)
 *   ./bro node bench/intake.bench.mts [--requests 2000] [--concurrency 20] [--url http://localhost:3000]
 *
 * It creates its own municipality and referrer in DATABASE_URL (default: the demo
 * database) and removes nothing: run it against a throwaway database. It sends a
 * bounded number of requests to this machine only and stops by itself.
 */
import { randomInt, randomUUID } from 'node:crypto';
import { performance } from 'node:perf_hooks';
import pg from 'pg';

function arg(name: string, fallback: string): string {
  const i = process.argv.indexOf(`--${name}`);
  return i > 0 ? process.argv[i + 1] : fallback;
}

const url = arg('url', 'http://localhost:3000');
const requests = Number(arg('requests', '2000'));
const concurrency = Number(arg('concurrency', '20'));
const databaseUrl = process.env.DATABASE_URL ?? 'postgres://postgres@127.0.0.1:5432/bro';

function cpr(): string {
  const d = String(randomInt(1, 29)).padStart(2, '0');
  const m = String(randomInt(1, 13)).padStart(2, '0');
  const y = String(randomInt(30, 100)).padStart(2, '0');
  return `${d}${m}${y}${randomInt(0, 4)}${String(randomInt(0, 1000)).padStart(3, '0')}`;
}

function percentile(sorted: number[], p: number): number {
  return sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))];
}

async function main(): Promise<void> {
  const db = new pg.Client({ connectionString: databaseUrl });
  await db.connect();
  const code = `bench-${randomUUID().slice(0, 8)}`;
  const { rows: m } = await db.query("INSERT INTO municipality (code, name) VALUES ($1, 'Benchmark') RETURNING id", [code]);
  const username = `bench.${randomUUID().slice(0, 8)}`;
  await db.query(
    "INSERT INTO app_user (municipality_id, username, display_name, role, organisation) VALUES ($1, $2, 'Bench GP', 'referrer', 'Bench')",
    [m[0].id, username],
  );
  const tokenRes = await fetch(`${url}/v1/auth/dev-token`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ username }),
  });
  const { accessToken } = (await tokenRes.json()) as { accessToken: string };

  const latencies: number[] = [];
  const statuses = new Map<number, number>();
  let next = 0;
  const started = performance.now();
  await Promise.all(
    Array.from({ length: concurrency }, async () => {
      while (next < requests) {
        next += 1;
        const body = {
          citizen: { cpr: cpr(), name: 'Bench Borger', address: { street: 'Algade 1', postcode: '4000', city: 'Roskilde' } },
          reasons: ['loneliness'],
          consent: { referral: true, method: 'verbal' },
        };
        const t0 = performance.now();
        const res = await fetch(`${url}/v1/referrals`, {
          method: 'POST',
          headers: { 'content-type': 'application/json', authorization: `Bearer ${accessToken}` },
          body: JSON.stringify(body),
        });
        await res.arrayBuffer();
        latencies.push(performance.now() - t0);
        statuses.set(res.status, (statuses.get(res.status) ?? 0) + 1);
      }
    }),
  );
  const elapsed = (performance.now() - started) / 1000;
  const intakeDone = performance.now();

  // Time until the relay has moved every accepted referral of this run onto the queue.
  let pending = -1;
  while (pending !== 0 && performance.now() - intakeDone < 60_000) {
    const { rows } = await db.query('SELECT count(*)::int AS n FROM outbox WHERE municipality_id = $1 AND relayed_at IS NULL', [m[0].id]);
    pending = rows[0].n;
    if (pending !== 0) await new Promise((r) => setTimeout(r, 20));
  }
  const relayLag = performance.now() - intakeDone;
  await db.end();

  latencies.sort((a, b) => a - b);
  const lines = [
    `command: node bench/intake.bench.mts --requests ${requests} --concurrency ${concurrency} --url ${url}`,
    `requests: ${requests}, concurrency: ${concurrency}, statuses: ${JSON.stringify(Object.fromEntries(statuses))}`,
    `throughput: ${(requests / elapsed).toFixed(0)} referrals/s`,
    `latency ms: p50 ${percentile(latencies, 50).toFixed(1)}, p95 ${percentile(latencies, 95).toFixed(1)}, p99 ${percentile(latencies, 99).toFixed(1)}, max ${latencies[latencies.length - 1].toFixed(1)}`,
    pending === 0
      ? `relay: all relayed ${relayLag.toFixed(0)} ms after the last 201`
      : `relay: ${pending} rows still pending after 60 s (is the worker running?)`,
  ];
  process.stdout.write(`${lines.join('\n')}\n`);
}

main().catch((err: unknown) => {
  process.stderr.write(`bench failed: ${err instanceof Error ? err.message : String(err)}\n`);
  process.exit(1);
});
