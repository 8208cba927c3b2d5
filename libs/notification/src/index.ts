export * from './delivery-policy';
export * from './messages.service';
export * from './milestone-audience';
export * from './notification.module';
export * from './notification.repository';
export * from './referrer-feedback.service';
export * from './transport';
export * from './dto/undelivered.dto';
