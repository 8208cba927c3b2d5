import 'reflect-metadata';
import { verifyAuditChain } from '@bro/audit';
import { dataSourceOptions, exitProcess, loadConfig } from '@bro/platform';
import { DataSource } from 'typeorm';

/**
 * `npm run audit:verify`: recomputes every municipality's audit hash chain and exits
 * 1 when any link does not hold, printing where (ids only, never personal data).
 */
async function main(): Promise<void> {
  const config = loadConfig();
  const ds = await new DataSource(dataSourceOptions(config.DATABASE_URL, 1)).initialize();
  try {
    const report = await verifyAuditChain(ds);
    for (const b of report.breaks) {
      process.stdout.write(`BROKEN municipality=${b.municipalityId} seq=${b.seq ?? '-'} audit_id=${b.auditId ?? '-'}: ${b.problem}\n`);
    }
    const intact = report.breaks.length === 0;
    process.stdout.write(
      `audit chain: ${report.rows} linked rows in ${report.municipalities} municipalities, ${report.unchained} rows outside the chain: ${intact ? 'intact' : 'BROKEN'}\n`,
    );
    if (!intact) exitProcess(1);
  } finally {
    await ds.destroy();
  }
}

main().catch((err: unknown) => {
  process.stderr.write(`${err instanceof Error ? err.message : String(err)}\n`);
  exitProcess(1);
});
