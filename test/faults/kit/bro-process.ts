import { ChildProcess, spawn } from 'node:child_process';
import { closeSync, openSync } from 'node:fs';
import { join } from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';
import { freePort, killAndWait, track } from './services';

const ROOT = join(__dirname, '..', '..', '..');
const ENTRY = { api: 'dist/apps/api/src/main.js', worker: 'dist/apps/worker/src/main.js' } as const;

/**
 * The built api or worker as a real child process (`npm run build` first; the suite's
 * npm script does it), production style except for NODE_ENV=test and dev auth. Its
 * output goes to a file in the scenario's directory.
 */
export class BroProcess {
  private child?: ChildProcess;
  readonly port: number;
  private starts = 0;

  private constructor(
    readonly kind: keyof typeof ENTRY,
    readonly name: string,
    private readonly dir: string,
    port: number,
    private env: Record<string, string>,
  ) {
    this.port = port;
  }

  static async create(kind: keyof typeof ENTRY, name: string, dir: string, env: Record<string, string>): Promise<BroProcess> {
    return new BroProcess(kind, name, dir, await freePort(), env);
  }

  get pid(): number | undefined {
    return this.child?.pid;
  }

  get running(): boolean {
    return !!this.child && this.child.exitCode === null && this.child.signalCode === null;
  }

  /** Starts the process; with `waitLive`, returns once /health/live answers. */
  async start(extraEnv: Record<string, string> = {}, waitLive = true): Promise<void> {
    if (this.running) throw new Error(`${this.name} is running`);
    this.env = { ...this.env, ...extraEnv };
    this.starts += 1;
    const out = openSync(join(this.dir, `${this.name}.out`), 'a');
    const portVar = this.kind === 'api' ? 'PORT' : 'WORKER_PORT';
    this.child = track(
      spawn(process.execPath, [ENTRY[this.kind]], {
        cwd: ROOT,
        env: {
          PATH: process.env.PATH ?? '',
          NODE_ENV: 'test',
          AUTH_MODE: 'dev',
          LOG_LEVEL: 'info',
          LOG_FILE: join(this.dir, `${this.name}.log`),
          ...this.env,
          [portVar]: String(this.port),
        },
        stdio: ['ignore', out, out],
      }),
    );
    closeSync(out);
    if (waitLive) await this.waitLive();
  }

  // 90 s: on a busy shared machine (load 15–25 on 2 cores) a start-up alone took 35–40 s.
  async waitLive(timeoutMs = 90_000): Promise<void> {
    const deadline = Date.now() + timeoutMs;
    while (Date.now() < deadline) {
      if (!this.running) throw new Error(`${this.name} exited during start-up (see ${join(this.dir, `${this.name}.out`)})`);
      if ((await this.get('/health/live').catch(() => null))?.status === 200) return;
      await sleep(100);
    }
    throw new Error(`${this.name} was not live within ${timeoutMs} ms`);
  }

  /** Sends `signal` and waits for the exit; returns the exit code (or ending signal) and how long it took. */
  async stop(signal: NodeJS.Signals = 'SIGTERM'): Promise<{ code: number | null; signal: string | null; ms: number }> {
    const child = this.child;
    if (!child) return { code: null, signal: null, ms: 0 };
    const started = Date.now();
    const exit = await killAndWait(child, signal);
    this.child = undefined;
    return { ...exit, ms: Date.now() - started };
  }

  async get(path: string): Promise<{ status: number; body: any }> {
    const res = await fetch(`http://127.0.0.1:${this.port}${path}`, { signal: AbortSignal.timeout(5_000) });
    const text = await res.text();
    return { status: res.status, body: text.startsWith('{') ? JSON.parse(text) : text };
  }

  async ready(): Promise<boolean> {
    return (await this.get('/health/ready').catch(() => ({ status: 0 }))).status === 200;
  }

  url(path: string): string {
    return `http://127.0.0.1:${this.port}${path}`;
  }
}
