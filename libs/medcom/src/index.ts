export * from './care-communication';
export * from './medcom-codes';
