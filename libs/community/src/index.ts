export * from './community.module';
export * from './community.repository';
export * from './dto/community.dto';
export * from './handover.service';
export * from './link-token';
export * from './offer-check.service';
