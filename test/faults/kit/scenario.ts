import { randomInt, randomUUID } from 'node:crypto';
import { setTimeout as sleep } from 'node:timers/promises';
import { Pool } from 'pg';
import type { DataSource } from 'typeorm';
import { createArea, createBrobygger, createMunicipality, createUser, referralBody, TestUser } from '../../kit/factories';
import { BroProcess } from './bro-process';
import { computeLedger, Ledger } from './ledger';
import { DedicatedRedis, onStop, FaultProxy, RedisCluster, RedisReader, tempDir } from './services';

export interface Acknowledged {
  id: string;
  key: string;
  /** The exact body sent, so the Idempotency-Key can be replayed. */
  body: string;
  attempts: number;
}

/**
 * One fault test's world: its own Redis (or Redis Cluster), optionally a fault proxy
 * in front of the shared PostgreSQL, the file's own database with a municipality, an
 * area, brobyggere with room for every referral, a GP and a coordinator; the api(s)
 * and worker(s) as child processes; and a load generator that remembers every 201
 * (spreading its requests over the apis, as a load balancer would).
 */
export class Scenario {
  readonly acknowledged: Acknowledged[] = [];
  readonly workers: BroProcess[] = [];
  readonly apis: BroProcess[] = [];
  municipalityId!: string;
  gp!: TestUser;
  coordinator!: TestUser;
  brobyggerIds: string[] = [];
  private readonly tokens = new Map<string, string>();
  private cprSerial = 0;
  private cprDate = '';

  private constructor(
    readonly label: string,
    readonly dir: string,
    readonly db: Pool,
    private readonly dedicatedRedis: DedicatedRedis | undefined,
    readonly cluster: RedisCluster | undefined,
    readonly proxy: FaultProxy | undefined,
    readonly redisProxy: FaultProxy | undefined,
    readonly prefix: string,
    readonly env: Record<string, string>,
  ) {}

  static async create(
    label: string,
    opts: {
      pgProxy?: boolean;
      redisProxy?: boolean;
      brobyggere?: number;
      capacity?: number;
      env?: Record<string, string>;
      workers?: number;
      apis?: number;
      /** Three masters of a Redis Cluster instead of one Redis; the queue prefix gets a hash tag. */
      cluster?: boolean;
    } = {},
  ): Promise<Scenario> {
    const dir = tempDir(label);
    const database = new URL(process.env.DATABASE_URL!);
    const db = new Pool({ connectionString: database.toString(), max: 4 });
    db.on('error', () => undefined); // a connection cut when the file's database is dropped
    onStop(() => db.end());
    const cluster = opts.cluster ? await RedisCluster.start(3) : undefined;
    const redis = cluster ? undefined : await DedicatedRedis.start();
    const proxy = opts.pgProxy ? await FaultProxy.start(database, 5432) : undefined;
    const redisProxy = opts.redisProxy && redis ? await FaultProxy.start(new URL(redis.url), 6379) : undefined;
    const prefix = cluster ? `{bro-fault-${label}}` : `bro-fault-${label}`;
    const env = {
      DATABASE_URL: proxy ? proxy.url(database) : database.toString(),
      DATABASE_POOL_SIZE: '5',
      ...(cluster ? { REDIS_CLUSTER_NODES: cluster.nodes } : { REDIS_URL: redisProxy ? redisProxy.url(redis!.url) : redis!.url }),
      QUEUE_PREFIX: prefix,
      OUTBOX_POLL_MS: '50',
      MATCHING_SWEEP_MS: '2000',
      OUTBOX_LOST_AFTER_MS: '4000',
      JOB_LOCK_MS: '4000',
      SHUTDOWN_DEADLINE_MS: '10000',
      // Load from one GP, with retries and replays: the rate limits are not under test here.
      RATE_LIMIT_INTAKE_PER_MINUTE: '1000000',
      RATE_LIMIT_TOKEN_PER_MINUTE: '1000000',
      ...opts.env,
    };
    const s = new Scenario(label, dir, db, redis, cluster, proxy, redisProxy, prefix, env);
    await s.seed(opts.brobyggere ?? 4, opts.capacity ?? 100);
    for (let i = 0; i < (opts.apis ?? 1); i++) s.apis.push(await BroProcess.create('api', i === 0 ? 'api' : `api${i + 1}`, dir, env));
    for (let i = 0; i < (opts.workers ?? 1); i++) s.workers.push(await BroProcess.create('worker', `worker${i + 1}`, dir, env));
    return s;
  }

  get worker(): BroProcess {
    return this.workers[0];
  }

  get api(): BroProcess {
    return this.apis[0];
  }

  /** The scenario's one Redis (not in cluster mode). */
  get redis(): DedicatedRedis {
    if (!this.dedicatedRedis) throw new Error('this scenario runs on a Redis Cluster (see .cluster)');
    return this.dedicatedRedis;
  }

  /** Where the ledger reads job hashes: the Redis or the cluster. */
  get store(): RedisReader {
    return this.cluster ?? this.redis;
  }

