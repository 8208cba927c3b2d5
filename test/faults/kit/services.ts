import { ChildProcess, spawn } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { createServer, Server, Socket } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';
import { Redis } from 'ioredis';

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

/** A Redis of the suite's own (no persistence), which tests may flush, stop, restart and reconfigure. */
export class DedicatedRedis {
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
