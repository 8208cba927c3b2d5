import { Queue, QueueEvents, Worker } from 'bullmq';
import { randomUUID } from 'node:crypto';
import pg from 'pg';
import { DataSource } from 'typeorm';
import { dataSourceOptions } from '../database/data-source-options';
import { QUEUE_NAMES, QueueName } from './jobs';
import { OUTBOX_CHANNEL } from './outbox';
import { addAllToOutbox, addToOutbox } from './outbox.repository';
import { OutboxRelay } from './outbox-relay';
import { OutboxWakeups } from './outbox-wakeups';
import { redisOptions } from './redis-options';

const REDIS_URL = process.env.REDIS_URL ?? 'redis://127.0.0.1:6379';

/** Waits for a condition of the relay's own state (checked every 5 ms), failing after 5 s. */
async function waitUntil(what: string, condition: () => boolean): Promise<void> {
  const deadline = Date.now() + 5_000;
  while (!condition()) {
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 5));
  }
}
/** A port where nothing listens: Redis "down". */
const DEAD_REDIS = 'redis://127.0.0.1:1';

describe('OutboxRelay (real PostgreSQL and Redis)', () => {
  let ds: DataSource;
  let municipalityId: string;
  const prefix = `${process.env.QUEUE_PREFIX}-relay-${randomUUID().slice(0, 8)}`;
  const opened: Queue[] = [];

  function producers(url: string): Map<QueueName, Queue> {
    const connection = redisOptions(url, {
      enableOfflineQueue: false,
      maxRetriesPerRequest: 1,
      connectTimeout: 500,
      retryStrategy: () => null,
    });
    const map = new Map(QUEUE_NAMES.map((name) => [name, new Queue(name, { connection, prefix })] as const));
    for (const q of map.values()) {
      q.on('error', () => undefined);
      opened.push(q);
    }
    return map;
  }

  async function writeReferrals(n: number): Promise<string[]> {
    const ids: string[] = [];
    await ds.transaction(async (m) => {
      for (let i = 0; i < n; i++) {
        ids.push(await addToOutbox(m, 'matching.match', { referralId: randomUUID(), municipalityId, v: 1 }));
      }
    });
    return ids;
  }

  async function pendingOf(ids: string[]): Promise<number> {
    const [row] = await ds.query('SELECT count(*)::int AS n FROM outbox WHERE id = ANY($1) AND relayed_at IS NULL', [ids]);
    return row.n;
  }

  beforeAll(async () => {
    ds = await new DataSource(dataSourceOptions(process.env.DATABASE_URL!, 4)).initialize();
    [{ id: municipalityId }] = await ds.query("INSERT INTO municipality (code, name) VALUES ($1, 'Relay') RETURNING id", [randomUUID()]);
  });

  afterAll(async () => {
    await Promise.all(opened.map((q) => q.close().catch(() => undefined)));
    await ds.destroy();
  });

  // Rows of other tests in this database are relayed too; each test counts only its own.
  it('puts committed rows on their queue with the row id as job id, and marks them relayed', async () => {
    const queues = producers(REDIS_URL);
    const ids = await writeReferrals(5);
    const relay = new OutboxRelay(ds, queues, { batchSize: 1000, pollMs: 20, maxBackoffMs: 200 });
    await relay.relayBatch();

    expect(await pendingOf(ids)).toBe(0);
    for (const id of ids) {
      const job = await queues.get('matching')!.getJob(id);
      expect(job?.name).toBe('matching.match');
      expect(Object.keys(job!.data).sort()).toEqual(['municipalityId', 'referralId', 'v']);
      expect(job!.opts.attempts).toBeGreaterThan(1);
    }
  });

  it('adds one job when a row is relayed twice (crash between add and commit)', async () => {
    const queues = producers(REDIS_URL);
    const [id] = await writeReferrals(1);
    const relay = new OutboxRelay(ds, queues, { batchSize: 1000, pollMs: 20, maxBackoffMs: 200 });
    await relay.relayBatch();
    await ds.query('UPDATE outbox SET relayed_at = NULL WHERE id = $1', [id]);
    await relay.relayBatch();
    expect(await queues.get('matching')!.getJobCountByTypes('waiting', 'delayed', 'active', 'completed')).toBeGreaterThan(0);
    const jobs = await queues.get('matching')!.getJobs(['waiting']);
    expect(jobs.filter((j) => j.id === id)).toHaveLength(1);
  });

  it('never relays a row twice when two relays compete (FOR UPDATE SKIP LOCKED)', async () => {
    const queuesA = producers(REDIS_URL);
    const queuesB = producers(REDIS_URL);
    const ids = await writeReferrals(300);
    const addedBy = new Map<string, number>();
    for (const queues of [queuesA, queuesB]) {
      const q = queues.get('matching')!;
      const original = q.addBulk.bind(q);
      q.addBulk = async (jobs) => {
        for (const j of jobs) addedBy.set(j.opts!.jobId!, (addedBy.get(j.opts!.jobId!) ?? 0) + 1);
        return original(jobs);
      };
    }
    const a = new OutboxRelay(ds, queuesA, { batchSize: 25, pollMs: 10, maxBackoffMs: 100 });
    const b = new OutboxRelay(ds, queuesB, { batchSize: 25, pollMs: 10, maxBackoffMs: 100 });
    a.start();
    b.start();
    const deadline = Date.now() + 20_000;
    while ((await pendingOf(ids)) > 0 && Date.now() < deadline) await new Promise((r) => setTimeout(r, 25));
    await Promise.all([a.stop(), b.stop()]);

    expect(await pendingOf(ids)).toBe(0);
    for (const id of ids) expect(addedBy.get(id)).toBe(1);
  });

  it('wakes at commit on NOTIFY instead of waiting for its next poll', async () => {
    const relay = new OutboxRelay(ds, producers(REDIS_URL), { batchSize: 1000, pollMs: 10_000, maxBackoffMs: 10_000 });
    const wakeups = new OutboxWakeups(process.env.DATABASE_URL!, () => relay.wake());
    wakeups.start();
    relay.start();
    try {
      // Listening, and the relay asleep after its passes (the first one, and the one the
      // listener's start-up wake asks for): without a NOTIFY it would sleep for 10 s.
      await waitUntil('the listener in place and the relay asleep', () => wakeups.listening && relay.napping);
      const ids = await writeReferrals(3);
      const written = Date.now();
      while ((await pendingOf(ids)) > 0 && Date.now() - written < 5_000) await new Promise((r) => setTimeout(r, 10));
      expect(await pendingOf(ids)).toBe(0);
      expect(Date.now() - written).toBeLessThan(2_000);
    } finally {
      await wakeups.stop();
      await relay.stop();
    }
  });

  it('while busy holds a lease and the writers send no NOTIFY; idle again, gives it back and a write notifies (ADR 0042)', async () => {
    const relay = new OutboxRelay(ds, producers(REDIS_URL), { batchSize: 1000, pollMs: 10_000, maxBackoffMs: 10_000, idleAfterMs: 300 });
    const listener = new pg.Client({ connectionString: process.env.DATABASE_URL });
    const heard: string[] = [];
    await listener.connect();
    listener.on('notification', (n) => {
      heard.push(n.payload ?? '');
      if (n.payload === '') relay.wake();
    });
    await listener.query(`LISTEN ${OUTBOX_CHANNEL}`);
    // Notifications reach a listener in commit order: once a sentinel sent after a write has arrived, the write's would have too.
    const heardAfter = async (): Promise<string[]> => {
      const sentinel = randomUUID();
      await ds.query('SELECT pg_notify($1, $2)', [OUTBOX_CHANNEL, sentinel]);
      await waitUntil('the sentinel', () => heard.includes(sentinel));
      const before = heard.splice(0, heard.length);
      return before.filter((p) => p !== sentinel);
    };
    const relayed = async (ids: string[]) => {
      const deadline = Date.now() + 5_000;
      while ((await pendingOf(ids)) > 0 && Date.now() < deadline) await new Promise((r) => setTimeout(r, 10));
      expect(await pendingOf(ids)).toBe(0);
    };
    const leases = async () => (await ds.query('SELECT count(*)::int AS n FROM outbox_relay_lease WHERE awake_until > now()'))[0].n;
    relay.start();
    try {
      await waitUntil('the relay asleep', () => relay.napping);
      await heardAfter();
      // Idle: a write notifies, and the woken relay takes a lease.
      const first = await writeReferrals(2);
      await waitUntil('the relay busy', () => relay.busy);
      expect(await leases()).toBeGreaterThanOrEqual(1);
      expect(await heardAfter()).toEqual(['']);
      await relayed(first);
      // Busy: writes send no NOTIFY, and the relay finds them by looking.
      const second = await ds.transaction((m) =>
        addAllToOutbox(m, [{ name: 'matching.match', data: { referralId: randomUUID(), municipalityId, v: 1 } }]),
      );
      const third = await writeReferrals(1);
      await relayed([...second, ...third]);
      expect(await heardAfter()).toEqual([]);
      // Idle again: the lease is given back, and a write notifies once more.
      await waitUntil('the relay idle', () => !relay.busy && relay.napping);
      expect(await leases()).toBe(0);
      const fourth = await writeReferrals(1);
      expect(await heardAfter()).toEqual(['']);
      await relayed(fourth);
    } finally {
      await relay.stop();
      await listener.end();
    }
  });

  it('relays again a row whose job Redis lost before it completed — and not one that completed', async () => {
    const queues = producers(REDIS_URL);
    const relay = new OutboxRelay(ds, queues, { batchSize: 1000, pollMs: 20, maxBackoffMs: 100 });
    const [lost, done] = await writeReferrals(2);
    await relay.relayBatch();
    await relay.markDone(done);
    await queues.get('matching')!.remove(lost); // as a flush or an empty restart would
    await queues.get('matching')!.remove(done); // completed and cleaned up
    expect(await relay.recoverLost(0)).toBeGreaterThanOrEqual(1);
    expect(await pendingOf([lost])).toBe(1);
    expect(await pendingOf([done])).toBe(0);
    await relay.relayBatch();
    expect((await queues.get('matching')!.getJob(lost))?.id).toBe(lost);
  });

  it('marks the rows of completed jobs done together a moment later, and what is left when it stops', async () => {
    const relay = new OutboxRelay(ds, producers(REDIS_URL), { batchSize: 1000, pollMs: 20, maxBackoffMs: 100 });
    const doneOf = async (ids: string[]) =>
      Number((await ds.query('SELECT count(*)::int AS n FROM outbox WHERE id = ANY($1) AND done_at IS NOT NULL', [ids]))[0].n);
    const ids = await writeReferrals(5);
    await relay.relayBatch();
    for (const id of ids) relay.markDoneSoon(id);
    relay.markDoneSoon('matching.sweep.not-an-outbox-row'); // ignored, as markDone ignores it
    const deadline = Date.now() + 5_000;
    while ((await doneOf(ids)) < 5 && Date.now() < deadline) await new Promise((r) => setTimeout(r, 10));
    expect(await doneOf(ids)).toBe(5);

    const [late] = await writeReferrals(1);
    await relay.relayBatch();
    relay.markDoneSoon(late);
    await relay.stop(); // flushes at once
    expect(await doneOf([late])).toBe(1);
  });

  it('marks done a row whose job completed but whose done mark was lost (worker killed in between)', async () => {
    const queues = producers(REDIS_URL);
    const relay = new OutboxRelay(ds, queues, { batchSize: 1000, pollMs: 20, maxBackoffMs: 100 });
    const [id] = await writeReferrals(1);
    await relay.relayBatch();
    // A worker completes the job; the process dies before its `completed` listener marks the row.
    const events = new QueueEvents('matching', { connection: redisOptions(REDIS_URL), prefix });
    const worker = new Worker('matching', async () => 'ok', { connection: redisOptions(REDIS_URL), prefix });
    try {
      await (await queues.get('matching')!.getJob(id))!.waitUntilFinished(events, 10_000);
    } finally {
      await worker.close();
      await events.close();
    }
    expect((await ds.query('SELECT done_at FROM outbox WHERE id = $1', [id]))[0].done_at).toBeNull();
    await relay.recoverLost(0);
    const [row] = await ds.query('SELECT relayed_at, done_at FROM outbox WHERE id = $1', [id]);
    expect(row.done_at).not.toBeNull();
    expect(row.relayed_at).not.toBeNull(); // not sent again
  });

  it('prunes rows whose job completed long ago, and only those', async () => {
    const relay = new OutboxRelay(ds, producers(REDIS_URL), { batchSize: 1000, pollMs: 20, maxBackoffMs: 100 });
    const [old, recent, open] = await writeReferrals(3);
    await ds.query("UPDATE outbox SET relayed_at = now(), done_at = now() - interval '8 days' WHERE id = $1", [old]);
    await ds.query("UPDATE outbox SET relayed_at = now(), done_at = now() - interval '1 day' WHERE id = $1", [recent]);
    expect(await relay.prune(7)).toBeGreaterThanOrEqual(1);
    const left = await ds.query('SELECT id FROM outbox WHERE id = ANY($1)', [[old, recent, open]]);
    expect(left.map((r: { id: string }) => r.id).sort()).toEqual([recent, open].sort());
  });

  it('keeps rows while Redis is down, backs off without dying, and relays them once Redis is back', async () => {
    const ids = await writeReferrals(10);
    const down = new OutboxRelay(ds, producers(DEAD_REDIS), { batchSize: 1000, pollMs: 20, maxBackoffMs: 100 });
    await expect(down.relayBatch()).rejects.toThrow();
    expect(await pendingOf(ids)).toBe(10);

    down.start(); // the loop keeps failing and keeps going
    await waitUntil('three failed passes in a row', () => down.failuresInARow >= 3);
    await down.stop();
    expect(await pendingOf(ids)).toBe(10);

    const up = new OutboxRelay(ds, producers(REDIS_URL), { batchSize: 1000, pollMs: 20, maxBackoffMs: 100 });
    await up.relayBatch();
    expect(await pendingOf(ids)).toBe(0);
  });
});
