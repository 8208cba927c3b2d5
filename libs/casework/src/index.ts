export * from './casework.module';
export * from './casework.service';
export * from './dto/casework.dto';
export * from './scoring';
export * from './statistics.service';
