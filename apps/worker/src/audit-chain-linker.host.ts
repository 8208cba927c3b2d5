import { BeforeApplicationShutdown, Injectable, OnApplicationBootstrap } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { AuditChainLinker } from '@bro/audit';
import { AppConfig } from '@bro/platform';
import { DataSource } from 'typeorm';

/** Runs the audit chain linker in the worker (ADR 0042); stopped on shutdown before the database pool. */
@Injectable()
export class AuditChainLinkerHost implements OnApplicationBootstrap, BeforeApplicationShutdown {
  readonly linker: AuditChainLinker;

  constructor(@InjectDataSource() dataSource: DataSource, config: AppConfig) {
    this.linker = new AuditChainLinker(dataSource, config.AUDIT_LINK_MS);
  }

  onApplicationBootstrap(): void {
    this.linker.start();
  }

  async beforeApplicationShutdown(): Promise<void> {
    await this.linker.stop();
  }
}
