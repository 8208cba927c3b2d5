export * from './casework.module';
export * from './casework.service';
export * from './dto/casework.dto';
export * from './scoring';
export * from './statistics-rule';
export * from './statistics.service';
export * from './casework.read-models';