  private async seed(brobyggere: number, capacity: number): Promise<void> {
    // The kit's factories take a DataSource; they only use query(sql, params) → rows.
    const ds = { query: async (sql: string, params?: unknown[]) => (await this.db.query(sql, params)).rows } as unknown as DataSource;
    this.municipalityId = await createMunicipality(ds, `Fejlkommune ${this.label}`);
    const area = await createArea(ds, this.municipalityId, ['4000']);
    for (let i = 0; i < brobyggere; i++)
      this.brobyggerIds.push((await createBrobygger(ds, this.municipalityId, [area], capacity)).brobyggerId);
    this.gp = await createUser(ds, this.municipalityId, 'referrer');
    this.coordinator = await createUser(ds, this.municipalityId, 'coordinator');
  }

  async token(user: TestUser): Promise<string> {
    let token = this.tokens.get(user.username);
    if (!token) {
      const res = await fetch(this.api.url('/v1/auth/dev-token'), {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({ username: user.username }),
      });
      if (res.status !== 201 && res.status !== 200) throw new Error(`dev-token answered ${res.status}`);
      token = ((await res.json()) as { accessToken: string }).accessToken;
      this.tokens.set(user.username, token);
    }
    return token;
  }

  /** A CPR no other referral of this scenario has (so no referral is linked to another). */
  private nextCpr(): string {
    if (!this.cprDate || this.cprSerial >= 4000) {
      this.cprDate = `${String(randomInt(1, 29)).padStart(2, '0')}${String(randomInt(1, 13)).padStart(2, '0')}${String(randomInt(30, 100)).padStart(2, '0')}`;
      this.cprSerial = 0;
    }
    return `${this.cprDate}${String(this.cprSerial++).padStart(4, '0')}`;
  }

  /**
   * POSTs `count` referrals, `concurrency` at a time. With `retry`, a failed attempt
   * (network error or 5xx) is sent again with the same Idempotency-Key until a 201
   * or `retryForMs` runs out, as a GP system would. Returns the answers that were not
   * 201 (without retry they count as failures of the test).
   */
  async submit(count: number, opts: { concurrency?: number; retry?: boolean; retryForMs?: number } = {}): Promise<string[]> {
    const token = await this.token(this.gp);
    const failures: string[] = [];
    let next = 0;
    let sent = 0;
    const one = async (): Promise<void> => {
      const key = `fault-${randomUUID()}`;
      const body = JSON.stringify(referralBody({ cpr: this.nextCpr() }));
      const deadline = Date.now() + (opts.retryForMs ?? 60_000);
      for (let attempt = 1; ; attempt++) {
        const api = this.apis.filter((a) => a.running)[sent++ % Math.max(1, this.apis.filter((a) => a.running).length)] ?? this.api;
        const outcome = await this.post('/v1/referrals', token, body, key, api);
        if (outcome.status === 201) {
          this.acknowledged.push({ id: outcome.body.id, key, body, attempts: attempt });
          return;
        }
        failures.push(outcome.status === 0 ? `network: ${outcome.body}` : String(outcome.status));
        if (!opts.retry || Date.now() > deadline) return;
        await sleep(Math.min(200 * attempt, 1_000));
      }
    };
    const runners = Array.from({ length: opts.concurrency ?? 8 }, async () => {
      while (next < count) {
        next += 1;
        await one();
      }
    });
    await Promise.all(runners);
    return failures;
  }

  async post(path: string, token: string, body: string, key?: string, api = this.api): Promise<{ status: number; body: any }> {
    try {
      const res = await fetch(api.url(path), {
        method: 'POST',
        headers: { 'content-type': 'application/json', authorization: `Bearer ${token}`, ...(key ? { 'idempotency-key': key } : {}) },
        body,
        signal: AbortSignal.timeout(15_000),
      });
      const text = await res.text();
      return { status: res.status, body: text.startsWith('{') ? JSON.parse(text) : text };
    } catch (err) {
      return { status: 0, body: err instanceof Error ? err.message : String(err) };
    }
  }

  async getAs(user: TestUser, path: string): Promise<{ status: number; body: any }> {
    const res = await fetch(this.api.url(path), { headers: { authorization: `Bearer ${await this.token(user)}` } });
    return { status: res.status, body: await res.json() };
  }

  async ledger(faultEndedAt?: number): Promise<Ledger> {
    return computeLedger(
      this.db,
      this.municipalityId,
      this.acknowledged.map((a) => a.id),
      { faultEndedAt, redis: this.store, prefix: this.prefix },
    );
  }

  /** Waits until nothing acknowledged is lost and every outbox row is done; returns the ledger then (or at the timeout). */
  async settle(timeoutMs: number, faultEndedAt?: number): Promise<Ledger> {
    const deadline = Date.now() + timeoutMs;
    for (;;) {
      const l = await computeLedger(
        this.db,
        this.municipalityId,
        this.acknowledged.map((a) => a.id),
      );
      if ((l.lost === 0 && l.outboxNotDone === 0) || Date.now() > deadline) return this.ledger(faultEndedAt);
      await sleep(250);
    }
  }
}
