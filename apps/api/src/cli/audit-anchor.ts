import 'reflect-metadata';
import { anchorAuditChain } from '@bro/audit';
import { dataSourceOptions, exitProcess, loadConfig } from '@bro/platform';
import { DataSource } from 'typeorm';

/**
 * `npm run audit:anchor`: on demand, appends every municipality's audit chain head to
 * the anchor directory (AUDIT_ANCHOR_DIR), synced to disk — what the worker does hourly
 * for the heads that moved (ADR 0017). Prints the file and how many heads; exits 1 when
 * no directory is configured or the write fails.
 */
async function main(): Promise<void> {
  const config = loadConfig();
  if (!config.AUDIT_ANCHOR_DIR) {
    process.stderr.write('audit:anchor: set AUDIT_ANCHOR_DIR to the directory the anchors go to\n');
    exitProcess(1);
    return;
  }
  const ds = await new DataSource(dataSourceOptions(config.DATABASE_URL, 1)).initialize();
  try {
    const { written, file } = await anchorAuditChain(ds, config.AUDIT_ANCHOR_DIR, { force: true });
    process.stdout.write(`audit anchors: ${written.length} municipality heads appended to ${file}\n`);
  } finally {
    await ds.destroy();
  }
}

main().catch((err: unknown) => {
  process.stderr.write(`${err instanceof Error ? err.message : String(err)}\n`);
  exitProcess(1);
});
