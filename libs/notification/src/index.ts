export * from './delivery-policy';
export * from './messages.service';
export * from './notification.module';
export * from './notification.repository';
export * from './transport';
export * from './dto/undelivered.dto';
