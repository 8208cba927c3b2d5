export * from './bro-process';
export * from './ledger';
export * from './scenario';
export * from './services';
