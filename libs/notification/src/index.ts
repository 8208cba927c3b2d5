export * from './messages.service';
export * from './notification.module';
export * from './transport';
