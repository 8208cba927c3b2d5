import { ChildProcess, spawn } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { createServer, Server, Socket } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';
import { Cluster, Redis } from 'ioredis';

/**
 * What the fault suite starts, it stops: every child process and server registers
 * here, `stopEverything()` runs in each file's afterAll, and a last-resort exit hook
 * kills any child still alive if the test process itself dies. The shared PostgreSQL
 * and Redis are never touched: the suite breaks only servers of its own.
 */
const children = new Set<ChildProcess>();
const closers = new Set<() => Promise<void>>();
process.once('exit', () => {
  for (const c of children) c.kill('SIGKILL');
});

export function track(child: ChildProcess): ChildProcess {
  children.add(child);
  child.once('exit', () => children.delete(child));
  return child;
}

export function onStop(close: () => Promise<void>): void {
  closers.add(close);
}

export async function stopEverything(): Promise<void> {
  for (const close of [...closers].reverse()) await close().catch(() => undefined);
  closers.clear();
  await Promise.all([...children].map((c) => killAndWait(c, 'SIGKILL')));
}

/** Sends `signal` and waits for the exit: the exit code, or the signal that ended the process. */
export async function killAndWait(child: ChildProcess, signal: NodeJS.Signals): Promise<{ code: number | null; signal: string | null }> {
  if (child.exitCode !== null || child.signalCode !== null) return { code: child.exitCode, signal: child.signalCode };
  const exited = new Promise<{ code: number | null; signal: string | null }>((resolve) =>
    child.once('exit', (code, sig) => resolve({ code, signal: sig })),
  );
  child.kill(signal);
  return exited;
}

