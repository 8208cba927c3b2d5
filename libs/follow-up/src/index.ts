export * from './dto/follow-up.dto';
export * from './follow-up.module';
export * from './follow-up.service';
export * from './measurements';
export * from './follow-up.read-models';
