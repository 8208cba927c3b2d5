export * from './directory.service';
export * from './dto/directory.dto';
export * from './directory.module';
export * from './offer.entity';
export * from './organisation.entity';
