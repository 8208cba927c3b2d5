export * from './audit-log.entity';
export * from './audit.module';
export * from './audit.service';
export * from './audit-chain';
export * from './audit-anchors';
export * from './audit-anchor.service';
export * from './audit.repository';
export * from './audit-chain-linker';
