export * from './directory.service';
export * from './dto/directory.dto';
export * from './directory.module';
export * from './offer.entity';
export * from './open-referral.service';
export * from './organisation.entity';
