import { Module } from '@nestjs/common';
import { TypeOrmModule } from '@nestjs/typeorm';
import { AuditLogEntry } from './audit-log.entity';
import { AuditAnchorService } from './audit-anchor.service';
import { AuditService } from './audit.service';
import { AuditChainMonitor } from './audit-chain-monitor';

@Module({
  imports: [TypeOrmModule.forFeature([AuditLogEntry])],
  providers: [AuditService, AuditAnchorService, AuditChainMonitor],
  exports: [AuditService, AuditAnchorService],
})
export class AuditModule {}
