import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { transactionWithRetry } from '@bro/platform';
import { DataSource } from 'typeorm';
import { CprVault } from './cpr-vault';

/**
 * CPR key rotation: re-seals, in batches, every CPR still sealed under a retired key
 * with the current one. Idempotent (rows already under the current key are not
 * touched) and safe beside intake (locked rows are left for the next run).
 */
@Injectable()
export class CprRotation {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly vault: CprVault,
  ) {}

  async resealRetired(batchSize = 500): Promise<number> {
    let total = 0;
    for (;;) {
      const n = await transactionWithRetry(this.dataSource, async (m) => {
        const rows: { id: string; cpr_ciphertext: string; cpr_key_id: string }[] = await m.query(
          `SELECT id, cpr_ciphertext, cpr_key_id FROM citizen
            WHERE cpr_ciphertext IS NOT NULL AND cpr_key_id <> $1 LIMIT $2 FOR UPDATE SKIP LOCKED`,
          [this.vault.currentKey, batchSize],
        );
        for (const row of rows) {
          const sealed = this.vault.seal(this.vault.open({ ciphertext: row.cpr_ciphertext, keyId: row.cpr_key_id }));
          await m.query('UPDATE citizen SET cpr_ciphertext = $2, cpr_key_id = $3 WHERE id = $1', [row.id, sealed.ciphertext, sealed.keyId]);
        }
        return rows.length;
      });
      total += n;
      if (n < batchSize) return total;
    }
  }
}
