import 'reflect-metadata';
import { ConfigError, exitProcess, loadConfig } from '@bro/platform';
import { createApiApp } from './app';

async function main(): Promise<void> {
  const config = loadConfig(); // fail before anything starts, naming the variable
  const app = await createApiApp();
  await app.listen({ port: config.PORT, host: '0.0.0.0' });
}

main().catch((err: unknown) => {
  process.stderr.write(
    `bro api: ${err instanceof ConfigError ? err.message : err instanceof Error ? (err.stack ?? err.message) : String(err)}\n`,
  );
  exitProcess(1);
});
