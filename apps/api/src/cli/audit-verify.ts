import 'reflect-metadata';
import { verifyAuditChain } from '@bro/audit';
import { dataSourceOptions, exitProcess, loadConfig } from '@bro/platform';
import { DataSource } from 'typeorm';

/**
 * `npm run audit:verify`: recomputes every municipality's audit hash chain and, with
 * AUDIT_ANCHOR_DIR set, checks it against the heads anchored there (ADR 0012, 0017);
 * exits 1 when any link does not hold, an anchored row changed or the chain was cut
 * back behind an anchor, printing where (ids only, never personal data). It reads
 * only: the npm script runs the built CLI of the installation as it is.
 */
async function main(): Promise<void> {
  const config = loadConfig();
  const ds = await new DataSource(dataSourceOptions(config.DATABASE_URL, 1)).initialize();
  try {
    const report = await verifyAuditChain(ds, { anchorDir: config.AUDIT_ANCHOR_DIR });
    for (const b of report.breaks) {
      process.stdout.write(`BROKEN municipality=${b.municipalityId} seq=${b.seq ?? '-'} audit_id=${b.auditId ?? '-'}: ${b.problem}\n`);
    }
    const intact = report.breaks.length === 0;
    const anchors = report.anchors === null ? 'no anchor directory (AUDIT_ANCHOR_DIR) set' : `${report.anchors} anchors checked`;
    process.stdout.write(
      `audit chain: ${report.rows} linked rows in ${report.municipalities} municipalities, ${report.unchained} rows outside the chain, ${report.pending} waiting to be linked, ${anchors}: ${intact ? 'intact' : 'BROKEN'}\n`,
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
