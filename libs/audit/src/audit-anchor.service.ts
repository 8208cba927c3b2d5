import { Injectable, Logger } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { AppConfig, OnJob } from '@bro/platform';
import { DataSource } from 'typeorm';
import { anchorAuditChain } from './audit-anchors';

/** `maintenance.anchor-audit`: the worker's side of the anchors (ADR 0017). */
@Injectable()
export class AuditAnchorService {
  private readonly logger = new Logger(AuditAnchorService.name);

  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly config: AppConfig,
  ) {}

  /** Anchors the heads that moved (all with `force`); nothing without AUDIT_ANCHOR_DIR. */
  async anchor(force = false): Promise<{ anchored: number; file?: string; skipped?: string }> {
    const dir = this.config.AUDIT_ANCHOR_DIR;
    if (!dir) return { anchored: 0, skipped: 'AUDIT_ANCHOR_DIR is not set' };
    const { written, file } = await anchorAuditChain(this.dataSource, dir, { force });
    if (written.length) this.logger.log({ anchored: written.length, file }, 'audit chain heads anchored');
    return { anchored: written.length, file };
  }

  /** `maintenance.anchor-audit` (hourly, and enqueued on demand): anchors the heads that moved. A rerun writes nothing new. */
  @OnJob('maintenance.anchor-audit')
  async anchorMoved(): Promise<{ anchored: number; file?: string; skipped?: string }> {
    return this.anchor();
  }
}