export function tempDir(label: string): string {
  const dir = mkdtempSync(join(tmpdir(), `bro-faults-${label}-`));
  onStop(async () => rmSync(dir, { recursive: true, force: true }));
  return dir;
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

/** What the ledger needs of a Redis: a short-lived read connection (one server or a cluster). */
export interface RedisReader {
  with<T>(fn: (client: Redis | Cluster) => Promise<T>): Promise<T>;
}

/** A Redis of the suite's own (no persistence), which tests may flush, stop, restart and reconfigure. */
export class DedicatedRedis implements RedisReader {
  private child?: ChildProcess;
  readonly url: string;

  private constructor(readonly port: number) {
    this.url = `redis://127.0.0.1:${port}`;
  }

  static async start(): Promise<DedicatedRedis> {
    const redis = new DedicatedRedis(await freePort());
    onStop(() => redis.stop());
    await redis.restart();
    return redis;
  }

  /** Starts (again) empty, as a Redis without persistence comes back from a restart. */
  async restart(): Promise<void> {
    if (this.child) throw new Error('redis is running');
    this.child = track(
      spawn(
        'redis-server',
        ['--port', String(this.port), '--bind', '127.0.0.1', '--save', '', '--appendonly', 'no', '--maxmemory-policy', 'noeviction'],
        { stdio: 'ignore' },
      ),
    );
    for (let i = 0; i < 100; i++) {
      if (await this.ping()) return;
      await sleep(50);
    }
    throw new Error(`redis on ${this.port} did not start`);
  }

  /** SHUTDOWN NOSAVE: gone at once, nothing kept. */
  async stop(): Promise<void> {
    const child = this.child;
    if (!child) return;
    this.child = undefined;
    await this.command(['SHUTDOWN', 'NOSAVE']).catch(() => undefined);
    await Promise.race([new Promise((r) => child.once('exit', r)), sleep(3_000)]);
    await killAndWait(child, 'SIGKILL');
  }

  async command(args: [string, ...(string | number)[]]): Promise<unknown> {
    const client = new Redis(this.url, {
      lazyConnect: true,
      maxRetriesPerRequest: 0,
      enableOfflineQueue: false,
      retryStrategy: () => null,
    });
    client.on('error', () => undefined);
    try {
      await client.connect();
      return await client.call(...args);
    } finally {
      client.disconnect();
    }
  }

  /** Reads with one short-lived connection. */
  async with<T>(fn: (client: Redis) => Promise<T>): Promise<T> {
    const client = new Redis(this.url, { lazyConnect: true, maxRetriesPerRequest: 0, retryStrategy: () => null });
    client.on('error', () => undefined);
    try {
      await client.connect();
      return await fn(client);
    } finally {
      client.disconnect();
    }
  }

  private async ping(): Promise<boolean> {
    return this.command(['PING']).then(
      (r) => r === 'PONG',
      () => false,
    );
  }
}

/**
 * A Redis Cluster of the suite's own: `masters` redis-server processes with
 * `--cluster-enabled yes` on loopback ports (configuration files in a temporary
 * directory, no persistence), joined with `redis-cli --cluster create`, no replicas.
 */
export class RedisCluster implements RedisReader {
  private readonly children: ChildProcess[] = [];

  private constructor(
    readonly ports: number[],
    private readonly dir: string,
  ) {}

  static async start(masters = 3): Promise<RedisCluster> {
    const ports: number[] = [];
    while (ports.length < masters) {
      const port = await clusterPort();
      if (!ports.includes(port)) ports.push(port);
    }
    const cluster = new RedisCluster(ports, tempDir('redis-cluster'));
    onStop(() => cluster.stop());
    for (const port of ports) {
      cluster.children.push(
        track(
          spawn(
            'redis-server',
            [
              ...['--port', String(port), '--bind', '127.0.0.1', '--dir', cluster.dir],
              ...['--cluster-enabled', 'yes', '--cluster-config-file', `nodes-${port}.conf`, '--cluster-node-timeout', '5000'],
              ...['--save', '', '--appendonly', 'no', '--maxmemory-policy', 'noeviction'],
            ],
            { stdio: 'ignore' },
          ),
        ),
      );
    }
    for (const port of ports) await waitForValue(`redis ${port} to answer`, () => command(port, ['PING']), 10_000, 50);
    const create = await run('redis-cli', [
      '--cluster',
      'create',
      ...ports.map((p) => `127.0.0.1:${p}`),
      '--cluster-replicas',
      '0',
      '--cluster-yes',
    ]);
    if (create.code !== 0) throw new Error(`redis-cli --cluster create failed (${create.code}): ${create.output.slice(-500)}`);
    for (const port of ports) {
      await waitForValue(
        `cluster_state:ok on ${port}`,
        async () => /cluster_state:ok/.test(String(await command(port, ['CLUSTER', 'INFO']))),
        20_000,
        100,
      );
    }
    return cluster;
  }

  /** The seed nodes, as REDIS_CLUSTER_NODES wants them. */
  get nodes(): string {
    return this.ports.map((p) => `redis://127.0.0.1:${p}`).join(',');
  }

  async with<T>(fn: (client: Cluster) => Promise<T>): Promise<T> {
    const client = new Cluster(
      this.ports.map((port) => ({ host: '127.0.0.1', port })),
      { lazyConnect: true, clusterRetryStrategy: () => null },
    );
    client.on('error', () => undefined);
    try {
      await client.connect();
      return await fn(client);
    } finally {
      client.disconnect();
    }
  }

  /** How many keys each master holds (DBSIZE), in port order. */
  async keysPerMaster(): Promise<number[]> {
    return Promise.all(this.ports.map(async (port) => Number(await command(port, ['DBSIZE']))));
  }

  async stop(): Promise<void> {
    await Promise.all(this.children.map((c) => killAndWait(c, 'SIGKILL')));
  }
}

/** A free port whose cluster bus port (+10000) is free as well. */
async function clusterPort(): Promise<number> {
  for (;;) {
    const port = 20_000 + Math.floor(Math.random() * 20_000);
    if ((await portFree(port)) && (await portFree(port + 10_000))) return port;
  }
}

function portFree(port: number): Promise<boolean> {
  return new Promise((resolve) => {
    const s = createServer()
      .once('error', () => resolve(false))
      .listen(port, '127.0.0.1', () => s.close(() => resolve(true)));
  });
}

async function command(port: number, args: [string, ...(string | number)[]]): Promise<unknown> {
  const client = new Redis({
    port,
    host: '127.0.0.1',
    lazyConnect: true,
    maxRetriesPerRequest: 0,
    enableOfflineQueue: false,
    retryStrategy: () => null,
  });
  client.on('error', () => undefined);
  try {
    await client.connect();
    return await client.call(...args);
  } finally {
    client.disconnect();
  }
}

function run(cmd: string, args: string[]): Promise<{ code: number | null; output: string }> {
  return new Promise((resolve) => {
    const child = spawn(cmd, args, { stdio: ['ignore', 'pipe', 'pipe'] });
    let output = '';
    child.stdout.on('data', (d: Buffer) => (output += d.toString()));
    child.stderr.on('data', (d: Buffer) => (output += d.toString()));
    child.on('exit', (code) => resolve({ code, output }));
  });
}

/**
 * A TCP proxy in front of a server. `outage()` is a restart or a network partition
 * as clients see it: every open connection is cut mid-transaction and new ones are
 * refused until `restore()`. In front of the shared PostgreSQL it stands in for a
 * PostgreSQL restart — the shared server itself is never touched (ADR 0011).
 */
export class FaultProxy {
  private server?: Server;
  private readonly sockets = new Set<Socket>();
  port = 0;

  constructor(
    private readonly targetHost: string,
    private readonly targetPort: number,
  ) {}

  static async start(target: URL, defaultPort: number): Promise<FaultProxy> {
    const proxy = new FaultProxy(target.hostname, Number(target.port || defaultPort));
    proxy.port = await freePort();
    onStop(() => proxy.outage());
    await proxy.restore();
    return proxy;
  }

  /** `target` (a postgres:// or redis:// URL) through the proxy. */
  url(target: URL | string): string {
    const u = new URL(target);
    u.host = `127.0.0.1:${this.port}`;
    return u.toString();
  }

  async outage(): Promise<void> {
    const server = this.server;
    this.server = undefined;
    for (const s of this.sockets) s.destroy();
    this.sockets.clear();
    if (server) await new Promise<void>((resolve) => server.close(() => resolve()));
  }

  async restore(): Promise<void> {
    if (this.server) return;
    const server = createServer((client) => {
      const upstream = new Socket();
      this.sockets.add(client).add(upstream);
      const drop = () => {
        client.destroy();
        upstream.destroy();
        this.sockets.delete(client);
        this.sockets.delete(upstream);
      };
      client.on('error', drop).on('close', drop);
      upstream.on('error', drop).on('close', drop);
      upstream.connect(this.targetPort, this.targetHost, () => {
        client.pipe(upstream);
        upstream.pipe(client);
      });
    });
    await new Promise<void>((resolve, reject) => server.once('error', reject).listen(this.port, '127.0.0.1', () => resolve()));
    this.server = server;
  }
}

/** Polls until `probe` is truthy; fails naming what it waited for. */
export async function waitForValue<T>(what: string, probe: () => Promise<T>, timeoutMs = 30_000, everyMs = 100): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const value = await probe().catch(() => undefined);
    if (value) return value;
    if (Date.now() > deadline) throw new Error(`timed out after ${timeoutMs} ms waiting for ${what}`);
    await sleep(everyMs);
  }
}
