export * from './apps';
export * from './factories';
export * from './wait';
export * from './fhir';
export * from './shape';
export * from './sms-gateway';
export * from './medcom';
export * from './delivery';
