import { loadConfig } from '../../config/app-config';
import { exitProcess } from '../../process';
import { migrate } from '../migrator';

/** `npm run migrate`: create the database if needed and apply pending migrations. */
async function main(): Promise<void> {
  const config = loadConfig();
  const applied = await migrate(config.DATABASE_URL);
  process.stdout.write(applied.length ? `migrated: ${applied.join(', ')}\n` : 'migrations: up to date\n');
}

main().catch((err: unknown) => {
  process.stderr.write(`${err instanceof Error ? err.message : String(err)}\n`);
  exitProcess(1);
});
