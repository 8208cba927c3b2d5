export * from './council-report';
export * from './council-report.service';
export * from './dto/council-report.dto';
export * from './estimates';
export * from './render-csv';
export * from './render-pdf';
export * from './report.module';
