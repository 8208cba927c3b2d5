export * from './consent-scopes';
export * from './consent.entity';
export * from './consent.module';
export * from './consent.service';
export * from './disclosure-policy';
export * from './consent.read-models';
