/**
 * Matching latency: the time from POST /v1/referrals to the referral being
 * `assigned`, over N referrals, against a running Bro (api + worker).
 *
 *   ./bro npm start                      # in another terminal
 *   ./bro node bench/matching.bench.mts [--referrals 200] [--rate 20] [--url http://localhost:3000]
 *
 * --rate is referrals per second (0 = all at once). Times are read from the database:
 * the referral's created_at (start of the intake transaction) to the commit-time
 * stamp of its `assigned` status change, so client and polling overhead do not count;
 * the client-side time to the 201 is reported beside it. It creates its own
 * municipality, area and brobyggere in DATABASE_URL and removes nothing: use a
 * throwaway database. Requests go to this machine only and are bounded.
 */
import { randomInt, randomUUID } from 'node:crypto';
import { performance } from 'node:perf_hooks';
import pg from 'pg';

function arg(name: string, fallback: string): string {
  const i = process.argv.indexOf(`--${name}`);
  return i > 0 ? process.argv[i + 1] : fallback;
}

const url = arg('url', 'http://localhost:3000');
const count = Number(arg('referrals', '200'));
const rate = Number(arg('rate', '20'));
const databaseUrl = process.env.DATABASE_URL ?? 'postgres://postgres@127.0.0.1:5432/bro';

const cpr = () =>
  `${String(randomInt(1, 29)).padStart(2, '0')}${String(randomInt(1, 13)).padStart(2, '0')}${String(randomInt(30, 100))}${randomInt(0, 4)}${String(randomInt(0, 1000)).padStart(3, '0')}`;
const pct = (sorted: number[], p: number) => sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))];

async function main(): Promise<void> {
  const db = new pg.Client({ connectionString: databaseUrl });
  await db.connect();
  const { rows: m } = await db.query("INSERT INTO municipality (code, name) VALUES ($1, 'Matching bench') RETURNING id", [
    `bench-${randomUUID().slice(0, 8)}`,
  ]);
  const mid: string = m[0].id;
  const { rows: area } = await db.query("INSERT INTO area (municipality_id, name) VALUES ($1, 'Bench area') RETURNING id", [mid]);
  await db.query("INSERT INTO area_postcode (municipality_id, postcode, area_id) VALUES ($1, '4000', $2)", [mid, area[0].id]);
  for (let i = 0; i < 4; i++) {
    const { rows: u } = await db.query(
      "INSERT INTO app_user (municipality_id, username, display_name, role) VALUES ($1, $2, 'Bench brobygger', 'brobygger') RETURNING id",
      [mid, `bench.b${i}.${randomUUID().slice(0, 6)}`],
    );
    const { rows: b } = await db.query('INSERT INTO brobygger (municipality_id, user_id, capacity) VALUES ($1, $2, $3) RETURNING id', [
      mid,
      u[0].id,
      Math.ceil(count / 4) + 1,
    ]);
    await db.query('INSERT INTO brobygger_area (brobygger_id, area_id) VALUES ($1, $2)', [b[0].id, area[0].id]);
  }
  const username = `bench.gp.${randomUUID().slice(0, 6)}`;
  await db.query("INSERT INTO app_user (municipality_id, username, display_name, role) VALUES ($1, $2, 'Bench GP', 'referrer')", [
    mid,
    username,
  ]);
  const { accessToken } = (await (
    await fetch(`${url}/v1/auth/dev-token`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ username }),
    })
  ).json()) as { accessToken: string };

  const ids: string[] = [];
  const toCreated: number[] = [];
  const started = performance.now();
  await Promise.all(
    Array.from({ length: count }, async (_, i) => {
      if (rate > 0) await new Promise((r) => setTimeout(r, (i * 1000) / rate));
      const t0 = performance.now();
      const res = await fetch(`${url}/v1/referrals`, {
        method: 'POST',
        headers: { 'content-type': 'application/json', authorization: `Bearer ${accessToken}` },
        body: JSON.stringify({
          citizen: { cpr: cpr(), name: 'Bench Borger', address: { street: 'Algade 1', postcode: '4000', city: 'Roskilde' } },
          reasons: ['loneliness'],
          consent: { referral: true, method: 'verbal' },
        }),
      });
      const body = (await res.json()) as { id: string };
      toCreated.push(performance.now() - t0);
      ids.push(body.id);
    }),
  );

  let pending = count;
  while (pending > 0 && performance.now() - started < 120_000) {
    const { rows } = await db.query("SELECT count(*)::int AS n FROM referral WHERE id = ANY($1) AND status <> 'assigned'", [ids]);
    pending = rows[0].n;
    if (pending > 0) await new Promise((r) => setTimeout(r, 50));
  }
  const { rows: lat } = await db.query(
    `SELECT extract(epoch FROM (s.at - r.created_at)) * 1000 AS ms
       FROM referral r JOIN referral_status_change s ON s.referral_id = r.id AND s.to_status = 'assigned'
      WHERE r.id = ANY($1)`,
    [ids],
  );
  await db.end();

  const ms = lat.map((r: { ms: string }) => Number(r.ms)).sort((a: number, b: number) => a - b);
  const created = toCreated.sort((a, b) => a - b);
  process.stdout.write(
    [
      `command: node bench/matching.bench.mts --referrals ${count} --rate ${rate} --url ${url}`,
      `assigned: ${ms.length} of ${count}${pending > 0 ? ` (${pending} not assigned after 120 s)` : ''}`,
      `POST → assigned ms: median ${pct(ms, 50).toFixed(0)}, p95 ${pct(ms, 95).toFixed(0)}, p99 ${pct(ms, 99).toFixed(0)}, max ${ms[ms.length - 1].toFixed(0)}`,
      `POST → 201 ms (client): median ${pct(created, 50).toFixed(0)}, p99 ${pct(created, 99).toFixed(0)}`,
    ].join('\n') + '\n',
  );
}

main().catch((err: unknown) => {
  process.stderr.write(`bench failed: ${err instanceof Error ? err.message : String(err)}\n`);
  process.exit(1);
});
