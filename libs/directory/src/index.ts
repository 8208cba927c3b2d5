export * from './directory.service';
export * from './directory.module';
export * from './offer.entity';
export * from './organisation.entity';
