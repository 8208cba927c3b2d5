import 'reflect-metadata';
import { ConfigError, exitProcess, loadConfig } from '@bro/platform';
import { createWorkerApp } from './app';

async function main(): Promise<void> {
  const config = loadConfig();
  const app = await createWorkerApp();
  await app.listen({ port: config.WORKER_PORT, host: '0.0.0.0' });
  // A hard deadline for shutdown: BullMQ's close waits for a Redis connection that
  // may never come back. Active jobs not finished by then are retried elsewhere
  // (their handlers are idempotent).
  for (const signal of ['SIGTERM', 'SIGINT'] as const) {
    process.once(signal, () => {
      setTimeout(() => {
        process.stderr.write(`bro worker: shutdown exceeded ${config.SHUTDOWN_DEADLINE_MS} ms, exiting\n`);
        exitProcess(1);
      }, config.SHUTDOWN_DEADLINE_MS).unref();
    });
  }
}

main().catch((err: unknown) => {
  process.stderr.write(
    `bro worker: ${err instanceof ConfigError ? err.message : err instanceof Error ? (err.stack ?? err.message) : String(err)}\n`,
  );
  exitProcess(1);
});
