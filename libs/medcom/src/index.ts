export * from './care-communication';
export * from './dto/medcom.dto';
export * from './medcom-codes';
export * from './medcom.module';
export * from './medcom.service';
export * from './messages-out';
export * from './medcom-sender';
export * from './medcom-transport';
