export * from './area.entity';
export * from './brobygger.entity';
export * from './matching.module';
export * from './matching.service';
