import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { transactionWithRetry } from '@bro/platform';
import { DataSource } from 'typeorm';
import { CprVault } from './cpr-vault';
import { ReferralRepository } from './referral.repository';

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
    private readonly repository: ReferralRepository,
  ) {}

  async resealRetired(batchSize = 500): Promise<number> {
    let total = 0;
    for (;;) {
      const n = await transactionWithRetry(this.dataSource, async (m) => {
        const rows = await this.repository.lockSealedUnderOtherKey(m, this.vault.currentKey, batchSize);
        for (const row of rows) {
          const sealed = this.vault.seal(this.vault.open({ ciphertext: row.cpr_ciphertext, keyId: row.cpr_key_id }));
          await this.repository.reseal(m, row.id, sealed);
        }
        return rows.length;
      });
      total += n;
      if (n < batchSize) return total;
    }
  }
}
