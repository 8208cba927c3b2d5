export * from './capability-statement';
export * from './fhir-error';
export * from './fhir-validator';
export * from './fhir.module';
export * from './fhir.service';
export * from './referral-in';
export * from './resources-out';
export * from './systems';
