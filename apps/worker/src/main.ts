import 'reflect-metadata';
import { ConfigError, loadConfig } from '@bro/platform';
import { createWorkerApp } from './app';

async function main(): Promise<void> {
  const config = loadConfig();
  const app = await createWorkerApp();
  await app.listen({ port: config.WORKER_PORT, host: '0.0.0.0' });
}

main().catch((err: unknown) => {
  process.stderr.write(`bro worker: ${err instanceof ConfigError ? err.message : err instanceof Error ? (err.stack ?? err.message) : String(err)}\n`);
  process.exit(1);
});
